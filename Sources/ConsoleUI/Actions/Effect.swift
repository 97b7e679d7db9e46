import SecurityModel

/// Work the reducer asks for that touches the world; its result comes back as an ``Action``.
public enum Effect: Hashable, Sendable {
    /// Write the snapshot to `path` (refusing if it changed on disk, unless `force`).
    case save(path: String, force: Bool)
    /// Read the snapshot file at `path` again, as the console reads it at start; the result comes
    /// back as ``Action/reloadFinished(_:)``.
    case reload(path: String)
    /// Append a change just applied to the crash journal and flush it to disk, without what it
    /// replaced: a change recovered from a journal written before edits were journaled with it
    /// (``journal(_:replacing:)`` is what an edit writes).
    case appendJournal(Change)
    /// Append a revert of a pending change (see ``JournalRecord/revert(index:change:applied:)``),
    /// or a whole-record change with what it replaced (``JournalRecord/edit(_:replaced:)``).
    case appendJournalRecord(JournalRecord)
    /// Remove the journal (after a save or a discard).
    case removeJournal
    /// Keep the journal as it is under another name (`<journal>.not-recovered-<time>`), for
    /// edits a recovery could not apply; the session then journals anew.
    case setJournalAside
    /// Load a theme by name or path.
    case loadTheme(String)
    /// Compute the impact of the unsaved edits named by the key away from the console's loop; it
    /// comes back as ``Action/pendingImpactComputed(_:_:)``.
    case computePendingImpact(PendingImpactKey)
    /// Answer a who-can question away from the console's loop (a large organisation); it comes
    /// back as ``Action/whoCanComputed(_:_:index:)``.
    case computeWhoCan(WhoCanKey)
    /// Run the go-live checks away from the console's loop (a large organisation); they come back
    /// as ``Action/findingsChecked(_:_:index:)``.
    case checkFindings(FindingsKey)
    /// End the program.
    case quit
    /// Stop the program for the shell (Ctrl-Z); the console loop does it, with the terminal.
    case suspend
}

extension Effect {
    /// Work long enough on a large snapshot (half a second to save 60 MB) that the screen is
    /// drawn before it starts, so "Saving …" or "Reloading …" shows while the keys wait; the
    /// status said so only after the work was done, too late to be seen (found by a scale review).
    public var drawsFirst: Bool {
        switch self {
        case .save, .reload: true
        default: false
        }
    }

    /// Journals a change just applied with what it replaced (``JournalRecord/edit(_:replaced:)``),
    /// so that a recovery rebases a whole-record change and finds the edits a file changed since.
    static func journal(_ change: Change, replacing inverse: Change) -> Effect {
        .appendJournalRecord(.applied(change, replacing: inverse))
    }
}
