import SecurityModel

extension AppState {
    /// Ctrl-S / `:w [PATH]`.
    mutating func requestSave(path: String?) -> [Effect] {
        let given = path.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        // A snapshot read from a pipe or a FIFO is saved only elsewhere, as a copy.
        if isReadOnly && (document.notARegularFile == nil || given == nil) {
            status = .error("read-only: \(readOnlyReason); nothing to save")
            quitAfterSave = false
            return []
        }
        let target = given ?? document.path
        guard let target else {
            input = .savePath
            status = StatusMessage("The demo organisation has no file yet: type a path after :w and press Enter")
            return []
        }
        if path == nil, history.pendingCount == 0 {
            status = StatusMessage("No unsaved changes")
            if quitAfterSave {
                hasQuit = true
                return [.quit]
            }
            return []
        }
        status = StatusMessage("Saving \(target)…")
        return [.save(path: target, force: false)]
    }

    /// The result of a save effect.
    mutating func saveFinished(_ outcome: SaveOutcome) -> [Effect] {
        switch outcome {
        case .saved(let path, let fingerprint), .alreadySaved(let path, let fingerprint):
            let count = history.pendingCount
            let copied = document.notARegularFile != nil && path != document.path
            document.source = .file(path)
            document.fingerprint = fingerprint
            history.unsaved = []
            refreshPendingList()
            if case .alreadySaved = outcome {
                status = .success(
                    "Nothing to write: the \(counted(count, "change")) cancel\(count == 1 ? "s" : "") out, and \(path) already holds this (it and its .bak are as they were)"
                )
            } else {
                status = .success("Saved \(count) change\(count == 1 ? "" : "s") to \(path)")
            }
            if copied {
                // The copy of what a pipe gave is a regular file, this session's (the runner
                // holds its lock): edited and saved there from now on.
                document.notARegularFile = nil
                document.isReadOnly = false
                status = .success("Saved a copy to \(path): edits are allowed now, and saved there")
            }
            if quitAfterSave {
                hasQuit = true
                return [.removeJournal, .quit]
            }
            return [.removeJournal]
        case .changedOnDisk(let path) where path != document.path:
            // Another file than the open one (the runner hands the open file back under its
            // own spelling): it was never opened, so it cannot have changed since.
            dialog = .fileExists(path: path)
            status = .warning("Not saved: \(path) exists (E13: File exists)")
            return []
        case .changedOnDisk(let path):
            dialog = .changedOnDisk(path: path)
            // Nothing was written: the status said "Saving …" under the question.
            status = .warning("Not saved: \(path) changed on disk since it was opened")
            return []
        case .fileGone(let path):
            dialog = .fileGone(path: path)
            status = .warning("Not saved: \(path) was deleted on disk since it was opened")
            return []
        case .notAFile(let path, let kind):
            dialog = .notAFile(path: path, kind: kind)
            status = .warning("Not saved: \(path) \(kind) now, not the file that was opened")
            return []
        case .failed(let message):
            quitAfterSave = false
            status = .error(message)
            return []
        }
    }

    /// `q`, `:q`, `:q!`.
    mutating func requestQuit(force: Bool) -> [Effect] {
        if force || history.pendingCount == 0 {
            hasQuit = true
            // The journal goes whenever this session wrote to it: an edit then its undo leave
            // nothing pending, yet a journal that would be offered as a crash to recover.
            let journaled = history.pendingCount > 0 || !history.done.isEmpty || !history.undone.isEmpty
            return journaled ? [.removeJournal, .quit] : [.quit]
        }
        dialog = .confirmQuit(unsaved: history.pendingCount)
        return []
    }

