import PropertyBased
import Testing

@testable import SecurityModel

/// The diff of A→B is the diff of B→A read backwards; the diff of anything with itself is empty.
@Suite struct DiffPropertyTests {
    static func organisation(_ seed: UInt64) -> Snapshot {
        var snapshot = SnapshotGenerator.generate(users: 40, teams: 12, roles: 8, tables: 12, seed: seed)
        // Odd seeds: some roles made below the root, so that modernized business units (which
        // the edits turn on and off) move the scopes of holders outside a role's subtree.
        if seed % 2 == 1, var env = snapshot.sortedEnvironments.first {
            let units = env.businessUnits.keys.sorted().filter { env.businessUnits[$0]?.parentId != nil }
            for (i, id) in env.roles.keys.sorted().enumerated() where i % 3 == 0 && !units.isEmpty && env.roles[id]?.builtIn == nil {
                env.roles[id]?.businessUnitId = units[i % units.count]
            }
            snapshot.environments[env.id] = env
        }
        return snapshot
    }

    /// A generated organisation and a copy with `edits` random console edits (``RandomEdits``) to
    /// its first environment, picked by `pick`.
    ///
    /// `runtimeFlags`: also, drawn apart (the other draws are the same without it), licences,
    /// access modes and disabled business units the console does not edit (who has access at
    /// run time: EffectiveAccessRules rules 6, 9 and 10).
    static func edited(_ seed: Int, _ pick: Int, edits: Int, runtimeFlags: Bool = false) -> (original: Snapshot, edited: Snapshot) {
        let original = organisation(UInt64(seed))
        var edited = original
        var rng = SeededGenerator(seed: UInt64(pick))
        for _ in 0..<edits {
            guard let env = edited.sortedEnvironments.first else { break }
            _ = try? edited.apply(RandomEdits.change(in: env, using: &rng))
        }
        if runtimeFlags, var env = edited.sortedEnvironments.first {
            env = runtimeFlagsEdited(env, seed: UInt64(pick) &* 13 &+ 5)
            edited.environments[env.id] = env
        }
        return (original, edited)
    }

    /// `env` with a few users' licence or access mode changed and a few business units disabled
    /// or enabled, at random.
    static func runtimeFlagsEdited(_ input: Environment, seed: UInt64) -> Environment {
        var env = input
        var rng = SeededGenerator(seed: seed)
        for id in env.users.keys.sorted() where rng.next() % 6 == 0 {
            if rng.next() % 2 == 0 { env.users[id]?.isLicensed.toggle() }
            if rng.next() % 2 == 0 { env.users[id]?.accessMode = AccessMode.allCases[Int(rng.next() % UInt64(AccessMode.allCases.count))] }
        }
        for id in env.businessUnits.keys.sorted() where rng.next() % 4 == 0 { env.businessUnits[id]?.isDisabled.toggle() }
        return env
    }

    /// `input` with modernized business units and, at random, a third of the role holders
    /// holding another unit's copy of one of their roles (``User/roleBusinessUnitIds``).
    static func withRoleCopies(_ input: Snapshot, seed: UInt64) -> Snapshot {
        var snapshot = input
        guard var env = snapshot.sortedEnvironments.first else { return input }
        var rng = SeededGenerator(seed: seed)
        env.settings.modernizedBusinessUnits = true
        let units = env.businessUnits.keys.sorted()
        for id in env.users.keys.sorted() where rng.next() % 3 == 0 {
            guard let roles = env.users[id]?.roleIds.sorted(), !roles.isEmpty else { continue }
            env.users[id]?.roleBusinessUnitIds = [
                roles[Int(rng.next() % UInt64(roles.count))]: units[Int(rng.next() % UInt64(units.count))]
            ]
        }
        for id in env.teams.keys.sorted() where rng.next() % 3 == 0 {
            guard let roles = env.teams[id]?.roleIds.sorted(), !roles.isEmpty else { continue }
            env.teams[id]?.roleBusinessUnitIds = [
                roles[Int(rng.next() % UInt64(roles.count))]: units[Int(rng.next() % UInt64(units.count))]
            ]
        }
        snapshot.environments[env.id] = env
        return snapshot
    }

