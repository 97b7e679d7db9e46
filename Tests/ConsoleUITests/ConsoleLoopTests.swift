import ConsoleUI
import Foundation
import SecurityModel
import TerminalCore
import Testing

@Suite("Console loop on a fake terminal")
@MainActor
struct ConsoleLoopTests {
    func snapshotFile() throws -> (String, Document) {
        let dir = NSTemporaryDirectory() + "dvsec-loop-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/fabrikam.json"
        var file = SnapshotFile(path: path)
        try file.save(Fixture.snapshot)
        let (_, loaded) = try SnapshotFile.load(path: path)
        return (path, Document(source: .file(path), fingerprint: loaded.fingerprint))
    }

    func keys(_ text: String) -> [InputEvent] { text.map { .key(.char($0)) } }

    @Test func editSaveAndQuitWritesTheFileAndRemovesTheJournal() throws {
        let (path, document) = try snapshotFile()
        let state = AppState(snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod)
        // Roles pane, Salesperson, role editor, Delete column, raise, check the journal, save, quit.
        let events: [InputEvent] = keys("4j") + [.key(.enter)] + keys("ll+") + [.key(.ctrl("s"))] + keys("q")
        let terminal = FakeTerminal(size: Size(width: 100, height: 30), events: events, eventWhenExhausted: .key(.char("q")))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
        #expect(loop.run() == .quit)
        let (saved, _) = try SnapshotFile.load(path: path)
        #expect(saved.environments[Fixture.prod]?.roles[Fixture.salesperson]?.privileges["account"]?[.delete] == .businessUnit)
        #expect(!FileManager.default.fileExists(atPath: ChangeJournal.path(forSnapshotAt: path)))
        #expect(terminal.frames.contains { $0.lines.contains { $0.contains("Salesperson: Delete on account: User → Business Unit") } })
        #expect(terminal.frames.last?.lines.contains { $0.contains("Saved 1 change to \(path)") } == true)
        // "Saving …" is drawn before the save starts (half a second on 60 MB): it was set, and
        // replaced by "Saved" before any frame showed it (found by a scale review).
        #expect(terminal.frames.contains { $0.lines.contains { $0.contains("Saving \(path)…") } })
    }

    /// The pending list's impact computed off the loop: keys are answered while it runs (the
    /// list is drawn saying so), and the result is drawn when it arrives, without a key.
    @Test func thePendingImpactArrivesFromTheBackgroundWhileKeysAreAnswered() throws {
        let (_, document) = try snapshotFile()
        var state = AppState(snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod)
        state.backgroundImpactUsers = 0
        // Roles pane, Salesperson, role editor, raise Delete, back, the pending list.
        let events: [InputEvent] = keys("4j") + [.key(.enter)] + keys("ll+") + [.key(.escape)] + keys("p")
        let terminal = FakeTerminal(size: Size(width: 100, height: 30), events: events)
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
        var ticks = 0
        var unmapped = true
        var drawnOnArrival: Bool?
        terminal.whenExhausted = { [unowned loop, unowned terminal] in
            // Until the impact is in (at most 10 s): keys that do nothing (a result must be drawn
            // when it arrives, whatever came with it). Then quit, discarding the edit.
            if loop.state.pendingImpact == nil && ticks < 1000 {
                ticks += 1
                runner.waitForBackgroundWork(timeout: 0.01)
                unmapped = unmapped && KeyMap.action(for: .char("§"), in: loop.state) == nil
                return .key(.char("§"))
            }
            if drawnOnArrival == nil {
                drawnOnArrival = terminal.lastFrame?.lines.contains { $0.contains("with an escalation") } ?? false
            }
            return loop.state.dialog == nil ? .key(.char("q")) : .key(.char("d"))
        }
        #expect(loop.run() == .quit)
        #expect(unmapped && drawnOnArrival == true)
        let texts = terminal.frames.map { $0.lines.joined(separator: "\n") }
        let computing = texts.firstIndex { $0.contains("Computing the impact on the access of") }
        let done = texts.firstIndex { $0.contains("with an escalation") }
        #expect(computing != nil && done != nil && computing! < done!)
        // Drawn when the result came, on a tick: no key was pressed after `p`.
        #expect(done! >= events.count + 1)
        #expect(loop.state.hasQuit)
    }

