import Foundation
import SecurityModel
import TerminalCore

/// Runs the effects the reducer asks for (saving, journaling, loading themes) and reports back
/// with actions. The only part of the console that touches files.
@MainActor
public final class EffectRunner {
    /// The process environment, for `XDG_STATE_HOME` (the demo's journal).
    public let environment: [String: String]
    public let themeCatalog: ThemeCatalog
    /// The journal edits are being written to, fixed at the first edit so a later save-as still
    /// removes the right file.
    public private(set) var activeJournalPath: String?
    /// The time source for journal headers (fixed in tests).
    public var now: () -> Date = Date.init
    /// The lock of the journal this session writes (see ``ChangeJournal/lockForSession(createDirectory:)``); a
    /// save as another file takes that file's lock, and keeps it once the save is done.
    public var sessionLock: SessionLock?
    /// Records a failed write left out of the journal (a full disk), in order: written before
    /// the next record, so that the journal never has a gap a recovery would not see. A
    /// recovery from a journal with a gap offered the edits after it as if they were all.
    public private(set) var unjournaled: [JournalRecord] = []
    /// Every record written to the journal since it was started, in order, and the file written:
    /// a journal deleted or replaced while the session runs is written again whole from them (a
    /// review found the next edit starting a new journal with only itself in it, so a crash then
    /// gave back one edit of two).
    public private(set) var journaled: [JournalRecord] = []
    private var journalFile: JournalFile?
    /// The open file's permission bits as last seen (opened, saved, reloaded): a file deleted
    /// on disk is recreated with them (found by a robustness review: a 0640 snapshot came back 0600).
    private var documentMode: mode_t?
    /// Pending-changes impacts computed off the main loop.
    let impacts = BackgroundImpacts()
    /// Who-can answers computed off the main loop (a large organisation).
    let whoCanAnswers = BackgroundWhoCan()
    /// The go-live checks of a large organisation; they cannot be stopped part way.
    let findingsChecks = BackgroundQueue<FindingsKey, ([Finding], CachedIndex)>(cancelsRunning: false) {
        .findingsChecked($0, $1.0, index: $1.1)
    }

    public init(environment: [String: String], themeCatalog: ThemeCatalog) {
        self.environment = environment
        self.themeCatalog = themeCatalog
    }

