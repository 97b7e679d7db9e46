import SecurityModel
import Testing

@testable import ConsoleUI

/// Undoing a delete left the cursor on the neighbour the delete had moved it to, and the next
/// `R`, `D` or `a` acted on that neighbour: undo and redo now select what they bring back.
@Suite("Reducer: undo and redo select what they re-create or move")
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

    /// `b` moves Sales EU under Service; Europe, its old parent, is folded; `u`. The unit went back
    /// inside the folded Europe and the cursor landed on Service, which the next `R` renamed.
    @Test func undoingAMoveUnfoldsTheOldParentAndKeepsTheCursorOnTheUnit() throws {
        var store = store(on: .businessUnits, at: Fixture.salesEU)
        store.prepare(.businessUnitChangeRequested)
        for ch in "service" { store.prepare(.textTyped(ch)) }
        store.prepare(.inputSubmitted)
        store.modify {
            $0.collapsedBusinessUnits = [Fixture.europe]
            $0.refreshBusinessUnitRows()
            $0.selectInBrowser(Fixture.salesEU)
        }
        let entry = try #require(store.state.history.done.last)
        store.send(.undoRequested, effects: [.appendJournal(entry.inverse)]) {
            _ = try? $0.snapshot.apply(entry.inverse)
            $0.history.done.removeLast()
            $0.history.undone = [entry]
            $0.history.unsaved.removeLast()
            $0.modelGeneration += 1
            if let env = $0.environment { $0.catalog?.rebuildSmallKinds(env) }
            $0.pendingList.rows = []
            $0.collapsedBusinessUnits = []
            $0.lists[.businessUnits]?.rows = [Fixture.root, Fixture.europe, Fixture.salesEU, Fixture.service]
            $0.lists[.businessUnits]?.cursor = 2
            $0.status = StatusMessage("Undone: \(entry.summary)")
        }
        #expect(store.state.selectedId == Fixture.salesEU)
    }

    /// After `u`, Service (where the redo puts Sales EU back) is folded; `Ctrl-R` hid the unit
    /// inside it and left the cursor on another row.
    @Test func redoingAMoveUnfoldsTheNewParentAndSelectsTheUnit() throws {
        var store = store(on: .businessUnits, at: Fixture.salesEU)
        store.prepare(.businessUnitChangeRequested)
        for ch in "service" { store.prepare(.textTyped(ch)) }
        store.prepare(.inputSubmitted)
        store.prepare(.undoRequested)
        store.modify {
            $0.collapsedBusinessUnits = [Fixture.service]
            $0.refreshBusinessUnitRows()
            $0.selectInBrowser(Fixture.root)
        }
        let entry = try #require(store.state.history.undone.last)
        store.send(.redoRequested, effects: [.appendJournal(entry.change)]) {
            var redone = entry
            redone.inverse = (try? $0.snapshot.apply(entry.change)) ?? entry.inverse
            $0.history.undone = []
            $0.history.done.append(redone)
            $0.history.unsaved.append(redone)
            $0.modelGeneration += 1
            if let env = $0.environment { $0.catalog?.rebuildSmallKinds(env) }
            $0.pendingList.rows = ["0"]
            $0.collapsedBusinessUnits = []
            $0.lists[.businessUnits]?.rows = [Fixture.root, Fixture.europe, Fixture.service, Fixture.salesEU]
            $0.lists[.businessUnits]?.cursor = 3
            $0.status = StatusMessage("Redone: \(entry.summary)")
        }
        #expect(store.state.selectedId == Fixture.salesEU)
    }

    /// A user moved to another unit, the cursor moved on, then `u`: the cursor goes back to the
    /// user the undo moved, as it goes to a unit, so the next key acts on what was undone.
    @Test func undoingAUserMoveSelectsTheUser() {
        var store = store(on: .users, at: Fixture.diego)
        store.modify {
            _ = $0.applyEdit(.setUserBusinessUnit(environment: Fixture.prod, user: Fixture.diego, businessUnit: Fixture.service))
            $0.selectInBrowser(Fixture.megan)
        }
        store.prepare(.undoRequested)
        #expect(store.state.status?.text.hasPrefix("Undone") == true, "\(String(describing: store.state.status))")
        #expect(store.state.selectedId == Fixture.diego)
    }
}
