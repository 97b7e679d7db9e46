import Testing

@testable import SecurityModel

/// The effective-access impact of a diff, per touched user.
@Suite struct DiffImpactTests {
    typealias F = DiffFixtures

    @Test func teamMembershipChangeShowsThePathThroughTheTeam() throws {
        // Sales Team gets a role with Deep Read on opportunity; Hana joins the team.
        var base = F.environment()
        base.roles["role-opp"] = SecurityRole(
            id: "role-opp", name: "Opportunity Reader", businessUnitId: F.root,
            privileges: ["opportunity": PrivilegeRow([.read: .parentChildBusinessUnits])])
        base.teams[F.salesTeam]?.roleIds.insert("role-opp")
        var target = base
        target.teams[F.salesTeam]?.memberIds.insert(F.hana)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        #expect(r.impacts.map(\.userId) == [F.hana])
        let hana = try #require(r.impact(ofUser: F.hana))
        #expect(hana.causes == ["added to team Sales Team"])
        let opp = try #require(hana.tableChanges.first { $0.table == "opportunity" && $0.operation == .read })
        #expect(opp.old == .none && opp.new == .parentChildBusinessUnits && opp.risk == .escalation)
        #expect(opp.newPath?.kind == .team && opp.newPath?.teamName == "Sales Team" && opp.newPath?.roleName == "Opportunity Reader")
        #expect(opp.newPath?.scope == "Fabrikam / Sales")  // Deep through a team is scoped to the team's business unit
        // Service Rep through the team raises nothing Hana does not already hold directly, but
        // her Basic contact grants now reach the records the team owns.
        let contact = hana.tableChanges.filter { $0.table == "contact" }
        #expect(contact.map(\.operation) == [.read, .write])
        #expect(contact.allSatisfy { $0.old == .user && $0.new == .user && $0.reasons == [.ownersWidened] })
        #expect(contact.allSatisfy { $0.newScope == ["own records", "team Fabrikam's records", "team Sales Team's records"] })

        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let lost = try #require(back.impact(ofUser: F.hana)?.tableChanges.first { $0.table == "opportunity" })
        #expect(lost.risk == .reduction && lost.oldPath?.teamName == "Sales Team")
    }

