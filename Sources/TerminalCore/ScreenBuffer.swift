/// A grid of cells that screens draw into; only a terminal backend turns it into output.
///
/// Drawing never wraps and never writes outside the grid: text is clipped to the right edge
/// (and to an optional maximum width), a wide grapheme that does not fit whole becomes a
/// space, and overwriting half of a wide grapheme blanks its other half. Everything drawn
/// with ``put(_:x:y:style:maxWidth:)`` is sanitized first, so data can never emit a control
/// sequence.
public struct ScreenBuffer: Hashable, Sendable {
    /// Columns in the grid.
    public let width: Int
    /// Rows in the grid.
    public let height: Int
    /// The cells, row by row (`y * width + x`).
    public private(set) var cells: [Cell]

    /// A grid of blank cells in `style`; negative dimensions count as zero.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// A grid of blank cells the size of a terminal.
    public init(size: Size, style: Style = .plain) {
        self.init(width: size.width, height: size.height, style: style)
    }

    /// The grid's dimensions.
    public var size: Size {
        Size(width: width, height: height)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect {
        Rect(x: 0, y: 0, width: width, height: height)
    }

    /// The cell at a position, or nil outside the grid.
    public func cell(atX x: Int, y: Int) -> Cell? {
        guard (0..<width).contains(x), (0..<height).contains(y) else { return nil }
        return cells[y * width + x]
    }

    /// Draws `text` on row `y` from column `x`, clipped, never wrapping; returns the columns drawn.
    ///
    /// The text is passed through ``sanitizedForDisplay(_:)``. Drawing stops at the right edge
    /// of the grid or after `maxWidth` columns, whichever comes first. A wide grapheme that
    /// would cross that limit is replaced by one space (never half-drawn) and drawing stops.
    /// Columns left of the grid (negative `x`) are skipped. The return value counts the columns
    /// actually written inside the grid, so callers can place what follows.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard (0..<height).contains(y), x < width else { return 0 }
        let limit = maxWidth.map { min(width, x + max(0, $0)) } ?? width
        var column = x
        for character in sanitizedForDisplay(text) {
            let characterWidth = displayWidth(of: character)
            if characterWidth == 0 { continue }
            if column + characterWidth > limit {
                if column >= 0, column < limit {
                    place(" ", width: 1, style: style, x: column, y: y)
                    column += 1
                }
                break
            }
            if column >= 0 {
                place(String(character), width: characterWidth, style: style, x: column, y: y)
            } else if column + characterWidth > 0 {
                // A wide grapheme straddling the left edge: show its visible half as a space.
                place(" ", width: 1, style: style, x: 0, y: y)
            }
            column += characterWidth
        }
        return max(0, column - max(x, 0))
    }

    /// Fills a rectangle (clipped to the grid) with `character` in `style`.
    ///
    /// A character that is not exactly one column wide, or that would need escaping, is
    /// replaced by a space.
    public mutating func fill(_ rect: Rect, style: Style, character: Character = " ") {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let safe = displayWidth(of: character) == 1 && !character.unicodeScalars.contains(where: needsEscape)
        let text = safe ? String(character) : " "
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                place(text, width: 1, style: style, x: column, y: row)
            }
        }
    }

    /// Blanks the whole grid in `style`.
    public mutating func clear(style: Style = .plain) {
        cells = Array(repeating: .blank(style), count: width * height)
    }

    /// Changes the style of every cell in a rectangle, keeping its text (e.g. a selected row).
    public mutating func restyle(_ rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX {
                cells[row * width + column].style = style
            }
        }
    }

    /// Writes one grapheme of `width` 1 or 2 at a position known to be inside the grid.
    ///
    /// Whatever wide grapheme the write cuts in half is blanked, so the grid never holds an
    /// orphaned continuation cell or a wide grapheme without one.
    mutating func place(_ text: String, width graphemeWidth: Int, style: Style, x: Int, y: Int) {
        let fits = graphemeWidth == 2 ? x + 1 < width : x < width
        guard x >= 0, fits, (0..<height).contains(y) else { return }
        detachWideNeighbour(x: x, y: y)
        if graphemeWidth == 2 {
            detachWideNeighbour(x: x + 1, y: y)
        }
        let index = y * width + x
        cells[index] = Cell(text: text, style: style, width: graphemeWidth)
        if graphemeWidth == 2 {
            cells[index + 1] = .continuation(style)
        }
    }

    /// Blanks the other half of a wide grapheme that covers the cell about to be overwritten.
    private mutating func detachWideNeighbour(x: Int, y: Int) {
        let index = y * width + x
        let cell = cells[index]
        if cell.isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
        } else if cell.width == 2, x + 1 < width {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
    }
}
