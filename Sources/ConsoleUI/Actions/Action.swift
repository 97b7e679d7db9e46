import SecurityModel
import TerminalCore

/// Something that happened: what the user did, or what an effect reports back.
///
/// Names say what happened (`saveRequested`), not what to do about it; ``reduce(_:_:)`` decides.
public enum Action: Hashable, Sendable {
    // MARK: Terminal
    /// The terminal now has this size.
    case terminalResized(Size)

    // MARK: Moving around
    case cursorMoved(CursorMove)
    /// Tab / Shift-Tab: the next or previous pane (or tab, inside a screen).
    case paneCycled(forward: Bool)
    /// `1`...`6`: a browser pane by number, or `:users`, `:roles` ...
    case paneChosen(Pane)
    /// Enter: open what is under the cursor.
    case selectionOpened
    /// Esc: close what is on top, or go back one screen.
    case backRequested
    /// A screen asked for by key or command (`w` who can, `p` pending changes ...).
    case screenRequested(Screen)
    case helpRequested
    /// `J` / `K`: scroll the details, "why" or impact panel by a number of lines.
    case detailScrolled(Int)

    // MARK: Typing
    /// `/`: start a live filter on the current list.
    case filterStarted
    /// `:`: open the command line.
    case commandLineOpened
    case textTyped(Character)
    /// A paste into an open line, already made one line (``BracketedPaste/singleLine(_:)``).
    case textPasted(String)
    /// A paste where no line is open: refused whole, never run as keys.
    case pasteRefused
    case textErased
    /// Tab on the command line.
    case completionRequested
    /// Up (`earlier`) or Down on a text line: on the command line, an earlier or a later command of
    /// this session. It never moves the list behind the line, which a command acts on.
    case lineHistoryStepped(earlier: Bool)
    /// Enter on a text line or in a picker.
    case inputSubmitted
    /// Esc on a text line or in a picker.
    case inputCancelled
    /// Ctrl-U on a text line: clear it.
    case textCleared

    // MARK: Matrices
    case levelRaised
    case levelLowered
    /// Space: the next allowed level, wrapping to None.
    case levelCycled
    /// `0`...`4`: a level by number.
    case levelChosen(AccessLevel)
    case memberInheritanceToggled
    case customTablesToggled

    // MARK: Assignments
    /// `a`: assign a role to the selected user or team.
    case roleAssignmentRequested
    /// `x`: remove a role, membership or member from the selection.
    case removalRequested
    /// `t`: add the selected user to a team.
    case teamMembershipRequested
    /// `+`: add a member to the selected team or profile.
    case memberAdditionRequested
    /// `b`: move the selected user to another business unit.
    case businessUnitChangeRequested
    /// `f`: add the selected user to a field security profile.
    case profileMembershipRequested
    /// `d`: enable or disable the selected user.
    case userDisabledToggled
    /// `m`: the selected user's next access mode.
    case accessModeCycled
    /// `c`: which business unit's copy of a role the selected user or team holds (modernized
    /// business units).
    case roleCopyUnitRequested
    /// `s` in the profile editor: secure or unsecure the column.
    case columnSecuredToggled
    /// `A` in the profile editor: show every column, not only secured ones.
    case allColumnsToggled
    /// `o` / `m` on the who-can screen.
    /// `o` the next operation, `O` the previous one.
    case whoCanOperationCycled(forward: Bool)
    /// `m` the next minimum level, `M` the previous one.
    case whoCanLevelCycled(forward: Bool)
    /// `D` on the who-can screen: list or hide dormant users.
    case dormantUsersToggled
    /// `t` on the who-can screen: choose the table.
    case tablePickerRequested
    /// `c` on the who-can screen: between table operations and column security.
    case whoCanModeToggled
    /// `s` on the who-can screen (column mode): choose a secured column of the table.
    case columnPickerRequested
    /// `r` on the who-can screen (column mode): the next column permission.
    case whoCanPermissionCycled
    /// Diff: only escalations, reductions, neutral changes, or all.
    case diffRiskCycled
    /// Diff: the changes that reach the most users first, or back to escalations first.
    case diffReachSortToggled
    /// A user: compare with another user.
    case comparisonRequested
    /// `H` on a role: who holds it.
    case roleHoldersRequested

