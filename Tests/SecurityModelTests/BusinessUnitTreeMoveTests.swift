import Testing

@testable import SecurityModel

/// A business unit moved in the tree (DATAVERSE.md §2: Deep reaches the unit and those below):
/// no role or assignment changes, yet the Deep grants on the unit's old ancestors lose its records
/// and those on its new ancestors gain them. Was listed as not evaluated, with the entry neutral:
/// a gate passed a restructure that gave a whole branch's records to another department.
@Suite struct BusinessUnitTreeMoveTests {
    typealias F = DiffFixtures
    static let west = "bu-west", manager = "role-opp-manager", local = "role-opp-local"

    /// West under Sales, Wendy in it; Deep Read on opportunity held by Adele (Sales, directly),
    /// Bob (Service, directly), Hana (the root: covers both trees), Dan at Local only (Sales).
    static func base(adeleHolds: Bool = true) -> Environment {
        var env = F.environment()
        env.businessUnits[west] = BusinessUnit(id: west, name: "West", parentId: F.sales)
        env.users["u-wendy"] = User(
            id: "u-wendy", name: "Wendy West", domainName: "wendy@fabrikam.com", businessUnitId: west, roleIds: [F.basicUser])
        env.roles[manager] = SecurityRole(
            id: manager, name: "Opportunity Manager", businessUnitId: F.root,
            privileges: ["opportunity": PrivilegeRow([.read: .parentChildBusinessUnits, .write: .user])])
        env.roles[local] = SecurityRole(
            id: local, name: "Opportunity Local", businessUnitId: F.root, privileges: ["opportunity": PrivilegeRow([.read: .businessUnit])])
        if adeleHolds { env.users[F.adele]?.roleIds.insert(manager) }
        env.users[F.bob]?.roleIds.insert(manager)
        env.users[F.hana]?.roleIds.insert(manager)
        env.users[F.dan]?.roleIds.insert(local)
        return env
    }

    static func moved(_ env: Environment, under parent: String = F.service) -> Environment {
        var target = env
        target.businessUnits[west]?.parentId = parent
        return target
    }

    @Test func deepScopesGainAndLoseTheMovedUnitUnitByUnit() throws {
        let base = Self.base()
        let target = Self.moved(base)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        // Only Adele and Bob: Hana's Deep on the root reaches West in both trees, Dan's Local
        // Sales never reached it, Wendy's own scopes move with her unit.
        #expect(Set(r.impacts.map(\.userId)) == [F.adele, F.bob])
        let bob = try #require(r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" && $0.operation == .read })
        #expect(bob.isScopeChange && bob.old == .parentChildBusinessUnits && bob.new == .parentChildBusinessUnits)
        #expect(bob.oldScope == ["Fabrikam / Service"] && bob.newScope == ["Fabrikam / Service (with Fabrikam / Service / West)"])
        #expect(bob.risk == .escalation && bob.reasons == [.scopeWidened])
        #expect(bob.newPath?.roleName == "Opportunity Manager")
        #expect(r.impact(ofUser: F.bob)?.causes == ["business unit \"West\" moved: Fabrikam / Sales -> Fabrikam / Service"])
        let adele = try #require(r.impact(ofUser: F.adele)?.tableChanges.first { $0.table == "opportunity" })
        #expect(adele.oldScope == ["Fabrikam / Sales (with Fabrikam / Sales / West)"] && adele.newScope == ["Fabrikam / Sales"])
        #expect(adele.risk == .reduction && adele.reasons.isEmpty)
        // The Basic write follows the user, not the tree: no line.
        #expect(r.impact(ofUser: F.bob)?.tableChanges.count == 1)
        // Someone gains and someone loses: the entry is an escalation both ways, and so is the gate.
        let entry = try #require(r.entry(.businessUnit, Self.west))
        #expect(entry.risk == .escalation && entry.lines.first?.reasons == [.scopeChanged])
        #expect(entry.usersReached == 2 && r.hasEscalation)
        #expect(!r.notEvaluated.contains { $0.contains("moving a business unit") })
        let text = DiffTextRenderer().render(r)
        #expect(
            text.contains(
                "opportunity Read: Parent: Child Business Units in Fabrikam / Service -> Parent: Child Business Units in Fabrikam / Service (with Fabrikam / Service / West)"
            ))

