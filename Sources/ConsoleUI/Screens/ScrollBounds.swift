import SecurityModel
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
        case .roleHolders: return RoleHoldersScreen.detailText(self, layout: layout, palette: palette)
        case .environmentPicker, .environmentSettings, .roleEditor, .profileEditor, .whoCan, .comparison:
            return nil
        }
    }

    /// Scrolls the panel `J`/`K` scroll, bounded by its own length, so that `K` after scrolling
    /// past the end moves at once.
    mutating func scrollPanel(by lines: Int) {
        scrollPanel(by: lines, last: scrolledPanel()?.lastTop ?? 0)
    }

    private mutating func scrollPanel(by lines: Int, last: Int) {
        detailScroll = min(max(0, min(detailScroll, last) + lines), last)
    }

    /// A cursor key on a screen whose panel is all there is to move: a line, a page, an end.
    /// The panel is built once for the key (a change reaching 20,000 users builds a long one).
    mutating func scrollPanel(_ move: CursorMove) {
        guard let panel = scrolledPanel() else { return }
        let page = max(1, panel.rect.height - 1)
        let last = panel.lastTop
        switch move {
        case .up: scrollPanel(by: -1, last: last)
        case .down: scrollPanel(by: 1, last: last)
        case .pageUp: scrollPanel(by: -page, last: last)
        case .pageDown: scrollPanel(by: page, last: last)
        case .halfPageUp: scrollPanel(by: -max(1, page / 2), last: last)
        case .halfPageDown: scrollPanel(by: max(1, page / 2), last: last)
        case .top: detailScroll = 0
        case .bottom: detailScroll = last
        case .left, .right: break
        }
    }

    /// Where the change screen's two panels are scrolled to, as entries (a user, a change's
    /// line) rather than lines: a resize wraps them anew, and the same line number then fell in
    /// the middle of an entry ("│     Salesperson)" as the first line after 120→80 columns).
    func diffEntryScrollAnchors() -> (focused: Int?, other: Int?)? {
        guard screen == .diffEntry, let view = diff else { return nil }
        let (focused, other) = diffEntryPanels()
        return (
            focused.flatMap { $0.block.entry(containing: $0.block.clampedTop(detailScroll, height: $0.rect.height)) },
            other.flatMap { $0.block.entry(containing: $0.block.clampedTop(view.otherPanelScroll, height: $0.rect.height)) }
        )
    }

    /// Scrolls the change screen's panels back to the entries ``diffEntryScrollAnchors()`` found,
    /// within the new bounds.
    mutating func restoreDiffEntryScroll(_ anchors: (focused: Int?, other: Int?)) {
        let (focused, other) = diffEntryPanels()
        func top(_ anchor: Int?, in panel: ScrolledText?, was old: Int) -> Int {
            guard let panel else { return old }
            let line = anchor.flatMap { panel.block.firstLine(ofEntry: $0) } ?? old
            return max(0, min(line, panel.lastTop))
        }
        detailScroll = top(anchors.focused, in: focused, was: detailScroll)
        if let view = diff { diff?.otherPanelScroll = top(anchors.other, in: other, was: view.otherPanelScroll) }
    }

    /// The user at the top of the change screen's users panel: the first whose name is in view
    /// (after `/`, the first match), else the one whose lines fill it. Enter opens their access.
    func diffEntryTopUser() -> UserImpact? {
        guard screen == .diffEntry, let view = diff, layout.fits,
            let users = DiffEntryScreen.usersText(self, layout: layout, palette: measuringPalette)
        else { return nil }
        let shown = min(view.shownImpacts.count, DiffEntryScreen.usersInFull)
        let top = users.block.clampedTop(view.linesFocused ? view.otherPanelScroll : detailScroll, height: users.rect.height)
        let starts = (0..<shown).compactMap { users.block.firstLine(ofEntry: $0) }
        let entry =
            starts.firstIndex { $0 >= top && $0 < top + users.rect.height - 1 }
            ?? users.block.entry(containing: top).map { min($0, shown - 1) }
        return entry.flatMap { view.shownImpacts.indices.contains($0) ? view.shownImpacts[$0] : nil }
    }

    /// The change screen's panel `J`/`K` scroll, and the other one, at this size.
    private func diffEntryPanels() -> (focused: ScrolledText?, other: ScrolledText?) {
        let layout = layout
        guard layout.fits else { return (nil, nil) }
        let palette = measuringPalette
        let lines = DiffEntryScreen.linesText(self, layout: layout, palette: palette)
        let users = DiffEntryScreen.usersText(self, layout: layout, palette: palette)
        return diff?.linesFocused == true ? (lines, users) : (users, lines)
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
