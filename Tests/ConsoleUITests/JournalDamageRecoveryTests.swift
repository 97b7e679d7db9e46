import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// A journal damaged in the middle: reading stops at the damaged record, and the whole records
/// after it are not applied (they may depend on it). Found by a robustness review: the question
/// counted them but never said what they were, nor where they were kept.
@Suite("Crash journal: the records after a damaged one")
struct JournalDamageRecoveryTests {
    @MainActor @Test func theRecordsAfterADamagedOneAreNamedAndWhereTheyAreKeptIsSaid() throws {
        let dir = NSTemporaryDirectory() + "dvsec-journal-damage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/org.json"
        let journal = ChangeJournal(path: ChangeJournal.path(forSnapshotAt: file))
        let header = JournalHeader(file: file, fingerprint: nil, started: "2026-02-03T04:05:06Z")
        try journal.append(.assignUserRole(environment: Fixture.prod, user: Fixture.diego, role: Fixture.seller), header: header)
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"garbage\": tru\n".utf8))
        try handle.close()
        try journal.append(.setUserDisabled(environment: Fixture.sandbox, user: Fixture.adele, disabled: true), header: header)
        try journal.append(.setUserDisabled(environment: Fixture.prod, user: Fixture.diego, disabled: true), header: header)
        let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [])
        var state = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .file(file)), environment: "prod",
            size: Size(width: 80, height: 24), theme: theme, themeNames: [], journalPath: journal.path)
        let dialog = try #require(state.dialog)
        let text = DialogOverlay.text(for: dialog).1
        #expect(
            text.hasSuffix(
                " 1 journaled record could not be read (the journal is damaged); the 2 records after it were not applied, as they may"
                    + " depend on it: Adele Vance: disabled; Diego Siciliani: disabled. Recovering keeps the journal as it was beside the file."
            ),
            "\(text)")
        let effects = reduce(&state, .dialogAnswered(.applyJournal))
        #expect(effects.first == .setJournalAside)
        #expect(
            state.status
                == .warning(
                    "Recovered 1 edit; 1 damaged journal record and the 2 records after it were not applied (:messages names them)"))
        let named = state.messageLog.filter { $0.text.hasPrefix("Not applied") }
        #expect(
            named == [
                .warning("Not applied from the journal (after the damaged record 2): Adele Vance: disabled"),
                .warning("Not applied from the journal (after the damaged record 2): Diego Siciliani: disabled"),
            ], "\(state.messageLog)")
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        runner.now = { Date(timeIntervalSince1970: 0) }
        let aside = journal.path + ".not-recovered-19700101T000000Z"
        #expect(runner.perform(.setJournalAside, state: state) == [.journalKeptAside(aside)])
        _ = reduce(&state, .journalKeptAside(aside))
        #expect(
            state.status
                == .warning(
                    "Recovered 1 edit; 1 damaged journal record and the 2 records after it were not applied (:messages names them);"
                        + " the journal as it was is kept in \(aside)"))
        #expect(try String(contentsOfFile: aside, encoding: .utf8).contains("garbage"))
    }
}
