import SecurityModel
import Testing

@testable import ConsoleUI

/// A change that sets a whole record (an environment's settings) is journaled with what it
/// replaced, and a recovery onto a file someone else saved since makes it again over that file
/// (found by a console review: recovering "auditing on → off" put back the region a colleague had
/// changed, and an undone admin-mode toggle came back as two edits).
@Suite("Journal: whole-record changes recovered onto a file changed since")
struct JournalRebaseTests {
    /// The records the effects ask to journal.
    static func records(_ effects: [Effect]) -> [JournalRecord] {
        effects.compactMap { effect in
            switch effect {
            case .appendJournal(let change): .change(change)
            case .appendJournalRecord(let record): record
            default: nil
            }
        }
    }

    @Test func aRecoveredSettingsEditSetsOnlyTheFieldsItChanged() throws {
        var session = Fixture.browserState()
        let before = try #require(session.snapshot.environments[Fixture.prod]?.settings)
        var auditingOff = before
        auditingOff.auditingEnabled.toggle()
        var adminOn = auditingOff
        adminOn.adminMode.toggle()
        var journal = Self.records(session.applyEdit(.setEnvironmentSettings(environment: Fixture.prod, settings: auditingOff)))
        journal += Self.records(session.applyEdit(.setEnvironmentSettings(environment: Fixture.prod, settings: adminOn)))
        journal += Self.records(session.undo(confirmed: true))
        #expect(journal.count == 3 && journal.allSatisfy { if case .edit = $0 { true } else { false } })
        // Written and read back as journal lines.
        #expect(journal.map { JournalRecord(line: $0.line) } == journal)

        // Meanwhile a colleague changed the region and saved.
        var theirs = Fixture.browserState()
        theirs.snapshot.environments[Fixture.prod]?.settings.region = "Mars North"
        let summaries = JournalRecovery.summaries(of: journal, in: theirs.snapshot)
        #expect(!summaries.contains { $0.contains("Mars North") }, "\(summaries)")
        theirs.dialog = .recoverJournal(
            JournalRecovery(path: "/tmp/j", records: journal, editCount: journal.count, started: nil, fileChangedSince: true))
        let effects = reduce(&theirs, .dialogAnswered(.applyJournal))
        let settings = try #require(theirs.snapshot.environments[Fixture.prod]?.settings)
        #expect(settings.region == "Mars North")
        #expect(settings.auditingEnabled == auditingOff.auditingEnabled && settings.adminMode == before.adminMode)
        // The undo is recognised as the undo of the admin-mode edit: one edit pending, not three.
        #expect(theirs.history.pendingCount == 1, "\(theirs.history.unsaved.map(\.summary))")
        // The journal written anew keeps what each change replaced.
        #expect(Self.records(effects).allSatisfy { if case .edit = $0 { true } else { false } })
    }

    /// Other changes are journaled with what they replaced too (a recovery compares it with what
    /// they replace on the file then: JournalConflictTests), and made again as they are.
    @Test func otherChangesAreJournaledWithWhatTheyReplaced() throws {
        var session = Fixture.browserState()
        let raise = Change.setPrivilege(
            environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete, level: .businessUnit)
        var copy = session.snapshot
        let inverse = try copy.apply(raise)
        #expect(session.applyEdit(raise) == [.appendJournalRecord(.edit(raise, replaced: inverse))])
        #expect(JournalRecord.edit(raise, replaced: inverse).change(onto: Fixture.browserState().snapshot) == raise)
    }
}
