import SecurityModel

/// The edits made since the snapshot was opened or last saved, with undo and redo.
///
/// Each entry keeps the change, the inverse `Snapshot.apply` returned, and a sentence describing
/// it, so undo, redo, the pending-changes list and the journal all work from the same values.
public struct EditHistory: Hashable, Sendable {
    /// One applied edit.
    public struct Entry: Hashable, Sendable {
        public var change: Change
        /// What undoes it (returned by `Snapshot.apply`).
        public var inverse: Change
        /// A readable sentence, e.g. "Salesperson: Delete on account: User → Business Unit".
        public var summary: String

        public init(change: Change, inverse: Change, summary: String) {
            self.change = change
            self.inverse = inverse
            self.summary = summary
        }
    }

    /// Edits in the order they were made: the pending (unsaved) changes.
    public var done: [Entry]
    /// Undone edits, the most recent last: what redo re-applies.
    public var undone: [Entry]

    public init(done: [Entry] = [], undone: [Entry] = []) {
        self.done = done
        self.undone = undone
    }

    /// The number of unsaved edits.
    public var pendingCount: Int { done.count }
}
