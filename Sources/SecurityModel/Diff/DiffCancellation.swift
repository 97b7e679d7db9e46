import Synchronization

/// Lets whoever started a comparison stop it: the console's pending-changes impact, computed in
/// the background at 100,000 users, is abandoned when a newer edit asks for another one. A
/// comparison checks it between its phases and between users, and returns early, with a result
/// that is incomplete, when it is cancelled: the caller that cancels drops that result.
public final class DiffCancellation: Sendable, Hashable {
    private let cancelled = Mutex(false)

    public init() {}

    /// Asks the comparisons using this token to stop.
    public func cancel() { cancelled.withLock { $0 = true } }

    public var isCancelled: Bool { cancelled.withLock { $0 } }

    public static func == (a: DiffCancellation, b: DiffCancellation) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
