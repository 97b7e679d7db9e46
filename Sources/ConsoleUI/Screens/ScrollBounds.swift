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
        case .diffEntry: return DiffEntryScreen.usersText(self, layout: layout, palette: palette)
        case .diff: return DiffScreen.linesText(self, layout: layout, palette: palette)
        case .findings: return FindingsScreen.detailText(self, layout: layout, palette: palette)
        case .environmentPicker, .environmentSettings, .roleEditor, .profileEditor, .whoCan, .comparison:
            return nil
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
