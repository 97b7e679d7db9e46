import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Edits that cancel out (disabled, then enabled again) leave the file and its backup as they
/// were, and the status says so: a data-safety review found "Saved 2 changes" of a file written
/// the same, and its `.bak`, the only copy of the version before, replaced by it.
@Suite("Saving edits that cancel out")
struct CancellingEditsTests {
    @MainActor @Test func nothingIsWrittenAndTheBackupIsKept() throws {
        let dir = NSTemporaryDirectory() + "dvsec-cancel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/org.json"
        var file = SnapshotFile(path: path)
        try file.save(Fixture.snapshot)
        try Data("the version before".utf8).write(to: URL(fileURLWithPath: path + ".bak"))
        let (loaded, opened) = try SnapshotFile.load(path: path)
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var state = Fixture.browserState()
        state.snapshot = loaded
        state.document = Document(source: .file(path), fingerprint: opened.fingerprint)
        _ = state.applyEdit(.setUserDisabled(environment: Fixture.prod, user: Fixture.alex, disabled: true))
        _ = state.applyEdit(.setUserDisabled(environment: Fixture.prod, user: Fixture.alex, disabled: false))
        #expect(state.history.pendingCount == 2)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let outcome = runner.perform(.save(path: path, force: false), state: state)
        guard case .saveFinished(.alreadySaved(let saved, _))? = outcome.first else {
            Issue.record("\(outcome)")
            return
        }
        #expect(saved == path)
        _ = reduce(&state, outcome[0])
        #expect(state.history.pendingCount == 0)
        #expect(
            state.status?.text
                == "Nothing to write: the 2 changes cancel out, and \(path) already holds this (it and its .bak are as they were)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try String(contentsOfFile: path + ".bak", encoding: .utf8) == "the version before")
    }
}

/// A file of two names (hard links) opens read-only under either: a save replaces one name only,
/// and each name had a journal and lock of its own, so two sessions edited it at once and it
/// became two files (a data-safety review).
@Suite("A snapshot file with hard links")
struct HardLinkedFileTests {
    @MainActor @Test func itOpensReadOnlyAndSaysWhy() throws {
        let dir = NSTemporaryDirectory() + "dvsec-links-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/h.json"
        var file = SnapshotFile(path: path)
        try file.save(Fixture.snapshot)
        #expect(link(path, dir + "/h2.json") == 0)
        for name in [path, dir + "/h2.json"] {
            let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
            var document = Document(source: .file(name), fingerprint: file.fingerprint)
            #expect(runner.takeJournal(for: &document) == nil)
            #expect(document.isReadOnly && document.hardLinks == 2 && !document.editedElsewhere)
            var state = Fixture.browserState()
            state.document = document
            _ = state.applyEdit(.setUserDisabled(environment: Fixture.prod, user: Fixture.alex, disabled: true))
            #expect(state.history.pendingCount == 0)
            #expect(
                state.status?.text.contains("the file has 2 names (hard links): a save would replace this one only") == true,
                "\(String(describing: state.status))")
        }
        // One name again: edited as usual.
        unlink(dir + "/h2.json")
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var document = Document(source: .file(path), fingerprint: file.fingerprint)
        #expect(runner.takeJournal(for: &document) != nil && !document.isReadOnly)
    }
}
