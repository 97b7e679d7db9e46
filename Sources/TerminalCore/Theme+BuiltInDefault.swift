extension Theme {
    /// The roles of ``builtInDefault``, the same values as `themes/default.json`.
    static let builtInDefaultRoles: [ThemeRole: ThemeRoleStyle] = [
        .normal: ThemeRoleStyle(color: Style(), mono: []),
        .dim: ThemeRoleStyle(color: Style(foreground: .brightBlack), mono: [.dim]),
        .header: ThemeRoleStyle(color: Style(foreground: .cyan, attributes: [.bold]), mono: [.bold]),
        .title: ThemeRoleStyle(color: Style(foreground: .brightWhite, attributes: [.bold]), mono: [.bold]),
        .border: ThemeRoleStyle(color: Style(foreground: .brightBlack), mono: []),
        .selection: ThemeRoleStyle(color: Style(foreground: .black, background: .cyan), mono: [.reverse]),
        .selectionInactive: ThemeRoleStyle(color: Style(background: .indexed(237)), mono: [.underline]),
        .statusBar: ThemeRoleStyle(color: Style(foreground: .white, background: .blue), mono: [.reverse]),
        .statusKey: ThemeRoleStyle(
            color: Style(foreground: .brightYellow, background: .blue, attributes: [.bold]), mono: [.bold, .reverse]),
        .production: ThemeRoleStyle(
            color: Style(foreground: .brightWhite, background: .red, attributes: [.bold]), mono: [.bold, .reverse]),
        .warning: ThemeRoleStyle(color: Style(foreground: .yellow, attributes: [.bold]), mono: [.bold]),
        .error: ThemeRoleStyle(color: Style(foreground: .brightRed, attributes: [.bold]), mono: [.bold, .underline]),
        .success: ThemeRoleStyle(color: Style(foreground: .green), mono: []),
        .info: ThemeRoleStyle(color: Style(foreground: .cyan), mono: []),
        .accessNone: ThemeRoleStyle(color: Style(foreground: .brightBlack), mono: [.dim]),
        .accessUser: ThemeRoleStyle(color: Style(foreground: .yellow), mono: []),
        .accessBusinessUnit: ThemeRoleStyle(color: Style(foreground: .green), mono: []),
        .accessParentChild: ThemeRoleStyle(color: Style(foreground: .green, attributes: [.bold]), mono: [.bold]),
        .accessOrganization: ThemeRoleStyle(color: Style(foreground: .brightGreen, attributes: [.bold]), mono: [.bold]),
        .diffAdded: ThemeRoleStyle(color: Style(foreground: .green), mono: [.bold]),
        .diffRemoved: ThemeRoleStyle(color: Style(foreground: .red), mono: [.dim]),
        .diffChanged: ThemeRoleStyle(color: Style(foreground: .yellow), mono: [.underline]),
        .escalation: ThemeRoleStyle(
            color: Style(foreground: .brightRed, attributes: [.bold]), mono: [.bold, .reverse]),
        .reduction: ThemeRoleStyle(color: Style(foreground: .green), mono: []),
        .neutral: ThemeRoleStyle(color: Style(), mono: []),
        .filter: ThemeRoleStyle(color: Style(foreground: .black, background: .yellow), mono: [.reverse]),
        .match: ThemeRoleStyle(
            color: Style(foreground: .brightYellow, attributes: [.bold, .underline]), mono: [.bold, .underline]),
        .commandLine: ThemeRoleStyle(color: Style(), mono: []),
        .help: ThemeRoleStyle(color: Style(), mono: []),
        .helpKey: ThemeRoleStyle(color: Style(foreground: .cyan, attributes: [.bold]), mono: [.bold]),
        .dormant: ThemeRoleStyle(color: Style(foreground: .brightBlack, attributes: [.italic]), mono: [.dim]),
        .badge: ThemeRoleStyle(color: Style(foreground: .black, background: .magenta), mono: [.reverse]),
        .inferred: ThemeRoleStyle(color: Style(foreground: .brightBlack, attributes: [.italic]), mono: [.italic]),
        .tabActive: ThemeRoleStyle(
            color: Style(foreground: .black, background: .cyan, attributes: [.bold]), mono: [.bold, .reverse]),
        .tabInactive: ThemeRoleStyle(color: Style(), mono: []),
        .secured: ThemeRoleStyle(color: Style(foreground: .magenta), mono: [.underline]),
    ]
}
