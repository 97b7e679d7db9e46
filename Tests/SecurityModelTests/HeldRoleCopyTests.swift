import Foundation
import Testing

@testable import SecurityModel

/// With modernized business units a user or team can hold any unit's copy of a role, and Local
/// and Deep then reach that unit (DATAVERSE.md §2.3). A snapshot names the copy held in
/// `roleBusinessUnits`; without it, the inferred default applies.
@Suite("Role copies held (modernized business units)")
struct HeldRoleCopyTests {
    typealias O = TestOrganisation

    /// Seller is made at the root with Local read; Alex (Sales EU) holds it directly, and the
    /// Europe Team (Europe) holds it; each names the copy of another unit.
    static func organisation(modernized: Bool = true) -> TestOrganisation {
        var org = TestOrganisation(modernized: modernized)
        org.add(O.role("seller", bu: O.root, ["account": [.read: .businessUnit, .write: .parentChildBusinessUnits]]))
        org.add(User(id: "alex", name: "Alex", businessUnitId: O.salesEU, roleIds: ["seller"], roleBusinessUnitIds: ["seller": O.root]))
        org.add(O.user("bea", bu: O.salesEU))
        org.add(
            Team(
                id: "t", name: "Europe Team", businessUnitId: O.europe, memberIds: ["bea"], roleIds: ["seller"],
                roleBusinessUnitIds: ["seller": O.salesEU]))
        return org
    }

    /// The comparison of two environments, without the checks.
    static func diff(_ base: Environment, _ target: Environment, impact: Bool = true) -> DiffResult {
        SnapshotDiff.compare(base: base, target: target, options: DiffOptions(computeImpact: impact, runChecks: false))
    }

