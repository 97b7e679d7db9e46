import Foundation
import SecurityModel

/// Computes pending-changes impacts on another thread, one at a time, and hands the results to
/// the console loop, which polls it between keys (see ``ConsoleLoop/run()``).
///
/// A newer request cancels the computation running (the reducer would drop its result for edits
/// that have moved on anyway) and starts as soon as it has stopped; only the latest request waits.
final class BackgroundImpacts: @unchecked Sendable {
    /// The work, given the token that says when to stop.
    typealias Work = @Sendable (DiffCancellation) -> SnapshotDiffResult?

    private let condition = NSCondition()
    private var running: (key: PendingImpactKey, token: DiffCancellation)?
    private var waiting: (key: PendingImpactKey, work: Work)?
    private var finished: [(PendingImpactKey, SnapshotDiffResult?)] = []

    /// Whether a computation runs or waits, or a result has not been collected.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running != nil || waiting != nil || !finished.isEmpty
    }

    /// Starts `work` now, or, when a computation runs, cancels it and starts `work` once it has
    /// stopped, replacing any request waiting.
    func start(_ key: PendingImpactKey, _ work: @escaping Work) {
        condition.lock()
        defer { condition.unlock() }
        if let running {
            running.token.cancel()
            waiting = (key, work)
        } else {
            launch(key, work)
        }
    }

    /// The results finished since the last call, oldest first, as actions for the reducer.
    func collect() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        let done = finished
        finished = []
        return done.map { .pendingImpactComputed($0.0, $0.1) }
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
    private func launch(_ key: PendingImpactKey, _ work: @escaping Work) {
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
