/// Where a key binding applies. The help screen has one section per context.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    case global
    case lists
    case browser
    case roleEditor
    case effectiveAccess
    case whoCan
    case pendingChanges
    case profileEditor
    case environmentSettings
    case diff
    case findings
    case roleHolders
    case textInput
    case picker
    case help
    case dialog

    /// The section title on the help screen.
    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .lists: "Lists and matrices"
        case .browser: "Browser (business units, users, teams, roles, profiles, tables)"
        case .roleEditor: "Role editor"
        case .effectiveAccess: "Effective access"
        case .whoCan: "Who can"
        case .pendingChanges: "Pending changes"
        case .profileEditor: "Field security profile"
        case .environmentSettings: "Environment settings"
        case .diff: "Changes against the baseline"
        case .findings: "Go-live findings"
        case .roleHolders: "Holders of a role"
        case .textInput: "Filter and command line"
        case .picker: "Pickers"
        case .help: "This help"
        case .dialog: "Questions"
        }
    }

    /// Contexts where printable characters are typed text rather than commands.
    public var takesText: Bool { self == .textInput || self == .picker || self == .help }
}
