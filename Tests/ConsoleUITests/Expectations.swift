import ConsoleUI
import SecurityModel

extension AppState {
    /// Edits after which the per-user counts are recomputed (role assignments, business-unit moves …).
    static func movesCounts(_ change: Change) -> Bool {
        switch change {
        case .assignUserRole, .removeUserRole, .setUserBusinessUnit, .deleteRole, .createRole, .deleteBusinessUnit: true
        case .compound(let parts): parts.contains(where: movesCounts)
        default: false
        }
    }

    /// What an accepted edit does to the state: the snapshot changes (through the domain), the
    /// history records it (undo stack and unsaved list), the pending list grows, the message says
    /// what happened.
    mutating func expectEdit(_ change: Change, summary: String) {
        let inverse = try! snapshot.apply(change)
        let entry = EditHistory.Entry(id: history.nextId, change: change, inverse: inverse, summary: summary)
        history.nextId += 1
        history.done.append(entry)
        history.undone = []
        history.unsaved.append(entry)
        modelGeneration += 1
        if Self.movesCounts(change) { counts = nil }
        pendingList.rows = history.unsaved.indices.map(String.init)
        status = .success(summary)
    }
}
