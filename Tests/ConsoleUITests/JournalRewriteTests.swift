import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

#if canImport(Glibc)
    import Glibc
#endif

/// The journal deleted or replaced while the session runs (`git clean -fX`, a temporary-file
/// cleaner, a colleague). Found by a robustness review: the next edit made a new journal holding
/// only itself, so a crash then gave back one edit of two, and nothing said so.
@Suite("Crash journal deleted or replaced while the session runs")
struct JournalRewriteTests {
    let first = Change.setPrivilege(environment: "e", role: "r", table: "account", operation: .delete, level: .businessUnit)
    let second = Change.setPrivilege(environment: "e", role: "r", table: "contact", operation: .read, level: .user)
    let third = Change.setPrivilege(environment: "e", role: "r", table: "lead", operation: .write, level: .user)

    @MainActor func setUp() -> (runner: EffectRunner, state: AppState, journal: ChangeJournal) {
        let dir = NSTemporaryDirectory() + "dvsec-journal-rewrite-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/org.json"
        var state = Fixture.browserState()
        state.document = Document(source: .file(file))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        runner.now = { Date(timeIntervalSince1970: 0) }
        return (runner, state, ChangeJournal(path: ChangeJournal.path(forSnapshotAt: file)))
    }

    @MainActor @Test func aDeletedJournalIsWrittenAgainWithEveryRecord() throws {
        let (runner, state, journal) = setUp()
        #expect(runner.perform(.appendJournal(first), state: state) == [])
        #expect(runner.perform(.appendJournal(second), state: state) == [])
        journal.remove()
        let rewritten = runner.perform(.appendJournal(third), state: state)
        #expect(rewritten == [.journalRewritten(path: journal.path, records: 3, keptAside: nil)])
        let read = try #require(journal.read())
        #expect(read.changes == [.change(first), .change(second), .change(third)] && read.damage.isEmpty)
        #expect(read.header?.file == state.document.path)
        // Said on the status line: the console showed "2 unsaved" and nothing else.
        var store = TestStore(state)
        store.send(rewritten[0]) {
            $0.status = .warning(
                "The journal \(journal.path) had been deleted: written again with all 3 journaled changes, so a crash still loses no edit")
        }
        // The next edit appends as usual; a save (or a discard) forgets what was journaled.
        #expect(runner.perform(.appendJournal(first), state: state) == [])
        #expect(journal.read()?.changes.count == 4)
        _ = runner.perform(.removeJournal, state: state)
        #expect(runner.journaled.isEmpty && !journal.exists)
        #expect(runner.perform(.appendJournal(second), state: state) == [])
        #expect(journal.read()?.changes == [.change(second)])
    }

    /// Replaced by another file: that file is kept aside (never overwritten unseen), and the
    /// journal is written again whole.
    @MainActor @Test func aReplacedJournalIsKeptAsideAndWrittenAgainWithEveryRecord() throws {
        let (runner, state, journal) = setUp()
        #expect(runner.perform(.appendJournal(first), state: state) == [])
        journal.remove()
        try Data("someone else's\n".utf8).write(to: URL(fileURLWithPath: journal.path))
        let aside = journal.path + ".replaced-19700101T000000Z"
        #expect(
            runner.perform(.appendJournal(second), state: state) == [.journalRewritten(path: journal.path, records: 2, keptAside: aside)])
        let read = try #require(journal.read())
        #expect(read.changes == [.change(first), .change(second)] && read.damage.isEmpty)
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == "someone else's\n")
    }
}
