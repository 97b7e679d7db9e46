import SecurityModel

/// A question the console asks before going on; each offers a few one-key answers.
public enum Dialog: Hashable, Sendable {
    /// Quitting with unsaved changes.
    case confirmQuit(unsaved: Int)
    /// The file changed on disk since it was loaded: reload it and re-apply the unsaved changes
    /// on top, overwrite, save elsewhere, or cancel.
    case changedOnDisk(path: String)
    /// Saving as another file (`:w PATH`) that already exists: overwrite, save elsewhere, or
    /// cancel (vim's "E13: File exists").
    case fileExists(path: String)
    /// The file was deleted on disk since it was loaded: save (recreating it), save elsewhere,
    /// or cancel. Asked apart from a change: there is nothing on disk to lose and no `.bak`.
    case fileGone(path: String)
    /// The file's path names a folder now (or a pipe, a device: `kind` says which): reloading and
    /// overwriting cannot work, so only saving elsewhere, quitting with the journal kept, or
    /// cancelling are offered.
    case notAFile(path: String, kind: String)
    /// Edits from a session that did not end cleanly were found in the journal.
    case recoverJournal(JournalRecovery)
    /// Deleting a role, team, profile or business unit: what it takes with it, y/N.
    case confirmDeletion(DeletionQuestion)
    /// An edit in a production environment that makes someone a System Administrator or a System
    /// Customizer: who, y/N.
    case confirmAdministratorGrant(AdministratorQuestion)
    /// An edit in a production environment that unsecures a column some users would newly read:
    /// who, y/N.
    case confirmColumnExposure(ColumnExposureQuestion)

    /// What Esc does, when no answer says it: nil for the recovery question (Esc asks to choose)
    /// and for the y/N questions (their "no" says it).
    public var escapeWords: String? {
        switch self {
        case .recoverJournal, .confirmDeletion, .confirmAdministratorGrant, .confirmColumnExposure: nil
        case .confirmQuit, .changedOnDisk, .fileExists, .fileGone, .notAFile: "Esc cancels"
        }
    }

    /// The answers this dialog offers, in order.
    public var answers: [DialogAnswer] {
        switch self {
        case .confirmQuit: [.saveAndQuit, .discardAndQuit, .cancel]
        // Reloading first: the one answer that loses nobody's work.
        case .changedOnDisk: [.reloadAndReapply, .overwrite, .saveAs, .cancel]
        case .fileExists, .fileGone: [.overwrite, .saveAs, .cancel]
        case .notAFile: [.saveAs, .quitKeepingJournal, .cancel]
        // q quits, as everywhere; c cancels a question that can be left open, which this one
        // cannot (it was c for quit here and c for cancel on the quit question: a review found it).
        case .recoverJournal: [.applyJournal, .discardJournal, .quitKeepingJournal]
        case .confirmDeletion: [.delete, .keep]
        case .confirmAdministratorGrant, .confirmColumnExposure: [.grant, .keep]
        }
    }
}

/// One answer to a ``Dialog``, with the key that gives it.
public enum DialogAnswer: Hashable, Sendable, CaseIterable {
    case saveAndQuit, discardAndQuit, overwrite, saveAs, reloadAndReapply, applyJournal, discardJournal, cancel, delete, grant, keep
    case quitKeepingJournal

    /// The key that chooses this answer.
    public var key: Character {
        switch self {
        case .saveAndQuit: "s"
        case .discardAndQuit: "d"
        case .overwrite: "o"
        case .saveAs: "a"
        case .reloadAndReapply: "r"
        case .applyJournal: "a"
        case .discardJournal: "d"
        case .cancel: "c"
        case .delete: "y"
        case .grant: "y"
        case .keep: "n"
        case .quitKeepingJournal: "q"
        }
    }

    public var label: String {
        switch self {
        case .saveAndQuit: "save and quit"
        case .discardAndQuit: "discard changes and quit"
        case .overwrite: "overwrite the file"
        case .saveAs: "save as another file"
        case .reloadAndReapply: "reload theirs and re-apply mine"
        case .applyJournal: "apply the journaled edits"
        case .discardJournal: "discard them"
        case .cancel: "cancel"
        case .delete: "yes, delete"
        case .grant: "yes, make the change"
        case .keep: "no, keep it (also Enter or Esc)"
        case .quitKeepingJournal: "quit; the journal keeps the unsaved changes for next time"
        }
    }
}

