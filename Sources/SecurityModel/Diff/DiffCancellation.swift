import Foundation

/// Lets whoever started a comparison stop it: the console's pending-changes impact, computed in
/// the background at 100,000 users, is abandoned when a newer edit asks for another one. A
/// comparison checks it between its phases and between users, and returns early, with a result
/// that is incomplete, when it is cancelled: the caller that cancels drops that result.
public final class DiffCancellation: @unchecked Sendable, Hashable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    /// Asks the comparisons using this token to stop.
    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    public static func == (a: DiffCancellation, b: DiffCancellation) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
