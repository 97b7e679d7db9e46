import Foundation
import SecurityModel

/// `diff-golden DIR`: writes the JSON and text output of many comparisons (the benchmark's pair,
/// then small organisations edited at random in every way the console can) into `DIR`, one file
/// per comparison. Run it before and after an optimisation and compare the folders byte for byte:
/// a faster diff must say exactly the same thing.
func runDiffGolden(_ args: [String]) {
    guard let dir = args.first else { return }
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    func write(_ name: String, _ result: SnapshotDiffResult) {
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name).json", contents: DiffJSON.data(result))
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name).txt", contents: Data(DiffTextRenderer().render(result).utf8))
    }
    let large = args.count > 1 ? Int(args[1]) ?? 0 : 0
    if large > 0 {
        let base = SnapshotGenerator.generate(users: large, teams: large / 20, roles: large / 100, tables: 300, seed: 42)
        if let env = base.sortedEnvironments.first {
            let (edited, _) = editOnePercent(env, seed: 43)
            var target = base
            target.environments[env.id] = edited
            write("large", SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false)))
        }
    }
    for seed in 0..<60 {
        let original = SnapshotGenerator.generate(users: 200 + seed * 7, teams: 30, roles: 12, tables: 20, seed: UInt64(seed))
        var edited = original
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919)
        for _ in 0..<(2 + seed % 12) {
            guard let env = edited.sortedEnvironments.first else { break }
            _ = try? edited.apply(goldenRandomChange(env, &rng))
        }
        let checks = seed % 5 == 0
        write("s\(seed)-forward", SnapshotDiff.compare(base: original, target: edited, options: DiffOptions(runChecks: checks)))
        write("s\(seed)-backward", SnapshotDiff.compare(base: edited, target: original, options: DiffOptions(runChecks: checks)))
        if seed % 7 == 0 {
            write("s\(seed)-nopaths", SnapshotDiff.compare(base: original, target: edited,
                                                           options: DiffOptions(explainPaths: false, runChecks: false)))
        }
    }
}

/// A random edit of any kind the console offers (as in the diff property tests, plus settings).
func goldenRandomChange(_ env: Environment, _ rng: inout SeededGenerator) -> Change {
    let e = env.id
    func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
    let users = env.users.keys.sorted(), roles = env.roles.keys.sorted(), teams = env.teams.keys.sorted()
    let tables = env.sortedTables, profiles = env.fieldSecurityProfiles.keys.sorted(), bus = env.businessUnits.keys.sorted()
    let table = pick(tables)
    let op = pick(TableOperation.allCases)
    let column = table.columns.keys.sorted().first.map { ColumnReference(table: table.logicalName, column: $0) }
    switch rng.next() % 24 {
    case 0, 1: return .setPrivilege(environment: e, role: pick(roles), table: table.logicalName, operation: op,
                                    level: pick(table.ownership.allowedLevels(for: op)))
    case 2: return .assignUserRole(environment: e, user: pick(users), role: pick(roles))
    case 3: return .removeUserRole(environment: e, user: pick(users), role: pick(roles))
    case 4: return .assignTeamRole(environment: e, team: pick(teams), role: pick(roles))
    case 5: return .removeTeamRole(environment: e, team: pick(teams), role: pick(roles))
    case 6: return .addTeamMember(environment: e, team: pick(teams), user: pick(users))
    case 7: return .removeTeamMember(environment: e, team: pick(teams), user: pick(users))
    case 8: return .setUserBusinessUnit(environment: e, user: pick(users), businessUnit: pick(bus))
    case 9: return .setUserDisabled(environment: e, user: pick(users), disabled: rng.next() % 2 == 0)
    case 10: return .setMiscPrivilege(environment: e, role: pick(roles), privilege: "prvExportToExcel", level: pick([.none, .organization]))
    case 11: return .setMemberPrivilegeInheritance(environment: e, role: pick(roles), inherits: rng.next() % 2 == 0)
    case 12:
        guard let column, !profiles.isEmpty else { return .renameRole(environment: e, role: pick(roles), name: "Renamed \(rng.next() % 9)") }
        return .setColumnPermission(environment: e, profile: pick(profiles), column: column,
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
    case 18: return profiles.isEmpty ? .deleteTeam(environment: e, team: pick(teams))
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
    case 22: return .removeTeamRole(environment: e, team: pick(teams), role: pick(roles))
    default: return profiles.isEmpty ? .renameRole(environment: e, role: pick(roles), name: "R")
        : .addProfileUser(environment: e, profile: pick(profiles), user: pick(users))
    }
}