    /// A path with `.`, `..` and symbolic links resolved, to tell whether two names are one file.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `20261129T133000Z`, for names of files set aside.
    static func stamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        return f.string(from: date).replacingOccurrences(of: ":", with: "")
    }

    /// The demo journal this session took (``takeJournal(for:)``); nil before, and when every
    /// demo journal is another session's (then nothing is journaled).
    public private(set) var demoJournalPath: String?
    /// Every demo journal was another session's: this session's edits are not journaled.
    public private(set) var journalUnavailable = false

    /// The journal of a document: next to its file, or the demo's under `$XDG_STATE_HOME/dvsec/`.
    public func journalPath(for document: Document) -> String? {
        if journalUnavailable { return nil }
        switch document.source {
        case .demo: return demoJournalPath ?? ChangeJournal.demoPath(environment: environment)
        case .file(let path): return ChangeJournal.path(forSnapshotAt: path)
        case .solutionFolder: return nil
        }
    }

    /// Takes the session's journal and keeps its lock (``sessionLock``): a file's journal, or,
    /// when another session holds it, none, and the document turns read-only (one session edits
    /// a file); a demo journal of its own, the demo having no file to share. Returns the path
    /// of the journal to recover from and write to.
    public func takeJournal(for document: inout Document) -> String? {
        // The open file's permissions, to recreate it with them if it is deleted meanwhile.
        documentMode = document.path.flatMap(SnapshotFile.permissions)
        guard !document.isReadOnly else { return journalPath(for: document) }
        switch document.source {
        case .demo:
            guard let (path, lock) = ChangeJournal.lockDemoSlot(environment: environment) else {
                journalUnavailable = true
                return nil
            }
            demoJournalPath = path
            sessionLock = lock
            return path
        case .file(let file):
            // A file of several names (hard links) is replaced under one name by a save, which
            // splits them, and each name has its own journal and lock, so two sessions edited it
            // at once: browsed here, not edited (`:w PATH` saves a copy that is).
            var info = stat()
            if stat(file, &info) == 0, info.st_nlink > 1, info.st_mode & S_IFMT == S_IFREG {
                document.isReadOnly = true
                document.hardLinks = Int(info.st_nlink)
                return nil
            }
            guard let path = journalPath(for: document) else { return nil }
            sessionLock = ChangeJournal(path: path).lockForSession(createDirectory: true)
            if sessionLock == nil {
                document.isReadOnly = true
                document.editedElsewhere = true
                return nil
            }
            return path
        case .solutionFolder:
            return nil
        }
    }

    /// The journal is removed or set aside: what was written to it is no longer this session's.
    private func forgetJournal() {
        unjournaled = []
        journaled = []
        journalFile = nil
    }

    /// Whether background work is under way or has results to collect; the loop then checks
    /// for them more often than its usual tick.
    public var hasBackgroundWork: Bool { impacts.isBusy || whoCanAnswers.isBusy || findingsChecks.isBusy }

    /// Results of background work finished since the last call, as actions.
    public func collectBackgroundResults() -> [Action] { impacts.collect() + whoCanAnswers.collect() + findingsChecks.collect() }

    /// Blocks until background work is done or `timeout` seconds pass (tests); says whether done.
    @discardableResult
    public func waitForBackgroundWork(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        return impacts.waitUntilIdle(timeout: timeout) && whoCanAnswers.waitUntilIdle(timeout: max(0, deadline.timeIntervalSinceNow))
            && findingsChecks.waitUntilIdle(timeout: max(0, deadline.timeIntervalSinceNow))
    }

    /// `work` on the access index `kept` holds for this model, built here (on the background
    /// thread) when it holds none; the index comes back with the result, for the next question.
    nonisolated static func withAccessIndex<Output>(
        _ kept: CachedIndex, of env: Environment, generation: Int, _ work: (AccessIndex) -> Output
    ) -> (Output, CachedIndex) {
        var cached = kept
        let index = cached.index(of: env, generation: generation)
        return (work(index), cached)
    }

    /// Performs one effect against the current state; returns the actions it produced.
    public func perform(_ effect: Effect, state: AppState) -> [Action] {
        switch effect {
        case .save(let requested, let force):
            let spelled = (requested as NSString).expandingTildeInPath
            // The open file under another spelling (./a.json, a link to it) is the open file.
            let sameFile = state.document.path.map { Self.canonical($0) == Self.canonical(spelled) } ?? false
            let path = sameFile ? state.document.path ?? spelled : spelled
            let known = sameFile ? state.document.fingerprint : nil
            var file = SnapshotFile(path: path, fingerprint: known, mode: sameFile ? documentMode : nil)
            // Saving as another file makes it this session's: not while another session edits it.
            var newLock: SessionLock?
            let targetJournal = ChangeJournal.path(forSnapshotAt: path)
            if !sameFile {
                guard let lock = ChangeJournal(path: targetJournal).lockForSession() else {
                    return [.saveFinished(.failed("\(path): another dvsec session is editing it; not saved"))]
                }
                newLock = lock
            }
            do {
                let journal = activeJournalPath ?? journalPath(for: state.document)
                try file.save(state.snapshot, force: force) { fingerprint in
                    if sameFile, let journal { ChangeJournal(path: journal).appendSaving(fingerprint) }
                }
                let fingerprint = file.fingerprint ?? FileFingerprint(data: Data())
                documentMode = file.mode
                if let newLock {
                    sessionLock = newLock
                    // A crashed session's journal for the file just replaced holds edits of what
                    // is gone: set aside (never mixed into this session's, never deleted).
                    if FileManager.default.fileExists(atPath: targetJournal) {
                        let aside = targetJournal + ".set-aside-" + Self.stamp(now())
                        if rename(targetJournal, aside) == 0 {
                            return [.saveFinished(.saved(path: path, fingerprint: fingerprint)), .journalSetAside(aside)]
                        }
                    }
                }
                if file.savedNothing { return [.saveFinished(.alreadySaved(path: path, fingerprint: fingerprint))] }
                return [.saveFinished(.saved(path: path, fingerprint: fingerprint))]
            } catch {
                switch error {
                case .changedOnDisk(let p):
                    // Told apart here, where the disk is: the question for a deleted file warned
                    // of overwriting what it holds and of a .bak, and there was neither.
                    if !FileManager.default.fileExists(atPath: p) { return [.saveFinished(.fileGone(path: p))] }
                    return [.saveFinished(.changedOnDisk(path: p))]
                case .notARegularFile(let p, let kind) where sameFile:
                    // The open file replaced by a folder: asked apart, offering only what works.
                    return [.saveFinished(.notAFile(path: p, kind: kind))]
                case .io, .notARegularFile: return [.saveFinished(.failed(error.description))]
                }
            }
        case .reload(let path):
            // The loader the console opens files with: the same validation, the same messages.
            do {
                let (snapshot, file) = try SnapshotFile.load(path: path)
                documentMode = file.mode
                return [
                    .reloadFinished(.loaded(path: path, snapshot: snapshot, fingerprint: file.fingerprint ?? FileFingerprint(data: Data())))
                ]
            } catch {
                return [.reloadFinished(.failed(path: path, message: error.description))]
            }
        case .appendJournal(let change):
            return perform(.appendJournalRecord(.change(change)), state: state)
        case .appendJournalRecord(let record):
            guard let path = activeJournalPath ?? journalPath(for: state.document) else { return [] }
            activeJournalPath = path
            // The file's path resolved: as typed ("e.json"), the same file opened from another
            // folder was said to be "not this file" (a data-safety review).
            let header = JournalHeader(
                file: state.document.path.map(SnapshotFile.resolvedPath), fingerprint: state.document.fingerprint,
                started: ISO8601DateFormatter().string(from: now()))
            let journal = ChangeJournal(path: path)
            let records = unjournaled + [record]
            // The journal this session wrote is gone, or another file took its place: written
            // again with every record, the one there kept aside first (nothing deleted unseen).
            // Something that is no file (a folder) fails the write, as a full disk does.
            var rewrite: (records: [JournalRecord], keptAside: String?)?
            if let known = journalFile?.identity {
                let now = journal.identity()
                if now == nil || (now?.0 != known && now?.isRegularFile == true) {
                    var aside: String?
                    if now != nil {
                        let name = path + ".replaced-" + Self.stamp(self.now())
                        if rename(path, name) == 0 { aside = name }
                    }
                    rewrite = (journaled + records, aside)
                }
            }
            do {
                journalFile = try journal.append(rewrite?.records ?? records, header: header)
                journaled = (rewrite == nil ? journaled : []) + (rewrite?.records ?? records)
                unjournaled = []
                if let rewrite {
                    return [.journalRewritten(path: path, records: rewrite.records.count, keptAside: rewrite.keptAside)]
                }
                return records.count > 1 ? [.journalCaughtUp(records.count - 1)] : []
            } catch {
                unjournaled = records
                return [.journalFailed(error.description, behind: records.count)]
            }
        case .removeJournal:
            if let path = activeJournalPath ?? journalPath(for: state.document) { ChangeJournal(path: path).remove() }
            activeJournalPath = nil
            forgetJournal()
            return []
        case .setJournalAside:
            guard let path = activeJournalPath ?? journalPath(for: state.document) else { return [] }
            activeJournalPath = nil
            forgetJournal()
            let aside = path + ".not-recovered-" + Self.stamp(now())
            // Not kept (it could not be renamed): removed, as before, so it is not offered again.
            guard rename(path, aside) == 0 else {
                ChangeJournal(path: path).remove()
                return []
            }
            return [.journalKeptAside(aside)]
        case .loadTheme(let name):
            let resolution = themeCatalog.resolve(name)
            return [.themeLoaded(resolution.theme, warnings: resolution.warnings)]
        case .computePendingImpact(let key):
            let snapshot = state.snapshot
            let unsaved = state.history.unsaved
            if let change = key.change {
                // One change's own impact (the pending list's selected one).
                guard let index = unsaved.firstIndex(where: { $0.id == change }) else { return [] }
                impacts.start(key) { AppState.pendingImpact(ofChangeAt: index, of: unsaved, on: snapshot, cancellation: $0) }
            } else {
                impacts.start(key) { AppState.pendingImpact(of: unsaved, on: snapshot, cancellation: $0) }
            }
            return []
        case .computeWhoCan(let key):
            guard let env = state.snapshot.environments[key.environmentId] else { return [] }
            // The index kept for this model, when there is one; built on the other thread if not.
            let kept = state.whoCan.index
            whoCanAnswers.start(key) { _ in Self.withAccessIndex(kept, of: env, generation: key.generation, key.answer(from:)) }
            return []
        case .checkFindings(let key):
            guard let env = state.snapshot.environments[key.environmentId] else { return [] }
            // In the CLI's order, with the access index who-can keeps (built on the other thread
            // if there is none for this model), handed back for who-can.
            let kept = state.whoCan.index
            findingsChecks.start(key) { _ in
                Self.withAccessIndex(kept, of: env, generation: key.generation) { GoLiveChecks.run(env, index: $0) }
            }
            return []
        case .quit, .suspend:
            // The console loop handles both: they concern the terminal, not files.
            return []
        }
    }
}
