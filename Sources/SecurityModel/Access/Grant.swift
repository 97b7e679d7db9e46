/// The route by which a user receives a role.
public enum GrantPath: Hashable, Sendable {
    /// The role is assigned to the user (`systemuserroles`).
    case direct(roleId: String)
    /// The role is assigned to an owner or group team the user belongs to; Local/Deep levels are
    /// scoped to the team's business unit (classic) and Basic covers the team's records.
    case team(teamId: String, roleId: String)
    /// Member's privilege inheritance (`isinherited = 1`): the team role's privilege is also held
    /// directly, at Basic.
    case inherited(teamId: String, roleId: String)

    public var roleId: String {
        switch self {
        case .direct(let r), .team(_, let r), .inherited(_, let r): r
        }
    }

    public var teamId: String? {
        switch self {
        case .direct: nil
        case .team(let t, _), .inherited(let t, _): t
        }
    }
}

/// Whose ownership a Basic grant checks: the user's own records, or the team's.
public enum GrantPrincipal: Hashable, Sendable {
    case user
    case team(String)
}

/// One contribution to a user's effective level on a table operation.
public struct Grant: Hashable, Sendable {
    public var table: String
    public var operation: TableOperation
    public var level: AccessLevel
    /// The business unit that Local and Deep refer to.
    public var scopeBusinessUnitId: String
    public var actsAs: GrantPrincipal
    public var path: GrantPath
    /// The grant comes from System Administrator, which overrides every other grant.
    public var isSystemAdministrator: Bool

    public init(
        table: String, operation: TableOperation, level: AccessLevel, scopeBusinessUnitId: String,
        actsAs: GrantPrincipal, path: GrantPath, isSystemAdministrator: Bool = false
    ) {
        self.table = table
        self.operation = operation
        self.level = level
        self.scopeBusinessUnitId = scopeBusinessUnitId
        self.actsAs = actsAs
        self.path = path
        self.isSystemAdministrator = isSystemAdministrator
    }
}

/// A rule that changed or qualified the answer, shown with it.
public enum AccessNote: Hashable, Sendable {
    /// Access mode Read: only the Read privilege applies [I].
    case readOnlyAccessMode
    /// Access mode Non-interactive: API access only (DATAVERSE.md §2 rule 4).
    case nonInteractiveAccessMode
    /// An organization-owned table: any level above None counts as Organization [I].
    case organizationOwnedTable
    /// System Administrator grants Organization on everything and all secured columns.
    case systemAdministrator(roleId: String, teamId: String?)
    /// Modernized business units: Local/Deep refer to the business unit of the role's copy a
    /// principal was assigned, which a snapshot does not record: the principal's own unit's copy
    /// is read when the role has one there, the role's own unit's otherwise [I]
    /// (``Environment/assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)``).
    case modernizedBusinessUnits
    /// A team role without member privilege inheritance ("Team privileges only"), at any level:
    /// its grants act as the team (a Basic level covers only the team's records), and the member
    /// holds none of them directly, so gets no Basic level of their own from it.
    case teamPrivilegesOnly(teamId: String, roleId: String)
    /// Access mode Support User or Delegated Admin: DATAVERSE.md lists them but gives them no
    /// rule, so dvsec reads them as Read-Write [I]. (Administrative has one: a dormancy reason,
    /// ``Dormancy/administrativeAccessMode``.)
    case accessModeReadAsReadWrite(AccessMode)

    /// The note every answer about `user` carries when their access mode has no rule and is read
    /// as Read-Write [I] (Support User, Delegated Admin); `nil` for the other modes.
    public static func accessModeReading(of user: User) -> AccessNote? {
        switch user.accessMode {
        case .supportUser, .delegatedAdmin: .accessModeReadAsReadWrite(user.accessMode)
        case .readWrite, .read, .administrative, .nonInteractive: nil
        }
    }

    public var isInferred: Bool {
        switch self {
        // DATAVERSE.md §2 rule 4 marks Read [I] and states "4 means API only" as fact; the
        // organization-owned reading of other levels is [I].
        case .readOnlyAccessMode, .organizationOwnedTable, .accessModeReadAsReadWrite, .modernizedBusinessUnits: true
        default: false
        }
    }

    /// A note about the user or the environment rather than one cell: the same for every table
    /// and operation it is given on (access mode Read: on every operation but Read; a
    /// team-privileges-only role: on every cell it grants), so a list of answers can say it once.
    public var isAboutTheUserOrEnvironment: Bool {
        switch self {
        case .nonInteractiveAccessMode, .modernizedBusinessUnits, .accessModeReadAsReadWrite, .readOnlyAccessMode, .teamPrivilegesOnly:
            true
        default: false
        }
    }
}

/// What the computation does not evaluate; stated with every answer.
public enum NotEvaluated: String, Hashable, Sendable, CaseIterable {
    case recordSharing
    case hierarchySecurity
    case recordOwnership
    case perRecordColumnSharing

    public var label: String {
        switch self {
        case .recordSharing: "record sharing (PrincipalObjectAccess) and access teams"
        case .hierarchySecurity: "hierarchy security (manager / position)"
        case .recordOwnership: "record ownership: which records fall in each scope"
        case .perRecordColumnSharing: "per-record column shares (PrincipalObjectAttributeAccess)"
        }
    }

    /// Stated with table-privilege answers.
    public static let forTablePrivileges: [NotEvaluated] = [.recordSharing, .hierarchySecurity, .recordOwnership]
    /// Stated with column-security answers.
    public static let forColumns: [NotEvaluated] = [.perRecordColumnSharing, .recordSharing]
}
