import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// "Reload theirs and re-apply mine" (`r`) when the file changed on disk: their file, then this
/// session's unsaved changes made again on it, with a real file, journal and loop.
extension ConsoleLoopTests {
    static let raiseDelete = Change.setPrivilege(
        environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete, level: .businessUnit)
    static let addMegan = Change.addTeamMember(environment: Fixture.prod, team: Fixture.salesTeam, user: Fixture.megan)

    /// A loop on the file with `changes` made (and journaled) in this session.
    func editedLoop(_ document: Document, _ changes: [Change]) -> (ConsoleLoop, EffectRunner) {
        var state = AppState(
            snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod, size: Size(width: 100, height: 30))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        for change in changes {
            for effect in state.applyEdit(change) { _ = runner.perform(effect, state: state) }
        }
        let terminal = FakeTerminal(size: Size(width: 100, height: 30), events: [], eventWhenExhausted: .tick)
        let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
        loop.dispatch(.terminalResized(terminal.size))
        return (loop, runner)
    }

    /// A colleague's save: the file as it is, with `changes` made, written over it.
    func colleagueSaves(_ path: String, _ changes: [Change]) throws -> Snapshot {
        var (theirs, file) = try SnapshotFile.load(path: path)
        for change in changes { try theirs.apply(change) }
        try file.save(theirs)
        return theirs
    }

    @Test func reloadingKeepsTheirRenameReappliesMyRaiseAndReportsTheMembershipOfTheirDeletedTeam() throws {
        let (path, document) = try snapshotFile()
        let (loop, _) = editedLoop(document, [Self.raiseDelete, Self.addMegan])
        let theirs = try colleagueSaves(
            path,
            [
                .renameRole(environment: Fixture.prod, role: Fixture.salesperson, name: "Account Manager"),
                .deleteTeam(environment: Fixture.prod, team: Fixture.salesTeam),
            ])
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        loop.dispatch(.saveRequested(path: nil))
        #expect(loop.state.dialog == .changedOnDisk(path: path))
        #expect(loop.state.dialog?.answers.first == .reloadAndReapply)
        #expect(KeyMap.action(for: .char("r"), in: loop.state) == .dialogAnswered(.reloadAndReapply))

        loop.dispatch(.dialogAnswered(.reloadAndReapply))
        let env = try #require(loop.state.snapshot.environments[Fixture.prod])
        // Their rename and deletion, my raise; my membership went with their team.
        #expect(env.roles[Fixture.salesperson]?.name == "Account Manager")
        #expect(env.roles[Fixture.salesperson]?.privileges["account"]?[.delete] == .businessUnit)
        #expect(env.teams[Fixture.salesTeam] == nil)
        #expect(loop.state.dialog == nil)
        #expect(loop.state.screen == .pendingChanges)
        #expect(loop.state.history.unsaved.map(\.change) == [Self.raiseDelete])
        #expect(loop.state.history.unsaved.map(\.summary) == ["Account Manager: Delete on account: User → Business Unit"])
        #expect(loop.state.history.done == loop.state.history.unsaved)
        #expect(loop.state.history.undone.isEmpty)
        let status = try #require(loop.state.status)
        #expect(status.kind == .warning)
        #expect(status.text.hasPrefix("Reloaded fabrikam.json (changed on disk): 1 of 2 changes re-applied; 1 skipped: "), "\(status.text)")
        #expect(status.text.contains("Megan Bowen"), "\(status.text)")
        #expect(loop.state.messageLog.contains { $0.text.hasPrefix("Skipped on reload of \(path): ") && $0.text.contains("Megan Bowen") })
        // Said by the team's name from before the reload, not its id (their file has neither).
        #expect(
            loop.state.messageLog.contains { $0.text.hasSuffix("(their file has no team Sales EU)") },
            "\(loop.state.messageLog.map(\.text))")
        #expect(!loop.state.messageLog.contains { $0.text.contains(Fixture.salesTeam) })
        #expect(loop.state.messageLog.last == status)
        // Nothing is written until saved.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == onDisk)

