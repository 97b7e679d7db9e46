import TerminalCore

/// The few keys the status bar suggests for a screen, named from the key map so they cannot drift.
enum KeyHints {
    static func hints(for state: AppState) -> [(String, String)] {
        let wanted: [(Action, String)]
        if state.dialog != nil { return [] }
        if let picker = state.picker {
            wanted =
                [(.inputSubmitted, "choose")] + (picker.filter.isEmpty ? [] : [(.textCleared, "clear")]) + [(.inputCancelled, "cancel")]
        } else if state.help != nil {
            wanted = [(.backRequested, "close")]
        } else if let input = state.input {
            switch input.purpose {
            case .command:
                wanted = [
                    (.completionRequested, "complete"), (.inputSubmitted, "run"), (.lineHistoryStepped(earlier: true), "history"),
                    (.inputCancelled, "cancel"),
                ]
            case .name: wanted = [(.inputSubmitted, "ok"), (.textCleared, "clear"), (.inputCancelled, "cancel")]
            case .filter: wanted = [(.inputSubmitted, "keep"), (.inputCancelled, "cancel")]
            case .setting: wanted = [(.inputSubmitted, "apply"), (.inputCancelled, "cancel")]
            }
        } else {
            switch state.screen {
            case .environmentPicker where state.environmentId != nil:
                wanted = [
                    (.selectionOpened, "open"), (.backRequested, "back"), (.helpRequested, "help"), (.quitRequested(force: false), "quit"),
                ]
            case .environmentPicker:
                wanted = [(.selectionOpened, "open"), (.helpRequested, "help"), (.quitRequested(force: false), "quit")]
            case .browser:
                // `a` assigns a role to a user or a team; on other panes it only says so.
                let assigns = state.pane == .users || state.pane == .teams
                wanted =
                    [(.selectionOpened, "open"), (.filterStarted, "filter")]
                    + (assigns ? [(.roleAssignmentRequested, "assign")] : [])
                    + [
                        (.undoRequested, "undo"), (.saveRequested(path: nil), "save"), (.helpRequested, "help"),
                        (.quitRequested(force: false), "quit"),
                    ]
            case .roleEditor where state.roleEditor.flatMap({ state.environment?.roles[$0.roleId] })?.isSystemAdministrator == true:
                // Not editable: no raise, lower or cycle to suggest.
                wanted = [
                    (.filterStarted, "filter"), (.paneCycled(forward: true), "misc"), (.roleHoldersRequested, "holders"),
                    (.backRequested, "back"),
                ]
            case .roleEditor:
                wanted = [
                    (.levelRaised, "raise"), (.levelLowered, "lower"), (.levelCycled, "cycle"), (.filterStarted, "filter"),
                    (.undoRequested, "undo"), (.saveRequested(path: nil), "save"), (.backRequested, "back"),
                ]
            case .effectiveAccess:
                // What Tab switches to, as the tabs name it ("Tab columns" read as a key for the
                // grid's columns; found by a review).
                let next: String =
                    switch state.effective?.tab.next() {
                    case .columns?: "column security"
                    case .miscellaneous?: "misc privileges"
                    case .tables?, nil: "table privileges"
                    }
                // A team has only the table view: nothing for Tab to switch to.
                let isTeam = state.effective.map { $0.principal == .team($0.principal.id) } ?? false
                // Wide terminals always show the why beside the grid: Enter has nothing to open.
                let whyShown = state.layout.hasSidePanel || state.effective?.showWhy == true
                wanted =
                    (whyShown ? [] : [(.selectionOpened, "why")]) + (isTeam ? [] : [(.paneCycled(forward: true), next)])
                    + [(.roleAssignmentRequested, "assign"), (.undoRequested, "undo"), (.backRequested, "back")]
            case .whoCan where state.whoCan.mode == .column:
                wanted = [
                    (.tablePickerRequested, "table"), (.columnPickerRequested, "column"), (.whoCanPermissionCycled, "permission"),
                    (.whoCanModeToggled, "tables"), (.selectionOpened, "why"), (.backRequested, "back"),
                ]
            case .whoCan:
                wanted = [
                    (.tablePickerRequested, "table"), (.whoCanOperationCycled(forward: true), "operation"),
                    (.whoCanLevelCycled(forward: true), "level"),
                    (.selectionOpened, "why"), (.whoCanModeToggled, "columns"), (.backRequested, "back"),
                ]
            case .pendingChanges:
                wanted = [
                    (.revertRequested, "revert"), (.undoRequested, "undo"), (.saveRequested(path: nil), "save"),
                    (.detailScrolled(3), "scroll impact"), (.backRequested, "back"),
                ]
            case .profileEditor:
                wanted = [
                    (.levelCycled, "toggle"), (.columnSecuredToggled, "secure"), (.memberAdditionRequested, "add member"),
                    (.backRequested, "back"),
                ]
            case .environmentSettings:
                wanted = [(.selectionOpened, "change"), (.undoRequested, "undo"), (.backRequested, "back")]
            case .diff:
                wanted = [
                    (.selectionOpened, "impact"), (.paneCycled(forward: true), "kind"), (.diffRiskCycled, "risk"),
                    (.diffReachSortToggled, "by reach"), (.filterStarted, "filter"),
                    (.backRequested, "back"),
                ]
            case .comparison:
                wanted = [(.cursorMoved(.down), "scroll"), (.backRequested, "back")]
            case .diffEntry:
                // Tab gives the scrolling keys to the other panel: the hint follows it (Tab last:
                // at 80 columns Esc back is what must stay).
                let linesFocused = state.diff?.linesFocused == true
                wanted = [
                    (.cursorMoved(.down), linesFocused ? "scroll lines" : "scroll users"),
                    (.backRequested, "back"), (.selectionOpened, "top user's access"),
                    (.paneCycled(forward: true), linesFocused ? "the users" : "the lines"), (.filterStarted, "find a user"),
                ]
            case .findings:
                // Enter only where it goes somewhere: not on a place gone from the environment
                // (a resolved finding's, often) nor one no screen shows.
                wanted =
                    (state.selectedFindingHasPlace ? [(.selectionOpened, "go to it")] : [])
                    + [(.filterStarted, "filter"), (.backRequested, "back")]
            case .roleHolders:
                wanted = [(.selectionOpened, "access"), (.filterStarted, "filter"), (.backRequested, "back")]
            }
        }
        let contexts = KeyMap.contexts(for: state)
        // A read-only document offers no edit: its keys would only say so.
        let shown = state.isReadOnly ? wanted.filter { !Self.edits($0.0) } : wanted
        return shown.compactMap { action, label in keyName(for: action, in: contexts).map { ($0, label) } }
    }

    /// Whether an action edits the model (or saves it).
    static func edits(_ action: Action) -> Bool {
        switch action {
        case .roleAssignmentRequested, .undoRequested, .redoRequested, .saveRequested, .revertRequested, .levelRaised, .levelLowered,
            .levelCycled, .levelChosen, .memberAdditionRequested, .columnSecuredToggled, .removalRequested, .creationRequested,
            .deletionRequested, .renameRequested, .roleCopyUnitRequested:
            true
        default: false
        }
    }

    /// The first key bound to `action` in the most specific of `contexts`.
    static func keyName(for action: Action, in contexts: [KeyContext]) -> String? {
        for context in contexts {
            if let binding = KeyMap.bindings.first(where: { $0.context == context && $0.action == action }), let key = binding.keys.first {
                return key.description
            }
        }
        return nil
    }
}
