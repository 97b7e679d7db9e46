import ArgumentParser
import ConsoleUI
import DataverseSolution
import Foundation
import SecurityModel
import TerminalCore
import TerminalNCurses

/// Opens the console (the default command): the demo organisation, a snapshot file, or an
/// unpacked solution folder (read-only).
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the console on a snapshot (default: the built-in demo organisation).",
        discussion: """
            Keys: ? lists every key; : opens the command line; q quits (asks when \
            changes are unsaved). Edits are journaled next to the file as they are \
            made, so a crash loses nothing.
            """)

    @Argument(help: "A snapshot file, or an unpacked solution folder (opened read-only). Default: the demo organisation.")
    var file: String?
    @Option(name: .shortAndLong, help: "Open this environment directly (id, name, name prefix or type, e.g. prod).")
    var environment: String?
    @Flag(help: "Browse and query only: every edit is refused.")
    var readOnly = false
    @Option(help: "A theme name (default, light, high-contrast, mono, or yours) or a path to a theme file.")
    var theme: String?
    @Flag(help: "No colours (also when NO_COLOR is set).")
    var noColor = false
    @Option(help: "A snapshot to compare with (the diff screen).")
    var baseline: String?

    func run() throws {
        let processEnvironment = ProcessInfo.processInfo.environment
        let (snapshot, document, baselineSnapshot) = try loadWithBaseline()
        // Nothing is written under the console's screen (a reload reads no FIFO: such a file
        // opens read-only).
        SnapshotFile.waitingForWriter = nil
        let catalog = ThemeCatalog(
            environment: processEnvironment,
            shippedSearchDirectories: ThemeCatalog.shippedSearchDirectories(
                executablePath: Bundle.main.executablePath, currentDirectory: FileManager.default.currentDirectoryPath))
        let themeResolution = catalog.resolve(theme)
        let colorRequested = !noColor && (processEnvironment["NO_COLOR"] ?? "").isEmpty
        let ending: ConsoleLoop.Ending = try MainActor.assumeIsolated {
            let terminal: NCursesTerminal
            do {
                terminal = try NCursesTerminal(colorRequested: colorRequested)
            } catch {
                throw fail("\(error)")
            }
            let runner = EffectRunner(environment: processEnvironment, themeCatalog: catalog)
            // One session per journal: a second session on the same file opens read-only; a
            // demo session takes a journal of its own. The runner keeps the lock for the session
            // (and moves it to the file of a save as).
            var document = document
            let journalPath = runner.takeJournal(for: &document)
            var state = ConsoleSession.initialState(
                snapshot: snapshot, document: document, environment: environment, size: terminal.size, theme: themeResolution,
                themeNames: catalog.loadableThemeNames(), journalPath: journalPath)
            if let baseline = baselineSnapshot {
                // A frame first: on 100,000 users the comparison takes seconds, and the terminal
                // stayed blank the whole time (found by a scale review).
                var comparing = state
                comparing.status = StatusMessage("Comparing with the baseline \(baseline.label)…")
                terminal.present(
                    render(
                        comparing, size: terminal.size, theme: comparing.theme, glyphs: terminal.glyphs,
                        colorEnabled: terminal.colorEnabled))
                let warning = SnapshotDiff.organisationWarning(base: baseline.snapshot, target: snapshot)
                state.startComparing(with: Baseline(label: baseline.label, snapshot: baseline.snapshot, warning: warning))
            }
            if runner.journalUnavailable {
                state.status = .warning("Every demo journal is another open session's: the edits of this one are not journaled")
                state.logStatus(previous: nil)
            }
            let loop = ConsoleLoop(state: state, terminal: terminal, runner: runner)
            let ending = loop.run()
            terminal.shutdown()
            // Released (and its lock file removed) now: whatever still holds the runner, an
            // empty .NAME.dvsec-journal.lock was left beside every file opened.
            runner.sessionLock = nil
            return ending
        }
        if ending == .terminated {
            let signal = NCursesTerminal.terminationSignal ?? SIGTERM
            writeError("dvsec: stopped by signal \(signal); unsaved edits are in the journal and will be offered next time\n")
            throw ExitCode(128 + signal)
        }
    }

    /// The snapshot and where it came from; errors go to stderr with exit code 2.
    /// The snapshot, then the baseline, which takes the records it has byte for byte from the
    /// snapshot instead of parsing them again (the snapshot file's bytes are kept only until then).
    private func loadWithBaseline() throws -> (Snapshot, Document, (label: String, snapshot: Snapshot)?) {
        // A large file takes a second or more to read before the console can draw anything: said
        // on a terminal, so a blank wait does not look like a hang (found by a scale review).
        announceReading(file)
        let (snapshot, document, records) = try load()
        guard let baseline else { return (snapshot, document, nil) }
        announceReading(baseline)
        do {
            return (
                snapshot, document, (label: baseline, snapshot: try SnapshotFile.load(path: baseline, reusing: records, recording: false).0)
            )
        } catch {
            throw fail(error.description)
        }
    }

    /// The records of a snapshot file are kept when a baseline is to be read after it.
    private func load() throws -> (Snapshot, Document, RecordReuse?) {
        guard let file else {
            return (DemoOrganisation.snapshot, Document(source: .demo, isReadOnly: readOnly), nil)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            let looksLikeSolution = ["Roles", "Other"].contains { FileManager.default.fileExists(atPath: file + "/" + $0) }
            guard looksLikeSolution else {
                throw fail("\(file) is a folder but not an unpacked solution (no Roles/ or Other/ inside)")
            }
            do {
                let snapshot = try SolutionImporter.snapshot(fromFolder: file)
                return (snapshot, Document(source: .solutionFolder(file), isReadOnly: true), nil)
            } catch {
                throw fail(error.description)
            }
        }
        do {
            let (snapshot, snapshotFile, records) = try SnapshotFile.load(path: file, reusing: nil, recording: baseline != nil)
            var document = Document(source: .file(file), fingerprint: snapshotFile.fingerprint, isReadOnly: readOnly)
            // A pipe, a FIFO, a device: read, but it cannot be saved in place (a save on a FIFO
            // froze the console), so read-only; `:w PATH` saves a copy.
            if !readOnly, let kind = SnapshotFile.notARegularFile(file) {
                document.isReadOnly = true
                document.notARegularFile = kind
            }
            return (snapshot, document, records)
        } catch {
            throw fail(error.description)
        }
    }

    /// "dvsec: reading big.json (59 MiB)…" on stderr, for a file of 16 MB or more when stderr is a
    /// terminal (the console's screen replaces it once drawn).
    private func announceReading(_ path: String?) {
        guard let path, isatty(STDERR_FILENO) != 0,
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size >= 16 << 20
        else { return }
        writeError("dvsec: reading \(readable(path)) (\(size >> 20) MiB)…\n")
    }
}
