/// The kinds of entity the console can create, rename and delete.
public enum EntityKind: String, CaseIterable, Hashable, Sendable {
    case role, team, profile, businessUnit

    /// The browser pane that lists this kind.
    public var pane: Pane {
        switch self {
        case .role: .roles
        case .team: .teams
        case .profile: .profiles
        case .businessUnit: .businessUnits
        }
    }

    /// The kind a browser pane lists, if it is one the console can create.
    public init?(pane: Pane) {
        guard let kind = Self.allCases.first(where: { $0.pane == pane }) else { return nil }
        self = kind
    }

    /// How a sentence names the kind, as Dataverse does.
    public var label: String {
        switch self {
        case .role: "role"
        case .team: "team"
        case .profile: "field security profile"
        case .businessUnit: "business unit"
        }
    }

    /// The word typed after `:new`.
    public var commandWord: String {
        switch self {
        case .role: "role"
        case .team: "team"
        case .profile: "profile"
        case .businessUnit: "bu"
        }
    }

    /// The kind a word after `:new` names (`role`, `team`, `profile`/`fsp`, `bu`/`business-unit`).
    public init?(commandWord word: String) {
        switch word.lowercased() {
        case "role": self = .role
        case "team": self = .team
        case "profile", "fsp": self = .profile
        case "bu", "business-unit", "businessunit": self = .businessUnit
        default: return nil
        }
    }
}

/// What a name typed at the bottom of the screen is for.
public struct NamePrompt: Hashable, Sendable {
    public enum Intent: Hashable, Sendable {
        /// A new entity; `parent` is the business unit it goes in (or under), when it has one.
        case create(EntityKind, parent: String?)
        /// A custom copy of a role.
        case copyRole(from: String)
        /// A new name for an existing entity.
        case rename(EntityKind, id: String)
    }

    public var intent: Intent
    /// The prompt drawn before the text, e.g. "New owner team in Sales EU: ".
    public var label: String

    public init(_ intent: Intent, label: String) {
        self.intent = intent
        self.label = label
    }
}
