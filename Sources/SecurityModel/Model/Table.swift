/// `OwnershipTypeMask` of a table.
public enum TableOwnership: Sendable, Hashable, CaseIterable {
    /// `UserOwned`: records are owned by a user or team; all levels apply.
    case userOrTeam
    /// `OrgOwned`: only None/Global, and no Assign or Share.
    case organization

    public var snapshotName: String { self == .userOrTeam ? "user" : "organization" }
    public var label: String { self == .userOrTeam ? "User or team" : "Organization" }

    public init?(snapshotName: String) {
        switch snapshotName.lowercased() {
        case "user", "userowned", "team", "userorteam": self = .userOrTeam
        case "organization", "orgowned", "org", "organisation": self = .organization
        default: return nil
        }
    }

    /// Whether `operation` exists on a table of this ownership (Assign and Share do not on an
    /// organization-owned one).
    public func has(_ operation: TableOperation) -> Bool {
        self == .userOrTeam || operation.existsOnOrganizationOwnedTables
    }

    /// Whether a role may grant `level` for `operation` on a table of this ownership.
    public func allows(_ level: AccessLevel, for operation: TableOperation) -> Bool {
        switch self {
        case .userOrTeam: true
        case .organization:
            level == .none || (level == .organization && operation.existsOnOrganizationOwnedTables)
        }
    }

    /// The level a grant read from outside (a solution file, a miscellaneous entry) stands for on
    /// a table of this ownership: on an organization-owned table any level above None counts as
    /// Organization (DATAVERSE.md §2 [I]); `nil` when the operation does not exist there (Assign
    /// or Share on an organization-owned table).
    public func readLevel(_ level: AccessLevel, for operation: TableOperation) -> AccessLevel? {
        switch self {
        case .userOrTeam: level
        case .organization:
            level == .none ? AccessLevel.none : operation.existsOnOrganizationOwnedTables ? .organization : nil
        }
    }

    /// The levels a role may grant for `operation` on a table of this ownership, lowest first.
    public func allowedLevels(for operation: TableOperation) -> [AccessLevel] {
        AccessLevel.allCases.filter { allows($0, for: operation) }
    }

    /// The levels above None a grant of `operation` can have on a table of this ownership, lowest
    /// first: what "who can, at least at …" may ask about. Organization only on an
    /// organization-owned table; none for Assign or Share there.
    public func grantableLevels(for operation: TableOperation) -> [AccessLevel] {
        allowedLevels(for: operation).filter { $0 != .none }
    }
}

/// A column (attribute) of a table.
public struct Column: Hashable, Sendable, Identifiable {
    public var id: String { logicalName }
    public var logicalName: String
    public var displayName: String
    /// `IsSecured`: column security applies; only profiles (and System Administrators) grant access.
    public var isSecured: Bool

    /// A column; an empty display name is the logical name, as for ``Table`` and as a snapshot
    /// reads it back, so one column has one written form.
    public init(logicalName: String, displayName: String = "", isSecured: Bool = false) {
        self.logicalName = logicalName
        self.displayName = displayName.isEmpty ? logicalName : displayName
        self.isSecured = isSecured
    }
}

/// A table (entity) of an environment.
public struct Table: Hashable, Sendable, Identifiable {
    public var id: String { logicalName }
    /// `LogicalName`, e.g. `account`, `contoso_payment`.
    public var logicalName: String
    /// `SchemaName`, used in privilege names, e.g. `Account`, `contoso_Payment`.
    public var schemaName: String
    public var displayName: String
    public var ownership: TableOwnership
    /// A custom table (created by a customizer) rather than a standard one.
    public var isCustom: Bool
    /// Columns by logical name.
    public var columns: [String: Column]

    public init(
        logicalName: String, schemaName: String? = nil, displayName: String = "",
        ownership: TableOwnership = .userOrTeam, isCustom: Bool = false, columns: [Column] = []
    ) {
        self.logicalName = logicalName
        self.schemaName = schemaName ?? logicalName
        self.displayName = displayName.isEmpty ? logicalName : displayName
        self.ownership = ownership
        self.isCustom = isCustom
        self.columns = Dictionary(columns.map { ($0.logicalName, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether column security can apply to a column: Dataverse refuses it on the primary key,
    /// ownership and audit columns and the state (DATAVERSE.md §1.6: "ids, owner, createdon,
    /// statecode…", `CanBeSecuredFor*`); the exact list here is inferred [I].
    public func canSecure(column name: String) -> Bool {
        let n = name.lowercased()
        return n != logicalName.lowercased() + "id" && !Self.unsecurableColumns.contains(n)
    }

    /// The system columns column security never applies to [I].
    public static let unsecurableColumns: Set<String> = [
        "ownerid", "owninguser", "owningteam", "owningbusinessunit", "createdon", "createdby", "createdonbehalfby",
        "modifiedon", "modifiedby", "modifiedonbehalfby", "overriddencreatedon", "statecode", "statuscode", "versionnumber",
        "importsequencenumber", "timezoneruleversionnumber", "utcconversiontimezonecode",
    ]

    /// Secured columns sorted by logical name.
    public var securedColumns: [Column] {
        columns.values.filter(\.isSecured).sorted { $0.logicalName < $1.logicalName }
    }

    /// Why `operation` is no question to ask about this table, or `nil` when it is one: an
    /// organization-owned table has no Assign or Share privilege (DATAVERSE.md §1.5), so "who can
    /// assign" has no answer there, which is not "nobody". The CLI and the console say this.
    public func missingPrivilegeReason(_ operation: TableOperation) -> String? {
        ownership.has(operation)
            ? nil
            : "\(logicalName) is organization-owned: it has no \(operation.label) privilege (its records have no owner to assign or share)"
    }
}
