import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// A paste is text for the line that is open, and never a run of keys.
@Suite("Paste")
struct PasteTests {
    @Test func aPasteWhereNoLineIsOpenIsRefusedWhole() {
        var state = Fixture.browserState()
        let before = state.snapshot
        let action = KeyMap.action(forPaste: "dd\nq", in: state)
        #expect(action == .pasteRefused)
        reduce(&state, action!)
        #expect(state.snapshot == before && !state.hasQuit && state.history.pendingCount == 0)
        #expect(state.status?.text.hasPrefix("Paste ignored") == true)
    }

    @Test func aPasteIntoAFilterFiltersAndDoesNotSubmit() {
        var state = Fixture.browserState()
        reduce(&state, .filterStarted)
        let action = KeyMap.action(forPaste: "  Sales\r\nperson\n", in: state)
        #expect(action == .textPasted("Sales person"))
        reduce(&state, action!)
        #expect(state.input?.text == "Sales person")
        #expect(state.input != nil)
    }

    @Test func aPasteOnTheCommandLineAppendsToWhatIsTyped() {
        var state = Fixture.browserState()
        reduce(&state, .commandLineOpened)
        reduce(&state, .textTyped("w"))
        reduce(&state, KeyMap.action(forPaste: " /tmp/out.json\n", in: state)!)
        // The pasted space separates it from what was typed.
        #expect(state.input?.text == "w /tmp/out.json")
    }

    @Test func aPasteWhileAQuestionWaitsAnswersNothing() {
        var state = Fixture.browserState()
        state.dialog = .confirmQuit(unsaved: 1)
        #expect(KeyMap.action(forPaste: "y", in: state) == nil)
    }

    @Test func anEmptyPasteDoesNothing() {
        var state = Fixture.browserState()
        reduce(&state, .filterStarted)
        #expect(KeyMap.action(forPaste: "\n", in: state) == nil)
    }
}

/// Enter on a go-live finding goes where it is fixed, and Esc comes back to the findings.
@Suite("Findings: go to the place")
struct FindingPlaceTests {
    func findingsState() throws -> (AppState, Environment) {
        let env = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        var state = AppState(snapshot: DemoOrganisation.snapshot, document: Document(source: .demo), environmentId: env.id)
        reduce(&state, .screenRequested(.findings))
        #expect(state.screen == .findings)
        return (state, env)
    }

    func select(_ state: inout AppState, where test: (Finding) -> Bool) throws -> Finding {
        let view = try #require(state.findings)
        let found = view.findings.firstIndex(where: test)
        let index = try #require(found)
        let row = try #require(view.list.rows.firstIndex(of: String(index)))
        state.findings?.list.cursor = row
        return view.findings[index]
    }

    @Test func aRoleFindingOpensTheRoleEditorAndEscComesBack() throws {
        var (state, _) = try findingsState()
        let finding = try select(&state) { if case .role = $0.place.target { true } else { false } }
        guard case .role(let id) = finding.place.target else { return }
        reduce(&state, .selectionOpened)
        #expect(state.screen == .roleEditor && state.roleEditor?.roleId == id)
        reduce(&state, .backRequested)
        #expect(state.screen == .findings)
    }

    @Test func aColumnFindingAsksWhoCanReadTheColumn() throws {
        var (state, _) = try findingsState()
        let finding = try select(&state) { if case .column = $0.place.target { true } else { false } }
        guard case .column(let ref) = finding.place.target else { return }
        reduce(&state, .selectionOpened)
        #expect(state.screen == .whoCan && state.whoCan.mode == .column && state.whoCan.columnReference == ref)
    }

    @Test func placesReadBackAsTargets() {
        #expect(FindingPlaceTests.place("team:t1/role:r1").target == .team("t1"))
        #expect(
            FindingPlaceTests.place("column:account.creditlimit").target
                == .column(ColumnReference(table: "account", column: "creditlimit")))
        #expect(FindingPlaceTests.place("businessUnitTree").target == .environment)
        #expect(FindingPlaceTests.place("widget:1").target == nil)
    }

    static func place(_ key: String) -> FindingPlace {
        FindingPlace(environment: Environment(id: "e", settings: EnvironmentSettings(name: "E", type: .sandbox)), path: "p", key: key)
    }
}

/// `w` on a user's effective-access cell asks who else can do that: the table and operation
/// under the cursor, answered at once.
@Suite("Who can from a cell")
struct WhoCanFromACellTests {
    @Test func wOnACellAsksAboutItsTableAndOperation() throws {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("user diego"))
        #expect(state.screen == .effectiveAccess)
        let rows = state.effective?.tables.rows ?? []
        let table = try #require(rows.last)
        state.effective?.tables.cursor = rows.count - 1
        state.effective?.column = TableOperation.delete.rawValue
        reduce(&state, .screenRequested(.whoCan))
        #expect(state.screen == .whoCan)
        #expect(state.whoCan.table == table && state.whoCan.operation == .delete && state.whoCan.answer != nil)
        reduce(&state, .backRequested)
        #expect(state.screen == .effectiveAccess)
    }
}