    /// Member privilege inheritance turned on gives the members of a team holding the role the
    /// user's own Basic (their records and their teams'), where the team-only grant reached only
    /// the team's records: same level, more owners (DATAVERSE.md §2 rule 2). The diff said the
    /// role was an escalation and reached 0 users.
    @Test func inheritanceTurnedOnWidensTheOwnersBasicReaches() throws {
        let demo = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        var base = demo
        let dispatcher = try #require(base.roles.values.first { $0.name == "Work Order Dispatcher" })
        base.roles[dispatcher.id]?.privileges["contoso_workorder", default: .empty][.create] = .user
        base.roles[dispatcher.id]?.inheritsMemberPrivileges = false
        var target = base
        target.roles[dispatcher.id]?.inheritsMemberPrivileges = true
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let names = Set(r.impacts.map(\.name))
        #expect(names == ["Joni Sherman", "Lidia Holloway", "Raul Razo"])
        let joni = try #require(r.impacts.first { $0.name == "Joni Sherman" })
        let line = try #require(joni.tableChanges.first { $0.table == "contoso_workorder" && $0.operation == .create })
        #expect(line.old == .user && line.new == .user && line.risk == .escalation && line.reasons == [.ownersWidened])
        // On Create each side names every owner a new record may have: the team's grant still
        // acts as the team, and now one acts as the user too.
        #expect(line.oldScope == ["team Field Dispatch's records"] && line.newScope == ["own records", "team Field Dispatch's records"])
        #expect(
            DiffTextRenderer().render(r).contains(
                "~ contoso_workorder Create: User in team Field Dispatch's records -> User in own records, team Field Dispatch's records"))
        // The way back narrows them: a reduction with no reason, the same users.
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(Set(back.impacts.map(\.name)) == names)
        let narrowed = try #require(
            back.impacts.first { $0.name == "Joni Sherman" }?.tableChanges.first { $0.table == "contoso_workorder" })
        #expect(
            narrowed.risk == .reduction && narrowed.reasons.isEmpty
                && narrowed.oldScope == ["own records", "team Field Dispatch's records"])
    }

    /// Joining an owner team that holds no role still widens whose records a Basic grant acting
    /// as the user reaches: the team's (DATAVERSE.md §2 rule 2). The diff said "No impact". A
    /// Local grant already covers a team of the user's own unit; Create is who may own the new
    /// record, the user on both sides.
    @Test func joiningATeamWithNoRoleWidensBasicOwners() throws {
        var base = F.environment()
        base.teams["t-esc"] = Team(id: "t-esc", name: "Escalations", businessUnitId: F.service)
        base.teams["t-deals"] = Team(id: "t-deals", name: "Deals", businessUnitId: F.sales)
        var target = base
        target.teams["t-esc"]?.memberIds.insert(F.hana)
        target.teams["t-deals"]?.memberIds.insert(F.adele)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let hana = try #require(r.impact(ofUser: F.hana))
        #expect(hana.tableChanges.map { "\($0.table) \($0.operation)" } == ["contact read", "contact write"])
        let read = try #require(hana.tableChanges.first)
        #expect(read.old == .user && read.new == .user && read.risk == .escalation && read.reasons == [.ownersWidened])
        // Hana is in her unit's default team on both sides.
        #expect(read.oldScope == ["own records", "team Fabrikam's records"])
        #expect(read.newScope == ["own records", "team Escalations's records", "team Fabrikam's records"])
        #expect(read.ownerTeamsMoved == ["t-esc"])
        // Adele's Read is Business Unit, which covers Deals (her unit); Write and Append are Basic.
        let adele = try #require(r.impact(ofUser: F.adele))
        #expect(adele.tableChanges.map { "\($0.table) \($0.operation)" } == ["account write", "account append", "contact write"])
        #expect(DiffTextRenderer().render(r).contains("team Deals's records"))

        // Leaving is the mirror: the same lines, reductions.
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let lost = try #require(back.impact(ofUser: F.hana)).tableChanges
        #expect(lost.count == 2 && lost.allSatisfy { $0.risk == .reduction && $0.reasons.isEmpty })

        // An access team owns no records: joining one moves nothing.
        var access = base
        access.teams["t-esc"]?.type = .access
        var joined = access
        joined.teams["t-esc"]?.memberIds.insert(F.hana)
        #expect(SnapshotDiff.compare(base: access, target: joined, options: DiffOptions(runChecks: false)).impacts.isEmpty)
    }

    /// Found by a review with an independent model: a user moved out of the unit a team-only
    /// Local grant covers no longer reaches their own records through it (they move with their
    /// owner). The line said so with the same words on both sides; it now names what was reached
    /// on one side only.
    @Test func aUserMovedOutOfATeamOnlyLocalReachLosesTheirOwnRecords() throws {
        var base = F.environment()
        base.roles["r-team"] = SecurityRole(
            id: "r-team", name: "Team Reader", businessUnitId: F.root, inheritsMemberPrivileges: false,
            privileges: ["account": PrivilegeRow([.read: .businessUnit])])
        base.teams["t-r"] = Team(id: "t-r", name: "Readers", businessUnitId: F.sales, memberIds: [F.bob], roleIds: ["r-team"])
        base.users[F.bob]?.businessUnitId = F.sales
        var target = base
        target.users[F.bob]?.businessUnitId = F.service
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let read = try #require(r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(read.old == .businessUnit && read.new == .businessUnit && read.risk == .reduction)
        // The team's records stay in Sales, which the units say: only the user's own are named.
        #expect(read.oldScope == ["Fabrikam / Sales", "own records"])
        #expect(read.newScope == ["Fabrikam / Sales"])
    }

    /// A privilege raised beside another grant at the same level: Bob reads opportunities at
    /// Local through the Sales Team (Sales); Basic User, his own role, gains Local Read too, which
    /// is his own unit, Service. The level stays Local, the records reached widen: an escalation
    /// (it was not compared, "0 users"). Adele holds Basic User with no team role: her Local is
    /// her own unit either way, nothing moves.
    @Test func aPrivilegeRaisedBesideAnotherAtTheSameLevelWidensTheScope() throws {
        var base = F.environment()
        base.roles[F.serviceRep]?.privileges["opportunity"] = PrivilegeRow([.read: .businessUnit])
        base.users[F.adele]?.roleIds.insert(F.basicUser)
        base.roles[F.salesperson]?.privileges["opportunity"] = PrivilegeRow([.read: .businessUnit])
        var target = base
        target.roles[F.basicUser]?.privileges["opportunity"] = PrivilegeRow([.read: .businessUnit])
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" && $0.operation == .read })
        #expect(line.old == .businessUnit && line.new == .businessUnit && line.risk == .escalation && line.reasons == [.scopeWidened])
        #expect(line.oldScope == ["Fabrikam / Sales"] && line.newScope == ["Fabrikam / Sales", "Fabrikam / Service"])
        #expect(r.impact(ofUser: F.adele) == nil)
        let role = try #require(r.entries.first { $0.objectId == F.basicUser })
        #expect((role.usersReached ?? 0) >= 1)
        // Taken away again: the mirror, a reduction.
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let narrowed = try #require(back.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "opportunity" })
        #expect(narrowed.risk == .reduction && narrowed.newScope == ["Fabrikam / Sales"])
    }

    /// Found by a review: a team joined counted for its records only on lines without a scope
    /// change. Bob holds account Read at Local directly (Service) and through a Sales team; he
    /// leaves that team and joins Ops (the root unit, no role). He loses Sales and gains Ops's
    /// records: other records on each side, an escalation both ways (it was a reduction, exit 1).
    /// With Deep through the team given up, the lowered level reaches Ops's records too.
    @Test func aTeamJoinedCountsOnScopeLinesAndLoweredLevels() throws {
        var base = F.environment()
        base.roles["r-acc"] = SecurityRole(
            id: "r-acc", name: "Account Reader", businessUnitId: F.root, privileges: ["account": PrivilegeRow([.read: .businessUnit])])
        base.roles["r-deep"] = SecurityRole(
            id: "r-deep", name: "Account Deep", businessUnitId: F.root,
            privileges: ["account": PrivilegeRow([.read: .parentChildBusinessUnits])])
        base.users[F.bob]?.roleIds.insert("r-acc")
        base.teams["t-na"] = Team(id: "t-na", name: "NA Readers", businessUnitId: F.sales, memberIds: [F.bob], roleIds: ["r-acc"])
        base.teams["t-ops"] = Team(id: "t-ops", name: "Ops", businessUnitId: F.root)
        var target = base
        target.teams["t-na"]?.memberIds.remove(F.bob)
        target.teams["t-ops"]?.memberIds.insert(F.bob)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let read = try #require(r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "account" && $0.operation == .read })
        // Sales's records given up for Ops's: the records of other owners.
        #expect(read.old == .businessUnit && read.new == .businessUnit && read.risk == .escalation && read.reasons == [.ownersChanged])
        #expect(read.oldScope == ["Fabrikam / Sales", "Fabrikam / Service"])
        #expect(read.newScope == ["Fabrikam / Service", "team Ops's records"])
        #expect(r.hasEscalation)
        // The team joined moves that line too (it said "moves the access of 0 users").
        let ops = try #require(r.entries.first { $0.kind == .team && $0.objectId == "t-ops" })
        let through = try #require(r.impact(ofUser: F.bob)).lines(through: ops).impact.tableChanges
        #expect(through.contains { $0.table == "account" && $0.operation == .read }, "\(through.map { "\($0.table) \($0.operation)" })")
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let mirrored = try #require(back.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(mirrored.risk == .escalation && mirrored.reasons == [.scopeChanged])

        var deep = base
        deep.teams["t-na"]?.roleIds = ["r-deep"]
        var deepTarget = deep
        deepTarget.teams["t-na"]?.memberIds.remove(F.bob)
        deepTarget.teams["t-ops"]?.memberIds.insert(F.bob)
        let lowered = SnapshotDiff.compare(base: deep, target: deepTarget, options: DiffOptions(runChecks: false))
        let down = try #require(lowered.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(down.old == .parentChildBusinessUnits && down.new == .businessUnit)
        #expect(down.risk == .escalation && down.reasons == [.ownersChanged] && down.newScope.contains("team Ops's records"))
    }

    /// At Local through a team of another business unit, inheritance turned on adds the member's
    /// own records and their teams' in their own unit: Raul (Service NA) gains them on every
    /// operation, Joni and Lidia (Service EU, the team's unit) reach no new record but may now
    /// create records they own, not only the team's (what GL4 says they could not): a Create line.
    @Test func inheritanceTurnedOnReachesOwnRecordsOutsideTheTeamsUnit() throws {
        let demo = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        var target = demo
        let dispatcher = try #require(demo.roles.values.first { $0.name == "Work Order Dispatcher" })
        #expect(demo.roles[dispatcher.id]?.inheritsMemberPrivileges == false)
        target.roles[dispatcher.id]?.inheritsMemberPrivileges = true
        let r = SnapshotDiff.compare(base: demo, target: target, options: DiffOptions(runChecks: false))
        #expect(r.impacts.map(\.name) == ["Raul Razo", "Joni Sherman", "Lidia Holloway"])
        let joni = try #require(r.impacts.first { $0.name == "Joni Sherman" })
        #expect(joni.tableChanges.allSatisfy { $0.operation == .create } && !joni.tableChanges.isEmpty)
        #expect(joni.tableChanges.first?.newScope == ["own records", "team Field Dispatch's records"] && joni.risk == .escalation)
        let read = try #require(r.impacts.first?.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(read.old == .businessUnit && read.new == .businessUnit && read.risk == .escalation && read.reasons == [.ownersWidened])
        #expect(read.newScope.contains("own records and their teams'"))
        let back = SnapshotDiff.compare(base: target, target: demo, options: DiffOptions(runChecks: false))
        #expect(Set(back.impacts.map(\.name)) == Set(r.impacts.map(\.name)) && back.impacts.allSatisfy { $0.risk == .reduction })
    }

    /// Found by a review with an independent model: a level lowered from Local through a team to
    /// Basic through a team-only role of another business unit reaches that team's records there,
    /// an escalation (it was a plain reduction); and an access team is no owner of records (a
    /// member of one got ten "own records and their teams'" lines for a toggle that moved nothing).
    @Test func ownersCountWhenALevelIsLoweredAndAccessTeamsOwnNothing() throws {
        let demo = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        var base = demo
        let salesNA = try #require(demo.businessUnits.values.first { $0.name == "Sales NA" })
        base.roles["r-tb"] = SecurityRole(
            id: "r-tb", name: "TB", businessUnitId: try #require(demo.rootBusinessUnit).id, inheritsMemberPrivileges: false,
            privileges: ["account": PrivilegeRow([.read: .user])])
        base.teams["t-y"] = Team(id: "t-y", name: "Y", businessUnitId: salesNA.id, roleIds: ["r-tb"])
        let raul = try #require(demo.users.values.first { $0.name == "Raul Razo" })
        let dispatch = try #require(demo.teams.values.first { $0.name == "Field Dispatch" })
        var target = base
        target.teams[dispatch.id]?.memberIds.remove(raul.id)
        target.teams["t-y"]?.memberIds.insert(raul.id)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let read = try #require(r.impact(ofUser: raul.id)?.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(read.old == .businessUnit && read.new == .user && read.risk == .escalation && read.reasons == [.ownersChanged])
        #expect(read.newScope.contains("team Y's records"))

        // An access team's member: inheritance turned on moves only Create for Joni (her unit is
        // the team's), whatever access team she is in.
        var withAccess = demo
        let joni = try #require(demo.users.values.first { $0.name == "Joni Sherman" })
        let access = try #require(demo.teams.values.first { $0.type == .access })
        withAccess.teams[access.id]?.memberIds.insert(joni.id)
        var inherits = withAccess
        let dispatcher = try #require(demo.roles.values.first { $0.name == "Work Order Dispatcher" })
        inherits.roles[dispatcher.id]?.inheritsMemberPrivileges = true
        let toggled = SnapshotDiff.compare(base: withAccess, target: inherits, options: DiffOptions(runChecks: false))
        let lines = try #require(toggled.impact(ofUser: joni.id)).tableChanges
        #expect(lines.allSatisfy { $0.operation == .create }, "\(lines.map { "\($0.table) \($0.operation)" })")
    }

    /// A group team's cached members are in the file but access follows its Entra group: a change
    /// to the cache is a neutral line that says so, reaching nobody (the diff said "No differences").
    @Test func aGroupTeamsCachedMembersAreListedAsNotUsed() throws {
        let demo = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        var target = demo
        let finance = try #require(demo.teams.values.first { $0.type.isGroupTeam && $0.entraGroupId != nil })
        let alex = try #require(demo.users.values.first { $0.name == "Alex Wilber" })
        target.teams[finance.id]?.memberIds.insert(alex.id)
        let r = SnapshotDiff.compare(base: demo, target: target, options: DiffOptions(runChecks: false))
        let entry = try #require(r.entries.first)
        #expect(r.entries.count == 1 && entry.risk == .neutral && r.impacts.isEmpty && !r.isIdentical)
        #expect(entry.lines.map(\.field) == [.cachedMember] && entry.lines.first?.subject == "Alex Wilber")
    }

    /// A team deleted moves its members once, for that reason: the causes listed every fact of
    /// the team as changed ("business unit changed; team type changed; default team changed").
    @Test func aDeletedTeamIsTheCauseNotEachOfItsFacts() throws {
        let base = F.environment()
        var target = base
        target.teams.removeValue(forKey: F.salesTeam)
        for (id, p) in target.fieldSecurityProfiles where p.teamIds.contains(F.salesTeam) {
            target.fieldSecurityProfiles[id]?.teamIds.remove(F.salesTeam)
        }
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let bob = try #require(r.impact(ofUser: F.bob))
        #expect(bob.causes == ["team Sales Team removed"], "\(bob.causes)")
    }

    /// A secured column gained by a user who cannot read the table is listed, neutral, with the
    /// reason (no record to read it on), as who-can lists such a user without counting them; it
    /// counted as an escalation and set exit code 3.
    @Test func aColumnGainedWithoutTheTableOperationIsNeutral() throws {
        let demo = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        var target = demo
        let finance = try #require(demo.fieldSecurityProfiles.values.first { $0.name == "Finance Profile" })
        let salary = ColumnReference(table: "contoso_employee", column: "contoso_salary")
        #expect(demo.tables["contoso_employee"]?.columns["contoso_salary"]?.isSecured == true)
        target.fieldSecurityProfiles[finance.id]?.permissions[salary] = ColumnPermission(canRead: true)
        let r = SnapshotDiff.compare(base: demo, target: target, options: DiffOptions(runChecks: false))
        let lines = r.impacts.flatMap { i in i.columnChanges.map { (i.userId, $0) } }.filter { $0.1.column == salary }
        #expect(!lines.isEmpty)
        for (userId, line) in lines {
            let user = try #require(target.users[userId])
            let tableRead = target.effectiveAccess(of: user, table: "contoso_employee", operation: .read).level
            if tableRead == .none {
                #expect(line.risk == .neutral && line.withoutTableOperation == .read && line.reasons.isEmpty)
                #expect(line.withoutTableOperationWords == "no Read on contoso_employee: no record to read it on")
            } else {
                #expect(line.risk == .escalation && line.withoutTableOperation == nil)
            }
        }
        // The way back mirrors it: neutral where the base side had no table Read.
        let back = SnapshotDiff.compare(base: target, target: demo, options: DiffOptions(runChecks: false))
        let backLines = back.impacts.flatMap(\.columnChanges).filter { $0.column == salary }
        #expect(backLines.count == lines.count)
        #expect(backLines.filter { $0.risk == .neutral }.count == lines.filter { $0.1.risk == .neutral }.count)
    }

    /// A direct role given up beside a team-only one keeps Basic, on the team's records only: a
    /// reduction, not "no change".
    @Test func aDirectRoleGivenUpBesideATeamOnlyOneNarrowsTheOwners() throws {
        let demo = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        var base = demo
        let dispatcher = try #require(base.roles.values.first { $0.name == "Work Order Dispatcher" })
        base.roles[dispatcher.id]?.privileges["contoso_workorder", default: .empty][.create] = .user
        base.roles[dispatcher.id]?.inheritsMemberPrivileges = false
        let joni = try #require(base.users.values.first { $0.name == "Joni Sherman" })
        base.users[joni.id]?.roleIds.insert(dispatcher.id)
        var target = base
        target.users[joni.id]?.roleIds.remove(dispatcher.id)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(
            r.impact(ofUser: joni.id)?.tableChanges.first { $0.table == "contoso_workorder" && $0.operation == .create })
        #expect(line.old == .user && line.new == .user && line.risk == .reduction)
        #expect(line.oldScope == ["own records", "team Field Dispatch's records"] && line.newScope == ["team Field Dispatch's records"])
        // Nobody else moves: the others hold the role through the team only, on both sides.
        #expect(r.impacts.map(\.userId) == [joni.id])
    }

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
        #expect(hana.risk == .escalation && hana.reasons == [.miscPrivilegeRaised] && hana.newVia == "role Service Rep")
        #expect(r.impact(ofUser: F.hana)?.causes == ["role Service Rep: miscellaneous privileges changed"])
        let bob = try #require(r.impact(ofUser: F.bob)?.miscChanges.first)
        #expect(bob.newVia == "team Sales Team -> role Service Rep" && bob.risk == .escalation)
        let olga = try #require(r.impact(ofUser: "u-off")?.miscChanges.first)
        #expect(olga.isDormant && olga.risk == .neutral)
        #expect(r.summary.impactLinesByRisk[.escalation] == 2)
        let text = DiffTextRenderer().render(r)
        #expect(text.contains("    + misc prvExportToExcel: None -> Organization  via role Service Rep   ! miscellaneous privilege raised"))
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
                "    + misc 54 privileges (prvActivateSynchronousWorkflow, prvActOnBehalfOfAnotherUser, prvAddressBook, … 51 more): None -> Organization  via role System Administrator"
            ))
        #expect(!adminText.contains("+ misc prvBulkEdit:"))
        #expect(adele.miscChanges.first?.newVia == "role System Administrator")
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
            #expect(i.risk == .escalation && i.causes == ["role Service Rep: privileges changed"])
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
                "~ opportunity Read: Parent: Child Business Units in Fabrikam / Sales -> Parent: Child Business Units in Fabrikam / Sales / North  via team Sales Team -> role Service Rep"
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
        #expect(hana.risk == .escalation && hana.symbol == "+" && hana.newVia == ["profile HR"])
        // System Administrator reads unmasked all records on both sides: nothing moves for Carol.
        #expect(r.impacts.map(\.userId) == [F.hana])
        #expect(r.entry(.fieldSecurityProfile, F.hrProfile)?.usersReached == 1)
        #expect(
            DiffTextRenderer().render(r).contains("+ column contact.contoso_ssn Read unmasked: One record -> All records  via profile HR"))
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

