import Foundation
import SecurityModel
import Testing

@testable import ConsoleUI

/// The pending-changes impact computed in the background: a newer request stops the one running
/// instead of waiting for it (two redos in a row at 100,000 users showed the second result after
/// about 10 s instead of 4), and a stopped computation's incomplete result never arrives.
@Suite struct BackgroundImpactsTests {
    static let empty = SnapshotDiffResult(comparisons: [], unmatchedEnvironments: [])

    @Test func aNewerRequestCancelsTheRunningOneAndOnlyItsResultArrives() {
        let impacts = BackgroundImpacts()
        let first = PendingImpactKey(generation: 1, unsaved: [1])
        let second = PendingImpactKey(generation: 2, unsaved: [1, 2])
        let started = DispatchSemaphore(value: 0)
        impacts.start(first) { token in
            started.signal()
            // Runs until told to stop (or 20 s, so that a broken cancel fails the test, not CI).
            let deadline = Date(timeIntervalSinceNow: 20)
            while !token.isCancelled && Date() < deadline { usleep(1_000) }
            return Self.empty
        }
        started.wait()
        impacts.start(second) { token in token.isCancelled ? nil : Self.empty }
        #expect(impacts.waitUntilIdle(timeout: 10))
        #expect(impacts.collect() == [.pendingImpactComputed(second, Self.empty)])
        #expect(!impacts.isBusy)
    }

    @Test func aRequestAloneRunsToItsEnd() {
        let impacts = BackgroundImpacts()
        let key = PendingImpactKey(generation: 1, unsaved: [1])
        impacts.start(key) { token in token.isCancelled ? nil : Self.empty }
        #expect(impacts.waitUntilIdle(timeout: 10))
        #expect(impacts.collect() == [.pendingImpactComputed(key, Self.empty)])
    }
}