    /// An entry as its mirror would read it.
    struct Normal: Hashable {
        var kind: DiffObjectKind, id: String, action: DiffAction, risk: RiskClass
        var lines: Set<[String]>
    }

    /// A line's risk read backwards: mirrored, except for moved scopes and owners, which are
    /// escalations both ways (records of another business unit, or of other owners, come into
    /// reach), as in the impact. The modernized switch is both ways unless it only widens.
    static func mirror(_ l: DiffLine, _ mirrored: Bool) -> RiskClass {
        let widens = l.reasons.contains(.scopeWidened) || l.reasons.contains(.ownersWidened)
        let bothWays =
            [RiskReason.scopeChanged, .ownersChanged].contains(where: l.reasons.contains)
            || (l.reasons.contains(.businessUnitScopesMoved) && !widens)
        return mirrored && !bothWays ? l.risk.mirrored : l.risk
    }

    static func normal(_ e: DiffEntry, mirrored: Bool) -> Normal {
        let lines = Set(
            e.lines.map { l -> [String] in
                let (old, new) = mirrored ? (l.new, l.old) : (l.old, l.new)
                return [
                    (mirrored ? l.symbol.mirrored : l.symbol).rawValue, l.field.rawValue, l.subjectId ?? l.subject,
                    old ?? "∅", new ?? "∅", mirror(l, mirrored).rawValue,
                ]
            })
        // An entry's risk is the worst of its lines: with an escalation and a reduction it is an
        // escalation both ways, so it is derived from the (mirrored) lines, not mirrored itself.
        let risk = RiskClass.worst(e.lines.map { mirror($0, mirrored) })
        #expect(mirrored || risk == e.risk)
        return Normal(kind: e.kind, id: e.objectId, action: mirrored ? e.action.mirrored : e.action, risk: risk, lines: lines)
    }

    static func normal(_ i: UserImpact, mirrored: Bool) -> Set<[String]> {
        var out: Set<[String]> = []
        for c in i.tableChanges {
            let (o, n) = mirrored ? (c.new, c.old) : (c.old, c.new)
            let (os, ns) = mirrored ? (c.newScope, c.oldScope) : (c.oldScope, c.newScope)
            let (op, np) = mirrored ? (c.newPath, c.oldPath) : (c.oldPath, c.newPath)
            // Other records (another unit, another owner) reached either way: an escalation both ways.
            let bothWays = c.reasons.contains(.scopeChanged) || c.reasons.contains(.ownersChanged)
            let risk = mirrored && !bothWays ? c.risk.mirrored : c.risk
            out.insert([
                "table", c.table, c.operation.snapshotName, o.snapshotName, n.snapshotName, os.joined(separator: ","),
                ns.joined(separator: ","), op?.description ?? "", np?.description ?? "", "\(c.isDormant)", risk.rawValue,
            ])
        }
        for c in i.columnChanges {
            let (o, n) = mirrored ? (c.new, c.old) : (c.old, c.new)
            let (ov, nv) = mirrored ? (c.newVia, c.oldVia) : (c.oldVia, c.newVia)
            let (ou, nu) = mirrored ? (c.newUnmasked, c.oldUnmasked) : (c.oldUnmasked, c.newUnmasked)
            out.insert([
                "column", c.column.description, c.kind.rawValue, "\(o)", "\(n)", ou?.snapshotName ?? "", nu?.snapshotName ?? "",
                ov.joined(separator: ","),
                nv.joined(separator: ","), "\(c.isDormant)", (mirrored ? c.risk.mirrored : c.risk).rawValue,
            ])
        }
        for m in i.miscChanges {
            let (o, n) = mirrored ? (m.new, m.old) : (m.old, m.new)
            let (ov, nv) = mirrored ? (m.newVia, m.oldVia) : (m.oldVia, m.newVia)
            out.insert([
                "misc", m.name, o.snapshotName, n.snapshotName, ov ?? "∅", nv ?? "∅", String(m.isDormant),
                (mirrored ? m.risk.mirrored : m.risk).rawValue,
            ])
        }
        return out
    }

    @Test func diffBackwardsIsTheInverseAndSelfDiffIsEmpty() async {
        await propertyCheck(count: propertyCount(40), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            Self.checkMirror(seed, pick)
        }
    }

