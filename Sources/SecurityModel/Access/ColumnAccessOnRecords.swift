extension Environment {
    /// A user's access to a column with ``ColumnAccessAnswer/tableLevel`` worked out: the granted
    /// level of the table operation the permission goes with. Column security never grants record
    /// access (DATAVERSE.md §1.6), so a permission without that operation has no record to be used
    /// on (``ColumnAccessAnswer/withoutTableOperation``): `effective`, `report` and the console's
    /// effective access say so, as who-can does (a review found `effective` saying "Read yes"
    /// where who-can said "no Read on account: no record to read it on").
    public func columnAccessOnRecords(
        of context: UserAccessContext, column ref: ColumnReference, kind: ColumnPermissionKind
    ) -> ColumnAccessAnswer {
        var answer = columnAccess(of: context, column: ref, kind: kind)
        answer.tableLevel = effectiveAccess(of: context, table: ref.table, operation: kind.tableOperation).grantedLevel
        if kind == .readUnmasked && answer.isSecured {
            answer.columnReadAllowed = columnAccess(of: context, column: ref, kind: .read).grantedAllowed
        }
        return answer
    }

    /// ``columnAccessOnRecords(of:column:kind:)`` for a user; `teams` defaults to the user's teams.
    public func columnAccessOnRecords(
        of user: User, column ref: ColumnReference, kind: ColumnPermissionKind, teams userTeams: [Team]? = nil
    ) -> ColumnAccessAnswer {
        columnAccessOnRecords(of: accessContext(of: user, teams: userTeams), column: ref, kind: kind)
    }
}
