import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a console review: with several pending edits the panel beside the list said "Change
/// 6 of 6, and the impact" but showed only the impact of all of them together. The selected
/// change's own impact (the snapshot just before it against just after it) comes first.
@Suite("Pending changes: the selected change's own impact")
struct PendingChangeOwnImpactTests {
    let e = Fixture.prod
    var raise: Change {
        .setPrivilege(environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .businessUnit)
    }
    var disable: Change { .setUserDisabled(environment: e, user: Fixture.alex, disabled: true) }

    func edited(_ configure: (inout AppState) -> Void = { _ in }) -> AppState {
        var state = Fixture.browserState(size: Size(width: 160, height: 50))
        configure(&state)
        _ = state.applyEdit(raise)
        _ = state.applyEdit(disable)
        return state
    }

    @Test func eachChangeShowsItsOwnImpactThenTheCombinedOne() throws {
        var state = edited()
        reduce(&state, .screenRequested(.pendingChanges))
        reduce(&state, .cursorMoved(.bottom))
        // The second change on its own is the domain's live impact of it on the snapshot with
        // the first made.
        var afterFirst = Fixture.snapshot
        _ = try afterFirst.apply(raise)
        let own = try SnapshotDiff.liveImpact(of: [disable], on: afterFirst)
        #expect(state.selectedChangeImpact?.status == .done(own))
        let ownUsers = Set(own.comparisons.flatMap(\.impacts).map(\.userId))
        #expect(ownUsers == [Fixture.alex])
        let lines = screen(state).lines
        let text = lines.joined(separator: "\n")
        let ownHeader = try #require(lines.firstIndex { $0.contains("Impact of this change on its own") }, "\(text)")
        let allHeader = try #require(lines.firstIndex { $0.contains("Impact of all 2 changes together") }, "\(text)")
        #expect(ownHeader < allHeader)
        #expect(lines[ownHeader + 1].contains("1 user affected"), "\(text)")
        // The first change on its own: Salesperson's holders, Alex among them.
        reduce(&state, .cursorMoved(.top))
        let first = try SnapshotDiff.liveImpact(of: [raise], on: Fixture.snapshot)
        #expect(state.selectedChangeImpact?.status == .done(first))
    }

    @Test func oneChangeShowsOneImpact() {
        var state = Fixture.browserState(size: Size(width: 160, height: 50))
        _ = state.applyEdit(raise)
        reduce(&state, .screenRequested(.pendingChanges))
        #expect(state.selectedChangeImpact == nil)
        #expect(!screen(state).lines.contains { $0.contains("on its own") })
    }

    /// In a large organisation both are computed in the background, one at a time: the combined
    /// impact first, then the selected change's own (a newer request stops the one running).
    @Test func aLargeOrganisationComputesTheOwnImpactAfterTheCombinedOne() throws {
        var state = edited { $0.backgroundImpactUsers = 0 }
        let unsaved = state.history.unsaved
        let combinedKey = PendingImpactKey(generation: state.modelGeneration, unsaved: unsaved.map(\.id))
        let ownKey = PendingImpactKey(generation: state.modelGeneration, unsaved: unsaved.map(\.id), change: unsaved[0].id)
        #expect(reduce(&state, .screenRequested(.pendingChanges)) == [.computePendingImpact(combinedKey)])
        #expect(state.selectedChangeImpact == SelectedChangeImpact(key: ownKey, status: .waiting))
        #expect(screen(state).lines.contains { $0.contains("Computing it…") })
        let combined = AppState.pendingImpact(of: unsaved, on: state.snapshot)
        #expect(reduce(&state, .pendingImpactComputed(combinedKey, combined)) == [.computePendingImpact(ownKey)])
        #expect(state.selectedChangeImpact?.status == .computing)
        let own = AppState.pendingImpact(ofChangeAt: 0, of: unsaved, on: state.snapshot)
        #expect(own != nil && own == (try? SnapshotDiff.liveImpact(of: [raise], on: Fixture.snapshot)))
        #expect(reduce(&state, .pendingImpactComputed(ownKey, own)).isEmpty)
        #expect(state.selectedChangeImpact?.status == .done(own))
        // Moving to the other change asks for its own at once: the combined one is in.
        let secondKey = PendingImpactKey(generation: state.modelGeneration, unsaved: unsaved.map(\.id), change: unsaved[1].id)
        #expect(reduce(&state, .cursorMoved(.down)) == [.computePendingImpact(secondKey)])
        // A late result for the first is dropped.
        reduce(&state, .pendingImpactComputed(ownKey, own))
        #expect(state.selectedChangeImpact == SelectedChangeImpact(key: secondKey, status: .computing))
    }
}
