import Foundation
import SecurityModel
import TerminalCore

/// Builds the first state of a console session: the snapshot, where it came from, the theme, and
/// the question about journaled edits a crashed session left behind.
public enum ConsoleSession {
    /// The initial state. `journalPath` is where this document's journal would be; when it holds
    /// edits, the state opens on the recovery question (never for a read-only document).
    public static func initialState(
        snapshot: Snapshot, document: Document, environment: String?, size: Size, theme: ThemeResolution,
        themeNames: [String], journalPath: String?
    ) -> AppState {
        let envId = environment.flatMap { snapshot.environment(matching: $0)?.id }
        var state = AppState(
            snapshot: snapshot, document: document, environmentId: envId, size: size, theme: theme.theme,
            themeNames: themeNames)
        // Every warning at start is shown, most pressing first, on the one status line (the
        // values read differently last: their sentence is the longest).
        var warnings: [String] = []
        var notice: StatusMessage?
        if document.isReadOnly {
            if document.editedElsewhere {
                warnings.append("Read-only: another dvsec session is editing this file; browse and query here")
            } else if document.notARegularFile != nil || document.hardLinks != nil {
                warnings.append("Read-only: " + state.readOnlyReason)
            } else {
                notice = StatusMessage("Read-only: browse and query; edits are refused")
            }
        } else if let journalPath {
            let journal = ChangeJournal(path: journalPath)
            if let problem = journal.trustProblem {
                warnings.append(
                    "The journal \(journalPath) is not one dvsec wrote for you: \(problem). Its edits are not offered; it is kept, and edits here cannot be journaled until it is removed"
                )
            } else if var recovery = recovery(at: journalPath, document: document) {
                // Said as the pending list it would give (replayed on a copy: reverts and undos
                // are gone, as they were in the session), so the choice is made knowing what it
                // keeps; the raw journal listed every record ("29 edits: …", "Revert: …").
                var probe = state
                let replayed = probe.replayKeepingApplied(recovery.changes)
                let listed = probe.history.unsaved.prefix(50)
                recovery.summaries = listed.map { JournalRecovery.listed($0.summary) }
                if snapshot.environments.count > 1 {
                    recovery.summaryEnvironments = listed.map { entry in
                        guard let id = entry.change.environmentId, let env = snapshot.environments[id] else { return "" }
                        return (env.type == .production ? "PROD " : "") + env.name
                    }
                }
                recovery.pendingCount = probe.history.unsaved.count
                recovery.refusedCount = replayed.refused.count
                recovery.refusedSummaries = replayed.refused.prefix(10).map { "\($0.summary) (\($0.reason))" }
                if recovery.damage.notApplied > 0 {
                    // Worded on the file as the recovered edits leave it: they came before.
                    recovery.notAppliedSummaries = JournalRecovery.summaries(of: journal.recordsAfterDamage(), in: probe.snapshot)
                }
                state.dialog = .recoverJournal(recovery)
            } else if journal.isSymbolicLink {
                warnings.append(
                    "The journal \(journalPath) is a symbolic link: dvsec does not follow it; edits here cannot be journaled until it is removed"
                )
            } else if journal.exists && journal.read() == nil {
                // A journal that cannot be read (another user's, say) is kept, never deleted.
                warnings.append("The journal \(journalPath) cannot be read: it is kept; edits here cannot be journaled")
            } else {
                // An empty journal (or one with only a header) holds nothing to recover.
                journal.remove()
            }
        }
        if let environment, envId == nil {
            let found = snapshot.environments(matching: environment)
            warnings.append(
                found.count > 1
                    ? "“\(environment)” matches \(found.count) environments (\(found.map(\.name).joined(separator: ", "))): choose one"
                    : "No environment matches “\(environment)”: choose one")
        }
        if !theme.warnings.isEmpty {
            warnings.append(theme.warnings.joined(separator: " ").replacingOccurrences(of: "\n", with: "; "))
        }
        let readDifferently = snapshot.readDifferently
        if let first = readDifferently.first {
            let n = readDifferently.count
            warnings.append(
                "\(counted(n, "value")) read differently from the file; a save writes \(n == 1 ? "it" : "them") as read"
                    + " (dvsec validate lists \(n == 1 ? "it" : "them")): \(first)\(n > 1 ? "; …" : "")")
        }
        state.status = warnings.isEmpty ? notice : .warning(warnings.joined(separator: "  ·  "))
        // Each in :messages, whole: the status line cuts them (a review found :messages empty
        // while it pointed there, and a theme error after "Read-only…" shown nowhere).
        state.messageLog = warnings.map { StatusMessage.warning($0) } + (warnings.isEmpty ? notice.map { [$0] } ?? [] : [])
        return state
    }

    /// `started` when it is an ISO 8601 time as dvsec writes it (digits, `-`, `:`, `T`, `Z`, `.`,
    /// `+`, at most 40 characters), else nil.
    static func timestamp(_ started: String) -> String? {
        let allowed = Set("0123456789-:TZ.+")
        return !started.isEmpty && started.count <= 40 && started.allSatisfy(allowed.contains) ? started : nil
    }

    /// Whether two paths name the same file: the same path once links are followed, as a save
    /// and the journal resolve it (``SnapshotFile/resolvedPath(_:)``).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        a == b || SnapshotFile.resolvedPath(a) == SnapshotFile.resolvedPath(b)
    }

    /// What a journal holds, or nil when there is none or it holds no edit (lost ones included).
    public static func recovery(at path: String, document: Document) -> JournalRecovery? {
        guard let (header, changes, damage, saved) = ChangeJournal(path: path).read(), !changes.isEmpty || !damage.isEmpty else {
            return nil
        }
        // The session saved (the file is what it recorded) and ended before removing its journal.
        if let saved, saved == document.fingerprint { return nil }
        let changed = header?.fingerprint.map { $0 != document.fingerprint } ?? false
        // Only a time is shown from the header: its text is the file's, not dvsec's (a review
        // planted a sentence of instructions there).
        var recovery = JournalRecovery(
            path: path, records: changes, editCount: changes.count, started: header.flatMap { Self.timestamp($0.started) },
            fileChangedSince: changed)
        recovery.damage = damage
        // Written for another file (the folder moved, or the journal came from elsewhere): said.
        // A relative path (journals written before headers held the resolved one) was relative
        // to a folder nobody knows: only another file name than this one's says anything.
        if let file = header?.file, let own = document.path,
            file.hasPrefix("/") ? !Self.sameFile(file, own) : (file as NSString).lastPathComponent != (own as NSString).lastPathComponent
        {
            recovery.writtenFor = file
        }
        return recovery
    }
}
