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
