extension ScreenBuffer {
    /// Draws a horizontal line of `length` columns from (`x`, `y`), clipped.
    public mutating func horizontalLine(x: Int, y: Int, length: Int, style: Style, glyphs: GlyphSet) {
        guard length > 0 else { return }
        let glyph = Self.singleColumn(glyphs.horizontal, fallback: "-")
        for column in x..<(x + length) where (0..<width).contains(column) {
            place(glyph, width: 1, style: style, x: column, y: y)
        }
    }

    /// Draws a vertical line of `length` rows down from (`x`, `y`), clipped.
    public mutating func verticalLine(x: Int, y: Int, length: Int, style: Style, glyphs: GlyphSet) {
        guard length > 0 else { return }
        let glyph = Self.singleColumn(glyphs.vertical, fallback: "|")
        for row in y..<(y + length) where (0..<height).contains(row) {
            place(glyph, width: 1, style: style, x: x, y: row)
        }
    }

    /// Draws the border of `rect` (clipped), with an optional title set into the top edge.
    ///
    /// The title is drawn as ` Title ` from two columns in and clipped so it never covers the
    /// top-right corner. A rectangle narrower or shorter than 2 draws nothing. The inside is
    /// left untouched; use ``fill(_:style:character:)`` first to clear it.
    public mutating func box(
        _ rect: Rect, style: Style, glyphs: GlyphSet, title: String? = nil, titleStyle: Style? = nil
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        horizontalLine(x: rect.x + 1, y: rect.y, length: rect.width - 2, style: style, glyphs: glyphs)
        horizontalLine(x: rect.x + 1, y: bottom, length: rect.width - 2, style: style, glyphs: glyphs)
        verticalLine(x: rect.x, y: rect.y + 1, length: rect.height - 2, style: style, glyphs: glyphs)
        verticalLine(x: right, y: rect.y + 1, length: rect.height - 2, style: style, glyphs: glyphs)
        for (cornerX, cornerY, glyph) in [
            (rect.x, rect.y, glyphs.topLeft), (right, rect.y, glyphs.topRight),
            (rect.x, bottom, glyphs.bottomLeft), (right, bottom, glyphs.bottomRight),
        ] where (0..<width).contains(cornerX) && (0..<height).contains(cornerY) {
            place(Self.singleColumn(glyph, fallback: "+"), width: 1, style: style, x: cornerX, y: cornerY)
        }
        if let title, !title.isEmpty, rect.width > 4 {
            put(" \(title) ", x: rect.x + 2, y: rect.y, style: titleStyle ?? style, maxWidth: rect.width - 4)
        }
    }

    /// `glyph` if it is one safe column wide, else `fallback`: a custom glyph set must not be
    /// a way to put a control character or a misaligned line on screen.
    private static func singleColumn(_ glyph: String, fallback: String) -> String {
        let safe =
            glyph.count == 1 && displayWidth(of: glyph) == 1 && !glyph.unicodeScalars.contains(where: needsEscape)
        return safe ? glyph : fallback
    }
}
