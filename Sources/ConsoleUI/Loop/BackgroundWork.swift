import Foundation
import SecurityModel

/// Work for the console done on another thread, one request at a time, its results handed to the
/// console loop, which polls between keys (see ``ConsoleLoop/run()``). Only the latest request
/// waits. Pending-changes impacts (``BackgroundImpacts``) stop the computation running for a newer
/// request (the reducer would drop its result for edits that have moved on anyway); who-can
/// answers (``BackgroundWhoCan``) cannot be stopped part way, so a newer question waits for the one
/// running, and the same question is not asked twice.
final class BackgroundQueue<Key: Equatable & Sendable, Output>: @unchecked Sendable {
    /// The work, given the token that says when to stop (work that cannot stop ignores it).
    typealias Work = @Sendable (DiffCancellation) -> Output

    /// A newer request cancels the running one (and a cancelled result is dropped).
    private let cancelsRunning: Bool
    /// A finished result as an action for the reducer.
    private let action: (Key, Output) -> Action

    private let condition = NSCondition()
    private var running: (key: Key, token: DiffCancellation)?
    private var waiting: (key: Key, work: Work)?
    private var finished: [(Key, Output)] = []

    init(cancelsRunning: Bool, action: @escaping (Key, Output) -> Action) {
        self.cancelsRunning = cancelsRunning
        self.action = action
    }

    /// Whether work runs or waits, or a result has not been collected.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running != nil || waiting != nil || !finished.isEmpty
    }

    /// Starts `work` now, or once the work running has stopped (cancelled first, where that is
    /// how this queue works), replacing any request waiting.
    func start(_ key: Key, _ work: @escaping Work) {
        condition.lock()
        defer { condition.unlock() }
        guard let running else { return launch(key, work) }
        if cancelsRunning {
            running.token.cancel()
        } else if running.key == key {
            return
        }
        waiting = (key, work)
    }

    /// The results finished since the last call, oldest first, as actions for the reducer.
    func collect() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        let done = finished
        finished = []
        return done.map { action($0.0, $0.1) }
    }

    /// Blocks until nothing runs or waits, or `timeout` passes; says whether it is idle.
    @discardableResult
    func waitUntilIdle(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while running != nil || waiting != nil {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    /// Runs `work` on a thread of its own; called with the lock held.
    private func launch(_ key: Key, _ work: @escaping Work) {
        let token = DiffCancellation()
        running = (key, token)
        Thread.detachNewThread { [self] in
            let result = work(token)
            condition.lock()
            // A cancelled computation's result is incomplete: dropped.
            if !token.isCancelled { finished.append((key, result)) }
            running = nil
            if let next = waiting {
                waiting = nil
                launch(next.key, next.work)
            }
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// Pending-changes impacts, computed in the background; a newer request stops the running one.
typealias BackgroundImpacts = BackgroundQueue<PendingImpactKey, SnapshotDiffResult?>

extension BackgroundQueue where Key == PendingImpactKey, Output == SnapshotDiffResult? {
    convenience init() { self.init(cancelsRunning: true) { .pendingImpactComputed($0, $1) } }
}

/// Who-can answers, with the index each came from, computed in the background; the domain's query
/// cannot be stopped, so a newer question waits.
typealias BackgroundWhoCan = BackgroundQueue<WhoCanKey, (WhoCanResult, CachedIndex)>

extension BackgroundQueue where Key == WhoCanKey, Output == (WhoCanResult, CachedIndex) {
    convenience init() { self.init(cancelsRunning: false) { .whoCanComputed($0, $1.0, index: $1.1) } }
}