    /// Inputs the mirror check failed on once: a user moved to another business unit changes
    /// default team, so owner lines move both ways (``RiskReason/ownersChanged``) and the unit
    /// line is an escalation both ways too; (8229, 573_316): the modernized switch only widened
    /// scopes, so the switch back is a reduction.
    @Test(arguments: [(0, 345_614), (0, 176_899), (6434, 199_117), (8229, 573_316)])
    func diffBackwardsIsTheInverseOn(input: (Int, Int)) {
        Self.checkMirror(input.0, input.1)
    }

    /// The mirror with licences, access modes and disabled business units changed too.
    @Test func diffBackwardsIsTheInverseWithRuntimeFlagsChanged() async {
        await propertyCheck(count: propertyCount(30), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            Self.checkMirror(seed, pick, runtimeFlags: true)
        }
    }

    static func checkMirror(_ seed: Int, _ pick: Int, runtimeFlags: Bool = false) {
        let (original, edited) = DiffPropertyTests.edited(seed, pick, edits: 6, runtimeFlags: runtimeFlags)
        let options = DiffOptions(runChecks: false)
        let forward = SnapshotDiff.compare(base: original, target: edited, options: options)
        let backward = SnapshotDiff.compare(base: edited, target: original, options: options)
        #expect(forward.comparisons.count == backward.comparisons.count)
        for (f, b) in zip(forward.comparisons, backward.comparisons) {
            #expect(Set(f.entries.map { Self.normal($0, mirrored: true) }) == Set(b.entries.map { Self.normal($0, mirrored: false) }))
            #expect(f.impacts.map(\.userId).sorted() == b.impacts.map(\.userId).sorted())
            let byUser = Dictionary(uniqueKeysWithValues: b.impacts.map { ($0.userId, $0) })
            for i in f.impacts {
                guard let other = byUser[i.userId] else { continue }
                #expect(Self.normal(i, mirrored: true) == Self.normal(other, mirrored: false), "user \(i.userId)")
            }
            #expect(f.isIdentical == (original == edited))
        }
        #expect(SnapshotDiff.compare(base: edited, target: edited, options: options).isIdentical)
    }

    /// The dense check that spares the engine on scope cells (ImpactAnalysis.sameDenseReach)
    /// changes no answer: the impact with it is the impact without it.
    @Test func theDenseScopeCheckChangesNoAnswer() async {
        await propertyCheck(count: propertyCount(30), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            let (original, edited) = DiffPropertyTests.edited(seed, pick, edits: 6)
            guard let b = original.sortedEnvironments.first, let t = edited.environments[b.id] else { return }
            let entries = SnapshotDiff.compare(
                base: b, target: t, options: DiffOptions(computeImpact: false, runChecks: false, matchByName: false)
            ).entries
            let (pb, pt) = (PrincipalIndex(b), PrincipalIndex(t))
            let fast = ImpactAnalysis(
                base: pb, target: pt, touches: ImpactTouches(entries: entries, base: pb, target: pt), explainPaths: true)
            var slow = fast
            slow.denseScopeCheck = false
            #expect(fast.impacts() == slow.impacts(), "\(seed) \(pick)")
        }
    }

    @Test func impactAgreesWithTheEngineForEveryUser() async {
        await propertyCheck(count: propertyCount(25), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            Self.checkImpactAgreesWithTheEngine(seed, pick)
        }
    }

    /// The same with licences, access modes and disabled business units changed too.
    @Test func impactAgreesWithTheEngineWithRuntimeFlagsChanged() async {
        await propertyCheck(count: propertyCount(25), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            Self.checkImpactAgreesWithTheEngine(seed, pick, runtimeFlags: true)
        }
    }

