import ConsoleUI
import SecurityModel

extension AppState {
    /// What an accepted edit does to the state: the snapshot changes (through the domain), the
    /// history records it, the pending list grows, the message says what happened.
    mutating func expectEdit(_ change: Change, summary: String) {
        let inverse = try! snapshot.apply(change)
        history.done.append(EditHistory.Entry(change: change, inverse: inverse, summary: summary))
        history.undone = []
        modelGeneration += 1
        pendingList.rows = history.done.indices.map(String.init)
        status = .success(summary)
    }
}
