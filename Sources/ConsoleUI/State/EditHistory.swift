import SecurityModel

/// The edits of a session: an undo stack that survives saves, a redo stack, and the unsaved
/// changes (what the file on disk does not have yet).
///
/// Each entry keeps the change, the inverse `Snapshot.apply` returned, and a sentence describing
/// it, so undo, redo, the pending-changes list and the journal all work from the same values.
/// Undoing an edit that was already saved is itself an unsaved change ("Undo: …"); undoing an
/// unsaved edit simply takes it off the unsaved list.
public struct EditHistory: Hashable, Sendable {
    /// One applied edit.
    public struct Entry: Hashable, Sendable {
        /// Identifies the entry across the three lists.
        public var id: Int
        public var change: Change
        /// What undoes it (returned by `Snapshot.apply`).
        public var inverse: Change
        /// A readable sentence, e.g. "Salesperson: Delete on account: User → Business Unit".
        public var summary: String
        /// For an unsaved "Undo: …" entry, the id of the saved edit it undoes.
        public var undoOf: Int?
        /// For a "Revert: …" entry (`x` on the pending list), the lists before and after the
        /// revert: undo puts the reverted change back in its place in the pending list.
        public var revert: RevertLists?

        public init(id: Int, change: Change, inverse: Change, summary: String, undoOf: Int? = nil, revert: RevertLists? = nil) {
            self.id = id
            self.change = change
            self.inverse = inverse
            self.summary = summary
            self.undoOf = undoOf
            self.revert = revert
        }
    }

    /// The undo stack and pending list around a revert.
    public struct RevertLists: Hashable, Sendable {
        public var doneBefore: [Entry]
        public var unsavedBefore: [Entry]
        public var doneAfter: [Entry]
        public var unsavedAfter: [Entry]

        public init(doneBefore: [Entry], unsavedBefore: [Entry], doneAfter: [Entry], unsavedAfter: [Entry]) {
            self.doneBefore = doneBefore
            self.unsavedBefore = unsavedBefore
            self.doneAfter = doneAfter
            self.unsavedAfter = unsavedAfter
        }
    }

    /// Edits that undo can take back, oldest first.
    public var done: [Entry]
    /// Undone edits, the most recent last: what redo re-applies.
    public var undone: [Entry]
    /// The changes not yet saved, oldest first: the pending-changes list.
    public var unsaved: [Entry]
    /// The id the next entry gets.
    public var nextId: Int

    public init(done: [Entry] = [], undone: [Entry] = [], unsaved: [Entry] = [], nextId: Int = 1) {
        self.done = done
        self.undone = undone
        self.unsaved = unsaved
        self.nextId = nextId
    }

    /// The number of unsaved changes.
    public var pendingCount: Int { unsaved.count }

    /// The environments the unsaved changes edit.
    public var unsavedEnvironmentIds: Set<String> { Set(unsaved.compactMap(\.change.environmentId)) }
}

extension EditHistory.Entry {
    /// This edit made again on `snapshot`, which has moved since it was made (a revert took back
    /// an earlier edit, or someone else saved the file): rebased, so that a whole-record change
    /// sets only the fields it changed, with its inverse and sentence worked out there. An
    /// "Undo: …" entry keeps its sentence: it is about the edit it undoes. Revert and reload
    /// both make edits again this way.
    func remade(on snapshot: inout Snapshot) throws(ChangeError) -> EditHistory.Entry {
        let change = self.change.rebased(from: inverse, onto: snapshot)
        let env = change.environmentId
        let before = ChangeDescription.priorNames(for: change, in: env.flatMap { snapshot.environments[$0] })
        let inverse = try snapshot.apply(change)
        let summary =
            undoOf != nil
            ? self.summary
            : ChangeDescription.summary(of: change, inverse: inverse, before: before, after: env.flatMap { snapshot.environments[$0] })
        return EditHistory.Entry(id: id, change: change, inverse: inverse, summary: summary, undoOf: undoOf)
    }
}
