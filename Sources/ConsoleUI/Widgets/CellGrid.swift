import TerminalCore

/// A bordered grid with a name column and a few fixed columns, with a cell cursor: the column
/// security matrix and the profile editor.
struct CellGrid {
    var title: String
    var rows: ListState
    var visibleRows: Int
    var nameTitle: String
    var columnTitles: [String]
    /// The width of each column when there is room; narrower (down to its title) when the names
    /// need it.
    var columnWidth: Int
    var cursorColumn: Int
    var emptyMessage: String

    /// The widest cell a column draws: `[all]`, the cursor's brackets around "all".
    static let widestCell = 5

    func draw(
        into buffer: inout ScreenBuffer, rect: Rect, palette: Palette, footer: [(String, Style)] = [],
        name: (String) -> (String, Style?), cell: (String, Int) -> (String, Style)
    ) {
        buffer.panel(rect, title: title, palette: palette)
        let inner = rect.inset(by: 1)
        guard inner.width > 4, inner.height > 1 else { return }
        let widths = columnWidths(innerWidth: inner.width, longestName: rows.rows.map { displayWidth(of: name($0).0) }.max() ?? 0)
        let nameWidth = max(8, inner.width - widths.reduce(0, +))
        // A name cut to the column says too little to know what Space changes: the footer
        // leads with the cursor row's whole name then.
        var pieces = footer
        if rows.rows.indices.contains(rows.cursor) {
            let full = name(rows.rows[rows.cursor]).0
            if displayWidth(of: full) > nameWidth - 2 {
                pieces = [(full, palette[.normal])] + (footer.isEmpty ? [] : [("  ·  ", palette[.dim])] + footer)
            }
        }
        if !pieces.isEmpty { buffer.footer(pieces, in: rect) }
        let starts = widths.indices.map { i in inner.x + nameWidth + widths[..<i].reduce(0, +) }
        buffer.field(" " + nameTitle, x: inner.x, y: inner.y, width: nameWidth - 1, style: palette[.header])
        for (i, t) in columnTitles.enumerated() {
            buffer.field(t, x: starts[i], y: inner.y, width: widths[i] - 1, style: palette[.header], alignment: .center)
        }
        guard !rows.rows.isEmpty else {
            buffer.text(emptyMessage, x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, style: palette[.dim])
            return
        }
        let top = rows.visibleTop(height: visibleRows)
        for (offset, id) in rows.rows[top..<min(rows.rows.count, top + visibleRows)].enumerated() {
            let y = inner.y + 1 + offset
            if y >= inner.maxY { break }
            let isCursorRow = top + offset == rows.cursor
            let (label, labelStyle) = name(id)
            buffer.field(
                (isCursorRow ? palette.glyphs.arrowRight : " ") + label, x: inner.x, y: y, width: nameWidth - 1,
                style: isCursorRow ? palette[.selectionInactive] : (labelStyle ?? palette[.normal]))
            for i in columnTitles.indices {
                let (text, style) = cell(id, i)
                let isCursorCell = isCursorRow && i == cursorColumn
                buffer.field(
                    isCursorCell ? "[" + text + "]" : text, x: starts[i], y: y, width: widths[i] - 1,
                    style: isCursorCell ? palette[.selection] : style, alignment: .center)
            }
        }
    }

    /// Each column's width, its gap included. The names come first: at 60 columns the four
    /// permission columns kept 44 cells for single glyphs and cut `activitypointer.…` to 12, so a
    /// column gives up its padding (down to its title) before a name is cut; with room to spare
    /// every column is `columnWidth` wide, as before.
    func columnWidths(innerWidth: Int, longestName: Int) -> [Int] {
        let least = columnTitles.map { max(displayWidth(of: $0), Self.widestCell) + 1 }
        let nameNeeds = longestName + 2
        let spare = innerWidth - least.reduce(0, +) - nameNeeds
        guard spare > 0, !least.isEmpty else { return least }
        let each = spare / least.count
        return least.map { max($0, min(columnWidth, $0 + each)) }
    }
}