    static func checkImpactAgreesWithTheEngine(_ seed: Int, _ pick: Int, runtimeFlags: Bool = false) {
        // Recomputing the world must find exactly the users the targeted impact found.
        do {
            let (original, edited) = DiffPropertyTests.edited(seed, pick, edits: 4, runtimeFlags: runtimeFlags)
            guard let b = original.sortedEnvironments.first, let t = edited.environments[b.id] else { return }
            let r = SnapshotDiff.compare(base: b, target: t, options: DiffOptions(runChecks: false))
            var changed: Set<String> = []
            for (id, user) in t.users {
                guard let old = b.users[id] else {
                    changed.insert(id)
                    continue
                }
                if b.effectiveRows(of: old).map(\.levels) != t.effectiveRows(of: user).map(\.levels) { changed.insert(id) }
            }
            let reported = Set(r.impacts.filter { $0.tableChanges.contains { !$0.isDormant && !$0.isScopeChange } }.map(\.userId))
            #expect(reported == changed)
            // Columns secured on both sides: every user whose runtime access moved is reported.
            var columnMoves: Set<String> = []
            for table in t.sortedTables {
                for c in table.securedColumns where b.tables[table.logicalName]?.columns[c.logicalName]?.isSecured == true {
                    let ref = ColumnReference(table: table.logicalName, column: c.logicalName)
                    for (id, user) in t.users {
                        guard let old = b.users[id] else { continue }
                        for kind in ColumnPermissionKind.allCases
                        where b.columnAccess(of: old, column: ref, kind: kind).allowed
                            != t.columnAccess(of: user, column: ref, kind: kind).allowed
                        {
                            columnMoves.insert("\(id) \(ref.description) \(kind.rawValue)")
                        }
                    }
                }
            }
            func securedOnBoth(_ ref: ColumnReference) -> Bool {
                b.tables[ref.table]?.columns[ref.column]?.isSecured == true && t.tables[ref.table]?.columns[ref.column]?.isSecured == true
            }
            let reportedColumns = Set(
                r.impacts.flatMap { i in
                    i.columnChanges.filter { !$0.isDormant && securedOnBoth($0.column) }
                        .map { "\(i.userId) \($0.column.description) \($0.kind.rawValue)" }
                })
            #expect(reportedColumns == columnMoves)
        }
    }

    /// Which changes move a user's access, checked against a counterfactual that shares no code
    /// with the diff's line attribution: when leaving one role or team change out of the release
    /// alters a user's granted level on a table the diff reports as raised for that user, that
    /// change's entry must count the user among those it moves (``DiffEntry/usersMoved``) and
    /// list them first in its drill-down.
    @Test func aChangeWithoutWhichAUsersAccessDiffersMovesThatUser() async {
        await propertyCheck(count: propertyCount(30), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            Self.checkMovers(seed, pick)
        }
    }

    /// The input on which the mirror check once failed: an owner line reaching another team's
    /// records is an escalation both ways (`ownersChanged`), as a moved scope is.
    @Test func anOwnerLineReachingAnotherTeamsRecordsMirrors() async {
        await propertyCheck(count: 1, input: Gen.always(6441), Gen.always(429_436)) { seed, pick in
            let (original, edited) = DiffPropertyTests.edited(seed, pick, edits: 6)
            let options = DiffOptions(runChecks: false)
            let forward = SnapshotDiff.compare(base: original, target: edited, options: options)
            let backward = SnapshotDiff.compare(base: edited, target: original, options: options)
            for (f, b) in zip(forward.comparisons, backward.comparisons) {
                let byUser = Dictionary(uniqueKeysWithValues: b.impacts.map { ($0.userId, $0) })
                #expect(f.impacts.contains { $0.tableChanges.contains { $0.reasons.contains(.ownersChanged) } })
                for i in f.impacts {
                    guard let other = byUser[i.userId] else { continue }
                    #expect(Self.normal(i, mirrored: true) == Self.normal(other, mirrored: false), "user \(i.userId)")
                }
            }
        }
    }

    /// The input the random check once failed on: a role lowered from Organization to Local in
    /// the release that also gives it to a team, beside another role raised to Deep. The user's
    /// rise comes from the other role; the lowered one would have made it larger.
    @Test func aChangeThatLowersWhatAnotherRaisedIsNotWhatRaisedIt() {
        Self.checkMovers(2143, 145850)
    }

    /// The same with users' own roles assigned and removed too: a user's entry moves the lines its
    /// direct roles decide, not those of a role changed in the same release that the user also
    /// holds through a team (found by a console review).
    @Test func aUsersOwnRoleChangeMovesTheUsersWhoseAccessNeedsIt() async {
        await propertyCheck(count: propertyCount(30), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            Self.checkMovers(seed, pick, userEdits: true)
        }
    }

