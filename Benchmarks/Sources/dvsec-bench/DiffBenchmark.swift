import Foundation
import SecurityModel

/// Figures for issue 4: the go-live diff (objects, impact per user) of two generated snapshots
/// that differ in about 1% of role assignments and privileges, next to `diff -u` of the same two
/// snapshots pretty-printed.
func runDiffBenchmark(_ config: BenchmarkConfig) {
    let (base, generateSeconds) = measure {
        SnapshotGenerator.generate(users: config.users, teams: config.teams, roles: config.roles, tables: config.tables, seed: config.seed)
    }
    report("diff.generate_time", generateSeconds, "s")
    guard let env = base.sortedEnvironments.first else { return }
    let (edited, edits) = editOnePercent(env, seed: config.seed &+ 1)
    var target = base
    target.environments[env.id] = edited
    report("diff.edits", Double(edits), "assignments and privileges changed")

    let (result, seconds) = measure { SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false)) }
    let c = result.comparisons.first
    report("diff.entries", Double(c?.entries.count ?? 0), "changed objects")
    report("diff.users_affected", Double(c?.impacts.count ?? 0), "users whose access changes")
    report("diff.impact_lines", Double(c?.impacts.reduce(0) { $0 + $1.tableChanges.count + $1.columnChanges.count } ?? 0), "lines")
    report("diff.time_with_impact", seconds, "s")
    let (_, withChecks) = measure { SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: true)) }
    report("diff.time_with_impact_and_checks", withChecks, "s")
    let (text, renderSeconds) = measure { DiffTextRenderer().render(result) }
    report("diff.render_text_time", renderSeconds, "s (\(text.utf8.count / 1024) KiB)")

    let dir = benchmarkDirectory()
    let a = dir + "/diff-base.json", b = dir + "/diff-target.json"
    let written = FileManager.default.createFile(atPath: a, contents: SnapshotWriter.data(for: base))
        && FileManager.default.createFile(atPath: b, contents: SnapshotWriter.data(for: target))
    if written, let unix = unixDiffSeconds(a, b) {
        report("diff.unix_diff_u_time", unix, "s (/usr/bin/diff -u of the pretty-printed snapshots)")
        report("diff.dvsec_vs_unix_diff_ratio", seconds / unix, "x (dvsec diff with impact / diff -u)")
    } else {
        report("diff.unix_diff_unavailable", 1, "")
    }
    try? FileManager.default.removeItem(atPath: dir)
    report("diff.peak_memory", Double(peakMemoryBytes()) / 1_048_576, "MiB")
}

/// Changes about 1% of user and team role assignments and 1% of role privileges, deterministically.
func editOnePercent(_ original: Environment, seed: UInt64) -> (Environment, Int) {
    var env = original
    var rng = SeededGenerator(seed: seed)
    func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }
    let roleIds = env.roles.keys.sorted()
    guard !roleIds.isEmpty else { return (env, 0) }
    var edits = 0
    for id in env.users.keys.sorted() where chance(0.01) {
        let role = roleIds[Int(rng.next() % UInt64(roleIds.count))]
        if env.users[id]?.roleIds.remove(role) == nil { env.users[id]?.roleIds.insert(role) }
        edits += 1
    }
    for id in env.teams.keys.sorted() where env.teams[id]?.type.holdsRoles == true && chance(0.01) {
        let role = roleIds[Int(rng.next() % UInt64(roleIds.count))]
        if env.teams[id]?.roleIds.remove(role) == nil { env.teams[id]?.roleIds.insert(role) }
        edits += 1
    }
    for id in roleIds where env.roles[id]?.isSystemAdministrator == false {
        guard var role = env.roles[id] else { continue }
        for table in role.privileges.keys.sorted() {
            guard var row = role.privileges[table], let ownership = env.tables[table]?.ownership else { continue }
            for op in TableOperation.allCases where row[op] > .none && chance(0.01) {
                let levels = ownership.allowedLevels(for: op).filter { $0 != row[op] }
                guard !levels.isEmpty else { continue }
                row[op] = levels[Int(rng.next() % UInt64(levels.count))]
                edits += 1
            }
            role.privileges[table] = row.isEmpty ? nil : row
        }
        env.roles[id] = role
    }
    return (env, edits)
}

/// Wall-clock seconds of `/usr/bin/diff -u a b > /dev/null`, or `nil` when it can't run.
func unixDiffSeconds(_ a: String, _ b: String) -> Double? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/diff") else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
    process.arguments = ["-u", a, b]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let (ok, seconds) = measure { () -> Bool in
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return true
    }
    return ok ? seconds : nil
}
