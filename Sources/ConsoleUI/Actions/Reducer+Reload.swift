import SecurityModel

/// A change of this session that no longer applies to the file as someone else saved it.
struct SkippedChange: Hashable, Sendable {
    /// The pending list's sentence for it.
    var summary: String
    /// Why: what their file no longer has (by its name before the reload), the domain's refusal
    /// otherwise, or that their file already has it.
    var reason: String
}

extension AppState {
    /// The file as it is on disk now, read again after "reload theirs and re-apply mine" (`r` in
    /// the question about a file changed on disk).
    ///
    /// Each unsaved change is made again, in order, on their file: rebased like a revert's later
    /// changes (a whole-record change sets only the fields it changed), its inverse and sentence
    /// worked out anew there. One the domain refuses (its target is gone) or that changes nothing
    /// (their file already has it) is skipped and reported. The history starts again at their
    /// file: the re-applied changes are the unsaved list and the undo stack (undoing them all
    /// gives their file back); what undo and redo held before the reload is dropped, since it
    /// was about a file that no longer is on disk. The journal is written anew, so a crash after
    /// the reload recovers the re-applied changes on their file. A file that cannot be read
    /// changes nothing.
    mutating func reloadFinished(_ outcome: ReloadOutcome) -> [Effect] {
        let quitting = quitAfterSave
        quitAfterSave = false
        switch outcome {
        case .failed(_, let message):
            status = .error("Not reloaded: \(message); nothing changed (your changes are still pending)")
            return []
        case .loaded(let path, let reloaded, let fingerprint):
            let mine = history.unsaved
            var copy = reloaded
            var kept: [EditHistory.Entry] = []
            var skipped: [SkippedChange] = []
            var conflicts: [SkippedChange] = []
            for entry in mine {
                do {
                    var again = try entry.remade(on: &copy)
                    if again.change.changesNothing(inverse: again.inverse) {
                        _ = try? copy.apply(again.inverse)
                        skipped.append(SkippedChange(summary: entry.summary, reason: "their file already has it"))
                        continue
                    }
                    // What it replaces on their file is not what it replaced on yours: they changed
                    // the same thing (found by a review: a raise None -> User replayed over their
                    // Organization lowered it, reported as cleanly re-applied). Yours is made, and
                    // said as a conflict to review. A whole-record change was rebased to the fields
                    // you changed, so theirs are kept.
                    if !entry.change.setsAWholeRecord, entry.undoOf == nil, again.inverse != entry.inverse {
                        conflicts.append(SkippedChange(summary: again.summary, reason: "yours was: \(entry.summary)"))
                        again.summary += " [conflict: their file changed it too]"
                    }
                    kept.append(again)
                } catch {
                    // Said with the names from before the reload: their file no longer knows them.
                    let reason =
                        ReloadSkipReason.missing(
                            entry.change.rebased(from: entry.inverse, onto: copy), inverse: entry.inverse, mine: snapshot, theirs: copy)
                        ?? "does not apply: \(error.message)"
                    skipped.append(SkippedChange(summary: entry.summary, reason: reason))
                }
            }
            let changedOnDisk = document.fingerprint != fingerprint
            snapshot = copy
            document.source = .file(path)
            document.fingerprint = fingerprint
            history = EditHistory(done: kept, undone: [], unsaved: kept, nextId: history.nextId)
            // The pending list to review, when there is something to review.
            reopenAfterReload(review: !mine.isEmpty)
            for s in skipped {
                messageLog.append(.warning("Skipped on reload of \(path): \(s.summary) (\(s.reason))"))
            }
            for c in conflicts {
                messageLog.append(
                    .warning("Conflict on reload of \(path): their file changed it too; made again as \(c.summary) (\(c.reason))"))
            }
            status = Self.reloadSummary(
                path: path, kept: kept.count, of: mine.count, skipped: skipped, quitting: quitting, changedOnDisk: changedOnDisk,
                conflicts: conflicts)
            return [.removeJournal] + kept.map { Effect.journal($0.change, replacing: $0.inverse) }
        }
    }

    /// "Reloaded NAME (changed on disk): N of M changes re-applied; K skipped: …".
    static func reloadSummary(
        path: String, kept: Int, of total: Int, skipped: [SkippedChange], quitting: Bool, changedOnDisk: Bool = true,
        conflicts: [SkippedChange] = []
    ) -> StatusMessage {
        // The file's name: the status bar below gives its path, which left the counts cut off.
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let how = changedOnDisk ? "changed on disk" : "unchanged on disk"
        if total == 0 { return .success("Reloaded \(name) (\(how)); no unsaved change to make again") }
        var text = "Reloaded \(name) (\(how)): \(kept) of \(counted(total, "change")) re-applied"
        if !skipped.isEmpty {
            let first = skipped.prefix(3).map { "\($0.summary) (\($0.reason))" }.joined(separator: "; ")
            text += "; \(skipped.count) skipped: \(first)\(skipped.count > 3 ? "; …" : "")"
        }
        if !conflicts.isEmpty {
            let first = conflicts.prefix(3).map { "\($0.summary) (\($0.reason))" }.joined(separator: "; ")
            text +=
                "; \(counted(conflicts.count, "conflict")), their file changed it too (yours made again, marked in the list): \(first)\(conflicts.count > 3 ? "; …" : "")"
        }
        text += kept == 0 ? "; nothing to save" : "; review, then save (Ctrl-S)"
        if quitting { text += "; not quitting, so you can review first" }
        return skipped.isEmpty && conflicts.isEmpty ? .success(text) : .warning(text)
    }

    /// Rebuilds what was derived from the previous snapshot, keeping the environment, pane and
    /// selections that still exist, and (with `review`) shows the pending list to review.
    private mutating func reopenAfterReload(review: Bool) {
        modelGeneration += 1
        environments.replaceRows(snapshot.sortedEnvironments.map(\.id), height: visibleRows(on: .environmentPicker))
        let (open, shownPane, shownLists) = (environmentId, pane, lists)
        comparison = nil
        picker = nil
        input = nil
        if let open, snapshot.environments[open] != nil {
            openEnvironment(open)
            pane = shownPane
            let height = visibleRows(on: .browser)
            for (p, list) in shownLists {
                guard let id = list.selectedId, let index = lists[p]?.rows.firstIndex(of: id) else { continue }
                lists[p]?.moveTo(index, height: height)
            }
        } else {
            environmentId = nil
            catalog = nil
            counts = nil
            lists = [:]
            closeEnvironmentScreens()
            screens = [.environmentPicker]
        }
        preview = nil
        if review { requestScreen(.pendingChanges) }
    }

    /// `:reload`: the file read again from disk, the unsaved changes made again on it, as `r`
    /// does when a save finds the file changed (a colleague saved; see what they did before
    /// saving yours).
    mutating func requestReload() -> [Effect] {
        guard let path = document.path else {
            status = .warning("Nothing to reload: this is the built-in demo, not a file (:w PATH saves it to one)")
            return []
        }
        guard !isReadOnly else {
            status = .warning("Read-only: reopen the file to read it again")
            return []
        }
        status = StatusMessage("Reloading \(path)…")
        return [.reload(path: path)]
    }
}

extension Change {
    /// Whether applying this change, which returned `inverse`, left everything as it was: a level
    /// set to the level it had, a rename to the same name (every part, for a compound change).
    func changesNothing(inverse: Change) -> Bool {
        if case .compound(let parts) = self, case .compound(let back) = inverse {
            return parts.count == back.count && zip(parts, back.reversed()).allSatisfy { $0.changesNothing(inverse: $1) }
        }
        return self == inverse
    }
}
