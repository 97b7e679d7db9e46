import PropertyBased
import Testing

@testable import SecurityModel

/// Every line of the impact says what the engine says about that cell on each side: the levels,
/// dormancy, and the path of the winning grant (the impact finds them from the index's dense
/// rows; this asks `effectiveAccess` one cell at a time).
@Suite struct DiffImpactEngineTests {
    /// The path of an answer's winning grant, named the way the impact names it.
    static func path(_ a: AccessAnswer?, _ env: Environment, _ user: User?) -> ImpactPath? {
        guard let g = a?.winningGrant else { return nil }
        let kind: ImpactPath.Kind =
            switch g.path {
            case .direct: .direct
            case .team: .team
            case .inherited: .inherited
            }
        let roleId = g.path.roleId
        let scope = env.businessUnits[g.scopeBusinessUnitId] != nil ? env.businessUnitPath(g.scopeBusinessUnitId) : g.scopeBusinessUnitId
        return ImpactPath(
            kind: kind, roleId: roleId, roleName: env.roles[roleId]?.name ?? roleId, teamId: g.path.teamId,
            teamName: g.path.teamId.flatMap { env.teams[$0]?.name }, isSystemAdministrator: g.isSystemAdministrator,
            scope: scope, scopeIsAnotherUnit: user.map { $0.businessUnitId != g.scopeBusinessUnitId } ?? false,
            note: env.pathNotes(g.path))
    }

    @Test func everyImpactLineAgreesWithTheEngine() async {
        await propertyCheck(count: propertyCount(25), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            let (original, edited) = DiffPropertyTests.edited(seed, pick, edits: 5)
            guard let b = original.sortedEnvironments.first, let t = edited.environments[b.id] else { return }
            let r = SnapshotDiff.compare(base: b, target: t, options: DiffOptions(runChecks: false, matchByName: false))
            for impact in r.impacts {
                let ub = b.users[impact.userId]
                let ut = t.users[impact.userId]
                #expect(impact.oldDormancy == (ub.map { b.accessContext(of: $0).dormancy } ?? []))
                #expect(impact.newDormancy == (ut.map { t.accessContext(of: $0).dormancy } ?? []))
                for c in impact.tableChanges where !c.isScopeChange {
                    let ab = ub.map { b.effectiveAccess(of: $0, table: c.table, operation: c.operation) }
                    let at = ut.map { t.effectiveAccess(of: $0, table: c.table, operation: c.operation) }
                    let runtime = (ab?.level ?? .none, at?.level ?? .none)
                    let granted = (ab?.grantedLevel ?? .none, at?.grantedLevel ?? .none)
                    let line = "\(impact.name) \(c.table) \(c.operation)"
                    #expect(c.isDormant == (runtime.0 == runtime.1), "\(line)")
                    #expect((c.old, c.new) == (c.isDormant ? granted : runtime), "\(line)")
                    #expect(c.oldPath == Self.path(ab, b, ub), "\(line)")
                    #expect(c.newPath == Self.path(at, t, ut), "\(line)")
                }
            }
        }
    }

    /// The same with modernized business units and role copies named on both sides, each side
    /// drawn separately: the scope of every winning grant comes from the copy held.
    @Test func everyImpactLineAgreesWithTheEngineWithRoleCopiesHeld() async {
        await propertyCheck(count: propertyCount(25), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            let (original, edited) = DiffPropertyTests.edited(seed, pick, edits: 3)
            let base = DiffPropertyTests.withRoleCopies(original, seed: UInt64(pick))
            let target = DiffPropertyTests.withRoleCopies(edited, seed: UInt64(pick) &+ 1)
            guard let b = base.sortedEnvironments.first, let t = target.environments[b.id] else { return }
            let r = SnapshotDiff.compare(base: b, target: t, options: DiffOptions(runChecks: false, matchByName: false))
            #expect(!r.impacts.isEmpty)
            for impact in r.impacts {
                let ub = b.users[impact.userId]
                let ut = t.users[impact.userId]
                for c in impact.tableChanges where !c.isScopeChange {
                    let ab = ub.map { b.effectiveAccess(of: $0, table: c.table, operation: c.operation) }
                    let at = ut.map { t.effectiveAccess(of: $0, table: c.table, operation: c.operation) }
                    #expect(c.oldPath == Self.path(ab, b, ub), "\(impact.name) \(c.table) \(c.operation)")
                    #expect(c.newPath == Self.path(at, t, ut), "\(impact.name) \(c.table) \(c.operation)")
                }
                // A scope line names the units each side's winning grant reaches.
                for c in impact.tableChanges where c.isScopeChange {
                    let ab = ub.map { b.effectiveAccess(of: $0, table: c.table, operation: c.operation) }
                    let at = ut.map { t.effectiveAccess(of: $0, table: c.table, operation: c.operation) }
                    #expect(ab?.level == c.old && at?.level == c.new, "\(impact.name) \(c.table) \(c.operation)")
                }
            }
        }
    }
}
