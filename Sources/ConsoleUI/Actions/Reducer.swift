import SecurityModel
import TerminalCore

/// Applies an action to the state and returns the effects to run.
///
/// The one place the console's state changes. It never touches the terminal or the disk: it asks
/// for that with ``Effect`` values, whose results come back as actions. It never evaluates a
/// security rule either: edits go through `Snapshot.apply`, answers come from the domain.
@discardableResult
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    let previous = state.status
    let effects = reduceAction(&state, action)
    state.logStatus(previous: previous)
    return effects
}

private func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .terminalResized(let size):
        let anchors = state.diffEntryScrollAnchors()
        state.size = size
        if let anchors { state.restoreDiffEntryScroll(anchors) }
        state.scrollAllToCursor()
        state.refreshPreview()
        return []
    case .saveFinished(let outcome):
        return state.saveFinished(outcome)
    case .reloadFinished(let outcome):
        // It opens the pending list, whose impact may be computed in the background.
        let effects = state.reloadFinished(outcome)
        defer { state.requestedEffects = [] }
        return effects + state.requestedEffects
    case .themeLoaded(let theme, let warnings):
        // `:theme` with a name or file that does not load keeps the theme in use (the catalog
        // falls back to the default, which is right at start-up only), and says so also when
        // the theme in use is the default: "using the default theme" read as a switch.
        if !warnings.isEmpty && theme == .builtInDefault {
            let reasons = warnings.map {
                $0.replacingOccurrences(of: "; using the default theme", with: "")
                    .replacingOccurrences(of: "\nusing the default theme", with: "")
            }
            state.status = .warning(reasons.joined(separator: " ") + "; kept theme \(state.theme.name)")
            return []
        }
        state.theme = theme
        state.status = warnings.isEmpty ? .success("Theme \(theme.name)") : .warning(warnings.joined(separator: " "))
        return []
    case .pendingImpactComputed(let key, let result):
        // The selected change's own impact is asked for once the combined one is in.
        state.pendingImpactComputed(key, result)
        defer { state.requestedEffects = [] }
        return state.requestedEffects
    case .whoCanComputed(let key, let result, let index):
        state.whoCanComputed(key, result, index: index)
        return []
    case .findingsChecked(let key, let findings, let index):
        state.findingsChecked(key, findings, index: index)
        defer { state.requestedEffects = [] }
        return state.requestedEffects
    case .journalFailed(let message, let behind):
        state.status = .warning(
            "Journal not written (\(message)): \(counted(behind, "edit")) not crash-safe until the journal is written again or saved")
        return []
    case .journalKeptAside(let path):
        let said = state.status?.text ?? "Recovered"
        state.status = .warning("\(said); the journal as it was is kept in \(path)")
        return []
    case .journalCaughtUp(let count):
        state.status = .success("Journal written again, with the \(counted(count, "edit")) a failed write had left out")
        return []
    case .journalRewritten(let path, let records, let aside):
        let what = aside.map { "had been replaced by another file (kept in \($0))" } ?? "had been deleted"
        state.status = .warning(
            "The journal \(path) \(what): written again with all \(counted(records, "journaled change")), so a crash still loses no edit")
        return []
    case .journalSetAside(let path):
        let saved = state.status?.text ?? "Saved"
        state.status = .warning("\(saved); an earlier session's unsaved edits to that file were set aside in \(path)")
        return []
    case .suspendRequested:
        // From anywhere, an open dialog or line included: they are there on return.
        return [.suspend]
    case .suspendFinished(let resumed):
        state.status = resumed ? nil : .warning("Ctrl-Z: this shell has no job control, so dvsec keeps running (q quits)")
        return []
    default:
        break
    }
    // Too small to draw anything but the notice: a key must not act out of sight (a question
    // nobody sees, a user disabled by `d`). Only q quits, and only when nothing is unsaved.
    if !state.layout.fits {
        if case .quitRequested = action, state.history.pendingCount == 0 {
            state.hasQuit = true
            return [.quit]
        }
        return []
    }
    // A user action: the previous message has been read.
    state.status = nil
    let effects: [Effect]
    if state.dialog != nil {
        effects = state.reduceInDialog(action)
    } else if state.picker != nil, let handled = state.reduceInPicker(action) {
        effects = handled
    } else if state.help != nil, let handled = state.reduceInHelp(action) {
        effects = handled
    } else if state.input != nil, let handled = state.reduceInInput(action) {
        effects = handled
    } else {
        if case .detailScrolled(let lines) = action {
            state.scrollPanel(by: lines)
        } else if state.screen == .diffEntry, case .cursorMoved(let move) = action {
            // A change's screen has no list: the arrows, j/k and the page keys scroll its users
            // (or its lines, after Tab).
            state.scrollPanel(move)
        } else if state.screen == .diffEntry, case .paneCycled = action {
            // Tab there swaps which panel scrolls; each keeps its place (cyclePane).
        } else if state.screen == .diffEntry, case .selectionOpened = action {
            // Enter there opens the user at the top of the users panel: read where it stands.
        } else {
            state.detailScroll = 0
        }
        effects = state.reduceOnScreen(action)
    }
    state.refreshPreview()
    state.refreshCounts()
    defer { state.requestedEffects = [] }
    return effects + state.requestedEffects
}

