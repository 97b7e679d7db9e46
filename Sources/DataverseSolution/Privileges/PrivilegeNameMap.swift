import SecurityModel

/// What a privilege name means: a table privilege, a miscellaneous privilege, or a name dvsec
/// cannot map (kept as is, so it round-trips).
public enum PrivilegeMeaning: Hashable, Sendable {
    /// A table privilege. `inferred` is true when the table was not known and was derived from
    /// the name (`prvReadcontoso_Thing` → `contoso_thing`, schema name `contoso_Thing`).
    case table(Table, TableOperation, inferred: Bool)
    /// A miscellaneous privilege such as `prvExportToExcel`.
    case miscellaneous
    /// A name that matches no known table; the reason says why.
    case unmapped(reason: String)
}

/// Maps privilege names to tables and operations and back.
///
/// A name is `prv` + verb + table part, where the table part is the table's schema name, compared
/// case-insensitively (`prvAppendtoCategory`), except for built-in names that use an older name
/// (`prvReadNote` → `annotation`). Tables come from, in rising priority, ``BuiltInPrivileges``,
/// the snapshot and the solution being imported. An unknown table part with a publisher prefix
/// (`contoso_…`) is taken as a custom table; any other unknown name is unmapped.
public struct PrivilegeNameMap: Sendable {
    private var tablesBySchema: [String: Table] = [:]
    private var tablesByLogical: [String: Table] = [:]
    private static let miscellaneous: Set<String> = Set(BuiltInPrivileges.miscellaneousNames.map { $0.lowercased() })
    private static let irregularParts: [String: String] = Dictionary(
        BuiltInPrivileges.irregularTableParts.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    private static let irregularPartByTable: [String: String] = Dictionary(
        BuiltInPrivileges.irregularTableParts.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
    /// Verbs longest first, so `AppendTo` is tried before `Append`.
    private static let verbs: [TableOperation] = TableOperation.allCases.sorted {
        ($0.privilegeVerb.count, $1.rawValue) > ($1.privilegeVerb.count, $0.rawValue)
    }

    /// A map over the built-in standard tables and then `tables` (later tables win).
    public init(tables: some Sequence<Table> = []) {
        add(BuiltInPrivileges.standardTables)
        add(tables)
    }

    /// Adds tables; a table with the same logical or schema name replaces the earlier one.
    public mutating func add(_ tables: some Sequence<Table>) {
        for t in tables {
            tablesBySchema[t.schemaName.lowercased()] = t
            tablesByLogical[t.logicalName.lowercased()] = t
        }
    }

    /// The known table with this logical name.
    public func table(logicalName: String) -> Table? { tablesByLogical[logicalName.lowercased()] }

    /// What a privilege name means.
    public func meaning(of name: String) -> PrivilegeMeaning {
        let lower = name.lowercased()
        if Self.miscellaneous.contains(lower) { return .miscellaneous }
        guard lower.hasPrefix("prv"), name.count > 3 else {
            return .unmapped(reason: "a table privilege name starts with 'prv'")
        }
        let afterPrv = name.dropFirst(3)
        var candidates: [(TableOperation, Substring)] = []
        for op in Self.verbs where afterPrv.lowercased().hasPrefix(op.privilegeVerb.lowercased()) {
            let part = afterPrv.dropFirst(op.privilegeVerb.count)
            guard !part.isEmpty else { continue }
            candidates.append((op, part))
            if let table = knownTable(forPart: String(part)) { return .table(table, op, inferred: false) }
        }
        guard !candidates.isEmpty else {
            return .unmapped(reason: "no verb (Create, Read, Write, Delete, Append, AppendTo, Assign, Share) after 'prv'")
        }
        // A table no file describes: its schema name is guessed from the rest of the name. Real
        // names spell AppendTo with a capital T, so `prvAppendtom_Project` is Append on
        // `tom_Project`, not AppendTo on `m_Project`.
        let (op, part) =
            candidates.first { $0.0 != .appendTo || afterPrv.hasPrefix(TableOperation.appendTo.privilegeVerb) }
            ?? candidates[0]
        if part.contains("_") {
            let table = Table(logicalName: part.lowercased(), schemaName: String(part), ownership: .userOrTeam, isCustom: true)
            return .table(table, op, inferred: true)
        }
        return .unmapped(reason: "no table with schema name '\(part)' is known (add the table's Entity.xml or metadata)")
    }

    private func knownTable(forPart part: String) -> Table? {
        let lower = part.lowercased()
        if let logical = Self.irregularParts[lower] {
            return tablesByLogical[logical] ?? Table(logicalName: logical, schemaName: part)
        }
        return tablesBySchema[lower] ?? tablesByLogical[lower]
    }

    /// The privilege name Dataverse uses for an operation on a table: the irregular built-in
    /// spelling when there is one, else `prv` + verb + schema name.
    public static func privilegeName(for operation: TableOperation, on table: Table) -> String {
        if let exact = BuiltInPrivileges.irregularNames[table.logicalName]?[operation] { return exact }
        let part = irregularPartByTable[table.logicalName] ?? table.schemaName
        return "prv" + operation.privilegeVerb + part
    }
}
