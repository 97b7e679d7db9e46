import ConsoleUI
import SecurityModel
import TerminalCore

/// A small organisation built for these tests, independent of the demo so screens stay stable.
enum Fixture {
    static let prod = "env-prod"
    static let sandbox = "env-sandbox"
    static let root = "bu-root"
    static let europe = "bu-europe"
    static let salesEU = "bu-sales-eu"
    static let service = "bu-service"

    static let adele = "u-adele"
    static let alex = "u-alex"
    static let diego = "u-diego"
    static let megan = "u-megan"
    static let pradeep = "u-pradeep"
    static let mallory = "u-mallory"

    static let sysadmin = "r-sysadmin"
    static let salesperson = "r-salesperson"
    static let seller = "r-seller"
    static let basic = "r-basic"

    static let salesTeam = "t-sales-eu"
    static let dealRoom = "t-deal-room"
    static let defaultRoot = "t-default-root"
    static let defaultSales = "t-default-sales"

    static let financeProfile = "p-finance"
    static let payment = ColumnReference(table: "fab_payment", column: "fab_iban")

    static var snapshot: Snapshot {
        Snapshot(tenant: "Fabrikam", environments: [production, sandboxEnvironment])
    }

    static var production: Environment {
        let tables = [
            Table(logicalName: "account", schemaName: "Account", displayName: "Account"),
            Table(logicalName: "contact", schemaName: "Contact", displayName: "Contact"),
            Table(
                logicalName: "fab_payment", schemaName: "fab_Payment", displayName: "Payment", isCustom: true,
                columns: [
                    Column(logicalName: "fab_iban", displayName: "IBAN", isSecured: true),
                    Column(logicalName: "fab_amount", displayName: "Amount"),
                ]),
            Table(logicalName: "fab_region", schemaName: "fab_Region", displayName: "Region", ownership: .organization, isCustom: true),
            Table(logicalName: "lead", schemaName: "Lead", displayName: "Lead"),
        ]
        let roles = [
            SecurityRole(
                id: sysadmin, name: "System Administrator", businessUnitId: root,
                templateId: SecurityRole.systemAdministratorTemplateId),
            SecurityRole(
                id: salesperson, name: "Salesperson", businessUnitId: root,
                privileges: [
                    "account": PrivilegeRow([.create: .user, .read: .businessUnit, .write: .user, .delete: .user]),
                    "contact": PrivilegeRow([.read: .businessUnit]),
                    "fab_region": PrivilegeRow([.read: .organization]),
                ],
                miscPrivileges: ["prvExportToExcel": .organization]),
            SecurityRole(
                id: seller, name: "Seller", businessUnitId: root, inheritsMemberPrivileges: false,
                privileges: ["account": PrivilegeRow([.read: .parentChildBusinessUnits]), "lead": PrivilegeRow([.read: .businessUnit])]),
            SecurityRole(id: basic, name: "Basic User", businessUnitId: root, privileges: ["contact": PrivilegeRow([.read: .user])]),
        ]
        let users = [
            User(id: adele, name: "Adele Vance", domainName: "adele@fabrikam.com", businessUnitId: root, roleIds: [sysadmin]),
            User(
                id: alex, name: "Alex Wilber", domainName: "alex@fabrikam.com", businessUnitId: salesEU, title: "Account Executive",
                roleIds: [salesperson, basic]),
            User(id: diego, name: "Diego Siciliani", domainName: "diego@fabrikam.com", businessUnitId: salesEU, roleIds: [basic]),
            User(id: megan, name: "Megan Bowen", domainName: "megan@fabrikam.com", businessUnitId: service, accessMode: .read),
            User(
                id: pradeep, name: "Pradeep Gupta", domainName: "pradeep@fabrikam.com", businessUnitId: salesEU, isDisabled: true,
                roleIds: [salesperson]),
            // A name carrying an escape sequence: it must be shown escaped, never sent to the terminal.
            User(id: mallory, name: "Mallory \u{1B}[31mRed", domainName: "mallory@fabrikam.com", businessUnitId: service),
        ]
        let teams = [
            Team(id: salesTeam, name: "Sales EU", businessUnitId: salesEU, memberIds: [alex, diego], roleIds: [seller]),
            Team(id: dealRoom, name: "Deal Room", businessUnitId: salesEU, type: .access, memberIds: [alex]),
            Team(id: defaultRoot, name: "Fabrikam", businessUnitId: root, isDefault: true),
            Team(id: defaultSales, name: "Sales EU (default)", businessUnitId: salesEU, isDefault: true),
        ]
        let profiles = [
            FieldSecurityProfile(
                id: financeProfile, name: "Finance Profile", description: "Payment details",
                permissions: [payment: ColumnPermission(canRead: true)], userIds: [alex])
        ]
        let bus = [
            BusinessUnit(id: root, name: "Fabrikam"), BusinessUnit(id: europe, name: "Europe", parentId: root),
            BusinessUnit(id: salesEU, name: "Sales EU", parentId: europe), BusinessUnit(id: service, name: "Service", parentId: root),
        ]
        return Environment(
            id: prod, settings: EnvironmentSettings(name: "Fabrikam Production", type: .production, region: "Europe"),
            businessUnits: bus, users: users, teams: teams, roles: roles, tables: tables,
            fieldSecurityProfiles: profiles,
            entraGroups: [EntraGroup(id: "g-all", name: "SG-Dynamics-Users", members: [adele: EntraGroupMember()])])
    }

    static var sandboxEnvironment: Environment {
        Environment(
            id: sandbox, settings: EnvironmentSettings(name: "Fabrikam Sandbox", type: .sandbox),
            businessUnits: [BusinessUnit(id: root, name: "Fabrikam")],
            users: [User(id: adele, name: "Adele Vance", businessUnitId: root)],
            roles: [
                SecurityRole(
                    id: sysadmin, name: "System Administrator", businessUnitId: root,
                    templateId: SecurityRole.systemAdministratorTemplateId)
            ],
            tables: [Table(logicalName: "account")])
    }

    /// A state on the production environment's browser.
    static func browserState(size: Size = Size(width: 80, height: 24), readOnly: Bool = false) -> AppState {
        AppState(
            snapshot: snapshot, document: Document(source: .file("/tmp/fabrikam.json"), isReadOnly: readOnly), environmentId: prod,
            size: size)
    }

    /// A state on the environment picker.
    static func pickerState(size: Size = Size(width: 80, height: 24)) -> AppState {
        AppState(snapshot: snapshot, document: Document(source: .demo), size: size)
    }
}
