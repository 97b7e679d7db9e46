/// `teamtype` of a `team`.
public enum TeamType: Int, CaseIterable, Sendable, Hashable {
    case owner = 0
    case access = 1
    case entraSecurityGroup = 2
    case entraOfficeGroup = 3

    public var snapshotName: String {
        switch self {
        case .owner: "owner"
        case .access: "access"
        case .entraSecurityGroup: "entra-security-group"
        case .entraOfficeGroup: "entra-office-group"
        }
    }

    public var label: String {
        switch self {
        case .owner: "Owner"
        case .access: "Access"
        case .entraSecurityGroup: "Entra security group"
        case .entraOfficeGroup: "Entra Office group"
        }
    }

    /// Owner and group teams hold roles and own records; access teams only receive shares.
    public var holdsRoles: Bool { self != .access }

    /// Whether members come from an Entra group.
    public var isGroupTeam: Bool { self == .entraSecurityGroup || self == .entraOfficeGroup }

    public init?(snapshotName: String) {
        guard let t = TeamType.allCases.first(where: { $0.snapshotName == snapshotName.lowercased() }) else {
            return nil
        }
        self = t
    }
}

/// `membershiptype` of a group team: which Entra group members become team members.
/// It can't be changed after the team is created.
public enum GroupMembershipType: Int, CaseIterable, Sendable, Hashable {
    case membersAndGuests = 0
    case members = 1
    case owners = 2
    case guests = 3

    public var snapshotName: String {
        switch self {
        case .membersAndGuests: "members-and-guests"
        case .members: "members"
        case .owners: "owners"
        case .guests: "guests"
        }
    }

    public var label: String {
        switch self {
        case .membersAndGuests: "Members and guests"
        case .members: "Members"
        case .owners: "Owners"
        case .guests: "Guests"
        }
    }

    public init?(snapshotName: String) {
        guard let t = GroupMembershipType.allCases.first(where: { $0.snapshotName == snapshotName.lowercased() })
        else { return nil }
        self = t
    }

    /// Whether an Entra group member of this kind is a member of the team (DATAVERSE.md §2 rule 5).
    public func includes(_ member: EntraGroupMember) -> Bool {
        switch self {
        case .membersAndGuests: true
        case .members: !member.isGuest
        case .owners: member.isOwner && !member.isGuest
        case .guests: member.isGuest
        }
    }
}

/// A team (`team`) of one environment.
public struct Team: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// The team's business unit: Local/Deep grants held through the team are scoped to it
    /// (classic business units).
    public var businessUnitId: String
    public var type: TeamType
    /// The business unit's default team: its members are every user of the business unit.
    public var isDefault: Bool
    /// The Entra group (object id) of a group team.
    public var entraGroupId: String?

    /// Whether members are added and removed by hand: not for a default team (its members are its
    /// business unit's users) nor a group team (they come from Entra, DATAVERSE.md §1.3).
    public var hasExplicitMembers: Bool { !isDefault && !type.isGroupTeam }
    /// Which Entra group members count, for group teams.
    public var membershipType: GroupMembershipType?
    /// Explicit members (`teammembership`). For group teams this is the membership Dataverse cached
    /// at sign-in; when the Entra group is in the snapshot, members are resolved from it instead.
    public var memberIds: Set<String>
    /// Roles assigned to the team (`teamroles`). Access teams hold none.
    public var roleIds: Set<String> {
        didSet {
            // A role no longer held takes its copy's unit with it.
            if !storedRoleBusinessUnitIds.isEmpty {
                storedRoleBusinessUnitIds = storedRoleBusinessUnitIds.filter { roleIds.contains($0.key) }
            }
        }
    }
    /// Which business unit's copy of a role the team holds, where the snapshot says so (role id to
    /// business unit id): ``User/roleBusinessUnitIds`` for a team. Only roles in ``roleIds``
    /// have an entry.
    public var roleBusinessUnitIds: [String: String] {
        get { storedRoleBusinessUnitIds }
        set { storedRoleBusinessUnitIds = newValue.isEmpty ? newValue : newValue.filter { roleIds.contains($0.key) } }
    }
    private var storedRoleBusinessUnitIds: [String: String] = [:]

    public init(
        id: String, name: String, businessUnitId: String, type: TeamType = .owner, isDefault: Bool = false,
        entraGroupId: String? = nil, membershipType: GroupMembershipType? = nil, memberIds: Set<String> = [],
        roleIds: Set<String> = [], roleBusinessUnitIds: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.businessUnitId = businessUnitId
        self.type = type
        self.isDefault = isDefault
        self.entraGroupId = entraGroupId
        self.membershipType = membershipType
        self.memberIds = memberIds
        self.roleIds = roleIds
        self.storedRoleBusinessUnitIds = roleBusinessUnitIds.filter { roleIds.contains($0.key) }
    }
}
