import Testing

@testable import SecurityModel

/// The effective-access impact of a diff, continued: privileges held through roles and teams,
/// scopes, column permissions and the live impact of pending edits.
extension DiffImpactTests {
    /// Miscellaneous privileges move with the roles that grant them: holders directly and through
    /// a team gain Export to Excel, a disabled holder's line is dormant, System Administrator
    /// holds it already, and the way back is a reduction with the same path.
    @Test func miscellaneousPrivilegesMoveWithTheirRoles() throws {
        var base = F.environment()
        base.users["u-off"] = User(
            id: "u-off", name: "Olga Off", domainName: "olga@fabrikam.com", businessUnitId: F.service,
            isDisabled: true, roleIds: [F.serviceRep])
        base.roles[F.basicUser]?.miscPrivileges["prvBulkEdit"] = .organization  // every name System Administrator holds
        var target = base
        target.roles[F.serviceRep]?.miscPrivileges["prvExportToExcel"] = .organization
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        // Hana holds Service Rep directly, Bob through Sales Team, Olga while disabled. Carol is
        // System Administrator, who holds every privilege already (DATAVERSE.md §1.4), whether
        // another role names it or not: nothing moves for her.
        #expect(Set(r.impacts.map(\.userId)) == [F.hana, F.bob, "u-off"])
        let hana = try #require(r.impact(ofUser: F.hana)?.miscChanges.first)
        #expect(hana.name == "prvExportToExcel" && hana.old == .none && hana.new == .organization)
        #expect(hana.risk == .escalation && hana.reasons == [.miscPrivilegeRaised] && hana.newVia == "role \"Service Rep\"")
        #expect(r.impact(ofUser: F.hana)?.causes == ["role \"Service Rep\": miscellaneous privileges changed"])
        let bob = try #require(r.impact(ofUser: F.bob)?.miscChanges.first)
        // Held through a team: marked inferred (rule 13 [I]), as `effective` marks it.
        #expect(bob.newVia == "team \"Sales Team\" -> role \"Service Rep\" [I]" && bob.risk == .escalation)
        let olga = try #require(r.impact(ofUser: "u-off")?.miscChanges.first)
        #expect(olga.isDormant && olga.risk == .neutral)
        #expect(r.summary.impactLinesByRisk[.escalation] == 2)
        let text = DiffTextRenderer().render(r)
        #expect(
            text.contains("    + misc prvExportToExcel: None -> Organization  via role \"Service Rep\"   ! miscellaneous privilege raised"))
        #expect(!text.contains("miscellaneous privileges in the per-user impact"))

        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let lost = try #require(back.impact(ofUser: F.bob)?.miscChanges.first)
        #expect(lost.old == .organization && lost.new == .none && lost.risk == .reduction && lost.oldVia == bob.newVia)

