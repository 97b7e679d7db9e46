import SecurityModel
import TerminalCore

extension AppState {
    /// `/`: opens the filter line on the current list, keeping the filter already set.
    mutating func startFilter() {
        guard let current = currentFilter else {
            status = StatusMessage("Nothing to filter here")
            return
        }
        // A new pattern, as in less, vim and k9s: typing after `/` replaced nothing, so a kept
        // "prad" and a typed "alex" made "pradalex" and an empty list. Esc gives the kept one back.
        input = InputLine(purpose: .filter, text: "", original: current)
        if !current.isEmpty { applyFilter("") }
    }

    /// The filter of the list the current screen shows; nil where there is none.
    var currentFilter: String? {
        switch screen {
        case .environmentPicker: environments.filter
        case .browser: list(pane).filter
        case .roleEditor: roleEditor.map { $0.tab == .tables ? $0.tables.filter : $0.miscellaneous.filter }
        case .effectiveAccess: effective?.list.filter
        case .profileEditor: profileEditor?.columns.filter
        case .whoCan: whoCan.results.filter
        case .diff: diff?.entries.filter
        case .findings: findings?.list.filter
        case .roleHolders: roleHolders?.list.filter
        case .diffEntry: diff?.usersFilter
        case .pendingChanges, .environmentSettings, .comparison: nil
        }
    }

    /// Sets the filter of the current list and recomputes its rows. The selection stays when it
    /// still matches; otherwise the cursor goes to the first match (as in fzf, k9s and lazygit),
    /// never to wherever the old position falls among the matches: `G`, then `/User 2021`, left
    /// the cursor on the last match, User 20219, and a one-key edit (`d`) went to the wrong user.
    ///
    /// Rows come best match first (``FilterRank``), and a selection that still matches gives way
    /// to the first row when that one matches better: `/System Adm` kept the cursor on "Copy of
    /// System Administrator", which "S" had reached (found by a console review).
    mutating func applyFilter(_ text: String) {
        let before = currentSelectedId
        filterRows(text)
        guard let before else { return }
        if currentSelectedId != before {
            moveCurrentCursorToFirstRow()
        } else if let first = currentFirstRowId, first != before, let firstKey = filterKey(of: first),
            let selectedKey = filterKey(of: before), FilterRank.ranksBetter(firstKey, than: selectedKey, filter: text)
        {
            moveCurrentCursorToFirstRow()
        }
    }

    /// The first row of the list the current screen shows, where its filter ranks rows.
    private var currentFirstRowId: String? {
        switch screen {
        case .environmentPicker: environments.rows.first
        case .browser: list(pane).rows.first
        case .roleEditor: roleEditor.flatMap { $0.tab == .tables ? $0.tables.rows.first : $0.miscellaneous.rows.first }
        case .effectiveAccess: effective?.list.rows.first
        case .profileEditor: profileEditor?.columns.rows.first
        default: nil
        }
    }

    /// The search key the current list's filter ranks `id` by; nil where rows are not ranked
    /// (findings, the diff, who can and holders keep their order: errors, escalations, the
    /// strongest grants first).
    private func filterKey(of id: String) -> String? {
        switch screen {
        case .environmentPicker: snapshot.environments[id].map(Self.environmentKey)
        case .browser:
            pane == .businessUnits ? catalog?.businessUnitKeys[id] : catalog?.entries(for: pane).key(of: id)
        case .roleEditor: roleEditor?.tab == .tables ? catalog?.tables.key(of: id) : id.lowercased()
        case .effectiveAccess: effective?.tab == .tables ? catalog?.tables.key(of: id) : id.lowercased()
        case .profileEditor: id.lowercased()
        default: nil
        }
    }

    /// What the environment picker's filter matches: the name and the type.
    static func environmentKey(_ env: Environment) -> String { (env.name + " " + env.type.label).lowercased() }

    /// The id selected in the list the current screen shows.
    var currentSelectedId: String? {
        switch screen {
        case .environmentPicker: environments.selectedId
        case .browser: list(pane).selectedId
        case .roleEditor: roleEditor.map { $0.tab == .tables ? $0.tables.selectedId : $0.miscellaneous.selectedId } ?? nil
        case .effectiveAccess: effective?.list.selectedId
        case .profileEditor: profileEditor?.columns.selectedId
        case .whoCan: whoCan.results.selectedId
        case .diff: diff?.entries.selectedId
        case .findings: findings?.list.selectedId
        case .roleHolders: roleHolders?.list.selectedId
        case .pendingChanges, .environmentSettings, .diffEntry, .comparison: nil
        }
    }