        // Back: Bob loses, Adele gains.
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(back.impact(ofUser: F.bob)?.tableChanges.first?.risk == .reduction)
        #expect(back.impact(ofUser: F.adele)?.tableChanges.first?.reasons == [.scopeWidened])
        #expect(back.entry(.businessUnit, Self.west)?.risk == .escalation)
    }

    /// Without Adele, only Bob's unit gains West: an escalation (`scopeWidened`) one way and a
    /// reduction the other, as every rule mirrors. Moving West within a Deep scope everyone
    /// holding it shares (from Sales to a new unit under Sales) moves nobody's records.
    @Test func theEntryIsAnEscalationOnlyWhenSomeoneGains() throws {
        let base = Self.base(adeleHolds: false)
        let target = Self.moved(base)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        #expect(r.entry(.businessUnit, Self.west)?.risk == .escalation)
        #expect(r.entry(.businessUnit, Self.west)?.lines.first?.reasons == [.scopeWidened])
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(back.entry(.businessUnit, Self.west)?.risk == .reduction && !back.hasEscalation)
        #expect(back.impacts.map(\.userId) == [F.bob])

        var within = Self.base()
        within.businessUnits["bu-north"] = BusinessUnit(id: "bu-north", name: "North", parentId: F.sales)
        let reorganized = Self.moved(within, under: "bu-north")
        let same = SnapshotDiff.compare(base: within, target: reorganized, options: DiffOptions(runChecks: false))
        #expect(same.entry(.businessUnit, Self.west)?.risk == .neutral)
        #expect(same.impacts.isEmpty && !same.hasEscalation)
    }

    /// A team's roles refer to the team's business unit: Sales Team (Sales) holding Deep gives
    /// its member Bob Sales' records, West's included until West moves away.
    @Test func aTeamsDeepGrantLosesTheUnitMovedFromUnderIt() throws {
        var base = F.environment()
        base.businessUnits[Self.west] = BusinessUnit(id: Self.west, name: "West", parentId: F.sales)
        base.roles[Self.manager] = SecurityRole(
            id: Self.manager, name: "Opportunity Manager", businessUnitId: F.root,
            privileges: ["opportunity": PrivilegeRow([.read: .parentChildBusinessUnits])])
        base.teams[F.salesTeam]?.roleIds.insert(Self.manager)
        let target = Self.moved(base)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
        #expect(line.risk == .reduction && line.oldPath?.teamName == "Sales Team")
        #expect(line.oldScope == ["Fabrikam / Sales (with Fabrikam / Sales / West)"])
        #expect(r.entry(.businessUnit, Self.west)?.risk == .reduction)
    }
}

/// A comparison given a cancelled token stops before the impact: the console cancels a pending
/// impact that newer edits made stale.
@Suite struct DiffCancellationTests {
    @Test func aCancelledComparisonComputesNoImpact() throws {
        var base = DiffFixtures.environment()
        base.users[DiffFixtures.bob]?.roleIds.insert(DiffFixtures.salesperson)
        let target = DiffFixtures.environment()
        let whole = SnapshotDiff.compare(
            base: base, target: target, options: DiffOptions(runChecks: true, cancellation: DiffCancellation()))
        #expect(!whole.impacts.isEmpty)
        let token = DiffCancellation()
        token.cancel()
        let stopped = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: true, cancellation: token))
        // (Its entries are incomplete too: the comparer stops between objects.)
        #expect(stopped.impacts.isEmpty && stopped.newFindings.isEmpty)
    }
}

/// Found by a review of the business-unit move: the entry followed who holds Deep grants above
/// the unit, not who gains; "(with …)" named the scope unit itself; and a Deep grant on a unit
/// with nothing below it read as wider than Local on it unless a unit moved elsewhere.
@Suite struct BusinessUnitTreeMoveReviewTests {
    typealias F = DiffFixtures
    typealias T = BusinessUnitTreeMoveTests

    /// Deep holders in Service who are disabled or System Administrators gain nothing when West
    /// comes under Service; Adele (Sales) loses West. A reduction, and the gate passes.
    @Test func theEntryFollowsTheUsersLinesNotTheHolders() throws {
        var base = T.base()
        base.users[F.bob]?.isDisabled = true
        base.users[F.carol]?.roleIds.insert(T.manager)  // System Administrator, in the root
        base.users["u-sam"] = User(
            id: "u-sam", name: "Sam Admin", domainName: "sam@fabrikam.com", businessUnitId: F.service, roleIds: [T.manager, F.sysAdmin])
        let r = SnapshotDiff.compare(base: base, target: T.moved(base), options: DiffOptions(runChecks: false))
        #expect(r.impacts.map(\.userId) == [F.adele])
        let entry = try #require(r.entry(.businessUnit, T.west))
        #expect(entry.risk == .reduction && entry.lines.first?.reasons == [])
        #expect(!r.hasEscalation)
        // Nobody's scope moves at all (Bob is disabled both ways and Adele is not there): neutral.
        base.users[F.adele]?.roleIds.remove(T.manager)
        let none = SnapshotDiff.compare(base: base, target: T.moved(base), options: DiffOptions(runChecks: false))
        #expect(none.entry(.businessUnit, T.west)?.risk == .neutral && none.impacts.isEmpty && !none.hasEscalation)
    }

