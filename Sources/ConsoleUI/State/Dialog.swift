import SecurityModel

/// A question the console asks before going on; each offers a few one-key answers.
public enum Dialog: Hashable, Sendable {
    /// Quitting with unsaved changes.
    case confirmQuit(unsaved: Int)
    /// The file changed on disk since it was loaded: overwrite, save elsewhere, or cancel.
    case changedOnDisk(path: String)
    /// Edits from a session that did not end cleanly were found in the journal.
    case recoverJournal(JournalRecovery)

    /// The answers this dialog offers, in order.
    public var answers: [DialogAnswer] {
        switch self {
        case .confirmQuit: [.saveAndQuit, .discardAndQuit, .cancel]
        case .changedOnDisk: [.overwrite, .saveAs, .cancel]
        case .recoverJournal: [.applyJournal, .discardJournal, .cancel]
        }
    }
}

/// One answer to a ``Dialog``, with the key that gives it.
public enum DialogAnswer: Hashable, Sendable, CaseIterable {
    case saveAndQuit, discardAndQuit, overwrite, saveAs, applyJournal, discardJournal, cancel

    /// The key that chooses this answer.
    public var key: Character {
        switch self {
        case .saveAndQuit: "s"
        case .discardAndQuit: "d"
        case .overwrite: "o"
        case .saveAs: "a"
        case .applyJournal: "a"
        case .discardJournal: "d"
        case .cancel: "c"
        }
    }

    public var label: String {
        switch self {
        case .saveAndQuit: "save and quit"
        case .discardAndQuit: "discard changes and quit"
        case .overwrite: "overwrite the file"
        case .saveAs: "save as another file"
        case .applyJournal: "apply the journaled edits"
        case .discardJournal: "discard them"
        case .cancel: "cancel"
        }
    }
}

/// What was found in a journal left by a previous session.
public struct JournalRecovery: Hashable, Sendable {
    public var path: String
    /// The changes to replay, in order.
    public var changes: [Change]
    /// The number of journaled changes.
    public var editCount: Int
    /// When the journal was started (ISO 8601), if recorded.
    public var started: String?
    /// The snapshot file changed since the journal was started; applying may fail.
    public var fileChangedSince: Bool

    public init(path: String, changes: [Change], editCount: Int, started: String?, fileChangedSince: Bool) {
        self.path = path
        self.changes = changes
        self.editCount = editCount
        self.started = started
        self.fileChangedSince = fileChangedSince
    }
}