    /// `userEdits`: also a user's direct role assigned or removed (the draws of the other edits
    /// are the same without it, so the inputs found before still reproduce).
    static func checkMovers(_ seed: Int, _ pick: Int, userEdits: Bool = false) {
        do {
            let original = Self.organisation(UInt64(seed))
            guard let env = original.sortedEnvironments.first else { return }
            let e = env.id
            var rng = SeededGenerator(seed: UInt64(pick))
            func draw<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
            let roles = env.roles.keys.sorted()
            let teams = env.teams.keys.sorted()
            let users = env.users.keys.sorted()
            // Only edits that land in a role, team (or user) entry, one object each, so that
            // leaving one out leaves its entry out.
            var changes: [(change: Change, object: String)] = []
            var objects: Set<String> = []
            var edited = original
            for _ in 0..<12 where changes.count < 4 {
                let table = draw(env.sortedTables)
                let op = draw(TableOperation.allCases)
                let (change, object): (Change, String) =
                    switch rng.next() % (userEdits ? 7 : 5) {
                    case 0, 1:
                        {
                            let r = draw(roles)
                            return (
                                Change.setPrivilege(
                                    environment: e, role: r, table: table.logicalName, operation: op,
                                    level: draw(table.ownership.allowedLevels(for: op))), r
                            )
                        }()
                    case 2:
                        {
                            let t = draw(teams)
                            return (.assignTeamRole(environment: e, team: t, role: draw(roles)), t)
                        }()
                    case 3:
                        {
                            let t = draw(teams)
                            return (.addTeamMember(environment: e, team: t, user: draw(users)), t)
                        }()
                    case 4:
                        {
                            let t = draw(teams)
                            return (.removeTeamRole(environment: e, team: t, role: draw(roles)), t)
                        }()
                    case 5:
                        {
                            let u = draw(users)
                            return (.assignUserRole(environment: e, user: u, role: draw(roles)), u)
                        }()
                    default:
                        {
                            let u = draw(users)
                            let held = edited.environments[e]?.users[u]?.roleIds.sorted() ?? []
                            return (.removeUserRole(environment: e, user: u, role: held.isEmpty ? draw(roles) : draw(held)), u)
                        }()
                    }
                guard !objects.contains(object), (try? edited.apply(change)) != nil else { continue }
                objects.insert(object)
                changes.append((change, object))
            }
            guard let b = original.environments[e], let t = edited.environments[e] else { return }
            let r = SnapshotDiff.compare(base: b, target: t, options: DiffOptions(runChecks: false))
            for (left, (_, object)) in changes.enumerated() {
                guard let entry = r.entries.first(where: { $0.objectId == object }) else { continue }
                var without = original
                for (i, c) in changes.enumerated() where i != left { _ = try? without.apply(c.change) }
                guard let w = without.environments[e] else { continue }
                let moved = Set(r.impacts(reachedBy: entry).moved.map(\.userId))
                for impact in r.impacts {
                    guard let user = t.users[impact.userId], let other = w.users[impact.userId] else { continue }
                    let now = Dictionary(uniqueKeysWithValues: t.effectiveRows(of: user).map { ($0.table, $0.grantedLevels) })
                    let otherwise = Dictionary(uniqueKeysWithValues: w.effectiveRows(of: other).map { ($0.table, $0.grantedLevels) })
                    // Raised lines: a fall with several causes (one role lowered, another's team
                    // left) is the change's whose grant decided the old level (DiffAndChecks.md).
                    // A change without which the rise would be smaller; one without which it would
                    // be larger (a role lowered that a team newly holds, seed 2143/145850) lowers
                    // what another change raised, and is not what raised it.
                    let needed = impact.tableChanges.contains { c in
                        c.new > c.old && !c.isScopeChange
                            && (otherwise[c.table]?[c.operation] ?? AccessLevel.none) < (now[c.table]?[c.operation] ?? AccessLevel.none)
                    }
                    if needed {
                        #expect(moved.contains(impact.userId), "\(entry.id) does not count \(impact.name), whose access needs it")
                    }
                }
                #expect(entry.usersMoved == moved.count, "\(entry.id)")
            }
        }
    }
}

