/// One edit of a snapshot, as a value.
///
/// Every edit the console offers is a `Change`: undo and redo, the pending-changes list, the
/// crash journal and the diff all speak this language. ``Snapshot/apply(_:)`` validates a change
/// and returns its inverse.
public indirect enum Change: Hashable, Sendable {
    // Role privileges
    case setPrivilege(environment: String, role: String, table: String, operation: TableOperation, level: AccessLevel)
    case setPrivilegeRow(environment: String, role: String, table: String, row: PrivilegeRow)
    case setMiscPrivilege(environment: String, role: String, privilege: String, level: AccessLevel)
    case setMemberPrivilegeInheritance(environment: String, role: String, inherits: Bool)
    // Role assignments
    case assignUserRole(environment: String, user: String, role: String)
    case removeUserRole(environment: String, user: String, role: String)
    case assignTeamRole(environment: String, team: String, role: String)
    case removeTeamRole(environment: String, team: String, role: String)
    /// Which business unit's copy of a role the user holds (`nil`: the default,
    /// ``Environment/assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)``): with
    /// modernized business units, where the role's Local and Deep levels reach.
    case setUserRoleCopy(environment: String, user: String, role: String, businessUnit: String?)
    /// ``setUserRoleCopy(environment:user:role:businessUnit:)`` for a team's role.
    case setTeamRoleCopy(environment: String, team: String, role: String, businessUnit: String?)
    // Team membership
    case addTeamMember(environment: String, team: String, user: String)
    case removeTeamMember(environment: String, team: String, user: String)
    // Users
    case setUserBusinessUnit(environment: String, user: String, businessUnit: String)
    case setUserDisabled(environment: String, user: String, disabled: Bool)
    case setUserAccessMode(environment: String, user: String, accessMode: AccessMode)
    // Column security
    case setColumnPermission(environment: String, profile: String, column: ColumnReference, permission: ColumnPermission?)
    case addProfileUser(environment: String, profile: String, user: String)
    case removeProfileUser(environment: String, profile: String, user: String)
    case addProfileTeam(environment: String, profile: String, team: String)
    case removeProfileTeam(environment: String, profile: String, team: String)
    case setColumnSecured(environment: String, column: ColumnReference, secured: Bool)
    // Environment
    case setEnvironmentSettings(environment: String, settings: EnvironmentSettings)
    // Create / rename / delete
    case createRole(environment: String, role: SecurityRole)
    case renameRole(environment: String, role: String, name: String)
    case deleteRole(environment: String, role: String)
    case createTeam(environment: String, team: Team)
    case renameTeam(environment: String, team: String, name: String)
    case deleteTeam(environment: String, team: String)
    case createProfile(environment: String, profile: FieldSecurityProfile)
    case renameProfile(environment: String, profile: String, name: String)
    case deleteProfile(environment: String, profile: String)
    case createBusinessUnit(environment: String, businessUnit: BusinessUnit)
    case renameBusinessUnit(environment: String, businessUnit: String, name: String)
    case deleteBusinessUnit(environment: String, businessUnit: String)
    /// Moves a business unit, with the units below it, under another parent ("Change Parent
    /// Business"): Deep grants above it reach other records.
    case setBusinessUnitParent(environment: String, businessUnit: String, parent: String)
    /// Several changes applied in order as one edit (one undo step); used for inverses that
    /// restore side effects, such as the role assignments a business-unit move removes.
    case compound([Change])

    /// The environment the change applies to (`nil` for an empty compound).
    public var environmentId: String? {
        switch self {
        case .setPrivilege(let e, _, _, _, _), .setPrivilegeRow(let e, _, _, _), .setMiscPrivilege(let e, _, _, _),
            .setMemberPrivilegeInheritance(let e, _, _), .assignUserRole(let e, _, _), .removeUserRole(let e, _, _),
            .assignTeamRole(let e, _, _), .removeTeamRole(let e, _, _), .setUserRoleCopy(let e, _, _, _),
            .setTeamRoleCopy(let e, _, _, _), .addTeamMember(let e, _, _),
            .removeTeamMember(let e, _, _), .setUserBusinessUnit(let e, _, _), .setUserDisabled(let e, _, _),
            .setUserAccessMode(let e, _, _), .setColumnPermission(let e, _, _, _), .addProfileUser(let e, _, _),
            .removeProfileUser(let e, _, _), .addProfileTeam(let e, _, _), .removeProfileTeam(let e, _, _),
            .setColumnSecured(let e, _, _), .setEnvironmentSettings(let e, _), .createRole(let e, _),
            .renameRole(let e, _, _), .deleteRole(let e, _), .createTeam(let e, _), .renameTeam(let e, _, _),
            .deleteTeam(let e, _), .createProfile(let e, _), .renameProfile(let e, _, _), .deleteProfile(let e, _),
            .createBusinessUnit(let e, _), .renameBusinessUnit(let e, _, _), .deleteBusinessUnit(let e, _),
            .setBusinessUnitParent(let e, _, _):
            e
        case .compound(let changes): changes.first?.environmentId
        }
    }
}

/// Why a change could not be applied.
public struct ChangeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
