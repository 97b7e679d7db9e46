import Foundation

/// How a solution file is laid out on disk: SolutionPackager on Windows writes a UTF-8
/// byte-order mark and CRLF line endings; tools on Linux and macOS often write neither.
public struct SolutionFileStyle: Sendable, Hashable {
    /// Whether the file starts with a UTF-8 byte-order mark.
    public var byteOrderMark: Bool
    /// `"\r\n"` or `"\n"`.
    public var lineEnding: String
    /// Whether the last line ends with a line break (SolutionPackager writes one; some tools
    /// do not, and a replaced file keeps its choice).
    public var finalLineBreak: Bool

    /// A style with or without a BOM, with `"\r\n"` or `"\n"` line endings, and with or
    /// without a line break after the last line.
    public init(byteOrderMark: Bool, lineEnding: String, finalLineBreak: Bool = true) {
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
        self.finalLineBreak = finalLineBreak
    }

    /// UTF-8 BOM and CRLF, as SolutionPackager (`pac solution unpack`) writes on Windows.
    public static let windows = SolutionFileStyle(byteOrderMark: true, lineEnding: "\r\n")
    /// No BOM, LF.
    public static let unix = SolutionFileStyle(byteOrderMark: false, lineEnding: "\n")

    /// The style of existing file content; `nil` when it has no line break to tell from.
    public static func detect(_ data: Data) -> SolutionFileStyle? {
        let bom = data.starts(with: [0xEF, 0xBB, 0xBF])
        guard let lf = data.firstIndex(of: 0x0A) else { return nil }
        let crlf = lf > data.startIndex && data[data.index(before: lf)] == 0x0D
        return SolutionFileStyle(byteOrderMark: bom, lineEnding: crlf ? "\r\n" : "\n", finalLineBreak: data.last == 0x0A)
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

    /// `<name>text</name>`.
    mutating func element(_ depth: Int, _ name: String, _ text: String) {
        line(depth, "<\(name)>\(Self.escapeText(text))</\(name)>")
    }

    /// The document's bytes in a style; newlines inside text follow the style too.
    func data(_ style: SolutionFileStyle) -> Data {
        var text = lines.joined(separator: "\n") + (style.finalLineBreak ? "\n" : "")
        if style.lineEnding != "\n" { text = text.replacingOccurrences(of: "\n", with: style.lineEnding) }
        var data = Data(style.byteOrderMark ? [0xEF, 0xBB, 0xBF] : [])
        data.append(contentsOf: Array(text.utf8))
        return data
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
