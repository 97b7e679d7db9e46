/// `canreadunmasked` of a field permission.
public enum UnmaskedRead: Int, CaseIterable, Sendable, Hashable {
    case notAllowed = 0
    case oneRecord = 1
    case allRecords = 3

    public var snapshotName: String {
        switch self {
        case .notAllowed: "not-allowed"
        case .oneRecord: "one-record"
        case .allRecords: "all-records"
        }
    }

    /// As the maker portal words it: "Not allowed", "One record", "All records".
    public var label: String {
        switch self {
        case .notAllowed: "Not allowed"
        case .oneRecord: "One record"
        case .allRecords: "All records"
        }
    }

    public init?(snapshotName: String) {
        guard let v = UnmaskedRead.allCases.first(where: { $0.snapshotName == snapshotName.lowercased() }) else {
            return nil
        }
        self = v
    }
}

/// A column permission kind checked by column security.
public enum ColumnPermissionKind: String, CaseIterable, Sendable, Hashable {
    case read, create, update, readUnmasked

    public var label: String {
        switch self {
        case .read: "Read"
        case .create: "Create"
        case .update: "Update"
        case .readUnmasked: "Read unmasked"
        }
    }
}

/// One `fieldpermission` row: what a profile allows on one secured column.
public struct ColumnPermission: Hashable, Sendable {
    public var canRead: Bool
    public var canCreate: Bool
    public var canUpdate: Bool
    public var canReadUnmasked: UnmaskedRead

    public init(
        canRead: Bool = false, canCreate: Bool = false, canUpdate: Bool = false,
        canReadUnmasked: UnmaskedRead = .notAllowed
    ) {
        self.canRead = canRead
        self.canCreate = canCreate
        self.canUpdate = canUpdate
        self.canReadUnmasked = canReadUnmasked
    }

    public func allows(_ kind: ColumnPermissionKind) -> Bool {
        switch kind {
        case .read: canRead
        case .create: canCreate
        case .update: canUpdate
        case .readUnmasked: canReadUnmasked != .notAllowed
        }
    }

    public static let all = ColumnPermission(canRead: true, canCreate: true, canUpdate: true, canReadUnmasked: .allRecords)
}

/// A table and column, the key of a field permission.
public struct ColumnReference: Hashable, Sendable, Comparable {
    public var table: String
    public var column: String

    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }

    public static func < (a: ColumnReference, b: ColumnReference) -> Bool {
        (a.table, a.column) < (b.table, b.column)
    }

    public var description: String { "\(table).\(column)" }
}

/// A field (column) security profile (`fieldsecurityprofile`).
public struct FieldSecurityProfile: Hashable, Sendable, Identifiable {
    /// The built-in System Administrator profile, which holds every secured column.
    public static let systemAdministratorProfileId = "572329c1-a042-4e22-be47-367c6374ea45"

    public var id: String
    public var name: String
    public var description: String?
    /// Field permissions by column.
    public var permissions: [ColumnReference: ColumnPermission]
    /// Users who are members (`systemuserprofiles`). Not carried in solutions.
    public var userIds: Set<String>
    /// Teams that are members (`teamprofiles`). Not carried in solutions.
    public var teamIds: Set<String>

    public init(
        id: String, name: String, description: String? = nil,
        permissions: [ColumnReference: ColumnPermission] = [:], userIds: Set<String> = [], teamIds: Set<String> = []
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.permissions = permissions
        self.userIds = userIds
        self.teamIds = teamIds
    }

    public var isSystemAdministratorProfile: Bool { id.lowercased() == Self.systemAdministratorProfileId }

    /// What the profile allows on a column: its row, or for the built-in System Administrator
    /// profile every permission, whatever its rows say: Dataverse keeps that profile holding
    /// every secured column (DATAVERSE.md §1.6), also one secured after the snapshot was taken.
    /// Meaningful for a secured column only (a column that is not secured is open to all).
    public func permission(on ref: ColumnReference) -> ColumnPermission? {
        isSystemAdministratorProfile ? .all : permissions[ref]
    }
}
