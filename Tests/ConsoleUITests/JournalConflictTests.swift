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
        #expect(
            preview.count == 1 && preview[0].hasPrefix("[conflict: the file changed it too] Salesperson: Delete on account"), "\(preview)")
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

    /// The question opened on such a file says it first, where a narrow screen does not cut it,
    /// and counts the edits in conflict.
    @Test func theQuestionListsTheConflictFirst() throws {
        let records = Self.journaled(Self.lower)
        var theirs = Fixture.snapshot
        try theirs.apply(
            .setPrivilege(environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete, level: .organization))
        let dir = NSTemporaryDirectory() + "dvsec-conflict-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/org.json"
        let journal = ChangeJournal(path: ChangeJournal.path(forSnapshotAt: path))
        for record in records {
            try journal.append(
                record, header: JournalHeader(file: path, fingerprint: FileFingerprint(data: Data("before".utf8)), started: "t"))
        }
        let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [])
        let state = ConsoleSession.initialState(
            snapshot: theirs, document: Document(source: .file(path), fingerprint: FileFingerprint(data: Data("after".utf8))),
            environment: nil, size: Size(width: 80, height: 30), theme: theme, themeNames: [], journalPath: journal.path)
        guard case .recoverJournal(let r)? = state.dialog else {
            Issue.record("no recovery question")
            return
        }
        #expect(
            r.summaries.first?.hasPrefix("[conflict: the file changed it too] Salesperson: Delete on account") == true, "\(r.summaries)")
        #expect(r.conflictCount == 1)
        let text = screen(state).lines.joined(separator: " ")
        #expect(
            text.contains("[conflict: the file changed it too]") && text.contains("One edit's target changed in the file too"), "\(text)")
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
