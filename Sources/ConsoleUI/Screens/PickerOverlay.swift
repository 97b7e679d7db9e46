import SecurityModel
import TerminalCore

/// Where a picker's parts go at a terminal size: the box, its title, the name and detail columns.
/// Worked out alike by the renderer and by the reducer (the page size), from the size and the
/// picker, so the two agree on how many items a page holds.
///
/// Found by a console review: the popup took 60% of the width whatever its items were, so at
/// 80×24 names were cut beside blank columns, the access modes' descriptions were cut even at
/// 160 columns, and a long title lost who was moved. The box now takes the width its items and
/// title need (up to ``maximumWidth``), a name keeps its width before its detail does, a title
/// the border cannot hold is written whole inside the box, and details that do not fit are
/// wrapped (a short list) or written out in full for the selected item (a long one).
///
/// Found by a later review: the box was as tall as the terminal (less six rows, at most 24)
/// whatever its items, so two access modes sat in a box of blank rows and a list of 300 tables
/// showed 18 of them on a 60-row terminal. It now takes the rows its items need, up to the
/// terminal's height less ``margin`` above and below.
struct PickerLayout {
    /// The widest a picker grows: wider, a name and its detail drift too far apart to read.
    static let maximumWidth = 120
    static let minimumWidth = 40
    /// The items measured for the columns: all of a picker up to this many, else the first ones,
    /// so that a picker of 100,000 users costs a frame no more than one of 40.
    static let measuredItems = 1_000
    /// Lines that write out the selected item in full, below a long list whose items are cut.
    static let selectedLines = 2

    /// The popup, borders included.
    let box: Rect
    /// Inside the borders, one column of padding each side.
    let inner: Rect
    /// The title wrapped inside the box, when the border cannot hold it whole; empty otherwise.
    let titleLines: [String]
    /// The name column (after the cursor column) and the detail column after two spaces.
    let labelWidth: Int
    let detailWidth: Int
    /// Every item's name and detail wrapped over as many lines as they need (the items fit so).
    let wrapsItems: Bool
    /// The selected item written out in full below the list (some items are cut).
    let showsSelectedInFull: Bool
    /// Rows for items: in ``wrapsItems`` mode, lines (every item fits in them).
    let rows: Int

    init(_ picker: PickerState, size: Size, environment env: Environment?) {
        var widestLabel = 0
        var widestDetail = 0
        for index in picker.items.indices.prefix(Self.measuredItems) {
            let (label, detail) = Self.describe(picker, index, env)
            widestLabel = max(widestLabel, displayWidth(of: sanitizedForDisplay(label)))
            widestDetail = max(widestDetail, displayWidth(of: sanitizedForDisplay(detail)))
        }
        let titleWidth = displayWidth(of: sanitizedForDisplay(picker.title))
        // A cursor column, the name, two spaces and the detail; the padding and borders around.
        let content = 1 + widestLabel + (widestDetail > 0 ? 2 + widestDetail : 0)
        let largest = max(20, min(size.width - 4, Self.maximumWidth))
        let width = min(largest, max(Self.minimumWidth, content + 4, titleWidth + 6))
        // Inside the borders and padding; the height follows the items below.
        let innerWidth = width - 4
        let room = innerWidth - 1
        // Names first: whole up to three fifths of the row, more when the details are short.
        let labelWidth =
            widestDetail == 0 || widestLabel + 2 + widestDetail <= room
            ? min(widestLabel, room) : min(widestLabel, max(room - 2 - widestDetail, room * 3 / 5))
        let detailWidth = max(0, room - labelWidth - 2)
        self.labelWidth = labelWidth
        self.detailWidth = detailWidth
        titleLines = titleWidth <= width - 6 ? [] : ScreenBuffer.wrap(picker.title, width: innerWidth)
        // The borders, the title lines, the filter line and a separator; as tall as the terminal
        // allows, less the margins that keep the header and the status line in view.
        let chrome = 2 + titleLines.count + 2
        let tallest = max(chrome + 1, size.height - 2 * Self.margin)
        let itemArea = max(1, tallest - chrome)
        let cut = widestLabel > labelWidth || widestDetail > detailWidth
        var wraps = false
        var wrappedLines = 0
        if cut && picker.items.count <= itemArea {
            wrappedLines = picker.items.indices.reduce(0) { sum, index in
                sum + Self.lines(of: index, in: picker, env: env, labelWidth: labelWidth, detailWidth: detailWidth).count
            }
            wraps = wrappedLines <= itemArea
        }
        wrapsItems = wraps
        // Not at the cost of the list: at least five items stay in view.
        showsSelectedInFull = cut && !wraps && itemArea - Self.selectedLines - 1 >= 5
        let selectedArea = showsSelectedInFull ? Self.selectedLines + 1 : 0
        // As many rows as the items take (every item: the box does not shrink as the filter
        // narrows), up to what the terminal holds.
        rows = max(1, min(wraps ? wrappedLines : picker.items.count, itemArea - selectedArea))
        let height = chrome + rows + selectedArea
        box = Rect(x: (size.width - width) / 2, y: max(1, (size.height - height) / 2), width: width, height: height)
        inner = box.inset(by: 1).inset(x: 1)
    }

