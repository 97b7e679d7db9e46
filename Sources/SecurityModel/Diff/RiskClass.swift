/// How a change moves access: the class every diff line and impact line carries.
///
/// Reviewers read escalations first, so the cases are ordered escalation < reduction < neutral
/// for sorting.
public enum RiskClass: String, CaseIterable, Sendable, Hashable, Comparable {
    /// Someone can do more than before: a level raised, a new Delete/Assign/Share, Organization
    /// level on a user-owned table, System Administrator or Customizer granted, a secured column
    /// readable or updatable by more users, a user enabled or added to a security group.
    case escalation
    /// Someone can do less than before.
    case reduction
    /// No access moves: names, descriptions, dormant grants, metadata.
    case neutral

    private var rank: Int {
        switch self {
        case .escalation: 0
        case .reduction: 1
        case .neutral: 2
        }
    }

    public static func < (a: RiskClass, b: RiskClass) -> Bool { a.rank < b.rank }

    /// The class of the same change read backwards (target to base).
    public var mirrored: RiskClass {
        switch self {
        case .escalation: .reduction
        case .reduction: .escalation
        case .neutral: .neutral
        }
    }

    /// The most severe of several classes (escalation beats reduction beats neutral).
    public static func worst<S: Sequence>(_ classes: S) -> RiskClass where S.Element == RiskClass {
        classes.min() ?? .neutral
    }

    /// Label for text output.
    public var label: String { rawValue }
}

/// Why a line is an escalation (or, for the mirrored rules, a reduction).
public enum RiskReason: String, CaseIterable, Sendable, Hashable {
    /// A table privilege level went up.
    case levelRaised
    /// Delete, Assign or Share granted where there was none.
    case newDeleteAssignShare
    /// Organization level newly granted on a user-owned table.
    case organizationLevelOnUserOwnedTable
    /// A miscellaneous privilege went up.
    case miscPrivilegeRaised
    /// System Administrator granted (assigned, or a role became one).
    case systemAdministratorGranted
    /// System Customizer granted.
    case systemCustomizerGranted
    /// A role assigned to a user or to a team that holds roles.
    case roleAssigned
    /// A user added to a team that owns records (owner or group team: its members' Basic grants
    /// reach them), or that holds roles or field security profiles.
    case teamMemberAdded
    /// Member's privilege inheritance turned on: team members get the Basic grants directly.
    case inheritanceEnabled
    /// A secured column became readable, creatable or updatable by someone.
    case securedColumnExposed
    /// A column lost its `IsSecured` flag: everyone with table access can use it.
    case columnUnsecured
    /// A user or team added to a field security profile that allows something.
    case profileMemberAdded
    /// A disabled user enabled.
    case userEnabled
    /// A user licensed.
    case userLicensed
    /// A new enabled user.
    case userAdded
    /// An environment with enabled users on the target side only.
    case environmentAdded
    /// A user whose access mode was Read can now write.
    case readOnlyLifted
    /// An unlicensed user's access mode now needs no licence (Non-interactive): the user's
    /// grants work at run time.
    case licenceNoLongerNeeded
    /// A user taken out of access mode Administrative (no customer data) into a mode with data
    /// access.
    case administrativeAccessModeLifted
    /// A user added to the environment's security group.
    case addedToSecurityGroup
    /// The environment's security group was removed: anyone in the tenant can be added.
    case securityGroupRemoved
    /// Admin mode turned off: every user can sign in again.
    case adminModeTurnedOff
    /// A business unit enabled (and not under a disabled one): its users, and those of the
    /// units below it, can sign in again.
    case businessUnitEnabled
    /// A Local or Deep grant now refers to another business unit: access to other records.
    case scopeChanged
    /// A Local or Deep grant now refers to more business units than before, the ones it
    /// referred to included: access to more records. (Fewer of them is a reduction.)
    case scopeWidened
    /// A Basic grant now reaches other owners' records: a team-only grant (no member privilege
    /// inheritance) where one acted as the user, or the other way round, or another team's.
    case ownersChanged
    /// A Basic grant now reaches the records of more owners than before, those it reached
    /// included: the user's own and their teams' where only a team's were.
    case ownersWidened
    /// A team became able to hold roles (for example an access team became an owner team).
    case teamHoldsRoles
    /// Modernized business units turned on or off: the Local and Deep grants of roles a user
    /// or team holds from another business unit now refer to another business unit [I].
    case businessUnitScopesMoved

    /// A short phrase for text output.
    public var label: String {
        switch self {
        case .levelRaised: "level raised"
        case .newDeleteAssignShare: "new Delete/Assign/Share"
        case .organizationLevelOnUserOwnedTable: "Organization level on a user-owned table"
        case .miscPrivilegeRaised: "miscellaneous privilege raised"
        case .systemAdministratorGranted: "System Administrator granted"
        case .systemCustomizerGranted: "System Customizer granted"
        case .roleAssigned: "role assigned"
        case .teamMemberAdded: "added to a team that owns records or holds roles or profiles"
        case .inheritanceEnabled: "members inherit the team's Basic grants"
        case .securedColumnExposed: "secured column exposed"
        case .columnUnsecured: "column no longer secured"
        case .profileMemberAdded: "added to a field security profile"
        case .userEnabled: "user enabled"
        case .userLicensed: "user licensed"
        case .userAdded: "new enabled user"
        case .environmentAdded: "environment with enabled users added"
        // Access mode Read is read-only by an inferred rule (DATAVERSE.md §2 rule 4): lifting it
        // raises levels only by that rule (a docs review found it unlabelled).
        case .readOnlyLifted: "read-only access mode lifted [I]"
        case .licenceNoLongerNeeded: "access mode needs no licence: an unlicensed user's grants work"
        case .administrativeAccessModeLifted: "access mode Administrative lifted: customer data reachable"
        case .addedToSecurityGroup: "added to the environment security group"
        case .securityGroupRemoved: "environment security group removed"
        case .adminModeTurnedOff: "admin mode turned off"
        case .businessUnitEnabled: "business unit enabled: its users can sign in"
        case .scopeChanged: "scope moved to another business unit"
        case .scopeWidened: "scope reaches more business units"
        case .ownersChanged: "now reaches the records of other owners"
        case .ownersWidened: "now reaches the records of more owners"
        case .teamHoldsRoles: "team can now hold roles"
        case .businessUnitScopesMoved: "Local and Deep grants of roles held from another business unit change scope [I]"
        }
    }
}