/// What was found in a journal left by a previous session.
public struct JournalRecovery: Hashable, Sendable {
    public var path: String
    /// The records to replay, in order.
    public var changes: [JournalRecord]
    /// The number of journaled changes.
    public var editCount: Int
    /// When the journal was started (ISO 8601), if recorded.
    public var started: String?
    /// The snapshot file changed since the journal was started; applying may fail.
    public var fileChangedSince: Bool
    /// The file the journal's header says it was written for, when that is not the file opened
    /// (the folder was moved, or the journal came from elsewhere): the question says so.
    public var writtenFor: String?
    /// Journaled records not recovered: unreadable ones, and the ones after the first of them.
    public var damage = JournalDamage()
    /// The pending list the journal gives back, one line per edit, as the pending list words it
    /// (at most 50).
    public var summaries: [String] = []
    /// The environment of each summary, parallel to ``summaries`` ("PROD Contoso Production" for
    /// production); empty when the file has one environment. The demo's three environments each
    /// have a Salesperson role, and "Salesperson: Delete on account" named none of them.
    public var summaryEnvironments: [String] = []
    /// How many unsaved edits applying gives (reverts and undos taken into account); `nil` until
    /// worked out.
    public var pendingCount: Int?
    /// Journaled changes that no longer apply to the file as it is now.
    public var refusedCount = 0
    /// The first of them (at most 10), each what it was to do and why it does not apply.
    public var refusedSummaries: [String] = []
    /// What the whole records after a damaged one were to do (at most 50), in order: they are
    /// not applied (``JournalDamage/notApplied``), and were dropped without being named.
    public var notAppliedSummaries: [String] = []

    /// The first `limit` changes worded as the pending list words them, each applied in turn to
    /// a copy of the snapshot; one that no longer applies says why. Only the names an edit
    /// touches are kept from before it (``ChangeDescription/priorNames(for:in:)``): holding the
    /// whole environment made each edit copy it (1,500 edits on 100,000 users took 20 s).
    public static func summaries(of records: [JournalRecord], in snapshot: Snapshot, limit: Int = 50) -> [String] {
        var copy = snapshot
        return records.prefix(limit).map { record in
            // A whole-record change sets only the fields it changed over the file as it is now.
            let change = record.change(onto: copy)
            let before = ChangeDescription.priorNames(for: change, in: change.environmentId.flatMap { copy.environments[$0] })
            do throws(ChangeError) {
                let inverse = try copy.apply(change)
                let after = change.environmentId.flatMap { copy.environments[$0] }
                // The file changed it too since the edit was made: said before recovering, first
                // (at the end, a narrow question cut it to "[…").
                let conflict = record.conflicts(withInverse: inverse) ? Self.conflictMark : ""
                return conflict + ChangeDescription.summary(of: change, inverse: inverse, before: before, after: after)
            } catch {
                return "does not apply: \(error.message)"
            }
        }
    }

    /// What starts the question's line of an edit whose target the file changed too since it
    /// was made (the pending list ends the edit's sentence with ``conflictSuffix``).
    public static let conflictMark = "[conflict: the file changed it too] "
    public static let conflictSuffix = " [conflict: the file changed it too]"

    /// A pending list's sentence as the question lists it: a conflict said first.
    static func listed(_ summary: String) -> String {
        summary.hasSuffix(conflictSuffix) ? conflictMark + summary.dropLast(conflictSuffix.count) : summary
    }

    /// How many of ``summaries`` are such edits.
    public var conflictCount: Int { summaries.filter { $0.hasPrefix(Self.conflictMark) }.count }

    /// A journal of plain changes (no revert).
    public init(path: String, changes: [Change], editCount: Int, started: String?, fileChangedSince: Bool) {
        self.init(
            path: path, records: changes.map(JournalRecord.change), editCount: editCount, started: started,
            fileChangedSince: fileChangedSince)
    }

