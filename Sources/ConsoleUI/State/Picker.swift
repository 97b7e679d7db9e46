import SecurityModel

/// What the user is choosing in a picker, and so what choosing does.
public enum PickerPurpose: Hashable, Sendable {
    case assignUserRole(user: String)
    case assignTeamRole(team: String)
    case addUserToTeam(user: String)
    case addTeamMember(team: String)
    case addUserToProfile(user: String)
    case addProfileMember(profile: String)
    case moveUserToBusinessUnit(user: String)
    /// Another access mode for a user.
    case userAccessMode(user: String)
    /// Which of its roles' copies to choose, for a user or a team.
    case roleCopyOfUser(user: String)
    case roleCopyOfTeam(team: String)
    /// Which business unit's copy of a role a user or team holds.
    case roleCopyUnitOfUser(user: String, role: String)
    case roleCopyUnitOfTeam(team: String, role: String)
    /// Another parent for a business unit (with the units below it).
    case moveBusinessUnit(businessUnit: String)
    /// Removes whatever item is chosen (a role, a team membership, a profile membership) from a user.
    case removeFromUser(user: String)
    /// Removes a role or a member from a team.
    case removeFromTeam(team: String)
    /// Removes a user or team from a profile.
    case removeProfileMember(profile: String)
    case securityGroup
    case environmentType
    case whoCanTable
    /// A secured column of the who-can table, as `table.column`.
    case whoCanColumn
    case environment
    /// Another user to compare this one with.
    case compareUser(user: String)
    /// Another role to compare this one with.
    case compareRole(role: String)
}

/// One choice in a picker: a kind of entity and its id.
public struct PickerItem: Hashable, Sendable {
    /// The kind of thing an item stands for; the label is looked up when drawn.
    public enum Kind: String, Hashable, Sendable {
        case user, team, role, businessUnit, profile, entraGroup, table, column, environment, environmentType, accessMode, none
        /// The copy of a role read as held when the snapshot names none.
        case defaultRoleCopy
    }

    public var kind: Kind
    public var id: String

    public init(_ kind: Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }
}

/// A filterable list popup: type to narrow, arrows to move, Enter to choose, Esc to cancel.
public struct PickerState: Hashable, Sendable {
    public var title: String
    public var purpose: PickerPurpose
    /// Every choice, in display order.
    public var items: [PickerItem]
    /// Lower-cased search text per item, parallel to ``items``.
    public var keys: [String]
    /// Detail text per item, parallel to ``items``, worked out when the picker opened; `nil`
    /// draws each item's usual detail.
    public var details: [String]?
    public var filter: String
    /// Indices into ``items`` that match the filter, with the cursor over them.
    public var visible: [Int]
    public var cursor: Int
    public var top: Int

    public init(title: String, purpose: PickerPurpose, items: [PickerItem], keys: [String], details: [String]? = nil) {
        self.title = title
        self.purpose = purpose
        self.items = items
        self.keys = keys
        self.details = details
        self.filter = ""
        self.visible = Array(items.indices)
        self.cursor = 0
        self.top = 0
    }

    /// The item under the cursor.
    public var selected: PickerItem? { visible.indices.contains(cursor) ? items[visible[cursor]] : nil }

    /// Narrows (or widens) to items whose key contains the filter.
    public mutating func applyFilter(_ text: String) {
        let narrowing = !filter.isEmpty && text.hasPrefix(filter)
        filter = text
        let needle = text.lowercased()
        if needle.isEmpty {
            visible = Array(items.indices)
        } else {
            // The name typed in full first, then names that start with it, then a word that does,
            // then the rest, each in display order: "system administrator" must land on System
            // Administrator, not on "Copy of System Administrator" before it in the alphabet.
            // Narrowing keeps display order within a rank: the previous ranks are not reused.
            let candidates = narrowing ? visible.sorted() : Array(items.indices)
            visible = FilterRank.ranked(candidates, filter: needle) { keys[$0] }
        }
        cursor = 0
        top = 0
    }

    public mutating func move(by delta: Int, height: Int) {
        guard !visible.isEmpty else { return }
        cursor = max(0, min(visible.count - 1, cursor + delta))
        let h = max(1, height)
        top = max(0, min(max(top, cursor - h + 1), cursor))
    }
}