    /// Two edits in a large organisation: the combined impact, then the selected change's own,
    /// both come from the background through the effect runner.
    @Test func theSelectedChangesOwnImpactArrivesAfterTheCombinedOne() throws {
        let (_, document) = try snapshotFile()
        var state = AppState(snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod)
        state.backgroundImpactUsers = 0
        // Roles pane, Salesperson, role editor, raise Delete and Write, back, the pending list.
        let events: [InputEvent] = keys("4j") + [.key(.enter)] + keys("ll+l+") + [.key(.escape)] + keys("p")
        let terminal = FakeTerminal(size: Size(width: 120, height: 40), events: events)
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
        var ticks = 0
        terminal.whenExhausted = { [unowned loop] in
            let own: SelectedChangeImpact.Status? = loop.state.selectedChangeImpact?.status
            if case .done = own {
                return loop.state.dialog == nil ? .key(.char("q")) : .key(.char("d"))
            }
            if ticks < 1000 {
                ticks += 1
                runner.waitForBackgroundWork(timeout: 0.01)
                return .key(.char("§"))
            }
            return loop.state.dialog == nil ? .key(.char("q")) : .key(.char("d"))
        }
        #expect(loop.run() == .quit)
        let texts = terminal.frames.map { $0.lines.joined(separator: "\n") }
        #expect(texts.contains { $0.contains("Impact of this change on its own") && $0.contains("Computing it…") })
        // The last frame before the quit question covers the panel.
        let done = try #require(texts.last { $0.contains("Impact of this change on its own") && !$0.contains("are not saved") })
        #expect(!done.contains("Computing"), "\(done)")
        #expect(done.contains("Impact of all 2 changes together"), "\(done)")
    }

    /// Ctrl-Z hands the terminal to the shell and the console carries on where it was after `fg`;
    /// without job control it says so and keeps running.
    @Test func ctrlZSuspendsAndTheConsoleCarriesOn() throws {
        let (_, document) = try snapshotFile()
        let state = AppState(snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod)
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        let terminal = FakeTerminal(
            size: Size(width: 100, height: 30), events: keys("4j") + [.key(.ctrl("z"))] + keys("j"),
            eventWhenExhausted: .key(.char("q")))
        let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
        #expect(loop.run() == .quit)
        #expect(terminal.suspendCount == 1)
        #expect(loop.state.status == nil)
        // A frame after each key, Ctrl-Z's drawn after the resume; the `j` after it still moves
        // the selection of the same screen.
        #expect(terminal.frames.count == 5)
        let afterResume = terminal.frames[3].lines
        let afterJ = terminal.frames[4].lines
        #expect(afterResume != afterJ && afterResume.first == afterJ.first)

        let refusing = FakeTerminal(size: Size(width: 100, height: 30), events: [.key(.ctrl("z"))], eventWhenExhausted: .tick)
        refusing.suspendSucceeds = false
        let second = ConsoleLoop(
            state: AppState(snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod),
            terminal: refusing, runner: runner)
        second.dispatch(.terminalResized(refusing.size))
        if case .key(let key) = refusing.nextEvent(timeoutMilliseconds: 0), let action = KeyMap.action(for: key, in: second.state) {
            second.dispatch(action)
        }
        #expect(refusing.suspendCount == 1)
        #expect(second.state.status?.text.contains("no job control") == true)
    }

