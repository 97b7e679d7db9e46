/// Precomputed relations of one environment for questions over every user: who can do X,
/// everyone's effective matrix. Build it once per state of the environment; it is a value and
/// does not follow later edits.
public struct AccessIndex: Sendable {
    public let environment: Environment
    /// Tables in logical-name order; matrix rows follow it.
    public let tableNames: [String]
    public let tableIndex: [String: Int]
    /// Team ids per user (every kind of team, including default and resolved group teams).
    public let teamsByUser: [String: [String]]
    /// Dense privilege rows per role, in ``tableNames`` order.
    let roleRows: [String: [PrivilegeRow]]
    /// Users holding each role directly, and owner/group teams holding each role: the reverse
    /// query starts from the roles and never scans every user.
    let usersByRole: [String: [String]]
    let teamsByRole: [String: [String]]

    public init(environment env: Environment) {
        self.environment = env
        let names = env.tables.keys.sorted()
        tableNames = names
        var index: [String: Int] = [:]
        index.reserveCapacity(names.count)
        for (i, n) in names.enumerated() { index[n] = i }
        tableIndex = index

        var byUser: [String: [String]] = [:]
        byUser.reserveCapacity(env.users.count)
        var usersByBU: [String: [String]] = [:]
        for u in env.users.values { usersByBU[u.businessUnitId, default: []].append(u.id) }
        // Teams in display order (name, id), so every user's list comes out sorted.
        for team in env.sortedTeams {
            let members: [String]
            if team.isDefault {
                members = usersByBU[team.businessUnitId] ?? []
            } else if team.type.isGroupTeam, let gid = team.entraGroupId, let group = env.entraGroups[gid] {
                let type = team.membershipType ?? .membersAndGuests
                members = group.members.compactMap { type.includes($0.value) ? $0.key : nil }
            } else {
                members = Array(team.memberIds)
            }
            for m in members { byUser[m, default: []].append(team.id) }
        }
        teamsByUser = byUser

        var uByRole: [String: [String]] = [:]
        for u in env.users.values { for r in u.roleIds { uByRole[r, default: []].append(u.id) } }
        usersByRole = uByRole
        var tByRole: [String: [String]] = [:]
        for t in env.teams.values where t.type.holdsRoles { for r in t.roleIds { tByRole[r, default: []].append(t.id) } }
        teamsByRole = tByRole

        var rows: [String: [PrivilegeRow]] = [:]
        rows.reserveCapacity(env.roles.count)
        for role in env.roles.values {
            var dense = [PrivilegeRow](repeating: .empty, count: names.count)
            if role.isSystemAdministrator {
                dense = [PrivilegeRow](repeating: PrivilegeRow(all: .organization), count: names.count)
            } else {
                for (t, row) in role.privileges { if let i = index[t] { dense[i] = row } }
            }
            rows[role.id] = dense
        }
        roleRows = rows
    }

    /// Teams of a user, from the index.
    public func teams(of user: User) -> [Team] {
        (teamsByUser[user.id] ?? []).compactMap { environment.teams[$0] }
    }

    /// Calls `body` with every user's effective matrix (runtime levels, rows in ``tableNames``
    /// order). The matrix buffer is reused between calls: copy what you keep. Streaming keeps
    /// memory flat for 100,000 users.
    public func forEachEffectiveMatrix(_ body: (User, [PrivilegeRow]) -> Void) {
        let env = environment
        let count = tableNames.count
        let ownership = tableNames.map { env.tables[$0]?.ownership ?? .userOrTeam }
        var matrix = [PrivilegeRow](repeating: .empty, count: count)
        let emptyMatrix = matrix
        for user in env.users.values {
            let memberTeams = (teamsByUser[user.id] ?? []).compactMap { env.teams[$0] }
            let holdings = env.roleHoldings(of: user, teams: memberTeams)
            if !env.dormancy(of: user, holdings: holdings).isEmpty {
                body(user, emptyMatrix)
                continue
            }
            matrix.withUnsafeMutableBufferPointer { m in
                for i in 0..<count { m[i] = .empty }
                for h in holdings {
                    guard let rows = roleRows[h.roleId] else { continue }
                    rows.withUnsafeBufferPointer { r in
                        for i in 0..<count { m[i].storage = pointwiseMax(m[i].storage, r[i].storage) }
                    }
                }
                for i in 0..<count where ownership[i] == .organization || user.accessMode == .read {
                    m[i] = Environment.applyTableAndModeRules(m[i], ownership: ownership[i], accessMode: user.accessMode)
                }
            }
            body(user, matrix)
        }
    }
}
