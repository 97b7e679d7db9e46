import SecurityModel

extension AppState {
    /// Applies one edit through the domain, records it for undo and the journal, and refreshes
    /// what depends on the model. A refused edit leaves everything as it was and says why.
    mutating func applyEdit(_ change: Change, confirmed: Bool = false) -> [Effect] {
        if isReadOnly {
            status = .error("read-only: \(readOnlyReason); nothing can be changed")
            return []
        }
        let before = ChangeDescription.priorNames(for: change, in: change.environmentId.flatMap { snapshot.environments[$0] })
        // In production, making someone an administrator is asked first (who, and what it gives).
        if !confirmed {
            let asked = askBeforeAdministratorGrant(change, then: .apply) { snapshot in
                // Said as the pending list will say it (worked out only when asking).
                var copy = snapshot
                guard let inverse = try? copy.apply(change) else { return "" }
                return ChangeDescription.summary(
                    of: change, inverse: inverse, before: before, after: change.environmentId.flatMap { copy.environments[$0] })
            }
            if asked { return [] }
        }
        do {
            let inverse = try snapshot.apply(change)
            let after = change.environmentId.flatMap { snapshot.environments[$0] }
            let summary = ChangeDescription.summary(of: change, inverse: inverse, before: before, after: after)
            let entry = EditHistory.Entry(id: history.nextId, change: change, inverse: inverse, summary: summary)
            history.nextId += 1
            history.done.append(entry)
            history.undone = []
            history.unsaved.append(entry)
            modelChanged(by: change)
            status = .success(summary)
            return [.journal(change, replacing: inverse)]
        } catch {
            status = .error(error.message)
            return []
        }
    }

    /// In a production environment, when `change` would make someone an administrator (the
    /// domain says who): opens the question whose "y" does `then`, and says so.
    mutating func askBeforeAdministratorGrant(
        _ change: Change, then: AdministratorQuestion.FollowUp, summary: (Snapshot) -> String
    ) -> Bool {
        guard change.environmentId.flatMap({ snapshot.environments[$0]?.type }) == .production else { return false }
        let grants = snapshot.administratorGrants(of: change)
        guard !grants.isEmpty else { return false }
        dialog = .confirmAdministratorGrant(AdministratorQuestion(change: change, summary: summary(snapshot), grants: grants, then: then))
        return true
    }

    var readOnlyReason: String {
        if case .solutionFolder = document.source { return "an imported solution folder opens read-only" }
        if document.editedElsewhere { return "another dvsec session is editing this file" }
        if let names = document.hardLinks {
            return
                "the file has \(names) names (hard links): a save would replace this one only and split them; :w PATH saves a copy to edit"
        }
        if let kind = document.notARegularFile {
            return "\(SnapshotFile.sourceName(document.path ?? "")) \(kind), not a regular file: :w PATH saves a copy elsewhere"
        }
        return "opened with --read-only"
    }

    /// `u`: undoes the last edit, saved or not.
    mutating func undo(confirmed: Bool = false) -> [Effect] {
        guard !isReadOnly else {
            status = .error("read-only: \(readOnlyReason)")
            return []
        }
        guard let entry = history.done.last else {
            status = StatusMessage("Nothing to undo")
            return []
        }
        // Undoing a disable (or a removal) can make an administrator again: asked like an edit.
        if !confirmed, askBeforeAdministratorGrant(entry.inverse, then: .undo, summary: { _ in "Undo: \(entry.summary)" }) { return [] }
        // A revert with nothing saved since: the reverted change goes back where it was.
        if let lists = entry.revert, history.unsaved == lists.unsavedAfter {
            do {
                _ = try snapshot.apply(entry.inverse)
            } catch {
                status = .error("Cannot undo \(entry.summary): \(error.message)")
                return []
            }
            history.done = lists.doneBefore
            history.unsaved = lists.unsavedBefore
            history.undone.append(entry)
            modelChanged(by: entry.inverse)
            selectCreated(by: entry.inverse)
            status = StatusMessage("Undone: \(entry.summary)" + elsewhere(entry.change))
            return [.journal(entry.inverse, replacing: entry.change)]
        }
        do {
            _ = try snapshot.apply(entry.inverse)
            history.done.removeLast()
            history.undone.append(entry)
            if history.unsaved.last?.id == entry.id {
                history.unsaved.removeLast()
            } else {
                history.unsaved.append(
                    EditHistory.Entry(
                        id: history.nextId, change: entry.inverse, inverse: entry.change,
                        summary: "Undo: \(entry.summary)", undoOf: entry.id))
                history.nextId += 1
            }
            modelChanged(by: entry.inverse)
            selectCreated(by: entry.inverse)
            status = StatusMessage("Undone: \(entry.summary)" + elsewhere(entry.change))
            return [.journal(entry.inverse, replacing: entry.change)]
        } catch {
            status = .error("Cannot undo \(entry.summary): \(error.message)")
            return []
        }
    }