@Suite struct DiffImpactTableTests {
    typealias F = DiffFixtures

    @Test func tableOwnershipChangeRecomputesItsHolders() throws {
        var target = F.environment()
        target.tables["account"]?.ownership = .organization
        target.roles[F.salesperson]?.privileges["account"] = PrivilegeRow([
            .create: .user, .read: .businessUnit, .write: .user, .append: .user,
        ])
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        #expect(r.entry(.table, "account")?.lines.map(\.field) == [.ownership])
        // On an organization-owned table any level counts as Organization [I].
        let adele = try #require(r.impact(ofUser: F.adele))
        #expect(
            adele.tableChanges.contains {
                $0.table == "account" && $0.operation == .read && $0.old == .businessUnit && $0.new == .organization
            })
        #expect(Set(r.impacts.map(\.userId)) == [F.adele, F.dan, F.carol])
        // Organization-owned tables have no Assign or Share, not even for System Administrators.
        #expect(r.impact(ofUser: F.carol)?.tableChanges.map(\.operation) == [.assign, .share])
        #expect(r.impact(ofUser: F.carol)?.risk == .reduction)
    }

    /// Drilling into one change shows the lines that change moves: Salesperson gaining Delete on
    /// account explains Adele's and Dan's Delete, but not Dan's System Administrator lines granted
    /// in the same release, even where Salesperson decided his old level.
    @Test func aChangeExplainsOnlyTheLinesItMoves() throws {
        let r = try F.diff([
            .setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: .delete, level: .businessUnit),
            .assignUserRole(environment: F.env, user: F.dan, role: F.sysAdmin),
        ])
        let role = try #require(r.entries.first { $0.kind == .role && $0.objectId == F.salesperson })
        let danEntry = try #require(r.entries.first { $0.kind == .user && $0.objectId == F.dan })
        let adele = try #require(r.impact(ofUser: F.adele))
        let (own, others) = adele.lines(through: role)
        #expect(own.tableChanges.map { "\($0.table) \($0.operation.label)" } == ["account Delete"] && others == 0)
        let dan = try #require(r.impact(ofUser: F.dan))
        #expect(dan.causeEntries.contains(role.id))
        // Dan's account Delete is decided by System Administrator now, and his account Read was
        // decided by Salesperson before: neither is this change's doing.
        #expect(dan.tableChanges.contains { $0.table == "account" && $0.operation == .read && $0.oldPath?.roleId == F.salesperson })
        let (danOwn, danOthers) = dan.lines(through: role)
        #expect(danOwn.tableChanges.isEmpty && danOwn.columnChanges.isEmpty && danOwn.miscChanges.isEmpty)
        #expect(danOthers == dan.tableChanges.count + dan.columnChanges.count + dan.miscChanges.count)
        // Through his own entry (System Administrator assigned) every line is his.
        #expect(dan.lines(through: danEntry) == (dan, 0))
        // So the role change reaches Dan but moves only the others' access: counted apart, and
        // the drill-down lists him last.
        let (moved, alongside) = r.impacts(reachedBy: role)
        #expect(moved.contains { $0.userId == F.adele } && alongside.map(\.userId) == [F.dan])
        #expect(role.usersMoved == moved.count && role.usersReached == moved.count + 1)
        #expect(
            DiffEntry.reachWords(reached: role.usersReached ?? 0, moved: role.usersMoved ?? 0)
                == "moves the access of \(counted(moved.count, "user")); reaches 1 more alongside other changes")
        // Every entry's count agrees with the lines the drill-down shows for each user.
        for entry in r.entries {
            let reached = r.impacts.filter { $0.causeEntries.contains(entry.id) }
            let withLines = reached.filter {
                let own = $0.lines(through: entry).impact
                return !(own.tableChanges.isEmpty && own.columnChanges.isEmpty && own.miscChanges.isEmpty)
            }
            #expect(entry.usersReached == reached.count && entry.usersMoved == withLines.count, "\(entry.id)")
        }
    }

    /// A team that gains a role moves the lines that role decides through the team; a member who
    /// joins the team has every line through it moved.
    @Test func aTeamChangeExplainsTheLinesThroughTheTeam() throws {
        let r = try F.diff([
            .assignTeamRole(environment: F.env, team: F.salesTeam, role: F.salesperson),
            .addTeamMember(environment: F.env, team: F.salesTeam, user: F.hana),
        ])
        let team = try #require(r.entries.first { $0.kind == .team && $0.objectId == F.salesTeam })
        let bob = try #require(r.impact(ofUser: F.bob))
        let (own, others) = bob.lines(through: team)
        #expect(!own.tableChanges.isEmpty && others == 0)
        #expect(own.tableChanges.allSatisfy { $0.newPath?.teamId == F.salesTeam && $0.newPath?.roleId == F.salesperson })
        let hana = try #require(r.impact(ofUser: F.hana))
        #expect(hana.lines(through: team).otherLines == 0)
        #expect(
            hana.lines(through: team).impact.tableChanges.contains {
                $0.newPath?.roleId == F.serviceRep || $0.newPath?.roleId == F.salesperson
            })
    }

    /// In admin mode only System Administrators and System Customizers sign in: a team gaining
    /// System Customizer wakes its members up, whatever System Customizer's own privileges.
    @Test func systemCustomizerThroughATeamInAdminModeWakesItsMembers() throws {
        var base = F.environment()
        base.settings.type = .sandbox
        base.settings.adminMode = true
        base.roles[F.customizer]?.privileges = [:]
        var target = base
        target.teams[F.salesTeam]?.roleIds.insert(F.customizer)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let bob = try #require(r.impact(ofUser: F.bob))
        #expect(bob.oldDormancy == [.adminMode] && bob.newDormancy.isEmpty)
        #expect(bob.tableChanges.contains { $0.table == "contact" && $0.new > $0.old })
    }

    /// A business unit's name is no scope: the same unit under another name (another
    /// environment's root, a renamed unit) moves no Local/Deep grant.
    @Test func aRenamedBusinessUnitMovesNoScope() throws {
        var base = F.environment()
        base.teams[F.salesTeam]?.memberIds.insert(F.adele)  // Adele: Local on account through her direct role
        var target = base
        target.businessUnits[F.root]?.name = "Fabrikam Sandbox"
        target.teams[F.salesTeam]?.businessUnitId = F.service  // makes her scopes compared
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let moved = r.impact(ofUser: F.adele)?.tableChanges.filter(\.isScopeChange) ?? []
        #expect(moved.isEmpty, "\(moved.map { "\($0.table) \($0.operation): \($0.oldScope) -> \($0.newScope)" })")
    }

    /// A rename alone reaches nobody and recomputes nobody.
    @Test func aRoleRenameAloneTouchesNobody() throws {
        let r = try F.diff([.renameRole(environment: F.env, role: F.basicUser, name: "Basic")])
        let entry = try #require(r.entries.first { $0.kind == .role })
        #expect(entry.action == .renamed && r.impacts.isEmpty && entry.usersReached == 0)
    }

    /// Joining a team that holds a role the user already has at Business Unit level: the level is
    /// the same, but it now also reaches the team's business unit, a scope change (escalation).
    @Test func joiningATeamWithARoleAlreadyHeldWidensItsScope() throws {
        var base = F.environment()
        base.teams["team-service"] = Team(id: "team-service", name: "Service Crew", businessUnitId: F.service, roleIds: [F.salesperson])
        var target = base
        target.teams["team-service"]?.memberIds.insert(F.adele)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let adele = try #require(r.impact(ofUser: F.adele))
        let read = try #require(adele.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(read.isScopeChange && read.risk == .escalation)
        #expect(read.oldScope == ["Fabrikam / Sales"] && read.newScope == ["Fabrikam / Sales", "Fabrikam / Service"])
    }
}

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
        #expect(r.impact(ofUser: F.bob)?.causes == ["business unit West moved: Fabrikam / Sales -> Fabrikam / Service"])
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

