import ConsoleUI
import Foundation
import SecurityModel

// dvsec-bench: prints one line per figure. Run with
//   swift run -c release --package-path Benchmarks dvsec-bench [engine|console|diff|import|all] [--users N] [--teams N] [--roles N] [--tables N]
// Sections register themselves in `sections` below.

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "load", arguments.count == 2 {
    // Profiling aid: load one file and exit (e.g. under valgrind --tool=callgrind).
    let ok = (try? SnapshotFile.load(path: arguments[1])) != nil
    exit(ok ? 0 : 1)
}
if arguments.first == "who-can", arguments.count == 2 {
    // Profiling aid: one who-can query after loading (for valgrind --tool=callgrind).
    guard let (snapshot, _) = try? SnapshotFile.load(path: arguments[1]), let env = snapshot.sortedEnvironments.first else { exit(1) }
    let index = AccessIndex(environment: env)
    let answer = index.whoCan(table: "account", operation: .delete, minimumLevel: .businessUnit)
    print(answer.users.count)
    exit(0)
}
if arguments.first == "diff-profile" {
    // Profiling aid: one diff with impact of a generated org of N users (`diff-profile N [checks]
    // [render]`), for valgrind --tool=callgrind or perf.
    runDiffProfile(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "diff-files", arguments.count == 2 {
    // Profiling aid: writes the diff benchmark's pair of snapshots (base.json, target.json) into a folder.
    writeDiffPair(arguments[1])
    exit(0)
}
if arguments.first == "diff-golden" {
    // Verification aid: writes the output of many comparisons (`diff-golden DIR [USERS]`), to
    // compare byte for byte before and after a change (run both with SWIFT_DETERMINISTIC_HASHING=1).
    runDiffGolden(Array(arguments.dropFirst()))
    exit(0)
}
if arguments.first == "pending-impact", arguments.count == 2 {
    // Profiling aid: the console's pending-changes impact after deleting the role most users
    // hold, computed on the main thread and then on another, as the console does in a large
    // organisation.
    guard var (snapshot, _) = try? SnapshotFile.load(path: arguments[1]), let env = snapshot.sortedEnvironments.first else { exit(1) }
    var holders: [String: Int] = [:]
    for u in env.users.values { for r in u.roleIds { holders[r, default: 0] += 1 } }
    guard let (role, count) = holders.max(by: { $0.value < $1.value }) else { exit(1) }
    let change = Change.deleteRole(environment: env.id, role: role)
    guard let inverse = try? snapshot.apply(change) else { exit(1) }
    let entry = EditHistory.Entry(id: 1, change: change, inverse: inverse, summary: "")
    let edited = snapshot
    let (inline, inlineSeconds) = measure { AppState.pendingImpact(of: [entry], on: edited) }
    report("pending impact of deleting a role \(count) users hold, main thread", inlineSeconds, "s")
    let done = DispatchSemaphore(value: 0)
    let start = DispatchTime.now().uptimeNanoseconds
    Thread.detachNewThread {
        _ = AppState.pendingImpact(of: [entry], on: edited)
        done.signal()
    }
    done.wait()
    report("pending impact, on a detached thread", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, "s")
    // Cancelled half a second in, as a newer edit does in the console: how long until it stops.
    let token = DiffCancellation()
    let stopped = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        _ = AppState.pendingImpact(of: [entry], on: edited, cancellation: token)
        stopped.signal()
    }
    usleep(500_000)
    let cancelAt = DispatchTime.now().uptimeNanoseconds
    token.cancel()
    stopped.wait()
    report("pending impact cancelled after 0.5 s: stopped after", Double(DispatchTime.now().uptimeNanoseconds - cancelAt) / 1e9, "s")
    print("users affected: \(inline?.comparisons.flatMap(\.impacts).count ?? -1)")
    exit(0)
}
if arguments.first == "admin-question", arguments.count == 2 {
    // Profiling aid: the console's check before an edit in production that makes a role held by
    // most users a copy of System Administrator (every table privilege at Organization).
    guard let (snapshot, _) = try? SnapshotFile.load(path: arguments[1]), let env = snapshot.sortedEnvironments.first else { exit(1) }
    var holders: [String: Int] = [:]
    for u in env.users.values { for r in u.roleIds { holders[r, default: 0] += 1 } }
    for (role, count) in holders.sorted(by: { $0.value > $1.value }).prefix(2) {
        let rows = env.tables.values.map { t in
            Change.setPrivilegeRow(
                environment: env.id, role: role, table: t.logicalName,
                row: PrivilegeRow(storage: SIMD8(TableOperation.allCases.map { t.ownership.allows(.organization, for: $0) ? 4 : 0 })))
        }
        let (grants, seconds) = measure { snapshot.administratorGrants(of: .compound(rows)) }
        report(
            "administrator question for a role \(count) users hold made a copy of System Administrator (\(grants.first?.users.count ?? 0) asked about)",
            seconds, "s")
    }
    exit(0)
}
if arguments.first == "write-generated" {
    writeGenerated(Array(arguments.dropFirst()))
    exit(0)
}
var options: [String: Int] = ["users": 100_000, "teams": 5_000, "roles": 1_000, "tables": 300]
var selected: [String] = []
var i = 0
while i < arguments.count {
    let a = arguments[i]
    if a.hasPrefix("--"), i + 1 < arguments.count, let v = Int(arguments[i + 1]) {
        options[String(a.dropFirst(2))] = v
        i += 2
        continue
    }
    selected.append(a)
    i += 1
}
if selected.isEmpty || selected == ["all"] { selected = benchmarkSections.map(\.name) }
let config = BenchmarkConfig(
    users: options["users"] ?? 100_000, teams: options["teams"] ?? 5_000, roles: options["roles"] ?? 1_000,
    tables: options["tables"] ?? 300)
for name in selected {
    guard let section = benchmarkSections.first(where: { $0.name == name }) else {
        FileHandle.standardError.write(Data("unknown section \(name); have \(benchmarkSections.map(\.name))\n".utf8))
        exit(2)
    }
    section.run(config)
}
