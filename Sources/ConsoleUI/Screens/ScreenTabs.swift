import TerminalCore

/// The tab row (row 1) of screens that have tabs.
enum ScreenTabs {
    static func draw(
        _ titles: [String], active: Int, trailing: [(String, Style)] = [], into buffer: inout ScreenBuffer,
        layout: Layout, palette: Palette
    ) {
        let rect = layout.tabs
        var x = 0
        for (i, title) in titles.enumerated() {
            x += buffer.text(
                " \(title) ", x: x, y: rect.y, width: rect.width - x, style: i == active ? palette[.tabActive] : palette[.tabInactive])
            x += buffer.text(" ", x: x, y: rect.y, width: rect.width - x, style: palette[.normal])
        }
        x += buffer.text(" ", x: x, y: rect.y, width: rect.width - x, style: palette[.normal])
        buffer.spans(trailing, x: x, y: rect.y, width: rect.width - x)
    }
}
