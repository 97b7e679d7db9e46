import SecurityModel

/// Whose access a screen shows: a user, or a team as a principal.
public enum Principal: Hashable, Sendable {
    case user(String)
    case team(String)

    public var id: String {
        switch self {
        case .user(let id), .team(let id): id
        }
    }

    /// The user's id; `nil` for a team.
    public var userId: String? {
        if case .user(let id) = self { return id }
        return nil
    }
}

/// A user's (or team's) effective access over every table, and the "why" of the cell under the cursor.
///
/// The matrix and the answer under the cursor are computed by the domain in the reducer and kept
/// here, so drawing never evaluates a rule.
public struct EffectiveAccessState: Hashable, Sendable {
    /// The tabs of the effective-access screen.
    public enum Tab: Int, CaseIterable, Hashable, Sendable {
        case tables
        case columns
        case miscellaneous

        public var title: String {
            switch self {
            case .tables: "Table privileges"
            case .columns: "Column security"
            case .miscellaneous: "Miscellaneous privileges"
            }
        }

        /// What Tab shows next (Shift-Tab: `forward` false): tables, columns, miscellaneous, tables.
        public func next(forward: Bool = true) -> Tab {
            Tab.allCases.cycling(from: self, forward: forward)
        }
    }

    public var principal: Principal
    public var tab: Tab
    /// Table rows shown (filtered), by logical name.
    public var tables: ListState
    public var customTablesOnly: Bool
    /// Operation under the cursor (`TableOperation.rawValue`).
    public var column: Int
    /// The whole matrix from the domain, by table logical name.
    public var matrix: [String: EffectiveRow]
    /// The answer for the cell under the cursor.
    public var why: WhyAnswer?
    /// Secured columns shown on the column tab.
    public var columns: ListState
    /// Column-permission kind under the cursor on the column tab.
    public var columnKind: Int
    /// Column answers by column, in `ColumnPermissionKind.allCases` order.
    public var columnMatrix: [ColumnReference: [ColumnAccessAnswer]]
    /// Miscellaneous privileges shown on the third tab, by lower-cased name (the keys of `misc`),
    /// sorted by name.
    public var miscellaneous: ListState
    /// The user's miscellaneous privileges from the domain, by lower-cased name (rule 13).
    public var misc: [String: MiscPrivilegeGrant]
    /// Whether the "why" panel is open on narrow terminals (wide ones always show it).
    public var showWhy: Bool
    /// The user's teams (ids), resolved once per model change for every answer of the screen.
    public var teamIds: [String]
    /// Why the user has no runtime access (empty when active), from the domain.
    public var dormancy: [Dormancy]

    public init(principal: Principal) {
        self.principal = principal
        self.tab = .tables
        self.tables = ListState()
        self.customTablesOnly = false
        self.column = TableOperation.read.rawValue
        self.matrix = [:]
        self.why = nil
        self.columns = ListState()
        self.columnKind = 0
        self.columnMatrix = [:]
        self.miscellaneous = ListState()
        self.misc = [:]
        self.showWhy = false
        self.teamIds = []
        self.dormancy = []
    }

    public var operation: TableOperation { TableOperation(rawValue: column) ?? .read }
    public var kind: ColumnPermissionKind { ColumnPermissionKind.allCases[max(0, min(3, columnKind))] }

    /// The list of the open tab.
    public var list: ListState {
        switch tab {
        case .tables: tables
        case .columns: columns
        case .miscellaneous: miscellaneous
        }
    }
}

/// The explanation of one cell: a user's answer or a team's.
public enum WhyAnswer: Hashable, Sendable {
    case user(AccessAnswer)
    case team(TeamAccessAnswer)
    case column(ColumnAccessAnswer)
    /// A miscellaneous privilege: the grant that decides it, why the user cannot use it (empty
    /// when active), and whether access mode Read keeps it from working (it writes [I]).
    case miscellaneous(MiscPrivilegeGrant, dormancy: [Dormancy], readOnlyBlocked: Bool = false)
}
