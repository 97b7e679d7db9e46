/// Table-access changes of one user that say the same thing for several operations of one table
/// (`account Create, Read, Write: Business Unit -> Organization via role Seller`), for display.
public struct TableAccessChangeGroup: Hashable, Sendable {
    public var table: String
    public var operations: [TableOperation]
    /// The first change of the group; every member has its levels, scopes, path and risk.
    public var change: TableAccessChange

    /// `Create, Read, Write`.
    public var operationsLabel: String { operations.map(\.label).joined(separator: ", ") }
}

extension UserImpact {
    /// The table changes, the operations of a table merged when they read the same, in the order
    /// of their first operation.
    public var groupedTableChanges: [TableAccessChangeGroup] {
        var out: [TableAccessChangeGroup] = []
        var tableStart = 0
        for c in tableChanges {
            if out.last?.table != c.table { tableStart = out.count }
            if let i = out[tableStart...].firstIndex(where: { Self.sameStory($0.change, c) }) {
                out[i].operations.append(c.operation)
            } else {
                out.append(TableAccessChangeGroup(table: c.table, operations: [c.operation], change: c))
            }
        }
        return out
    }

    static func sameStory(_ a: TableAccessChange, _ b: TableAccessChange) -> Bool {
        a.old == b.old && a.new == b.new && a.oldScope == b.oldScope && a.newScope == b.newScope && a.isDormant == b.isDormant
            && a.risk == b.risk && a.reasons == b.reasons && a.oldPath == b.oldPath && a.newPath == b.newPath
            && a.oldReadAccessMode == b.oldReadAccessMode && a.newReadAccessMode == b.newReadAccessMode
    }
}