    /// Rows kept free above and below the box: the header and tabs, the message and status lines.
    static let margin = 2

    /// An item's name and detail (the picker's own detail when it has one).
    static func describe(_ picker: PickerState, _ index: Int, _ env: Environment?) -> (label: String, detail: String) {
        var (label, detail) = Labels.describe(picker.items[index], in: env)
        if let details = picker.details, details.indices.contains(index) { detail = details[index] }
        return (label, detail)
    }

    /// An item's lines in wrap mode: its name and its detail side by side, each wrapped to its column.
    static func lines(of index: Int, in picker: PickerState, env: Environment?, labelWidth: Int, detailWidth: Int) -> [(String, String)] {
        let (label, detail) = describe(picker, index, env)
        let labels = ScreenBuffer.wrap(label, width: max(1, labelWidth))
        let details = detailWidth > 0 ? ScreenBuffer.wrap(detail, width: detailWidth) : []
        return (0..<max(1, labels.count, details.count)).map {
            (labels.indices.contains($0) ? labels[$0] : "", details.indices.contains($0) ? details[$0] : "")
        }
    }
}

enum PickerOverlay {
    static func draw(_ picker: PickerState, state: AppState, into buffer: inout ScreenBuffer, size: Size, palette: Palette) {
        let env = state.environment
        let layout = PickerLayout(picker, size: size, environment: env)
        let inner = layout.inner
        buffer.panel(layout.box, title: layout.titleLines.isEmpty ? picker.title : nil, palette: palette)
        for (i, line) in layout.titleLines.enumerated() {
            buffer.text(line, x: inner.x, y: inner.y + i, width: inner.width, style: palette[.title])
        }
        let filterY = inner.y + layout.titleLines.count
        let count = "\(picker.visible.count)/\(picker.items.count)"
        buffer.spans(
            [("> ", palette[.filter]), (picker.filter, palette[.filter]), ("▏", palette[.filter])], x: inner.x, y: filterY,
            width: inner.width - displayWidth(of: count) - 1)
        buffer.text(count, x: inner.maxX - displayWidth(of: count), y: filterY, width: displayWidth(of: count), style: palette[.dim])
        buffer.horizontalLine(x: inner.x, y: filterY + 1, length: inner.width, style: palette[.border], glyphs: palette.glyphs)
        let firstY = filterY + 2
        if picker.visible.isEmpty {
            buffer.text("Nothing matches", x: inner.x + 1, y: firstY, width: inner.width - 2, style: palette[.dim])
        }
        let detailX = inner.x + 1 + layout.labelWidth + 2
        func drawLine(_ label: String, _ detail: String, y: Int, selected: Bool, cursor: Bool) {
            let style = selected ? palette[.selection] : palette[.normal]
            buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            if cursor { buffer.text(palette.glyphs.arrowRight, x: inner.x, y: y, width: 1, style: style) }
            buffer.text(label, x: inner.x + 1, y: y, width: layout.labelWidth, style: style)
            buffer.text(detail, x: detailX, y: y, width: layout.detailWidth, style: selected ? style : palette[.dim])
        }
        if layout.wrapsItems {
            var y = firstY
            for (offset, index) in picker.visible.enumerated() where y < firstY + layout.rows {
                let selected = offset == picker.cursor
                let lines = PickerLayout.lines(
                    of: index, in: picker, env: env, labelWidth: layout.labelWidth, detailWidth: layout.detailWidth)
                for (i, (label, detail)) in lines.enumerated() where y < firstY + layout.rows {
                    drawLine(label, detail, y: y, selected: selected, cursor: selected && i == 0)
                    y += 1
                }
            }
            return
        }
        let rows = layout.rows
        // The selected item stays in view, also when the terminal shrank since the last move.
        let top = max(0, min(picker.top, picker.visible.count - rows, picker.cursor), picker.cursor - rows + 1)
        for (offset, index) in picker.visible.dropFirst(top).prefix(rows).enumerated() {
            let selected = top + offset == picker.cursor
            let (label, detail) = PickerLayout.describe(picker, index, env)
            drawLine(label, detail, y: firstY + offset, selected: selected, cursor: selected)
        }
        guard layout.showsSelectedInFull, picker.visible.indices.contains(picker.cursor) else { return }
        // The selected item whole, where a column cut it.
        let separatorY = firstY + rows
        buffer.horizontalLine(x: inner.x, y: separatorY, length: inner.width, style: palette[.border], glyphs: palette.glyphs)
        let (label, detail) = PickerLayout.describe(picker, picker.visible[picker.cursor], env)
        var lines = ScreenBuffer.wrap(detail.isEmpty ? label : label + " · " + detail, width: inner.width)
        if lines.count > PickerLayout.selectedLines {
            lines = Array(lines.prefix(PickerLayout.selectedLines))
            lines[lines.count - 1] = truncate(lines[lines.count - 1], toWidth: inner.width - 1, ellipsis: "") + "…"
        }
        for (i, line) in lines.enumerated() {
            buffer.text(line, x: inner.x, y: separatorY + 1 + i, width: inner.width, style: palette[.dim])
        }
    }
}
