import ConsoleUI
import Foundation
import SecurityModel
import TerminalCore
import Testing

@Suite("Reducer: undo, redo, pending changes, saving and quitting")
struct HistoryReducerTests {
    let e = Fixture.prod
    let raise = Change.setPrivilege(
        environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete,
        level: .businessUnit)
    let raiseSummary = "Salesperson: Delete on account: User → Business Unit"
    let assign = Change.assignUserRole(environment: Fixture.prod, user: Fixture.diego, role: Fixture.seller)
    let assignSummary = "Diego Siciliani: assigned role Seller"

    /// A browser state with two edits made.
    func editedStore() -> TestStore {
        var store = TestStore(Fixture.browserState())
        store.modify {
            $0.expectEdit(raise, summary: raiseSummary)
            $0.expectEdit(assign, summary: assignSummary)
            $0.status = nil
        }
        return store
    }

    @Test func undoAndRedoWalkTheHistory() {
        var store = editedStore()
        let entry = store.state.history.done[1]
        store.send(.undoRequested, effects: [.appendJournal(entry.inverse)]) {
            _ = try! $0.snapshot.apply(entry.inverse)
            $0.history.done.removeLast()
            $0.history.undone = [entry]
            $0.history.unsaved.removeLast()
            $0.modelGeneration += 1
            $0.counts = nil
            $0.pendingList.rows = ["0"]
            $0.status = StatusMessage("Undone: \(assignSummary)")
        }
        store.send(.redoRequested, effects: [.appendJournal(entry.change)]) {
            _ = try! $0.snapshot.apply(entry.change)
            $0.history.done.append(entry)
            $0.history.undone = []
            $0.history.unsaved.append(entry)
            $0.modelGeneration += 1
            $0.counts = nil
            $0.pendingList.rows = ["0", "1"]
            $0.status = StatusMessage("Redone: \(assignSummary)")
        }
        store.send(.redoRequested) { $0.status = StatusMessage("Nothing to redo") }
        store.prepare(.undoRequested)
        store.prepare(.undoRequested)
        #expect(store.state.snapshot == Fixture.snapshot)
        #expect(store.state.history.pendingCount == 0)
        store.send(.undoRequested) { $0.status = StatusMessage("Nothing to undo") }
    }

    @Test func undoAfterASaveIsAnUnsavedChangeOfItsOwn() {
        var store = editedStore()
        let fingerprint = FileFingerprint(data: Data())
        store.prepare(.saveFinished(.saved(path: "/tmp/fabrikam.json", fingerprint: fingerprint)))
        #expect(store.state.history.pendingCount == 0)
        let entry = store.state.history.done[1]
        store.send(.undoRequested, effects: [.appendJournal(entry.inverse)]) {
            _ = try! $0.snapshot.apply(entry.inverse)
            $0.history.done.removeLast()
            $0.history.undone = [entry]
            $0.history.unsaved = [
                EditHistory.Entry(
                    id: 3, change: entry.inverse, inverse: entry.change, summary: "Undo: \(assignSummary)",
                    undoOf: entry.id)
            ]
            $0.history.nextId = 4
            $0.modelGeneration += 1
            $0.counts = nil
            $0.pendingList.rows = ["0"]
            $0.status = StatusMessage("Undone: \(assignSummary)")
        }
        // Redo takes the unsaved undo back: the file is current again.
        store.send(.redoRequested, effects: [.appendJournal(entry.change)]) {
            _ = try! $0.snapshot.apply(entry.change)
            $0.history.done.append(entry)
            $0.history.undone = []
            $0.history.unsaved = []
            $0.modelGeneration += 1
            $0.counts = nil
            $0.pendingList.rows = []
            $0.status = StatusMessage("Redone: \(assignSummary)")
        }
    }

