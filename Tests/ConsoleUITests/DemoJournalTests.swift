import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// The demo has no file: two demo sessions are independent, each with a journal of its own (found
/// by a console review: the second opened read-only, "another dvsec session is editing this
/// file", though the demo is "demo (no file)").
@Suite("Crash journal of the demo")
struct DemoJournalTests {
    let edit = Change.setPrivilege(environment: "e", role: "r", table: "account", operation: .delete, level: .businessUnit)

    func stateHome() -> [String: String] {
        let dir = NSTemporaryDirectory() + "dvsec-demo-journal-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return ["XDG_STATE_HOME": dir]
    }

    @MainActor func runner(_ environment: [String: String]) -> EffectRunner {
        EffectRunner(environment: environment, themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
    }

    @Test func eachDemoSessionTakesAJournalOfItsOwn() throws {
        let env = stateHome()
        #expect(ChangeJournal.demoPath(environment: env, slot: 2) == env["XDG_STATE_HOME"]! + "/dvsec/demo-2.dvsec-journal")
        var first = ChangeJournal.lockDemoSlot(environment: env)
        #expect(first?.path == ChangeJournal.demoPath(environment: env))
        var second = ChangeJournal.lockDemoSlot(environment: env)
        #expect(second?.path == ChangeJournal.demoPath(environment: env, slot: 2))
        #expect(ChangeJournal.lockDemoSlot(environment: env, slots: 2) == nil)
        // The second session crashes with edits in its journal; the first ends cleanly.
        try ChangeJournal(path: ChangeJournal.demoPath(environment: env, slot: 2))
            .append(edit, header: JournalHeader(file: nil, fingerprint: nil, started: "2026-01-01T00:00:00Z"))
        second = nil
        first = nil
        // The next session takes the crashed one's journal, to offer its edits back, though the
        // first is free.
        let next = ChangeJournal.lockDemoSlot(environment: env)
        #expect(next?.path == ChangeJournal.demoPath(environment: env, slot: 2))
        #expect(next.map { ConsoleSession.recovery(at: $0.path, document: Document(source: .demo))?.editCount } == 1)
    }

    /// The runner: a demo session beside another is not read-only and journals in its own file;
    /// a file's second session still opens read-only.
    @MainActor @Test func aSecondDemoSessionEditsAndJournalsApart() throws {
        let env = stateHome()
        let firstRunner = runner(env)
        var firstDocument = Document(source: .demo)
        let firstPath = firstRunner.takeJournal(for: &firstDocument)
        #expect(firstPath == ChangeJournal.demoPath(environment: env) && !firstDocument.isReadOnly)
        let secondRunner = runner(env)
        var secondDocument = Document(source: .demo)
        let secondPath = secondRunner.takeJournal(for: &secondDocument)
        #expect(!secondDocument.isReadOnly && !secondDocument.editedElsewhere)
        #expect(secondPath == ChangeJournal.demoPath(environment: env, slot: 2))
        var state = Fixture.browserState()
        state.document = secondDocument
        _ = secondRunner.perform(.appendJournal(edit), state: state)
        #expect(ChangeJournal(path: try #require(secondPath)).read()?.changes == [.change(edit)])
        #expect(!ChangeJournal(path: try #require(firstPath)).exists)
        // A file is shared: its second session is read-only, as before.
        let file = try #require(env["XDG_STATE_HOME"]) + "/org.json"
        var one = Document(source: .file(file))
        var two = Document(source: .file(file))
        let holder = runner(env)
        #expect(holder.takeJournal(for: &one) != nil && !one.isReadOnly)
        #expect(runner(env).takeJournal(for: &two) == nil && two.isReadOnly && two.editedElsewhere)
    }
}
