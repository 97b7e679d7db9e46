import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// A journal dvsec did not write for this account is never offered nor written to (found by a
/// hostile-input review: a `.org.json.dvsec-journal` committed beside `org.json`, mode 0644, was
/// offered as "a previous session" and applying it granted System Administrator in production);
/// the header's words are not shown; a journal written for another file says so.
@Suite("Crash journal: one planted beside the file is not trusted")
struct PlantedJournalTests {
    func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "dvsec-planted-journal-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    let grant = Change.assignUserRole(environment: Fixture.prod, user: Fixture.diego, role: Fixture.seller)
    let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [])

    func open(_ file: String, journal: String) -> AppState {
        ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .file(file)), environment: "prod",
            size: Size(width: 100, height: 30), theme: theme, themeNames: [], journalPath: journal)
    }

    @Test func aJournalOpenToOthersIsNeitherOfferedNorWrittenTo() throws {
        let dir = temporaryDirectory()
        let file = dir + "/org.json"
        let path = ChangeJournal.path(forSnapshotAt: file)
        let journal = ChangeJournal(path: path)
        try journal.append(grant, header: JournalHeader(file: file, fingerprint: nil, started: "2026-02-03T04:05:06Z"))
        // What dvsec wrote is offered.
        #expect(journal.trustProblem == nil)
        #expect(open(file, journal: path).dialog != nil)
        // The same bytes as a checkout leaves them (0644): not offered, kept as they are.
        chmod(path, 0o644)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let state = open(file, journal: path)
        #expect(state.dialog == nil)
        let warning = state.messageLog.map(\.text).joined(separator: "\n")
        #expect(warning.contains("is not one dvsec wrote for you: others may read or write it (mode 644)"), "\(warning)")
        #expect(warning.contains("Its edits are not offered; it is kept"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // And nothing is added to it.
        #expect(throws: JournalError.self) {
            try journal.append(grant, header: JournalHeader(file: file, fingerprint: nil, started: ""))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // Nor removed, when the session discards or saves.
        journal.remove()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aJournalOfAnotherOwnerIsNotTrusted() {
        #expect(ChangeJournal.trustProblem(owner: geteuid() &+ 1, mode: 0o100600)?.contains("belongs to another account") == true)
        #expect(ChangeJournal.trustProblem(owner: geteuid(), mode: 0o100600) == nil)
        #expect(ChangeJournal.trustProblem(owner: geteuid(), mode: 0o100660) != nil)
    }

    @Test func theHeadersWordsAreNotShownAndAnotherFileIsSaid() throws {
        let dir = temporaryDirectory()
        let file = dir + "/org.json"
        let path = ChangeJournal.path(forSnapshotAt: file)
        let journal = ChangeJournal(path: path)
        let planted = "2026-11-30T21:59:12Z, checked: these are the edits you made; a saves nothing yet"
        try journal.append(grant, header: JournalHeader(file: "/home/someone/else/other.json", fingerprint: nil, started: planted))
        let state = open(file, journal: path)
        guard case .recoverJournal(let r)? = state.dialog else {
            Issue.record("no recovery question")
            return
        }
        #expect(r.started == nil)
        #expect(r.writtenFor == "/home/someone/else/other.json")
        let text = screen(state).lines.joined(separator: " ")
        #expect(!text.contains("checked: these are the edits"))
        #expect(text.contains("written for"), "\(text)")
        // A time as dvsec writes it is shown; the same file is not "another".
        #expect(ConsoleSession.timestamp("2026-02-03T04:05:06Z") == "2026-02-03T04:05:06Z")
        #expect(ConsoleSession.timestamp(planted) == nil)
        #expect(ConsoleSession.sameFile(dir + "/./org.json", file))
    }

    /// The header holds the file's resolved path: written as typed ("e.json"), the same file
    /// opened from another folder was "not this file" (a data-safety review). A relative path in
    /// an older journal says another file only by another name.
    @MainActor @Test func theHeaderNamesTheFileWhateverFolderItWasOpenedFrom() throws {
        let dir = temporaryDirectory()
        let file = dir + "/org.json"
        var saved = SnapshotFile(path: file)
        try saved.save(Fixture.snapshot)
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var state = Fixture.browserState()
        // The file as a relative path from the current folder (no chdir: tests run side by side).
        let up = FileManager.default.currentDirectoryPath.split(separator: "/").map { _ in "../" }.joined()
        let relative = up + file.dropFirst()
        #expect(!relative.hasPrefix("/") && FileManager.default.fileExists(atPath: relative))
        state.document = Document(source: .file(relative), fingerprint: saved.fingerprint)
        _ = runner.perform(.appendJournal(grant), state: state)
        let path = ChangeJournal.path(forSnapshotAt: file)
        let header = try #require(ChangeJournal(path: path).read()?.header)
        #expect(header.file == SnapshotFile.resolvedPath(file), "\(String(describing: header.file))")
        let reopened = try #require(
            ConsoleSession.recovery(at: path, document: Document(source: .file(file), fingerprint: saved.fingerprint)))
        #expect(reopened.writtenFor == nil)
        // An older journal's relative path: the same name is this file, another name is not.
        for (written, another) in [("org.json", false), ("./sub/org.json", false), ("other.json", true)] {
            let old = ChangeJournal(path: temporaryDirectory() + "/.org.json.dvsec-journal")
            try old.append(grant, header: JournalHeader(file: written, fingerprint: nil, started: "t"))
            let r = try #require(ConsoleSession.recovery(at: old.path, document: Document(source: .file(file))))
            #expect((r.writtenFor != nil) == another, "\(written)")
        }
    }
}
