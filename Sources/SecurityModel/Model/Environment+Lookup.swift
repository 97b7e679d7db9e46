/// What a name typed by a person (a command-line argument) finds in an environment.
///
/// A name that fits several records is ``ambiguous(_:)``, never one of them picked at random:
/// two roles of different business units, or two users, may share a name.
public enum NameLookup<Record> {
    case found(Record)
    /// Every record the name fits equally well, sorted by name then id.
    case ambiguous([Record])
    case notFound
}

extension NameLookup: Equatable where Record: Equatable {}

extension Environment {
    /// A user by id, then domain name, then full name (case-insensitive), then a unique part of a
    /// name or domain name.
    public func user(named key: String) -> NameLookup<User> {
        if let u = users[key] { return .found(u) }
        let lower = key.lowercased()
        guard !lower.trimmingCharacters(in: .whitespaces).isEmpty else { return .notFound }
        let sorted = sortedUsers
        return Self.first(
            [
                sorted.filter { $0.domainName.lowercased() == lower },
                sorted.filter { $0.name.lowercased() == lower },
            ],
            orUnique: sorted.filter { $0.name.lowercased().contains(lower) || $0.domainName.lowercased().contains(lower) })
    }

    /// A role by id, then name (case-insensitive), then a unique name prefix.
    public func role(named key: String) -> NameLookup<SecurityRole> {
        if let r = roles[key] { return .found(r) }
        let lower = key.lowercased()
        guard !lower.trimmingCharacters(in: .whitespaces).isEmpty else { return .notFound }
        let sorted = sortedRoles
        return Self.first(
            [sorted.filter { $0.name.lowercased() == lower }], orUnique: sorted.filter { $0.name.lowercased().hasPrefix(lower) })
    }

    /// A table by logical name, then schema name, then display name (case-insensitive).
    public func table(named key: String) -> NameLookup<Table> {
        if let t = tables[key] { return .found(t) }
        let lower = key.lowercased()
        guard !lower.trimmingCharacters(in: .whitespaces).isEmpty else { return .notFound }
        let sorted = sortedTables
        return Self.first(
            [
                sorted.filter { $0.logicalName.lowercased() == lower },
                sorted.filter { $0.schemaName.lowercased() == lower },
                sorted.filter { $0.displayName.lowercased() == lower },
            ],
            orUnique: [])
    }

    /// The first tier that finds anything decides; a last, looser tier counts only when it finds one.
    private static func first<R>(_ tiers: [[R]], orUnique loose: [R]) -> NameLookup<R> {
        for tier in tiers where !tier.isEmpty { return tier.count == 1 ? .found(tier[0]) : .ambiguous(tier) }
        if loose.count == 1 { return .found(loose[0]) }
        return loose.isEmpty ? .notFound : .ambiguous(loose)
    }
}

extension Environment {
    /// Every secured column of the environment, as references.
    public var securedColumnReferences: [ColumnReference] {
        tables.values.flatMap { t in t.securedColumns.map { ColumnReference(table: t.logicalName, column: $0.logicalName) } }
    }
}

extension Environment {
    /// What a profile allows, column by column: its rows, or for the built-in System
    /// Administrator profile every secured column with every permission (see
    /// ``FieldSecurityProfile/permission(on:)``), so lists, details and `show` count what the
    /// engine allows.
    public func columnPermissions(of profile: FieldSecurityProfile) -> [ColumnReference: ColumnPermission] {
        guard profile.isSystemAdministratorProfile else { return profile.permissions }
        return Dictionary(securedColumnReferences.map { ($0, ColumnPermission.all) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Table {
    /// A column by logical name, then logical or display name in any case (`CreditLimit`,
    /// `Credit Limit`); two columns of one display name are ambiguous.
    public func column(named key: String) -> NameLookup<Column> {
        if let c = columns[key] { return .found(c) }
        let lower = key.lowercased()
        guard !lower.trimmingCharacters(in: .whitespaces).isEmpty else { return .notFound }
        let sorted = columns.values.sorted { $0.logicalName < $1.logicalName }
        for tier in [sorted.filter { $0.logicalName.lowercased() == lower }, sorted.filter { $0.displayName.lowercased() == lower }]
        where !tier.isEmpty {
            return tier.count == 1 ? .found(tier[0]) : .ambiguous(tier)
        }
        return .notFound
    }

    /// Columns whose logical or display name is near `key`, as logical names.
    public func columnSuggestions(for key: String) -> [String] {
        NameSuggestion.closest(to: key, among: columns.values.map { ($0.logicalName, [$0.logicalName, $0.displayName]) })
    }
}