    /// Ctrl-R: re-applies the last undone edit.
    mutating func redo(confirmed: Bool = false) -> [Effect] {
        guard !isReadOnly else {
            status = .error("read-only: \(readOnlyReason)")
            return []
        }
        guard let entry = history.undone.last else {
            status = StatusMessage("Nothing to redo")
            return []
        }
        if !confirmed, askBeforeAdministratorGrant(entry.change, then: .redo, summary: { _ in entry.summary }) { return [] }
        if let lists = entry.revert, history.done == lists.doneBefore, history.unsaved == lists.unsavedBefore {
            do {
                _ = try snapshot.apply(entry.change)
            } catch {
                status = .error("Cannot redo \(entry.summary): \(error.message)")
                return []
            }
            history.undone.removeLast()
            history.done = lists.doneAfter + [entry]
            history.unsaved = lists.unsavedAfter
            modelChanged(by: entry.change)
            selectCreated(by: entry.change)
            status = StatusMessage("Redone: \(entry.summary)" + elsewhere(entry.change))
            return [.journal(entry.change, replacing: entry.inverse)]
        }
        do {
            let inverse = try snapshot.apply(entry.change)
            history.undone.removeLast()
            var redone = entry
            redone.inverse = inverse
            history.done.append(redone)
            if history.unsaved.last?.undoOf == entry.id {
                history.unsaved.removeLast()
            } else {
                history.unsaved.append(redone)
            }
            modelChanged(by: entry.change)
            selectCreated(by: entry.change)
            status = StatusMessage("Redone: \(entry.summary)" + elsewhere(entry.change))
            return [.journal(entry.change, replacing: inverse)]
        } catch {
            status = .error("Cannot redo \(entry.summary): \(error.message)")
            return []
        }
    }

    /// `x` on the pending-changes list: reverts the selected unsaved change.
    mutating func revertSelected() -> [Effect] {
        guard screen == .pendingChanges else { return [] }
        guard let row = pendingList.selectedId, let index = Int(row) else {
            status = StatusMessage("No pending change selected")
            return []
        }
        return revert(index: index)
    }

