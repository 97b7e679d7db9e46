@testable import SecurityModel

/// A small organisation for diff, check and report tests: three business units, four tables,
/// five roles, five users, a team and a field security profile. Every test edits a copy.
enum DiffFixtures {
    static let env = "env-prod"
    static let root = "bu-root", sales = "bu-sales", service = "bu-service"
    static let sysAdmin = "role-sysadmin", customizer = "role-customizer", salesperson = "role-sales"
    static let serviceRep = "role-service", basicUser = "role-basic"
    static let adele = "u-adele", bob = "u-bob", carol = "u-carol", hana = "u-hana", dan = "u-dan"
    static let salesTeam = "team-sales", hrProfile = "fsp-hr", securityGroup = "grp-sg"
    static let ssn = ColumnReference(table: "contact", column: "contoso_ssn")

    static func environment() -> Environment {
        let bus = [
            BusinessUnit(id: root, name: "Fabrikam"),
            BusinessUnit(id: sales, name: "Sales", parentId: root),
            BusinessUnit(id: service, name: "Service", parentId: root),
        ]
        let tables = [
            Table(logicalName: "account", schemaName: "Account", displayName: "Account"),
            Table(
                logicalName: "contact", schemaName: "Contact", displayName: "Contact",
                columns: [
                    Column(logicalName: "emailaddress1", displayName: "Email"),
                    Column(logicalName: "contoso_ssn", displayName: "Social security number", isSecured: true),
                ]),
            Table(logicalName: "opportunity", schemaName: "Opportunity"),
            Table(logicalName: "webresource", schemaName: "WebResource", ownership: .organization),
        ]
        let web: [String: PrivilegeRow] = ["webresource": PrivilegeRow([.read: .organization])]
        let roles = [
            SecurityRole(
                id: sysAdmin, name: "System Administrator", businessUnitId: root,
                templateId: SecurityRole.systemAdministratorTemplateId),
            SecurityRole(
                id: customizer, name: "System Customizer", businessUnitId: root,
                templateId: SecurityRole.systemCustomizerTemplateId, privileges: web),
            SecurityRole(
                id: salesperson, name: "Salesperson", businessUnitId: root, description: "Sells things",
                privileges: web.merging([
                    "account": PrivilegeRow([.create: .user, .read: .businessUnit, .write: .user, .append: .user]),
                    "contact": PrivilegeRow([.read: .businessUnit, .write: .user]),
                ]) { a, _ in a }),
            SecurityRole(
                id: serviceRep, name: "Service Rep", businessUnitId: root,
                privileges: web.merging(["contact": PrivilegeRow([.read: .user, .write: .user])]) { a, _ in a }),
            SecurityRole(id: basicUser, name: "Basic User", businessUnitId: root, privileges: web),
        ]
        let users = [
            User(id: adele, name: "Adele Vance", domainName: "adele@fabrikam.com", businessUnitId: sales, roleIds: [salesperson]),
            User(id: bob, name: "Bob Kelly", domainName: "bob@fabrikam.com", businessUnitId: service, roleIds: [basicUser]),
            User(id: carol, name: "Carol Admin", domainName: "carol@fabrikam.com", businessUnitId: root, roleIds: [sysAdmin]),
            User(id: hana, name: "Hana HR", domainName: "hana@fabrikam.com", businessUnitId: root, roleIds: [serviceRep]),
            User(id: dan, name: "Dan Jump", domainName: "dan@fabrikam.com", businessUnitId: sales, roleIds: [salesperson]),
        ]
        let teams = [
            Team(id: "team-default-root", name: "Fabrikam", businessUnitId: root, isDefault: true),
            Team(id: "team-default-sales", name: "Sales", businessUnitId: sales, isDefault: true),
            Team(id: "team-default-service", name: "Service", businessUnitId: service, isDefault: true),
            Team(id: salesTeam, name: "Sales Team", businessUnitId: sales, memberIds: [bob], roleIds: [serviceRep]),
        ]
        let profile = FieldSecurityProfile(
            id: hrProfile, name: "HR", permissions: [ssn: ColumnPermission(canRead: true)],
            userIds: [hana])
        let group = EntraGroup(
            id: securityGroup, name: "Fabrikam users",
            members: Dictionary(uniqueKeysWithValues: [adele, bob, carol, hana, dan].map { ($0, EntraGroupMember()) }))
        return Environment(
            id: env, settings: EnvironmentSettings(name: "Fabrikam Production", type: .production, securityGroupId: securityGroup),
            businessUnits: bus, users: users, teams: teams, roles: roles, tables: tables, fieldSecurityProfiles: [profile],
            entraGroups: [group])
    }

    static func snapshot() -> Snapshot { Snapshot(tenant: "Fabrikam", environments: [environment()]) }

    /// Applies changes to the fixture and returns (base, target).
    static func edited(_ changes: [Change]) throws -> (Environment, Environment) {
        var s = snapshot()
        try s.apply(all: changes)
        guard let target = s.environments[env] else { throw ChangeError("no environment") }
        return (environment(), target)
    }

    static func diff(_ changes: [Change], options: DiffOptions = DiffOptions(runChecks: false)) throws -> DiffResult {
        let (b, t) = try edited(changes)
        return SnapshotDiff.compare(base: b, target: t, options: options)
    }
}
