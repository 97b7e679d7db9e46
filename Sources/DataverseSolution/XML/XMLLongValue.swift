import Foundation
import SecurityModel

/// The value that stopped the XML parser at its internal limit, found by a scan of the file.
///
/// libxml2 (under Foundation's `XMLParser` on Linux) refuses an attribute value or a text longer
/// than 10,000,000 bytes with error 1 and nothing else: a 20 MB role name was refused as
/// "malformed XML: the parser stopped at an internal limit", where a 1,001-character one is
/// refused with the limit dvsec documents (found by an ALM review). On that error the file is
/// scanned for its longest value, so the refusal can say which value it is, where, and the limit.
struct XMLLongValue: Equatable {
    /// The element the value belongs to (for a text, the element last opened before it).
    var element: String
    /// The attribute holding the value; `nil` for an element's text.
    var attribute: String?
    /// The element's `id` (or `fieldsecurityprofileid`) attribute when it is short, to name it.
    var id: String?
    /// The line the value starts on (1-based).
    var line: Int
    /// Its length in characters (entity references counted as written).
    var length: Int
    /// Its first 40 characters.
    var start: String

    /// The refusal, in the words of the limit dvsec documents for the value when it has one (a
    /// role or profile name, a privilege, table or column name, a description), else naming the
    /// parser's limit.
    var refusal: String {
        let shown = "'\(printable(start))…'"
        let owner = id.map { " '\(SolutionElements.normalizedId($0))'" } ?? ""
        func over(_ what: String, _ note: String, _ limit: Int) -> String {
            "\(what) of \(length) characters (\(shown)): \(note); dvsec reads at most \(limit); refused"
        }
        let texts = "far longer than a solution file holds"
        switch (element.lowercased(), attribute?.lowercased()) {
        case ("role", "name"):
            return over("Role\(owner) has a name", "Dataverse allows 100", SolutionElements.maximumNameLength)
        case ("fieldsecurityprofile", "name"):
            return over("FieldSecurityProfile\(owner) has a name", "Dataverse allows 100", SolutionElements.maximumNameLength)
        case ("fieldsecurityprofile", "description"):
            return over("FieldSecurityProfile\(owner) has a description", texts, SolutionElements.maximumTextLength)
        case ("roleprivilege", "name"):
            return DataverseName.tooLong("privilege name", start: start, length: length)
        case ("entityname", nil), ("attributename", nil), ("logicalname", nil):
            return DataverseName.tooLong(element, start: start, length: length)
        case ("entity", "name"), ("attribute", "physicalname"):
            return DataverseName.tooLong("\(element) \(attribute ?? "")", start: start, length: length)
        case ("description", nil), ("appliesto", nil), ("summaryofcoretablepermissions", nil):
            return over("\(element)", texts, SolutionElements.maximumTextLength)
        default:
            let what = attribute.map { "its '\(DataverseName.shown($0))' attribute" } ?? "its text"
            return "<\(DataverseName.shown(element))> has a value of \(length) characters in \(what) (\(shown)), "
                + "more than the XML parser reads (10,000,000 bytes): refused"
        }
    }

    /// The longest attribute value or text of an XML document (UTF-8, or UTF-16 as
    /// ``XMLProlog`` reads it), when it is longer than `minimum` bytes.
    static func longest(in data: Data, minimum: Int = 1 << 20) -> XMLLongValue? {
        let utf8: [UInt8]
        switch try? XMLProlog.encoding(of: data, file: "") {
        case .utf16(let big, _)?:
            let text = String(data: data, encoding: big ? .utf16BigEndian : .utf16LittleEndian) ?? ""
            utf8 = Array(text.utf8)
        default:
            utf8 = Array(data)
        }
        return utf8.withUnsafeBufferPointer { bytes in
            var scan = Scan(bytes: bytes, minimum: minimum)
            return scan.run()
        }
    }