        // Granting System Administrator grants every miscellaneous privilege: each known one, and
        // any other a role names.
        var admin = base
        admin.users[F.adele]?.roleIds.insert(F.sysAdmin)
        let a = SnapshotDiff.compare(base: base, target: admin, options: DiffOptions(runChecks: false))
        let adele = try #require(a.impact(ofUser: F.adele))
        #expect(Set(adele.miscChanges.map { $0.name.lowercased() }) == MiscellaneousPrivilegeNames.lowercased)
        #expect(adele.miscChanges.allSatisfy { $0.new == .organization && $0.risk == .escalation })
        // Shown as one line: they move alike, through the same role.
        let groups = MiscPrivilegeChangeGroup.grouping(adele.miscChanges)
        #expect(groups.count == 1 && groups[0].names.count == MiscellaneousPrivilegeNames.known.count)
        let adminText = DiffTextRenderer().render(a)
        #expect(
            adminText.contains(
                "    + misc 54 privileges (prvActivateSynchronousWorkflow, prvActOnBehalfOfAnotherUser, prvAddressBook, … 51 more): None -> Organization  via role \"System Administrator\""
            ))
        #expect(!adminText.contains("+ misc prvBulkEdit:"))
        #expect(adele.miscChanges.first?.newVia == "role \"System Administrator\"")
    }

    @Test func roleChangeTouchesEveryHolderAndNobodyElse() throws {
        var base = F.environment()
        let holders = (1...60).map { "u-\($0)" }
        for (i, id) in holders.enumerated() {
            // Half hold the role directly, half through a team.
            base.users[id] = User(
                id: id, name: "User \(i)", domainName: "\(id)@fabrikam.com", businessUnitId: F.service,
                roleIds: i % 2 == 0 ? [F.serviceRep] : [F.basicUser])
            base.entraGroups[F.securityGroup]?.members[id] = EntraGroupMember()
            if i % 2 == 1 { base.teams[F.salesTeam]?.memberIds.insert(id) }
        }
        for i in 1...40 {
            base.users["other-\(i)"] = User(id: "other-\(i)", name: "Other \(i)", businessUnitId: F.sales, roleIds: [F.basicUser])
        }
        var target = base
        target.roles[F.serviceRep]?.privileges["contact"]?[.delete] = .user
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        #expect(r.entries.count == 1)
        let expected = Set(holders + [F.bob, F.hana])  // Bob through Sales Team, Hana directly
        #expect(Set(r.impacts.map(\.userId)) == expected)
        for i in r.impacts {
            #expect(i.tableChanges.map { "\($0.table) \($0.operation.snapshotName) \($0.new.snapshotName)" } == ["contact delete basic"])
            #expect(i.risk == .escalation && i.causes == ["role \"Service Rep\": privileges changed"])
        }
        #expect(r.summary.usersAffected == 62 && r.summary.impactLinesByRisk[.escalation] == 62)
    }

    @Test func teamBusinessUnitMoveShowsScopeChanges() throws {
        var base = F.environment()
        base.roles[F.serviceRep]?.privileges["opportunity"] = PrivilegeRow([.read: .businessUnit])
        var target = base
        target.teams[F.salesTeam]?.businessUnitId = F.service
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let bob = try #require(r.impact(ofUser: F.bob))
        let scope = try #require(bob.tableChanges.first { $0.table == "opportunity" })
        #expect(scope.isScopeChange && scope.old == .businessUnit)
        #expect(scope.oldScope == ["Fabrikam / Sales"] && scope.newScope == ["Fabrikam / Service"])
        #expect(scope.risk == .escalation && scope.reasons == [.scopeChanged])
    }

    /// The operations a row grants anything on, one bit each: what the scope comparison uses to
    /// skip the cells no changed holding can reach.
    @Test func aPrivilegeRowsGrantedMaskHasABitPerOperationItGrants() {
        #expect(PrivilegeRow.empty.grantedMask == 0)
        #expect(PrivilegeRow([.read: .user]).grantedMask == 1 << TableOperation.read.rawValue)
        #expect(
            PrivilegeRow([.create: .businessUnit, .share: .organization]).grantedMask
                == (1 << TableOperation.create.rawValue) | (1 << TableOperation.share.rawValue))
        #expect(PrivilegeRow(all: .parentChildBusinessUnits).grantedMask == 0xFF)
    }

    /// A scope moves only through a holding one side lacks: a team role that grants nothing on
    /// the table leaves it alone, one that grants it there at the same level moves it.
    @Test func onlyAHoldingThatGrantsOnTheTableMovesItsScope() throws {
        var base = F.environment()
        base.roles[F.serviceRep]?.privileges["opportunity"] = PrivilegeRow([.read: .businessUnit])
        base.users[F.bob]?.roleIds.insert(F.serviceRep)
        base.teams[F.salesTeam]?.roleIds = [F.basicUser]
        var target = base
        target.teams[F.salesTeam]?.roleIds = []
        let none = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        #expect(none.impact(ofUser: F.bob)?.tableChanges.contains { $0.table == "opportunity" } != true)
        target.teams[F.salesTeam]?.roleIds = [F.basicUser, F.serviceRep]
        let widened = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(widened.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
        #expect(line.newScope == ["Fabrikam / Sales", "Fabrikam / Service"] && line.reasons == [.scopeWidened])
    }

    /// The same Local level held directly and through a team of another business unit: leaving
    /// the team scopes it to fewer business units (a reduction, found on a 100,000-user run where
    /// it read "scope moved", an escalation); joining it scopes it to more (an escalation).
    @Test func aScopeNarrowedIsAReductionAndAScopeWidenedAnEscalation() throws {
        var base = F.environment()
        base.roles[F.serviceRep]?.privileges["opportunity"] = PrivilegeRow([.read: .businessUnit])
        base.users[F.bob]?.roleIds.insert(F.serviceRep)
        var target = base
        target.teams[F.salesTeam]?.memberIds.remove(F.bob)
        let narrowed = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let left = try #require(narrowed.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
        #expect(
            left.isScopeChange && left.oldScope == ["Fabrikam / Sales", "Fabrikam / Service"] && left.newScope == ["Fabrikam / Service"])
        #expect(left.risk == .reduction && left.reasons.isEmpty)
        #expect(!narrowed.hasEscalation && narrowed.impact(ofUser: F.bob)?.escalationScore == 0)

        let widened = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let joined = try #require(widened.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
        #expect(joined.oldScope == ["Fabrikam / Service"] && joined.newScope == ["Fabrikam / Sales", "Fabrikam / Service"])
        #expect(joined.risk == .escalation && joined.reasons == [.scopeWidened])
    }

    /// Deep reaches the scope unit and the units below it (DATAVERSE.md §2.2): the same Deep
    /// grant through a team of a unit below adds no records (no line); moving to that team only
    /// loses records (a reduction, naming the team left); and back, an escalation naming the team
    /// joined. Found by a review: these read as "scope reaches more business units" and "moved".
    @Test func deepScopesCompareByTheRecordsTheyReach() throws {
        var base = F.environment()
        base.businessUnits["bu-north"] = BusinessUnit(id: "bu-north", name: "North", parentId: F.sales)
        base.teams["team-north"] = Team(id: "team-north", name: "North Team", businessUnitId: "bu-north", roleIds: [F.serviceRep])
        base.roles[F.serviceRep]?.privileges["opportunity"] = PrivilegeRow([.read: .parentChildBusinessUnits])
        var joined = base
        joined.teams["team-north"]?.memberIds.insert(F.bob)
        let same = SnapshotDiff.compare(base: base, target: joined, options: DiffOptions(runChecks: false))
        #expect(same.impact(ofUser: F.bob)?.tableChanges.contains { $0.table == "opportunity" } != true)

        var moved = joined
        moved.teams[F.salesTeam]?.memberIds.remove(F.bob)
        let narrowed = SnapshotDiff.compare(base: base, target: moved, options: DiffOptions(runChecks: false))
        let fewer = try #require(narrowed.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
        #expect(fewer.oldScope == ["Fabrikam / Sales"] && fewer.newScope == ["Fabrikam / Sales / North"])
        #expect(fewer.risk == .reduction && fewer.reasons.isEmpty && fewer.oldPath?.teamName == "Sales Team")
        // Said as what it is: the team left is the path shown, and the summary counts it narrowed.
        let text = DiffTextRenderer().render(SnapshotDiffResult(comparisons: [narrowed], unmatchedEnvironments: []))
        #expect(
            text.contains(
                "~ opportunity Read: Parent: Child Business Units in Fabrikam / Sales -> Parent: Child Business Units in Fabrikam / Sales / North  via team \"Sales Team\" -> role \"Service Rep\""
            ), "\(text)")
        let summary = DiffTextRenderer(impactDetail: .summary).render(
            SnapshotDiffResult(comparisons: [narrowed], unmatchedEnvironments: []))
        #expect(summary.contains("1 scope narrowed"), "\(summary)")

        let widened = SnapshotDiff.compare(base: moved, target: base, options: DiffOptions(runChecks: false))
        let more = try #require(widened.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
        #expect(more.risk == .escalation && more.reasons == [.scopeWidened] && more.newPath?.teamName == "Sales Team")
    }

    /// Each side's Deep scopes reach down its own tree: North under Sales, then Sales under
    /// North, with the team changed from North's to Sales's, reaches other records (found by a
    /// review: read with the other side's tree, nothing moved).
    @Test func deepScopesReachDownTheirOwnSidesTree() throws {
        var base = F.environment()
        base.businessUnits["bu-north"] = BusinessUnit(id: "bu-north", name: "North", parentId: F.sales)
        base.teams["team-north"] = Team(
            id: "team-north", name: "North Team", businessUnitId: "bu-north", memberIds: [F.bob], roleIds: [F.serviceRep])
        base.teams[F.salesTeam]?.memberIds.remove(F.bob)
        base.roles[F.serviceRep]?.privileges["opportunity"] = PrivilegeRow([.read: .parentChildBusinessUnits])
        var target = base
        target.businessUnits["bu-north"]?.parentId = F.root
        target.businessUnits[F.sales]?.parentId = "bu-north"
        target.teams["team-north"]?.memberIds.remove(F.bob)
        target.teams[F.salesTeam]?.memberIds.insert(F.bob)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
        #expect(line.risk == .escalation && line.reasons == [.scopeChanged])
    }

    /// Every Local and Deep grant reaches records, not only those at the level shown: a Local
    /// grant in another unit beside a Deep one reaches more (an escalation); a Deep grant on a
    /// unit added below one already reached, nothing more (found by a review: "0 users", and a
    /// false widening).
    @Test func everyLocalAndDeepGrantCountsForTheRecordsReached() throws {
        var base = F.environment()
        base.roles[F.serviceRep]?.privileges["opportunity"] = PrivilegeRow([.read: .parentChildBusinessUnits])
        base.roles[F.salesperson]?.privileges["opportunity"] = PrivilegeRow([.read: .businessUnit])
        // Bob (Service) holds Service Rep (Deep) through the Sales Team (Sales).
        var target = base
        target.users[F.bob]?.roleIds.insert(F.salesperson)  // Local in his own unit, Service
        let beside = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(beside.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
        #expect(line.old == .parentChildBusinessUnits && line.new == .parentChildBusinessUnits)
        #expect(line.risk == .escalation && line.reasons == [.scopeWidened])
        #expect(line.newScope == ["Fabrikam / Sales", "Fabrikam / Service (Local)"])

        // Deep on Sales given up for Local on Service: a lower level, yet Service's records are
        // new to him (an escalation, both scopes named).
        var swapped = base
        swapped.teams["team-svc"] = Team(
            id: "team-svc", name: "Service Team", businessUnitId: F.service, memberIds: [F.bob], roleIds: [F.salesperson])
        swapped.teams[F.salesTeam]?.memberIds.remove(F.bob)
        let lowered = SnapshotDiff.compare(base: base, target: swapped, options: DiffOptions(runChecks: false))
        let down = try #require(lowered.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" && $0.operation == .read })
        #expect(down.old == .parentChildBusinessUnits && down.new == .businessUnit)
        #expect(down.risk == .escalation && down.reasons == [.scopeChanged])
        #expect(down.oldScope == ["Fabrikam / Sales"] && down.newScope == ["Fabrikam / Service"])
        #expect(lowered.impact(ofUser: F.bob)?.escalationScore ?? 0 >= 1)

        var below = base
        below.businessUnits["bu-north"] = BusinessUnit(id: "bu-north", name: "North", parentId: F.sales)
        below.teams["team-north"] = Team(
            id: "team-north", name: "North Team", businessUnitId: "bu-north", memberIds: [F.bob], roleIds: [F.serviceRep])
        let same = SnapshotDiff.compare(base: base, target: below, options: DiffOptions(runChecks: false))
        #expect(same.impact(ofUser: F.bob)?.tableChanges.contains { $0.table == "opportunity" } != true)
    }

    /// Read unmasked for one record at a time, then for all records: allowed on both sides, yet
    /// an escalation for the profile's members, with the two scopes named (and back, a reduction).
    @Test func readUnmaskedForAllRecordsIsAnEscalationForTheProfilesMembers() throws {
        var base = F.environment()
        base.fieldSecurityProfiles[F.hrProfile]?.permissions[F.ssn] = ColumnPermission(canRead: true, canReadUnmasked: .oneRecord)
        var target = base
        target.fieldSecurityProfiles[F.hrProfile]?.permissions[F.ssn]?.canReadUnmasked = .allRecords
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        #expect(r.hasEscalation)
        let hana = try #require(r.impact(ofUser: F.hana)?.columnChanges.first)
        #expect(hana.kind == .readUnmasked && hana.oldUnmasked == .oneRecord && hana.newUnmasked == .allRecords)
        #expect(hana.risk == .escalation && hana.symbol == "+" && hana.newVia == ["profile \"HR\""])
        // System Administrator reads unmasked all records on both sides: nothing moves for Carol.
        #expect(r.impacts.map(\.userId) == [F.hana])
        #expect(r.entry(.fieldSecurityProfile, F.hrProfile)?.usersReached == 1)
        #expect(
            DiffTextRenderer().render(r).contains(
                "+ column contact.contoso_ssn Read unmasked: One record -> All records  via profile \"HR\""))
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(back.impact(ofUser: F.hana)?.columnChanges.first?.risk == .reduction)
        // One line per user: the scope moves, no permission is gained or lost.
        #expect(ImpactCounts(try #require(r.impact(ofUser: F.hana))).description() == "Read unmasked widened on 1 column")
        #expect(ImpactCounts(try #require(back.impact(ofUser: F.hana))).description() == "Read unmasked narrowed on 1 column")
    }

    @Test func unsecuringAColumnExposesItOnlyToUsersWithTableAccess() throws {
        let r = try F.diff([.setColumnSecured(environment: F.env, column: F.ssn, secured: false)])
        let line = try #require(r.entry(.table, "contact")?.lines.first)
        #expect(line.field == .column && line.old == "secured" && line.new == "not secured" && line.reasons == [.columnUnsecured])
        // Adele and Dan read contact; Bob and Hana too (Service Rep); Carol is admin and already could.
        let gained = r.impacts.filter { $0.columnChanges.contains { $0.kind == .read && $0.new } }.map(\.userId)
        #expect(Set(gained) == [F.adele, F.dan, F.bob])
        #expect(r.impact(ofUser: F.carol) == nil && r.impact(ofUser: F.hana)?.columnChanges.contains { $0.kind == .read } != true)
        // Nobody can create contacts, so nobody gains Create on the column.
        #expect(!r.impacts.contains { $0.columnChanges.contains { $0.kind == .create } })
        #expect(r.impact(ofUser: F.adele)?.columnChanges.first?.newVia == ["column not secured"])
    }

    @Test func liveImpactOfPendingChangesMatchesTheFullDiffForTouchedObjects() throws {
        let changes: [Change] = [
            .assignUserRole(environment: F.env, user: F.bob, role: F.salesperson),
            .deleteRole(environment: F.env, role: F.serviceRep),
        ]
        let live = try SnapshotDiff.liveImpact(of: changes, on: F.snapshot())
        let full = try F.diff(changes)
        #expect(live.comparisons.count == 1)
        let l = try #require(live.comparisons.first)
        #expect(l.entries == full.entries)  // the deletion's side effects (Hana, Sales Team) are in scope
        #expect(l.impacts == full.impacts)
        #expect(Set(l.entries.map(\.kind)) == [.role, .user, .team])
    }

    @Test func liveImpactRejectsAChangeThatDoesNotApply() {
        #expect(throws: ChangeError.self) {
            try SnapshotDiff.liveImpact(of: [.assignUserRole(environment: F.env, user: "nobody", role: F.sysAdmin)], on: F.snapshot())
        }
    }

    @Test func selfDiffIsEmpty() {
        let r = SnapshotDiff.compare(base: F.environment(), target: F.environment())
        #expect(r.isIdentical && r.impacts.isEmpty && r.newFindings.isEmpty && !r.hasEscalation)
        let s = SnapshotDiff.compare(base: DemoOrganisation.snapshot, target: DemoOrganisation.snapshot)
        #expect(s.isIdentical && s.comparisons.count == DemoOrganisation.snapshot.environments.count)
    }

    @Test func newFindingsAgainstTheBaseline() throws {
        let r = try F.diff(
            [
                .assignUserRole(environment: F.env, user: F.bob, role: F.sysAdmin),
                .setUserDisabled(environment: F.env, user: F.bob, disabled: true),
            ], options: DiffOptions())
        #expect(r.findingsEvaluated)
        #expect(r.newFindings.map(\.ruleId) == ["GL8a"])
        #expect(r.resolvedFindings.isEmpty)
        let back = SnapshotDiff.compare(
            base: try F.edited([
                .assignUserRole(environment: F.env, user: F.bob, role: F.sysAdmin),
                .setUserDisabled(environment: F.env, user: F.bob, disabled: true),
            ]).1,
            target: F.environment())
        #expect(back.resolvedFindings.map(\.ruleId) == ["GL8a"] && back.newFindings.isEmpty)
    }

    @Test func comparesAcrossEnvironmentsWithTheEngineOnBothSides() throws {
        // The same user in two environments with other ids: the impact is keyed by the target id.
        var target = F.environment()
        target.id = "env-uat"
        target.users[F.adele] = nil
        target.users["uat-adele"] = User(
            id: "uat-adele", name: "Adele Vance", domainName: "ADELE@fabrikam.com", businessUnitId: F.sales,
            roleIds: [F.serviceRep])
        target.entraGroups[F.securityGroup]?.members["uat-adele"] = EntraGroupMember()
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        let e = try #require(r.entry(.user, "uat-adele"))
        #expect(e.action == .modified && e.baseObjectId == F.adele)
        // By subject: Salesperson, Service Rep.
        #expect(e.lines.map { "\($0.symbol.rawValue)\($0.field.rawValue)" } == ["~domainName", "-role", "+role"])
        #expect(r.impacts.map(\.userId) == ["uat-adele"])
        let account = try #require(r.impacts.first?.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(account.old == .businessUnit && account.new == .none && account.risk == .reduction)
        #expect(account.oldPath?.roleName == "Salesperson")
    }
}
