@testable import SecurityModel

/// A small hand-built organisation for rule tests: root → Europe → Sales EU; one custom
/// user-owned table and one organization-owned table.
struct TestOrganisation {
    static let env = "env"
    static let root = "bu-root"
    static let europe = "bu-europe"
    static let salesEU = "bu-sales-eu"

    var environment: Environment

    init(modernized: Bool = false) {
        environment = Environment(
            id: Self.env,
            settings: EnvironmentSettings(name: "Test", type: .production, modernizedBusinessUnits: modernized),
            businessUnits: [
                BusinessUnit(id: Self.root, name: "Root"),
                BusinessUnit(id: Self.europe, name: "Europe", parentId: Self.root),
                BusinessUnit(id: Self.salesEU, name: "Sales EU", parentId: Self.europe),
            ],
            tables: [
                Table(
                    logicalName: "account", schemaName: "Account", ownership: .userOrTeam,
                    columns: [
                        Column(logicalName: "name"), Column(logicalName: "creditlimit", isSecured: true),
                        Column(logicalName: "revenue"),
                    ]),
                Table(logicalName: "product", schemaName: "Product", ownership: .organization),
            ])
    }

    mutating func add(_ user: User) { environment.users[user.id] = user }
    mutating func add(_ team: Team) { environment.teams[team.id] = team }
    mutating func add(_ role: SecurityRole) { environment.roles[role.id] = role }
    mutating func add(_ profile: FieldSecurityProfile) { environment.fieldSecurityProfiles[profile.id] = profile }
    mutating func add(_ group: EntraGroup) { environment.entraGroups[group.id] = group }

    static func role(
        _ id: String, bu: String = root, inherits: Bool = true, _ privileges: [String: [TableOperation: AccessLevel]] = [:],
        template: String? = nil
    ) -> SecurityRole {
        SecurityRole(
            id: id, name: id.capitalized, businessUnitId: bu, templateId: template, inheritsMemberPrivileges: inherits,
            privileges: privileges.mapValues { PrivilegeRow($0) })
    }

    static func user(_ id: String, bu: String = salesEU, roles: Set<String> = []) -> User {
        User(id: id, name: id.capitalized, domainName: "\(id)@test", businessUnitId: bu, roleIds: roles)
    }

    func answer(_ user: String, _ table: String = "account", _ op: TableOperation = .read) -> AccessAnswer {
        environment.effectiveAccess(of: environment.users[user]!, table: table, operation: op)
    }
}
