import Testing

@testable import SecurityModel

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

    /// A unit moved out from under a disabled one lets its users sign in again: an escalation,
    /// as enabling it is (a regression review found the move neutral while its users' access
    /// rose, and `--risk escalation` hid the change that caused it); moved under one, a reduction.
    @Test func aUnitMovedOutFromUnderADisabledOneIsAnEscalation() throws {
        var base = F.environment()
        base.businessUnits[F.service]?.isDisabled = true
        base.businessUnits["bu-field"] = BusinessUnit(id: "bu-field", name: "Field", parentId: F.service)
        base.users[F.dan]?.businessUnitId = "bu-field"
        var target = base
        target.businessUnits["bu-field"]?.parentId = F.sales
        let out = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let entry = try #require(out.entry(.businessUnit, "bu-field"))
        #expect(entry.risk == .escalation && entry.lines.contains { $0.reasons == [.businessUnitEnabled] })
        #expect(out.impact(ofUser: F.dan)?.risk == .escalation)
        // It lets Dan sign in: every line of his is its own.
        let dan = try #require(out.impact(ofUser: F.dan))
        #expect(out.lines(of: dan, through: entry).otherLines == 0 && out.impacts(reachedBy: entry).moved.map(\.userId) == [F.dan])
        #expect(DiffFilter(risks: [.escalation]).apply(to: out).entries.contains { $0.objectId == "bu-field" })
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(back.entry(.businessUnit, "bu-field")?.risk == .reduction)
        #expect(back.impact(ofUser: F.dan)?.risk == .reduction)
    }

    /// A unit moved to another parent moves only scope lines: a user it reaches whose other
    /// lines a role's change moved has those lines counted for the role, not for the unit (it
    /// counted every line of the users it reached, like a change that says nothing line by line).
    @Test func aMovedUnitClaimsOnlyTheScopeLinesOfTheUsersItReaches() throws {
        var base = F.environment()
        base.roles[F.salesperson]?.privileges["account"]?[.read] = .parentChildBusinessUnits
        var target = base
        target.businessUnits[F.service]?.parentId = F.sales
        target.roles[F.salesperson]?.privileges["contact"]?[.write] = .organization
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let unit = try #require(r.entry(.businessUnit, F.service))
        let role = try #require(r.entry(.role, F.salesperson))
        let adele = try #require(r.impact(ofUser: F.adele))
        #expect(adele.tableChanges.contains { $0.table == "account" && $0.operation == .read && $0.isScopeChange })
        #expect(adele.tableChanges.contains { $0.table == "contact" && $0.operation == .write && $0.new == .organization })
        let throughUnit = r.lines(of: adele, through: unit).impact.tableChanges
        #expect(throughUnit.map(\.table) == ["account"] && throughUnit.allSatisfy(\.isScopeChange))
        let throughRole = r.lines(of: adele, through: role).impact.tableChanges
        #expect(throughRole.contains { $0.table == "contact" } && !throughRole.contains { $0.table == "account" })
        #expect(unit.usersMoved == 2 && role.usersMoved == 2)
        // A unit disabled moves every line of the users it keeps out.
        var disabled = base
        disabled.businessUnits[F.service]?.isDisabled = true
        let d = SnapshotDiff.compare(base: base, target: disabled, options: DiffOptions(runChecks: false))
        let entry = try #require(d.entry(.businessUnit, F.service))
        let kept = d.impacts(reachedBy: entry).moved
        #expect(
            !kept.isEmpty
                && kept.allSatisfy {
                    $0.newDormancy.contains(.businessUnitDisabled("Service")) && d.lines(of: $0, through: entry).otherLines == 0
                })
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
