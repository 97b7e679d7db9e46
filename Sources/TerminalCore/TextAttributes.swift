/// Character attributes a terminal can draw: bold, dim, reverse video, underline, italic.
///
/// These are also the whole of a monochrome style: a theme's `mono` fallback is a set of
/// attributes and nothing else.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    /// The bits of the set.
    public let rawValue: UInt8

    /// A set from its bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bold (or bright, on some terminals).
    public static let bold = TextAttributes(rawValue: 1 << 0)
    /// Half-bright.
    public static let dim = TextAttributes(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    /// Underlined.
    public static let underline = TextAttributes(rawValue: 1 << 3)
    /// Italic (not every terminal shows it).
    public static let italic = TextAttributes(rawValue: 1 << 4)

    /// Every attribute with the name a theme file uses for it, in a fixed order.
    public static let named: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline), ("italic", .italic),
    ]

    /// The attribute a theme file names, or nil when the name is unknown.
    ///
    /// Case-insensitive; no aliases, so a typo is reported instead of silently ignored.
    public init?(name: String) {
        guard let match = TextAttributes.named.first(where: { $0.name == name.lowercased() }) else {
            return nil
        }
        self = match.attribute
    }

    /// The names of the attributes in this set, in the order of ``named``.
    public var names: [String] {
        TextAttributes.named.filter { contains($0.attribute) }.map(\.name)
    }
}
