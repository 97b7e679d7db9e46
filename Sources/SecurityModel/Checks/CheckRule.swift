/// A go-live rule: its id, title, default severity, whether it is inferred, and the usual fix.
///
/// The ids follow DATAVERSE.md §4; a row of that table that holds several rules gets a letter
/// (`AP4a` ... `AP4d`). Rules the document marks [I] have ``isInferred`` set.
public struct CheckRule: Hashable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var severity: FindingSeverity
    public var isInferred: Bool
    /// Where the rule comes from (DATAVERSE.md §4 source column).
    public var source: String
    /// The usual fix; findings may give a more specific one.
    public var fix: String

    public init(id: String, title: String, severity: FindingSeverity, isInferred: Bool = false, source: String, fix: String) {
        self.id = id
        self.title = title
        self.severity = severity
        self.isInferred = isInferred
        self.source = source
        self.fix = fix
    }
}

extension CheckRule {
    /// AP1. The rules below are listed in ``catalogue``; see the DiffAndChecks article for each.
    public static let sensitiveColumnNotSecured = CheckRule(
        id: "AP1", title: "Sensitive-named column not secured", severity: .warning, source: "security.md; checklist",
        fix: "Enable column security (IsSecured) and grant it through a field security profile; hiding it on forms is not security.")
    public static let credentialsInDataverse = CheckRule(
        id: "AP2", title: "Credentials stored in a table", severity: .warning, source: "security.md (use Key Vault)",
        fix:
            "Move secrets to Azure Key Vault (environment variables of type secret); until then, secure the credential columns and keep Read on the table below Organization."
    )
    public static let organizationOwnedCustomTable = CheckRule(
        id: "AP3", title: "Organization-owned custom table", severity: .info, source: "day-one-priority",
        fix: "Make the table user- or team-owned if access must ever be segmented by business unit; ownership can't change later.")
    public static let systemAdministratorWidelyHeld = CheckRule(
        id: "AP4a", title: "System Administrator held widely", severity: .warning, source: "day-one-priority; go-live checklist",
        fix: "Keep System Administrator to a few named administrators; give everyone else a role built for the job.")
    public static let broadGlobalPrivileges = CheckRule(
        id: "AP4b", title: "Broad Organization-level Write/Delete/Assign/Share", severity: .warning, source: "day-one-priority",
        fix: "Lower Write/Delete/Assign/Share to User or Business Unit where the job allows it.")
    public static let systemAdministratorClone = CheckRule(
        id: "AP4c", title: "Clone of System Administrator", severity: .warning, source: "wp-security-cds",
        fix: "Build the role from the privileges the job needs instead of copying System Administrator.")
    public static let systemAdministratorTestPersona = CheckRule(
        id: "AP4d", title: "System Administrator held by a test persona", severity: .warning, source: "go-live checklist",
        fix: "Test with the roles real users will hold; remove System Administrator from test accounts.")
    public static let shareGrantedBroadly = CheckRule(
        id: "AP5", title: "Share granted broadly", severity: .warning, source: "security-strategy-product-ce",
        fix: "Turn off Share where it is not needed; prefer access teams or owner teams to ad-hoc sharing.")
    public static let productionWithoutSecurityGroup = CheckRule(
        id: "GL1a", title: "Production environment without a security group", severity: .error,
        source: "production-readiness; control-user-access",
        fix: "Attach an Entra security group to the environment so that only its members are added.")
    public static let groupTeamOutsideSecurityGroup = CheckRule(
        id: "GL1b", title: "Group team members outside the environment security group", severity: .warning,
        source: "control-user-access; manage-group-teams",
        fix: "Nest the team's Entra group in the environment security group, or add its members to it.")
    public static let roleWithoutReadWebResource = CheckRule(
        id: "GL2", title: "Role without prvReadWebResource", severity: .warning, source: "security-roles-privileges",
        fix: "Add Read on Web Resource (prvReadWebResource) at Organization, or give the holders Basic User as well.")
    public static let enabledUserWithoutRole = CheckRule(
        id: "GL3", title: "Enabled user with no role", severity: .warning, source: "control-user-access",
        fix: "Assign a role (directly or through a team), or disable the user.")
    public static let teamRoleWithoutInheritance = CheckRule(
        id: "GL4", title: "Team-privileges-only role whose members hold no direct role", severity: .warning,
        source: "security-roles-privileges",
        fix:
            "Set the role's member privilege inheritance to \"Direct User (Basic) access level and Team privileges\", or give the members a direct role."
    )
    public static let roleOutsideRootBusinessUnit = CheckRule(
        id: "GL5a", title: "Role outside the root business unit", severity: .warning, source: "security-strategy-product-ce",
        fix: "Create roles at the root business unit; Dataverse copies them to every child.")
    public static let roleHeldOutsideItsBranch = CheckRule(
        id: "GL5c", title: "Role held outside its business unit's branch (classic business units)", severity: .error,
        source: "wp-security-cds",
        fix:
            "Assign the copy of a role made at the principal's business unit or above (roles made at the root are everywhere), or turn on modernized business units if the environment uses them."
    )
    public static let roleCopyThatCannotBeHeld = CheckRule(
        id: "GL5d", title: "Role copy named that the business unit cannot hold", severity: .warning, source: "wp-security-cds",
        fix:
            "Name a unit that has a copy of the role (its own business unit or one below it), or remove the entry from roleBusinessUnits (the console's c) so that the default copy applies."
    )
    public static let enabledBusinessUnitUnderDisabledOne = CheckRule(
        id: "GL5e", title: "Enabled business unit under a disabled one", severity: .warning, isInferred: true,
        source: "[I]; not in DATAVERSE.md §4: delete-business-unit (the units below a disabled one are disabled with it)",
        fix:
            "Disable the business unit as Dataverse shows it, or enable the unit above it; then check where the snapshot came from, since Dataverse never shows an enabled unit under a disabled one."
    )
    public static let businessUnitTreeTooLarge = CheckRule(
        id: "GL5b", title: "Too many business units or too deep a tree", severity: .info, source: "security-strategy-product-ce",
        fix: "Model access boundaries, not the org chart: merge business units that share the same access.")
    public static let securedColumnOnlyAdministratorsCanRead = CheckRule(
        id: "GL6a", title: "Secured column only System Administrators can read", severity: .warning, source: "field-level-security",
        fix: "Grant Read in a field security profile and add its members, or stop securing the column.")
    public static let profileWithoutMembers = CheckRule(
        id: "GL6b", title: "Field security profile with no members", severity: .info, source: "field-level-security",
        fix: "Add users or teams to the profile (members are not carried in solutions), or delete it.")
    public static let applicationUserSystemAdministrator = CheckRule(
        id: "GL7a", title: "Application or non-interactive user holding System Administrator", severity: .error,
        source: "security-strategy-product-ce",
        fix: "Give the application or non-interactive user a custom role with only the privileges its integration needs.")
    public static let roleAssignedToNobody = CheckRule(
        id: "GL7b", title: "Role assigned to nobody", severity: .info, isInferred: true,
        source: "[I]; not in DATAVERSE.md §4: dvsec's review hygiene (an unused role hides mistakes in review)",
        fix: "Assign the role or delete it; unused roles hide mistakes in review.")
    public static let disabledUserHoldingAdminRole = CheckRule(
        id: "GL8a", title: "Disabled user still holding admin roles or team memberships", severity: .warning, isInferred: true,
        source: "[I]",
        fix:
            "Remove the roles and team memberships of disabled users (for a group team, remove them from its Entra group); re-enabling restores everything."
    )
    public static let productionInAdminMode = CheckRule(
        id: "GL8b", title: "Production environment left in admin mode", severity: .error, isInferred: true, source: "[I]; admin-mode",
        fix: "Turn admin mode off before go-live: only System Administrators and System Customizers can sign in.")
    public static let descriptionContradictsGrants = CheckRule(
        id: "GL9", title: "Role description contradicts its grants", severity: .warning, isInferred: true, source: "[I]",
        fix: "Correct the privileges, or the description if the privileges are intended.")

    /// Every rule, in report order.
    public static let catalogue: [CheckRule] = [
        .sensitiveColumnNotSecured, .credentialsInDataverse, .organizationOwnedCustomTable,
        .systemAdministratorWidelyHeld, .broadGlobalPrivileges, .systemAdministratorClone, .systemAdministratorTestPersona,
        .shareGrantedBroadly, .productionWithoutSecurityGroup, .groupTeamOutsideSecurityGroup, .roleWithoutReadWebResource,
        .enabledUserWithoutRole, .teamRoleWithoutInheritance, .roleOutsideRootBusinessUnit, .roleHeldOutsideItsBranch,
        .roleCopyThatCannotBeHeld, .businessUnitTreeTooLarge, .enabledBusinessUnitUnderDisabledOne,
        .securedColumnOnlyAdministratorsCanRead, .profileWithoutMembers, .applicationUserSystemAdministrator, .roleAssignedToNobody,
        .disabledUserHoldingAdminRole, .productionInAdminMode, .descriptionContradictsGrants,
    ]

    /// A rule by id, case-insensitively.
    public static func rule(id: String) -> CheckRule? {
        catalogue.first { $0.id.lowercased() == id.lowercased() }
    }
}
