import TerminalCore

extension AppState {
    /// The panel `J`/`K` scroll on the screen shown, built as that screen draws it at this size.
    func scrolledPanel() -> ScrolledText? {
        let layout = layout
        guard layout.fits else { return nil }
        let palette = measuringPalette
        switch screen {
        case .browser: return BrowserScreen.detailText(self, layout: layout, palette: palette)
        case .pendingChanges: return PendingChangesScreen.impactText(self, layout: layout, palette: palette)
        case .effectiveAccess: return EffectiveAccessScreen.whyText(self, layout: layout, palette: palette)
        case .diffEntry:
            return diff?.linesFocused == true
                ? DiffEntryScreen.linesText(self, layout: layout, palette: palette)
                : DiffEntryScreen.usersText(self, layout: layout, palette: palette)
        case .diff: return DiffScreen.linesText(self, layout: layout, palette: palette)
        case .findings: return FindingsScreen.detailText(self, layout: layout, palette: palette)
        case .environmentPicker, .environmentSettings, .roleEditor, .profileEditor, .whoCan, .comparison:
            return nil
        }
    }

    /// Scrolls the panel `J`/`K` scroll, bounded by its own length, so that `K` after scrolling
    /// past the end moves at once.
    mutating func scrollPanel(by lines: Int) {
        let last = scrolledPanel()?.lastTop ?? 0
        detailScroll = min(max(0, min(detailScroll, last) + lines), last)
    }

    /// A cursor key on a screen whose panel is all there is to move: a line, a page, an end.
    mutating func scrollPanel(_ move: CursorMove) {
        guard let panel = scrolledPanel() else { return }
        let page = max(1, panel.rect.height - 1)
        switch move {
        case .up: scrollPanel(by: -1)
        case .down: scrollPanel(by: 1)
        case .pageUp: scrollPanel(by: -page)
        case .pageDown: scrollPanel(by: page)
        case .top: detailScroll = 0
        case .bottom: detailScroll = panel.lastTop
        case .left, .right: break
        }
    }

    /// The comparison screen's lines at this size.
    func comparisonText() -> ScrolledText? {
        let layout = layout
        guard layout.fits else { return nil }
        return ComparisonScreen.text(self, layout: layout, palette: measuringPalette)
    }

    /// Styles do not change where lines wrap; only the count of lines is wanted here.
    private var measuringPalette: Palette { Palette(theme: theme, colorEnabled: false, glyphs: .unicode) }
}
