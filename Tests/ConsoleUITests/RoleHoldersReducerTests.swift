import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// `H` on a role: who holds it, as `dvsec report --role` lists them (found by a console review:
/// the details said "Held directly by 5 users" and named none).
@Suite("Reducer: the holders of a role")
struct RoleHoldersReducerTests {
    let e = Fixture.prod

    /// The browser on the roles pane with `role` selected.
    func store(_ role: String, size: Size = Size(width: 120, height: 30)) -> TestStore {
        var state = Fixture.browserState(size: size)
        reduce(&state, .paneChosen(.roles))
        state.selectInBrowser(role)
        return TestStore(state)
    }

    func report(_ role: String) throws -> RoleReport { try #require(RoleReport(environment: Fixture.production, roleId: role)) }

    @Test func hListsTheDomainsHoldersAndEnterOpensTheirAccess() throws {
        var store = store(Fixture.seller)
        #expect(KeyMap.action(for: .char("H"), in: store.state) == .roleHoldersRequested)
        let report = try report(Fixture.seller)
        store.send(.roleHoldersRequested) {
            $0.screens = [.browser, .roleHolders]
            $0.roleHolders = RoleHoldersState(report: report, generation: 0)
        }
        // Seller is held through Sales EU only: its members, each saying how.
        #expect(report.holders.map(\.name) == ["Alex Wilber", "Diego Siciliani"])
        let text = screen(store.state).lines.joined(separator: "\n")
        #expect(text.contains("Holders of Seller (2)"), "\(text)")
        #expect(text.contains("through team Sales EU (Owner)"), "\(text)")
        #expect(text.contains("0 users directly · 1 team (2 members) · 2 users in all"), "\(text)")
        #expect(text.contains("Teams holding the role (1)") && text.contains("Sales EU (Owner) · 2 members"), "\(text)")
        // Enter: the user's effective access; Esc comes back to the holders as they were.
        store.prepare(.cursorMoved(.down))
        store.prepare(.selectionOpened)
        #expect(store.state.screens == [.browser, .roleHolders, .effectiveAccess])
        #expect(store.state.effective?.principal == .user(Fixture.diego))
        store.prepare(.backRequested)
        #expect(store.state.screens == [.browser, .roleHolders] && store.state.roleHolders?.list.cursor == 1)
    }

    /// Direct holders first, each once per way they hold it; `/` narrows by name, domain name or
    /// team; a disabled holder is marked dormant.
    @Test func directHoldersFilterAndDormancy() throws {
        var store = store(Fixture.salesperson)
        store.prepare(.roleHoldersRequested)
        let view = try #require(store.state.roleHolders)
        #expect(view.report.holders.map { "\($0.name) \($0.path)" } == ["Alex Wilber direct", "Pradeep Gupta direct"])
        #expect(view.directCount == 2 && view.userCount == 2)
        let text = screen(store.state).lines.joined(separator: "\n")
        #expect(text.contains("Pradeep Gupta") && text.contains("dormant"), "\(text)")
        store.prepare(.filterStarted)
        for ch in "prad" { store.prepare(.textTyped(ch)) }
        #expect(store.state.roleHolders?.list.rows == ["1"])
        store.prepare(.inputSubmitted)
        store.prepare(.backRequested)
        #expect(store.state.roleHolders?.list.rows == ["0", "1"] && store.state.screen == .roleHolders)
    }

    /// From the role editor too, and `:holders`; elsewhere it says what to select.
    @Test func fromTheEditorTheCommandAndNowhereElse() throws {
        var store = store(Fixture.salesperson)
        store.prepare(.selectionOpened)
        #expect(store.state.screen == .roleEditor)
        #expect(KeyMap.action(for: .char("H"), in: store.state) == .roleHoldersRequested)
        store.prepare(.roleHoldersRequested)
        #expect(store.state.screens == [.browser, .roleEditor, .roleHolders] && store.state.roleHolders?.roleId == Fixture.salesperson)
        var users = TestStore(Fixture.browserState())
        users.send(.roleHoldersRequested) { $0.status = .warning("Select a role first: H lists who holds it") }
        var command = self.store(Fixture.seller)
        command.prepare(.commandEntered("holders"))
        #expect(command.state.screen == .roleHolders && command.state.roleHolders?.roleId == Fixture.seller)
    }

    /// An edit made from a holder's effective access shows when coming back.
    @Test func theHoldersFollowEdits() throws {
        var store = store(Fixture.seller)
        store.prepare(.roleHoldersRequested)
        store.prepare(.selectionOpened)
        store.modify {
            _ = try? $0.snapshot.apply(.removeTeamMember(environment: e, team: Fixture.salesTeam, user: Fixture.alex))
            $0.modelGeneration += 1
        }
        store.prepare(.backRequested)
        #expect(store.state.roleHolders?.report.holders.map(\.name) == ["Diego Siciliani"])
        #expect(store.state.roleHolders?.generation == 1)
    }
}
