import Testing

@testable import SecurityModel

/// Which change moves, and which raises, a line judged by the records it reaches rather than by
/// its level (found by a domain review: a user who gave up a direct Deep role and joined a team
/// whose Local grant reaches the unit above was shown raised by the role removed, and the team
/// "raised no one's access now"). A team's Local grant is scoped to the team's business unit
/// (DATAVERSE.md §2 rule 2), so the records that come into reach come through the team.
@Suite("Diff: which change moves and raises a scope line")
struct ScopeAttributionTests {
    typealias O = TestOrganisation

    /// Root → Europe → Sales EU; `deep` grants Deep Read on account, `loc` Local Read.
    static func organisation() -> TestOrganisation {
        var org = TestOrganisation()
        org.add(O.role("deep", ["account": [.read: .parentChildBusinessUnits]]))
        org.add(O.role("loc", ["account": [.read: .businessUnit]]))
        return org
    }

    static func diff(_ base: Environment, _ target: Environment) -> DiffResult {
        SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
    }

    /// The entry's (moved, raised) counts.
    static func counts(_ r: DiffResult, _ kind: DiffObjectKind, _ id: String) -> [Int?] {
        let e = r.entry(kind, id)
        return [e?.usersReached, e?.usersMoved, e?.usersRaised]
    }

    /// Ana (Sales EU) holds `deep` directly; team T1 (Europe) holds `loc`. She gives up `deep`
    /// and joins T1: Deep on Sales EU becomes Local on Europe, whose records come into reach
    /// only through T1.
    static func joinsTheTeamAbove() -> (Environment, Environment) {
        var org = organisation()
        org.add(O.user("ana", roles: ["deep"]))
        org.add(Team(id: "t1", name: "T1", businessUnitId: O.europe, roleIds: ["loc"]))
        let base = org.environment
        var target = base
        target.users["ana"]?.roleIds.remove("deep")
        target.teams["t1"]?.memberIds.insert("ana")
        return (base, target)
    }

    @Test func aTeamJoinedWhoseLocalGrantReachesOtherRecordsMovesAndRaisesTheUser() throws {
        let (base, target) = Self.joinsTheTeamAbove()
        let r = Self.diff(base, target)
        let ana = try #require(r.impacts.first { $0.userId == "ana" })
        let line = try #require(ana.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(line.old == .parentChildBusinessUnits && line.new == .businessUnit && line.risk == .escalation)
        #expect(line.reasons == [.scopeChanged] && line.newPath?.teamId == "t1")
        // Reached, moved, raised: the team raises Ana; her role removed moves the line (Sales
        // EU's records below it go out of reach) but raises nothing.
        #expect(Self.counts(r, .team, "t1") == [1, 1, 1])
        #expect(Self.counts(r, .user, "ana") == [1, 1, 0])
        let team = try #require(r.entry(.team, "t1"))
        #expect(r.lines(of: ana, through: team).impact.tableChanges == [line])
        #expect(r.impacts(reachedBy: team).moved.map(\.userId) == ["ana"])
        let text = DiffTextRenderer().render(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: []))
        #expect(text.contains("~ team \"T1\" [ESCALATION]  (reaches 1 user whose access changes)\n"), "\(text)")
    }

    /// The way back: Ana leaves T1 and gets `deep` again. Her level rises to Deep on Sales EU
    /// (the role assigned raises her) while Europe's records go out of reach with the team left,
    /// which therefore moves the line too.
    @Test func theTeamLeftMovesTheLineWhoseOldSideItDecided() throws {
        let (base, target) = Self.joinsTheTeamAbove()
        let r = Self.diff(target, base)
        let ana = try #require(r.impacts.first { $0.userId == "ana" })
        let line = try #require(ana.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(line.new > line.old && line.reasons.contains(.scopeChanged) && line.oldPath?.teamId == "t1")
        #expect(Self.counts(r, .user, "ana") == [1, 1, 1])
        #expect(Self.counts(r, .team, "t1") == [1, 1, 0])
    }

    /// The old side through a team left: Ana (Europe) leaves T0 (Sales EU, Deep) and gets `loc`
    /// directly. Deep on Sales EU falls to Local on Europe: the direct role assigned brings
    /// Europe's records in and raises her; the team left moves the line but raises nothing.
    @Test func aDirectRoleAssignedRaisesAFallingLineThatReachesOtherRecords() throws {
        var org = Self.organisation()
        org.add(O.user("ana", bu: O.europe))
        org.add(Team(id: "t0", name: "T0", businessUnitId: O.salesEU, memberIds: ["ana"], roleIds: ["deep"]))
        let base = org.environment
        var target = base
        target.teams["t0"]?.memberIds.remove("ana")
        target.users["ana"]?.roleIds.insert("loc")
        let r = Self.diff(base, target)
        let ana = try #require(r.impacts.first { $0.userId == "ana" })
        let line = try #require(ana.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(line.new < line.old && line.reasons == [.scopeChanged] && line.oldPath?.teamId == "t0")
        #expect(Self.counts(r, .user, "ana") == [1, 1, 1])
        #expect(Self.counts(r, .team, "t0") == [1, 1, 0])
    }

    /// Same level, other unit: Ana leaves TA (Europe, Local) and joins TB (the root, Local).
    /// Both teams move the line; only the one joined raises her.
    @Test func atTheSameLevelOnlyTheTeamJoinedRaises() throws {
        var org = Self.organisation()
        org.add(O.user("ana"))
        org.add(Team(id: "ta", name: "TA", businessUnitId: O.europe, memberIds: ["ana"], roleIds: ["loc"]))
        org.add(Team(id: "tb", name: "TB", businessUnitId: O.root, roleIds: ["loc"]))
        let base = org.environment
        var target = base
        target.teams["ta"]?.memberIds.remove("ana")
        target.teams["tb"]?.memberIds.insert("ana")
        let r = Self.diff(base, target)
        let ana = try #require(r.impacts.first { $0.userId == "ana" })
        let line = try #require(ana.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(line.old == line.new && line.reasons == [.scopeChanged], "\(ana.tableChanges)")
        #expect(Self.counts(r, .team, "tb") == [1, 1, 1])
        #expect(Self.counts(r, .team, "ta") == [1, 1, 0])
    }
}
