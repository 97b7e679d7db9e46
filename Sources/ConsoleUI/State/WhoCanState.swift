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
    public var answer: WhoCanAnswer? {
        didSet { rowIndex = WhoCanRowIndex(answer) }
    }
    /// The domain's answer in column mode.
    public var columnAnswer: ColumnWhoCanAnswer? {
        didSet { columnRowIndex = WhoCanRowIndex(columnAnswer) }
    }
    /// The question being answered in the background (a large organisation), while ``answer``
    /// and ``columnAnswer`` are nil: the results say "Computing…" meanwhile.
    public var computing: WhoCanKey?
    /// The answers' entries by user id, built once per answer: the list drawer looks up every
    /// visible row, and a linear search per row cost 220–390 ms a key far down a 98,000-user list.
    public private(set) var rowIndex = WhoCanRowIndex<WhoCanEntry>()
    public private(set) var columnRowIndex = WhoCanRowIndex<ColumnWhoCanEntry>()
    /// Answers given at the current model generation, for the question asked again.
    public var answers = WhoCanAnswers()
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
    public func entry(for userId: String) -> WhoCanEntry? { rowIndex[userId]?.entry }

    /// The entry of a result row in column mode.
    public func columnEntry(for userId: String) -> ColumnWhoCanEntry? { columnRowIndex[userId]?.entry }

    /// The question the form asks now in `environment` at `generation`; nil without a table (or,
    /// in column mode, without a column).
    public func key(in environment: Environment, generation: Int) -> WhoCanKey? {
        guard let table, let t = environment.tables[table] else { return nil }
        switch mode {
        case .table:
            return WhoCanKey(
                environmentId: environment.id, generation: generation,
                question: .table(table, operation, askedLevel(on: t)))
        case .column:
            return WhoCanKey(environmentId: environment.id, generation: generation, question: .column(columnReference, permission))
        }
    }
}

/// A who-can question in one environment at one model generation: what its answer depends on.
public struct WhoCanKey: Hashable, Sendable {
    public enum Question: Hashable, Sendable {
        /// Table, operation, minimum level asked.
        case table(String, TableOperation, AccessLevel)
        /// The column (nil: none chosen yet) and the permission.
        case column(ColumnReference?, ColumnPermissionKind)
    }

    public var environmentId: String
    public var generation: Int
    public var question: Question

    public init(environmentId: String, generation: Int, question: Question) {
        self.environmentId = environmentId
        self.generation = generation
        self.question = question
    }

    /// The domain's answer to the question, from `index`. Pure, so it runs off the main loop too.
    public func answer(from index: AccessIndex) -> WhoCanResult {
        switch question {
        case .table(let table, let operation, let level):
            return .table(index.whoCan(table: table, operation: operation, minimumLevel: level))
        case .column(let ref, let kind):
            return .column(ref.flatMap { index.columnWhoCan($0, kind: kind) })
        }
    }
}

/// The domain's answer to a ``WhoCanKey``.
public enum WhoCanResult: Hashable, Sendable {
    case table(WhoCanAnswer)
    case column(ColumnWhoCanAnswer?)
}

/// The last few who-can answers, by question: asking again (the same editor cell, `o` back to
/// Read) is answered without the domain, which took 1.0–1.5 s for a table most of 100,000 users
/// reach. Keys carry the model generation, so an edit, undo or reload never hits an old answer;
/// answers of older generations are dropped. Not part of the state's value.
public struct WhoCanAnswers: Hashable, Sendable {
    /// How many answers are kept (a broad one holds about 100,000 entries).
    public static let capacity = 4
    private var kept: [(key: WhoCanKey, result: WhoCanResult)] = []
    /// How many answers were computed by the domain rather than found here (tests count them).
    public private(set) var computed = 0

    public init() {}

    /// The answer kept for `key`, made the most recent.
    public mutating func answer(for key: WhoCanKey) -> WhoCanResult? {
        guard let i = kept.firstIndex(where: { $0.key == key }) else { return nil }
        let found = kept.remove(at: i)
        kept.append(found)
        return found.result
    }

    /// Keeps `result`, dropping answers of other generations or environments, and the oldest
    /// beyond ``capacity``.
    public mutating func keep(_ result: WhoCanResult, for key: WhoCanKey) {
        kept.removeAll { $0.key == key || $0.key.generation != key.generation || $0.key.environmentId != key.environmentId }
        kept.append((key, result))
        if kept.count > Self.capacity { kept.removeFirst(kept.count - Self.capacity) }
    }

    /// Drops every answer (the model changed: none holds any more).
    public mutating func forget() { kept = [] }

    /// Counts an answer the domain computed.
    public mutating func countComputed() { computed += 1 }

    /// Whether an answer is kept for `key` (without making it the most recent).
    public func contains(_ key: WhoCanKey) -> Bool { kept.contains { $0.key == key } }

    public static func == (a: WhoCanAnswers, b: WhoCanAnswers) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

/// A who-can answer's entries by user id, and whether each is active, dormant or held in access
/// mode Read. Derived from the answer: not part of the state's value.
public struct WhoCanRowIndex<Entry: Sendable>: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case active, dormant, readAccessMode }
    private var byUser: [String: (entry: Entry, kind: Kind)] = [:]

    public init() {}

    init(users: [Entry], dormant: [Entry], readAccessMode: [Entry], id: (Entry) -> String) {
        byUser.reserveCapacity(users.count + dormant.count + readAccessMode.count)
        // The first listed wins, as the searches did: active, then dormant, then access mode Read.
        for (list, kind) in [(readAccessMode, Kind.readAccessMode), (dormant, .dormant), (users, .active)] {
            for e in list { byUser[id(e)] = (e, kind) }
        }
    }

    public subscript(userId: String) -> (entry: Entry, kind: Kind)? { byUser[userId] }

    public static func == (a: WhoCanRowIndex, b: WhoCanRowIndex) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

extension WhoCanRowIndex where Entry == WhoCanEntry {
    init(_ answer: WhoCanAnswer?) {
        guard let answer else {
            self.init()
            return
        }
        self.init(users: answer.users, dormant: answer.dormantUsers, readAccessMode: answer.readAccessModeUsers, id: \.userId)
    }
}

extension WhoCanRowIndex where Entry == ColumnWhoCanEntry {
    init(_ answer: ColumnWhoCanAnswer?) {
        guard let answer else {
            self.init()
            return
        }
        self.init(users: answer.users, dormant: answer.dormantUsers, readAccessMode: answer.readAccessModeUsers, id: \.userId)
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
