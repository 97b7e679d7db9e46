/// How a cell is drawn: foreground and background colour plus attributes.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    /// The text colour.
    public var foreground: Color
    /// The cell colour behind the text.
    public var background: Color
    /// Bold, dim, reverse, underline, italic.
    public var attributes: TextAttributes

    /// A style; every part defaults to the terminal's own.
    public init(foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default colours with no attributes.
    public static let plain = Style()

    /// Only the attributes of this style, with both colours reset to the terminal default.
    public var monochrome: Style {
        Style(attributes: attributes)
    }

    /// This style with the given attributes added.
    public func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// A compact form for test failures, e.g. `fg=cyan bg=default [bold]`.
    public var description: String {
        let attributeList = attributes.names.joined(separator: ",")
        return "fg=\(foreground.name) bg=\(background.name) [\(attributeList)]"
    }
}
