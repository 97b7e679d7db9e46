import SecurityModel
import TerminalCore

/// A table × operation grid of access-level glyphs, drawn the way Dataverse draws its role editor.
struct LevelMatrix {
    var title: String
    var rows: ListState
    /// Rows visible (the same figure the reducer pages with).
    var visibleRows: Int
    /// The level of a cell; nil when the operation does not exist on the table (Assign on org-owned).
    var level: (String, TableOperation) -> AccessLevel?
    /// The selected column (`TableOperation.rawValue`, -1 for the name column), nil for no cell cursor.
    var cursorColumn: Int?
    var cursorOnHeader: Bool = false
    var focused: Bool = true
    /// Draw levels in the dormant style (granted but not effective).
    var dormant: Bool = false
    var emptyMessage: String = "No tables"

    static func header(_ op: TableOperation, width: Int) -> String {
        if width >= 10 { return op.label }
        if width >= 7 { return op == .appendTo ? "AppTo" : op.label }
        switch op {
        case .create: return "Crt"
        case .read: return "Read"
        case .write: return "Wrt"
        case .delete: return "Del"
        case .append: return "App"
        case .appendTo: return "ApTo"
        case .assign: return "Asgn"
        case .share: return "Shr"
        }
    }

    /// A column's header: bracketed when selected, if the brackets fit beside the whole label.
    ///
    /// At 80 and 120 columns a column is 6 wide: "[Delete]" was cut to "[Dele…" and the label
    /// was lost to its brackets. Then the selection style (reverse without colour) alone marks it.
    static func headerLabel(_ op: TableOperation, width: Int, selected: Bool) -> String {
        let label = header(op, width: width)
        let bracketed = "[" + label + "]"
        return selected && displayWidth(of: bracketed) <= width - 1 ? bracketed : label
    }

    func draw(into buffer: inout ScreenBuffer, rect: Rect, palette: Palette, footer: [(String, Style)]) {
        buffer.panel(rect, title: title, palette: palette, focused: focused)
        buffer.footer(footer, in: rect)
        let inner = rect.inset(by: 1)
        guard inner.width > 4, inner.height > 1 else { return }
        let columnWidth = Layout.operationColumnWidth(in: rect)
        let nameWidth = max(8, inner.width - columnWidth * TableOperation.allCases.count)
        let headerStyle = palette[.header]
        let onNameHeader = cursorOnHeader && cursorColumn == -1
        buffer.field(
            (onNameHeader ? palette.glyphs.arrowRight : " ") + "Table", x: inner.x, y: inner.y, width: nameWidth - 1,
            style: onNameHeader ? palette[.selection] : headerStyle)
        for op in TableOperation.allCases {
            let x = inner.x + nameWidth + op.rawValue * columnWidth
            let selected = cursorOnHeader && cursorColumn == op.rawValue
            buffer.field(
                Self.headerLabel(op, width: columnWidth, selected: selected), x: x, y: inner.y, width: columnWidth - 1,
                style: selected ? palette[.selection] : headerStyle, alignment: .center)
        }
        if rows.rows.isEmpty {
            buffer.text(emptyMessage, x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, style: palette[.dim])
            return
        }
        let top = rows.visibleTop(height: visibleRows)
        for (offset, table) in rows.rows[top..<min(rows.rows.count, top + visibleRows)].enumerated() {
            let y = inner.y + 1 + offset
            if y >= inner.maxY { break }
            let isCursorRow = cursorColumn != nil && top + offset == rows.cursor && !cursorOnHeader
            let nameStyle: Style =
                isCursorRow
                ? (cursorColumn == -1 || cursorColumn == nil ? palette[.selection] : palette[.selectionInactive])
                : palette[.normal]
            buffer.field((isCursorRow ? palette.glyphs.arrowRight : " ") + table, x: inner.x, y: y, width: nameWidth - 1, style: nameStyle)
            for op in TableOperation.allCases {
                let x = inner.x + nameWidth + op.rawValue * columnWidth
                let cell = level(table, op)
                let glyph = cell.map { palette.glyphs.accessLevel(Int($0.rawValue)) } ?? "·"
                var style = cell.map { dormant ? palette[.dormant] : palette.level(Int($0.rawValue)) } ?? palette[.dim]
                let isCursorCell = isCursorRow && cursorColumn == op.rawValue
                if isCursorCell { style = palette[.selection] }
                buffer.field(isCursorCell ? "[" + glyph + "]" : glyph, x: x, y: y, width: columnWidth - 1, style: style, alignment: .center)
            }
        }
    }

    /// "○ None ◔ User ◑ Business Unit ◕ Parent: Child Business Units ● Organization", short or long.
    static func legend(palette: Palette, long: Bool) -> [(String, Style)] {
        var pieces: [(String, Style)] = []
        for level in AccessLevel.allCases {
            pieces.append((palette.glyphs.accessLevel(Int(level.rawValue)), palette.level(Int(level.rawValue))))
            pieces.append((" " + (long ? level.label : level.shortLabel) + "  ", palette[.dim]))
        }
        pieces.append(("· n/a", palette[.dim]))
        return pieces
    }
}
