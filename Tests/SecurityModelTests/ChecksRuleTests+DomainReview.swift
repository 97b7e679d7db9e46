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

    /// A profile whose only team has no members reaches nobody: found by a domain review, GL6b
    /// counted the team as a member (GL7b already asks for "a team with members").
    @Test func gl6bReportsAProfileWhoseTeamsHaveNoMembers() throws {
        var env = F.environment()
        env.teams["team-empty"] = Team(id: "team-empty", name: "Empty Owner", businessUnitId: F.root)
        env.fieldSecurityProfiles["fsp-team"] = FieldSecurityProfile(
            id: "fsp-team", name: "OnlyEmptyTeam", permissions: [F.ssn: .all], teamIds: ["team-empty"])
        let found = findings(env, "GL6b")
        #expect(found.map(\.place.path) == ["profile/OnlyEmptyTeam"])
        let finding = try #require(found.first)
        #expect(
            finding.message
                == "Profile \"OnlyEmptyTeam\" has no users, and its team \"Empty Owner\" has no members: its 1 column permission reaches nobody."
        )
        #expect(finding.fix.contains("Add members to team \"Empty Owner\""), "\(finding.fix)")
        // A group team gets its members from its Entra group, whatever its cached list says.
        env.entraGroups["grp-x"] = EntraGroup(id: "grp-x", name: "Field staff")
        env.teams["t-x"] = Team(
            id: "t-x", name: "TX", businessUnitId: F.root, type: .entraSecurityGroup, entraGroupId: "grp-x", memberIds: [F.hana])
        env.fieldSecurityProfiles["fsp-team"]?.teamIds.insert("t-x")
        #expect(findings(env, "GL6b").first?.message.contains("its teams \"Empty Owner\", \"TX\" have no members") == true)
        // A default team of a business unit nobody is in has no members either.
        env.businessUnits["bu-empty"] = BusinessUnit(id: "bu-empty", name: "Empty", parentId: F.root)
        env.teams["team-default-empty"] = Team(id: "team-default-empty", name: "Empty", businessUnitId: "bu-empty", isDefault: true)
        env.fieldSecurityProfiles["fsp-team"]?.teamIds = ["team-default-empty"]
        #expect(findings(env, "GL6b").map(\.place.path) == ["profile/OnlyEmptyTeam"])
    }

    /// The near misses: a team with a member, a group team whose Entra group has one, and a
    /// default team, whose members are its business unit's users (none listed on the team).
    @Test func gl6bCountsTeamMembersAsAccessResolvesThem() {
        var env = F.environment()
        env.teams["team-empty"] = Team(id: "team-empty", name: "Empty Owner", businessUnitId: F.root, memberIds: [F.bob])
        env.fieldSecurityProfiles["fsp-team"] = FieldSecurityProfile(
            id: "fsp-team", name: "OnlyEmptyTeam", permissions: [F.ssn: .all], teamIds: ["team-empty"])
        #expect(findings(env, "GL6b").isEmpty)
        env.entraGroups["grp-x"] = EntraGroup(id: "grp-x", name: "Field staff", members: [F.hana: EntraGroupMember()])
        env.teams["t-x"] = Team(id: "t-x", name: "TX", businessUnitId: F.root, type: .entraSecurityGroup, entraGroupId: "grp-x")
        env.fieldSecurityProfiles["fsp-team"]?.teamIds = ["t-x"]
        #expect(findings(env, "GL6b").isEmpty)
        env.fieldSecurityProfiles["fsp-team"]?.teamIds = ["team-default-sales"]
        #expect(env.teams["team-default-sales"]?.memberIds.isEmpty == true)
        #expect(findings(env, "GL6b").isEmpty)
    }

    /// The fix of GL7a names the kind of user the message names: found by a domain review, it
    /// said "the application user" to a non-interactive user.
    @Test func gl7aFixNamesANonInteractiveUserSo() throws {
        var env = F.environment()
        addUser(&env, "u-robot", name: "Robot", roles: [F.sysAdmin], mode: .nonInteractive)
        let finding = try #require(findings(env, "GL7a").first)
        #expect(finding.message.contains("is a non-interactive user"))
        #expect(
            finding.fix == "Give the non-interactive user a custom role with only the privileges its integration needs.")
    }

    /// The near miss: an application user is still told "the application user".
    @Test func gl7aFixNamesAnApplicationUserSo() throws {
        var env = F.environment()
        addUser(&env, "u-app", name: "ERP", roles: [F.sysAdmin], application: true, mode: .nonInteractive)
        let finding = try #require(findings(env, "GL7a").first)
        #expect(finding.message.contains("is an application user"))
        #expect(finding.fix == "Give the application user a custom role with only the privileges its integration needs.")
    }
}

