import Testing

@testable import SecurityModel

/// Who an edit would make a System Administrator or System Customizer, for the console's question
/// before such an edit in production.
@Suite("Administrator grants of an edit")
struct AdministratorGrantTests {
    typealias F = DiffFixtures
    let e = F.env

    func grants(_ change: Change, after edit: (inout Environment) -> Void = { _ in }) -> [String] {
        var env = F.environment()
        edit(&env)
        let snapshot = Snapshot(tenant: "Fabrikam", environments: [env])
        return snapshot.administratorGrants(of: change).map { "\($0.kind.label): " + $0.users.map(\.name).joined(separator: ", ") }
    }

    @Test func assigningAnAdministratorRoleDirectlyOrThroughATeam() {
        #expect(grants(.assignUserRole(environment: e, user: F.adele, role: F.sysAdmin)) == ["System Administrator: Adele Vance"])
        #expect(grants(.assignUserRole(environment: e, user: F.adele, role: F.customizer)) == ["System Customizer: Adele Vance"])
        // Bob is the Sales Team's member.
        #expect(grants(.assignTeamRole(environment: e, team: F.salesTeam, role: F.sysAdmin)) == ["System Administrator: Bob Kelly"])
        #expect(
            grants(
                .addTeamMember(environment: e, team: F.salesTeam, user: F.adele),
                after: { _ = $0.teams[F.salesTeam]?.roleIds.insert(F.customizer) })
                == ["System Customizer: Adele Vance"])
    }

    @Test func nobodyNewlyAnAdministratorIsNoGrant() {
        // Other roles, Basic User included; a team without administrator roles.
        #expect(grants(.assignUserRole(environment: e, user: F.adele, role: F.serviceRep)).isEmpty)
        #expect(grants(.assignUserRole(environment: e, user: F.adele, role: F.basicUser)).isEmpty)
        #expect(grants(.addTeamMember(environment: e, team: F.salesTeam, user: F.adele)).isEmpty)
        // Carol is System Administrator already; through a team as well changes nothing.
        let already = grants(
            .addTeamMember(environment: e, team: F.salesTeam, user: F.carol),
            after: { _ = $0.teams[F.salesTeam]?.roleIds.insert(F.sysAdmin) })
        #expect(already.isEmpty)
        // A disabled user gets no runtime access from it (dormant).
        let dormant = grants(
            .assignUserRole(environment: e, user: F.adele, role: F.sysAdmin), after: { $0.users[F.adele]?.isDisabled = true })
        #expect(dormant.isEmpty)
        // An edit that does not apply grants nothing.
        #expect(grants(.assignUserRole(environment: e, user: "nobody", role: F.sysAdmin)).isEmpty)
    }

    /// Enabling a disabled administrator gives them the role's access again.
    @Test func enablingADisabledAdministratorIsAGrant() {
        let carol = grants(
            .setUserDisabled(environment: e, user: F.carol, disabled: false), after: { $0.users[F.carol]?.isDisabled = true })
        #expect(carol == ["System Administrator: Carol Admin"])
        let adele = grants(
            .setUserDisabled(environment: e, user: F.adele, disabled: false), after: { $0.users[F.adele]?.isDisabled = true })
        #expect(adele.isEmpty)
    }

    /// A role raised until it copies System Administrator (check AP4c) makes its holders
    /// administrators; one raised short of it does not.
    @Test func aRoleRaisedIntoACopyOfSystemAdministratorIsAGrant() {
        let org = PrivilegeRow(all: .organization)
        let almost: (inout Environment) -> Void = { env in
            for t in ["account", "contact", "opportunity"] { env.roles[F.serviceRep]?.privileges[t] = org }
        }
        // Web Resource is organization-owned: no Assign or Share.
        let web = PrivilegeRow([.create: .organization, .read: .organization, .write: .organization, .delete: .organization])
        let raised = grants(.setPrivilegeRow(environment: e, role: F.serviceRep, table: "webresource", row: web), after: almost)
        // Hana holds Service Rep directly, Bob through the Sales Team.
        #expect(raised == ["“Service Rep” (a copy of System Administrator): Bob Kelly, Hana HR"])
        let short = grants(.setPrivilege(environment: e, role: F.serviceRep, table: "contact", operation: .read, level: .organization))
        #expect(short.isEmpty)
        // As one of a row edit's parts too.
        let compound = grants(
            .compound([.setPrivilegeRow(environment: e, role: F.serviceRep, table: "webresource", row: web)]), after: almost)
        #expect(compound == raised)
    }

    /// A System Administrator is made nothing new by System Customizer.
    @Test func aSystemAdministratorIsNotNewlyAnAdministrator() {
        #expect(grants(.assignUserRole(environment: e, user: F.carol, role: F.customizer)).isEmpty)
    }

    /// The security group removed gives its administrators outside it runtime access again.
    @Test func removingTheSecurityGroupActivatesTheAdministratorsOutsideIt() {
        let outside: (inout Environment) -> Void = { env in env.entraGroups[F.securityGroup]?.members[F.carol] = nil }
        var settings = F.environment().settings
        settings.securityGroupId = nil
        let removed = grants(.setEnvironmentSettings(environment: e, settings: settings), after: outside)
        #expect(removed == ["System Administrator: Carol Admin"])
        // The same group kept (another setting changed): nobody.
        var renamed = F.environment().settings
        renamed.name = "Fabrikam Prod"
        #expect(grants(.setEnvironmentSettings(environment: e, settings: renamed), after: outside).isEmpty)
    }

    /// Giving back a deleted team that holds System Administrator, or a deleted copy of it with
    /// its assignments (what undoing the deletion does), makes its members administrators again.
    @Test func undoingTheDeletionOfATeamOrACopyIsAGrant() throws {
        var env = F.environment()
        env.teams[F.salesTeam]?.roleIds = [F.sysAdmin]
        var snapshot = Snapshot(tenant: "Fabrikam", environments: [env])
        let inverse = try snapshot.apply(.deleteTeam(environment: e, team: F.salesTeam))
        #expect(snapshot.administratorGrants(of: inverse).map { $0.users.map(\.name) } == [["Bob Kelly"]])

        var copyEnv = F.environment()
        for t in ["account", "contact", "opportunity"] { copyEnv.roles[F.serviceRep]?.privileges[t] = PrivilegeRow(all: .organization) }
        copyEnv.roles[F.serviceRep]?.privileges["webresource"] = PrivilegeRow([
            .create: .organization, .read: .organization, .write: .organization,
        ])
        var withCopy = Snapshot(tenant: "Fabrikam", environments: [copyEnv])
        let giveBack = try withCopy.apply(.deleteRole(environment: e, role: F.serviceRep))
        #expect(
            withCopy.administratorGrants(of: giveBack).map { "\($0.kind.label): " + $0.users.map(\.name).joined(separator: ", ") }
                == ["“Service Rep” (a copy of System Administrator): Bob Kelly, Hana HR"])
    }

    /// An administrator in access mode Read only reads: Read-Write makes them write too.
    @Test func leavingAccessModeReadIsAGrantForAnAdministrator() {
        let readOnly: (inout Environment) -> Void = { env in env.users[F.carol]?.accessMode = .read }
        let writing = grants(.setUserAccessMode(environment: e, user: F.carol, accessMode: .readWrite), after: readOnly)
        #expect(writing == ["System Administrator: Carol Admin"])
        var env = F.environment()
        env.users[F.carol]?.accessMode = .read
        let grant = Snapshot(tenant: "F", environments: [env])
            .administratorGrants(of: .setUserAccessMode(environment: e, user: F.carol, accessMode: .readWrite)).first
        #expect(grant?.nowWriting == [F.carol])
        let other = grants(
            .setUserAccessMode(environment: e, user: F.adele, accessMode: .readWrite), after: { $0.users[F.adele]?.accessMode = .read })
        #expect(other.isEmpty)
    }

    /// Many users at once (a team of a thousand given System Administrator): each user's teams
    /// are worked out in one pass, with the same answer as one by one.
    @Test func manyUsersGetTheSameAnswer() {
        var env = F.environment()
        for i in 0..<200 {
            env.users["u\(i)"] = User(id: "u\(i)", name: "User \(i)", businessUnitId: F.sales)
            env.entraGroups[F.securityGroup]?.members["u\(i)"] = EntraGroupMember()
            env.teams[F.salesTeam]?.memberIds.insert("u\(i)")
        }
        let snapshot = Snapshot(tenant: "Fabrikam", environments: [env])
        let grants = snapshot.administratorGrants(of: .assignTeamRole(environment: e, team: F.salesTeam, role: F.sysAdmin))
        #expect(grants.first?.users.count == 201)
    }
}