/// A business unit moved in the tree, checked against the engine: for every user and cell at the
/// same Local or Deep level on both sides, the records reached are the units the engine's grants
/// cover (Local the unit, Deep the unit and those below, each side down its own tree); the impact
/// has a scope line exactly where those differ, an escalation where units came in, and the way
/// back is the mirror.
@Suite struct BusinessUnitMovePropertyTests {
    /// Moves a unit that is not the root under another unit that is not below it.
    static func moved(_ seed: UInt64, _ pick: UInt64) -> (Environment, Environment)? {
        guard let env = SnapshotGenerator.generate(users: 50, teams: 14, roles: 8, tables: 10, seed: seed).sortedEnvironments.first
        else { return nil }
        var rng = SeededGenerator(seed: pick)
        let movable = env.businessUnits.values.filter { $0.parentId != nil }.map(\.id).sorted()
        guard !movable.isEmpty else { return nil }
        let unit = movable[Int(rng.next() % UInt64(movable.count))]
        let below = env.subtree(of: unit)
        let parents = env.businessUnits.keys.filter { !below.contains($0) && $0 != env.businessUnits[unit]?.parentId }.sorted()
        guard !parents.isEmpty else { return nil }
        var target = env
        target.businessUnits[unit]?.parentId = parents[Int(rng.next() % UInt64(parents.count))]
        return (env, target)
    }

    static func reached(_ a: AccessAnswer, in env: Environment) -> Set<String> {
        var out: Set<String> = []
        for g in a.grants where g.level == .businessUnit || g.level == .parentChildBusinessUnits {
            out.formUnion(g.level == .parentChildBusinessUnits ? env.subtree(of: g.scopeBusinessUnitId) : [g.scopeBusinessUnitId])
        }
        return out
    }

    @Test func scopeLinesAreExactlyWhereTheUnitsReachedDiffer() async {
        await propertyCheck(count: propertyCount(30), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            guard let (b, t) = Self.moved(UInt64(seed), UInt64(pick)) else { return }
            let r = SnapshotDiff.compare(base: b, target: t, options: DiffOptions(runChecks: false))
            let back = SnapshotDiff.compare(base: t, target: b, options: DiffOptions(runChecks: false))
            var expected: [String: RiskClass] = [:]
            for (id, user) in t.users.sorted(by: { $0.key < $1.key }) {
                guard let old = b.users[id] else { continue }
                let cb = b.accessContext(of: old)
                let ct = t.accessContext(of: user)
                guard cb.systemAdministrator == nil, ct.systemAdministrator == nil else { continue }
                for table in t.sortedTables where table.ownership != .organization {
                    for op in TableOperation.allCases {
                        let ab = b.effectiveAccess(of: cb, table: table.logicalName, operation: op)
                        let at = t.effectiveAccess(of: ct, table: table.logicalName, operation: op)
                        guard ab.level == at.level, ab.level == .businessUnit || ab.level == .parentChildBusinessUnits else { continue }
                        let ub = Self.reached(ab, in: b)
                        let ut = Self.reached(at, in: t)
                        guard ub != ut else { continue }
                        expected["\(id) \(table.logicalName) \(op.rawValue)"] = ut.isSubset(of: ub) ? .reduction : .escalation
                    }
                }
            }
            var found: [String: RiskClass] = [:]
            for i in r.impacts {
                for c in i.tableChanges where c.isScopeChange { found["\(i.userId) \(c.table) \(c.operation.rawValue)"] = c.risk }
            }
            #expect(found == expected, "seed \(seed) pick \(pick)")
            // The way back: every line mirrored (a unit gained both ways stays an escalation).
            var mirrored: [String: RiskClass] = [:]
            for i in back.impacts {
                for c in i.tableChanges where c.isScopeChange {
                    mirrored["\(i.userId) \(c.table) \(c.operation.rawValue)"] =
                        c.reasons.contains(.scopeChanged) ? c.risk : c.risk.mirrored
                }
            }
            #expect(mirrored == found, "seed \(seed) pick \(pick)")
            // Someone gains: the gate fails, and the moved unit's entry says so.
            let gains = found.values.contains(.escalation)
            #expect(r.hasEscalation == gains || r.entries.contains { $0.kind != .businessUnit && $0.risk == .escalation })
            if gains { #expect(r.entries.first { $0.kind == .businessUnit }?.risk == .escalation) }
        }
    }
}
