import SecurityModel

/// The column permissions of one field security profile: secured columns as rows, Read, Create,
/// Update and Read unmasked as columns.
public struct ProfileEditorState: Hashable, Sendable {
    public var profileId: String
    /// Column references shown, as `table.column`.
    public var columns: ListState
    /// The permission kind under the cursor (`ColumnPermissionKind.allCases` index).
    public var kind: Int
    /// Show every column of every table, not only secured ones (to secure a column).
    public var showAllColumns: Bool

    public init(profileId: String, columns: [String]) {
        self.profileId = profileId
        self.columns = ListState(rows: columns)
        self.kind = 0
        self.showAllColumns = false
    }

    public var permissionKind: ColumnPermissionKind { ColumnPermissionKind.allCases[max(0, min(3, kind))] }
}

extension ColumnReference {
    /// Parses `table.column` as the profile editor stores rows.
    init?(rowId: String) {
        guard let dot = rowId.firstIndex(of: ".") else { return nil }
        self.init(table: String(rowId[..<dot]), column: String(rowId[rowId.index(after: dot)...]))
    }

    var rowId: String { "\(table).\(column)" }
}
