import SecurityModel
import Testing

@testable import ConsoleUI

/// Undoing a delete left the cursor on the neighbour the delete had moved it to, and the next
/// `R`, `D` or `a` acted on that neighbour: undo and redo now select what they bring back.
@Suite("Reducer: undo and redo select what they re-create")
struct UndoSelectionTests {
    /// The browser on `pane` with the cursor on `id`.
    func store(on pane: Pane, at id: String) -> TestStore {
        var state = Fixture.browserState()
        state.newIds = NewIDSource(seed: 7)
        var store = TestStore(state)
        store.prepare(.paneChosen(pane))
        let index = store.state.list(pane).rows.firstIndex(of: id)
        #expect(index != nil, "\(id) is not listed on \(pane)")
        store.modify { $0.lists[pane]?.cursor = index ?? 0 }
        return store
    }

    /// `D`, `y`, then `u`: the cursor is back on the deleted item, not on its neighbour.
    func deleteThenUndo(on pane: Pane, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var store = store(on: pane, at: id)
        store.prepare(.deletionRequested)
        store.prepare(.dialogAnswered(.delete))
        #expect(!store.state.list(pane).rows.contains(id), sourceLocation: sourceLocation)
        store.prepare(.undoRequested)
        #expect(store.state.snapshot == Fixture.snapshot, sourceLocation: sourceLocation)
        #expect(store.state.selectedId == id, sourceLocation: sourceLocation)
    }

    @Test func undoingADeleteSelectsTheRoleTeamOrProfileAgain() {
        deleteThenUndo(on: .roles, Fixture.salesperson)
        deleteThenUndo(on: .teams, Fixture.salesTeam)
        deleteThenUndo(on: .profiles, Fixture.financeProfile)
    }

    @Test func undoingADeleteSelectsTheBusinessUnitAgain() {
        var store = store(on: .businessUnits, at: Fixture.root)
        store.prepare(.commandEntered("new bu Nordics"))
        let id = store.state.selectedId
        store.prepare(.deletionRequested)
        store.prepare(.dialogAnswered(.delete))
        store.prepare(.undoRequested)
        #expect(store.state.selectedId == id)
    }

    @Test func redoingACreationSelectsIt() {
        var store = store(on: .roles, at: Fixture.salesperson)
        store.prepare(.commandEntered("new role Zeta"))
        let id = store.state.selectedId
        store.prepare(.undoRequested)
        store.modify { $0.lists[.roles]?.cursor = 0 }
        store.prepare(.redoRequested)
        #expect(store.state.selectedId == id)
    }

    /// Only the list showing follows: an undo seen from the users pane leaves its cursor alone.
    @Test func anotherPaneKeepsItsCursor() {
        var store = store(on: .roles, at: Fixture.salesperson)
        store.prepare(.deletionRequested)
        store.prepare(.dialogAnswered(.delete))
        store.prepare(.paneChosen(.users))
        let user = store.state.selectedId
        let role = store.state.list(.roles).selectedId
        store.prepare(.undoRequested)
        #expect(store.state.selectedId == user)
        #expect(store.state.list(.roles).selectedId == role)
    }
}
