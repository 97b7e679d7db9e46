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

    // Best of three, as for the processes timed below.
    var (result, seconds) = measure { SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false)) }
    for _ in 0..<2 {
        let (again, time) = measure { SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false)) }
        if time < seconds { (result, seconds) = (again, time) }
    }
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
    let a = dir + "/diff-base.json"
    let b = dir + "/diff-target.json"
    let written =
        FileManager.default.createFile(atPath: a, contents: SnapshotWriter.data(for: base))
        && FileManager.default.createFile(atPath: b, contents: SnapshotWriter.data(for: target))
    if written, let unix = unixDiffSeconds(a, b) {
        report("diff.unix_diff_u_time", unix, "s (/usr/bin/diff -u of the pretty-printed snapshots, best of 3)")
        report("diff.dvsec_vs_unix_diff_ratio", seconds / unix, "x (dvsec diff with impact / diff -u)")
        // End to end, as a user runs it: the release dvsec binary (DVSEC_CLI, or next to this one,
        // or the main package's .build/release/dvsec).
        if let cli = dvsecBinary() {
            if let full = bestProcessSeconds(cli, ["diff", a, b, "--no-color"]),
                let noChecks = bestProcessSeconds(cli, ["diff", a, b, "--no-color", "--no-checks"]),
                let loadOne = bestProcessSeconds(cli, ["validate", b])
            {
                report(
                    "diff.cli_time", full,
                    "s (dvsec diff BASE TARGET, as a CI gate runs it: load both, diff, impact, checks, text; best of 3)")
                report("diff.cli_no_checks_time", noChecks, "s (the same with --no-checks)")
                report("diff.cli_validate_one_file_time", loadOne, "s (dvsec validate TARGET: reading one file, the floor under any diff)")
                report("diff.cli_vs_unix_diff_ratio", full / unix, "x (dvsec diff / diff -u)")
                report("diff.cli_no_checks_vs_unix_diff_ratio", noChecks / unix, "x")
            }
        } else {
            report("diff.cli_unavailable", 1, "(build it first: swift build -c release --product dvsec, or set DVSEC_CLI)")
        }
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

/// The release `dvsec` binary to time end to end, if there is one.
func dvsecBinary() -> String? {
    let bench = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let candidates: [String?] = [
        ProcessInfo.processInfo.environment["DVSEC_CLI"],
        bench.deletingLastPathComponent().appendingPathComponent("dvsec").path,
        // Benchmarks/.build/<triple>/release/dvsec-bench -> .build/release/dvsec of the main package.
        bench.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/release/dvsec").path,
        FileManager.default.currentDirectoryPath + "/.build/release/dvsec",
    ]
    return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Wall-clock seconds of `/usr/bin/diff -u a b > /dev/null` (best of three), or `nil` when it can't run.
func unixDiffSeconds(_ a: String, _ b: String) -> Double? {
    bestProcessSeconds("/usr/bin/diff", ["-u", a, b])
}

/// The best of `runs` runs of ``processSeconds(_:_:)``: both sides of a comparison are timed the
/// same way, and a run slowed by the machine (files just written still being flushed, another
/// process) does not decide the ratio.
func bestProcessSeconds(_ path: String, _ arguments: [String], runs: Int = 3) -> Double? {
    let times = (0..<runs).compactMap { _ in processSeconds(path, arguments) }
    return times.min()
}

/// Wall-clock seconds of running `path` with `arguments`, output to /dev/null; `nil` when it can't run.
func processSeconds(_ path: String, _ arguments: [String]) -> Double? {
    guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
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

/// `diff-profile USERS [checks] [render]`: generates the benchmark's pair of snapshots at that
/// size and runs one comparison (and renders it as text), so a profiler sees only the diff.
func runDiffProfile(_ args: [String]) {
    let users = args.first.flatMap { Int($0) } ?? 20_000
    let scale = Double(users) / 100_000
    let base = SnapshotGenerator.generate(
        users: users, teams: max(50, Int(5_000 * scale)), roles: max(20, Int(1_000 * scale)),
        tables: 300, seed: 42)
    guard let env = base.sortedEnvironments.first else { return }
    let (edited, _) = editOnePercent(env, seed: 43)
    var target = base
    target.environments[env.id] = edited
    let (result, seconds) = measure {
        SnapshotDiff.compare(
            base: base, target: target,
            options: DiffOptions(explainPaths: !args.contains("nopaths"), runChecks: args.contains("checks")))
    }
    let c = result.comparisons.first
    report("diff.users_affected", Double(c?.impacts.count ?? 0), "users")
    report("diff.impact_lines", Double(c?.impacts.reduce(0) { $0 + $1.tableChanges.count + $1.columnChanges.count } ?? 0), "lines")
    report("diff.time", seconds, "s")
    if args.contains("render") {
        let (text, renderSeconds) = measure { DiffTextRenderer().render(result) }
        report("diff.render_text_time", renderSeconds, "s (\(text.utf8.count / 1024) KiB)")
    }
}

/// The benchmark's pair of snapshots, written as `base.json` and `target.json` into `dir`.
func writeDiffPair(_ dir: String) {
    let base = SnapshotGenerator.generate(users: 100_000, teams: 5_000, roles: 1_000, tables: 300, seed: 42)
    guard let env = base.sortedEnvironments.first else { return }
    var target = base
    target.environments[env.id] = editOnePercent(env, seed: 43).0
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: dir + "/base.json", contents: SnapshotWriter.data(for: base))
    _ = FileManager.default.createFile(atPath: dir + "/target.json", contents: SnapshotWriter.data(for: target))
}
