import SecurityModel
import TerminalCore

/// The unsaved edits, oldest first, each as a sentence; `x` reverts one.
enum PendingChangesScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        let count = state.history.pendingCount
        let redo = state.history.undone.count
        buffer.text(" Every edit since the file was opened or saved; \(redo) undone edit\(redo == 1 ? "" : "s") can be redone (Ctrl-R)",
                    x: 0, y: layout.tabs.y, width: layout.size.width, style: palette[.dim])
        ListWidget(title: "Pending changes (\(count) unsaved)", list: state.pendingList, visibleRows: state.visibleRows(on: .pendingChanges),
                   columns: [.init(title: "#", width: 4, alignment: .right), .init(title: "Change", width: 0)],
                   emptyMessage: "No unsaved changes")
            .draw(into: &buffer, rect: layout.body, palette: palette,
                  footer: [("x revert the selected change  ·  u undo the last  ·  Ctrl-S save", palette[.dim])]) { row in
                guard let index = Int(row), state.history.done.indices.contains(index) else { return [] }
                return [("\(index + 1)", palette[.dim]), (state.history.done[index].summary, nil)]
            }
    }
}
