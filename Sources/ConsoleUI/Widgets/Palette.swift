import TerminalCore

/// The styles of one frame: a theme resolved for colour or monochrome once, then looked up by role.
struct Palette {
    private let styles: [ThemeRole: Style]
    let glyphs: GlyphSet

    init(theme: Theme, colorEnabled: Bool, glyphs: GlyphSet) {
        var styles: [ThemeRole: Style] = [:]
        for role in ThemeRole.allCases { styles[role] = theme.style(for: role, colorEnabled: colorEnabled) }
        self.styles = styles
        self.glyphs = glyphs
    }

    subscript(_ role: ThemeRole) -> Style { styles[role] ?? .plain }

    /// The style of an access level's glyph.
    func level(_ index: Int) -> Style { self[ThemeRole.accessLevel(index)] }
}