/// Found by a second review: Field moves from Service to Support while the only Deep holder
/// (Bob, through a team) moves the team from Support to Sales. Field is in Bob's scope on
/// neither side, yet the entry for Field said escalation: Bob's lines came from the team's move.
@Suite struct TreeMoveBlameTests {
    typealias F = DiffFixtures

    @Test func aMovedUnitIsNotBlamedForAScopeAnotherChangeMoved() throws {
        var base = F.environment()
        base.businessUnits["bu-support"] = BusinessUnit(id: "bu-support", name: "Support", parentId: F.root)
        base.businessUnits["bu-field"] = BusinessUnit(id: "bu-field", name: "Field", parentId: F.service)
        base.roles["role-deep"] = SecurityRole(
            id: "role-deep", name: "Deep Reader", businessUnitId: F.root,
            privileges: ["opportunity": PrivilegeRow([.read: .parentChildBusinessUnits])])
        base.teams[F.salesTeam]?.businessUnitId = "bu-support"
        base.teams[F.salesTeam]?.roleIds = ["role-deep"]
        var target = base
        target.businessUnits["bu-field"]?.parentId = "bu-support"
        target.teams[F.salesTeam]?.businessUnitId = F.sales
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        #expect(r.impact(ofUser: F.bob)?.tableChanges.contains { $0.table == "opportunity" && $0.isScopeChange } == true)
        #expect(r.entry(.businessUnit, "bu-field")?.risk == .neutral)
        #expect(r.entry(.team, F.salesTeam)?.risk == .escalation)
        // Without the team's move, Bob's Deep on Support gains Field: the move is to blame.
        var stays = base
        stays.businessUnits["bu-field"]?.parentId = "bu-support"
        let moved = SnapshotDiff.compare(base: base, target: stays, options: DiffOptions(runChecks: false))
        #expect(moved.entry(.businessUnit, "bu-field")?.risk == .escalation)
    }
}

