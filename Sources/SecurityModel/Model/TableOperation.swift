/// One of the eight table privileges a security role grants per table.
public enum TableOperation: Int, CaseIterable, Sendable, Hashable, Comparable {
    case create = 0
    case read, write, delete, append, appendTo, assign, share

    public static func < (lhs: TableOperation, rhs: TableOperation) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The verb in privilege names (`prv` + verb + table schema name).
    public var privilegeVerb: String {
        switch self {
        case .create: "Create"
        case .read: "Read"
        case .write: "Write"
        case .delete: "Delete"
        case .append: "Append"
        case .appendTo: "AppendTo"
        case .assign: "Assign"
        case .share: "Share"
        }
    }

    /// The name used in snapshots and on the command line.
    public var snapshotName: String {
        switch self {
        case .create: "create"
        case .read: "read"
        case .write: "write"
        case .delete: "delete"
        case .append: "append"
        case .appendTo: "appendTo"
        case .assign: "assign"
        case .share: "share"
        }
    }

    /// The column header the Dataverse role editor uses.
    public var label: String {
        switch self {
        case .appendTo: "Append To"
        default: privilegeVerb
        }
    }

    /// The bit in the `AccessRights` mask used by shares and access checks.
    public var accessRight: Int {
        switch self {
        case .read: 1
        case .write: 2
        case .append: 4
        case .appendTo: 16
        case .create: 32
        case .delete: 65536
        case .share: 262144
        case .assign: 524288
        }
    }

    /// Whether an organization-owned table has this privilege at all (it has no Assign or Share).
    public var existsOnOrganizationOwnedTables: Bool { self != .assign && self != .share }

    /// Parses `read`, `Read`, `appendto`, `append-to`, `AppendTo`, ... case-insensitively.
    public init?(name: String) {
        switch name {
        case "create":
            self = .create
            return
        case "read":
            self = .read
            return
        case "write":
            self = .write
            return
        case "delete":
            self = .delete
            return
        case "append":
            self = .append
            return
        case "appendTo":
            self = .appendTo
            return
        case "assign":
            self = .assign
            return
        case "share":
            self = .share
            return
        default: break
        }
        let key = name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
            .replacingOccurrences(of: " ", with: "")
        guard let op = TableOperation.allCases.first(where: { $0.snapshotName.lowercased() == key }) else { return nil }
        self = op
    }
}