    /// Reverts the unsaved change at `index`; later changes stay, as if it had never been made.
    ///
    /// On a copy: the later changes are taken back, the change's inverse applied, and the later
    /// changes made again (each with its inverse and sentence worked out anew). A later change
    /// that no longer applies (an assignment to a role the reverted change created) refuses the
    /// revert and leaves everything as it was. Before, only the inverse was applied, which undid
    /// what later changes had made on top (a level raised twice went back to the first value,
    /// while the second change still said it had raised it).
    mutating func revert(index: Int, confirmed: Bool = false) -> [Effect] {
        guard !isReadOnly else {
            status = .error("read-only: \(readOnlyReason)")
            return []
        }
        guard history.unsaved.indices.contains(index) else { return [] }
        let entry = history.unsaved[index]
        // Reverting a disable (say) can make an administrator again: asked like an edit.
        if !confirmed, askBeforeAdministratorGrant(entry.inverse, then: .revert(index: index), summary: { _ in "Revert: \(entry.summary)" })
        {
            return []
        }
        let later = Array(history.unsaved[(index + 1)...])
        let before = (done: history.done, unsaved: history.unsaved, snapshot: snapshot)
        var copy = snapshot
        var journal: [Change] = []
        var rebased: [EditHistory.Entry] = []
        // What re-makes each later change once taken back, in the order they were taken back.
        var laterAgain: [Change] = []
        let redo: Change
        // The later edit being made again, to name it when it no longer applies.
        var remaking: EditHistory.Entry?
        do {
            for e in later.reversed() {
                laterAgain.append(try copy.apply(e.inverse))
                journal.append(e.inverse)
            }
            redo = try copy.apply(entry.inverse)
            journal.append(entry.inverse)
            for e in later {
                remaking = e
                // Made again over the reverted state.
                let again = try e.remade(on: &copy)
                rebased.append(again)
                journal.append(again.change)
            }
        } catch {
            // Named by the later edit (its sentence), not by the id the domain's error carries.
            status = .error(
                remaking.map { "Cannot revert \(entry.summary): later edit “\($0.summary)” depends on it (revert that one first)" }
                    ?? "Cannot revert \(entry.summary): \(error.message)")
            return []
        }
        // When the later changes do not build on it (the usual case), the journal needs only the
        // inverse: replaying it gives the same model. (With no later change it is that already;
        // the check would copy and compare the whole snapshot for nothing.)
        if !later.isEmpty {
            var direct = snapshot
            if (try? direct.apply(entry.inverse)) != nil, direct == copy, rebased.map(\.inverse) == later.map(\.inverse),
                rebased.map(\.change) == later.map(\.change)
            {
                journal = [entry.inverse]
            }
        }
        snapshot = copy
        // A later change that now changes nothing (Organization → None reverted under a later
        // None → Organization: "Organization → Organization") is no longer unsaved.
        history.unsaved = Array(history.unsaved[..<index]) + rebased.filter { $0.change != $0.inverse }
        history.undone = []
        let byId = Dictionary(uniqueKeysWithValues: rebased.map { ($0.id, $0) })
        history.done = history.done.map { byId[$0.id] ?? $0 }
        if let original = entry.undoOf {
            // Reverting "Undo: X" re-applies X, which undo can take back again. X was re-applied
            // before the later changes, so it goes below them on the undo stack.
            history.done.removeAll { $0.id == entry.id }
            let redone = EditHistory.Entry(
                id: original, change: entry.inverse, inverse: redo,
                summary: entry.summary.hasPrefix("Undo: ") ? String(entry.summary.dropFirst("Undo: ".count)) : entry.summary)
            let laterIds = Set(rebased.map(\.id))
            if let first = history.done.firstIndex(where: { laterIds.contains($0.id) }) {
                history.done.insert(redone, at: first)
            } else {
                history.done.append(redone)
            }
        } else {
            history.done.removeAll { $0.id == entry.id }
        }
        // Undoable: the way back is the rebase read backwards, kept only if it does lead back.
        let back = rebased.reversed().map(\.inverse) + [redo] + laterAgain.reversed()
        var check = copy
        if (try? check.apply(.compound(back))) != nil, check == before.snapshot {
            history.done.append(
                EditHistory.Entry(
                    id: history.nextId, change: .compound(journal), inverse: .compound(back), summary: "Revert: \(entry.summary)",
                    revert: EditHistory.RevertLists(
                        doneBefore: before.done, unsavedBefore: before.unsaved, doneAfter: history.done, unsavedAfter: history.unsaved)))
            history.nextId += 1
        }
        modelChanged(by: .compound(journal))
        status = StatusMessage("Reverted: \(entry.summary) (u puts it back)")
        // Journaled as the revert it is: replayed as changes, they came back as new pending edits.
        let applied = journal.count == 1 ? journal[0] : Change.compound(journal)
        return [.appendJournalRecord(.revert(index: index, change: entry.change, applied: applied))]
    }

    /// Replays journaled changes; a change that undoes the last edit (or redoes the last undone
    /// one) is replayed as that undo or redo, so the recovered history matches the lost one.
    /// Returns how many changes were refused.
    mutating func replay(_ changes: [Change]) -> Int {
        replayKeepingApplied(changes.map(JournalRecord.change)).refused.count
    }

