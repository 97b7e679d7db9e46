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
        #expect(hana.causes == ["added to team \"Sales Team\""])
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
        #expect(bob.causes == ["team \"Sales Team\" removed"], "\(bob.causes)")
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
}
