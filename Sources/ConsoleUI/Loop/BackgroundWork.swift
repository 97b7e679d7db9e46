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

/// Answers who-can questions on another thread, one at a time, and hands the answers to the
/// console loop as ``BackgroundImpacts`` does impacts. The domain's query cannot be stopped part
/// way: a newer question waits for the one running, and replaces any question waiting (the
/// reducer would not show an answer to a question no longer asked; it keeps it for asking again).
final class BackgroundWhoCan: @unchecked Sendable {
    /// The work: the answer, and the index it came from.
    typealias Work = @Sendable () -> (WhoCanResult, CachedIndex)

    private let condition = NSCondition()
    private var running: WhoCanKey?
    private var waiting: (key: WhoCanKey, work: Work)?
    private var finished: [(WhoCanKey, WhoCanResult, CachedIndex)] = []

    /// Whether a question is being answered or waits, or an answer has not been collected.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running != nil || waiting != nil || !finished.isEmpty
    }

    /// Starts `work` now, or once the question being answered is done, replacing any waiting.
    func start(_ key: WhoCanKey, _ work: @escaping Work) {
        condition.lock()
        defer { condition.unlock() }
        if running == key { return }
        if running != nil {
            waiting = (key, work)
        } else {
            launch(key, work)
        }
    }

    /// The answers finished since the last call, oldest first, as actions for the reducer.
    func collect() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        let done = finished
        finished = []
        return done.map { .whoCanComputed($0.0, $0.1, index: $0.2) }
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
    private func launch(_ key: WhoCanKey, _ work: @escaping Work) {
        running = key
        Thread.detachNewThread { [self] in
            let (result, index) = work()
            condition.lock()
            finished.append((key, result, index))
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
