import SecurityModel

/// "Who can Delete account at Organization level" (or "who can read account.creditlimit"): the
/// query and its answer.
public struct WhoCanState: Hashable, Sendable {
    /// What is asked about: a table operation at a minimum level, or a column permission.
    public enum Mode: Hashable, Sendable {
        case table, column
    }

    /// The fields of the query form, plus the result list.
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case table, operation, minimumLevel, column, permission, results
    }

    public var mode: Mode
    public var table: String?
    /// The column's logical name (column mode).
    public var column: String?
    /// The column permission asked about (column mode).
    public var permission: ColumnPermissionKind
    public var operation: TableOperation
    public var minimumLevel: AccessLevel
    public var field: Field
    /// The domain's answer for the current query (recomputed when the query or the model changes).
    public var answer: WhoCanAnswer?
    /// The domain's answer in column mode.
    public var columnAnswer: ColumnWhoCanAnswer?
    /// Result rows: user ids, active users first, then dormant ones.
    public var results: ListState
    /// Whether dormant users (disabled, outside the group ...) are listed after the active ones.
    public var includeDormant: Bool
    /// The index the answers come from, kept while the model and the environment stay the same:
    /// building it for 100,000 users on every key took 0.3–1 s a key.
    public var index = CachedIndex()

    public init(table: String? = nil, operation: TableOperation = .read, minimumLevel: AccessLevel = .user) {
        self.mode = .table
        self.table = table
        self.column = nil
        self.permission = .read
        self.operation = operation
        self.minimumLevel = minimumLevel
        self.field = table == nil ? .table : .results
        self.answer = nil
        self.columnAnswer = nil
        self.results = ListState()
        self.includeDormant = true
    }

    /// The form's fields in the current mode, top to bottom.
    public var fields: [Field] {
        mode == .table ? [.table, .operation, .minimumLevel, .results] : [.table, .column, .permission, .results]
    }

    /// The column asked about, when one is chosen.
    public var columnReference: ColumnReference? {
        guard let table, let column else { return nil }
        return ColumnReference(table: table, column: column)
    }

    /// The operations the form offers on `table`: those it has (an organization-owned table has
    /// no Assign or Share), all eight before a table is chosen.
    public func operations(on table: Table?) -> [TableOperation] {
        TableOperation.allCases.filter { table?.ownership.has($0) ?? true }
    }

    /// The minimum levels the form offers on `table` for the operation: those a grant can have
    /// there (Organization only on an organization-owned table).
    public func levels(on table: Table?) -> [AccessLevel] {
        let granted = table?.ownership.grantableLevels(for: operation) ?? []
        return granted.isEmpty ? [.user, .businessUnit, .parentChildBusinessUnits, .organization] : granted
    }

    /// The minimum level asked about on `table`: the one chosen, or the next one the table has
    /// (Organization on an organization-owned table). The choice is kept for the next table.
    public func askedLevel(on table: Table?) -> AccessLevel {
        let offered = levels(on: table)
        return offered.first { $0 >= minimumLevel } ?? offered.last ?? minimumLevel
    }

    /// The entry of a result row.
    public func entry(for userId: String) -> WhoCanEntry? {
        answer?.users.first { $0.userId == userId } ?? answer?.dormantUsers.first { $0.userId == userId }
            ?? answer?.readAccessModeUsers.first { $0.userId == userId }
    }
}

/// The domain's ``AccessIndex`` of one environment at one model generation, kept for the next
/// question. Not part of the state's value: a state that has built it equals one that has not.
public struct CachedIndex: Hashable, Sendable {
    public var environmentId: String?
    public var generation: Int?
    public var index: AccessIndex?

    public init() {}

    /// The index of `environment` at `generation`: the one kept, or a new one (then kept).
    public mutating func index(of environment: Environment, generation: Int) -> AccessIndex {
        if let index, environmentId == environment.id, self.generation == generation { return index }
        let built = AccessIndex(environment: environment)
        (environmentId, self.generation, index) = (environment.id, generation, built)
        return built
    }

    public static func == (a: CachedIndex, b: CachedIndex) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