    /// One pass over the bytes: tags, their attributes, texts, comments, CDATA sections and
    /// processing instructions, counting lines.
    private struct Scan {
        let bytes: UnsafeBufferPointer<UInt8>
        let minimum: Int
        var i = 0
        var line = 1
        var lastElement = ""
        var best: (element: String, attribute: String?, range: Range<Int>, line: Int, tag: Int)?
        var tagIds: [Int: String] = [:]
        var tagCount = 0

        init(bytes: UnsafeBufferPointer<UInt8>, minimum: Int) {
            self.bytes = bytes
            self.minimum = minimum
        }

        mutating func run() -> XMLLongValue? {
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "<") {
                    markup()
                } else {
                    let from = i
                    let startLine = line
                    skip(until: UInt8(ascii: "<"))
                    consider(lastElement, nil, from..<i, startLine)
                }
            }
            guard let best else { return nil }
            let value = String(decoding: bytes[best.range], as: UTF8.self)
            return XMLLongValue(
                element: best.element, attribute: best.attribute, id: tagIds[best.tag], line: best.line, length: value.count,
                start: String(value.prefix(40)))
        }

        mutating func consider(_ element: String, _ attribute: String?, _ range: Range<Int>, _ startLine: Int) {
            guard range.count > minimum, range.count > best?.range.count ?? 0 else { return }
            best = (element, attribute, range, startLine, tagCount)
        }

        /// Moves to the next `byte` (or the end), counting lines.
        mutating func skip(until byte: UInt8) {
            while i < bytes.count && bytes[i] != byte {
                if bytes[i] == 0x0A { line += 1 }
                i += 1
            }
        }

        mutating func skip(past terminator: [UInt8]) {
            while i < bytes.count && !starts(with: terminator) {
                if bytes[i] == 0x0A { line += 1 }
                i += 1
            }
            i = min(bytes.count, i + terminator.count)
        }

        func starts(with pattern: [UInt8]) -> Bool {
            guard i + pattern.count <= bytes.count else { return false }
            for (k, b) in pattern.enumerated() where bytes[i + k] != b { return false }
            return true
        }

        static func isNameEnd(_ b: UInt8) -> Bool {
            b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "=")
        }

        mutating func name() -> String {
            let from = i
            while i < bytes.count && !Self.isNameEnd(bytes[i]) { i += 1 }
            return String(decoding: bytes[from..<min(i, from + 200)], as: UTF8.self)
        }

        mutating func spaces() {
            while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) {
                if bytes[i] == 0x0A { line += 1 }
                i += 1
            }
        }

        mutating func markup() {
            if starts(with: Array("<!--".utf8)) {
                skip(past: Array("-->".utf8))
            } else if starts(with: Array("<![CDATA[".utf8)) {
                i += 9
                let from = i
                let startLine = line
                skip(past: Array("]]>".utf8))
                consider(lastElement, nil, from..<max(from, i - 3), startLine)
            } else if starts(with: Array("<?".utf8)) {
                skip(past: Array("?>".utf8))
            } else if starts(with: Array("<!".utf8)) || starts(with: Array("</".utf8)) {
                skip(past: [UInt8(ascii: ">")])
            } else {
                i += 1
                startTag()
            }
        }

        mutating func startTag() {
            tagCount += 1
            let element = name()
            lastElement = element
            while i < bytes.count {
                spaces()
                guard i < bytes.count else { return }
                if bytes[i] == UInt8(ascii: ">") || bytes[i] == UInt8(ascii: "/") {
                    skip(past: [UInt8(ascii: ">")])
                    return
                }
                let attribute = name()
                spaces()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
                    i += 1
                    continue
                }
                i += 1
                spaces()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { continue }
                let quote = bytes[i]
                i += 1
                let from = i
                let startLine = line
                skip(until: quote)
                let range = from..<i
                i = min(bytes.count, i + 1)
                if ["id", "fieldsecurityprofileid"].contains(attribute.lowercased()) && range.count <= 100 {
                    tagIds[tagCount] = String(decoding: bytes[range], as: UTF8.self)
                }
                consider(element, attribute, range, startLine)
            }
        }
    }
}
