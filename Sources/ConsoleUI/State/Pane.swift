/// One of the browser's lists of an environment: what the user is looking at.
public enum Pane: Int, CaseIterable, Hashable, Sendable {
    case businessUnits
    case users
    case teams
    case roles
    case profiles
    case tables

    /// The tab title, as Dataverse names the entity.
    public var title: String {
        switch self {
        case .businessUnits: "Business units"
        case .users: "Users"
        case .teams: "Teams"
        case .roles: "Security roles"
        case .profiles: "Field security profiles"
        case .tables: "Tables"
        }
    }

    /// A short tab title for narrow terminals.
    public var shortTitle: String {
        switch self {
        case .businessUnits: "BUs"
        case .users: "Users"
        case .teams: "Teams"
        case .roles: "Roles"
        case .profiles: "Profiles"
        case .tables: "Tables"
        }
    }

    /// The next pane, wrapping around (Tab).
    public var next: Pane { Pane(rawValue: (rawValue + 1) % Pane.allCases.count) ?? .businessUnits }
    /// The previous pane, wrapping around (Shift-Tab).
    public var previous: Pane {
        Pane(rawValue: (rawValue + Pane.allCases.count - 1) % Pane.allCases.count) ?? .businessUnits
    }
}

/// The screen on top of the navigation stack.
public enum Screen: Hashable, Sendable {
    /// The list of environments of the snapshot.
    case environmentPicker
    /// Business units, users, teams, roles, profiles and tables of one environment.
    case browser
    /// The privilege matrix of one role.
    case roleEditor
    /// A user's or team's effective access, with the "why" of each cell.
    case effectiveAccess
    /// Who can do an operation on a table at a minimum level.
    case whoCan
    /// The unsaved edits, each readable and revertable.
    case pendingChanges
    /// The column permissions and members of one field security profile.
    case profileEditor
    /// The environment attributes an admin sets in the Power Platform admin center.
    case environmentSettings
    /// What changed against the baseline (`--baseline FILE`), escalations first.
    case diff
    /// One changed object: its lines and the users whose access it moves.
    case diffEntry
    /// The go-live findings of the environment.
    case findings
    /// Two users or two roles side by side (`v` on a user or a role).
    case comparison
    /// Who holds one role: users directly, teams and their members (`H` on a role).
    case roleHolders

    /// The name shown in the header's breadcrumb.
    public var title: String {
        switch self {
        case .environmentPicker: "Environments"
        case .browser: "Browse"
        case .roleEditor: "Role editor"
        case .effectiveAccess: "Effective access"
        case .whoCan: "Who can"
        case .pendingChanges: "Pending changes"
        case .profileEditor: "Field security profile"
        case .environmentSettings: "Environment settings"
        case .diff: "Changes against the baseline"
        case .diffEntry: "Change"
        case .findings: "Go-live findings"
        case .comparison: "Compare"
        case .roleHolders: "Holders"
        }
    }
}
