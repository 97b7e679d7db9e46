/// The type of a Power Platform environment.
public enum EnvironmentType: String, CaseIterable, Sendable, Hashable {
    case production, sandbox, trial, developer, `default`, teams

    public var label: String {
        switch self {
        case .production: "Production"
        case .sandbox: "Sandbox"
        case .trial: "Trial"
        case .developer: "Developer"
        case .default: "Default"
        case .teams: "Dataverse for Teams"
        }
    }

    /// Whether an environment security group may be set (not on Default or Developer).
    public var allowsSecurityGroup: Bool { self != .default && self != .developer }
    /// Whether admin mode exists (Sandbox, Production, Trial).
    public var allowsAdminMode: Bool { self == .production || self == .sandbox || self == .trial }
}

/// The environment attributes an admin sets in the Power Platform admin center.
public struct EnvironmentSettings: Hashable, Sendable {
    public var name: String
    public var type: EnvironmentType
    public var region: String
    /// The Entra security group that controls who may be added; `nil` when none is set.
    public var securityGroupId: String?
    /// Only System Administrators and System Customizers can sign in.
    public var adminMode: Bool
    /// Record ownership across business units (`EnableOwnershipAcrossBusinessUnits`).
    public var modernizedBusinessUnits: Bool
    public var auditingEnabled: Bool

    public init(
        name: String, type: EnvironmentType, region: String = "", securityGroupId: String? = nil,
        adminMode: Bool = false, modernizedBusinessUnits: Bool = false, auditingEnabled: Bool = false
    ) {
        self.name = name
        self.type = type
        self.region = region
        self.securityGroupId = securityGroupId
        self.adminMode = adminMode
        self.modernizedBusinessUnits = modernizedBusinessUnits
        self.auditingEnabled = auditingEnabled
    }
}

/// One environment and its own security model: business units, users, teams, roles, tables and
/// field security profiles. All collections are keyed by id (tables by logical name).
public struct Environment: Hashable, Sendable, Identifiable {
    public var id: String
    public var settings: EnvironmentSettings
    public var businessUnits: [String: BusinessUnit]
    public var users: [String: User]
    public var teams: [String: Team]
    public var roles: [String: SecurityRole]
    public var tables: [String: Table]
    public var fieldSecurityProfiles: [String: FieldSecurityProfile]
    public var entraGroups: [String: EntraGroup]
    /// What the values given to ``init(id:settings:businessUnits:users:teams:roles:tables:fieldSecurityProfiles:entraGroups:)``
    /// said that this environment reads differently (a table privilege listed as miscellaneous,
    /// System Administrator without inheritance), one sentence each: a save writes the values as
    /// read. Not part of the environment's value (two environments that differ only here are
    /// equal): it describes where the values came from.
    public internal(set) var readDifferently = ReadDifferently()

