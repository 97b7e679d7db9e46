import SecurityModel

/// "Who can Delete account at Organization level": the query and its answer.
public struct WhoCanState: Hashable, Sendable {
    /// The fields of the query form, plus the result list.
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case table, operation, minimumLevel, results
    }

    public var table: String?
    public var operation: TableOperation
    public var minimumLevel: AccessLevel
    public var field: Field
    /// The domain's answer for the current query (recomputed when the query or the model changes).
    public var answer: WhoCanAnswer?
    /// Result rows: user ids, active users first, then dormant ones.
    public var results: ListState
    /// Whether dormant users (disabled, outside the group ...) are listed after the active ones.
    public var includeDormant: Bool

    public init(table: String? = nil, operation: TableOperation = .read, minimumLevel: AccessLevel = .user) {
        self.table = table
        self.operation = operation
        self.minimumLevel = minimumLevel
        self.field = table == nil ? .table : .results
        self.answer = nil
        self.results = ListState()
        self.includeDormant = true
    }

    /// The entry of a result row.
    public func entry(for userId: String) -> WhoCanEntry? {
        answer?.users.first { $0.userId == userId } ?? answer?.dormantUsers.first { $0.userId == userId }
    }
}