    @Test func aNewEditClearsRedo() {
        var store = editedStore()
        store.prepare(.undoRequested)
        #expect(store.state.history.undone.count == 1)
        let disable = Change.setUserDisabled(environment: e, user: Fixture.megan, disabled: true)
        store.send(.cursorMoved(.down)) {
            $0.lists[.users]?.cursor = 1
            $0.status = nil
        }
        store.send(.cursorMoved(.down)) { $0.lists[.users]?.cursor = 2 }
        store.send(.cursorMoved(.down)) { $0.lists[.users]?.cursor = 3 }
        store.send(.cursorMoved(.down)) { $0.lists[.users]?.cursor = 4 }
        store.send(.userDisabledToggled, effects: [.appendJournal(disable)]) {
            $0.expectEdit(disable, summary: "Megan Bowen: disabled")
        }
        #expect(store.state.history.undone.isEmpty)
    }

    /// The pending list's own impact of the change at `index`, as the reducer keeps it.
    static func ownImpact(_ index: Int, _ state: AppState) -> SelectedChangeImpact {
        let unsaved = state.history.unsaved
        return SelectedChangeImpact(
            key: PendingImpactKey(generation: state.modelGeneration, unsaved: unsaved.map(\.id), change: unsaved[index].id),
            status: .done(AppState.pendingImpact(ofChangeAt: index, of: unsaved, on: state.snapshot)))
    }

    @Test func thePendingListRevertsAnyEdit() {
        var store = editedStore()
        store.send(.screenRequested(.pendingChanges)) {
            $0.screens = [.browser, .pendingChanges]
            $0.pendingImpact = try? SnapshotDiff.liveImpact(of: [raise, assign], on: Fixture.snapshot)
            $0.pendingImpactKey = PendingImpactKey(generation: $0.modelGeneration, unsaved: $0.history.unsaved.map(\.id))
            $0.selectedChangeImpact = Self.ownImpact(0, $0)
        }
        store.send(.cursorMoved(.down)) {
            $0.pendingList.cursor = 1
            $0.selectedChangeImpact = Self.ownImpact(1, $0)
        }
        store.send(.cursorMoved(.up)) {
            $0.pendingList.cursor = 0
            $0.selectedChangeImpact = Self.ownImpact(0, $0)
        }
        let first = store.state.history.unsaved[0]
        let edited = store.state.snapshot
        var reverted = edited
        _ = try? reverted.apply(first.inverse)
        store.prepare(.revertRequested)
        #expect(store.state.snapshot == reverted && store.state.pendingList.rows == ["0"])
        #expect(store.state.history.unsaved.map(\.summary) == [assignSummary])
        #expect(store.state.history.done.map(\.summary) == [assignSummary, "Revert: " + raiseSummary])
        #expect(store.state.status == StatusMessage("Reverted: \(raiseSummary) (u puts it back)"))
        #expect(store.state.pendingImpact == (try? SnapshotDiff.liveImpact(of: [assign], on: Fixture.snapshot)))
        // A revert is undone like any edit: the change is back, in its place in the list.
        store.prepare(.undoRequested)
        #expect(store.state.snapshot == edited)
        #expect(store.state.history.unsaved.map(\.summary) == [raiseSummary, assignSummary])
        #expect(store.state.history.done.map(\.summary) == [raiseSummary, assignSummary])
        store.prepare(.redoRequested)
        #expect(store.state.snapshot == reverted && store.state.history.unsaved.map(\.summary) == [assignSummary])
    }