    /// Puts the cursor of the current screen's list on its first row.
    private mutating func moveCurrentCursorToFirstRow() {
        let height = visibleRows(on: screen)
        switch screen {
        case .environmentPicker: environments.moveTo(0, height: height)
        case .browser: lists[pane]?.moveTo(0, height: height)
        case .roleEditor:
            if roleEditor?.tab == .tables {
                roleEditor?.tables.moveTo(0, height: height)
            } else {
                roleEditor?.miscellaneous.moveTo(0, height: height)
            }
        case .effectiveAccess:
            switch effective?.tab {
            case .tables?: effective?.tables.moveTo(0, height: height)
            case .columns?: effective?.columns.moveTo(0, height: height)
            case .miscellaneous?: effective?.miscellaneous.moveTo(0, height: height)
            case nil: break
            }
        case .profileEditor: profileEditor?.columns.moveTo(0, height: height)
        case .whoCan: whoCan.results.moveTo(0, height: height)
        case .diff: diff?.entries.moveTo(0, height: height)
        case .findings: findings?.list.moveTo(0, height: height)
        case .roleHolders: roleHolders?.list.moveTo(0, height: height)
        case .pendingChanges, .environmentSettings, .diffEntry, .comparison: break
        }
    }

    /// Sets the filter of the current list and recomputes its rows, the cursor kept where the
    /// rows allow (see ``applyFilter(_:)``).
    private mutating func filterRows(_ text: String) {
        switch screen {
        case .environmentPicker:
            environments.filter = text
            let ids = FilterRank.ranked(ids: snapshot.sortedEnvironments.map(\.id), filter: text) {
                snapshot.environments[$0].map(Self.environmentKey) ?? ""
            }
            environments.replaceRows(ids, height: visibleRows(on: .environmentPicker))
        case .browser:
            lists[pane, default: ListState()].filter = text
            refreshBrowserRows(pane)
        case .roleEditor:
            if roleEditor?.tab == .tables { roleEditor?.tables.filter = text } else { roleEditor?.miscellaneous.filter = text }
            refreshRoleEditorRows()
        case .effectiveAccess:
            switch effective?.tab {
            case .tables?: effective?.tables.filter = text
            case .columns?: effective?.columns.filter = text
            case .miscellaneous?: effective?.miscellaneous.filter = text
            case nil: break
            }
            refreshEffectiveRows()
        case .profileEditor:
            profileEditor?.columns.filter = text
            refreshProfileEditorRows()
        case .whoCan:
            whoCan.results.filter = text
            refreshWhoCanRows()
        case .diff:
            diff?.entries.filter = text
            refreshDiffRows()
        case .findings:
            findings?.list.filter = text
            refreshFindingRows()
        case .roleHolders:
            roleHolders?.list.filter = text
            refreshRoleHolderRows()
        case .diffEntry:
            // The users panel from its top, whichever panel J/K scroll.
            diff?.filterOpened(text)
            if diff?.linesFocused == true { diff?.otherPanelScroll = 0 } else { detailScroll = 0 }
        case .pendingChanges, .environmentSettings, .comparison:
            break
        }
    }

    /// Clears a non-empty filter of the current list; false when there was none.
    mutating func clearFilterOfCurrentList() -> Bool {
        guard let current = currentFilter, !current.isEmpty else { return false }
        applyFilter("")
        return true
    }

    /// Recomputes a browser pane's rows from the catalog and its filter.
    mutating func refreshBrowserRows(_ pane: Pane) {
        guard let catalog else { return }
        if pane == .businessUnits { return refreshBusinessUnitRows() }
        var list = self.list(pane)
        list.replaceRows(catalog.entries(for: pane).matching(list.filter), height: visibleRows(on: .browser))
        lists[pane] = list
    }

    /// Keys while a text line is open; nil lets the action through to the screen.
    mutating func reduceInInput(_ action: Action) -> [Effect]? {
        guard var line = input else { return nil }
        switch action {
        case .textTyped(let c):
            line.text.append(c)
            line.completions = []
            line.historyIndex = nil
            input = line
            if line.purpose == .filter { applyFilter(line.text) }
        case .textPasted(let text):
            line.text += text
            line.completions = []
            line.historyIndex = nil
            input = line
            if line.purpose == .filter { applyFilter(line.text) }
        case .textErased:
            if line.text.isEmpty {
                if line.purpose != .filter { input = nil }
                return []
            }
            line.text.removeLast()
            line.completions = []
            line.historyIndex = nil
            input = line
            if line.purpose == .filter { applyFilter(line.text) }
        case .textCleared:
            // A save-path prompt keeps its `w `: the path typed goes, not the command.
            line.text = line.text.hasPrefix(line.kept) && line.text != line.kept ? line.kept : ""
            line.completions = []
            line.historyIndex = nil
            input = line
            if line.purpose == .filter { applyFilter("") }
        case .completionRequested:
            guard line.purpose == .command else { return [] }
            if line.completions.isEmpty {
                line.completions = CommandCatalog.completions(for: line.text, in: self)
                line.completionIndex = 0
            } else {
                line.completionIndex = (line.completionIndex + 1) % line.completions.count
            }
            if !line.completions.isEmpty {
                let keep = line.completions
                let index = line.completionIndex
                line.text = keep[index]
                line.completions = keep
                line.completionIndex = index
                line.historyIndex = nil
            } else {
                status = StatusMessage("No completion for “\(line.text)”")
            }
            input = line
        case .inputSubmitted:
            input = nil
            switch line.purpose {
            case .filter: break
            case .command:
                rememberCommand(line.text)
                // "Save and quit" asked for a path: only a save by this line may quit.
                let name = line.text.trimmingCharacters(in: .whitespaces).prefix { $0 != " " }
                if name != "w" && name != "wq" { quitAfterSave = false }
                return runCommand(line.text)
            case .setting(let field): return applySettingText(field, line.text)
            case .name(let prompt): return submitName(prompt, line.text)
            }
        case .lineHistoryStepped(let earlier):
            // Found by a console review: Up and Down went through to the list behind the line, so
            // `:` Up Up `delete` deleted the role two rows above the one selected. A command acts
            // on the selection: the list stays where it is, and the arrows recall commands.
            if line.purpose == .command {
                stepCommandHistory(&line, earlier: earlier)
                input = line
            } else if line.purpose == .filter {
                status = StatusMessage("Enter keeps the filter, then ↑↓ move in the list")
            }
        case .cursorMoved:
            // Nothing behind an open line moves (see lineHistoryStepped).
            break
        case .inputCancelled, .backRequested:
            input = nil
            if line.purpose == .filter { applyFilter(line.original) }
            // Cancelling the path "save and quit" asked for cancels the quit too: a later save
            // must not end the session.
            if line.purpose == .command { quitAfterSave = false }
        default:
            return nil
        }
        return []
    }