    /// ``replay(_:)`` of journal records, also returning the records that applied, in order. A
    /// revert is replayed as that revert when the pending list has the same change at that place,
    /// as the changes it applied otherwise.
    mutating func replayKeepingApplied(
        _ records: [JournalRecord]
    ) -> (
        refused: [RefusedRecord], applied: [JournalRecord], conflicts: [String]
    ) {
        var applied: [JournalRecord] = []
        var refused: [RefusedRecord] = []
        var conflicts: [String] = []
        for (position, record) in records.enumerated() {
            let saved = status
            let effects: [Effect]
            // A whole-record change sets only the fields it changed over the file as it is now.
            let change = record.change(onto: snapshot)
            // Edits made (and asked about) in the session that wrote the journal: not asked again.
            if case .revert(let index, let reverted, _) = record, history.unsaved.indices.contains(index),
                history.unsaved[index].change == reverted
            {
                effects = revert(index: index, confirmed: true)
            } else if let top = history.done.last, top.inverse == change,
                history.unsaved.last?.id == top.id || top.revert.map({ history.unsaved == $0.unsavedAfter }) == true
            {
                // The undo of the last edit, or of a revert (which puts the reverted change back).
                effects = undo(confirmed: true)
            } else if let next = history.undone.last, next.change == change {
                effects = redo(confirmed: true)
            } else {
                effects = applyEdit(change, confirmed: true)
                // What it replaces on the file now is not what it replaced when it was made: the
                // file changed it too since (a data-safety review found a colleague's lowered
                // level raised again, a reduction recovered as an escalation, without a word).
                // Made, and marked in the pending list as a reload marks it.
                if !effects.isEmpty, let top = history.done.last, top.change == change, record.conflicts(withInverse: top.inverse) {
                    let marked = top.summary + JournalRecovery.conflictSuffix
                    history.done[history.done.count - 1].summary = marked
                    if let i = history.unsaved.lastIndex(where: { $0.id == top.id }) { history.unsaved[i].summary = marked }
                    conflicts.append(top.summary)
                }
            }
            if effects.isEmpty {
                // What it was to do, with the names the file still has, and the domain's refusal.
                let env = change.environmentId.flatMap { snapshot.environments[$0] }
                refused.append(
                    RefusedRecord(
                        position: position, summary: ChangeDescription.unapplied(change, in: env),
                        reason: status?.text ?? "does not apply"))
            } else if case .appendJournalRecord(let r)? = effects.first {
                applied.append(r)
            } else {
                applied.append(.change(change))
            }
            status = saved
        }
        return (refused, applied, conflicts)
    }

    /// A journaled record a recovery could not apply: its place in the journal (0-based), what
    /// it was to do, and why it does not apply.
    struct RefusedRecord: Hashable, Sendable {
        var position: Int
        var summary: String
        var reason: String
    }

    /// Refreshes everything derived from the model after an edit, undo, redo or revert.
    mutating func modelChanged(by change: Change) {
        modelGeneration += 1
        if change.affectsCounts { counts = nil }
        if change.changesCatalog, let env = environment {
            catalog?.rebuildSmallKinds(env)
            for pane in Pane.allCases where pane != .users { refreshBrowserRows(pane) }
        }
        if let id = roleEditor?.roleId, environment?.roles[id] == nil {
            screens.removeAll { $0 == .roleEditor }
            roleEditor = nil
        } else {
            refreshRoleEditorRows()
        }
        if let id = profileEditor?.profileId, environment?.fieldSecurityProfiles[id] == nil {
            screens.removeAll { $0 == .profileEditor }
            profileEditor = nil
        } else {
            refreshProfileEditorRows()
        }
        if let principal = effective?.principal, !exists(principal) {
            screens.removeAll { $0 == .effectiveAccess }
            effective = nil
        } else {
            refreshEffective()
        }
        whoCan.answer = nil
        whoCan.index = CachedIndex()
        whoCan.answers.forget()
        whoCan.computing = nil
        whoCan.columnAnswer = nil
        if screen == .whoCan { refreshWhoCan() }
        refreshPendingList()
        refreshReviews()
    }

    /// Whether a user or team is (still) in the open environment.
    private func exists(_ principal: Principal) -> Bool {
        switch principal {
        case .user(let id): environment?.users[id] != nil
        case .team(let id): environment?.teams[id] != nil
        }
    }

    /// " (in Contoso Production)" for a change to an environment other than the one open: undo
    /// and redo walk the history of every environment, and said nothing about which one.
    func elsewhere(_ change: Change) -> String {
        guard let id = change.environmentId, id != environmentId, let env = snapshot.environments[id] else { return "" }
        return " (in \(env.name)\(env.type == .production ? ", PROD" : ""))"
    }

    /// Rows of the pending-changes list: one per unsaved change, by index.
    mutating func refreshPendingList() {
        pendingList.replaceRows(history.unsaved.indices.map(String.init), height: visibleRows(on: .pendingChanges))
    }
}

extension Change {
    /// Whether the change creates, renames or deletes something the browser lists.
    var changesCatalog: Bool {
        switch self {
        case .createRole, .renameRole, .deleteRole, .createTeam, .renameTeam, .deleteTeam, .createProfile, .renameProfile,
            .deleteProfile, .createBusinessUnit, .renameBusinessUnit, .deleteBusinessUnit, .setBusinessUnitParent:
            true
        case .compound(let parts): parts.contains { $0.changesCatalog }
        default: false
        }
    }

}