    /// Reverting a change that a later one builds on: Delete raised to Business Unit, then to
    /// Organization; reverting the first keeps the second's Organization, the second's inverse
    /// now goes back to the original level, and undoing it leaves nothing pending and the model
    /// as it was loaded.
    @Test func revertingAnEarlierChangeKeepsWhatLaterOnesMade() throws {
        var store = TestStore(Fixture.browserState())
        let higher = Change.setPrivilege(
            environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .organization)
        store.modify {
            $0.expectEdit(raise, summary: raiseSummary)
            $0.expectEdit(higher, summary: "Salesperson: Delete on account: Business Unit → Organization")
            $0.status = nil
        }
        store.prepare(.screenRequested(.pendingChanges))
        store.modify { $0.pendingList.cursor = 0 }
        store.prepare(.revertRequested)
        let level = store.state.environment?.roles[Fixture.salesperson]?.privileges["account"]?[.delete]
        #expect(level == .organization)
        #expect(store.state.history.unsaved.map(\.change) == [higher])
        #expect(store.state.history.unsaved.first?.summary == "Salesperson: Delete on account: User → Organization")
        // The rebased change undoes to the level before both.
        let rebased = try #require(store.state.history.done.dropLast().last)
        #expect(
            rebased.inverse
                == .setPrivilege(environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .user))
        // u takes the revert back first, then the later change.
        store.prepare(.undoRequested)
        #expect(store.state.history.unsaved.map(\.change) == [raise, higher])
        store.prepare(.undoRequested)
        store.prepare(.undoRequested)
        #expect(store.state.history.unsaved.isEmpty && store.state.snapshot == Fixture.snapshot)
    }

    /// Found by a review: Delete on account lowered, then raised back; reverting the first left
    /// "User → User" unsaved, a change that changes nothing.
    @Test func aLaterChangeARevertMakesANoOpIsNoLongerUnsaved() {
        var store = TestStore(Fixture.browserState())
        let lower = Change.setPrivilege(environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .none)
        let back = Change.setPrivilege(environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .user)
        store.modify {
            $0.expectEdit(lower, summary: "Salesperson: Delete on account: User → None")
            $0.expectEdit(back, summary: "Salesperson: Delete on account: None → User")
        }
        #expect(store.state.history.unsaved.count == 2)
        store.prepare(.screenRequested(.pendingChanges))
        store.modify { $0.pendingList.cursor = 0 }
        store.prepare(.revertRequested)
        #expect(store.state.history.unsaved.isEmpty, "\(store.state.history.unsaved.map(\.summary))")
        #expect(store.state.snapshot == Fixture.snapshot)
        // u takes the revert back: both changes again.
        store.prepare(.undoRequested)
        #expect(store.state.history.unsaved.map(\.change) == [lower, back])
    }

    /// Reverting "Undo: X" (X saved, then undone) when a later change L followed: X comes back
    /// below L on the undo stack, so u then takes back L first and leaves X's level.
    @Test func revertingAnUndoOfASavedEditKeepsTheUndoOrder() throws {
        var store = TestStore(Fixture.browserState())
        store.modify {
            $0.expectEdit(raise, summary: raiseSummary)
            $0.status = nil
        }
        store.prepare(.saveFinished(.saved(path: "/tmp/fabrikam.json", fingerprint: FileFingerprint(data: Data()))))
        store.prepare(.undoRequested)
        #expect(store.state.history.unsaved.map(\.summary) == ["Undo: " + raiseSummary])
        let higher = Change.setPrivilege(
            environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .organization)
        store.modify { $0.expectEdit(higher, summary: "higher") }
        store.prepare(.screenRequested(.pendingChanges))
        store.modify { $0.pendingList.cursor = 0 }
        store.prepare(.revertRequested)
        let level = { store.state.environment?.roles[Fixture.salesperson]?.privileges["account"]?[.delete] }
        #expect(level() == .organization)
        // X is back below L on the undo stack, under the revert itself.
        #expect(
            store.state.history.done.suffix(3).map(\.summary) == [
                raiseSummary, "Salesperson: Delete on account: Business Unit → Organization", "Revert: Undo: " + raiseSummary,
            ])
        store.prepare(.undoRequested)
        #expect(store.state.history.unsaved.map(\.summary) == ["Undo: " + raiseSummary, "higher"])
    }

    /// A later change that needs the reverted one (a member added to a team the first change
    /// created) refuses the revert and changes nothing.
    @Test func aRevertALaterChangeNeedsIsRefused() {
        var store = TestStore(Fixture.browserState())
        let team = Team(id: "t-new", name: "New", businessUnitId: Fixture.salesEU, type: .owner)
        store.modify {
            $0.expectEdit(.createTeam(environment: e, team: team), summary: "created team New")
            $0.expectEdit(.addTeamMember(environment: e, team: "t-new", user: Fixture.alex), summary: "added")
            $0.status = nil
        }
        store.prepare(.screenRequested(.pendingChanges))
        store.modify { $0.pendingList.cursor = 0 }
        let before = store.state.snapshot
        store.prepare(.revertRequested)
        #expect(store.state.snapshot == before && store.state.history.unsaved.count == 2)
        // The later edit is named by its sentence, not by the id in the domain's error.
        #expect(
            store.state.status?.text == "Cannot revert created team New: later edit “added” depends on it (revert that one first)",
            "\(store.state.status?.text ?? "")")
    }

    @Test func revertOutsideThePendingListDoesNothing() {
        var store = editedStore()
        store.send(.revertRequested)
    }

    @Test func journaledChangesAreReplayedWithTheirUndosAndRedos() {
        var state = Fixture.browserState()
        // What the lost session journaled: raise, assign, undo of assign, redo of assign, undo of assign.
        var probe = Fixture.snapshot
        let raiseInverse = try! probe.apply(raise)
        let assignInverse = try! probe.apply(assign)
        let changes: [Change] = [raise, assign, assignInverse, assign, assignInverse]
        let recovery = JournalRecovery(
            path: "/tmp/j", changes: changes, editCount: 5, started: "2026-01-01T00:00:00Z", fileChangedSince: false)
        state.dialog = .recoverJournal(recovery)
        var store = TestStore(state)
        // Esc neither quits nor passes: it says how to answer.
        store.send(.backRequested) {
            $0.status = .warning("Choose with the letter shown: a recovers the edits, d discards them, q quits and asks next time")
        }
        // The journal is written anew with what applied (a damaged line would swallow later edits).
        store.send(.dialogAnswered(.applyJournal), effects: [.removeJournal] + changes.map(Effect.appendJournal)) {
            $0.dialog = nil
            $0.expectEdit(raise, summary: raiseSummary)
            $0.history.undone = [EditHistory.Entry(id: 2, change: assign, inverse: assignInverse, summary: assignSummary)]
            $0.history.nextId = 3
            $0.modelGeneration = 5
            $0.counts = nil
            // One edit is "it": the message said "Recovered 1 unsaved edit …; :w saves them".
            $0.status = .success("Recovered 1 unsaved edit from the journal; :w saves it")
        }
        #expect(store.state.history.done.first?.inverse == raiseInverse)
    }

    /// Edits recovered from a journal were asked about when made: System Administrator given
    /// in production is replayed without a question.
    @Test func recoveredAdministratorGrantsAreNotAskedAgain() {
        var state = Fixture.browserState()
        let admin = Change.assignUserRole(environment: Fixture.prod, user: Fixture.diego, role: Fixture.sysadmin)
        #expect(!Fixture.snapshot.administratorGrants(of: admin).isEmpty)
        state.dialog = .recoverJournal(
            JournalRecovery(path: "/tmp/j", changes: [admin], editCount: 1, started: nil, fileChangedSince: false))
        var store = TestStore(state)
        store.prepare(.dialogAnswered(.applyJournal))
        #expect(store.state.dialog == nil)
        #expect(store.state.history.unsaved.map(\.change) == [admin])
    }

    /// Undoing the disabling of a System Administrator in production makes them one again: asked,
    /// and y undoes it.
    @Test func undoingThatMakesAnAdministratorAsks() {
        var store = TestStore(Fixture.browserState())
        let disable = Change.setUserDisabled(environment: Fixture.prod, user: Fixture.adele, disabled: true)
        store.modify { $0.expectEdit(disable, summary: "Adele Vance: disabled") }
        store.prepare(.undoRequested)
        guard case .confirmAdministratorGrant(let question) = store.state.dialog else {
            Issue.record("no question: \(String(describing: store.state.dialog))")
            return
        }
        #expect(question.then == .undo && question.summary == "Undo: Adele Vance: disabled")
        #expect(question.grants.map(\.kind) == [.systemAdministrator] && question.grants.first?.users.map(\.id) == [Fixture.adele])
        store.prepare(.dialogAnswered(.grant))
        #expect(store.state.dialog == nil && store.state.history.unsaved.isEmpty)
        #expect(store.state.snapshot.environments[Fixture.prod]?.users[Fixture.adele]?.isDisabled == false)
    }

    @Test func journaledEditsCanBeDiscardedOrLeftForLater() {
        var state = Fixture.browserState()
        state.dialog = .recoverJournal(
            JournalRecovery(path: "/tmp/j", changes: [raise], editCount: 1, started: nil, fileChangedSince: true))
        var store = TestStore(state)
        store.send(.dialogAnswered(.discardJournal), effects: [.removeJournal]) {
            $0.dialog = nil
            $0.status = StatusMessage("Discarded the journaled edits")
        }
        var later = TestStore(state)
        later.send(.dialogAnswered(.quitKeepingJournal), effects: [.quit]) {
            $0.dialog = nil
            $0.hasQuit = true
        }
    }

    @Test func aJournalThatNoLongerAppliesIsReported() {
        var state = Fixture.browserState()
        let stale = Change.assignUserRole(environment: e, user: "u-gone", role: Fixture.seller)
        state.dialog = .recoverJournal(
            JournalRecovery(
                path: "/tmp/j", changes: [stale, raise], editCount: 2, started: nil,
                fileChangedSince: true))
        var store = TestStore(state)
        // Named in :messages (they were dropped without a word), and the journal as it was is
        // kept aside rather than deleted.
        store.send(.dialogAnswered(.applyJournal), effects: [.setJournalAside, .appendJournal(raise)]) {
            $0.dialog = nil
            $0.expectEdit(raise, summary: raiseSummary)
            $0.messageLog.append(
                .warning("Not recovered from the journal (record 1 of 2): u-gone: assigned role Seller (unknown user 'u-gone')"))
            $0.status = .warning("Recovered 1 edit; 1 could not be applied to the file as it is now (:messages names them)")
        }
        store.send(.journalKeptAside("/tmp/j.not-recovered-20261130T050000Z")) {
            $0.status = .warning(
                "Recovered 1 edit; 1 could not be applied to the file as it is now (:messages names them);"
                    + " the journal as it was is kept in /tmp/j.not-recovered-20261130T050000Z")
        }
    }

    @Test func effectResultsUpdateTheStatus() {
        var store = TestStore(Fixture.browserState())
        var light = Theme.builtInDefault
        light.name = "light"
        store.send(.themeLoaded(light, warnings: [])) {
            $0.theme = light
            $0.status = .success("Theme light")
        }
        // A theme that does not load keeps the one in use (a review found `:theme nope` switched
        // to the default).
        store.send(.themeLoaded(.builtInDefault, warnings: ["unknown theme \"nope\" (available: dark, light); using the default theme"])) {
            $0.status = .warning("unknown theme \"nope\" (available: dark, light); kept theme light")
        }
        store.send(.journalFailed("/x: permission denied", behind: 2)) {
            $0.status = .warning(
                "Journal not written (/x: permission denied): 2 edits not crash-safe until the journal is written again or saved")
        }
        store.send(.journalCaughtUp(1)) { $0.status = .success("Journal written again, with the 1 edit a failed write had left out") }
        store.send(.commandEntered("theme light"), effects: [.loadTheme("light")]) { $0.status = nil }
    }
}
