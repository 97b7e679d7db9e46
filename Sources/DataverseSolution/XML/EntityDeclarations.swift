import Foundation

/// Finds entity declarations (`<!ENTITY ...>`) in a document's prolog.
///
/// Foundation's `XMLParser` on Linux drops a declared entity used in text without a word, internal
/// or external (`<Description>&xxe;</Description>` came back as an empty description), while in an
/// attribute it refuses an external one. Solution files declare no entities (they have no document
/// type declaration), so a file that does is refused before parsing, at the declaration's line.
enum EntityDeclarations {
    /// The name and line of the first `<!ENTITY` before the root element; `nil` when there is none.
    /// Only the prolog is scanned: the scan stops at the first element's `<`.
    static func first(in data: Data) -> (name: String, line: Int)? {
        if let projected = utf16Projection(data) { return first(in: projected) }
        return data.withUnsafeBytes { first(in: $0) }
    }

    private static func first<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes) -> (name: String, line: Int)?
    where Bytes.Index == Int {
        var i = 0
        var line = 1
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
            } else if b == UInt8(ascii: "<") {
                guard i + 1 < bytes.count else { return nil }
                let next = bytes[i + 1]
                if next != UInt8(ascii: "!") && next != UInt8(ascii: "?") { return nil }  // the root element
                if matches(bytes, at: i, "<!--") {
                    // A comment: skip to its end, counting its lines.
                    var j = i + 4
                    while j + 2 < bytes.count && !matches(bytes, at: j, "-->") {
                        if bytes[j] == 0x0A { line += 1 }
                        j += 1
                    }
                    i = j + 3
                    continue
                }
                if matches(bytes, at: i, "<!ENTITY") { return (name(in: bytes, after: i + 8), line) }
            }
            i += 1
        }
        return nil
    }

    private static func matches<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at i: Int, _ text: String) -> Bool
    where Bytes.Index == Int {
        let t = Array(text.utf8)
        guard i + t.count <= bytes.count else { return false }
        return bytes[i..<i + t.count].elementsEqual(t)
    }

    /// The declared name: after white space and an optional `%` (a parameter entity).
    private static func name<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, after start: Int) -> String
    where Bytes.Index == Int {
        var i = start
        func skipSpace() { while i < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "%") {
            i += 1
            skipSpace()
        }
        var name: [UInt8] = []
        while i < bytes.count && ![0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'")].contains(bytes[i])
            && name.count < 100
        {
            name.append(bytes[i])
            i += 1
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// A UTF-16 document (by its byte-order mark or its first `<`) as one byte per code unit,
    /// ASCII kept and anything else `0xFF`, so markup and line feeds are found; `nil` for any
    /// other document, which is scanned as it is (UTF-8 and single-byte encodings keep ASCII).
    private static func utf16Projection(_ data: Data) -> [UInt8]? {
        let head = Array(data.prefix(2))
        let littleEndian = head == [0xFF, 0xFE] || head == [0x3C, 0x00]
        let bigEndian = head == [0xFE, 0xFF] || head == [0x00, 0x3C]
        guard littleEndian || bigEndian else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(data.count / 2)
        var i = data.startIndex
        while i + 1 < data.endIndex {
            let unit = littleEndian ? UInt16(data[i]) | UInt16(data[i + 1]) << 8 : UInt16(data[i]) << 8 | UInt16(data[i + 1])
            out.append(unit < 0x80 ? UInt8(unit) : 0xFF)
            i += 2
        }
        return out
    }
}