    /// Adele moves from Sales to Service while West moves from Sales to Service too: her Deep
    /// Read loses Sales and gains Service, and reaches West on both sides. No "(with …)": her
    /// scope unit moving is what the two paths say.
    @Test func theNoteNamesOnlyUnitsBelowTheScopeUnit() throws {
        let base = T.base()
        var target = T.moved(base)
        target.users[F.adele]?.businessUnitId = F.service
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.adele)?.tableChanges.first { $0.table == "opportunity" && $0.isScopeChange })
        #expect(line.oldScope == ["Fabrikam / Sales"] && line.newScope == ["Fabrikam / Service"])
        #expect(line.reasons == [.scopeChanged])
    }

    /// Bob holds Local Read on Service directly; Sales Team (Sales) holds Deep Read and moves to
    /// Service, which has nothing below it: Deep on Service is Local on Service, which Bob had.
    /// He loses Sales (and West): a reduction, whether or not another unit moves elsewhere.
    @Test func deepOnAUnitWithNothingBelowIsLocalOnIt() throws {
        var base = F.environment()
        base.roles[T.manager] = SecurityRole(
            id: T.manager, name: "Opportunity Manager", businessUnitId: F.root,
            privileges: ["opportunity": PrivilegeRow([.read: .parentChildBusinessUnits])])
        base.roles[T.local] = SecurityRole(
            id: T.local, name: "Opportunity Local", businessUnitId: F.root,
            privileges: ["opportunity": PrivilegeRow([.read: .businessUnit])])
        base.teams[F.salesTeam]?.roleIds = [T.manager]
        base.users[F.bob]?.roleIds.insert(T.local)
        base.businessUnits[T.west] = BusinessUnit(id: T.west, name: "West", parentId: F.sales)
        base.businessUnits["bu-east"] = BusinessUnit(id: "bu-east", name: "East", parentId: F.root)
        var target = base
        target.teams[F.salesTeam]?.businessUnitId = F.service
        for alsoMoved in [false, true] {
            var t = target
            if alsoMoved { t.businessUnits["bu-east"]?.parentId = T.west }
            let r = SnapshotDiff.compare(base: base, target: t, options: DiffOptions(runChecks: false))
            let line = try #require(r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
            #expect(line.risk == .reduction, "East moved too: \(alsoMoved)")
        }
    }

    /// A unit only the target has: below a Deep scope it adds nothing (it holds records on one
    /// side only); as the unit a grant is now scoped to, it is other records.
    @Test func aNewUnitCountsOnlyAsTheUnitAGrantIsScopedTo() throws {
        let base = T.base()
        var target = base
        target.businessUnits["bu-north"] = BusinessUnit(id: "bu-north", name: "North", parentId: F.service)
        // Bob (Deep on Service) is given Local on Service too: his scopes are compared, and
        // North below Service is no wider reach.
        target.users[F.bob]?.roleIds.insert(T.local)
        let added = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        #expect(added.impact(ofUser: F.bob)?.tableChanges.contains { $0.table == "opportunity" } != true)
        #expect(!added.hasEscalation || added.impacts.allSatisfy { !$0.tableChanges.contains { $0.isScopeChange } })
        target.users[F.dan]?.businessUnitId = "bu-north"
        target.users[F.dan]?.roleIds = [T.local]
        let movedIn = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let dan = try #require(movedIn.impact(ofUser: F.dan)?.tableChanges.first { $0.table == "opportunity" && $0.isScopeChange })
        #expect(dan.oldScope == ["Fabrikam / Sales"] && dan.newScope == ["Fabrikam / Service / North"])
        #expect(dan.risk == .escalation && dan.reasons == [.scopeChanged])
    }
}

/// A level moved between Local and Deep is judged by the records reached: Deep on Service, which
/// has nothing below it, given up for Local on Service and on Sales reaches more (an escalation,
/// though the level was lowered); the way back reaches less (a reduction, though it was raised).
@Suite struct LocalDeepByRecordsTests {
    typealias F = DiffFixtures
    typealias T = BusinessUnitTreeMoveTests

    @Test func aLoweredLevelThatReachesMoreIsAnEscalationAndBackAReduction() throws {
        var base = T.base(adeleHolds: false)
        base.users[F.hana]?.roleIds.remove(T.manager)
        var target = base
        target.users[F.bob]?.roleIds.remove(T.manager)
        target.users[F.bob]?.roleIds.insert(T.local)
        target.teams[F.salesTeam]?.roleIds.insert(T.local)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let lowered = try #require(r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" && $0.operation == .read })
        #expect(lowered.old == .parentChildBusinessUnits && lowered.new == .businessUnit)
        #expect(lowered.risk == .escalation && lowered.reasons == [.scopeWidened])
        #expect(lowered.oldScope == ["Fabrikam / Service"] && lowered.newScope == ["Fabrikam / Sales", "Fabrikam / Service"])
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let raised = try #require(back.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" && $0.operation == .read })
        #expect(raised.old == .businessUnit && raised.new == .parentChildBusinessUnits)
        #expect(raised.risk == .reduction && raised.reasons.isEmpty)
    }
}
