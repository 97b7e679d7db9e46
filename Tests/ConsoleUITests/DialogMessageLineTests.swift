import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// While a question is open, the message line gives its keys, not what was there before it (found
/// by a console review: "/Alex  Esc clears the filter" stayed under "Unsaved changes").
@Suite("Screens: the message line under a question")
struct DialogMessageLineTests {
    /// The row above the status bar.
    func messageLine(_ state: AppState) -> String {
        let lines = screen(state).lines
        return lines[lines.count - 2]
    }

    @Test func aQuestionReplacesTheFilterReminder() throws {
        var state = Fixture.browserState()
        _ = reduce(&state, .commandEntered("user Diego Siciliani"))
        reduce(&state, .roleAssignmentRequested)
        reduce(&state, .inputSubmitted)
        #expect(state.history.pendingCount == 1)
        reduce(&state, .backRequested)
        reduce(&state, .filterStarted)
        for ch in "alex" { reduce(&state, .textTyped(ch)) }
        reduce(&state, .inputSubmitted)
        #expect(messageLine(state).hasPrefix("/alex  Esc clears the filter"))
        reduce(&state, .quitRequested(force: false))
        #expect(state.dialog == .confirmQuit(unsaved: 1))
        let line = messageLine(state)
        #expect(line.hasPrefix("s save and quit  ·  d discard changes and quit  ·  c cancel  ·  Esc cancels"), "\(line)")
        #expect(!line.contains("alex"))
        // Cancelled, the filter is said again.
        reduce(&state, .backRequested)
        #expect(state.dialog == nil && messageLine(state).hasPrefix("/alex"))
    }

    /// A message the question itself gives (a key it does not take) is shown instead.
    @Test func theQuestionsOwnMessageComesFirst() {
        var state = Fixture.browserState()
        state.dialog = .confirmQuit(unsaved: 1)
        reduce(&state, .dialogKeyIgnored)
        #expect(messageLine(state).hasPrefix("This question takes only the letters shown (s, d, c)"))
    }
}