extension AppState {
    /// Actions that are not about text entry or an overlay.
    // swiftlint:disable:next cyclomatic_complexity
    mutating func reduceOnScreen(_ action: Action) -> [Effect] {
        if screen == .roleEditor, let armed = roleEditor?.levelDigitsArmed {
            roleEditor?.levelDigitsArmed = RoleEditorState.armsLevelDigits(after: action, armed: armed)
        }
        switch action {
        case .cursorMoved(let move): moveCursor(move)
        case .paneCycled(let forward): cyclePane(forward: forward)
        case .paneChosen(let pane): choosePane(pane)
        case .selectionOpened: return openSelection()
        case .backRequested: goBack()
        case .screenRequested(let screen): requestScreen(screen)
        case .helpRequested: help = HelpState()
        case .detailScrolled: break
        case .filterStarted: startFilter()
        case .commandLineOpened: input = InputLine(purpose: .command)
        case .levelRaised: return changeLevel(.raise)
        case .levelLowered: return changeLevel(.lower)
        case .levelCycled: return changeLevel(.cycle)
        case .levelChosen(let level): return changeLevel(.set(level))
        case .memberInheritanceToggled: return toggleInheritance()
        case .customTablesToggled: toggleCustomTables()
        case .roleAssignmentRequested: openRoleAssignment()
        case .removalRequested: openRemoval()
        case .teamMembershipRequested: openTeamMembership()
        case .memberAdditionRequested: openMemberAddition()
        case .businessUnitChangeRequested: openBusinessUnitChange()
        case .profileMembershipRequested: openProfileMembership()
        case .userDisabledToggled: return toggleUserDisabled()
        case .accessModeCycled: return cycleAccessMode()
        case .roleCopyUnitRequested: openRoleCopyChoice()
        case .columnSecuredToggled: return toggleColumnSecured()
        case .allColumnsToggled: toggleAllColumns()
        case .whoCanOperationCycled(let forward): cycleWhoCanOperation(forward: forward)
        case .whoCanLevelCycled(let forward): cycleWhoCanLevel(forward: forward)
        case .dormantUsersToggled: toggleDormantUsers()
        case .tablePickerRequested: openWhoCanTablePicker()
        case .whoCanModeToggled: toggleWhoCanMode()
        case .columnPickerRequested: openWhoCanColumnPicker()
        case .whoCanPermissionCycled: cycleWhoCanPermission()
        case .diffRiskCycled: cycleDiffRisk()
        case .diffReachSortToggled: toggleDiffReachSort()
        case .comparisonRequested: openComparisonPicker()
        case .roleHoldersRequested: openRoleHolders()
        case .creationRequested: requestCreation()
        case .roleCopyRequested: requestRoleCopy()
        case .renameRequested: requestRename()
        case .deletionRequested: requestDeletion()
        case .undoRequested: return undo()
        case .redoRequested: return redo()
        case .revertRequested: return revertSelected()
        case .saveRequested(let path): return requestSave(path: path)
        case .quitRequested(let force): return requestQuit(force: force)
        case .suspendRequested: return [.suspend]
        case .commandEntered(let text): return runCommand(text)
        case .pasteRefused:
            status = .warning("Paste ignored: open a filter (/) or the command line (:) first, so pasted text is never run as keys")
        case .textTyped, .textPasted, .textErased, .textCleared, .completionRequested, .lineHistoryStepped, .inputSubmitted,
            .inputCancelled, .dialogAnswered,
            .dialogKeyIgnored,
            .terminalResized, .saveFinished, .reloadFinished, .themeLoaded, .journalFailed, .journalCaughtUp, .journalRewritten,
            .journalSetAside,
            .journalKeptAside, .suspendFinished,
            .pendingImpactComputed, .whoCanComputed, .findingsChecked:
            break
        }
        return []
    }

