/// The administrator roles an edit can hand out: the console asks before such an edit in a
/// production environment (the day before go-live, a role picked one line off is the costliest
/// slip).
public enum AdministratorKind: Hashable, Sendable {
    case systemAdministrator
    case systemCustomizer
    /// A role that grants Organization on nearly every table privilege: a copy of System
    /// Administrator under another name (check AP4c), by its name.
    case copyOfSystemAdministrator(roleName: String)

    /// "System Administrator", or "Copy of System Administrator “IT Full Access”".
    public var label: String {
        switch self {
        case .systemAdministrator: "System Administrator"
        case .systemCustomizer: "System Customizer"
        case .copyOfSystemAdministrator(let name): "“\(printable(name))” (a copy of System Administrator)"
        }
    }
}

/// Users an edit would newly make administrators of one kind.
public struct AdministratorGrant: Hashable, Sendable {
    public var kind: AdministratorKind
    /// The environment the edit is in.
    public var environmentName: String
    public var environmentType: EnvironmentType
    /// Users who would newly hold the role and have runtime access (enabled, licensed, in the
    /// security group: DATAVERSE.md §2 dormancy), by name.
    public var users: [User]
}

extension Environment {
    /// Table privileges (table and operation) a role can be given at Organization here.
    public var organizationCellCount: Int {
        tables.values.reduce(0) { n, t in n + TableOperation.allCases.filter { t.ownership.allows(.organization, for: $0) }.count }
    }

    /// Table privileges of this environment's tables a role grants at Organization (all of them
    /// for System Administrator).
    public func organizationCells(of role: SecurityRole) -> Int {
        if role.isSystemAdministrator { return tables.count * TableOperation.allCases.count }
        var n = 0
        for (table, row) in role.privileges where tables[table] != nil {
            for op in TableOperation.allCases where row[op] == .organization { n += 1 }
        }
        return n
    }

    /// Check AP4c: a role other than System Administrator that grants Organization on at least
    /// `coverage` of the table privileges (`allCells`, ``organizationCellCount``), on three
    /// tables or more.
    public static func isCopyOfSystemAdministrator(_ role: SecurityRole, organizationCells: Int, allCells: Int, coverage: Double) -> Bool {
        !role.isSystemAdministrator && allCells > 0 && role.privileges.count >= 3
            && Double(organizationCells) >= coverage * Double(allCells)
    }
}

extension Snapshot {
    /// The users `change` would newly make administrators (System Administrator, System
    /// Customizer, or a copy of System Administrator as check AP4c finds them with `coverage`),
    /// with runtime access; empty when it makes nobody one.
    ///
    /// Held directly or through a team: assigning the role to a user or a team, adding a member
    /// to a team that holds it, moving a user to a business unit whose default team holds it,
    /// enabling a user who holds it. Worked out by the engine on a copy with the change applied,
    /// for the users the change can reach; other changes make nobody an administrator.
    public func administratorGrants(of change: Change, coverage: Double = CheckOptions().cloneCoverage) -> [AdministratorGrant] {
        guard let envId = change.environmentId, let env = environments[envId] else { return [] }
        let allCells = env.organizationCellCount
        func kind(_ roleId: String) -> AdministratorKind? {
            guard let role = env.roles[roleId] else { return nil }
            switch role.builtIn {
            case .systemAdministrator: return .systemAdministrator
            case .systemCustomizer: return .systemCustomizer
            default:
                return Environment.isCopyOfSystemAdministrator(
                    role, organizationCells: env.organizationCells(of: role), allCells: allCells, coverage: coverage)
                    ? .copyOfSystemAdministrator(roleName: role.name) : nil
            }
        }
        // Only the users the change can reach, and only when an administrator role is involved:
        // the check below applies the change to a copy.
        let candidates: [String]
        let roles: [String]
        switch change {
        case .assignUserRole(_, let user, let role):
            candidates = [user]
            roles = [role]
        case .assignTeamRole(_, let team, let role):
            guard let t = env.teams[team] else { return [] }
            candidates = Array(env.members(of: t))
            roles = [role]
        case .addTeamMember(_, let team, let user):
            candidates = [user]
            roles = Array(env.teams[team]?.roleIds ?? [])
        case .setUserBusinessUnit(_, let user, let unit):
            // A user joins the new business unit's default team, and the roles it holds.
            candidates = [user]
            roles = env.teams.values.filter { $0.businessUnitId == unit && $0.isDefault }.flatMap(\.roleIds)
        case .setUserDisabled(_, let user, false):
            guard let u = env.users[user] else { return [] }
            candidates = [user]
            roles = env.accessContext(of: u).holdings.map(\.roleId)
        default:
            return []
        }
        let involved = Dictionary(roles.compactMap { id in kind(id).map { (id, $0) } }, uniquingKeysWith: { a, _ in a })
        guard !involved.isEmpty, !candidates.isEmpty else { return [] }
        var after = self
        guard (try? after.apply(change)) != nil, let changed = after.environments[envId] else { return [] }
        var grants: [AdministratorGrant] = []
        let kinds = Set(involved.values).sorted { (rank($0), $0.label) < (rank($1), $1.label) }
        for k in kinds {
            // Whether the user holds a role of this kind, with runtime access: one made an
            // administrator through another role already is not made one by this edit.
            func holds(_ e: Environment, _ id: String) -> Bool {
                guard let user = e.users[id] else { return false }
                let context = e.accessContext(of: user)
                guard !context.isDormant else { return false }
                return context.holdings.contains { h in
                    switch e.roles[h.roleId]?.builtIn {
                    case .systemAdministrator: k == .systemAdministrator
                    case .systemCustomizer: k == .systemCustomizer
                    default: involved[h.roleId] == k
                    }
                }
            }
            let users = candidates.filter { holds(changed, $0) && !holds(env, $0) }.compactMap { changed.users[$0] }
            if !users.isEmpty {
                grants.append(
                    AdministratorGrant(
                        kind: k, environmentName: env.name, environmentType: env.type,
                        users: users.sorted { ($0.name, $0.id) < ($1.name, $1.id) }))
            }
        }
        return grants
    }
}

/// System Administrator first, then System Customizer, then copies by name.
private func rank(_ k: AdministratorKind) -> Int {
    switch k {
    case .systemAdministrator: 0
    case .systemCustomizer: 1
    case .copyOfSystemAdministrator: 2
    }
}