    @Test func localAndDeepReachTheUnitOfTheCopyNamedInBothEngines() throws {
        let org = Self.organisation()
        let env = org.environment
        #expect(org.answer("alex").grants[0].scopeBusinessUnitId == O.root)
        #expect(org.answer("alex", "account", .write).grants[0].scopeBusinessUnitId == O.root)
        #expect(org.answer("bea").grants.first { $0.path == .team(teamId: "t", roleId: "seller") }?.scopeBusinessUnitId == O.salesEU)
        // The index answers the same, from a context it built and from one it did not.
        let index = AccessIndex(environment: env)
        for id in ["alex", "bea"] {
            let user = try #require(env.users[id])
            for context in [index.accessContext(of: user), env.accessContext(of: user)] {
                for op in [TableOperation.read, .write] {
                    let fromIndex = index.winningGrant(of: context, table: "account", operation: op)
                    let fromEngine = env.effectiveAccess(of: context, table: "account", operation: op).winningGrant
                    #expect(fromIndex?.scopeBusinessUnitId == fromEngine?.scopeBusinessUnitId, "\(id) \(op)")
                }
            }
            let slot = Int(try #require(index.userSlots[id]))
            let byIndex = index.winningGrant(of: index.accessContext(userAt: slot), table: "account", operation: .read)
            #expect(byIndex?.scopeBusinessUnitId == (id == "alex" ? O.root : O.salesEU))
        }
        // The team's own access too.
        let team = try #require(env.teams["t"])
        #expect(env.effectiveAccess(ofTeam: team, table: "account", operation: .read).grants[0].scopeBusinessUnitId == O.salesEU)
    }

    @Test func classicBusinessUnitsIgnoreTheCopyNamed() {
        let org = Self.organisation(modernized: false)
        #expect(org.answer("alex").grants[0].scopeBusinessUnitId == O.salesEU)
        #expect(org.answer("bea").grants.first { $0.path == .team(teamId: "t", roleId: "seller") }?.scopeBusinessUnitId == O.europe)
    }

    @Test func aRoleNoLongerHeldTakesItsCopyWithIt() {
        var user = User(
            id: "u", name: "U", businessUnitId: O.root, roleIds: ["a", "b"], roleBusinessUnitIds: ["a": O.europe, "x": O.root])
        #expect(user.roleBusinessUnitIds == ["a": O.europe])
        user.roleIds.remove("a")
        #expect(user.roleBusinessUnitIds.isEmpty)
        var team = Team(id: "t", name: "T", businessUnitId: O.root, roleIds: ["a"], roleBusinessUnitIds: ["a": O.europe])
        team.roleIds = []
        #expect(team.roleBusinessUnitIds.isEmpty)
    }

    // MARK: Snapshot file

    @Test func aSnapshotNamingCopiesIsVersion2AndReadsBackEqual() throws {
        let org = Self.organisation()
        let snapshot = Snapshot(tenant: "T", environments: [org.environment])
        let data = SnapshotWriter.data(for: snapshot)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"version\": 2"))
        #expect(text.contains("\"roleBusinessUnits\": {"))
        let back = try SnapshotReader.read(data)
        #expect(back == snapshot)
        // Without any, version 1: what every dvsec reads.
        var plain = org.environment
        plain.users["alex"]?.roleBusinessUnitIds = [:]
        plain.teams["t"]?.roleBusinessUnitIds = [:]
        #expect(
            String(decoding: SnapshotWriter.data(for: Snapshot(tenant: "T", environments: [plain])), as: UTF8.self).contains(
                "\"version\": 1"))
    }

    /// A file that says version 1 but names copies is read as written, with one note per
    /// environment on the first holder by name (a save writes version 2); a version 2 file, or a
    /// version 1 file naming none, reads without a note.
    @Test func copiesInAVersion1FileAreReadWithANote() throws {
        let org = Self.organisation()
        let snapshot = Snapshot(tenant: "T", environments: [org.environment])
        let v2 = String(decoding: SnapshotWriter.data(for: snapshot), as: UTF8.self)
        #expect(try SnapshotReader.read(Data(v2.utf8)).readDifferently.isEmpty)
        let v1 = v2.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1")
        let read = try SnapshotReader.read(Data(v1.utf8))
        #expect(read == snapshot, "read as written")
        let notes = read.readDifferently
        #expect(notes.count == 1)
        #expect(notes.first?.contains("user “Alex” (alex): names the copy of a role it holds") == true)
        #expect(notes.first?.contains("(and 1 other user or team) in a file that says version 1") == true)
        #expect(notes.first?.contains("a save writes version 2") == true)
        // Saved, it says version 2 and reads back without a note.
        #expect(try SnapshotReader.read(SnapshotWriter.data(for: read)).readDifferently.isEmpty)
        var plain = org.environment
        plain.users["alex"]?.roleBusinessUnitIds = [:]
        plain.teams["t"]?.roleBusinessUnitIds = [:]
        let v1Plain = SnapshotWriter.data(for: Snapshot(tenant: "T", environments: [plain]))
        #expect(try SnapshotReader.read(v1Plain).readDifferently.isEmpty)
    }

    @Test func aCopyOfARoleNotHeldOrOfAnUnknownUnitIsAProblemWithItsPlace() throws {
        let org = Self.organisation()
        var text = String(decoding: SnapshotWriter.data(for: Snapshot(tenant: "T", environments: [org.environment])), as: UTF8.self)
        // Alex's copy names a role Alex does not hold; the team's an unknown unit.
        text = text.replacingOccurrences(of: "\"seller\": \"\(O.root)\"", with: "\"ghost\": \"\(O.root)\"")
        text = text.replacingOccurrences(of: "\"seller\": \"\(O.salesEU)\"", with: "\"seller\": \"bu-nowhere\"")
        do {
            _ = try SnapshotReader.read(Data(text.utf8))
            Issue.record("a snapshot with a dangling role copy loaded")
        } catch {
            let messages = error.problems.map(\.description)
            #expect(messages.contains { $0.contains("users[0].roleBusinessUnits.ghost") && $0.contains("not among the user's roles") })
            #expect(
                messages.contains { $0.contains("teams[0].roleBusinessUnits.seller") && $0.contains("unknown business unit 'bu-nowhere'") })
        }
    }

    // MARK: Changes

    @Test func settingACopyIsUndoneAndRemovingTheRoleRestoresItsCopy() throws {
        var snapshot = Snapshot(tenant: "T", environments: [Self.organisation().environment])
        let original = snapshot
        let inverse = try snapshot.apply(.setUserRoleCopy(environment: O.env, user: "alex", role: "seller", businessUnit: O.europe))
        #expect(snapshot.environments[O.env]?.users["alex"]?.roleBusinessUnitIds == ["seller": O.europe])
        #expect(inverse == .setUserRoleCopy(environment: O.env, user: "alex", role: "seller", businessUnit: O.root))
        try snapshot.apply(inverse)
        #expect(snapshot == original)
        // Removing the role, or deleting it, is undone with the copy.
        for change in [
            Change.removeUserRole(environment: O.env, user: "alex", role: "seller"),
            .removeTeamRole(environment: O.env, team: "t", role: "seller"), .deleteRole(environment: O.env, role: "seller"),
        ] {
            var s = original
            let back = try s.apply(change)
            try s.apply(back)
            #expect(s == original, "\(change)")
        }
        // Not for a role not held, nor an unknown unit.
        #expect(throws: ChangeError.self) {
            try snapshot.apply(.setUserRoleCopy(environment: O.env, user: "bea", role: "seller", businessUnit: O.root))
        }
        #expect(throws: ChangeError.self) {
            try snapshot.apply(.setTeamRoleCopy(environment: O.env, team: "t", role: "seller", businessUnit: "bu-nowhere"))
        }
    }

    @Test func aUnitWhoseCopiesAreHeldIsNotDeleted() throws {
        var org = Self.organisation()
        org.environment.roles["seller"]?.businessUnitId = O.root
        var snapshot = Snapshot(tenant: "T", environments: [org.environment])
        snapshot.environments[O.env]?.users["bea"]?.businessUnitId = O.europe
        snapshot.environments[O.env]?.users["alex"]?.businessUnitId = O.europe
        // Sales EU has no users left, but the team holds its copy.
        do {
            try snapshot.apply(.deleteBusinessUnit(environment: O.env, businessUnit: O.salesEU))
            Issue.record("a unit whose copy is held was deleted")
        } catch {
            #expect(error.message.contains("copies"))
        }
    }

    @Test func theNewChangesSurviveTheJournalsCodec() throws {
        for change in [
            Change.setUserRoleCopy(environment: O.env, user: "alex", role: "seller", businessUnit: O.europe),
            .setTeamRoleCopy(environment: O.env, team: "t", role: "seller", businessUnit: nil),
            .createTeam(
                environment: O.env,
                team: Team(id: "n", name: "N", businessUnitId: O.root, roleIds: ["seller"], roleBusinessUnitIds: ["seller": O.europe])),
        ] {
            #expect(try ChangeCodec.decode(ChangeCodec.encode(change)) == change)
        }
    }

    // MARK: Diff

    @Test func anotherCopyHeldIsAScopeMoveWithItsImpactAndMirrors() throws {
        let base = Self.organisation().environment
        var target = base
        target.users["alex"]?.roleBusinessUnitIds = ["seller": O.europe]
        let out = Self.diff(base, target)
        let entry = try #require(out.entry(.user, "alex"))
        let line = try #require(entry.lines.first { $0.field == .roleCopy })
        #expect(line.subject == "Seller" && line.old == "Root" && line.new == "Root / Europe")
        // Local read moves from the root's records to Europe's: others, both ways.
        #expect(line.risk == .escalation && line.reasons == [.scopeChanged])
        let impact = try #require(out.impact(ofUser: "alex"))
        #expect(impact.tableChanges.contains { $0.table == "account" && $0.operation == .read && $0.isScopeChange })
        let back = Self.diff(target, base)
        #expect(back.entry(.user, "alex")?.lines.first { $0.field == .roleCopy }?.reasons == [.scopeChanged])
        // With Deep only, the root's copy reaches everything Europe's does and more: to Europe is
        // a reduction, back to the root an escalation.
        var deepBase = base
        deepBase.roles["seller"]?.privileges["account"] = PrivilegeRow([.write: .parentChildBusinessUnits])
        var deepTarget = target
        deepTarget.roles["seller"] = deepBase.roles["seller"]
        let narrower = Self.diff(deepBase, deepTarget)
        #expect(narrower.entry(.user, "alex")?.lines.first { $0.field == .roleCopy }?.risk == .reduction)
        let wider = Self.diff(deepTarget, deepBase)
        #expect(wider.entry(.user, "alex")?.lines.first { $0.field == .roleCopy }?.risk == .escalation)
        // Before the impact (none computed), a moved scope is an escalation both ways.
        let plain = Self.diff(base, target, impact: false)
        #expect(plain.entry(.user, "alex")?.lines.first { $0.field == .roleCopy }?.reasons == [.scopeChanged])
        // The text shows the role and both units in quotes.
        let text = DiffTextRenderer(style: .plain).render(out)
        #expect(text.contains("~ role copy \"Seller\": \"Root\" -> \"Root / Europe\""), "\(text)")
    }

    @Test func aCopyNamedWithClassicBusinessUnitsMovesNothing() throws {
        let base = Self.organisation(modernized: false).environment
        var target = base
        target.users["alex"]?.roleBusinessUnitIds = ["seller": O.europe]
        let out = Self.diff(base, target)
        let line = try #require(out.entry(.user, "alex")?.lines.first { $0.field == .roleCopy })
        #expect(line.risk == .neutral && line.note?.contains("classic") == true)
        #expect(out.impact(ofUser: "alex") == nil)
    }

    @Test func theModernizedSwitchMovesTheHoldersOfANamedCopy() throws {
        // Alex holds the root's copy while in Sales EU: turning the switch off moves Alex's scope
        // back to Sales EU, which the default rule alone would not.
        let base = Self.organisation().environment
        var target = base
        target.settings.modernizedBusinessUnits = false
        let out = Self.diff(base, target)
        #expect(out.entry(.environment, O.env)?.lines.first { $0.field == .modernizedBusinessUnits }?.risk != .neutral)
        let impact = try #require(out.impact(ofUser: "alex"))
        #expect(impact.tableChanges.contains { $0.isScopeChange })
    }

    /// Found by the model-based fuzz: the switch turned off while a copy is named only on the
    /// classic side (where it is not used) moves nobody, and is no escalation.
    @Test func aCopyNamedOnlyOnTheClassicSideIsNotMovedByTheSwitch() throws {
        var base = Self.organisation().environment
        base.users["alex"]?.roleBusinessUnitIds = [:]
        base.teams["t"]?.roleBusinessUnitIds = [:]
        var target = base
        target.settings.modernizedBusinessUnits = false
        target.users["alex"]?.roleBusinessUnitIds = ["seller": O.europe]
        for (a, b) in [(base, target), (target, base)] {
            let out = Self.diff(a, b)
            #expect(out.entry(.environment, O.env)?.lines.first { $0.field == .modernizedBusinessUnits }?.risk == .neutral)
            #expect(out.impacts.isEmpty)
            #expect(!out.hasEscalation)
        }
    }

    /// Found by the model-based fuzz: a unit moved out from under the unit of a copy a user
    /// names leaves that user's Deep reach, though neither the user nor the role is there.
    @Test func aUnitMovedOutOfANamedCopysBranchNarrowsItsDeepReach() throws {
        var base = Self.organisation().environment
        base.roles["seller"]?.privileges["account"] = PrivilegeRow([.read: .parentChildBusinessUnits])
        base.users["alex"]?.roleBusinessUnitIds = ["seller": O.europe]
        base.businessUnits["bu-field"] = BusinessUnit(id: "bu-field", name: "Field", parentId: O.europe)
        var target = base
        target.businessUnits["bu-field"]?.parentId = O.root
        let out = Self.diff(base, target)
        let line = try #require(out.impact(ofUser: "alex")?.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(line.isScopeChange && line.risk == .reduction)
        #expect(line.oldScope.joined().contains("Field") && !line.newScope.joined().contains("Field"))
    }

    /// Found by the model-based fuzz: the switch turned on moves the scope of a holder who is
    /// dormant (or whose wider grant covers the copy's unit), so nobody gains: once the impact is
    /// computed the switch is no escalation, and the gate passes.
    @Test func theSwitchMovingOnlyADormantHoldersScopeIsNoEscalationOnceTheImpactSaysSo() throws {
        var target = Self.organisation().environment
        target.users["alex"]?.isDisabled = true
        target.teams["t"]?.roleIds = []
        var base = target
        base.settings.modernizedBusinessUnits = false
        let out = Self.diff(base, target)
        let line = try #require(out.entry(.environment, O.env)?.lines.first { $0.field == .modernizedBusinessUnits })
        #expect(line.risk == .neutral && !out.hasEscalation)
        // Before the impact, an escalation both ways (who holds the grants says it might move).
        let plain = Self.diff(base, target, impact: false)
        #expect(plain.entry(.environment, O.env)?.lines.first { $0.field == .modernizedBusinessUnits }?.risk == .escalation)
        // Alex enabled: the root's copy reaches the root's records, which Alex did not read.
        target.users["alex"]?.isDisabled = false
        base.users["alex"]?.isDisabled = false
        let moved = Self.diff(base, target)
        let switched = try #require(moved.entry(.environment, O.env)?.lines.first { $0.field == .modernizedBusinessUnits })
        #expect(switched.risk == .escalation && switched.reasons == [.businessUnitScopesMoved])
    }

    /// The user and role reports, in every format, and the console's holders list say which
    /// unit's copy a holder has where the snapshot names it (modernized business units only).
    @Test func reportsSayWhichCopyIsHeld() throws {
        let env = Self.organisation().environment
        let user = try #require(UserAccessReport(environment: env, userId: "alex"))
        #expect(user.roles.first { $0.roleId == "seller" }?.copyBusinessUnit == "Root")
        #expect(ReportTextRenderer(style: .plain).render(user).contains("Seller — direct (copy of Root)"))
        #expect(ReportCSVRenderer().render(user).contains("role,Seller,seller,Root,direct"))
        let role = try #require(RoleReport(environment: env, roleId: "seller"))
        #expect(role.holders.map(\.copyBusinessUnit) == ["Root", "Root / Europe / Sales EU"])
        #expect(ReportMarkdownRenderer().render(role).contains("| team Europe Team (Owner) (copy of Root / Europe / Sales EU) |"))
        // Classic business units do not read them: not said.
        let classic = Self.organisation(modernized: false).environment
        #expect(RoleReport(environment: classic, roleId: "seller")?.holders.allSatisfy { $0.copyBusinessUnit == nil } == true)
    }

    /// A team's copy changed moves the lines its role decides for each member: the entry counts
    /// the members as moved by it (it counted none, as if it moved nothing line by line).
    @Test func aTeamsCopyChangedCountsItsMembersAsMoved() throws {
        let base = Self.organisation().environment
        var target = base
        target.teams["t"]?.roleBusinessUnitIds = ["seller": O.root]
        let out = Self.diff(base, target)
        let entry = try #require(out.entry(.team, "t"))
        #expect(entry.usersReached == 1 && entry.usersMoved == 1)
        // Only the lines that role decides, not every line of the members.
        let mover = try #require(LineMover(entry))
        let bea = try #require(out.impact(ofUser: "bea"))
        #expect(
            bea.tableChanges.allSatisfy { mover.moves($0, of: "bea") == ($0.newPath?.roleId == "seller" || $0.oldPath?.roleId == "seller") }
        )
    }
}
