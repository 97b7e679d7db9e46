import SecurityModel
import TerminalCore

/// The unsaved changes, oldest first, each as a sentence (`x` reverts one), and what they do to
/// people's effective access, from the domain's live impact.
enum PendingChangesScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        let count = state.history.pendingCount
        let redo = state.history.undone.count
        buffer.text(
            " What the file does not have yet, oldest first; \(redo) undone edit\(redo == 1 ? "" : "s") can be redone (Ctrl-R)",
            x: 0, y: layout.tabs.y, width: layout.size.width, style: palette[.dim])
        // Edits in several environments: each row names its own (production marked), so that
        // nobody reads a production edit as a sandbox one.
        let environments = state.history.unsavedEnvironmentIds
        // Also when every edit is in another environment than the open one: the title named only
        // the open one, and a production edit read as a sandbox one.
        let elsewhere = environments.contains { $0 != state.environmentId }
        let several = environments.count > 1 || elsewhere
        func environmentLabel(_ index: Int) -> (String, Style?) {
            guard let id = state.history.unsaved[index].change.environmentId, let env = state.snapshot.environments[id] else {
                return ("", nil)
            }
            return env.type == .production ? ("PROD " + env.name, palette[.production]) : (env.name, palette[.dim])
        }
        var columns: [ListWidget.Column] = [.init(title: "#", width: 4, alignment: .right)]
        if several { columns.append(.init(title: "Environment", width: min(26, max(12, layout.reviewList.width / 3)))) }
        columns.append(.init(title: "Change", width: 0))
        ListWidget(
            title: "Pending changes (\(count) unsaved\(environments.count > 1 ? " in \(environments.count) environments" : ""))",
            list: state.pendingList, visibleRows: state.visibleRows(on: .pendingChanges), columns: columns,
            emptyMessage: "No unsaved changes"
        )
        .draw(
            into: &buffer, rect: layout.reviewList, palette: palette,
            footer: [("x revert the selected change  ·  u undo the last  ·  Ctrl-S save", palette[.dim])]
        ) { row in
            guard let index = Int(row), state.history.unsaved.indices.contains(index) else { return [] }
            let number: (String, Style?) = ("\(index + 1)", palette[.dim])
            let change: (String, Style?) = (state.history.unsaved[index].summary, nil)
            return several ? [number, environmentLabel(index), change] : [number, change]
        }
        // The selected change in full (the list cuts a long sentence at any width), then the
        // impact of every pending change together (x on one shows what reverting it leaves).
        let pending = state.history.pendingCount
        let title = selectedIndex(state).map { "Change \($0 + 1) of \(pending), and the impact" } ?? "Impact on effective access"
        buffer.panel(layout.reviewDetail, title: title, palette: palette, focused: false)
        impactText(state, layout: layout, palette: palette).draw(into: &buffer, top: state.detailScroll, palette: palette)
    }

    /// The index in ``EditHistory/unsaved`` of the change under the cursor.
    static func selectedIndex(_ state: AppState) -> Int? {
        state.pendingList.selectedId.flatMap(Int.init).flatMap { state.history.unsaved.indices.contains($0) ? $0 : nil }
    }

    /// The selected change's whole sentence and its own impact, then what the unsaved changes do
    /// to effective access together, which `J`/`K` scroll.
    static func impactText(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText {
        let detail = layout.reviewDetail
        var b = TextBlock()
        let pending = state.history.pendingCount
        if let index = selectedIndex(state) {
            let entry = state.history.unsaved[index]
            b.addWrapped(entry.summary, palette[.normal], width: detail.width - 4)
            // A change made of several is written out part by part.
            let env = state.environment
            for part in ChangeDescription.details(of: entry.change, inverse: entry.inverse, before: env, after: env) {
                b.addWrapped("• " + part, palette[.normal], width: detail.width - 4)
            }
            if pending > 1 {
                // This change's own impact first: the state just before it against just after it.
                b.blank()
                b.add("Impact of this change on its own", palette[.header])
                let own = state.selectedChangeImpact.flatMap { $0.key.change == entry.id ? $0 : nil }
                switch own?.status {
                case .done(let result?):
                    addImpact(result, state: state, to: &b, width: detail.width - 4, palette: palette)
                case .done(nil):
                    b.add("The impact could not be computed", palette[.dim])
                case .waiting?, .computing?, nil:
                    b.add("Computing it…", palette[.title])
                }
            }
            b.blank()
            b.add(pending > 1 ? "Impact of all \(pending) changes together" : "Impact on effective access", palette[.header])
        }
        if pending == 0 {
            b.add("Nothing unsaved", palette[.dim])
        } else if state.pendingImpactComputing != nil, state.pendingImpact == nil {
            b.add("Computing the impact on the access of \(counted(state.usersInEditedEnvironments, "user"))…", palette[.title])
            b.add("It appears here when done; the console answers keys meanwhile (Esc, edits, u).", palette[.dim])
        } else if let result = state.pendingImpact {
            addImpact(result, state: state, to: &b, width: detail.width - 4, palette: palette)
        } else {
            b.add("The impact could not be computed", palette[.dim])
        }
        return ScrolledText(block: b, rect: detail.inset(by: 1).inset(x: 1))
    }

    /// The users an impact moves, with their lines.
    private static func addImpact(_ result: SnapshotDiffResult, state: AppState, to b: inout TextBlock, width: Int, palette: Palette) {
        // One block per environment when the edits span several, each named (production
        // marked): a sum over environments told nobody whether production was touched.
        let comparisons = result.comparisons.filter { !$0.impacts.isEmpty }
        guard !comparisons.isEmpty else {
            b.add("No user's effective access moves", palette[.dim])
            return
        }
        let ids = state.history.unsavedEnvironmentIds
        let several = ids.count > 1 || ids.contains { $0 != state.environmentId }
        for c in comparisons {
            if several {
                if !b.lines.isEmpty { b.add("", palette[.normal]) }
                b.add(
                    (c.target.type == .production ? "PROD " : "") + c.target.name,
                    c.target.type == .production ? palette[.production] : palette[.header])
            }
            let escalations = c.impacts.count { $0.risk == .escalation }
            b.add([
                ("\(c.impacts.count) user\(c.impacts.count == 1 ? "" : "s") affected", palette[.title]),
                ("  \(escalations) with an escalation", escalations > 0 ? palette[.escalation] : palette[.dim]),
            ])
            b.lines += DiffWords.impactBlock(c.impacts, width: width, palette: palette).lines
        }
    }
}
