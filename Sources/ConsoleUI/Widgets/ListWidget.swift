import TerminalCore

/// A bordered list with column titles that draws only its visible rows.
struct ListWidget {
    struct Column {
        var title: String
        /// Columns wide; 0 takes what the fixed columns leave.
        var width: Int
        var alignment: TextAlignment = .left
    }

    var title: String
    var list: ListState
    var visibleRows: Int
    var columns: [Column]
    var focused: Bool = true
    var emptyMessage: String = "Nothing to show"

    /// Draws the list; `cells` gives each visible row's texts (with an optional style per cell).
    func draw(
        into buffer: inout ScreenBuffer, rect: Rect, palette: Palette, footer: [(String, Style)] = [],
        cells: (String) -> [(String, Style?)]
    ) {
        buffer.panel(rect, title: title, palette: palette, focused: focused)
        if !footer.isEmpty { buffer.footer(footer, in: rect) }
        let inner = rect.inset(by: 1)
        guard inner.width > 2, inner.height > 1 else { return }
        // Column 0 holds the cursor marker, so the selection shows without colour or reverse video.
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 1, height: inner.height)
        let widths = columnWidths(total: content.width)
        var x = content.x
        for (column, width) in zip(columns, widths) where width > 0 {
            buffer.field(column.title, x: x, y: inner.y, width: max(0, width - 1), style: palette[.header], alignment: column.alignment)
            x += width
        }
        guard !list.rows.isEmpty else {
            buffer.text(emptyMessage, x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, style: palette[.dim])
            return
        }
        let top = list.visibleTop(height: visibleRows)
        let end = min(list.rows.count, top + visibleRows)
        for (offset, id) in list.rows[top..<end].enumerated() {
            let y = inner.y + 1 + offset
            if y >= inner.maxY { break }
            let selected = top + offset == list.cursor
            let rowStyle = selected ? (focused ? palette[.selection] : palette[.selectionInactive]) : palette[.normal]
            if selected {
                buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: rowStyle)
                buffer.text(palette.glyphs.arrowRight, x: inner.x, y: y, width: 1, style: rowStyle)
            }
            var cx = content.x
            for ((text, style), (column, width)) in zip(cells(id), zip(columns, widths)) where width > 0 {
                buffer.field(
                    text, x: cx, y: y, width: max(0, width - 1), style: selected ? rowStyle : (style ?? rowStyle),
                    alignment: column.alignment)
                cx += width
            }
        }
        if list.rows.count > visibleRows {
            let position = "\(list.cursor + 1)/\(list.rows.count)"
            let w = displayWidth(of: position) + 2
            buffer.text(" \(position) ", x: rect.maxX - w - 1, y: rect.maxY - 1, width: w, style: palette[.dim])
        }
    }

    /// Each column's width including one column of gap; the flexible one takes the rest.
    func columnWidths(total: Int) -> [Int] {
        let fixed = columns.reduce(0) { $0 + ($1.width > 0 ? $1.width + 1 : 0) }
        let flexibleCount = max(1, columns.filter { $0.width == 0 }.count)
        let flexible = max(4, (total - fixed) / flexibleCount)
        var widths = columns.map { $0.width > 0 ? $0.width + 1 : flexible }
        // Too narrow: drop trailing fixed columns until the first column keeps some room.
        var sum = widths.reduce(0, +)
        var i = widths.count - 1
        while sum > total && i > 0 {
            sum -= widths[i]
            widths[i] = 0
            i -= 1
        }
        return widths
    }
}
