import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a console review: `dvsec FILE --baseline OLD -e prod` after a crash opened on Browse
/// under the recovery question, saying "choose an environment to see the changes (B)" although
/// `-e` had chosen one, and stayed there once the question was answered.
@Suite("Baseline: the changes open after the recovery question")
struct BaselineAfterRecoveryTests {
    /// The console as `OpenCommand` starts it: a journal to recover, `-e prod`, `--baseline`.
    private func startedWithJournal(in dir: String) throws -> AppState {
        let journal = ChangeJournal(path: dir + "/.j")
        let header = JournalHeader(file: nil, fingerprint: nil, started: "2026-02-03T04:05:06Z")
        try journal.append(.setUserDisabled(environment: Fixture.prod, user: Fixture.alex, disabled: true), header: header)
        let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [])
        var state = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .demo), environment: "prod",
            size: Size(width: 100, height: 30), theme: theme, themeNames: [], journalPath: journal.path)
        var old = Fixture.snapshot
        _ = try old.apply(.removeUserRole(environment: Fixture.prod, user: Fixture.alex, role: Fixture.salesperson))
        state.startComparing(with: Baseline(label: "old.json", snapshot: old))
        return state
    }

    @Test func eitherAnswerOpensTheChanges() throws {
        for answer in [DialogAnswer.applyJournal, .discardJournal] {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dvsec-baseline-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            var state = try startedWithJournal(in: dir)
            guard case .recoverJournal = state.dialog else {
                Issue.record("no recovery question")
                return
            }
            #expect(state.environmentId == Fixture.prod)
            let waiting = try #require(state.status?.text)
            #expect(!waiting.contains("choose an environment"), "\(waiting)")
            #expect(waiting.contains("once the journal question is answered"), "\(waiting)")
            reduce(&state, .dialogAnswered(answer))
            #expect(state.dialog == nil)
            #expect(state.screen == .diff, "after \(answer)")
            #expect(state.diff?.result != nil)
            // What the answer did is still said.
            #expect(state.status?.text.contains(answer == .applyJournal ? "Recovered 1 unsaved edit" : "Discarded") == true)
            // Once: Esc goes back to the browser, and choosing the environment again opens it.
            reduce(&state, .backRequested)
            #expect(state.screen == .browser)
            #expect(!state.showBaselineWhenEnvironmentChosen)
        }
    }

    /// Without a journal it opened on the changes already; still so.
    @Test func withoutAJournalTheChangesOpenAtOnce() {
        var state = Fixture.browserState()
        state.startComparing(with: Baseline(label: "old.json", snapshot: Fixture.snapshot))
        #expect(state.screen == .diff)
        #expect(!state.showBaselineWhenEnvironmentChosen)
    }
}
