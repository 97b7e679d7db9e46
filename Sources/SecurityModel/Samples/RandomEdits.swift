/// Random edits of an environment, of every kind the console offers: privileges and whole rows,
/// role, team and profile membership, the role copy a user holds, business units, dormancy, access modes, column security,
/// renames, deletions and environment settings. Property tests, the diff's golden outputs and
/// benchmarks draw from it; an edit may be one the domain refuses (a level the table's ownership
/// does not allow, a built-in role deleted), which callers skip, as the console would refuse it.
public enum RandomEdits {
    /// One edit of `env`, drawn with `rng` (the same seed gives the same edit).
    public static func change(in env: Environment, using rng: inout SeededGenerator) -> Change {
        let e = env.id
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        let users = env.users.keys.sorted()
        let roles = env.roles.keys.sorted()
        let teams = env.teams.keys.sorted()
        let tables = env.sortedTables
        let profiles = env.fieldSecurityProfiles.keys.sorted()
        let bus = env.businessUnits.keys.sorted()
        let table = pick(tables)
        let op = pick(TableOperation.allCases)
        let column = table.columns.keys.sorted().first.map { ColumnReference(table: table.logicalName, column: $0) }
        switch rng.next() % 24 {
        case 0, 1:
            return .setPrivilege(
                environment: e, role: pick(roles), table: table.logicalName, operation: op,
                level: pick(table.ownership.allowedLevels(for: op)))
        case 2: return .assignUserRole(environment: e, user: pick(users), role: pick(roles))
        case 3: return .removeUserRole(environment: e, user: pick(users), role: pick(roles))
        case 4: return .assignTeamRole(environment: e, team: pick(teams), role: pick(roles))
        case 5: return .removeTeamRole(environment: e, team: pick(teams), role: pick(roles))
        case 6: return .addTeamMember(environment: e, team: pick(teams), user: pick(users))
        case 7: return .removeTeamMember(environment: e, team: pick(teams), user: pick(users))
        case 8: return .setUserBusinessUnit(environment: e, user: pick(users), businessUnit: pick(bus))
        case 9: return .setUserDisabled(environment: e, user: pick(users), disabled: rng.next() % 2 == 0)
        case 10:
            return .setMiscPrivilege(environment: e, role: pick(roles), privilege: "prvExportToExcel", level: pick([.none, .organization]))
        case 11: return .setMemberPrivilegeInheritance(environment: e, role: pick(roles), inherits: rng.next() % 2 == 0)
        case 12:
            guard let column, !profiles.isEmpty else {
                return .renameRole(environment: e, role: pick(roles), name: "Renamed \(rng.next() % 9)")
            }
            return .setColumnPermission(
                environment: e, profile: pick(profiles), column: column,
                permission: rng.next() % 3 == 0 ? nil : ColumnPermission(canRead: true, canUpdate: rng.next() % 2 == 0))
        case 13: return .deleteRole(environment: e, role: pick(roles))
        case 14: return .renameTeam(environment: e, team: pick(teams), name: "Team \(rng.next() % 9)")
        case 15:
            guard let column else { return .setUserAccessMode(environment: e, user: pick(users), accessMode: .read) }
            return .setColumnSecured(environment: e, column: column, secured: rng.next() % 2 == 0)
        case 16: return .setUserAccessMode(environment: e, user: pick(users), accessMode: pick(AccessMode.allCases))
        case 17:
            var s = env.settings
            s.adminMode = !s.adminMode && s.type.allowsAdminMode
            return .setEnvironmentSettings(environment: e, settings: s)
        case 18:
            return profiles.isEmpty
                ? .deleteTeam(environment: e, team: pick(teams))
                : .addProfileTeam(environment: e, profile: pick(profiles), team: pick(teams))
        case 19:
            var s = env.settings
            s.modernizedBusinessUnits.toggle()
            return .setEnvironmentSettings(environment: e, settings: s)
        case 20:
            var s = env.settings
            s.securityGroupId = s.securityGroupId == nil ? env.entraGroups.keys.sorted().first : nil
            return .setEnvironmentSettings(environment: e, settings: s)
        case 21:
            let row = PrivilegeRow(storage: SIMD8((0..<8).map { _ in UInt8(rng.next() % 5) }))
            return .setPrivilegeRow(environment: e, role: pick(roles), table: table.logicalName, row: row)
        case 22:
            // Another unit's copy of a role a user holds (read with modernized business units),
            // or the default copy back.
            let holders = users.filter { env.users[$0].map { !$0.roleIds.isEmpty } ?? false }
            guard !holders.isEmpty else { return .removeTeamRole(environment: e, team: pick(teams), role: pick(roles)) }
            let user = pick(holders)
            let held = env.users[user].map { $0.roleIds.sorted() } ?? []
            guard !held.isEmpty else { return .removeTeamRole(environment: e, team: pick(teams), role: pick(roles)) }
            return .setUserRoleCopy(environment: e, user: user, role: pick(held), businessUnit: rng.next() % 4 == 0 ? nil : pick(bus))
        default:
            return profiles.isEmpty
                ? .renameRole(environment: e, role: pick(roles), name: "R")
                : .addProfileUser(environment: e, profile: pick(profiles), user: pick(users))
        }
    }
}
