import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// A recovery onto a file someone else saved since: an edit whose target they changed too is made
/// again and said as a conflict, as a reload says it (a data-safety review: the Auditor's Read on
/// contact lowered Organization -> Deep, a colleague lowered it to User in the file, and the
/// recovery raised it User -> Deep without a word, a reduction become an escalation).
@Suite("Journal: edits recovered onto a file that changed them too")
struct JournalConflictTests {
    static let lower = Change.setPrivilege(
        environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete, level: .businessUnit)

    /// The records a session journals for `change`.
    static func journaled(_ change: Change) -> [JournalRecord] {
        var session = Fixture.browserState()
        return session.applyEdit(change).compactMap { effect in
            if case .appendJournalRecord(let record) = effect { return record }
            return nil
        }
    }

    /// The session reopened on `snapshot` with the journal's question answered "apply".
    static func recovered(_ records: [JournalRecord], onto snapshot: Snapshot, changedSince: Bool) -> AppState {
        var state = Fixture.browserState()
        state.snapshot = snapshot
        state.dialog = .recoverJournal(
            JournalRecovery(
                path: "/tmp/.fabrikam.json.dvsec-journal", records: records, editCount: records.count, started: nil,
                fileChangedSince: changedSince))
        reduce(&state, .dialogAnswered(.applyJournal))
        return state
    }

    @Test func anEditTheFileChangedTooIsMadeAndMarked() throws {
        let records = Self.journaled(Self.lower)
        #expect(records.count == 1)
        guard case .edit(let change, let replaced)? = records.first else {
            Issue.record("an edit is journaled with what it replaced: \(records)")
            return
        }
        #expect(change == Self.lower && replaced != Self.lower)
        // Their file: the same cell set to Organization since.
        var theirs = Fixture.snapshot
        try theirs.apply(
            .setPrivilege(environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete, level: .organization))
        // The question says it before anything is applied.
        let preview = JournalRecovery.summaries(of: records, in: theirs)
        #expect(preview.count == 1 && preview[0].hasSuffix(" [conflict: the file changed it too]"), "\(preview)")
        let state = Self.recovered(records, onto: theirs, changedSince: true)
        // Yours is made (the file now has Business Unit) and marked in the pending list.
        #expect(state.snapshot.environments[Fixture.prod]?.roles[Fixture.salesperson]?.level(.delete, on: "account") == .businessUnit)
        let pending = try #require(state.history.unsaved.first?.summary)
        #expect(pending.hasPrefix("Salesperson: Delete on account: Organization → Business Unit"), "\(pending)")
        #expect(pending.hasSuffix(" [conflict: the file changed it too]"), "\(pending)")
        let status = state.status?.text ?? ""
        #expect(status.contains("1 conflict: the file changed it too since"), "\(status)")
        #expect(state.messageLog.contains { $0.text.hasPrefix("Conflict on recovery from the journal") })
    }

    @Test func anEditOnTheFileAsItWasIsNoConflict() {
        let records = Self.journaled(Self.lower)
        #expect(!JournalRecovery.summaries(of: records, in: Fixture.snapshot)[0].contains("conflict"))
        let state = Self.recovered(records, onto: Fixture.snapshot, changedSince: false)
        #expect(state.history.unsaved.map(\.summary).allSatisfy { !$0.contains("conflict") })
        #expect(state.status?.text.contains("conflict") == false)
    }

    /// A journal written before edits were journaled with what they replaced (`.change` lines):
    /// nothing to compare, nothing claimed.
    @Test func anOldJournalClaimsNoConflict() throws {
        var theirs = Fixture.snapshot
        try theirs.apply(
            .setPrivilege(environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete, level: .organization))
        let state = Self.recovered([.change(Self.lower)], onto: theirs, changedSince: true)
        #expect(state.history.unsaved.count == 1 && !(state.history.unsaved.first?.summary.contains("conflict") ?? true))
    }
}

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
