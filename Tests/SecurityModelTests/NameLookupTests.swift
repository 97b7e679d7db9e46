import Testing

@testable import SecurityModel

/// Names typed on a command line: the best tier decides, and a tie is reported, never settled by
/// the order of a dictionary.
@Suite("Looking records up by name")
struct NameLookupTests {
    func environment() -> Environment {
        Environment(
            id: "e", settings: EnvironmentSettings(name: "E", type: .production),
            businessUnits: [BusinessUnit(id: "root", name: "Root"), BusinessUnit(id: "eu", name: "EU", parentId: "root")],
            users: [
                User(id: "u1", name: "Alex Wilber", domainName: "alex@contoso.com", businessUnitId: "root"),
                User(id: "u2", name: "Alex Wilber", domainName: "alex.w@contoso.com", businessUnitId: "eu"),
                User(id: "u3", name: "Megan Bowen", domainName: "megan@contoso.com", businessUnitId: "root"),
            ],
            roles: [
                SecurityRole(id: "r1", name: "Sales Manager", businessUnitId: "root"),
                SecurityRole(id: "r2", name: "Sales Manager", businessUnitId: "eu"),
                SecurityRole(id: "r3", name: "Salesperson", businessUnitId: "root"),
                SecurityRole(id: "r4", name: "Auditor", businessUnitId: "root"),
            ],
            tables: [Table(logicalName: "account", displayName: "Account"), Table(logicalName: "new_account", displayName: "Account")])
    }

    @Test func usersByIdDomainNameNameThenAUniquePart() {
        let env = environment()
        #expect(env.user(named: "u2") == .found(env.users["u2"]!))
        #expect(env.user(named: "ALEX@contoso.com") == .found(env.users["u1"]!))
        #expect(env.user(named: "alex wilber") == .ambiguous([env.users["u1"]!, env.users["u2"]!]))
        #expect(env.user(named: "megan") == .found(env.users["u3"]!))
        #expect(env.user(named: "contoso") == .ambiguous(env.sortedUsers))
        #expect(env.user(named: "nobody") == .notFound)
        #expect(env.user(named: " ") == .notFound)
    }

    @Test func rolesOfTheSameNameAreAmbiguousWhateverTheDictionaryOrder() {
        let env = environment()
        for _ in 0..<20 {
            #expect(env.role(named: "sales manager") == .ambiguous([env.roles["r1"]!, env.roles["r2"]!]))
        }
        #expect(env.role(named: "r2") == .found(env.roles["r2"]!))
        #expect(env.role(named: "salesp") == .found(env.roles["r3"]!))
        #expect(env.role(named: "sales") == .ambiguous([env.roles["r1"]!, env.roles["r2"]!, env.roles["r3"]!]))
        #expect(env.role(named: "Aud") == .found(env.roles["r4"]!))
        #expect(env.role(named: "") == .notFound)
    }

    @Test func tablesByLogicalSchemaThenDisplayName() {
        let env = environment()
        #expect(env.table(named: "new_account") == .found(env.tables["new_account"]!))
        #expect(env.table(named: "ACCOUNT") == .found(env.tables["account"]!))
        #expect(env.table(named: "New_Account") == .found(env.tables["new_account"]!))
        var shared = env
        shared.tables["account"]?.displayName = "Customer"
        shared.tables["new_account"]?.displayName = "Customer"
        #expect(shared.table(named: "customer") == .ambiguous([shared.tables["account"]!, shared.tables["new_account"]!]))
        #expect(env.table(named: "acc") == .notFound)
    }

    /// Classic business units: a role exists in its business unit and those below it, so only
    /// roles of a principal's business unit or one above it can be assigned; modernized: any.
    @Test func rolesAreAssignableWhereTheyExist() {
        var env = environment()
        env.businessUnits["us"] = BusinessUnit(id: "us", name: "US", parentId: "root")
        env.roles["r-eu"] = SecurityRole(id: "r-eu", name: "EU only", businessUnitId: "eu")
        let inEU = env.roleAssignable(inBusinessUnit: "eu")
        let inUS = env.roleAssignable(inBusinessUnit: "us")
        #expect(inEU(env.roles["r-eu"]!) && inEU(env.roles["r1"]!))
        #expect(!inUS(env.roles["r-eu"]!) && inUS(env.roles["r1"]!))
        env.settings.modernizedBusinessUnits = true
        #expect(env.roleAssignable(inBusinessUnit: "us")(env.roles["r-eu"]!))
    }
}
