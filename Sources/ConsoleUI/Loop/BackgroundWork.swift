import Foundation
import SecurityModel

/// Computes pending-changes impacts on another thread, one at a time, and hands the results to
/// the console loop, which polls it between keys (see ``ConsoleLoop/run()``).
///
/// While one computation runs, a newer request waits in its place: only the latest is kept, since
/// the reducer drops results for edits that have moved on anyway.
final class BackgroundImpacts: @unchecked Sendable {
    typealias Work = @Sendable () -> SnapshotDiffResult?

    private let condition = NSCondition()
    private var running: PendingImpactKey?
    private var waiting: (key: PendingImpactKey, work: Work)?
    private var finished: [(PendingImpactKey, SnapshotDiffResult?)] = []

    /// Whether a computation runs or waits, or a result has not been collected.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running != nil || waiting != nil || !finished.isEmpty
    }

    /// Starts `work` now, or after the computation running, replacing any request waiting.
    func start(_ key: PendingImpactKey, _ work: @escaping Work) {
        condition.lock()
        defer { condition.unlock() }
        if running == nil {
            running = key
            launch(key, work)
        } else {
            waiting = (key, work)
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

    private func launch(_ key: PendingImpactKey, _ work: @escaping Work) {
        Thread.detachNewThread { [self] in
            let result = work()
            condition.lock()
            finished.append((key, result))
            running = nil
            if let next = waiting {
                waiting = nil
                running = next.key
                launch(next.key, next.work)
            }
            condition.broadcast()
            condition.unlock()
        }
    }
}
