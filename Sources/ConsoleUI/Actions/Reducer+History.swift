import SecurityModel

extension AppState {
    /// Applies one edit through the domain, records it for undo and the journal, and refreshes
    /// what depends on the model. A refused edit leaves everything as it was and says why.
    mutating func applyEdit(_ change: Change) -> [Effect] {
        if isReadOnly {
            status = .error("read-only: \(readOnlyReason); nothing can be changed")
            return []
        }
        let before = change.environmentId.flatMap { snapshot.environments[$0] }
        do {
            let inverse = try snapshot.apply(change)
            let after = change.environmentId.flatMap { snapshot.environments[$0] }
            let summary = ChangeDescription.summary(of: change, inverse: inverse, before: before, after: after)
            history.done.append(EditHistory.Entry(change: change, inverse: inverse, summary: summary))
            history.undone = []
            modelChanged(by: change)
            status = .success(summary)
            return [.appendJournal(.edit(change))]
        } catch {
            status = .error(error.message)
            return []
        }
    }

    var readOnlyReason: String {
        if case .solutionFolder = document.source { return "an imported solution folder opens read-only" }
        return "opened with --read-only"
    }

    /// `u`: undoes the last edit.
    mutating func undo() -> [Effect] {
        guard !isReadOnly else {
            status = .error("read-only: \(readOnlyReason)")
            return []
        }
        guard let entry = history.done.last else {
            status = StatusMessage("Nothing to undo")
            return []
        }
        do {
            _ = try snapshot.apply(entry.inverse)
            history.done.removeLast()
            history.undone.append(entry)
            modelChanged(by: entry.inverse)
            status = StatusMessage("Undone: \(entry.summary)")
            return [.appendJournal(.undo)]
        } catch {
            status = .error("Cannot undo \(entry.summary): \(error.message)")
            return []
        }
    }

    /// Ctrl-R: re-applies the last undone edit.
    mutating func redo() -> [Effect] {
        guard !isReadOnly else {
            status = .error("read-only: \(readOnlyReason)")
            return []
        }
        guard let entry = history.undone.last else {
            status = StatusMessage("Nothing to redo")
            return []
        }
        do {
            let inverse = try snapshot.apply(entry.change)
            history.undone.removeLast()
            history.done.append(EditHistory.Entry(change: entry.change, inverse: inverse, summary: entry.summary))
            modelChanged(by: entry.change)
            status = StatusMessage("Redone: \(entry.summary)")
            return [.appendJournal(.redo)]
        } catch {
            status = .error("Cannot redo \(entry.summary): \(error.message)")
            return []
        }
    }

    /// `x` on the pending-changes list: reverts one edit, wherever it is in the list.
    mutating func revertSelected() -> [Effect] {
        guard screen == .pendingChanges else { return [] }
        guard let row = pendingList.selectedId, let index = Int(row) else {
            status = StatusMessage("No pending change selected")
            return []
        }
        return revert(index: index)
    }

    /// Reverts the pending edit at `index` by applying its inverse; later edits stay.
    mutating func revert(index: Int) -> [Effect] {
        guard !isReadOnly else {
            status = .error("read-only: \(readOnlyReason)")
            return []
        }
        guard history.done.indices.contains(index) else { return [] }
        let entry = history.done[index]
        do {
            _ = try snapshot.apply(entry.inverse)
            history.done.remove(at: index)
            history.undone = []
            modelChanged(by: entry.inverse)
            status = StatusMessage("Reverted: \(entry.summary)")
            return [.appendJournal(.revert(index: index))]
        } catch {
            status = .error("Cannot revert \(entry.summary): \(error.message) (a later edit depends on it)")
            return []
        }
    }

    /// Replays journal records through the same operations; returns how many were refused.
    mutating func replay(_ records: [JournalRecord]) -> Int {
        var refused = 0
        for record in records {
            let saved = status
            let effects: [Effect]
            switch record {
            case .edit(let change): effects = applyEdit(change)
            case .undo: effects = undo()
            case .redo: effects = redo()
            case .revert(let index): effects = revert(index: index)
            }
            if effects.isEmpty { refused += 1 }
            status = saved
        }
        return refused
    }

    /// Refreshes everything derived from the model after an edit, undo, redo or revert.
    mutating func modelChanged(by change: Change) {
        modelGeneration += 1
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
        refreshEffective()
        whoCan.answer = nil
        if screen == .whoCan { refreshWhoCan() }
        refreshPendingList()
    }

    /// Rows of the pending-changes list: one per edit, by index.
    mutating func refreshPendingList() {
        pendingList.replaceRows(history.done.indices.map(String.init), height: visibleRows(on: .pendingChanges))
    }
}

extension Change {
    /// Whether the change creates, renames or deletes something the browser lists.
    var changesCatalog: Bool {
        switch self {
        case .createRole, .renameRole, .deleteRole, .createTeam, .renameTeam, .deleteTeam, .createProfile, .renameProfile,
            .deleteProfile, .createBusinessUnit, .renameBusinessUnit, .deleteBusinessUnit:
            true
        case .compound(let parts): parts.contains { $0.changesCatalog }
        default: false
        }
    }
}
