/// A semantic screen element that a theme gives a style, as in htop's `ColorElements`.
///
/// Screens ask for a role (`.header`, `.escalation`), never for a colour, so a theme and the
/// monochrome fallback can restyle every screen at once. The raw value is the key used in
/// theme files.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text.
    case normal
    /// Secondary text: ids, hints, counts.
    case dim
    /// Column headers and section headings.
    case header
    /// Pane and dialog titles.
    case title
    /// Box and separator lines.
    case border
    /// The selected row in the focused pane.
    case selection
    /// The selected row in a pane without focus.
    case selectionInactive
    /// The status bar at the bottom.
    case statusBar
    /// Key names inside the status bar (`q` quit).
    case statusKey
    /// The marker of a production environment.
    case production
    /// Warnings: a check of medium severity, an unsaved change.
    case warning
    /// Errors: a failed load, a check of high severity.
    case error
    /// Confirmations: saved, check passed.
    case success
    /// Neutral notices.
    case info
    /// Access level None (Dataverse's empty circle).
    case accessNone
    /// Access level User / Basic.
    case accessUser
    /// Access level Business Unit / Local.
    case accessBusinessUnit
    /// Access level Parent: Child Business Units / Deep.
    case accessParentChild
    /// Access level Organization / Global.
    case accessOrganization
    /// Something present only in the newer side of a diff.
    case diffAdded
    /// Something present only in the older side of a diff.
    case diffRemoved
    /// Something present on both sides with a different value.
    case diffChanged
    /// A change that grants more access.
    case escalation
    /// A change that grants less access.
    case reduction
    /// A change that does not change effective access.
    case neutral
    /// The filter prompt and the active filter text.
    case filter
    /// The part of a row that matches the filter.
    case match
    /// The `:` command line.
    case commandLine
    /// Help screen text.
    case help
    /// Key names on the help screen.
    case helpKey
    /// Users who hold roles but cannot sign in (disabled, unlicensed, outside the group).
    case dormant
    /// Small labels such as `[pending]` or a team kind.
    case badge
    /// Values the engine derived rather than read (e.g. inherited Basic access).
    case inferred
    /// The active tab.
    case tabActive
    /// The other tabs.
    case tabInactive
    /// Columns protected by field security.
    case secured

    /// The role for an access level indexed 0...4 (none ... organization), clamped.
    public static func accessLevel(_ index: Int) -> ThemeRole {
        let roles: [ThemeRole] = [
            .accessNone, .accessUser, .accessBusinessUnit, .accessParentChild, .accessOrganization,
        ]
        return roles[max(0, min(roles.count - 1, index))]
    }
}