    /// The layout for the current size (and the screen shown: its summary may take two lines).
    var layout: Layout { layout(on: screen) }

    /// The layout a screen is drawn with at the current size.
    func layout(on screen: Screen) -> Layout { Layout(size, reviewSummaryLines: reviewSummaryLines(on: screen)) }

    /// Rows visible in the main list of a screen (the page size for PgUp/PgDn).
    public func visibleRows(on screen: Screen) -> Int {
        let l = layout(on: screen)
        switch screen {
        case .environmentPicker, .environmentSettings, .diffEntry, .comparison: return Layout.dataRows(in: l.body)
        case .pendingChanges, .diff, .findings, .roleHolders: return Layout.dataRows(in: l.reviewList)
        case .browser: return Layout.dataRows(in: l.browserList)
        case .roleEditor, .profileEditor: return Layout.dataRows(in: l.matrixBox())
        case .effectiveAccess: return Layout.dataRows(in: l.matrixBox(bottomPanel: effective?.showWhy ?? false))
        case .whoCan: return Layout.dataRows(in: l.whoCanResults)
        }
    }

    /// Keeps every cursor visible after a resize.
    mutating func scrollAllToCursor() {
        let browserRows = visibleRows(on: .browser)
        for pane in Pane.allCases { lists[pane]?.scrollToCursor(height: browserRows) }
        let pickerRows = visibleRows(on: .environmentPicker)
        let pendingRows = visibleRows(on: .pendingChanges)
        let roleRows = visibleRows(on: .roleEditor)
        let effectiveRows = visibleRows(on: .effectiveAccess)
        let profileRows = visibleRows(on: .profileEditor)
        let whoCanRows = visibleRows(on: .whoCan)
        environments.scrollToCursor(height: pickerRows)
        pendingList.scrollToCursor(height: pendingRows)
        roleEditor?.tables.scrollToCursor(height: roleRows)
        roleEditor?.miscellaneous.scrollToCursor(height: roleRows)
        effective?.tables.scrollToCursor(height: effectiveRows)
        effective?.columns.scrollToCursor(height: effectiveRows)
        effective?.miscellaneous.scrollToCursor(height: effectiveRows)
        profileEditor?.columns.scrollToCursor(height: profileRows)
        whoCan.results.scrollToCursor(height: whoCanRows)
        let reviewRows = visibleRows(on: .diff)
        diff?.entries.scrollToCursor(height: reviewRows)
        findings?.list.scrollToCursor(height: reviewRows)
        roleHolders?.list.scrollToCursor(height: reviewRows)
    }
}
