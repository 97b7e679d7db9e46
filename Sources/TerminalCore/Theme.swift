/// The style of one role: what to draw with colour, and the attributes to use without it.
public struct ThemeRoleStyle: Hashable, Sendable {
    /// Used when colour is enabled.
    public var color: Style
    /// Used when colour is off (`NO_COLOR`, `--no-color`, or a terminal without colours).
    public var mono: TextAttributes

    public init(color: Style, mono: TextAttributes) {
        self.color = color
        self.mono = mono
    }
}

/// A colour scheme: a style for every ``ThemeRole``, with a monochrome fallback for each.
///
/// Themes are data (see ``load(from:name:)``); ``builtInDefault`` lives in code so that a theme
/// file only has to name the roles it changes.
public struct Theme: Hashable, Sendable {
    /// The theme's name, e.g. `default` or `light`.
    public var name: String
    /// A style for every role (a theme built by ``load(from:name:)`` always has all of them).
    public private(set) var roles: [ThemeRole: ThemeRoleStyle]

    /// A theme with the given roles; roles left out take the ``builtInDefault`` style.
    public init(name: String, roles: [ThemeRole: ThemeRoleStyle]) {
        self.name = name
        self.roles = Theme.builtInDefaultRoles.merging(roles) { _, new in new }
    }

    private init(builtInName name: String, completeRoles: [ThemeRole: ThemeRoleStyle]) {
        self.name = name
        self.roles = completeRoles
    }

    /// The style to draw `role` with: its colour style, or only its mono attributes when
    /// colour is disabled.
    public func style(for role: ThemeRole, colorEnabled: Bool) -> Style {
        let roleStyle = roles[role] ?? Theme.builtInDefaultRoles[role] ?? ThemeRoleStyle(color: .plain, mono: [])
        return colorEnabled ? roleStyle.color : Style(attributes: roleStyle.mono)
    }

    /// Replaces the style of one role.
    public mutating func setStyle(_ style: ThemeRoleStyle, for role: ThemeRole) {
        roles[role] = style
    }

    /// The dark theme compiled into the binary; every other theme starts from it.
    ///
    /// `themes/default.json` holds the same values (a test keeps the two equal).
    public static let builtInDefault = Theme(builtInName: "default", completeRoles: builtInDefaultRoles)
}
