import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

@Suite("Reducer: effective access and who can")
struct AccessReducerTests {
    let env = Fixture.production

    func effectiveStore(_ principal: Principal, size: Size = Size(width: 80, height: 24)) -> TestStore {
        var store = TestStore(Fixture.browserState(size: size))
        let pane: Pane = if case .team = principal { .teams } else { .users }
        store.prepare(.paneChosen(pane))
        let index = store.state.list(pane).rows.firstIndex(of: principal.id)!
        store.modify { $0.lists[pane]?.cursor = index }
        store.prepare(.selectionOpened)
        return store
    }

    @Test func enterOnAUserOpensTheEffectiveMatrixWithTheWhyOfTheCell() {
        var store = TestStore(Fixture.browserState())
        store.send(.cursorMoved(.down)) { $0.lists[.users]?.cursor = 1 }
        store.send(.selectionOpened) {
            $0.screens = [.browser, .effectiveAccess]
            $0.effective = Expected.effective(.user(Fixture.alex))
        }
        guard case .user(let answer) = store.state.effective?.why else {
            Issue.record("no why")
            return
        }
        // Alex: Salesperson directly (Read account = Business Unit), Seller through Sales EU (Deep, team privileges only).
        #expect(answer.level == .parentChildBusinessUnits)
        #expect(answer.grants.first?.path == .team(teamId: Fixture.salesTeam, roleId: Fixture.seller))
    }

    @Test func movingTheCursorAsksTheDomainForTheNewCell() {
        var store = effectiveStore(.user(Fixture.alex))
        store.send(.cursorMoved(.right)) {
            $0.effective?.column = TableOperation.write.rawValue
            $0.effective?.why = .user(env.effectiveAccess(of: env.users[Fixture.alex]!, table: "account", operation: .write))
        }
        store.send(.cursorMoved(.down)) {
            $0.effective?.tables.cursor = 1
            $0.effective?.why = .user(env.effectiveAccess(of: env.users[Fixture.alex]!, table: "contact", operation: .write))
        }
        store.send(.cursorMoved(.left)) {
            $0.effective?.column = TableOperation.read.rawValue
            $0.effective?.why = .user(env.effectiveAccess(of: env.users[Fixture.alex]!, table: "contact", operation: .read))
        }
    }

    @Test func tabSwitchesToColumnSecurityAndEnterShowsWhy() {
        var store = effectiveStore(.user(Fixture.alex))
        store.send(.paneCycled(forward: true)) {
            $0.effective?.tab = .columns
            $0.effective?.why = .column(env.columnAccessOnRecords(of: env.users[Fixture.alex]!, column: Fixture.payment, kind: .read))
        }
        store.send(.cursorMoved(.right)) {
            $0.effective?.columnKind = 1
            $0.effective?.why = .column(env.columnAccessOnRecords(of: env.users[Fixture.alex]!, column: Fixture.payment, kind: .create))
        }
        store.send(.selectionOpened) { $0.effective?.showWhy = true }
        store.send(.backRequested) { $0.effective?.showWhy = false }
        store.send(.backRequested) {
            $0.screens = [.browser]
            $0.effective = nil
        }
    }

    @Test func customTablesOnlyNarrowsTheMatrix() {
        var store = effectiveStore(.user(Fixture.alex))
        store.send(.customTablesToggled) {
            $0.effective?.customTablesOnly = true
            $0.effective?.tables.rows = ["fab_payment", "fab_region"]
            $0.effective?.why = .user(env.effectiveAccess(of: env.users[Fixture.alex]!, table: "fab_payment", operation: .read))
        }
    }

