import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Who can, column mode: the query form, the pickers, the command and the domain's answer.
@Suite("Reducer: who can, column security")
struct ColumnWhoCanReducerTests {
    let env = Fixture.production
    let amount = ColumnReference(table: "fab_payment", column: "fab_amount")

    /// The demo organisation's production environment, on the browser.
    static func demoState(size: Size = Size(width: 80, height: 24)) throws -> (AppState, Environment) {
        let snapshot = DemoOrganisation.snapshot
        let env = try #require(snapshot.environment(matching: "prod"))
        return (AppState(snapshot: snapshot, document: Document(source: .demo), environmentId: env.id, size: size), env)
    }

    @Test func cSwitchesToColumnModeOnTheTablesFirstSecuredColumnAndBack() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.commandEntered("who-can fab_payment"))
        let index = AccessIndex(environment: env)
        store.send(.whoCanModeToggled) {
            $0.whoCan.mode = .column
            $0.whoCan.column = "fab_iban"
            $0.whoCan.answer = nil
            $0.whoCan.columnAnswer = index.columnWhoCan(Fixture.payment, kind: .read)
            // Adele through System Administrator, Alex through Finance Profile; nobody dormant.
            $0.whoCan.results.rows = [Fixture.adele, Fixture.alex]
        }
        store.send(.whoCanPermissionCycled) {
            $0.whoCan.permission = .create
            $0.whoCan.columnAnswer = index.columnWhoCan(Fixture.payment, kind: .create)
            $0.whoCan.results.rows = [Fixture.adele]
        }
        store.send(.whoCanModeToggled) {
            $0.whoCan.mode = .table
            $0.whoCan.column = nil
            $0.whoCan.columnAnswer = nil
            let answer = index.whoCan(table: "fab_payment", operation: .read, minimumLevel: .user)
            $0.whoCan.answer = answer
            $0.whoCan.results.rows = answer.users.map(\.userId) + answer.dormantUsers.map(\.userId)
        }
    }

    @Test func theFormMovesOverColumnAndPermissionAndTheirArrowsCycle() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.commandEntered("who-can fab_payment.fab_iban"))
        let index = AccessIndex(environment: env)
        store.send(.cursorMoved(.up)) { $0.whoCan.field = .permission }
        store.send(.cursorMoved(.right)) {
            $0.whoCan.permission = .create
            $0.whoCan.columnAnswer = index.columnWhoCan(Fixture.payment, kind: .create)
            $0.whoCan.results.rows = [Fixture.adele]
        }
        store.send(.cursorMoved(.left)) {
            $0.whoCan.permission = .read
            $0.whoCan.columnAnswer = index.columnWhoCan(Fixture.payment, kind: .read)
            $0.whoCan.results.rows = [Fixture.adele, Fixture.alex]
        }
        store.send(.cursorMoved(.up)) { $0.whoCan.field = .column }
        // fab_payment has one secured column: cycling stays on it.
        store.send(.cursorMoved(.right))
        store.send(.cursorMoved(.up)) { $0.whoCan.field = .table }
        store.send(.paneCycled(forward: false)) { $0.whoCan.field = .results }
        store.send(.paneCycled(forward: false)) { $0.whoCan.field = .permission }
        // Operation and level belong to table mode: they say so and change nothing else.
        store.send(.whoCanOperationCycled(forward: true)) {
            $0.status = StatusMessage("Operations apply to tables: c switches back to table mode")
        }
        store.send(.whoCanLevelCycled(forward: true)) { $0.status = StatusMessage("Levels apply to tables: c switches back to table mode") }
    }

    @Test func tablePickerOffersTablesWithSecuredColumnsAndColumnPickerTheirColumns() throws {
        var (state, env) = try Self.demoState()
        reduce(&state, .commandEntered("who-can account"))
        var store = TestStore(state)
        store.prepare(.whoCanModeToggled)
        let catalog = try #require(store.state.catalog)
        let withSecured = catalog.tables.ids.filter { env.tables[$0]?.securedColumns.isEmpty == false }
        #expect(Set(withSecured) == ["account", "contact", "contoso_employee", "contoso_payment"])
        store.send(.tablePickerRequested) {
            $0.picker = PickerState(
                title: "Who can: choose a table with secured columns", purpose: .whoCanTable,
                items: withSecured.map { PickerItem(.table, $0) },
                keys: withSecured.compactMap { id in catalog.tables.ids.firstIndex(of: id).map { catalog.tables.keys[$0] } })
        }
        let index = AccessIndex(environment: env)
        let payment = try #require(store.state.picker?.items.firstIndex(of: PickerItem(.table, "contoso_payment")))
        store.modify { $0.picker?.cursor = payment }
        let card = ColumnReference(table: "contoso_payment", column: "contoso_cardnumber")
        store.send(.inputSubmitted) {
            $0.picker = nil
            $0.whoCan.table = "contoso_payment"
            $0.whoCan.column = "contoso_cardnumber"
            let answer = index.columnWhoCan(card, kind: .read)
            $0.whoCan.columnAnswer = answer
            $0.whoCan.results.rows = (answer?.users ?? []).map(\.userId) + (answer?.dormantUsers ?? []).map(\.userId)
        }
        store.send(.columnPickerRequested) {
            $0.picker = PickerState(
                title: "Who can: choose a secured column of contoso_payment", purpose: .whoCanColumn,
                items: ["contoso_cardnumber", "contoso_cvv", "contoso_iban"].map { PickerItem(.column, "contoso_payment." + $0) },
                keys: ["contoso_cardnumber card number", "contoso_cvv card security code", "contoso_iban iban"])
        }
        store.send(.textTyped("i")) {
            $0.picker?.filter = "i"
            $0.picker?.visible = [2, 1]  // a word starting with i ("iban") first; "security" has an i too
        }
        store.send(.textTyped("b")) {
            $0.picker?.filter = "ib"
            $0.picker?.visible = [2]
        }
        let iban = ColumnReference(table: "contoso_payment", column: "contoso_iban")
        store.send(.inputSubmitted) {
            $0.picker = nil
            $0.whoCan.column = "contoso_iban"
            let answer = index.columnWhoCan(iban, kind: .read)
            $0.whoCan.columnAnswer = answer
            $0.whoCan.results.rows = (answer?.users ?? []).map(\.userId) + (answer?.dormantUsers ?? []).map(\.userId)
        }
        let names = store.state.whoCan.results.rows.compactMap { env.users[$0]?.name }
        #expect(
            names == [
                "Adele Vance", "Ben Walters", "Cameron White", "Contoso ERP Integration", "Nestor Wilke", "Test Persona Sales",
                "Zrinka Makovac", "Tobias Keller",
            ])
    }

    @Test func theDemosCreditLimitListsProfileHoldersAndHidesTheDormantAdministratorWithD() throws {
        var (state, env) = try Self.demoState()
        reduce(&state, .commandEntered("who-can account.creditlimit read"))
        let ref = ColumnReference(table: "account", column: "creditlimit")
        let answer = try #require(AccessIndex(environment: env).columnWhoCan(ref, kind: .read))
        #expect(state.whoCan.columnAnswer == answer)
        let name = { (id: String) in env.users[id]?.name ?? id }
        #expect(
            answer.users.map { name($0.userId) } == [
                "Adele Vance", "Alex Wilber", "Ben Walters", "Cameron White", "Contoso ERP Integration",
                "Diego Siciliani", "Lynne Robbins", "Nestor Wilke", "Test Persona Sales", "Zrinka Makovac",
            ])
        #expect(answer.dormantUsers.map { name($0.userId) } == ["Tobias Keller"])
        #expect(state.whoCan.results.rows == answer.users.map(\.userId) + ["\(answer.dormantUsers[0].userId)"])
        var store = TestStore(state)
        store.send(.dormantUsersToggled) {
            $0.whoCan.includeDormant = false
            $0.whoCan.results.rows = answer.users.map(\.userId)
        }
        // Alex has it through Key Accounts EU, as the domain words the path.
        let alex = try #require(answer.users.first { name($0.userId) == "Alex Wilber" })
        #expect(
            env.describeColumnPaths(alex.answer) == [#"team "Key Accounts EU" (Owner, BU "Sales EU") → profile "Sales Credit Profile""#])
    }

    @Test func enterOnAUserOpensTheColumnWhyOfThatColumnAndPermission() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.commandEntered("who-can fab_payment.fab_iban"))
        store.send(.cursorMoved(.down)) { $0.whoCan.results.cursor = 1 }
        store.send(.selectionOpened) {
            $0.screens = [.browser, .whoCan, .effectiveAccess]
            var view = Expected.effective(.user(Fixture.alex))
            view.tab = .columns
            view.showWhy = true
            view.why = .column(env.columnAccessOnRecords(of: env.users[Fixture.alex]!, column: Fixture.payment, kind: .read))
            $0.effective = view
        }
    }

    @Test func columnCommandSetsTheWholeQuery() {
        var store = TestStore(Fixture.browserState())
        store.send(.commandEntered("who-can Payment.FAB_IBAN update")) {
            $0.screens = [.browser, .whoCan]
            $0.whoCan.mode = .column
            $0.whoCan.table = "fab_payment"
            $0.whoCan.column = "fab_iban"
            $0.whoCan.permission = .update
            $0.whoCan.field = .results
            $0.whoCan.columnAnswer = AccessIndex(environment: env).columnWhoCan(Fixture.payment, kind: .update)
            // Finance Profile allows Read only: System Administrator alone updates it.
            $0.whoCan.results = ListState(rows: [Fixture.adele])
        }
        store.send(.commandEntered("who-can account delete")) {
            $0.whoCan.mode = .table
            $0.whoCan.column = nil
            $0.whoCan.table = "account"
            $0.whoCan.operation = .delete
            $0.whoCan.columnAnswer = nil
            let answer = AccessIndex(environment: env).whoCan(table: "account", operation: .delete, minimumLevel: .user)
            $0.whoCan.answer = answer
            $0.whoCan.results.rows = answer.users.map(\.userId) + answer.dormantUsers.map(\.userId)
        }
    }

    /// Found by a review: after a table question at Business Unit, `c` from an unsecured column
    /// kept that level, listing fewer users than can read the column.
    @Test func theTableQuestionOfAnUnsecuredColumnIsAtAnyLevel() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.commandEntered("who-can fab_payment write bu"))
        #expect(store.state.whoCan.minimumLevel == .businessUnit)
        store.prepare(.commandEntered("who-can fab_payment.fab_amount update"))
        store.prepare(.whoCanModeToggled)
        #expect(store.state.whoCan.mode == .table && store.state.whoCan.operation == .write && store.state.whoCan.minimumLevel == .user)
    }

    @Test func anUnsecuredColumnSaysTheTablePrivilegeDecidesAndListsNobody() {
        var store = TestStore(Fixture.browserState())
        store.send(.commandEntered("who-can fab_payment.fab_amount update")) {
            $0.screens = [.browser, .whoCan]
            $0.whoCan.mode = .column
            $0.whoCan.table = "fab_payment"
            $0.whoCan.column = "fab_amount"
            $0.whoCan.permission = .update
            $0.whoCan.field = .results
            $0.whoCan.columnAnswer = AccessIndex(environment: env).columnWhoCan(amount, kind: .update)
        }
        #expect(store.state.whoCan.columnAnswer?.isSecured == false)
        #expect(store.state.whoCan.columnAnswer?.rules == [.notSecured(table: "fab_payment", operation: .write)])
        #expect(store.state.whoCan.results.rows.isEmpty)
        // c then asks the table question that decides it: who can Write fab_payment.
        store.send(.whoCanModeToggled) {
            $0.whoCan.mode = .table
            $0.whoCan.column = nil
            $0.whoCan.operation = .write
            $0.whoCan.columnAnswer = nil
            let answer = AccessIndex(environment: env).whoCan(table: "fab_payment", operation: .write, minimumLevel: .user)
            $0.whoCan.answer = answer
            $0.whoCan.results.rows = answer.users.map(\.userId) + answer.dormantUsers.map(\.userId)
        }
        #expect(!store.state.whoCan.results.rows.isEmpty)
    }

    @Test func badColumnCommandsSayWhatIsWrong() {
        var store = TestStore(Fixture.browserState())
        store.send(.commandEntered("who-can nothing.fab_iban")) { $0.status = .error("No table “nothing” in Fabrikam Production") }
        store.send(.commandEntered("who-can fab_payment.nothing")) { $0.status = .error("No column “nothing” in fab_payment") }
        store.send(.commandEntered("who-can fab_payment.fab_iban write")) {
            $0.status = .error("Unknown column permission “write” (read, create, update, readUnmasked)")
        }
        store.send(.commandEntered("who-can fab_payment.fab_iban read global")) {
            $0.status = .error("A column takes one permission: :who-can fab_payment.fab_iban read|create|update|readUnmasked")
        }
        // Column keys outside column mode say how to get there.
        store.send(.screenRequested(.whoCan)) {
            $0.screens = [.browser, .whoCan]
            $0.status = nil
        }
        store.send(.columnPickerRequested) { $0.status = StatusMessage("Columns are chosen in column mode: c switches to it") }
        store.send(.whoCanPermissionCycled) { $0.status = StatusMessage("The permission applies to columns: c switches to column mode") }
    }

    @Test func completionOffersSecuredColumnsThenPermissions() {
        let state = Fixture.browserState()
        #expect(CommandCatalog.completions(for: "who-can fab_payment.", in: state) == ["who-can fab_payment.fab_iban"])
        #expect(CommandCatalog.completions(for: "who-can fab_payment.fab_iban u", in: state) == ["who-can fab_payment.fab_iban update"])
        #expect(
            CommandCatalog.completions(for: "who-can fab_payment.fab_iban rea", in: state)
                == ["who-can fab_payment.fab_iban read", "who-can fab_payment.fab_iban readUnmasked"])
        #expect(CommandCatalog.completions(for: "who-can fab_payment.fab_iban read x", in: state).isEmpty)
        #expect(CommandCatalog.completions(for: "who-can account.", in: state).isEmpty)
    }

    @Test func helpListsTheColumnKeysAndCommand() {
        let whoCanKeys = KeyMap.bindings.filter { $0.context == .whoCan }.compactMap(\.action)
        #expect(
            whoCanKeys.contains(.whoCanModeToggled) && whoCanKeys.contains(.columnPickerRequested)
                && whoCanKeys.contains(.whoCanPermissionCycled))
        #expect(CommandCatalog.spec(named: "who-can")?.summary.contains("TABLE.COLUMN [PERMISSION]") == true)
        var help = Fixture.browserState()
        reduce(&help, .helpRequested)
        for ch in "column" { reduce(&help, .textTyped(ch)) }
        let text = screen(help, Size(width: 200, height: 50)).lines.joined(separator: "\n")
        #expect(text.contains("Column mode: who can read, create, update a secured column"))
        #expect(text.contains("TABLE.COLUMN [PERMISSION]"))
    }
}
