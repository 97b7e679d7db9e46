import Testing

@testable import SecurityModel

/// Cases a domain review found go-live rules missing or misworded, each with a near miss that
/// stays silent (AP1's and AP2's name cases are with those rules' tests).
extension ChecksRuleTests {
    /// A copy of System Administrator under another name (AP4c) on a test persona is AP4d's, as
    /// GL7a and GL8a count such copies: found by a domain review, AP4d stayed silent.
    @Test func ap4dCountsCopiesOfSystemAdministrator() throws {
        var env = F.environment()
        let clone = Self.fullAccessClone(env)
        env.roles[clone.id] = clone
        addUser(&env, "u-jane", name: "Jane Doe", roles: [clone.id])
        env.users["u-jane"]?.title = "UAT tester"
        let direct = findings(env, "AP4d")
        #expect(direct.map(\.place.key) == ["user:u-jane"])
        let message = try #require(direct.first?.message)
        #expect(message == "User \"Jane Doe\" looks like a test persona and holds \"Full access\", a copy of System Administrator (AP4c).")
        #expect(direct.first?.fix.contains("remove \"Full access\" (a copy of System Administrator) from test accounts") == true)
        // Through a team as well.
        env.users["u-jane"]?.roleIds = [F.basicUser]
        env.teams["team-uat"] = Team(id: "team-uat", name: "UAT", businessUnitId: F.root, memberIds: ["u-jane"], roleIds: [clone.id])
        #expect(findings(env, "AP4d").map(\.place.key) == ["user:u-jane"])
        // System Administrator as well as a copy: said once, as System Administrator.
        env.users["u-jane"]?.roleIds.insert(F.sysAdmin)
        #expect(findings(env, "AP4d").map(\.message) == ["User \"Jane Doe\" looks like a test persona and holds System Administrator."])
    }

    /// The near misses: a copy held by a real person, and a broad role that is no copy (AP4b) on
    /// a test persona.
    @Test func ap4dLeavesCopiesOnPeopleAndBroadRolesOnTestersAlone() {
        var env = F.environment()
        let clone = Self.fullAccessClone(env)
        env.roles[clone.id] = clone
        addUser(&env, "u-jane", name: "Jane Doe", roles: [clone.id])
        env.users["u-jane"]?.title = "Payroll clerk"
        env.roles["role-broad"] = SecurityRole(
            id: "role-broad", name: "Broad", businessUnitId: F.root,
            privileges: Dictionary(
                uniqueKeysWithValues: ["account", "contact", "opportunity"].map {
                    ($0, PrivilegeRow([.read: .organization, .write: .organization]))
                }))
        addUser(&env, "u-tess", name: "Tess Tester", roles: ["role-broad"])
        #expect(findings(env, "AP4c").map(\.place.path) == ["role/Full access"])
        #expect(findings(env, "AP4b").map(\.place.path) == ["role/Broad"])
        #expect(findings(env, "AP4d").isEmpty)
    }
}
