import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

#if canImport(Glibc)
    import Glibc
#endif

/// Which journal (and lock) a snapshot file has. Found by a robustness review.
@Suite("Crash journal: one per file")
struct JournalIdentityTests {
    func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "dvsec-journal-identity-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: dir)) ?? dir
    }

    /// The lock went by the path as typed: the file opened through a symbolic link and by its
    /// own name gave two editable sessions, each with its own journal. Both names now lead to
    /// the journal (and lock) beside the file the link points to.
    @MainActor @Test func aFileAndALinkToItShareOneJournalAndOneLock() throws {
        let dir = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/target", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/links", withIntermediateDirectories: true)
        let real = dir + "/target/real.json"
        let link = dir + "/links/link.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: real))
        #expect(symlink("../target/real.json", link) == 0)
        #expect(ChangeJournal.path(forSnapshotAt: link) == dir + "/target/.real.json.dvsec-journal")
        #expect(ChangeJournal.path(forSnapshotAt: real) == dir + "/target/.real.json.dvsec-journal")
        let first = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var linked = Document(source: .file(link))
        #expect(first.takeJournal(for: &linked) == dir + "/target/.real.json.dvsec-journal")
        #expect(!linked.isReadOnly)
        let second = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var direct = Document(source: .file(real))
        #expect(second.takeJournal(for: &direct) == nil)
        #expect(direct.isReadOnly && direct.editedElsewhere)
        // A file that does not exist yet (a save as): its folder is resolved.
        #expect(symlink(dir + "/target", dir + "/to-target") == 0)
        #expect(ChangeJournal.path(forSnapshotAt: dir + "/to-target/new.json") == dir + "/target/.new.json.dvsec-journal")
    }
}

extension JournalIdentityTests {
    /// A long but valid name (245 bytes): the journal and its lock took `.NAME.dvsec-journal`,
    /// too long a name, so no edit was journaled and a second session could edit too.
    @MainActor @Test func aFileWithALongNameIsJournaledAndLocked() throws {
        let dir = temporaryDirectory()
        let file = dir + "/" + String(repeating: "x", count: 240) + ".json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: file))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var document = Document(source: .file(file))
        let path = try #require(runner.takeJournal(for: &document))
        #expect(!document.isReadOnly)
        var state = Fixture.browserState()
        state.document = document
        let edit = Change.setPrivilege(environment: "e", role: "r", table: "account", operation: .delete, level: .businessUnit)
        #expect(runner.perform(.appendJournal(edit), state: state) == [])
        #expect(ChangeJournal(path: path).read()?.changes == [.change(edit)])
        let other = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var second = Document(source: .file(file))
        #expect(other.takeJournal(for: &second) == nil && second.isReadOnly)
    }
}

extension JournalIdentityTests {
    /// A symbolic link planted at a journal's name was followed: the session appended its edits
    /// to the file the link named (another user's file, in a shared folder), and a recovery read
    /// edits from it. Found by a robustness review. Now the link is neither read nor written.
    @Test func aJournalThatIsASymbolicLinkIsNeitherReadNorWritten() throws {
        let dir = temporaryDirectory()
        let victim = dir + "/victim.txt"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let journal = ChangeJournal(path: dir + "/.x.json.dvsec-journal")
        #expect(symlink(victim, journal.path) == 0)
        #expect(journal.exists && journal.isSymbolicLink)
        let edit = Change.setPrivilege(environment: "e", role: "r", table: "account", operation: .delete, level: .businessUnit)
        do {
            try journal.append(edit, header: JournalHeader(file: nil, fingerprint: nil, started: "t"))
            Issue.record("a journal written through a symbolic link")
        } catch {
            #expect(error.message.contains("symbolic link"), "\(error)")
        }
        journal.appendSaving(FileFingerprint(data: Data("x".utf8)))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        // A journal-shaped file behind the link is not offered as a recovery.
        let header = JournalHeader(file: nil, fingerprint: nil, started: "t")
        let real = ChangeJournal(path: dir + "/real-journal")
        try real.append(edit, header: header)
        unlink(journal.path)
        #expect(symlink(real.path, journal.path) == 0)
        #expect(journal.read() == nil)
        #expect(ConsoleSession.recovery(at: journal.path, document: Document(source: .demo)) == nil)
        // A dangling link still counts as there (it is reported, not replaced by a new journal).
        unlink(journal.path)
        #expect(symlink(dir + "/nowhere", journal.path) == 0)
        #expect(journal.exists)
        // The session says why nothing will be journaled.
        let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [])
        let state = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .demo), environment: "prod",
            size: Size(width: 80, height: 24), theme: theme, themeNames: [], journalPath: journal.path)
        #expect(state.dialog == nil)
        #expect(state.messageLog.contains { $0.text.contains("is a symbolic link: dvsec does not follow it") }, "\(state.messageLog)")
        // Removing the journal removes the link, not what it names.
        journal.remove()
        #expect(!journal.exists && real.exists)
    }
}
