import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

@Suite("Crash journal")
struct JournalTests {
    func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "dvsec-journal-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    let edit = Change.setPrivilege(environment: "e", role: "r", table: "account", operation: .delete, level: .businessUnit)

    @Test func headersRoundTrip() {
        let header = JournalHeader(file: "/x.json", fingerprint: FileFingerprint(data: Data("abc".utf8)), started: "2026-01-01T00:00:00Z")
        #expect(JournalHeader(jsonLine: header.jsonLine) == header)
        #expect(JournalHeader(jsonLine: Data(#"{"kind":"deleteRole"}"#.utf8)) == nil)
    }

    @Test func appendWritesAHeaderOnceAndReadsBack() throws {
        let dir = temporaryDirectory()
        let journal = ChangeJournal(path: dir + "/nested/.x.json.dvsec-journal")
        let header = JournalHeader(
            file: dir + "/x.json", fingerprint: FileFingerprint(data: Data("abc".utf8)), started: "2026-01-01T00:00:00Z")
        try journal.append(edit, header: header)
        try journal.append(.compound([]), header: header)
        let (readHeader, records, damage, saved) = try #require(journal.read())
        #expect(saved == nil)
        #expect(damage.isEmpty)
        #expect(readHeader == header)
        #expect(records == [.change(edit), .change(.compound([]))])
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
        let attributes = try FileManager.default.attributesOfItem(atPath: journal.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        journal.remove()
        #expect(journal.read() == nil)
    }

    /// A torn last line is the usual shape of a crash mid-write (kill -9 during the append): it
    /// was dropped without a word, and the recovery question offered one edit fewer than made.
    @Test func aTornLastLineIsCountedAndTheQuestionSaysSo() throws {
        let dir = temporaryDirectory()
        let journal = ChangeJournal(path: dir + "/.j")
        try journal.append(edit, header: JournalHeader(file: nil, fingerprint: nil, started: "t"))
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"edit\":{\"kind\":\"assign".utf8))
        try handle.close()
        let read = try #require(journal.read())
        #expect(read.changes == [.change(edit)])
        #expect(read.damage == JournalDamage(unreadable: 1, notApplied: 0))
        let recovery = try #require(ConsoleSession.recovery(at: journal.path, document: Document(source: .demo)))
        let text = DialogOverlay.text(for: .recoverJournal(recovery)).1
        #expect(text.hasSuffix(" 1 journaled record could not be read (the journal is damaged) and is not recovered."), "\(text)")
    }

    /// A save's marker cut short loses no edit: the save had not replaced the file yet.
    @Test func aTornSavingMarkerIsNoDamage() throws {
        let journal = ChangeJournal(path: temporaryDirectory() + "/.j")
        try journal.append(edit, header: JournalHeader(file: nil, fingerprint: nil, started: "t"))
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"saving\":{\"hash\":\"ab".utf8))
        try handle.close()
        #expect(journal.read()?.damage == JournalDamage())
    }

    /// A damaged line in the middle (not a torn last one): reading stops there, since later edits
    /// may depend on it. The records after it are whole: the question said they "could not be
    /// read", and now says they were not applied.
    @Test func aDamagedLineStopsTheReadingAndIsCounted() throws {
        let dir = temporaryDirectory()
        let journal = ChangeJournal(path: dir + "/.j")
        let header = JournalHeader(file: nil, fingerprint: nil, started: "t")
        try journal.append(edit, header: header)
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"edit\":{\"kind\":\"assign\n".utf8))
        try handle.close()
        try journal.append(edit, header: header)
        try journal.append(edit, header: header)
        let read = try #require(journal.read())
        #expect(read.changes == [.change(edit)] && read.damage == JournalDamage(unreadable: 1, notApplied: 2))
        let recovery = try #require(ConsoleSession.recovery(at: journal.path, document: Document(source: .demo)))
        #expect(recovery.editCount == 1 && recovery.damage == JournalDamage(unreadable: 1, notApplied: 2))
        let text = DialogOverlay.text(for: .recoverJournal(recovery)).1
        #expect(
            text.hasSuffix(
                " 1 journaled record could not be read (the journal is damaged); the 2 records after it were not applied,"
                    + " as they may depend on it."), "\(text)")
    }

    /// One session per journal: while one holds it, another gets nothing (and opens read-only);
    /// once released, the lock file is gone and the journal can be taken again.
    @Test func aJournalIsHeldByOneSessionAtATime() throws {
        let journal = ChangeJournal(path: temporaryDirectory() + "/.org.json.dvsec-journal")
        var first = journal.lockForSession()
        #expect(first != nil)
        #expect(journal.lockForSession() == nil)
        first = nil
        #expect(!FileManager.default.fileExists(atPath: journal.path + ".lock"))
        #expect(journal.lockForSession() != nil)
        var state = Fixture.browserState()
        state.document.isReadOnly = true
        state.document.editedElsewhere = true
        var store = TestStore(state)
        store.send(.undoRequested) { $0.status = .error("read-only: another dvsec session is editing this file") }
    }

    /// Found by a console review: with the disk full, the edits whose journal write failed were
    /// missing from the journal once the disk had room again, and a recovery after a crash offered
    /// 46 of 58 unsaved edits as if they were all. A failed record is now written before the next
    /// one, in order, and the journal is whole again.
    @MainActor @Test func editsAFailedWriteLeftOutAreWrittenWithTheNextOne() throws {
        let dir = temporaryDirectory()
        let file = dir + "/org.json"
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var state = Fixture.browserState()
        state.document = Document(source: .file(file))
        let journal = ChangeJournal(path: ChangeJournal.path(forSnapshotAt: file))
        let first = edit
        let second = Change.setPrivilege(environment: "e", role: "r", table: "contact", operation: .read, level: .user)
        let third = Change.setPrivilege(environment: "e", role: "r", table: "lead", operation: .write, level: .user)
        #expect(runner.perform(.appendJournal(first), state: state) == [])
        // The journal's place taken by a folder: writes fail (as on a full disk).
        try FileManager.default.moveItem(atPath: journal.path, toPath: journal.path + ".kept")
        try FileManager.default.createDirectory(atPath: journal.path, withIntermediateDirectories: false)
        guard case .journalFailed(_, let behind)? = runner.perform(.appendJournal(second), state: state).first else {
            Issue.record("the write did not fail")
            return
        }
        #expect(behind == 1 && runner.unjournaled == [.change(second)])
        try FileManager.default.removeItem(atPath: journal.path)
        try FileManager.default.moveItem(atPath: journal.path + ".kept", toPath: journal.path)
        #expect(runner.perform(.appendJournal(third), state: state) == [.journalCaughtUp(1)])
        #expect(runner.unjournaled.isEmpty)
        let read = try #require(journal.read())
        #expect(read.changes == [.change(first), .change(second), .change(third)] && read.damage.isEmpty)
        // A save (or a discard) removes the journal and what it was missing.
        _ = runner.perform(.removeJournal, state: state)
        #expect(runner.unjournaled.isEmpty && !journal.exists)
    }

    /// Found by a console review: a recovery whose edits no longer applied deleted the journal
    /// and named none of them. The question names them, and the journal is kept aside.
    @MainActor @Test func aRecoveryThatCannotApplyEverythingKeepsTheJournalAside() throws {
        let dir = temporaryDirectory()
        let file = dir + "/org.json"
        var state = Fixture.browserState()
        state.document = Document(source: .file(file))
        let journal = ChangeJournal(path: ChangeJournal.path(forSnapshotAt: file))
        let stale = Change.assignUserRole(environment: Fixture.prod, user: "u-gone", role: Fixture.seller)
        try journal.append(stale, header: JournalHeader(file: file, fingerprint: nil, started: "t"))
        let recovery = try #require(ConsoleSession.recovery(at: journal.path, document: state.document))
        var probe = state
        let replayed = probe.replayKeepingApplied(recovery.changes)
        #expect(replayed.refused.map(\.summary) == ["u-gone: assigned role Seller"])
        var asked = recovery
        asked.refusedCount = 1
        asked.refusedSummaries = replayed.refused.map { "\($0.summary) (\($0.reason))" }
        let text = DialogOverlay.text(for: .recoverJournal(asked)).1
        #expect(text.contains("1 no longer applies to the file: u-gone: assigned role Seller (unknown user 'u-gone')."), "\(text)")
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        runner.now = { Date(timeIntervalSince1970: 0) }
        let kept = runner.perform(.setJournalAside, state: state)
        #expect(kept == [.journalKeptAside(journal.path + ".not-recovered-19700101T000000Z")])
        #expect(!journal.exists)
        #expect(ChangeJournal(path: journal.path + ".not-recovered-19700101T000000Z").read()?.changes == [.change(stale)])
    }

    /// Found by a robustness review: the open file deleted on disk and saved again ("File
    /// deleted", o) came back 0600; it is recreated with the permissions it was opened with.
    @MainActor @Test func aDeletedFileIsRecreatedWithItsPermissions() throws {
        let dir = temporaryDirectory()
        let path = dir + "/org.json"
        var first = SnapshotFile(path: path)
        try first.save(Fixture.browserState().snapshot)
        chmod(path, 0o640)
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var state = Fixture.browserState()
        state.document = Document(source: .file(path), fingerprint: first.fingerprint)
        _ = runner.takeJournal(for: &state.document)
        try FileManager.default.removeItem(atPath: path)
        let saved = runner.perform(.save(path: path, force: true), state: state)
        guard case .saveFinished(.saved) = saved.first else {
            Issue.record("not saved: \(saved)")
            return
        }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
        runner.sessionLock = nil
    }

    /// Saving as another file makes it this session's: refused, and the file left alone, while
    /// another session edits that file; once saved, its journal lock is this session's.
    @MainActor @Test func savingAsAFileAnotherSessionEditsIsRefused() throws {
        let dir = temporaryDirectory()
        let other = dir + "/other.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: other))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        var otherSession = ChangeJournal(path: ChangeJournal.path(forSnapshotAt: other)).lockForSession()
        #expect(otherSession != nil)
        let refused = runner.perform(.save(path: other, force: true), state: Fixture.browserState())
        #expect(refused == [.saveFinished(.failed("\(other): another dvsec session is editing it; not saved"))])
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "{}")
        otherSession = nil
        let saved = runner.perform(.save(path: other, force: true), state: Fixture.browserState())
        guard case .saveFinished(.saved(let path, _)) = saved.first else {
            Issue.record("not saved: \(saved)")
            return
        }
        #expect(path == other)
        #expect(ChangeJournal(path: ChangeJournal.path(forSnapshotAt: other)).lockForSession() == nil)
        runner.sessionLock = nil
        #expect(ChangeJournal(path: ChangeJournal.path(forSnapshotAt: other)).lockForSession() != nil)
        // A folder that does not exist is an error, and is not created (it was, by the lock).
        let nowhere = dir + "/no/such/folder/org.json"
        let failed = runner.perform(.save(path: nowhere, force: false), state: Fixture.browserState())
        guard case .saveFinished(.failed(let message)) = failed.first else {
            Issue.record("saved into a missing folder: \(failed)")
            return
        }
        #expect(message.contains("the folder \(dir)/no/such/folder does not exist"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/no"))
    }

    /// The open file under another spelling is the open file (it was refused as "another
    /// session's"), and saving as a file a crashed session left a journal for sets that journal
    /// aside instead of mixing its edits into this session's.
    @MainActor @Test func savingUnderAnotherSpellingAndOverAnOrphanedJournal() throws {
        let dir = temporaryDirectory()
        let a = dir + "/a.json"
        var file = SnapshotFile(path: a)
        try file.save(Fixture.snapshot)
        var state = Fixture.browserState()
        state.document = Document(source: .file(a))
        state.document.fingerprint = file.fingerprint
        // (An edit: what the file holds already is not written again.)
        state.snapshot.tenant += " (edited)"
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        runner.sessionLock = ChangeJournal(path: ChangeJournal.path(forSnapshotAt: a)).lockForSession()
        let same = runner.perform(.save(path: dir + "/./a.json", force: false), state: state)
        guard case .saveFinished(.saved(let path, _)) = same.first else {
            Issue.record("not saved: \(same)")
            return
        }
        #expect(path == a)
        // b.json, and the journal of a session that crashed while editing it.
        let b = dir + "/b.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: b))
        let orphan = ChangeJournal(path: ChangeJournal.path(forSnapshotAt: b))
        try orphan.append(edit, header: JournalHeader(file: b, fingerprint: nil, started: "2026-01-01T00:00:00Z"))
        let saved = runner.perform(.save(path: b, force: true), state: state)
        guard saved.count == 2, case .journalSetAside(let aside) = saved[1] else {
            Issue.record("the orphaned journal was not set aside: \(saved)")
            return
        }
        #expect(!orphan.exists && FileManager.default.fileExists(atPath: aside))
        #expect(aside.hasPrefix(orphan.path + ".set-aside-"))
    }

    /// A session that ended between its save and the journal's removal: the journal's last line
    /// records what the save wrote, so when the file holds exactly that, nothing is offered back;
    /// edits made after a save that then failed are offered as usual.
    @Test func aJournalWhoseSaveReachedTheFileIsNotOffered() throws {
        let journal = ChangeJournal(path: temporaryDirectory() + "/.j")
        let header = JournalHeader(file: "/tmp/x.json", fingerprint: FileFingerprint(data: Data("old".utf8)), started: "t")
        try journal.append(edit, header: header)
        let saved = FileFingerprint(data: Data("new".utf8))
        journal.appendSaving(saved)
        #expect(journal.read()?.saved == saved && journal.read()?.changes == [.change(edit)])
        let document = Document(source: .file("/tmp/x.json"), fingerprint: saved)
        #expect(ConsoleSession.recovery(at: journal.path, document: document) == nil)
        let other = Document(source: .file("/tmp/x.json"), fingerprint: FileFingerprint(data: Data("other".utf8)))
        #expect(ConsoleSession.recovery(at: journal.path, document: other)?.editCount == 1)
        try journal.append(edit, header: header)
        #expect(journal.read()?.saved == nil)
        #expect(ConsoleSession.recovery(at: journal.path, document: document)?.editCount == 2)
    }

    @Test func journalPathsSitNextToTheFileOrUnderXDGState() {
        #expect(ChangeJournal.path(forSnapshotAt: "/data/org.json") == "/data/.org.json.dvsec-journal")
        #expect(ChangeJournal.demoPath(environment: ["XDG_STATE_HOME": "/state"]) == "/state/dvsec/demo.dvsec-journal")
        #expect(ChangeJournal.demoPath(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/dvsec/demo.dvsec-journal")
        #expect(
            ChangeJournal.demoPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/dvsec/demo.dvsec-journal")
    }

    @Test func theInitialStateOffersJournaledEdits() throws {
        let dir = temporaryDirectory()
        let path = dir + "/.j"
        let journal = ChangeJournal(path: path)
        let change = Change.assignUserRole(environment: Fixture.prod, user: Fixture.diego, role: Fixture.seller)
        try journal.append(change, header: JournalHeader(file: nil, fingerprint: nil, started: "2026-02-03T04:05:06Z"))
        let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [])
        let state = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .demo), environment: "prod",
            size: Size(width: 80, height: 24), theme: theme, themeNames: [], journalPath: path)
        var expected = JournalRecovery(
            path: path, changes: [change], editCount: 1, started: "2026-02-03T04:05:06Z", fileChangedSince: false)
        // The question says what each edit is, as the pending list will.
        expected.summaries = ["Diego Siciliani: assigned role Seller"]
        // The file has two environments: each edit is listed under its own.
        expected.summaryEnvironments = ["PROD Fabrikam Production"]
        expected.pendingCount = 1
        #expect(state.dialog == .recoverJournal(expected))
        let frame = render(state, size: Size(width: 80, height: 24), theme: theme.theme, glyphs: .unicode, colorEnabled: false)
        #expect(frame.lines.contains { $0.contains("PROD Fabrikam Production:") })
        #expect(frame.lines.contains { $0.contains("  • Diego Siciliani: assigned role Seller") })
        // One that no longer applies says why.
        #expect(
            JournalRecovery.summaries(
                of: [.change(.assignUserRole(environment: Fixture.prod, user: "gone", role: Fixture.seller))], in: Fixture.snapshot
            )
            .first?.hasPrefix("does not apply: ") == true)
        #expect(state.environmentId == Fixture.prod)
        // Read-only documents never offer (nor touch) a journal.
        let readOnly = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .demo, isReadOnly: true),
            environment: nil, size: Size(width: 80, height: 24), theme: theme, themeNames: [],
            journalPath: path)
        #expect(readOnly.dialog == nil)
        #expect(journal.exists)
        // A journal with only its header holds nothing and is removed.
        journal.remove()
        try Data((String(decoding: JournalHeader(file: nil, fingerprint: nil, started: "").jsonLine, as: UTF8.self) + "\n").utf8)
            .write(to: URL(fileURLWithPath: path))
        // As dvsec writes its journals: for their owner alone (one open to others is not offered).
        chmod(path, 0o600)
        let clean = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .demo), environment: nil,
            size: Size(width: 80, height: 24), theme: theme, themeNames: [], journalPath: path)
        #expect(clean.dialog == nil)
        #expect(!journal.exists)
    }

    /// A file with values read differently (a table privilege listed as miscellaneous) says so
    /// on the status line at start: a save will write them as read.
    @Test func valuesReadDifferentlyShowOnTheStatusLineAtStart() throws {
        var snapshot = Fixture.snapshot
        var env = try #require(snapshot.environments[Fixture.prod])
        var roles = Array(env.roles.values)
        let index = try #require(roles.firstIndex { $0.id == Fixture.salesperson })
        roles[index].miscPrivileges["prvDeleteAccount"] = .parentChildBusinessUnits
        env = Environment(
            id: env.id, settings: env.settings, businessUnits: Array(env.businessUnits.values), users: Array(env.users.values),
            teams: Array(env.teams.values), roles: roles, tables: Array(env.tables.values),
            fieldSecurityProfiles: Array(env.fieldSecurityProfiles.values), entraGroups: Array(env.entraGroups.values))
        try #require(env.readDifferently.notes.count == 1)
        snapshot.environments[env.id] = env
        let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [])
        let state = ConsoleSession.initialState(
            snapshot: snapshot, document: Document(source: .demo), environment: nil,
            size: Size(width: 80, height: 24), theme: theme, themeNames: [], journalPath: nil)
        let text = try #require(state.status?.text)
        #expect(text.hasPrefix("1 value read differently from the file; a save writes it as read (dvsec validate lists it): environment"))
        #expect(text.contains("prvDeleteAccount (Parent: Child Business Units) is the Delete privilege of table account"))
        #expect(
            ConsoleSession.initialState(
                snapshot: Fixture.snapshot, document: Document(source: .demo), environment: nil,
                size: Size(width: 80, height: 24), theme: theme, themeNames: [], journalPath: nil
            ).status == nil)
    }

    /// Every warning at start reaches the status line, not only the last one set.
    @Test func warningsAtStartAreAllShown() {
        let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: ["unknown theme \"nosuch\""])
        let state = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .demo), environment: "nowhere",
            size: Size(width: 80, height: 24), theme: theme, themeNames: [], journalPath: nil)
        #expect(state.status == .warning("No environment matches “nowhere”: choose one  ·  unknown theme \"nosuch\""))
        // Each whole in :messages, where the cut status line points.
        #expect(state.messageLog == [.warning("No environment matches “nowhere”: choose one"), .warning("unknown theme \"nosuch\"")])
    }

    @Test func themeWarningsAndUnknownEnvironmentsShowOnTheStatusLine() {
        let theme = ThemeResolution(
            theme: .builtInDefault, source: .builtIn,
            warnings: ["theme bad.json: roles.header.fg: unknown colour \"cyna\"\nusing the default theme"])
        let state = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .demo), environment: nil,
            size: Size(width: 80, height: 24), theme: theme, themeNames: [], journalPath: nil)
        #expect(state.status == .warning("theme bad.json: roles.header.fg: unknown colour \"cyna\"; using the default theme"))
        let lost = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .demo), environment: "nowhere",
            size: Size(width: 80, height: 24), theme: ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: []),
            themeNames: [], journalPath: nil)
        #expect(lost.status == .warning("No environment matches “nowhere”: choose one"))
        #expect(lost.screen == .environmentPicker)
    }
}