    public init(
        id: String, settings: EnvironmentSettings, businessUnits: [BusinessUnit] = [], users: [User] = [],
        teams: [Team] = [], roles: [SecurityRole] = [], tables: [Table] = [],
        fieldSecurityProfiles: [FieldSecurityProfile] = [], entraGroups: [EntraGroup] = []
    ) {
        self.id = id
        self.settings = settings
        self.businessUnits = Dictionary(businessUnits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.users = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.teams = Dictionary(teams.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.roles = Dictionary(roles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.tables = Dictionary(tables.map { ($0.logicalName, $0) }, uniquingKeysWith: { a, _ in a })
        self.fieldSecurityProfiles = Dictionary(fieldSecurityProfiles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.entraGroups = Dictionary(entraGroups.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // `prvReadWebResource` listed as miscellaneous is the Web Resource table's Read privilege.
        foldTablePrivilegesOutOfMiscellaneous()
        // `prvExportToExcel` at User, which the console calls not allowed, is read as Organization.
        readMiscellaneousLevelsAsAllowed()
        // System Administrator's member privilege inheritance cannot be turned off (DATAVERSE.md
        // §1.4): a file that says otherwise does not make it "team privileges only".
        // (Whether the file said so is kept: a file that leaves it out still does after a save.)
        for (id, role) in self.roles where role.isSystemAdministrator && !role.inheritsMemberPrivileges {
            self.roles[id]?.inheritsMemberPrivileges = true
            readDifferently.notes.append(
                ReadDifferently.Note(
                    roleId: id, roleName: role.name,
                    message: "member privilege inheritance off: System Administrator's cannot be turned off (DATAVERSE.md §1.4); read as on"
                ))
        }
        readDifferently.notes.sort { ($0.roleName, $0.roleId, $0.message) < ($1.roleName, $1.roleId, $1.message) }
    }

    public var name: String { settings.name }
    public var type: EnvironmentType { settings.type }

    /// The business unit without a parent.
    public var rootBusinessUnit: BusinessUnit? {
        businessUnits.values.filter { $0.parentId == nil }.min { $0.id < $1.id }
    }

    /// Children of a business unit sorted by name.
    public func childBusinessUnits(of id: String) -> [BusinessUnit] {
        businessUnits.values.filter { $0.parentId == id }.sortedByName(\.name, id: \.id)
    }

    /// Whether a principal of `businessUnitId` can be assigned a role: with classic business
    /// units a role exists (as a copy) only in its own business unit and those below it, so only
    /// roles of that business unit or one above it can be assigned (DATAVERSE.md §2.3); with
    /// modernized business units, any role. The ancestors are worked out once for all roles.
    public func roleAssignable(inBusinessUnit businessUnitId: String) -> (SecurityRole) -> Bool {
        if settings.modernizedBusinessUnits { return { _ in true } }
        let above = businessUnitAndAbove(businessUnitId)
        return { above.contains($0.businessUnitId) }
    }

    /// A business unit and every unit above it; a cycle in a hand-written tree ends the walk.
    public func businessUnitAndAbove(_ id: String) -> Set<String> {
        var out: Set<String> = []
        var next: String? = id
        while let unit = next, out.insert(unit).inserted { next = businessUnits[unit]?.parentId }
        return out
    }

    /// The business unit and all its descendants.
    public func subtree(of id: String) -> Set<String> {
        var children: [String: [String]] = [:]
        for bu in businessUnits.values { if let p = bu.parentId { children[p, default: []].append(bu.id) } }
        var out: Set<String> = [id]
        var stack = [id]
        while let next = stack.popLast() {
            for c in children[next] ?? [] where out.insert(c).inserted { stack.append(c) }
        }
        return out
    }

    /// The path of names from the root to a business unit, e.g. `Contoso / Europe / Sales EU`.
    public func businessUnitPath(_ id: String) -> String {
        var names: [String] = []
        var current: String? = id
        var seen: Set<String> = []
        while let c = current, let bu = businessUnits[c], seen.insert(c).inserted {
            names.append(bu.name)
            current = bu.parentId
        }
        return names.reversed().joined(separator: " / ")
    }

    /// Depth of a business unit: the root is 0.
    public func depth(ofBusinessUnit id: String) -> Int {
        var depth = 0
        var current = businessUnits[id]?.parentId
        var seen: Set<String> = [id]
        while let c = current, seen.insert(c).inserted {
            depth += 1
            current = businessUnits[c]?.parentId
        }
        return depth
    }

    /// Users who are members of a team: explicit members, every user of the business unit for a
    /// default team, or the resolved Entra group members for a group team whose group is known.
    public func members(of team: Team) -> Set<String> {
        if team.isDefault {
            return Set(users.values.lazy.filter { $0.businessUnitId == team.businessUnitId }.map(\.id))
        }
        if team.type.isGroupTeam, let gid = team.entraGroupId, let group = entraGroups[gid] {
            let type = team.membershipType ?? .membersAndGuests
            return Set(group.members.lazy.filter { type.includes($0.value) }.map(\.key))
        }
        return team.memberIds
    }

    /// Whether a user is a member of a team, by the same rules as ``members(of:)``.
    public func isMember(_ user: User, of team: Team) -> Bool {
        if team.isDefault { return user.businessUnitId == team.businessUnitId }
        if team.type.isGroupTeam, let gid = team.entraGroupId, let group = entraGroups[gid] {
            guard let m = group.members[user.id] else { return false }
            return (team.membershipType ?? .membersAndGuests).includes(m)
        }
        return team.memberIds.contains(user.id)
    }

    /// Teams a user belongs to, sorted by name.
    public func teams(of user: User) -> [Team] {
        teams.values.filter { isMember(user, of: $0) }.sortedByName(\.name, id: \.id)
    }

    /// Whether the user passes the environment security group: no group set, an application user
    /// (they bypass it), or a member of the group.
    public func isInSecurityGroup(_ user: User) -> Bool {
        guard let gid = settings.securityGroupId else { return true }
        if user.isApplicationUser { return true }
        return entraGroups[gid]?.members[user.id] != nil
    }

    /// Enabled users a security group leaves out: they hold their roles but cannot sign in.
    /// Application users bypass the group (DATAVERSE.md §1.9); no group leaves nobody out.
    public func enabledUsersOutside(securityGroup groupId: String?) -> [User] {
        guard let groupId else { return [] }
        let members = entraGroups[groupId]?.members ?? [:]
        return users.values.filter { !$0.isDisabled && !$0.isApplicationUser && members[$0.id] == nil }
    }

    /// Enabled users other than application users: those a security group can leave out.
    public var enabledInteractiveUserCount: Int { users.values.reduce(0) { $0 + ($1.isDisabled || $1.isApplicationUser ? 0 : 1) } }

    /// How many enabled users each Entra group would leave out as the security group: one pass
    /// over the users, then each group's members (not users × groups: 370 groups of a
    /// 100,000-user tenant took 12 s). The same count as ``enabledUsersOutside(securityGroup:)``.
    public func enabledUsersOutsideEachGroup() -> (enabled: Int, outside: [String: Int]) {
        let enabled = enabledInteractiveUserCount
        var outside: [String: Int] = [:]
        for (id, group) in entraGroups {
            var inside = 0
            for member in group.members.keys {
                guard let user = users[member], !user.isDisabled, !user.isApplicationUser else { continue }
                inside += 1
            }
            outside[id] = enabled - inside
        }
        return (enabled, outside)
    }

    /// Tables sorted by logical name.
    public var sortedTables: [Table] { tables.values.sorted { $0.logicalName < $1.logicalName } }
    /// Roles sorted by name.
    public var sortedRoles: [SecurityRole] { roles.values.sortedByName(\.name, id: \.id) }
    /// Users sorted by name.
    public var sortedUsers: [User] { users.values.sortedByName(\.name, id: \.id) }
    /// Teams sorted by name.
    public var sortedTeams: [Team] { teams.values.sortedByName(\.name, id: \.id) }
    /// Profiles sorted by name.
    public var sortedProfiles: [FieldSecurityProfile] {
        fieldSecurityProfiles.values.sortedByName(\.name, id: \.id)
    }
}

/// Values an environment was made from that it reads differently, for a warning when a file is
/// loaded. Equal to any other (see ``Environment/readDifferently``).
public struct ReadDifferently: Hashable, Sendable {
    /// One value read differently, in one role.
    public struct Note: Hashable, Sendable {
        /// The record's id and name (a role's, unless ``kind`` says otherwise).
        public var roleId: String
        public var roleName: String
        /// What the value was and how it is read.
        public var message: String
        /// The kind of record, in words: `role`, `user`, `business unit` …
        public var kind = "role"
    }

    public var notes: [Note] = []

    public init() {}

    public static func == (_: ReadDifferently, _: ReadDifferently) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
