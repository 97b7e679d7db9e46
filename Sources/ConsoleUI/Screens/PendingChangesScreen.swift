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
        ListWidget(
            title: "Pending changes (\(count) unsaved)", list: state.pendingList, visibleRows: state.visibleRows(on: .pendingChanges),
            columns: [.init(title: "#", width: 4, alignment: .right), .init(title: "Change", width: 0)],
            emptyMessage: "No unsaved changes"
        )
        .draw(
            into: &buffer, rect: layout.reviewList, palette: palette,
            footer: [("x revert the selected change  ·  u undo the last  ·  Ctrl-S save", palette[.dim])]
        ) { row in
            guard let index = Int(row), state.history.unsaved.indices.contains(index) else { return [] }
            return [("\(index + 1)", palette[.dim]), (state.history.unsaved[index].summary, nil)]
        }
        // The impact of every pending change together (x on one shows what reverting it leaves).
        let pending = state.history.pendingCount
        buffer.panel(
            layout.reviewDetail, title: pending > 1 ? "Impact of all \(pending) changes together" : "Impact on effective access",
            palette: palette, focused: false)
        impactText(state, layout: layout, palette: palette).draw(into: &buffer, top: state.detailScroll, palette: palette)
    }

    /// What the unsaved changes do to effective access, which `J`/`K` scroll.
    static func impactText(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText {
        let detail = layout.reviewDetail
        var b = TextBlock()
        let impacts = state.pendingImpact?.comparisons.flatMap(\.impacts) ?? []
        if state.history.pendingCount == 0 {
            b.add("Nothing unsaved", palette[.dim])
        } else if state.pendingImpactComputing != nil, state.pendingImpact == nil {
            b.add("Computing the impact on the access of \(counted(state.usersInEditedEnvironments, "user"))…", palette[.title])
            b.add("It appears here when done; the console answers keys meanwhile (Esc, edits, u).", palette[.dim])
        } else if state.pendingImpact == nil {
            b.add("The impact could not be computed", palette[.dim])
        } else if impacts.isEmpty {
            b.add("No user's effective access moves", palette[.dim])
        } else {
            let escalations = impacts.count { $0.risk == .escalation }
            b.add([
                ("\(impacts.count) user\(impacts.count == 1 ? "" : "s") affected", palette[.title]),
                ("  \(escalations) with an escalation", escalations > 0 ? palette[.escalation] : palette[.dim]),
            ])
            b.lines += DiffWords.impactBlock(impacts, width: detail.width - 4, palette: palette).lines
        }
        return ScrolledText(block: b, rect: detail.inset(by: 1).inset(x: 1))
    }
}
