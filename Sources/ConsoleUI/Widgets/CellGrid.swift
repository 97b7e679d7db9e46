import TerminalCore

/// A bordered grid with a name column and a few fixed columns, with a cell cursor: the column
/// security matrix and the profile editor.
struct CellGrid {
    var title: String
    var rows: ListState
    var visibleRows: Int
    var nameTitle: String
    var columnTitles: [String]
    var columnWidth: Int
    var cursorColumn: Int
    var emptyMessage: String

    func draw(
        into buffer: inout ScreenBuffer, rect: Rect, palette: Palette, footer: [(String, Style)] = [],
        name: (String) -> (String, Style?), cell: (String, Int) -> (String, Style)
    ) {
        buffer.panel(rect, title: title, palette: palette)
        if !footer.isEmpty { buffer.footer(footer, in: rect) }
        let inner = rect.inset(by: 1)
        guard inner.width > 4, inner.height > 1 else { return }
        let nameWidth = max(8, inner.width - columnWidth * columnTitles.count)
        buffer.field(" " + nameTitle, x: inner.x, y: inner.y, width: nameWidth - 1, style: palette[.header])
        for (i, t) in columnTitles.enumerated() {
            buffer.field(
                t, x: inner.x + nameWidth + i * columnWidth, y: inner.y, width: columnWidth - 1, style: palette[.header], alignment: .center
            )
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
                    isCursorCell ? "[" + text + "]" : text, x: inner.x + nameWidth + i * columnWidth, y: y, width: columnWidth - 1,
                    style: isCursorCell ? palette[.selection] : style, alignment: .center)
            }
        }
    }
}