/// GL2 and GL5d cases a fourth domain review found: a severity an inferred rule decides without
/// saying so, and a fix that does not fit classic business units.
extension ChecksRuleTests {
    /// A holder who gets prvReadWebResource only from a team role without member privilege
    /// inheritance gets it by EffectiveAccessRules rule 13 [I]: GL2's info then rests on that rule,
    /// so the finding is marked inferred and names the team's role. The near misses: the same
    /// role with inheritance, or a direct role with the privilege, decide it without [I].
    @Test func gl2SaysWhenATeamOnlyRoleDecidesItsSeverity() throws {
        var env = F.environment()
        env.roles["role-noweb"] = SecurityRole(
            id: "role-noweb", name: "NoWeb", businessUnitId: F.root, privileges: ["account": PrivilegeRow([.read: .user])])
        env.roles["role-web"] = SecurityRole(
            id: "role-web", name: "TeamOnlyWeb", businessUnitId: F.root, inheritsMemberPrivileges: false,
            miscPrivileges: ["prvReadWebResource": .organization])
        addUser(&env, "u-ann", name: "Ann", roles: ["role-noweb"])
        env.teams["team-web"] = Team(id: "team-web", name: "Web", businessUnitId: F.root, memberIds: ["u-ann"], roleIds: ["role-web"])
        let inferred = try #require(findings(env, "GL2").first { $0.place.path == "role/NoWeb" })
        #expect(inferred.severity == .info && inferred.isInferred)
        #expect(inferred.message.contains("\"Ann\" only from team \"Web\" -> role \"TeamOnlyWeb\""))
        #expect(inferred.message.contains("a team role taken to grant its miscellaneous privileges to the team's members [I]"))
        #expect(inferred.message.contains("[I]"))
        #expect(FindingTextRenderer().line(inferred).contains("[I] inferred rule"))
        // Without the team's members, nothing but the [I] rule changed: a warning.
        env.teams["team-web"]?.memberIds = []
        let alone = try #require(findings(env, "GL2").first { $0.place.path == "role/NoWeb" })
        #expect(alone.severity == .warning && !alone.isInferred)
        // With inheritance too: what it is documented to give is the Basic grant on records, and
        // a miscellaneous privilege through a team is rule 13 [I] either way, as `effective` marks
        // it. Read on the webresource table through the team is no inference.
        env.teams["team-web"]?.memberIds = ["u-ann"]
        env.roles["role-web"]?.inheritsMemberPrivileges = true
        let inherited = try #require(findings(env, "GL2").first { $0.place.path == "role/NoWeb" })
        #expect(inherited.severity == .info && inherited.isInferred && inherited.message.contains("[I]"))
        env.roles["role-web"]?.privileges["webresource"] = PrivilegeRow([.read: .organization])
        let table = try #require(findings(env, "GL2").first { $0.place.path == "role/NoWeb" })
        #expect(table.severity == .info && !table.isInferred)
        env.roles["role-web"]?.privileges["webresource"] = nil
        // A direct role with it as well: the team's is not what decides.
        env.roles["role-web"]?.inheritsMemberPrivileges = false
        env.users["u-ann"]?.roleIds.insert(F.basicUser)
        let direct = try #require(findings(env, "GL2").first { $0.place.path == "role/NoWeb" })
        #expect(direct.severity == .info && !direct.isInferred)
        #expect(direct.message.contains("its holders who sign in get it from another role)"))
    }

    /// With classic business units only the holder's own unit's copy is used: GL5d's fix named "a
    /// unit that has a copy of the role (its own business unit or one below it)", which classic
    /// units ignore. It names the holder's unit instead; modernized units keep the rule's fix.
    @Test func gl5dFixFitsClassicBusinessUnits() throws {
        var env = F.environment()
        env.teams[F.salesTeam]?.roleIds.insert(F.salesperson)
        env.teams[F.salesTeam]?.roleBusinessUnitIds = [F.salesperson: F.root]
        let classic = try #require(findings(env, "GL5d").first)
        let own = quotedName(env.businessUnitPath(F.sales))
        #expect(
            classic.fix
                == "Name the holder's own business unit (\(own)), the only copy classic business units use, or remove the entry from roleBusinessUnits (the console's c) so that the default copy applies."
        )
        #expect(!classic.fix.contains("one below it"))
        env.settings.modernizedBusinessUnits = true
        env.roles[F.salesperson]?.businessUnitId = F.service
        let modernized = try #require(findings(env, "GL5d").first)
        #expect(modernized.fix == CheckRule.roleCopyThatCannotBeHeld.fix)
    }
}