    public init(path: String, records changes: [JournalRecord], editCount: Int, started: String?, fileChangedSince: Bool) {
        self.path = path
        self.changes = changes
        self.editCount = editCount
        self.started = started
        self.fileChangedSince = fileChangedSince
    }
}

/// A deletion waiting for y/N: the change, and what the domain says it takes with it.
public struct DeletionQuestion: Hashable, Sendable {
    /// The delete change to apply on "y".
    public var change: Change
    /// E.g. "Delete role Salesperson?".
    public var title: String
    /// What goes with it, from the inverse the domain returned on a copy of the snapshot.
    public var consequences: String

    public init(change: Change, title: String, consequences: String) {
        self.change = change
        self.title = title
        self.consequences = consequences
    }
}

/// The question before an edit that makes users System Administrators or System Customizers in
/// production, from the domain's ``AdministratorGrant``s.
public struct AdministratorQuestion: Hashable, Sendable {
    /// What "y" does: make the edit, or the undo, redo or revert that makes it.
    public enum FollowUp: Hashable, Sendable {
        case apply
        case undo
        case redo
        case revert(index: Int)
    }

    /// The change that makes the administrators (the edit, or what the undo, redo or revert applies).
    public var change: Change
    /// What the edit is, as the pending list will say it.
    public var summary: String
    public var grants: [AdministratorGrant]
    public var then: FollowUp

    public init(change: Change, summary: String, grants: [AdministratorGrant], then: FollowUp = .apply) {
        self.change = change
        self.summary = summary
        self.grants = grants
        self.then = then
    }

    /// E.g. "Make 1 user an administrator in Contoso Production?" (the body names the roles; a
    /// title names the environment first, being cut to the width of the question).
    public var title: String {
        let n = Set(grants.flatMap { $0.users.map(\.id) }).count
        return
            "Make \(n == 1 ? "1 user an administrator" : "\(n) users administrators") in \(printable(grants.first?.environmentName ?? ""))?"
    }

    /// Who, and what the role gives.
    public var body: String {
        let who = grants.map { g -> String in
            // A user in access mode Read only reads, whatever the role (DATAVERSE.md §2).
            let names = g.users.prefix(5).map { u in
                printable(u.name)
                    + (g.nowWriting.contains(u.id)
                        ? " (holds it in access mode Read: would write too)"
                        : u.accessMode == .read ? " (access mode Read: reads only)" : "")
            }
            .joined(separator: ", ")
            let more = g.users.count > 5 ? " and \(g.users.count - 5) more" : ""
            let gives =
                switch g.kind {
                case .systemAdministrator: "every privilege at Organization, all data and every secured column"
                case .systemCustomizer:
                    "full customization rights (table data only at Basic, their own records) and sign-in while the environment is in admin mode"
                case .copyOfSystemAdministrator: "Organization on nearly every table privilege (check AP4c)"
                }
            return "\(names)\(more) would hold \(g.kind.label): \(gives)."
        }
        return "\(summary). \(who.joined(separator: " ")) This is a production environment."
    }
}

/// Unsecuring a column in production: who would newly read it.
public struct ColumnExposureQuestion: Hashable, Sendable {
    public var change: Change
    public var exposure: ColumnExposure

    public init(change: Change, exposure: ColumnExposure) {
        self.change = change
        self.exposure = exposure
    }

    /// E.g. "Let 29 more users read contoso_payment.contoso_cvv in Contoso Production?"
    public var title: String {
        let n = exposure.users.count
        return
            "Let \(n == 1 ? "1 more user" : "\(n) more users") read \(printable(exposure.column.description)) in \(printable(exposure.environmentName))?"
    }

    /// Who, and why.
    public var body: String {
        let names = exposure.users.prefix(5).map { printable($0.name) }.joined(separator: ", ")
        let more = exposure.users.count > 5 ? " and \(exposure.users.count - 5) more" : ""
        return
            "Unsecuring \(printable(exposure.column.description)) lets everyone who can read \(printable(exposure.column.table)) read it: "
            + "\(names)\(more), who cannot now. This is a production environment."
    }
}