    /// Only dialog answers (and Esc) count while a dialog is open.
    mutating func reduceInDialog(_ action: Action) -> [Effect] {
        guard let dialog else { return [] }
        let answer: DialogAnswer
        if case .dialogKeyIgnored = action {
            let letters = dialog.answers.map { String($0.key) }.joined(separator: ", ")
            let escape: String =
                switch dialog {
                case .recoverJournal: ""
                case .confirmDeletion, .confirmAdministratorGrant, .confirmColumnExposure: "; Esc keeps things as they are"
                default: "; Esc cancels"
                }
            status = .warning("This question takes only the letters shown (\(letters))\(escape): other keys do nothing here")
            return []
        }
        switch action {
        case .dialogAnswered(let a) where dialog.answers.contains(a): answer = a
        case .backRequested, .inputCancelled, .inputSubmitted:
            // "y/N": Enter and Esc keep what the question would delete.
            switch dialog {
            case .confirmDeletion, .confirmAdministratorGrant, .confirmColumnExposure:
                answer = .keep
            default:
                // Esc (or Enter) must not quit from the recovery question, nor pass unanswered:
                // it asks to choose, and says how (a review found the keys silently ignored).
                if case .recoverJournal = dialog {
                    status = .warning("Choose with the letter shown: a recovers the edits, d discards them, q quits and asks next time")
                    return []
                }
                if case .inputSubmitted = action { return [] }
                answer = .cancel
            }
        default: return []
        }
        self.dialog = nil
        switch (dialog, answer) {
        case (.confirmQuit, .saveAndQuit):
            quitAfterSave = true
            return requestSave(path: nil)
        case (.confirmQuit, .discardAndQuit):
            hasQuit = true
            return [.removeJournal, .quit]
        case (.changedOnDisk(let path), .overwrite), (.fileExists(let path), .overwrite), (.fileGone(let path), .overwrite):
            status = StatusMessage("Saving \(path)…")
            return [.save(path: path, force: true)]
        case (.changedOnDisk(let path), .reloadAndReapply):
            status = StatusMessage("Reloading \(path)…")
            return [.reload(path: path)]
        case (.notAFile, .quitKeepingJournal):
            // The journal stays: the edits are offered back the next time the file is opened.
            hasQuit = true
            return [.quit]
        case (.changedOnDisk, .saveAs), (.fileExists, .saveAs), (.fileGone, .saveAs), (.notAFile, .saveAs):
            input = .savePath
            status = StatusMessage("Type the path to save to after :w")
            return []
        case (.recoverJournal(let recovery), .applyJournal):
            let (refused, applied, conflicts) = replayKeepingApplied(recovery.changes)
            let count = history.pendingCount
            // Each edit not recovered is named (in :messages), as a reload names what it skips;
            // they were dropped without a word.
            for r in refused {
                messageLog.append(
                    .warning(
                        "Not recovered from the journal (record \(r.position + 1) of \(recovery.changes.count)): \(r.summary) (\(r.reason))"
                    ))
            }
            // So are the records after a damaged one, which are not applied (the journal is kept
            // aside with them): a review found them counted and never named.
            let damage = recovery.damage
            for summary in recovery.notAppliedSummaries {
                messageLog.append(
                    .warning("Not applied from the journal (after the damaged record \(recovery.changes.count + 1)): \(summary)"))
            }
            if damage.notApplied > recovery.notAppliedSummaries.count {
                messageLog.append(
                    .warning(
                        "\(damage.notApplied - recovery.notAppliedSummaries.count) more not applied from the journal: it is kept aside"))
            }
            for c in conflicts {
                messageLog.append(.warning("Conflict on recovery from the journal: the file changed it too since; made again as \(c)"))
            }
            var notes: [String] = []
            if !refused.isEmpty { notes.append("\(refused.count) could not be applied to the file as it is now") }
            if !conflicts.isEmpty {
                notes.append(
                    "\(counted(conflicts.count, "conflict")): the file changed \(conflicts.count == 1 ? "it" : "them") too since (yours made again, marked in the list): "
                        + conflicts.prefix(3).joined(separator: "; ") + (conflicts.count > 3 ? "; …" : ""))
            }
            if damage.unreadable > 0 {
                let (n, m) = (damage.unreadable, damage.notApplied)
                notes.append(
                    counted(n, "damaged journal record")
                        + (m > 0
                            ? " and the \(m == 1 ? "record" : "\(m) records") after \(n == 1 ? "it" : "them") were not applied"
                            : " \(n == 1 ? "was" : "were") not read"))
            }
            let named = !refused.isEmpty || !conflicts.isEmpty || damage.notApplied > 0 ? " (:messages names them)" : ""
            status =
                notes.isEmpty
                ? .success(
                    "Recovered \(count) unsaved edit\(count == 1 ? "" : "s") from the journal; :w saves \(count == 1 ? "it" : "them")")
                : .warning("Recovered \(counted(count, "edit")); " + notes.joined(separator: "; ") + named)
            // The journal is written anew with what applied: a torn or damaged line left in it
            // would swallow every edit made from now on at the next recovery. One whose edits did
            // not all apply is kept aside first: nothing journaled is deleted unseen.
            openWaitingBaseline()
            return [refused.isEmpty && recovery.damage.isEmpty ? .removeJournal : .setJournalAside]
                + applied.map { record in
                    if case .change(let change) = record { return Effect.appendJournal(change) }
                    return Effect.appendJournalRecord(record)
                }
        case (.recoverJournal, .discardJournal):
            status = StatusMessage("Discarded the journaled edits")
            openWaitingBaseline()
            return [.removeJournal]
        case (.recoverJournal, .quitKeepingJournal):
            hasQuit = true
            return [.quit]
        case (.confirmDeletion(let question), .delete):
            return confirmDeletion(question)
        case (.confirmAdministratorGrant(let question), .grant):
            switch question.then {
            case .apply: return applyEdit(question.change, confirmed: true)
            case .undo: return undo(confirmed: true)
            case .redo: return redo(confirmed: true)
            case .revert(let index): return revert(index: index, confirmed: true)
            }
        case (.confirmColumnExposure(let question), .grant):
            return applyEdit(question.change, confirmed: true)
        case (.confirmColumnExposure(let question), .keep):
            status = StatusMessage("Kept: \(question.exposure.column.description) stays secured (answered no)")
            return []
        case (.confirmAdministratorGrant(let question), .keep):
            status = StatusMessage("Kept: nothing changed (answered no: \(question.summary))")
            return []
        case (.confirmDeletion(let question), .keep):
            status = StatusMessage("Kept: nothing deleted (answered no: \(question.title))")
            return []
        default:
            quitAfterSave = false
            return []
        }
    }
}
