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
    /// Those of ``users`` who held it already in access mode Read and would now write too.
    public var nowWriting: Set<String> = []
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
    /// with runtime access; empty when it makes nobody one. A System Administrator before is
    /// made nothing new by any of them.
    ///
    /// Held directly or through a team: assigning the role to a user or a team, adding a member
    /// to a team that holds it, moving a user to a business unit whose default team holds it,
    /// enabling a user who holds it, raising a role's privileges until it copies System
    /// Administrator, removing or changing the environment's security group or turning admin
    /// mode off (which give its holders runtime access again). Worked out by the engine on a copy
    /// with the change applied, for the users the change can reach; other changes make nobody an
    /// administrator.
    public func administratorGrants(of change: Change, coverage: Double = CheckOptions().cloneCoverage) -> [AdministratorGrant] {
        guard let envId = change.environmentId, let env = environments[envId] else { return [] }
        let reach = AdministratorReach(env, coverage: coverage)
        guard let touched = reach.candidates(of: change) else { return [] }
        // Applied to a copy only when an administrator role is involved, or a role is edited (an
        // assignment of another role in a 100,000-user environment would copy every user).
        guard !touched.editedRoles.isEmpty || touched.roles.contains(where: { reach.kind($0) != nil }) else { return [] }
        var after = self
        guard (try? after.apply(change)) != nil, let changed = after.environments[envId] else { return [] }
        let reachAfter = AdministratorReach(changed, coverage: coverage)
        // A role raised until it copies System Administrator reaches its holders.
        let newCopies = Set(touched.editedRoles.filter { reach.kind($0) == nil && reachAfter.kind($0) != nil })
        let candidates = touched.users + (newCopies.isEmpty ? [] : reachAfter.holders(of: newCopies))
        let roles = touched.roles + newCopies
        guard !candidates.isEmpty, roles.contains(where: { reach.kind($0) != nil || reachAfter.kind($0) != nil }) else { return [] }
        var grants: [AdministratorGrant] = []
        var newly: [AdministratorKind: [String]] = [:]
        var nowWriting: [AdministratorKind: Set<String>] = [:]
        let users = Set(candidates)
        reach.prepare(forUsers: users.count)
        reachAfter.prepare(forUsers: users.count)
        for id in users {
            let old = reach.access(heldBy: id)
            guard !old.kinds.contains(.systemAdministrator) || old.readOnly else { continue }
            let new = reachAfter.access(heldBy: id)
            // Newly held, or held before in access mode Read (reads only) and now writing too.
            for k in new.kinds where !old.kinds.contains(k) || (old.readOnly && !new.readOnly) {
                newly[k, default: []].append(id)
                if old.kinds.contains(k) { nowWriting[k, default: []].insert(id) }
            }
        }
        for k in newly.keys.sorted(by: { (rank($0), $0.label) < (rank($1), $1.label) }) {
            let holders = (newly[k] ?? []).compactMap { changed.users[$0] }.sortedByName(\.name, id: \.id)
            grants.append(
                AdministratorGrant(
                    kind: k, environmentName: env.name, environmentType: env.type, users: holders, nowWriting: nowWriting[k] ?? []))
        }
        return grants
    }
}

/// The administrator roles of one environment, and who holds them. A class: what it works out
/// (each role's kind, each user's teams) is kept for the next question.
final class AdministratorReach {
    let env: Environment
    let coverage: Double
    /// Only for a role that is not built in (most edits never need it: every edit in production
    /// asks who it makes an administrator).
    lazy var allCells = env.organizationCellCount
    private var kinds: [String: AdministratorKind?] = [:]
    /// Each user's teams, sorted as ``Environment/teams(of:)`` sorts them; built once for many users
    /// (that function scans every team: 5,000 of them for each of 97,000 users took minutes).
    private var teamsByUser: [String: [Team]]?

    init(_ env: Environment, coverage: Double) {
        self.env = env
        self.coverage = coverage
    }

    func kind(_ roleId: String) -> AdministratorKind? {
        if let known = kinds[roleId] { return known }
        var found: AdministratorKind?
        if let role = env.roles[roleId] {
            switch role.builtIn {
            case .systemAdministrator: found = .systemAdministrator
            case .systemCustomizer: found = .systemCustomizer
            default:
                found =
                    Environment.isCopyOfSystemAdministrator(
                        role, organizationCells: env.organizationCells(of: role), allCells: allCells, coverage: coverage)
                    ? .copyOfSystemAdministrator(roleName: role.name) : nil
            }
        }
        kinds[roleId] = .some(found)
        return found
    }

