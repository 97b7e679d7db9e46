/// `accessmode` of a `systemuser`.
public enum AccessMode: Int, CaseIterable, Sendable, Hashable {
    case readWrite = 0
    case administrative = 1
    case read = 2
    case supportUser = 3
    case nonInteractive = 4
    case delegatedAdmin = 5

    /// The name used in snapshots.
    public var snapshotName: String {
        switch self {
        case .readWrite: "read-write"
        case .administrative: "administrative"
        case .read: "read"
        case .supportUser: "support-user"
        case .nonInteractive: "non-interactive"
        case .delegatedAdmin: "delegated-admin"
        }
    }

    /// The label Dataverse shows.
    public var label: String {
        switch self {
        case .readWrite: "Read-Write"
        case .administrative: "Administrative"
        case .read: "Read"
        case .supportUser: "Support User"
        case .nonInteractive: "Non-interactive"
        case .delegatedAdmin: "Delegated Admin"
        }
    }

    public init?(snapshotName: String) {
        guard let mode = AccessMode.allCases.first(where: { $0.snapshotName == snapshotName.lowercased() }) else {
            return nil
        }
        self = mode
    }
}

/// A user (`systemuser`) of one environment.
public struct User: Hashable, Sendable, Identifiable {
    public var id: String
    /// `fullname`.
    public var name: String
    /// `domainname`: the user principal name, e.g. `adele@contoso.com`.
    public var domainName: String
    /// `businessunitid`: every user is in exactly one business unit.
    public var businessUnitId: String
    /// `isdisabled`: the user can't sign in, but keeps roles, teams and records [I].
    public var isDisabled: Bool
    public var accessMode: AccessMode
    /// Whether the user holds a licence; without one there is no data access.
    public var isLicensed: Bool
    /// An application user (`applicationid` set): bypasses the environment security group.
    public var isApplicationUser: Bool
    /// `parentsystemuserid`: the manager in the manager hierarchy.
    public var managerId: String?
    /// `title`, shown for context only.
    public var title: String?
    /// Security roles assigned directly (`systemuserroles`).
    public var roleIds: Set<String>

    public init(
        id: String, name: String, domainName: String = "", businessUnitId: String, isDisabled: Bool = false,
        accessMode: AccessMode = .readWrite, isLicensed: Bool = true, isApplicationUser: Bool = false,
        managerId: String? = nil, title: String? = nil, roleIds: Set<String> = []
    ) {
        self.id = id
        self.name = name
        self.domainName = domainName
        self.businessUnitId = businessUnitId
        self.isDisabled = isDisabled
        self.accessMode = accessMode
        self.isLicensed = isLicensed
        self.isApplicationUser = isApplicationUser
        self.managerId = managerId
        self.title = title
        self.roleIds = roleIds
    }
}
