import ConsoleUI
import Testing

/// Sends actions to the reducer and checks the whole state change, in the style of The
/// Composable Architecture's `TestStore`: the test describes every field the action changes, and
/// any other difference fails, naming the fields that differ.
struct TestStore {
    private(set) var state: AppState

    init(_ state: AppState) { self.state = state }

    /// Sends `action`; `update` must turn the previous state into the new one exactly, and the
    /// effects must equal `effects`.
    mutating func send(
        _ action: Action, effects expectedEffects: [Effect] = [], sourceLocation: SourceLocation = #_sourceLocation,
        _ update: (inout AppState) -> Void = { _ in }
    ) {
        var expected = state
        update(&expected)
        // The message log follows from the status line (every new message is logged): derived,
        // like the reducer does it, rather than written out in every test.
        expected.logStatus(previous: state.status)
        let effects = reduce(&state, action)
        #expect(asWritten(effects) == expectedEffects, "effects of \(action)", sourceLocation: sourceLocation)
        if state != expected {
            Issue.record(
                "state after \(action) differs in: \(Self.differences(expected, state).joined(separator: "; "))",
                sourceLocation: sourceLocation)
            state = expected
        }
    }

    /// Sends an action without checking (to set up a scenario).
    mutating func prepare(_ action: Action) { reduce(&state, action) }

    /// Lets a test adjust state directly while setting up.
    mutating func modify(_ body: (inout AppState) -> Void) { body(&state) }

    /// Names of the top-level fields that differ, with both values for short ones.
    static func differences(_ expected: AppState, _ actual: AppState) -> [String] {
        let e = Mirror(reflecting: expected).children
        let a = Mirror(reflecting: actual).children
        var out: [String] = []
        for (x, y) in zip(e, a) {
            let ex = String(describing: x.value)
            let ay = String(describing: y.value)
            if ex != ay {
                let shown = ex.count + ay.count < 600 ? " (expected \(ex), got \(ay))" : ""
                out.append((x.label ?? "?") + shown)
            }
        }
        return out.isEmpty ? ["(a field that prints the same)"] : out
    }
}

/// Effects as the tests write them: an edit's journal record as the change it journals,
/// `.appendJournal(change)`. What the edit replaced, journaled with it so that a recovery finds
/// the edits a file changed since, is checked by JournalConflictTests.
func asWritten(_ effects: [Effect]) -> [Effect] {
    effects.map { effect in
        if case .appendJournalRecord(.edit(let change, _)) = effect, !change.setsAWholeRecord { return .appendJournal(change) }
        return effect
    }
}
