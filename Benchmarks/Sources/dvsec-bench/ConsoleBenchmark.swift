import ConsoleUI
import Foundation
import SecurityModel
import TerminalCore

/// The console on the generated organisation: start-up to first frame, and key-press-to-frame
/// times (reduce + render into a buffer) for navigation and for an edit that changes the
/// effective access on screen. Targets: first frame < 1.5 s, p99 < 16 ms.
func runConsoleBenchmark(_ config: BenchmarkConfig) {
    let generated = SnapshotGenerator.generate(
        users: config.users, teams: config.teams, roles: config.roles, tables: config.tables,
        seed: config.seed)
    let path = benchmarkDirectory() + "/console.json"
    var file = SnapshotFile(path: path)
    do {
        try file.save(generated)
    } catch {
        print("console: cannot write \(path): \(error)")
        return
    }
    let size = Size(width: 120, height: 40)
    let (loaded, startSeconds) = measure { () -> AppState? in
        guard let (snapshot, snapshotFile) = try? SnapshotFile.load(path: path) else { return nil }
        let envId = snapshot.sortedEnvironments.first?.id
        let state = AppState(
            snapshot: snapshot, document: Document(source: .file(path), fingerprint: snapshotFile.fingerprint),
            environmentId: envId, size: size)
        _ = render(state, size: size, theme: .builtInDefault, glyphs: .unicode)
        return state
    }
    guard var state = loaded else {
        print("console: cannot load \(path)")
        return
    }
    report("console first frame: load \(config.users) users + build state + render 120x40", startSeconds, "s")

    func press(_ action: Action, into times: inout [Double]) {
        let start = DispatchTime.now().uptimeNanoseconds
        reduce(&state, action)
        _ = render(state, size: size, theme: .builtInDefault, glyphs: .unicode)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }

    var navigation: [Double] = []
    for _ in 0..<300 { press(.cursorMoved(.down), into: &navigation) }
    for _ in 0..<100 { press(.cursorMoved(.pageDown), into: &navigation) }
    for _ in 0..<100 { press(.cursorMoved(.up), into: &navigation) }
    press(.cursorMoved(.bottom), into: &navigation)
    press(.cursorMoved(.top), into: &navigation)
    for _ in 0..<24 { press(.paneCycled(forward: true), into: &navigation) }
    press(.paneChosen(.users), into: &navigation)
    reportDistribution("console navigation (j/k/PgDn/G/g, Tab through panes)", navigation)

    // The effective-access view of the selected user, then assign a role (a, Enter) and undo (u):
    // each edit recomputes the matrix and the "why" on screen.
    for _ in 0..<50 { reduce(&state, .cursorMoved(.down)) }
    var edits: [Double] = []
    press(.selectionOpened, into: &edits)
    for _ in 0..<40 {
        press(.roleAssignmentRequested, into: &edits)
        press(.inputSubmitted, into: &edits)
        press(.undoRequested, into: &edits)
    }
    reportDistribution("console edit with effective access shown (assign role, undo)", edits)

    // Where an edit's time goes. Measured with nothing else holding the environment, as in the
    // reducer (`apply` edits in place), and with a second reference (the first write copies).
    let change: Change? = {
        guard let env = state.environment, let userId = state.selectedId, let user = env.users[userId],
            let roleId = env.roles.keys.sorted().first(where: { !user.roleIds.contains($0) })
        else { return nil }
        return .assignUserRole(environment: env.id, user: userId, role: roleId)
    }()
    let principal = state.selectedId
    var snapshot = state.snapshot
    state = AppState(snapshot: Snapshot(tenant: ""), document: Document(source: .demo))
    if let change {
        var copy = snapshot
        let (_, copying) = measure { try? copy.apply(change) }
        copy = Snapshot(tenant: "")
        report("console part: Snapshot.apply(assignUserRole) while another reference exists", copying * 1000, "ms")
        let (_, inPlace) = measure { try? snapshot.apply(change) }
        report("console part: Snapshot.apply(assignUserRole), as the console applies edits", inPlace * 1000, "ms")
    }
    if let env = snapshot.sortedEnvironments.first, let id = principal, let user = env.users[id] {
        let (teams, teamsSeconds) = measure { env.teams(of: user) }
        report("console part: teams(of: user)", teamsSeconds * 1000, "ms")
        let (_, rowsSeconds) = measure { env.effectiveRows(of: user, teams: teams) }
        report("console part: effectiveRows(of: user)", rowsSeconds * 1000, "ms")
        let secured = env.sortedTables.flatMap { t in t.securedColumns.map { ColumnReference(table: t.logicalName, column: $0.logicalName) }
        }
        let (_, columnSeconds) = measure {
            for ref in secured {
                for kind in ColumnPermissionKind.allCases { _ = env.columnAccess(of: user, column: ref, kind: kind, teams: teams) }
            }
        }
        report("console part: columnAccess over \(secured.count) secured columns x 4", columnSeconds * 1000, "ms")
    }
}
/// Prints the median and the 99th percentile of a list of milliseconds.
private func reportDistribution(_ name: String, _ milliseconds: [Double]) {
    let sorted = milliseconds.sorted()
    guard !sorted.isEmpty else { return }
    let median = sorted[sorted.count / 2]
    let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
    report("\(name) median", median, "ms")
    report("\(name) p99", p99, "ms")
    report("\(name) max", sorted[sorted.count - 1], "ms")
}