    // MARK: Create, rename, delete
    /// `n` in the browser: a new role, team, profile or business unit (the pane's kind).
    case creationRequested
    /// `C` on a role: a custom copy of it.
    case roleCopyRequested
    /// `R`: rename the selected role, team, profile or business unit.
    case renameRequested
    /// `D`: delete the selection (asks first, saying what goes with it).
    case deletionRequested

    // MARK: Edits and files
    case undoRequested
    case redoRequested
    /// `x` on the pending-changes list: revert the selected edit.
    case revertRequested
    /// Ctrl-S, `:w`; `path` for `:w PATH`.
    case saveRequested(path: String?)
    /// `q`, `:q` (`force` for `:q!`).
    case quitRequested(force: Bool)
    /// Ctrl-Z: back to the shell; `fg` resumes.
    case suspendRequested
    /// The suspension ended (`resumed` false: the shell has no job control, nothing happened).
    case suspendFinished(resumed: Bool)
    case dialogAnswered(DialogAnswer)
    /// A letter that answers nothing while a question waits: said, not silently dropped.
    case dialogKeyIgnored
    /// A `:` command typed in full (also used by the command line on Enter).
    case commandEntered(String)

    // MARK: Effect results
    case saveFinished(SaveOutcome)
    /// The snapshot file was read again (to re-apply the unsaved changes on top of it).
    case reloadFinished(ReloadOutcome)
    case themeLoaded(Theme, warnings: [String])
    /// The impact of the unsaved edits named by the key, computed in the background (`nil` when a
    /// change did not apply).
    case pendingImpactComputed(PendingImpactKey, SnapshotDiffResult?)
    /// The answer to a who-can question, computed in the background, with the index it came
    /// from (kept for the next question).
    case whoCanComputed(WhoCanKey, WhoCanResult, index: CachedIndex)
    /// The go-live findings of an environment, checked in the background, with the access index
    /// the checks used (kept for who-can).
    case findingsChecked(FindingsKey, [Finding], index: CachedIndex)
    /// Appending to the journal failed: edits are no longer crash-safe.
    /// The journal could not be written; `behind` records wait to be written with the next one.
    case journalFailed(String, behind: Int)
    /// The journal is whole again: `count` records a failed write left out were written.
    case journalCaughtUp(Int)
    /// The journal was found deleted, or replaced by another file (kept at `keptAside`), and was
    /// written again with all `records` of this session's.
    case journalRewritten(path: String, records: Int, keptAside: String?)
    /// Saving as another file found a crashed session's journal for it, and moved it to this path.
    case journalSetAside(String)
    /// The journal a recovery could not wholly apply was kept at this path.
    case journalKeptAside(String)
}

/// A cursor movement.
public enum CursorMove: Hashable, Sendable {
    case up, down, left, right, pageUp, pageDown, top, bottom
    /// Half a page (Ctrl-U, Ctrl-D), as vim and less move.
    case halfPageUp, halfPageDown
}

/// How a save ended.
public enum SaveOutcome: Hashable, Sendable {
    case saved(path: String, fingerprint: FileFingerprint)
    /// The file already held what the save would write (the unsaved changes cancel out): it and
    /// its backup were left as they were; the changes count as saved.
    case alreadySaved(path: String, fingerprint: FileFingerprint)
    /// The file changed on disk since it was loaded; nothing was written.
    case changedOnDisk(path: String)
    /// The file was deleted (or moved away) since it was loaded; nothing was written.
    case fileGone(path: String)
    /// The file's path now names a folder (or a pipe, a device: `kind` says which); nothing was
    /// written.
    case notAFile(path: String, kind: String)
    case failed(String)
}

/// How reading the snapshot file again ended.
public enum ReloadOutcome: Hashable, Sendable {
    /// The file as it is now on disk, read and validated as at start, with its fingerprint.
    case loaded(path: String, snapshot: Snapshot, fingerprint: FileFingerprint)
    /// It could not be read or is not a valid snapshot (now); the message says why and where.
    case failed(path: String, message: String)
}
