/// The depth of a privilege, as Dataverse defines it.
///
/// Each level implies the lower ones. Dataverse names them differently in each place:
/// solution XML says Basic/Local/Deep/Global, the role editor says User/Business Unit/
/// Parent: Child Business Units/Organization, the Web API has `PrivilegeDepth` 0...3 and
/// `privilegedepthmask` 1/2/4/8. dvsec's snapshot uses the XML names in lower case.
public enum AccessLevel: UInt8, Comparable, CaseIterable, Sendable, Hashable {
    /// No access: the privilege is absent from the role.
    case none = 0
    /// Basic: records owned by the user or the user's teams, or shared with them.
    case user = 1
    /// Local: records whose owning business unit is the scope business unit.
    case businessUnit = 2
    /// Deep: the scope business unit and all its descendants.
    case parentChildBusinessUnits = 3
    /// Global: every record in the organization.
    case organization = 4

    public static func < (lhs: AccessLevel, rhs: AccessLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The name used in solution XML (`RolePrivilege@level`); `nil` for ``none``, which is omitted there.
    public var solutionName: String? {
        switch self {
        case .none: nil
        case .user: "Basic"
        case .businessUnit: "Local"
        case .parentChildBusinessUnits: "Deep"
        case .organization: "Global"
        }
    }

    /// The name used in dvsec snapshots and on the command line.
    public var snapshotName: String {
        switch self {
        case .none: "none"
        case .user: "basic"
        case .businessUnit: "local"
        case .parentChildBusinessUnits: "deep"
        case .organization: "global"
        }
    }

    /// The label the Dataverse role editor shows.
    public var label: String {
        switch self {
        case .none: "None"
        case .user: "User"
        case .businessUnit: "Business Unit"
        case .parentChildBusinessUnits: "Parent: Child Business Units"
        case .organization: "Organization"
        }
    }

    /// A short label for narrow columns.
    public var shortLabel: String {
        switch self {
        case .none: "None"
        case .user: "User"
        case .businessUnit: "BU"
        case .parentChildBusinessUnits: "P:C BU"
        case .organization: "Org"
        }
    }

    /// `privilegedepthmask` in `roleprivilegescollection` rows (Web API); 0 for none.
    public var depthMask: Int {
        switch self {
        case .none: 0
        case .user: 1
        case .businessUnit: 2
        case .parentChildBusinessUnits: 4
        case .organization: 8
        }
    }

    /// Parses any of the names Dataverse and dvsec use, case-insensitively:
    /// `global`, `Global`, `organization`, `org`, `deep`, `local`, `bu`, `basic`, `user`, `none`.
    public init?(name: String) {
        switch name {
        case "basic":
            self = .user
            return
        case "local":
            self = .businessUnit
            return
        case "deep":
            self = .parentChildBusinessUnits
            return
        case "global":
            self = .organization
            return
        case "none":
            self = .none
            return
        default: break
        }
        switch name.lowercased() {
        case "none", "-": self = .none
        case "basic", "user": self = .user
        case "local", "businessunit", "business-unit", "bu": self = .businessUnit
        case "deep", "parentchildbusinessunits", "parent-child", "parentchild": self = .parentChildBusinessUnits
        case "global", "organization", "organisation", "org": self = .organization
        default: return nil
        }
    }

    /// Parses a Web API `privilegedepthmask` (1, 2, 4, 8).
    public init?(depthMask: Int) {
        switch depthMask {
        case 1: self = .user
        case 2: self = .businessUnit
        case 4: self = .parentChildBusinessUnits
        case 8: self = .organization
        default: return nil
        }
    }

    /// The levels an organization-owned table accepts: none or organization.
    public static let organizationOwnedLevels: [AccessLevel] = [.none, .organization]
}
