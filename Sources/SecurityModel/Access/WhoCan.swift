import Dispatch

/// One user in a who-can answer.
public struct WhoCanEntry: Hashable, Sendable {
    public var userId: String
    /// The user's effective level (ignoring dormancy; see ``dormancy``).
    public var level: AccessLevel
    /// The grants that reach the minimum level, highest first.
    public var grants: [Grant]
    public var dormancy: [Dormancy]
    /// The roles grant the level, but the user's access mode is Read, which keeps only the Read
    /// privilege [I]: a dormant user marked so would still not have it once active.
    public var heldInReadAccessMode: Bool = false
}

/// The answer to "who can do `operation` on `table` at `minimumLevel` or more".
public struct WhoCanAnswer: Hashable, Sendable {
    public var table: String
    public var operation: TableOperation
    public var minimumLevel: AccessLevel
    /// Users with runtime access, highest level first, then by name.
    public var users: [WhoCanEntry]
    /// Users whose grants reach the level but who are dormant (disabled, outside the group, ...).
    public var dormantUsers: [WhoCanEntry]
    /// Users whose roles reach the level for an operation other than Read, but whose access mode
    /// is Read, which keeps only the Read privilege [I]: not among ``users``, and not dormant
    /// either, yet one change of access mode away. Their entries give the level the roles grant.
    public var readAccessModeUsers: [WhoCanEntry] = []
    public var notEvaluated: [NotEvaluated]
}

/// One user in a column who-can answer.
public struct ColumnWhoCanEntry: Hashable, Sendable {
    public var userId: String
    public var answer: ColumnAccessAnswer
    /// The user's granted level of the table operation the permission goes with (Read for read):
    /// `.none` means the column permission has no record to apply to. `nil` when not worked out.
    /// The answer's own (``ColumnAccessAnswer/tableLevel``), so that who-can and effective access
    /// say the same.
    public var tableLevel: AccessLevel? {
        get { answer.tableLevel }
        set { answer.tableLevel = newValue }
    }
    /// For Read unmasked: whether the user may read the column at all (Read on it). Without
    /// it there is nothing to unmask [I]. `nil` for other permissions.
    public var columnReadAllowed: Bool? = nil
}