    @Test func aTeamShowsWhatItsRolesGrantTheTeam() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.paneChosen(.teams))
        store.send(.cursorMoved(.down)) { $0.lists[.teams]?.cursor = 1 }
        store.send(.cursorMoved(.down)) { $0.lists[.teams]?.cursor = 2 }
        store.send(.selectionOpened) {
            $0.screens = [.browser, .effectiveAccess]
            $0.effective = Expected.effective(.team(Fixture.salesTeam))
        }
        // Tab goes on to what the team's profiles give its members on secured columns.
        store.send(.paneCycled(forward: true)) {
            $0.effective?.tab = .columns
            $0.effective?.why = .column(
                Fixture.production.columnAccess(ofTeam: Fixture.production.teams[Fixture.salesTeam]!, column: Fixture.payment, kind: .read))
        }
    }

    @Test func anEditWhileTheMatrixIsShownRecomputesIt() {
        var store = effectiveStore(.user(Fixture.diego))
        let change = Change.assignUserRole(environment: Fixture.prod, user: Fixture.diego, role: Fixture.salesperson)
        store.prepare(.roleAssignmentRequested)
        store.send(.inputSubmitted, effects: [.appendJournal(change)]) {
            $0.picker = nil
            $0.expectEdit(change, summary: "Diego Siciliani: assigned role Salesperson")
            $0.effective = Expected.effective(.user(Fixture.diego), env: $0.snapshot.environments[Fixture.prod]!)
        }
        guard case .user(let answer) = store.state.effective?.why else {
            Issue.record("no why")
            return
        }
        #expect(answer.grants.contains { $0.path == .direct(roleId: Fixture.salesperson) })
    }

    @Test func whoCanCyclesTheQueryAndOpensAUsersWhy() {
        var store = TestStore(Fixture.browserState())
        store.send(.screenRequested(.whoCan)) { $0.screens = [.browser, .whoCan] }
        store.send(.cursorMoved(.down)) { $0.whoCan.field = .operation }
        store.send(.cursorMoved(.right)) { $0.whoCan.operation = .write }
        store.send(.selectionOpened) { $0.whoCan.operation = .delete }
        store.send(.tablePickerRequested) {
            let catalog = $0.catalog!
            $0.picker = PickerState(
                title: "Who can: choose a table", purpose: .whoCanTable, items: catalog.tables.ids.map { PickerItem(.table, $0) },
                keys: catalog.tables.keys)
        }
        let index = AccessIndex(environment: env)
        store.send(.inputSubmitted) {
            $0.picker = nil
            $0.whoCan.table = "account"
            $0.whoCan.field = .results
            let answer = index.whoCan(table: "account", operation: .delete, minimumLevel: .user)
            $0.whoCan.answer = answer
            $0.whoCan.results = ListState(rows: answer.users.map(\.userId) + answer.dormantUsers.map(\.userId))
        }
        #expect(store.state.whoCan.results.rows == [Fixture.adele, Fixture.alex, Fixture.pradeep])
        store.send(.dormantUsersToggled) {
            $0.whoCan.includeDormant = false
            $0.whoCan.results.rows = [Fixture.adele, Fixture.alex]
        }
        store.send(.whoCanLevelCycled(forward: true)) {
            $0.whoCan.minimumLevel = .businessUnit
            let answer = index.whoCan(table: "account", operation: .delete, minimumLevel: .businessUnit)
            $0.whoCan.answer = answer
            $0.whoCan.results.rows = [Fixture.adele]
        }
        store.send(.whoCanOperationCycled(forward: true)) {
            $0.whoCan.operation = .append
            let answer = index.whoCan(table: "account", operation: .append, minimumLevel: .businessUnit)
            $0.whoCan.answer = answer
        }
        store.send(.whoCanOperationCycled(forward: true)) {
            $0.whoCan.operation = .appendTo
            $0.whoCan.answer = index.whoCan(table: "account", operation: .appendTo, minimumLevel: .businessUnit)
        }
        // O and M go back (found by a review: o and m cycled forward only).
        #expect(KeyMap.action(for: .char("O"), in: store.state) == .whoCanOperationCycled(forward: false))
        #expect(KeyMap.action(for: .char("M"), in: store.state) == .whoCanLevelCycled(forward: false))
        store.send(.whoCanOperationCycled(forward: false)) {
            $0.whoCan.operation = .append
            $0.whoCan.answer = index.whoCan(table: "account", operation: .append, minimumLevel: .businessUnit)
        }
        store.send(.whoCanLevelCycled(forward: false)) {
            $0.whoCan.minimumLevel = .user
            let answer = index.whoCan(table: "account", operation: .append, minimumLevel: .user)
            $0.whoCan.answer = answer
            $0.whoCan.results.rows = answer.users.map(\.userId)
        }
        store.send(.whoCanLevelCycled(forward: false)) {
            $0.whoCan.minimumLevel = .organization
            let answer = index.whoCan(table: "account", operation: .append, minimumLevel: .organization)
            $0.whoCan.answer = answer
            $0.whoCan.results.rows = answer.users.map(\.userId)
        }
        store.send(.whoCanLevelCycled(forward: true)) {
            $0.whoCan.minimumLevel = .user
            let answer = index.whoCan(table: "account", operation: .append, minimumLevel: .user)
            $0.whoCan.answer = answer
            $0.whoCan.results.rows = answer.users.map(\.userId)
        }
        store.send(.whoCanOperationCycled(forward: true)) {
            $0.whoCan.operation = .appendTo
            let answer = index.whoCan(table: "account", operation: .appendTo, minimumLevel: .user)
            $0.whoCan.answer = answer
            $0.whoCan.results.rows = answer.users.map(\.userId)
        }
        store.send(.whoCanLevelCycled(forward: true)) {
            $0.whoCan.minimumLevel = .businessUnit
            let answer = index.whoCan(table: "account", operation: .appendTo, minimumLevel: .businessUnit)
            $0.whoCan.answer = answer
            $0.whoCan.results.rows = answer.users.map(\.userId)
        }
        store.send(.selectionOpened) {
            $0.screens = [.browser, .whoCan, .effectiveAccess]
            var view = Expected.effective(.user(Fixture.adele), operation: .appendTo)
            view.showWhy = true
            $0.effective = view
        }
    }

    /// An edit made on a user's access opened from who-can is in who-can's answer when Esc goes
    /// back to it: the answer is worked out again, not left out of date (or empty).
    @Test func whoCanIsAnsweredAgainWhenShownAfterAnEditElsewhere() throws {
        var store = TestStore(Fixture.browserState())
        store.prepare(.commandEntered("who-can account delete"))
        #expect(store.state.whoCan.results.rows.contains(Fixture.alex))
        let alex = try #require(store.state.whoCan.results.rows.firstIndex(of: Fixture.alex))
        store.modify { $0.whoCan.results.cursor = alex }
        store.prepare(.selectionOpened)
        #expect(store.state.screens == [.browser, .whoCan, .effectiveAccess])
        store.prepare(.userDisabledToggled)
        #expect(store.state.environment?.users[Fixture.alex]?.isDisabled == true)
        store.prepare(.backRequested)  // closes the "why" panel first (80 columns)
        store.prepare(.backRequested)
        #expect(store.state.screen == .whoCan)
        let answer = try #require(store.state.whoCan.answer)
        #expect(
            answer
                == AccessIndex(environment: try #require(store.state.environment)).whoCan(
                    table: "account", operation: .delete, minimumLevel: .user))
        #expect(!answer.users.contains { $0.userId == Fixture.alex } && answer.dormantUsers.contains { $0.userId == Fixture.alex })
    }

    @Test func whoCanFieldsMoveUpFromTheResults() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.commandEntered("who-can account"))
        store.send(.cursorMoved(.up)) { $0.whoCan.field = .minimumLevel }
        store.send(.cursorMoved(.left)) {
            $0.whoCan.minimumLevel = .organization
            $0.whoCan.answer = AccessIndex(environment: env).whoCan(table: "account", operation: .read, minimumLevel: .organization)
            $0.whoCan.results.rows = [Fixture.adele]
        }
        store.send(.paneCycled(forward: true)) { $0.whoCan.field = .results }
        store.send(.paneCycled(forward: false)) { $0.whoCan.field = .minimumLevel }
    }
}
