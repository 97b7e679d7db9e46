import SecurityModel

/// The privilege matrix of one role: tables as rows, the eight operations as columns.
///
/// The cursor may also sit on the table-name column (``column`` = -1, the edit applies to the
/// whole row) or on the header row (``row`` = -1, the edit applies to the whole column), as
/// clicking a row or column header does in the Dataverse role editor.
public struct RoleEditorState: Hashable, Sendable {
    /// The tabs of the role editor.
    public enum Tab: Int, CaseIterable, Hashable, Sendable {
        case tables
        case miscellaneous

        public var title: String { self == .tables ? "Tables" : "Miscellaneous privileges" }
    }

    public var roleId: String
    public var tab: Tab
    /// Table logical names shown (filtered), in order.
    public var tables: ListState
    /// Only custom tables.
    public var customTablesOnly: Bool
    /// -1: the table-name column (row scope); 0...7: `TableOperation.rawValue`.
    public var column: Int
    /// True while the cursor is on the column headers (column scope).
    public var onHeader: Bool
    /// Miscellaneous privilege names shown, in order.
    public var miscellaneous: ListState
    /// Whether `0`-`4` set a level: only once the cursor has been moved in the matrix (or a level
    /// changed with `+`, `-` or Space) since the editor opened, a filter was started or cleared,
    /// the tab or the custom-tables view changed. A digit is otherwise refused with a hint: after
    /// Esc cleared a filter, `2` meant as the browser's Users pane set Business Unit on whatever
    /// was under the cursor (found by an editing review).
    public var levelDigitsArmed: Bool

    public init(roleId: String, tables: [String], miscellaneous: [String]) {
        self.roleId = roleId
        self.tab = .tables
        self.tables = ListState(rows: tables)
        self.customTablesOnly = false
        self.column = TableOperation.read.rawValue
        self.onHeader = false
        self.miscellaneous = ListState(rows: miscellaneous)
        self.levelDigitsArmed = false
    }

    /// Whether an action (in the role editor, before it runs) leaves the digits setting levels:
    /// a move or a `+`/`-`/Space edit points at a cell; a filter, Esc, Tab or the custom-tables
    /// toggle moves the rows under the cursor.
    static func armsLevelDigits(after action: Action, armed: Bool) -> Bool {
        switch action {
        case .cursorMoved, .levelRaised, .levelLowered, .levelCycled: true
        case .filterStarted, .backRequested, .paneCycled, .customTablesToggled: false
        default: armed
        }
    }

    /// The operation under the cursor, nil on the table-name column.
    public var operation: TableOperation? { column >= 0 ? TableOperation(rawValue: column) : nil }

    /// What an edit at the cursor changes.
    public var scope: EditScope {
        if onHeader { return operation.map { .column($0) } ?? .all }
        guard let table = tables.selectedId else { return .all }
        return operation.map { .cell(table, $0) } ?? .row(table)
    }

    /// The part of the matrix an edit applies to.
    public enum EditScope: Hashable, Sendable {
        case cell(String, TableOperation)
        case row(String)
        case column(TableOperation)
        /// Header and name column at once: every visible cell.
        case all
    }
}

/// The miscellaneous privileges the role editor always lists: every one Dataverse documents
/// (``MiscellaneousPrivilegeNames/known``, the names System Administrator holds); the role's own
/// others are listed too.
public let knownMiscellaneousPrivileges: [String] = MiscellaneousPrivilegeNames.known.sorted { $0.lowercased() < $1.lowercased() }
