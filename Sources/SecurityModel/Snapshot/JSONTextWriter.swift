import Foundation

/// A small JSON text builder: objects whose fields are written in the order given (callers give
/// them sorted), arrays one element per line, inline objects for short rows.
struct JSONTextWriter {
    var bytes: [UInt8] = []
    /// When set, full chunks are handed to it between array elements and the buffer is reused,
    /// so a 60 MB snapshot is written with a 1 MB buffer.
    var sink: ((UnsafeRawBufferPointer) -> Void)?
    static let chunkSize = 1 << 20

    init() { bytes.reserveCapacity(1 << 16) }

    init(sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        bytes.reserveCapacity(Self.chunkSize + (1 << 16))
        self.sink = sink
    }

    /// Hands everything written so far to the sink.
    mutating func drain() {
        guard let sink, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { sink($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    struct ObjectWriter {
        var writer: JSONTextWriter
        let indent: Int
        let inline: Bool
        var count = 0

        mutating func field(_ key: String, _ value: (inout JSONTextWriter) -> Void) {
            if count > 0 { writer.bytes.append(UInt8(ascii: ",")) }
            if inline {
                if count > 0 { writer.bytes.append(0x20) }
            } else {
                writer.newline(indent)
            }
            count += 1
            writer.string(key)
            writer.bytes.append(UInt8(ascii: ":"))
            writer.bytes.append(0x20)
            value(&writer)
        }
    }

    mutating func newline(_ indent: Int) {
        bytes.append(0x0A)
        for _ in 0..<(indent * 2) { bytes.append(0x20) }
    }

    mutating func object(_ indent: Int, _ body: (inout ObjectWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        let count = withObjectWriter(indent: indent + 1, inline: false, body)
        if count > 0 { newline(indent) }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func inlineObject(_ body: (inout ObjectWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        _ = withObjectWriter(indent: 0, inline: true, body)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Lends the buffer to an object writer and takes it back, never holding two references to
    /// it (a second reference would make the next append copy the whole document).
    private mutating func withObjectWriter(indent: Int, inline: Bool, _ body: (inout ObjectWriter) -> Void) -> Int {
        var lent = JSONTextWriter(empty: ())
        swap(&lent, &self)
        var o = ObjectWriter(writer: lent, indent: indent, inline: inline)
        lent = JSONTextWriter(empty: ())
        body(&o)
        let count = o.count
        swap(&self, &o.writer)
        return count
    }

    private init(empty: Void) {}

    /// An array whose opening bracket is on a line at `indent`: elements one level deeper, the
    /// closing bracket back at `indent` (as `object` does), so nesting reads as it is.
    mutating func array<S: Sequence>(_ indent: Int, _ items: S, _ body: (inout JSONTextWriter, S.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var n = 0
        for item in items {
            if n > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(indent + 1)
            body(&self, item)
            n += 1
            if sink != nil && bytes.count >= Self.chunkSize { drain() }
        }
        if n > 0 { newline(indent) }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func stringArray(_ indent: Int, _ items: [String]) {
        array(indent, items) { w, s in w.string(s) }
    }

    mutating func stringMap(_ indent: Int, _ map: [String: String]) {
        object(indent) { o in
            for (k, v) in map.sorted(by: { $0.key < $1.key }) { o.field(k) { $0.string(v) } }
        }
    }

    mutating func levelMap(_ indent: Int, _ map: [String: AccessLevel]) {
        object(indent) { o in
            for (k, v) in map.sorted(by: { $0.key < $1.key }) { o.field(k) { $0.string(v.snapshotName) } }
        }
    }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func string(_ s: String) {
        // Invisible and C1 characters (a bidi override in a role name) are written as `\u`
        // escapes: the same text, which a terminal showing the file cannot act on. ASCII text, the
        // usual case, is not decoded: the scalars are looked at once, at the first non-ASCII byte.
        let start = bytes.count
        var decoded = false
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            if b >= 0x80 && !decoded {
                decoded = true
                if let marked = scalarsToEscape(s) {
                    bytes.removeSubrange(start...)
                    escapingInvisible(marked)
                    return
                }
            }
            escaped(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// One byte of a string's UTF-8: quote, backslash and C0 controls escaped.
    private mutating func escaped(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            bytes.append(0x5C)
            bytes.append(b)
        case 0x0A:
            bytes.append(0x5C)
            bytes.append(UInt8(ascii: "n"))
        case 0x0D:
            bytes.append(0x5C)
            bytes.append(UInt8(ascii: "r"))
        case 0x09:
            bytes.append(0x5C)
            bytes.append(UInt8(ascii: "t"))
        case 0..<0x20, 0x7F: unit(UInt32(b))
        default: bytes.append(b)
        }
    }

    /// `\uXXXX`.
    private mutating func unit(_ u: UInt32) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "u"))
        for shift: UInt32 in [12, 8, 4, 0] { bytes.append(hex[Int((u >> shift) & 0xF)]) }
    }

    /// ``string(_:)`` for text with a character to escape: each such character as `\uXXXX` (a
    /// pair of surrogates above U+FFFF), the rest as ``string(_:)`` writes it.
    private mutating func escapingInvisible(_ marked: [(scalar: Unicode.Scalar, escaped: Bool)]) {
        bytes.append(UInt8(ascii: "\""))
        for (scalar, invisible) in marked {
            if scalar.value >= 0x80 && invisible {
                escape(scalar)
            } else {
                UTF8.encode(scalar) { escaped($0) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A character written as an escape: `\uXXXX`, a pair of surrogates above U+FFFF.
    fileprivate mutating func escape(_ scalar: Unicode.Scalar) {
        guard scalar.value > 0xFFFF else { return unit(scalar.value) }
        let v = scalar.value - 0x10000
        unit(0xD800 + (v >> 10))
        unit(0xDC00 + (v & 0x3FF))
    }
}

/// JSON text made by another writer (`JSONSerialization`) with its invisible and C1 characters
/// written as `\u` escapes, as ``JSONTextWriter`` writes them: outside strings JSON has only
/// ASCII, so each such character is inside a string, where the escape means the same text.
public func escapingInvisibleCharacters(inJSON data: Data) -> Data {
    guard data.contains(where: { $0 >= 0x80 }) else { return data }
    let text = String(decoding: data, as: UTF8.self)
    // (Line feeds between values are controls too, and need nothing.)
    guard let marked = scalarsToEscape(text), marked.contains(where: { $0.scalar.value >= 0x80 && $0.escaped }) else { return data }
    var w = JSONTextWriter()
    for (scalar, invisible) in marked {
        if scalar.value >= 0x80 && invisible {
            w.escape(scalar)
        } else {
            UTF8.encode(scalar) { w.bytes.append($0) }
        }
    }
    return Data(w.bytes)
}
