import Testing

@testable import SecurityModel

@Suite("Changes: copying a role")
struct RoleCopyTests {
    var snapshot = DemoOrganisation.snapshot
    var prod: Environment { snapshot.sortedEnvironments[0] }
    func role(_ name: String) -> SecurityRole { prod.roles.values.first { $0.name == name }! }

    @Test mutating func aCopyHasANewIdAndNameAndTheSamePrivileges() throws {
        let source = role("Salesperson")
        let change = try prod.copyOfRole(source.id, id: "copy-1", name: "Salesperson EU")
        let inverse = try snapshot.apply(change)
        let copy = try #require(snapshot.environments[prod.id]?.roles["copy-1"])
        #expect(copy.name == "Salesperson EU")
        #expect(copy.privileges == source.privileges)
        #expect(copy.miscPrivileges == source.miscPrivileges)
        #expect(copy.businessUnitId == source.businessUnitId)
        #expect(copy.inheritsMemberPrivileges == source.inheritsMemberPrivileges)
        #expect(copy.builtIn == nil)
        // An unmanaged custom role, customizable (the saved file had no `customizable`).
        #expect(copy.isCustomizable == true && !copy.isManaged && copy.appliesTo == source.appliesTo)
        #expect(inverse == .deleteRole(environment: prod.id, role: "copy-1"))
        // Nobody holds the copy.
        #expect(!snapshot.environments[prod.id]!.users.values.contains { $0.roleIds.contains("copy-1") })
    }

    @Test mutating func aCopyOfSystemAdministratorWritesItsImplicitPrivilegesOutAndCanBeEditedAndDeleted() throws {
        let admin = role("System Administrator")
        let env = prod
        try snapshot.apply(try env.copyOfRole(admin.id, id: "copy-admin", name: "Admin copy"))
        let copy = try #require(snapshot.environments[env.id]?.roles["copy-admin"])
        #expect(!copy.isSystemAdministrator)
        for table in env.tables.values {
            for op in TableOperation.allCases {
                #expect(
                    copy.level(op, on: table.logicalName) == admin.level(op, on: table.logicalName)
                        || !table.ownership.allows(.organization, for: op))
            }
        }
        // Its miscellaneous privileges too: a holder of the copy gets what System Administrator
        // gives (Read Web Resource, Export to Excel ...).
        let edited = try #require(snapshot.environments[env.id])
        let adele = try #require(edited.users.values.first { $0.roleIds.contains(admin.id) })
        var holder = adele
        holder.roleIds = ["copy-admin"]
        let asAdmin = edited.miscPrivileges(of: adele).mapValues(\.level)
        #expect(!asAdmin.isEmpty && edited.miscPrivileges(of: holder).mapValues(\.level) == asAdmin)
        try snapshot.apply(.setPrivilege(environment: env.id, role: "copy-admin", table: "account", operation: .delete, level: .user))
        try snapshot.apply(.deleteRole(environment: env.id, role: "copy-admin"))
        #expect(snapshot.environments[env.id]?.roles["copy-admin"] == nil)
    }

    @Test func copyingAnUnknownRoleIsRefused() {
        #expect(throws: ChangeError("unknown role 'nope'")) { try prod.copyOfRole("nope", id: "x", name: "X") }
    }
}