        // The journal holds the re-applied change against their file: a crash now recovers it.
        let journalPath = ChangeJournal.path(forSnapshotAt: path)
        // (With what it replaces on their file, for a recovery to compare.)
        #expect(ChangeJournal(path: journalPath).read()?.changes.map(\.applied) == [Self.raiseDelete])
        if case .edit(_, let replaced)? = ChangeJournal(path: journalPath).read()?.changes.first {
            var theirs = try SnapshotFile.load(path: path).0
            #expect(try theirs.apply(Self.raiseDelete) == replaced)
        } else {
            Issue.record("the re-applied change is journaled with what it replaced")
        }
        let (_, reloadedFile) = try SnapshotFile.load(path: path)
        #expect(loop.state.document.fingerprint == reloadedFile.fingerprint)
        let recovery = try #require(
            ConsoleSession.recovery(at: journalPath, document: Document(source: .file(path), fingerprint: reloadedFile.fingerprint)))
        #expect(!recovery.fileChangedSince)

        // The inverse was worked out on their file: undo gives exactly their file back.
        loop.dispatch(.undoRequested)
        #expect(loop.state.snapshot == theirs)
        #expect(loop.state.history.pendingCount == 0)
        loop.dispatch(.redoRequested)
        #expect(loop.state.history.pendingCount == 1)

        // Their file is the base now: saving asks nothing and writes both writers' work.
        loop.dispatch(.saveRequested(path: nil))
        #expect(loop.state.dialog == nil)
        #expect(loop.state.status == .success("Saved 1 change to \(path)"))
        let saved = try #require(try SnapshotFile.load(path: path).0.environments[Fixture.prod])
        #expect(saved.roles[Fixture.salesperson]?.name == "Account Manager")
        #expect(saved.roles[Fixture.salesperson]?.privileges["account"]?[.delete] == .businessUnit)
        #expect(saved.teams[Fixture.salesTeam] == nil)
        #expect(!FileManager.default.fileExists(atPath: journalPath))
    }

    /// `:reload` reads the file again without a save: their work appears, mine is made again on
    /// it; with nothing unsaved the console stays where it was and says the file is unchanged.
    @Test func reloadCommandReadsTheirFileAndMakesMyChangesAgain() throws {
        let (path, document) = try snapshotFile()
        let (idle, _) = editedLoop(document, [])
        idle.dispatch(.commandEntered("reload"))
        #expect(idle.state.status?.text == "Reloaded fabrikam.json (unchanged on disk); no unsaved change to make again")
        #expect(idle.state.screen != .pendingChanges)

        let (loop, _) = editedLoop(document, [Self.raiseDelete])
        _ = try colleagueSaves(path, [.renameRole(environment: Fixture.prod, role: Fixture.salesperson, name: "Account Manager")])
        loop.dispatch(.commandEntered("reload"))
        let env = try #require(loop.state.snapshot.environments[Fixture.prod])
        #expect(env.roles[Fixture.salesperson]?.name == "Account Manager")
        #expect(env.roles[Fixture.salesperson]?.privileges["account"]?[.delete] == .businessUnit)
        #expect(loop.state.history.pendingCount == 1)
        #expect(loop.state.screen == .pendingChanges)
        #expect(loop.state.status?.text.hasPrefix("Reloaded fabrikam.json (changed on disk): 1 of 1 change re-applied") == true)
        // Their file is the base now: the save asks nothing.
        loop.dispatch(.saveRequested(path: nil))
        #expect(loop.state.dialog == nil)
        #expect(loop.state.status == .success("Saved 1 change to \(path)"))

        // The demo has no file to read again.
        var demo = AppState(
            snapshot: Fixture.snapshot, document: Document(source: .demo), environmentId: Fixture.prod,
            size: Size(width: 100, height: 30))
        #expect(reduce(&demo, .commandEntered("reload")).isEmpty)
        #expect(demo.status?.text.hasPrefix("Nothing to reload") == true)
    }

    /// The colleague made the same edit: it would change nothing, so it is skipped, not kept as a
    /// pending change that saves nothing.
    @Test func aChangeTheirFileAlreadyHasIsSkippedAsAlreadyThere() throws {
        let (path, document) = try snapshotFile()
        let (loop, _) = editedLoop(document, [Self.raiseDelete])
        _ = try colleagueSaves(path, [Self.raiseDelete])
        loop.dispatch(.saveRequested(path: nil))
        loop.dispatch(.dialogAnswered(.reloadAndReapply))
        #expect(loop.state.history.pendingCount == 0)
        #expect(loop.state.history.done.isEmpty)
        #expect(
            loop.state.status?.text
                == "Reloaded fabrikam.json (changed on disk): 0 of 1 change re-applied; 1 skipped: Salesperson: Delete on account: User → Business Unit (their file already has it); nothing to save"
        )
        #expect(!FileManager.default.fileExists(atPath: ChangeJournal.path(forSnapshotAt: path)))
    }

    /// The colleague changed the same privilege to another level: mine is made again over theirs
    /// and said as a conflict (status, messages, the pending list), not as cleanly re-applied
    /// (found by a review: a raise replayed over their Organization lowered it without a word).
    @Test func aChangeTheirFileChangedTooIsAConflict() throws {
        let (path, document) = try snapshotFile()
        let (loop, _) = editedLoop(document, [Self.raiseDelete])
        _ = try colleagueSaves(
            path,
            [
                .setPrivilege(
                    environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete, level: .organization)
            ])
        loop.dispatch(.saveRequested(path: nil))
        loop.dispatch(.dialogAnswered(.reloadAndReapply))
        #expect(loop.state.history.pendingCount == 1)
        #expect(
            loop.state.snapshot.environments[Fixture.prod]?.roles[Fixture.salesperson]?.privileges["account"]?[.delete] == .businessUnit)
        let status = loop.state.status?.text ?? ""
        #expect(
            status.hasPrefix("Reloaded fabrikam.json (changed on disk): 1 of 1 change re-applied; 1 conflict, their file changed it too"),
            "\(status)")
        #expect(status.contains("Salesperson: Delete on account: Organization → Business Unit"), "\(status)")
        #expect(status.contains("yours was: Salesperson: Delete on account: User → Business Unit"), "\(status)")
        #expect(loop.state.status?.kind == .warning)
        #expect(loop.state.history.unsaved.first?.summary.hasSuffix("[conflict: their file changed it too]") == true)
        #expect(loop.state.messageLog.contains { $0.text.hasPrefix("Conflict on reload of \(path)") })
        // A change of something they left alone is no conflict.
        let (otherPath, otherDocument) = try snapshotFile()
        let (calm, _) = editedLoop(otherDocument, [Self.raiseDelete])
        _ = try colleagueSaves(otherPath, [.renameRole(environment: Fixture.prod, role: Fixture.salesperson, name: "Account Manager")])
        calm.dispatch(.commandEntered("reload"))
        #expect(calm.state.status?.text.contains("conflict") == false)
    }

    /// A column permission is a whole record: re-applied, mine sets only the field I changed, so
    /// theirs (Update) stays beside mine (Create).
    @Test func aWholeRecordChangeIsRebasedOntoTheirFile() throws {
        let (path, document) = try snapshotFile()
        let mine = Change.setColumnPermission(
            environment: Fixture.prod, profile: Fixture.financeProfile, column: Fixture.payment,
            permission: ColumnPermission(canRead: true, canCreate: true))
        let (loop, _) = editedLoop(document, [mine])
        _ = try colleagueSaves(
            path,
            [
                .setColumnPermission(
                    environment: Fixture.prod, profile: Fixture.financeProfile, column: Fixture.payment,
                    permission: ColumnPermission(canRead: true, canUpdate: true))
            ])
        loop.dispatch(.saveRequested(path: nil))
        loop.dispatch(.dialogAnswered(.reloadAndReapply))
        let permission = loop.state.snapshot.environments[Fixture.prod]?.fieldSecurityProfiles[Fixture.financeProfile]?
            .permissions[Fixture.payment]
        #expect(permission == ColumnPermission(canRead: true, canCreate: true, canUpdate: true))
        #expect(loop.state.history.pendingCount == 1)
    }

    /// Their file is no longer a valid snapshot: said, and nothing changes (the edits stay pending
    /// on the snapshot as it was).
    @Test func aFileThatNoLongerLoadsIsNotReloadedAndNothingChanges() throws {
        let (path, document) = try snapshotFile()
        let (loop, _) = editedLoop(document, [Self.raiseDelete])
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        loop.dispatch(.saveRequested(path: nil))
        let before = loop.state
        loop.dispatch(.dialogAnswered(.reloadAndReapply))
        #expect(loop.state.snapshot == before.snapshot)
        #expect(loop.state.history == before.history)
        #expect(loop.state.document == before.document)
        #expect(loop.state.screens == before.screens)
        #expect(loop.state.status?.kind == .error)
        #expect(loop.state.status?.text.hasPrefix("Not reloaded: \(path): ") == true, "\(loop.state.status?.text ?? "")")
        #expect(loop.state.status?.text.hasSuffix("nothing changed (your changes are still pending)") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}")
    }

    /// `:wq` meets a file changed on disk: the same question; after `r` the console stays open on
    /// the pending list, since what was skipped needs reading before anything is saved.
    @Test func saveAndQuitOfAChangedFileOffersTheReloadAndDoesNotQuitAfterIt() throws {
        let (path, document) = try snapshotFile()
        let (loop, _) = editedLoop(document, [Self.raiseDelete])
        _ = try colleagueSaves(path, [.renameRole(environment: Fixture.prod, role: Fixture.seller, name: "Seller EU")])
        loop.dispatch(.commandEntered("wq"))
        #expect(loop.state.dialog == .changedOnDisk(path: path))
        loop.dispatch(.dialogAnswered(.reloadAndReapply))
        #expect(!loop.state.hasQuit)
        #expect(!loop.state.quitAfterSave)
        #expect(loop.state.screen == .pendingChanges)
        #expect(loop.state.status?.kind == .success)
        #expect(
            loop.state.status?.text
                == "Reloaded fabrikam.json (changed on disk): 1 of 1 change re-applied; review, then save (Ctrl-S); not quitting, so you can review first"
        )
        loop.dispatch(.commandEntered("wq"))
        #expect(loop.state.hasQuit)
        let saved = try #require(try SnapshotFile.load(path: path).0.environments[Fixture.prod])
        #expect(saved.roles[Fixture.seller]?.name == "Seller EU")
        #expect(saved.roles[Fixture.salesperson]?.privileges["account"]?[.delete] == .businessUnit)
    }

    /// Their file no longer has the environment open here: the console goes back to the
    /// environment picker (under the pending list), and my change there is reported skipped.
    @Test func anEnvironmentTheirFileNoLongerHasClosesAndItsChangesAreSkipped() throws {
        let (path, document) = try snapshotFile()
        let (loop, _) = editedLoop(document, [Self.raiseDelete])
        var file = SnapshotFile(path: path, fingerprint: document.fingerprint)
        try file.save(Snapshot(tenant: "Fabrikam", environments: [Fixture.sandboxEnvironment]))
        loop.dispatch(.saveRequested(path: nil))
        loop.dispatch(.dialogAnswered(.reloadAndReapply))
        #expect(loop.state.environmentId == nil)
        #expect(loop.state.screens == [.environmentPicker, .pendingChanges])
        #expect(loop.state.environments.rows == [Fixture.sandbox])
        #expect(loop.state.history.pendingCount == 0)
        #expect(loop.state.status?.text.contains("0 of 1 change re-applied; 1 skipped: ") == true)
        #expect(
            loop.state.status?.text.contains("(their file has no environment Fabrikam Production)") == true,
            "\(loop.state.status?.text ?? "")")
        loop.dispatch(.backRequested)
        #expect(loop.state.screen == .environmentPicker)
    }
}
