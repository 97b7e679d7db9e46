import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a console review: on the diff, `r` to neutral then `/Test` said "No neutral change
/// (r: next class)" although there were neutral changes; the filter hid them. A list a filter
/// empties says the filter did.
@Suite("Screens: what a list a filter empties says")
struct FilteredEmptyListTests {
    static func typeFilter(_ text: String, _ state: inout AppState) {
        reduce(&state, .filterStarted)
        for c in text { reduce(&state, .textTyped(c)) }
        reduce(&state, .inputSubmitted)
    }

    static func text(_ state: AppState) -> String { screen(state).lines.joined(separator: "\n") }

    /// The demo's sandbox against production, as `B` opens it.
    @Test func theDiffSaysTheFilterHidesTheClassesChanges() throws {
        var state = MiscPrivilegeReducerTests.demoState(size: Size(width: 140, height: 40))
        let snapshot = state.snapshot
        let prod = try #require(snapshot.environment(matching: "prod"))
        let sandbox = try #require(snapshot.environment(matching: "sandbox"))
        // A baseline holding production alone: it pairs with the open sandbox.
        var base = snapshot
        var old = prod
        old.id = sandbox.id
        base.environments = [sandbox.id: old]
        reduce(&state, .commandEntered("env sandbox"))
        state.baseline = Baseline(label: "prod", snapshot: base)
        reduce(&state, .screenRequested(.diff))
        while state.diff?.risk != .neutral { reduce(&state, .diffRiskCycled) }
        #expect(state.diff?.entries.rows.isEmpty == false, "\(Self.text(state))")
        Self.typeFilter("zzz", &state)
        let text = Self.text(state)
        #expect(text.contains(#"No neutral change matches "zzz""#), "\(text)")
        #expect(!text.contains("No neutral change (r: next class)"))
    }

    @Test func findingsAndBrowserListsSayTheFilterToo() {
        var state = MiscPrivilegeReducerTests.demoState(size: Size(width: 140, height: 40))
        reduce(&state, .paneChosen(.users))
        Self.typeFilter("zzz", &state)
        #expect(Self.text(state).contains(#"No user matches "zzz""#))
        reduce(&state, .screenRequested(.findings))
        Self.typeFilter("zzz", &state)
        #expect(Self.text(state).contains(#"No finding matches "zzz""#), "\(Self.text(state))")
    }
}