/// A user, team or role moved to another business unit is judged, once the impact is computed, by
/// the scope lines of the users it reaches: moving Adele from Sales to West, below it, with Deep
/// grants only, narrows her reach (a reduction; it was an escalation both ways and failed the
/// gate); the way back widens it (an escalation).
@Suite struct ObjectBusinessUnitMoveTests {
    typealias F = DiffFixtures
    typealias T = BusinessUnitTreeMoveTests

    @Test func aMoveThatOnlyNarrowsIsAReduction() throws {
        var base = T.base()
        // Walt, in Sales, holds only the Deep role (Adele's Salesperson is Local: a move of hers
        // reaches other records, an escalation either way).
        base.users["u-walt"] = User(id: "u-walt", name: "Walt", domainName: "walt@f", businessUnitId: F.sales, roleIds: [T.manager])
        base.entraGroups[F.securityGroup]?.members["u-walt"] = EntraGroupMember()
        var target = base
        target.users["u-walt"]?.businessUnitId = T.west
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: "u-walt")?.tableChanges.first { $0.table == "opportunity" && $0.isScopeChange })
        #expect(line.risk == .reduction)
        #expect(r.entry(.user, "u-walt")?.risk == .reduction && !r.hasEscalation)
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(back.entry(.user, "u-walt")?.risk == .escalation && back.entry(.user, "u-walt")?.lines.first?.reasons == [.scopeWidened])
        // Adele's Local grants reach other records after the same move: an escalation.
        var adele = base
        adele.users[F.adele]?.businessUnitId = T.west
        #expect(
            SnapshotDiff.compare(base: base, target: adele, options: DiffOptions(runChecks: false)).entry(.user, F.adele)?.risk
                == .escalation)
        // Without the impact (an import's comparison), the rule before it: an escalation both ways.
        let plain = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(computeImpact: false, runChecks: false))
        #expect(plain.entry(.user, "u-walt")?.risk == .escalation)
    }

    /// Found by a model-based fuzzing review: a Local privilege given to a role whose member
    /// privilege inheritance turned off in the same change went unseen for a holder who already
    /// had Local on their own unit: through the team (of another unit) it reaches the team's unit
    /// too. The privilege alone was reported; with the inheritance line, nobody.
    @Test func aLocalPrivilegeGivenWithInheritanceTurnedOffStillWidensTheScope() throws {
        var base = F.environment()
        base.roles[F.basicUser]?.privileges["account", default: .empty][.write] = .businessUnit
        base.users[F.bob]?.roleIds.insert(F.serviceRep)  // also through Sales Team (Sales)
        for inheritsBefore in [true, false] {
            base.roles[F.serviceRep]?.inheritsMemberPrivileges = inheritsBefore
            var target = base
            target.roles[F.serviceRep]?.inheritsMemberPrivileges = !inheritsBefore
            target.roles[F.serviceRep]?.privileges["account", default: .empty][.write] = .businessUnit
            let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
            let line = try #require(
                r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "account" && $0.operation == .write },
                "inheritance \(inheritsBefore) -> \(!inheritsBefore)")
            #expect(line.old == .businessUnit && line.new == .businessUnit && line.risk == .escalation)
            #expect(line.reasons.contains(.scopeWidened), "\(line.reasons)")
            #expect(line.newScope.contains { $0.contains("Sales") } && !line.oldScope.contains { $0.contains("Sales") })
        }
    }

    /// Found by a model-based fuzzing review: a grant through a team acts as the team, so it lets
    /// the member create records the team owns; joining a team whose role grants Create (team
    /// privileges only) beside the member's own Create was no change on Create.
    @Test func joiningATeamWhoseRoleGrantsCreateWidensWhoMayOwnTheNewRecord() throws {
        var base = F.environment()
        base.roles[F.serviceRep]?.inheritsMemberPrivileges = false
        base.roles[F.serviceRep]?.privileges["account", default: .empty][.create] = .user
        var target = base
        target.teams[F.salesTeam]?.memberIds.insert(F.adele)  // Adele creates her own accounts (Salesperson)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.adele)?.tableChanges.first { $0.table == "account" && $0.operation == .create })
        #expect(line.old == .user && line.new == .user && line.risk == .escalation && line.reasons == [.ownersWidened])
        #expect(line.oldScope == ["own records"] && line.newScope == ["own records", "team Sales Team's records"])
        // And back: a reduction.
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let lost = try #require(back.impact(ofUser: F.adele)?.tableChanges.first { $0.table == "account" && $0.operation == .create })
        #expect(lost.risk == .reduction)

        // A team role that inherits acts as the team too: giving it Create moves who may own
        // Adele's new accounts although her level stays Basic.
        var inherit = target
        inherit.roles[F.serviceRep]?.inheritsMemberPrivileges = true
        inherit.roles[F.serviceRep]?.privileges["account"]?[.create] = AccessLevel.none
        var given = inherit
        given.roles[F.serviceRep]?.privileges["account", default: .empty][.create] = .user
        let g = SnapshotDiff.compare(base: inherit, target: given, options: DiffOptions(runChecks: false))
        let create = try #require(g.impact(ofUser: F.adele)?.tableChanges.first { $0.table == "account" && $0.operation == .create })
        #expect(create.risk == .escalation && create.newScope.contains("team Sales Team's records"), "\(create)")
    }

    /// Found by a model-based fuzzing review: on Create the owners are named by the grants, never
    /// covered by a Local or Deep reach [I] (GL4: a grant creates the records of whom it acts as).
    /// A Deep Create whose units narrowed while a team grant of Create was gained read as a
    /// reduction, as if the user's Deep reach already created the team's records.
    @Test func createOwnersGainedBesideNarrowedUnitsAreAnEscalation() throws {
        var base = F.environment()
        base.businessUnits["bu-west"] = BusinessUnit(id: "bu-west", name: "West", parentId: F.sales)
        base.roles[F.salesperson]?.privileges["account"]?[.create] = .parentChildBusinessUnits
        base.roles[F.serviceRep]?.inheritsMemberPrivileges = false
        base.roles[F.serviceRep]?.privileges["account", default: .empty][.create] = .user
        var target = base
        target.businessUnits["bu-west"]?.parentId = F.service  // Adele's Deep reach loses West
        target.teams[F.salesTeam]?.memberIds.insert(F.adele)  // a team-only Create on the Sales Team's records
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.adele)?.tableChanges.first { $0.table == "account" && $0.operation == .create })
        #expect(line.old == .parentChildBusinessUnits && line.new == .parentChildBusinessUnits)
        #expect(line.risk == .escalation && line.reasons == [.ownersChanged], "\(line)")
        #expect(line.newScope.contains("team Sales Team's records") && !line.oldScope.contains("team Sales Team's records"))
        // The way back reaches West again and leaves the team's records: other records, an
        // escalation too (the gate's mirror of a change of reach).
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let mirror = try #require(
            back.impact(ofUser: F.adele)?.tableChanges.first { $0.table == "account" && $0.operation == .create })
        #expect(mirror.risk == .escalation && mirror.reasons == [.scopeChanged], "\(mirror)")
    }

    /// Found by a model-based fuzzing review: a team's role (with member privilege inheritance)
    /// gaining Create while the member's own Create fell Deep -> Local read as a reduction; the
    /// team's records are new owners of what the member may create, so it reaches other records.
    @Test func createLoweredWhileATeamsCreateIsGainedIsAnEscalation() throws {
        var base = F.environment()
        base.businessUnits["bu-west"] = BusinessUnit(id: "bu-west", name: "West", parentId: F.sales)
        base.roles[F.salesperson]?.privileges["account"]?[.create] = .parentChildBusinessUnits
        base.teams[F.salesTeam]?.memberIds.insert(F.adele)
        var target = base
        target.roles[F.salesperson]?.privileges["account"]?[.create] = .businessUnit
        target.roles[F.serviceRep]?.privileges["account", default: .empty][.create] = .user
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.adele)?.tableChanges.first { $0.table == "account" && $0.operation == .create })
        #expect(line.old == .parentChildBusinessUnits && line.new == .businessUnit)
        #expect(line.risk == .escalation && line.reasons == [.ownersChanged], "\(line)")
        #expect(line.newScope.contains("team Sales Team's records"))
    }

    /// Found by a model-based fuzzing review: a team with no role moved into the unit a member's
    /// team-only Local grant reaches took its records there [I], and the member reaches them now;
    /// it was no line (a user moved so was one).
    @Test func aTeamMovedIntoAUnitAMembersTeamOnlyGrantReachesWidensItsOwners() throws {
        var base = F.environment()
        base.roles["r-read"] = SecurityRole(
            id: "r-read", name: "Unit Reader", businessUnitId: F.root, inheritsMemberPrivileges: false,
            privileges: ["account": PrivilegeRow([.read: .businessUnit])])
        base.teams["t-readers"] = Team(id: "t-readers", name: "Readers", businessUnitId: F.service, memberIds: [F.bob], roleIds: ["r-read"])
        base.teams["t-deals"] = Team(id: "t-deals", name: "Deals", businessUnitId: F.sales, memberIds: [F.bob])
        var target = base
        target.teams["t-deals"]?.businessUnitId = F.service
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(line.risk == .escalation && line.reasons == [.ownersWidened], "\(line)")
        #expect(line.newScope.contains("team Deals's records") && !line.oldScope.contains("team Deals's records"))
        // The move itself is judged by what it does to its members (it stayed neutral, and the
        // summary said 0 escalating objects beside 1 user with an escalation).
        let move = try #require(r.entries.first { $0.objectId == "t-deals" })
        #expect(move.risk == .escalation && move.lines.first { $0.field == .businessUnit }?.reasons == [.ownersWidened])
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(back.entries.first { $0.objectId == "t-deals" }?.risk == .reduction)
        #expect(back.impact(ofUser: F.bob)?.tableChanges.first { $0.table == "account" }?.risk == .reduction)
    }

    /// Found by a model-based fuzzing review: Read unmasked narrowed (All records -> One record)
    /// was judged on the side without Read on the table, so a user who lost System Administrator
    /// (and Read) got a neutral line, and the mirror an escalation. A narrowing is judged on the
    /// base, which had Read: a reduction.
    @Test func readUnmaskedNarrowedIsJudgedOnTheSideThatWentFurther() throws {
        var base = F.environment()
        base.fieldSecurityProfiles[F.hrProfile]?.permissions[F.ssn]?.canReadUnmasked = .oneRecord
        base.users[F.hana]?.roleIds = [F.sysAdmin]
        var target = base
        target.users[F.hana]?.roleIds = []
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.hana)?.columnChanges.first { $0.kind == .readUnmasked })
        #expect(line.oldUnmasked == .allRecords && line.newUnmasked == .oneRecord)
        #expect(line.risk == .reduction && line.withoutTableOperation == nil, "\(line)")
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(back.impact(ofUser: F.hana)?.columnChanges.first { $0.kind == .readUnmasked }?.risk == .escalation)
    }

    /// Found by a model-based fuzzing review: Read unmasked gained said only "allowed", not how
    /// far it goes; the side that has it now says One record or All records, in JSON too.
    @Test func readUnmaskedGainedSaysHowFarItGoes() throws {
        let base = F.environment()
        var target = base
        target.fieldSecurityProfiles[F.hrProfile]?.permissions[F.ssn]?.canReadUnmasked = .oneRecord
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.hana)?.columnChanges.first { $0.kind == .readUnmasked })
        #expect(!line.old && line.new && line.oldUnmasked == nil && line.newUnmasked == .oneRecord)
        #expect(line.symbol == "+" && line.risk == .escalation)
        let text = DiffTextRenderer().render(r)
        #expect(text.contains("+ column contact.contoso_ssn Read unmasked: no -> One record"), "\(text)")
        let json = String(decoding: DiffJSON.data(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: [])), as: UTF8.self)
        #expect(json.contains(#""newUnmasked": "one-record""#), "\(json)")
    }

    /// Found by a model-based fuzzing review: Read unmasked widened (One record to All records)
    /// for a user with no Read on the table was an escalation, where a column gained without it
    /// is neutral: there is no record to unmask.
    @Test func readUnmaskedWidenedWithoutTheTableOperationIsNeutral() throws {
        var base = F.environment()
        // Zed holds Basic User only: no Read on contacts.
        base.users["u-zed"] = User(id: "u-zed", name: "Zed", domainName: "zed@fabrikam.com", businessUnitId: F.root, roleIds: [F.basicUser])
        base.entraGroups[F.securityGroup]?.members["u-zed"] = EntraGroupMember()
        base.fieldSecurityProfiles[F.hrProfile]?.userIds.insert("u-zed")
        base.fieldSecurityProfiles[F.hrProfile]?.permissions[F.ssn]?.canReadUnmasked = .oneRecord
        var target = base
        target.fieldSecurityProfiles[F.hrProfile]?.permissions[F.ssn]?.canReadUnmasked = .allRecords
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let zed = try #require(r.impact(ofUser: "u-zed")?.columnChanges.first { $0.kind == .readUnmasked })
        #expect(zed.risk == .neutral && zed.withoutTableOperation == .read, "\(zed)")
        // Hana reads contacts: for her it widens.
        let hana = try #require(r.impact(ofUser: F.hana)?.columnChanges.first { $0.kind == .readUnmasked })
        #expect(hana.risk == .escalation && hana.oldUnmasked == .oneRecord && hana.newUnmasked == .allRecords)
    }

    /// Found by a console review on 50,000 users: securing a column "reached" every user it
    /// touched whose access changed, 2,217 of them only through other changes in the same diff,
    /// and its drill-down listed their lines as its own. A table's change says which lines it
    /// moves: those of its columns.
    @Test func securingAColumnMovesOnlyTheLinesOfThatColumn() throws {
        var base = F.environment()
        let email = ColumnReference(table: "contact", column: "emailaddress1")
        var target = base
        target.tables["contact"]?.columns["emailaddress1"]?.isSecured = true
        // Another change in the same diff: Basic User now reads accounts (Bob's only role).
        target.roles[F.basicUser]?.privileges["account", default: .empty][.read] = .organization
        base.tables["contact"]?.columns["emailaddress1"]?.isSecured = false
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let table = try #require(r.entries.first { $0.kind == .table && $0.objectId == "contact" })
        let withEmailLine = r.impacts.filter { i in i.columnChanges.contains { $0.column == email } }
        #expect(!withEmailLine.isEmpty)
        #expect(table.usersMoved == withEmailLine.count, "moved \(table.usersMoved ?? -1), with a line \(withEmailLine.count)")
        for impact in r.impacts where impact.causeEntries.contains(table.id) {
            let (through, others) = impact.lines(through: table)
            #expect(through.tableChanges.isEmpty, "\(impact.name): no table line comes from securing a column")
            #expect(through.columnChanges.allSatisfy { $0.column == email })
            #expect(
                through.columnChanges.count + others
                    == impact.tableChanges.count + impact.columnChanges.count + impact.miscChanges.count)
        }
        // The role's change keeps its own account lines, which the table's does not claim.
        let role = try #require(r.entries.first { $0.kind == .role && $0.objectId == F.basicUser })
        #expect((role.usersMoved ?? 0) > 0)
    }

    /// Found by a model-based fuzzing review: a Read unmasked line whose side is an unsecured
    /// column said nothing of how far it goes. An open column is read unmasked by whoever reads
    /// it, all records; securing it behind a profile that unmasks one record narrows that.
    @Test func anUnsecuredColumnIsReadUnmaskedForAllRecords() throws {
        var base = F.environment()
        base.tables["contact"]?.columns["contoso_ssn"]?.isSecured = false
        let target = F.environment()  // secured; HR (Hana) reads it, unmasks nothing
        var oneRecord = target
        oneRecord.fieldSecurityProfiles[F.hrProfile]?.permissions[F.ssn]?.canReadUnmasked = .oneRecord
        let lost = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(lost.impact(ofUser: F.hana)?.columnChanges.first { $0.kind == .readUnmasked })
        #expect(line.old && !line.new && line.oldUnmasked == .allRecords && line.risk == .reduction)
        let narrowed = SnapshotDiff.compare(base: base, target: oneRecord, options: DiffOptions(runChecks: false))
        let scope = try #require(narrowed.impact(ofUser: F.hana)?.columnChanges.first { $0.kind == .readUnmasked })
        #expect(scope.oldUnmasked == .allRecords && scope.newUnmasked == .oneRecord && scope.risk == .reduction, "\(scope)")
    }

    /// Found by a model-based fuzzing review: a user dormant on both sides who was put in access
    /// mode Read lost the miscellaneous privileges that write without a line, where their table
    /// levels had dormant lines.
    @Test func aDormantUserPutInAccessModeReadHasDormantMiscellaneousLines() throws {
        var base = F.environment()
        base.roles[F.salesperson]?.miscPrivileges["prvBulkDelete"] = .organization
        base.users[F.carol]?.isDisabled = true  // System Administrator: every named privilege
        var target = base
        target.users[F.carol]?.accessMode = .read
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impact(ofUser: F.carol)?.miscChanges.first { $0.name == "prvBulkDelete" })
        #expect(line.isDormant && line.old == .organization && line.new == AccessLevel.none && line.risk == .neutral)
    }
}
