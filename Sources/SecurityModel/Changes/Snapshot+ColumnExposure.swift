/// Who a column unsecured would expose: the active users who can read its table and cannot read
/// the column now (column security no longer keeps them out, DATAVERSE.md §1.6), for the
/// console's question before such an edit in production (found by an editing review: unsecuring
/// a column there asked nothing while it raised 29 users' access).
public struct ColumnExposure: Hashable, Sendable {
    public var column: ColumnReference
    public var environmentName: String
    /// The users who would newly read the column, by name.
    public var users: [User]
}

extension Snapshot {
    /// The exposure of a change that unsecures a secured column; `nil` for any other change, or
    /// when no active user would newly read it.
    public func columnExposure(of change: Change) -> ColumnExposure? {
        guard case .setColumnSecured(let environmentId, let ref, false) = change, let env = environments[environmentId],
            env.tables[ref.table]?.columns[ref.column]?.isSecured == true
        else { return nil }
        let index = AccessIndex(environment: env)
        let allowed = Set(index.columnWhoCan(ref, kind: .read)?.users.filter { $0.tableLevel != AccessLevel.none }.map(\.userId) ?? [])
        let users = index.whoCan(table: ref.table, operation: .read).users.filter { !allowed.contains($0.userId) }
            .compactMap { env.users[$0.userId] }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        return users.isEmpty ? nil : ColumnExposure(column: ref, environmentName: env.name, users: users)
    }
}
