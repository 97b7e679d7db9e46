import Foundation

/// How a solution file is laid out on disk: SolutionPackager on Windows writes a UTF-8
/// byte-order mark and CRLF line endings; tools on Linux and macOS often write neither, and
/// Notepad's "Unicode" is UTF-16 with a byte-order mark.
public struct SolutionFileStyle: Sendable, Hashable {
    /// The encodings a solution file is read in (``XMLProlog``), so the ones a replaced file keeps.
    public enum TextEncoding: Sendable, Hashable {
        case utf8
        case utf16LittleEndian
        case utf16BigEndian
    }

    /// Whether the file starts with a byte-order mark (UTF-8's, or UTF-16's in its byte order).
    public var byteOrderMark: Bool
    /// `"\r\n"` or `"\n"`.
    public var lineEnding: String
    /// Whether the last line ends with a line break (SolutionPackager writes one; some tools
    /// do not, and a replaced file keeps its choice).
    public var finalLineBreak: Bool
    /// UTF-8 (what SolutionPackager writes) or UTF-16: a replaced file keeps its encoding (an ALM
    /// review: a UTF-16 role file came back as UTF-8 without its byte-order mark).
    public var encoding: TextEncoding

    /// A style with or without a BOM, with `"\r\n"` or `"\n"` line endings, with or without a
    /// line break after the last line, in UTF-8 unless told otherwise.
    public init(byteOrderMark: Bool, lineEnding: String, finalLineBreak: Bool = true, encoding: TextEncoding = .utf8) {
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
        self.finalLineBreak = finalLineBreak
        self.encoding = encoding
    }

    /// UTF-8 BOM and CRLF, as SolutionPackager (`pac solution unpack`) writes on Windows.
    public static let windows = SolutionFileStyle(byteOrderMark: true, lineEnding: "\r\n")
    /// No BOM, LF.
    public static let unix = SolutionFileStyle(byteOrderMark: false, lineEnding: "\n")

    /// The style of existing file content; `nil` when it has no line break to tell from, or is
    /// in an encoding solution files are not in.
    public static func detect(_ data: Data) -> SolutionFileStyle? {
        guard let encoding = try? XMLProlog.encoding(of: data, file: ""), let text = text(of: data) else { return nil }
        guard let lf = text.utf8.firstIndex(of: 0x0A) else { return nil }
        let crlf = lf > text.utf8.startIndex && text.utf8[text.utf8.index(before: lf)] == 0x0D
        let final = text.utf8.last == 0x0A
        switch encoding {
        case .utf8:
            let bom = data.starts(with: [0xEF, 0xBB, 0xBF])
            return SolutionFileStyle(byteOrderMark: bom, lineEnding: crlf ? "\r\n" : "\n", finalLineBreak: final)
        case .utf16(let big, let mark):
            return SolutionFileStyle(
                byteOrderMark: mark, lineEnding: crlf ? "\r\n" : "\n", finalLineBreak: final,
                encoding: big ? .utf16BigEndian : .utf16LittleEndian)
        }
    }

    /// A file's text without its byte-order mark, decoded as the import reads it (UTF-8, or
    /// UTF-16 by its mark or first characters); `nil` for bytes in neither.
    static func text(of data: Data) -> String? {
        guard let encoding = try? XMLProlog.encoding(of: data, file: "") else { return nil }
        switch encoding {
        case .utf8:
            let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
            return String(bytes: body, encoding: .utf8)
        case .utf16(let big, let mark):
            let body = mark ? data.dropFirst(2) : data[...]
            return String(bytes: body, encoding: big ? .utf16BigEndian : .utf16LittleEndian)
        }
    }

    /// Text in this style's encoding, with its byte-order mark when it has one. A UTF-16
    /// document's XML declaration says `utf-16`, as one naming another encoding than the bytes
    /// are in is refused on import.
    func encoded(_ text: String) -> Data {
        switch encoding {
        case .utf8:
            var data = Data(byteOrderMark ? [0xEF, 0xBB, 0xBF] : [])
            data.append(contentsOf: Array(text.utf8))
            return data
        case .utf16LittleEndian, .utf16BigEndian:
            let big = encoding == .utf16BigEndian
            var text = text
            if let declaration = text.range(of: "encoding=\"utf-8\""), text[..<declaration.lowerBound].firstIndex(of: "\n") == nil {
                text.replaceSubrange(declaration, with: "encoding=\"utf-16\"")
            }
            var data = Data(byteOrderMark ? (big ? [0xFE, 0xFF] : [0xFF, 0xFE]) : [])
            data.reserveCapacity(2 + 2 * text.utf16.count)
            for unit in text.utf16 {
                let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
                data.append(contentsOf: big ? [high, low] : [low, high])
            }
            return data
        }
    }
}

/// Builds an indented XML document line by line, the way .NET's XmlWriter lays out solution
/// files: two-space indentation, `<Empty />` with a space, attributes in the order given.
struct XMLDocumentText {
    private(set) var lines: [String] = ["<?xml version=\"1.0\" encoding=\"utf-8\"?>"]

    mutating func line(_ depth: Int, _ text: String) {
        lines.append(String(repeating: "  ", count: depth) + text)
    }

    /// `<name a="1" b="2">`, `<name ... />` when `close` is true.
    mutating func open(_ depth: Int, _ name: String, _ attributes: [(String, String)] = [], close: Bool = false) {
        let attrs = attributes.map { " \($0.0)=\"\(Self.escapeAttribute($0.1))\"" }.joined()
        line(depth, "<\(name)\(attrs)\(close ? " />" : ">")")
    }

    mutating func end(_ depth: Int, _ name: String) { line(depth, "</\(name)>") }

    /// Text kept from the file being replaced, indentation included, as written (LF line ends).
    mutating func kept(_ text: String) { lines.append(text) }

    /// `<name>text</name>`.
    mutating func element(_ depth: Int, _ name: String, _ text: String) {
        line(depth, "<\(name)>\(Self.escapeText(text))</\(name)>")
    }

    /// The document's bytes in a style; newlines inside text follow the style too.
    func data(_ style: SolutionFileStyle) -> Data {
        var text = lines.joined(separator: "\n") + (style.finalLineBreak ? "\n" : "")
        if style.lineEnding != "\n" { text = text.replacingOccurrences(of: "\n", with: style.lineEnding) }
        return style.encoded(text)
    }

    /// Text: escapes `&`, `<`, `>` and a carriage return (`&#xD;`): a parser reads a written
    /// CR LF as LF, and the file's own line endings turned a description's CR LF into CR CR LF,
    /// which came back as two line breaks.
    static func escapeText(_ s: String) -> String { escape(s, attribute: false) }

    /// An attribute value: the same, and `"`, line feed and tab, which a parser would normalise.
    static func escapeAttribute(_ s: String) -> String { escape(s, attribute: true) }

    private static func escape(_ s: String, attribute: Bool) -> String {
        func replacement(_ ch: Unicode.Scalar) -> String? {
            switch ch {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\r": "&#xD;"
            case "\"" where attribute: "&quot;"
            case "\n" where attribute: "&#xA;"
            case "\t" where attribute: "&#x9;"
            default: nil
            }
        }
        guard s.unicodeScalars.contains(where: { replacement($0) != nil }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            if let r = replacement(ch) { out += r } else { out.unicodeScalars.append(ch) }
        }
        return out
    }
}
