/// The table-privilege differences two comparisons share (``RoleComparison`` of two roles'
/// privileges, ``UserAccessComparison`` of two users' granted levels).
enum TableDifferences {
    /// Every table operation whose level differs between two sets of rows, by table then
    /// operation. A table missing on one side reads as None there.
    static func between(
        _ left: [String: PrivilegeRow], _ right: [String: PrivilegeRow]
    ) -> [(
        table: String, operation: TableOperation, left: AccessLevel, right: AccessLevel
    )] {
        var out: [(table: String, operation: TableOperation, left: AccessLevel, right: AccessLevel)] = []
        for table in Set(left.keys).union(right.keys).sorted() {
            let a = left[table] ?? .empty
            let b = right[table] ?? .empty
            guard a != b else { continue }
            for op in TableOperation.allCases where a[op] != b[op] { out.append((table, op, a[op], b[op])) }
        }
        return out
    }

    /// Differences in table order with the operations of a table merged when they read the same
    /// (`quote Create, Write, Delete: User | None`); `difference` is the first of each group.
    static func grouped<D>(
        _ differences: [D], table: (D) -> String, operation: (D) -> TableOperation, readTheSame: (D, D) -> Bool
    ) -> [(table: String, operations: [TableOperation], difference: D)] {
        var out: [(table: String, operations: [TableOperation], difference: D)] = []
        var tableStart = 0
        for d in differences {
            if out.last?.table != table(d) { tableStart = out.count }
            if let i = out[tableStart...].firstIndex(where: { readTheSame($0.difference, d) }) {
                out[i].operations.append(operation(d))
            } else {
                out.append((table(d), [operation(d)], d))
            }
        }
        return out
    }
}