    /// Builds every user's teams at once when many users are to be asked about.
    func prepare(forUsers count: Int) {
        guard count > 64, teamsByUser == nil else { return }
        var byUnit: [String: [String]] = [:]
        for user in env.users.values { byUnit[user.businessUnitId, default: []].append(user.id) }
        var map: [String: [Team]] = [:]
        for team in env.teams.values {
            let members = team.isDefault ? byUnit[team.businessUnitId] ?? [] : Array(env.members(of: team))
            for m in members { map[m, default: []].append(team) }
        }
        for (id, teams) in map { map[id] = teams.sortedByName(\.name, id: \.id) }
        teamsByUser = map
    }

    /// The administrator kinds a user holds with runtime access, and whether only to read
    /// (access mode Read, DATAVERSE.md §2).
    func access(heldBy id: String) -> (kinds: Set<AdministratorKind>, readOnly: Bool) {
        guard let user = env.users[id] else { return ([], false) }
        let context = env.accessContext(of: user, teams: teamsByUser.map { $0[id] ?? [] })
        // A user in access mode Administrative reaches no customer data but signs in and
        // administers the environment: an administrator role given to them is asked about.
        guard !context.dormancy.contains(where: \.keepsUserFromSigningIn) else { return ([], false) }
        return (Set(context.holdings.compactMap { kind($0.roleId) }), user.accessMode == .read)
    }

    /// Users holding a role, directly or through a team.
    func holders(of roleIds: Set<String>) -> [String] {
        var out = Set(env.users.values.filter { !$0.roleIds.isDisjoint(with: roleIds) }.map(\.id))
        for team in env.teams.values where !team.roleIds.isDisjoint(with: roleIds) { out.formUnion(env.members(of: team)) }
        return Array(out)
    }

    /// The users a change can make administrators and the roles through which, and the roles
    /// whose privileges it edits (which may become copies of System Administrator); `nil` for a
    /// change that makes nobody one.
    func candidates(of change: Change) -> (users: [String], roles: [String], editedRoles: [String])? {
        switch change {
        case .assignUserRole(_, let user, let role):
            return ([user], [role], [])
        case .assignTeamRole(_, let team, let role):
            guard let t = env.teams[team] else { return nil }
            return (Array(env.members(of: t)), [role], [])
        case .addTeamMember(_, let team, let user):
            return ([user], Array(env.teams[team]?.roleIds ?? []), [])
        case .setUserBusinessUnit(_, let user, let unit):
            // A user joins the new business unit's default team, and the roles it holds.
            return ([user], env.teams.values.filter { $0.businessUnitId == unit && $0.isDefault }.flatMap(\.roleIds), [])
        case .setUserDisabled(_, let user, false):
            guard let u = env.users[user] else { return nil }
            return ([user], env.accessContext(of: u).holdings.map(\.roleId), [])
        case .setPrivilege(_, let role, _, _, _), .setPrivilegeRow(_, let role, _, _):
            return ([], [], [role])
        case .setUserAccessMode(_, let user, let mode):
            // Out of access mode Read, an administrator writes as well.
            guard let u = env.users[user], u.accessMode == .read, mode != .read else { return nil }
            return ([user], env.accessContext(of: u).holdings.map(\.roleId), [])
        case .createRole(_, let role):
            // A role given back (the undo of its deletion, with its assignments alongside).
            return ([], [], [role.id])
        case .createTeam(_, let team):
            return (Array(env.members(of: team)), Array(team.roleIds), [])
        case .setEnvironmentSettings(_, let settings):
            // A security group removed or changed, or admin mode turned off: the holders of
            // administrator roles whose runtime access it can give back.
            guard settings.securityGroupId != env.settings.securityGroupId || (env.settings.adminMode && !settings.adminMode)
            else { return nil }
            let admin = Set(env.roles.keys.filter { kind($0) != nil })
            return (holders(of: admin), Array(admin), [])
        case .compound(let parts):
            var users: [String] = []
            var roles: [String] = []
            var edited: [String] = []
            for part in parts {
                if let (u, r, e) = candidates(of: part) {
                    users += u
                    roles += r
                    edited += e
                }
            }
            return users.isEmpty && edited.isEmpty ? nil : (users, roles, edited)
        default:
            return nil
        }
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