extension AccessIndex {
    /// Which users can do `operation` on `table` at `minimumLevel` or higher, each with the grants
    /// that get them there. Uses the same engine as ``Environment/effectiveAccess(of:table:operation:teams:)``.
    public func whoCan(table: String, operation: TableOperation, minimumLevel: AccessLevel = .user) -> WhoCanAnswer {
        let env = environment
        let minimum = max(minimumLevel, .user)
        let orgOwned = env.tables[table]?.ownership == .organization
        // Roles that could reach the level on their own (org-owned: any level counts as Organization).
        var candidateRoles: Set<String> = []
        for role in env.roles.values {
            var l = role.level(operation, on: table)
            if orgOwned && l > .none { l = .organization }
            if l >= minimum || (role.isSystemAdministrator) { candidateRoles.insert(role.id) }
        }
        // Inherited Basic grants: any team role with a level counts for a Basic query.
        var candidateUsers: Set<String> = []
        var candidateTeams: Set<String> = []
        for role in candidateRoles {
            guard let slot = roleSlots[role] else { continue }
            for u in roleUsers[Int(slot)] { candidateUsers.insert(userIds[Int(u)]) }
            for t in roleTeams[Int(slot)] { candidateTeams.insert(teamIds[Int(t)]) }
        }
        for teamId in candidateTeams {
            if let team = env.teams[teamId] { candidateUsers.formUnion(env.members(of: team)) }
        }
        // The engine per candidate, on every core: at 100,000 users a broad role has tens of
        // thousands of candidates, and the console asks again at each key.
        let uids = Array(candidateUsers)
        let parts = uids.count < 2_000 ? 1 : 8
        var results = [(active: [WhoCanEntry], dormant: [WhoCanEntry], readMode: [WhoCanEntry])](
            repeating: ([], [], []), count: parts)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let slice = uids[(uids.count * part / parts)..<(uids.count * (part + 1) / parts)]
                out[part] = entries(for: slice, table: table, operation: operation, minimum: minimum)
            }
        }
        let active = results.flatMap(\.active)
        let dormant = results.flatMap(\.dormant)
        let readMode = results.flatMap(\.readMode)
        // Highest level first, then by name (NameOrder); names are looked up once, not per comparison.
        func ordered(_ entries: [WhoCanEntry]) -> [WhoCanEntry] {
            entries.map { e -> (WhoCanEntry, String, String) in
                let name = env.users[e.userId]?.name ?? ""
                return (e, NameOrder.key(name), name)
            }.sorted { a, b in
                if a.0.level != b.0.level { return a.0.level > b.0.level }
                return (a.1, a.2, a.0.userId) < (b.1, b.2, b.0.userId)
            }.map(\.0)
        }
        return WhoCanAnswer(
            table: table, operation: operation, minimumLevel: minimum,
            users: ordered(active), dormantUsers: ordered(dormant), readAccessModeUsers: ordered(readMode),
            notEvaluated: NotEvaluated.forTablePrivileges)
    }

    /// The who-can entries of some candidate users: with runtime access, dormant, or held but
    /// kept to Read by access mode Read.
    private func entries(
        for uids: ArraySlice<String>, table: String, operation: TableOperation, minimum: AccessLevel
    ) -> (active: [WhoCanEntry], dormant: [WhoCanEntry], readMode: [WhoCanEntry]) {
        let env = environment
        var active: [WhoCanEntry] = []
        var dormant: [WhoCanEntry] = []
        var readMode: [WhoCanEntry] = []
        for uid in uids {
            guard let user = env.users[uid] else { continue }
            let answer = env.effectiveAccess(of: user, table: table, operation: operation, teams: teams(of: user))
            guard answer.grantedLevel >= minimum else {
                // Held, but access mode Read keeps only Read: said apart rather than left out.
                if user.accessMode == .read && operation != .read {
                    var readWrite = user
                    readWrite.accessMode = .readWrite
                    let held = env.effectiveAccess(of: readWrite, table: table, operation: operation, teams: teams(of: user))
                    if held.grantedLevel >= minimum {
                        let entry = WhoCanEntry(
                            userId: uid, level: held.grantedLevel, grants: held.grants.filter { $0.level >= minimum },
                            dormancy: held.dormancy, heldInReadAccessMode: true)
                        // Disabled (or otherwise dormant) first: that is what stops them now.
                        if held.isDormant { dormant.append(entry) } else { readMode.append(entry) }
                    }
                }
                continue
            }
            let entry = WhoCanEntry(
                userId: uid, level: answer.grantedLevel,
                grants: answer.grants.filter { $0.level >= minimum }, dormancy: answer.dormancy)
            if answer.isDormant { dormant.append(entry) } else { active.append(entry) }
        }
        return (active, dormant, readMode)
    }

    /// Which users can `kind` (read, update ...) a column: System Administrators and members of a
    /// profile that allows it, directly or through a team (those whose access mode Read blocks it
    /// included, ``ColumnAccessAnswer/blockedByReadAccessMode``). Unsecured columns: everyone with table access.
    public func whoCan(column ref: ColumnReference, kind: ColumnPermissionKind) -> [ColumnWhoCanEntry] {
        let env = environment
        var candidates: Set<String> = []
        let secured = env.tables[ref.table]?.columns[ref.column]?.isSecured ?? false
        if !secured {
            candidates = Set(env.users.keys)
        } else {
            let adminRoles = Set(env.roles.values.filter(\.isSystemAdministrator).map(\.id))
            for u in env.users.values where !u.roleIds.isDisjoint(with: adminRoles) { candidates.insert(u.id) }
            var teamIds: Set<String> = []
            for t in env.teams.values where t.type.holdsRoles && !t.roleIds.isDisjoint(with: adminRoles) { teamIds.insert(t.id) }
            for p in env.fieldSecurityProfiles.values where p.permission(on: ref)?.allows(kind) == true {
                candidates.formUnion(p.userIds)
                teamIds.formUnion(p.teamIds)
            }
            for tid in teamIds { if let t = env.teams[tid] { candidates.formUnion(env.members(of: t)) } }
        }
        var out: [ColumnWhoCanEntry] = []
        for uid in candidates {
            guard let user = env.users[uid] else { continue }
            let a = env.columnAccess(of: user, column: ref, kind: kind, teams: teams(of: user))
            if a.grantedAllowed || a.blockedByReadAccessMode { out.append(ColumnWhoCanEntry(userId: uid, answer: a)) }
        }
        return out.sortedByName({ env.users[$0.userId]?.name ?? "" }, id: \.userId)
    }
}