    @Test func aSignalEndsTheLoopAndKeepsTheJournal() throws {
        let (path, document) = try snapshotFile()
        let state = AppState(snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod)
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), events: keys("d"), eventWhenExhausted: .tick)
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
        loop.dispatch(.terminalResized(terminal.size))
        // Run the one key, then simulate SIGTERM.
        if case .key(let key) = terminal.nextEvent(timeoutMilliseconds: 0), let action = KeyMap.action(for: key, in: loop.state) {
            loop.dispatch(action)
        }
        terminal.terminationRequested = true
        #expect(loop.run() == .terminated)
        let journal = ChangeJournal(path: ChangeJournal.path(forSnapshotAt: path))
        #expect(
            journal.read()?.changes == [
                .edit(
                    .setUserDisabled(environment: Fixture.prod, user: Fixture.adele, disabled: true),
                    replaced: .setUserDisabled(environment: Fixture.prod, user: Fixture.adele, disabled: false))
            ])
        // The next session offers the edit back.
        let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [])
        let next = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: document, environment: nil, size: terminal.size,
            theme: theme, themeNames: [], journalPath: runner.journalPath(for: document))
        guard case .recoverJournal(let recovery) = next.dialog else {
            Issue.record("no recovery offered")
            return
        }
        #expect(recovery.editCount == 1)
        #expect(!recovery.fileChangedSince)
    }

    @Test func aFileChangedOnDiskIsNotOverwrittenWithoutAsking() throws {
        let (path, document) = try snapshotFile()
        var state = AppState(snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod)
        reduce(&state, .userDisabledToggled)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), events: [.key(.ctrl("s"))], eventWhenExhausted: .key(.escape))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
        loop.dispatch(.terminalResized(terminal.size))
        loop.dispatch(.saveRequested(path: nil))
        #expect(loop.state.dialog == .changedOnDisk(path: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}")
        loop.dispatch(.dialogAnswered(.overwrite))
        #expect(loop.state.history.pendingCount == 0)
        #expect(try SnapshotFile.load(path: path).0.environments[Fixture.prod]?.users[Fixture.adele]?.isDisabled == true)
    }

    /// `:w` onto another file that exists: the runner reports it refused, and the question
    /// says the file exists (it said "changed on disk" of a file never opened).
    @Test func savingAsAnotherExistingFileAsksBecauseItExists() throws {
        let (path, document) = try snapshotFile()
        let other = (path as NSString).deletingLastPathComponent + "/other.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: other))
        var state = AppState(snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod)
        reduce(&state, .userDisabledToggled)
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), events: [], eventWhenExhausted: .key(.escape))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
        loop.dispatch(.terminalResized(terminal.size))
        loop.dispatch(.saveRequested(path: other))
        #expect(loop.state.dialog == .fileExists(path: other))
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "{}")
    }

    /// Ctrl-S after the file was deleted asked as for a changed file: "Overwriting loses what it
    /// holds; its previous version is kept as .bak", with no file and no .bak to be made.
    @Test func aFileDeletedOnDiskIsToldApartAndSavingRecreatesIt() throws {
        let (path, document) = try snapshotFile()
        var state = AppState(snapshot: Fixture.snapshot, document: document, environmentId: Fixture.prod)
        reduce(&state, .userDisabledToggled)
        try FileManager.default.removeItem(atPath: path)
        let terminal = FakeTerminal(size: Size(width: 80, height: 24), events: [.key(.ctrl("s"))], eventWhenExhausted: .key(.escape))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
        loop.dispatch(.terminalResized(terminal.size))
        loop.dispatch(.saveRequested(path: nil))
        #expect(loop.state.dialog == .fileGone(path: path))
        let text = screen(loop.state, Size(width: 100, height: 30)).lines.joined(separator: "\n")
        #expect(text.contains("File deleted on disk") && text.contains("Saving recreates it"), "\(text)")
        #expect(!text.contains(".bak") && !text.contains("Overwriting"), "\(text)")
        loop.dispatch(.dialogAnswered(.overwrite))
        #expect(loop.state.history.pendingCount == 0)
        #expect(try SnapshotFile.load(path: path).0.environments[Fixture.prod]?.users[Fixture.adele]?.isDisabled == true)
    }

    @Test func themesLoadThroughTheCatalog() {
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        let actions = runner.perform(.loadTheme("light"), state: Fixture.browserState())
        guard case .themeLoaded(let theme, let warnings) = actions.first else {
            Issue.record("no theme")
            return
        }
        #expect(theme.name == "light")
        #expect(warnings.isEmpty)
        let bad = runner.perform(.loadTheme("/nonexistent/x.json"), state: Fixture.browserState())
        guard case .themeLoaded(let fallback, let problems) = bad.first else { return }
        #expect(fallback == .builtInDefault)
        #expect(problems.first?.contains("/nonexistent/x.json") == true)
    }
}