    /// Keys while a picker is open.
    mutating func reduceInPicker(_ action: Action) -> [Effect]? {
        guard var picker else { return nil }
        let rows = PickerLayout(picker, size: size, environment: environment).rows
        switch action {
        case .textTyped(let c): picker.applyFilter(picker.filter + String(c))
        case .textPasted(let text): picker.applyFilter(picker.filter + text)
        case .textErased:
            guard !picker.filter.isEmpty else { return [] }
            picker.applyFilter(String(picker.filter.dropLast()))
        case .textCleared:
            // Ctrl-U, as on the `:` and rename lines: a mistyped filter took one Backspace a letter.
            picker.applyFilter("")
        case .cursorMoved(let move):
            switch move {
            case .up: picker.move(by: -1, height: rows)
            case .down: picker.move(by: 1, height: rows)
            case .pageUp: picker.move(by: -rows, height: rows)
            case .pageDown: picker.move(by: rows, height: rows)
            case .halfPageUp: picker.move(by: -max(1, rows / 2), height: rows)
            case .halfPageDown: picker.move(by: max(1, rows / 2), height: rows)
            case .top: picker.move(by: -picker.cursor, height: rows)
            case .bottom: picker.move(by: picker.visible.count, height: rows)
            case .left, .right: break
            }
        case .inputSubmitted, .selectionOpened:
            // Enter on a filter that matches nothing closed the picker and did nothing, silently:
            // it stays open and says so, the filter there to correct.
            guard let item = picker.selected else {
                status =
                    picker.filter.isEmpty
                    ? StatusMessage("Nothing to choose: Esc closes")
                    : .warning("Nothing matches '\(picker.filter)': nothing chosen (Backspace to correct, Ctrl-U to clear, Esc to cancel)")
                return []
            }
            self.picker = nil
            return choose(item, for: picker.purpose)
        case .inputCancelled, .backRequested:
            self.picker = nil
            return []
        default:
            return []
        }
        self.picker = picker
        return []
    }

    /// Keys while the help overlay is open: type to search, arrows to scroll, Esc to close.
    mutating func reduceInHelp(_ action: Action) -> [Effect]? {
        guard var help else { return nil }
        switch action {
        case .textTyped(let c):
            help.search.append(c)
            help.top = 0
        case .textPasted(let text):
            help.search += text
            help.top = 0
        case .textErased:
            if !help.search.isEmpty { help.search.removeLast() }
            help.top = 0
        case .textCleared:
            help.search = ""
            help.top = 0
        case .cursorMoved(let move):
            // Bounded by the lines the overlay draws at this size, so End shows the last of them
            // and Up after it moves at once.
            let text = HelpOverlay.text(
                help, log: messageLog, size: size, palette: Palette(theme: theme, colorEnabled: false, glyphs: .unicode))
            let page = max(1, text.rect.height - 1)
            let last = text.lastTop
            help.top = min(help.top, last)
            switch move {
            case .up: help.top = max(0, help.top - 1)
            case .down: help.top = min(last, help.top + 1)
            case .pageUp: help.top = max(0, help.top - page)
            case .pageDown: help.top = min(last, help.top + page)
            case .halfPageUp: help.top = max(0, help.top - max(1, page / 2))
            case .halfPageDown: help.top = min(last, help.top + max(1, page / 2))
            case .top: help.top = 0
            case .bottom: help.top = last
            case .left, .right: break
            }
        case .backRequested, .inputCancelled, .helpRequested, .inputSubmitted:
            self.help = nil
            return []
        default:
            return []
        }
        self.help = help
        return []
    }
}
