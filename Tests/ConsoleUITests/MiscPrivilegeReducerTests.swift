import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// The effective-access screen's third view: the user's miscellaneous privileges (rule 13).
@Suite("Reducer: miscellaneous privileges on effective access")
struct MiscPrivilegeReducerTests {
    let env = Fixture.production

    /// The demo organisation ("Contoso") on its production environment.
    static func demoState(size: Size = Size(width: 200, height: 50)) -> AppState {
        let snapshot = DemoOrganisation.snapshot
        return AppState(
            snapshot: snapshot, document: Document(source: .demo), environmentId: snapshot.environment(matching: "prod")?.id,
            size: size)
    }

    static var demo: Environment { DemoOrganisation.snapshot.environment(matching: "prod")! }

    static func demoUser(_ name: String) -> User { demo.users.values.first { $0.name == name }! }

    @Test func tabCyclesTablesColumnsMiscellaneousAndBack() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.commandEntered("user alex"))
        let alex = env.users[Fixture.alex]!
        #expect(store.state.effective?.tab == .tables)
        #expect(KeyMap.action(for: .tab, in: store.state) == .paneCycled(forward: true))
        #expect(KeyMap.action(for: .backTab, in: store.state) == .paneCycled(forward: false))
        store.send(.paneCycled(forward: true)) {
            $0.effective?.tab = .columns
            $0.effective?.why = .column(env.columnAccessOnRecords(of: alex, column: Fixture.payment, kind: .read))
        }
        store.send(.paneCycled(forward: true)) {
            $0.effective?.tab = .miscellaneous
            $0.effective?.why = .miscellaneous(AccessIndex(environment: env).miscPrivileges(of: alex)["prvexporttoexcel"]!, dormancy: [])
        }
        store.send(.paneCycled(forward: true)) {
            $0.effective?.tab = .tables
            $0.effective?.why = .user(env.effectiveAccess(of: alex, table: "account", operation: .read))
        }
        // Shift-Tab goes the other way round.
        store.send(.paneCycled(forward: false)) {
            $0.effective?.tab = .miscellaneous
            $0.effective?.why = .miscellaneous(AccessIndex(environment: env).miscPrivileges(of: alex)["prvexporttoexcel"]!, dormancy: [])
        }
        // The status bar names what Tab shows next, as the tabs name it (at 80 columns only the
        // tabs say it: "Enter why" comes first).
        #expect(screen(store.state, Size(width: 120, height: 30)).lines.last?.contains("Tab table privileges") == true)
    }

    @Test func theRowsOfADemoUserAreTheDomainsAnswer() {
        var state = Self.demoState()
        reduce(&state, .commandEntered("user Alex Wilber"))
        reduce(&state, .paneCycled(forward: true))
        reduce(&state, .paneCycled(forward: true))
        let alex = Self.demoUser("Alex Wilber")
        let expected = AccessIndex(environment: Self.demo).miscPrivileges(of: alex)
        #expect(!expected.isEmpty)
        guard let view = state.effective else {
            Issue.record("no effective view")
            return
        }
        #expect(view.tab == .miscellaneous)
        #expect(view.misc == expected)
        #expect(view.miscellaneous.rows == expected.values.map(\.name).sorted { $0.lowercased() < $1.lowercased() }.map { $0.lowercased() })
        // Every row's "why" is its grant, as the index answers it.
        for key in view.miscellaneous.rows {
            guard case .miscellaneous(let grant, let dormancy, _)? = state.effective?.why else {
                Issue.record("no why on \(key)")
                return
            }
            #expect(grant == expected[key])
            #expect(dormancy.isEmpty)
            reduce(&state, .cursorMoved(.down))
        }
        // The filter narrows the rows by name.
        reduce(&state, .filterStarted)
        for ch in "excel" { reduce(&state, .textTyped(ch)) }
        #expect(state.effective?.miscellaneous.rows == ["prvexporttoexcel"])
    }

    @Test func aGrantThroughATeamIsMarkedInferred() {
        var state = Self.demoState()
        reduce(&state, .commandEntered("user Lynne"))
        reduce(&state, .paneCycled(forward: true))
        reduce(&state, .paneCycled(forward: true))
        // Lynne Robbins holds Basic User herself, Salesperson only through Key Accounts EU: prvMailMerge comes from the team.
        let index = state.effective?.miscellaneous.rows.firstIndex(of: "prvmailmerge")
        #expect(index != nil)
        for _ in 0..<(index ?? 0) { reduce(&state, .cursorMoved(.down)) }
        guard case .miscellaneous(let grant, _, _)? = state.effective?.why else {
            Issue.record("no why")
            return
        }
        #expect(grant == AccessIndex(environment: Self.demo).miscPrivileges(of: Self.demoUser("Lynne Robbins"))["prvmailmerge"])
        #expect(grant.roleName == "Salesperson" && grant.teamName == "Key Accounts EU")
        let lines = screen(state).lines
        let row = lines.first { $0.contains("→prvMailMerge") } ?? ""
        #expect(row.contains("team Key Accounts EU → role Salesperson") && row.contains("[I]"), "\(row)")
        // A privilege she holds directly carries no mark.
        let direct = lines.first { $0.contains("prvPrint") } ?? ""
        #expect(direct.contains("role Basic User") && !direct.contains("[I]"), "\(direct)")
        // The why panel names the team and the inferred rule.
        let text = lines.joined(separator: "\n")
        #expect(text.contains("through team Key Accounts EU"))
        #expect(text.contains("[I] A role held through an owner or group"))
    }

    @Test func aDisabledDemoUserShowsDormantGrants() {
        var state = Self.demoState()
        reduce(&state, .commandEntered("user Pradeep"))
        reduce(&state, .paneCycled(forward: true))
        reduce(&state, .paneCycled(forward: true))
        let pradeep = Self.demoUser("Pradeep Gupta")
        #expect(state.effective?.dormancy == [.disabled])
        #expect(state.effective?.misc == AccessIndex(environment: Self.demo).miscPrivileges(of: pradeep))
        guard case .miscellaneous(_, let dormancy, _)? = state.effective?.why else {
            Issue.record("no why")
            return
        }
        #expect(dormancy == [.disabled])
        let text = screen(state).lines.joined(separator: "\n")
        #expect(text.contains("Granted miscellaneous privileges, not effective"))
        #expect(text.contains("DORMANT: "))
        #expect(text.contains("Dormant: the grants give no access at run time"))
    }

    /// Found by a review: a user in access mode Read (read-only [I]) was shown a privilege that
    /// writes (prvBulkEdit) as effective at Organization. It is dimmed and said not to work; one
    /// that only reads (prvExportToExcel) still does.
    @Test func accessModeReadDimsThePrivilegesThatWrite() {
        var snapshot = DemoOrganisation.snapshot
        let env = Self.demo
        let sanjay = Self.demoUser("Sanjay Shah")
        let manager = env.roles.values.first { $0.name == "Service Manager" }!
        _ = try? snapshot.apply(.assignUserRole(environment: env.id, user: sanjay.id, role: manager.id))
        var state = AppState(
            snapshot: snapshot, document: Document(source: .demo), environmentId: env.id, size: Size(width: 200, height: 50))
        reduce(&state, .commandEntered("user Sanjay"))
        reduce(&state, .paneCycled(forward: true))
        reduce(&state, .paneCycled(forward: true))
        let lines = screen(state).lines
        let bulk = lines.first { $0.contains("prvBulkEdit") } ?? ""
        #expect(bulk.contains("role Service Manager (access mode Read)"), "\(bulk)")
        let export = lines.first { $0.contains("prvExportToExcel") } ?? ""
        #expect(!export.contains("access mode Read"), "\(export)")
        #expect(lines.joined().contains("dimmed: writes, not effective in access mode Read [I]"))
        // The why of prvBulkEdit says so.
        for _ in 0..<10 where state.effective?.miscellaneous.selectedId != "prvbulkedit" { reduce(&state, .cursorMoved(.down)) }
        guard case .miscellaneous(let grant, _, let blocked)? = state.effective?.why else {
            Issue.record("no why")
            return
        }
        #expect(grant.name == "prvBulkEdit" && blocked)
        #expect(screen(state).lines.joined(separator: "\n").contains("(not effective: access mode Read)"))
    }

    /// A team's view has the three tabs: what its profiles give its members on secured columns,
    /// and its roles' miscellaneous privileges (it had the table view only).
    @Test func aTeamShowsWhatItGivesItsMembersOnColumnsAndMiscellaneousPrivileges() throws {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        _ = state.applyEdit(.addProfileTeam(environment: Fixture.prod, profile: Fixture.financeProfile, team: Fixture.salesTeam))
        _ = state.applyEdit(
            .setMiscPrivilege(environment: Fixture.prod, role: Fixture.seller, privilege: "prvExportToExcel", level: .organization))
        reduce(&state, .paneChosen(.teams))
        let row = try #require(state.list(.teams).rows.firstIndex(of: Fixture.salesTeam))
        state.lists[.teams]?.cursor = row
        reduce(&state, .selectionOpened)
        reduce(&state, .paneCycled(forward: true))
        #expect(state.effective?.tab == .columns)
        let read = try #require(state.effective?.columnMatrix[Fixture.payment]?.first)
        #expect(read.allowed && read.grants.map(\.profileId) == [Fixture.financeProfile])
        guard case .column(let why)? = state.effective?.why else {
            Issue.record("no why")
            return
        }
        #expect(why.allowed)
        #expect(
            screen(state).lines.joined(separator: "\n").contains("what the team's profiles (and System Administrator) give its members"))
        reduce(&state, .paneCycled(forward: true))
        #expect(state.effective?.tab == .miscellaneous)
        #expect(state.effective?.misc["prvexporttoexcel"]?.level == .organization)
        #expect(screen(state).lines.contains { $0.contains("prvExportToExcel") && $0.contains("team Sales EU → role Seller") })
    }
}
