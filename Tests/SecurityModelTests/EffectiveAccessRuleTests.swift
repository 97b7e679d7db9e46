import Testing

@testable import SecurityModel

/// One named test per rule of DATAVERSE.md §2.
@Suite("Effective access rules (DATAVERSE.md §2)")
struct EffectiveAccessRuleTests {
    @Test func directRoleGrantsItsLevelScopedToTheUsersBusinessUnit() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("seller", ["account": [.read: .businessUnit, .write: .user]]))
        org.add(TestOrganisation.user("alex", roles: ["seller"]))
        let read = org.answer("alex")
        #expect(read.level == .businessUnit)
        #expect(read.grants.count == 1)
        #expect(read.grants[0].path == .direct(roleId: "seller"))
        #expect(read.grants[0].scopeBusinessUnitId == TestOrganisation.salesEU)
        #expect(read.grants[0].actsAs == .user)
        #expect(org.answer("alex", "account", .write).level == .user)
        #expect(org.answer("alex", "account", .delete).level == .none)
        #expect(read.notEvaluated.contains(.recordSharing) && read.notEvaluated.contains(.hierarchySecurity))
    }

    @Test func privilegesAreCumulativeTheHighestSourceWins() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("a", ["account": [.read: .user]]))
        org.add(TestOrganisation.role("b", ["account": [.read: .parentChildBusinessUnits]]))
        org.add(TestOrganisation.user("alex", roles: ["a", "b"]))
        let read = org.answer("alex")
        #expect(read.level == .parentChildBusinessUnits)
        #expect(read.winningGrant?.path == .direct(roleId: "b"))
        #expect(read.grants.map(\.level) == [.parentChildBusinessUnits, .user])
    }

    @Test func teamRoleWithInheritanceAlsoGrantsBasicDirectly() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("seller", inherits: true, ["account": [.read: .businessUnit]]))
        org.add(TestOrganisation.user("alex", bu: TestOrganisation.salesEU))
        org.add(Team(id: "t", name: "Key Accounts", businessUnitId: TestOrganisation.europe, memberIds: ["alex"], roleIds: ["seller"]))
        let read = org.answer("alex")
        #expect(read.level == .businessUnit)
        #expect(
            read.grants.contains(
                Grant(
                    table: "account", operation: .read, level: .businessUnit, scopeBusinessUnitId: TestOrganisation.europe,
                    actsAs: .team("t"), path: .team(teamId: "t", roleId: "seller"))))
        #expect(
            read.grants.contains(
                Grant(
                    table: "account", operation: .read, level: .user, scopeBusinessUnitId: TestOrganisation.salesEU,
                    actsAs: .user, path: .inherited(teamId: "t", roleId: "seller"))))
    }

    /// At Basic, the inherited grant (acting as the user: their records and their teams') reaches
    /// all the team's own Basic does and more: it is the one that decides, in every engine (found
    /// by a domain review: the narrower team grant was marked).
    @Test func atBasicTheInheritedGrantDecidesOverTheTeamsOwn() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("seller", inherits: true, ["account": [.read: .user]]))
        org.add(TestOrganisation.user("alex", bu: TestOrganisation.salesEU))
        org.add(Team(id: "t", name: "Key Accounts", businessUnitId: TestOrganisation.europe, memberIds: ["alex"], roleIds: ["seller"]))
        let read = org.answer("alex")
        #expect(read.grants.map(\.path) == [.inherited(teamId: "t", roleId: "seller"), .team(teamId: "t", roleId: "seller")])
        #expect(read.winningGrant?.actsAs == .user)
        // The index's deciding grant agrees with the answer's.
        let index = AccessIndex(environment: org.environment)
        let context = index.accessContext(of: org.environment.users["alex"]!)
        #expect(index.winningGrant(of: context, table: "account", operation: .read)?.path == .inherited(teamId: "t", roleId: "seller"))
    }

    @Test func teamRoleWithoutInheritanceCoversOnlyTheTeamsRecords() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("dispatch", inherits: false, ["account": [.read: .user]]))
        org.add(TestOrganisation.user("joni"))
        org.add(Team(id: "t", name: "Dispatch", businessUnitId: TestOrganisation.salesEU, memberIds: ["joni"], roleIds: ["dispatch"]))
        let read = org.answer("joni")
        #expect(read.level == .user)
        #expect(read.grants.count == 1)
        #expect(read.grants[0].actsAs == .team("t"))
        #expect(!read.grants.contains { if case .inherited = $0.path { true } else { false } })
        #expect(read.notes.contains(.teamPrivilegesOnly(teamId: "t", roleId: "dispatch")))
    }

    /// "Team privileges only" at Local and Organization too: the member gets no Basic level of
    /// their own from the role, and the answer says so, as EffectiveAccessRules rule 4 says
    /// (found by a docs review: only a Basic team-only grant carried the note, so `effective
    /// --explain` said nothing for the demo's Work Order Dispatcher, which grants Local and Global).
    @Test func aTeamOnlyRoleAboveBasicSaysTheMemberGetsNoBasicOfTheirOwn() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("dispatch", inherits: false, ["account": [.read: .businessUnit, .write: .organization]]))
        org.add(TestOrganisation.user("joni"))
        org.add(Team(id: "t", name: "Dispatch", businessUnitId: TestOrganisation.salesEU, memberIds: ["joni"], roleIds: ["dispatch"]))
        for (op, level) in [(TableOperation.read, AccessLevel.businessUnit), (.write, .organization)] {
            let answer = org.answer("joni", "account", op)
            #expect(answer.level == level && answer.grants.count == 1 && answer.grants[0].actsAs == .team("t"))
            #expect(answer.notes.contains(.teamPrivilegesOnly(teamId: "t", roleId: "dispatch")), "\(op)")
        }
        #expect(
            org.environment.describe(AccessNote.teamPrivilegesOnly(teamId: "t", roleId: "dispatch"))
                == "role \"Dispatch\" is team-privileges-only: through team \"Dispatch\" it acts as the team (a Basic level covers only"
                + " the team's records), and the member gets no Basic level of their own from it")
        // With inheritance the member holds the Basic grant directly: no note.
        org.environment.roles["dispatch"]?.inheritsMemberPrivileges = true
        #expect(!org.answer("joni").notes.contains(.teamPrivilegesOnly(teamId: "t", roleId: "dispatch")))
    }

    @Test func localAndDeepThroughATeamAreScopedToTheTeamsBusinessUnit() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("mgr", ["account": [.read: .parentChildBusinessUnits, .write: .businessUnit]]))
        org.add(TestOrganisation.user("alex", bu: TestOrganisation.salesEU))
        org.add(Team(id: "t", name: "Europe Team", businessUnitId: TestOrganisation.europe, memberIds: ["alex"], roleIds: ["mgr"]))
        let read = org.answer("alex")
        let teamGrant = read.grants.first { $0.path == .team(teamId: "t", roleId: "mgr") }
        #expect(teamGrant?.scopeBusinessUnitId == TestOrganisation.europe)
        #expect(teamGrant?.level == .parentChildBusinessUnits)
        let write = org.answer("alex", "account", .write)
        #expect(write.grants.first?.scopeBusinessUnitId == TestOrganisation.europe)
    }

    /// Modernized business units: Local and Deep refer to the unit of the role's copy held, which
    /// a snapshot does not record [I]. A role made in the holder's unit or above it has a copy
    /// there, read as the one held (what every assignment made before the switch holds: a domain
    /// review found the root copy's unit used for everyone, so that turning the switch on moved
    /// every Local grant of a role made at the root to the root); a role made elsewhere can only
    /// be held as a copy of its own subtree, read as its own unit's.
    @Test func modernizedBusinessUnitsScopeLocalAndDeepToTheUnitOfTheCopyHeld() throws {
        let read: [TableOperation: AccessLevel] = [.read: .businessUnit]
        var org = TestOrganisation(modernized: true)
        org.add(TestOrganisation.role("seller", bu: TestOrganisation.europe, ["account": read]))
        org.add(TestOrganisation.role("rooted", bu: TestOrganisation.root, ["account": [.write: .parentChildBusinessUnits]]))
        org.add(TestOrganisation.role("local", bu: TestOrganisation.salesEU, ["account": read]))
        org.add(TestOrganisation.user("alex", bu: TestOrganisation.salesEU, roles: ["seller", "rooted"]))
        org.add(TestOrganisation.user("bea", bu: TestOrganisation.europe, roles: ["local"]))
        org.add(Team(id: "t", name: "Europe Team", businessUnitId: TestOrganisation.europe, memberIds: ["alex"], roleIds: ["local"]))
        let env = org.environment
        #expect(org.answer("alex").grants.first { $0.path == .direct(roleId: "seller") }?.scopeBusinessUnitId == TestOrganisation.salesEU)
        #expect(org.answer("alex", "account", .write).grants[0].scopeBusinessUnitId == TestOrganisation.salesEU)
        #expect(org.answer("alex").notes.contains(.modernizedBusinessUnits))
        #expect(AccessNote.modernizedBusinessUnits.isInferred)
        // Europe is above Sales EU: no copy of a Sales EU role there, so its own unit's.
        #expect(org.answer("bea").grants[0].scopeBusinessUnitId == TestOrganisation.salesEU)
        #expect(
            org.answer("alex").grants.first { $0.path == .team(teamId: "t", roleId: "local") }?.scopeBusinessUnitId
                == TestOrganisation.salesEU)
        let local = try #require(env.roles["local"])
        #expect(
            env.assignedCopyBusinessUnitId(of: local, principalBusinessUnitId: TestOrganisation.root, heldCopy: nil)
                == TestOrganisation.salesEU)
        #expect(
            env.assignedCopyBusinessUnitId(of: local, principalBusinessUnitId: TestOrganisation.salesEU, heldCopy: nil)
                == TestOrganisation.salesEU)
        // Classic: always the holder's own unit (the team's for a team role).
        var classic = org
        classic.environment.settings.modernizedBusinessUnits = false
        #expect(
            classic.answer("alex").grants.first { $0.path == .direct(roleId: "seller") }?.scopeBusinessUnitId == TestOrganisation.salesEU)
        #expect(classic.answer("bea").grants[0].scopeBusinessUnitId == TestOrganisation.europe)
        #expect(
            classic.answer("alex").grants.first { $0.path == .team(teamId: "t", roleId: "local") }?.scopeBusinessUnitId
                == TestOrganisation.europe)
    }

    /// The template GUID in any spelling solution files and the Web API use.
    @Test func builtInRolesAreKnownByTemplateInAnySpelling() {
        for spelling in [
            "627090ff-40a3-4053-8790-584edc5be201", "627090FF-40A3-4053-8790-584EDC5BE201",
            "{627090FF-40A3-4053-8790-584EDC5BE201}", "{627090ff-40a3-4053-8790-584edc5be201}",
        ] {
            #expect(TestOrganisation.role("sa", template: spelling).isSystemAdministrator, "\(spelling)")
        }
        #expect(TestOrganisation.role("sc", template: "{119F245C-3CC8-4B62-B31C-D1A046CED15D}").builtIn == .systemCustomizer)
        #expect(!TestOrganisation.role("x", template: "{627090FF-40A3-4053-8790-584EDC5BE20}").isSystemAdministrator)
        // Its member privilege inheritance cannot be turned off (DATAVERSE.md §1.4): a file that
        // says so does not make it "team privileges only".
        var sa = TestOrganisation.role("sa", template: "{627090FF-40A3-4053-8790-584EDC5BE201}")
        sa.inheritsMemberPrivileges = false
        var seller = TestOrganisation.role("seller", ["account": [.read: .user]])
        seller.inheritsMemberPrivileges = false
        let env = Environment(id: "e", settings: EnvironmentSettings(name: "E", type: .sandbox), roles: [sa, seller])
        #expect(env.roles["sa"]?.inheritsMemberPrivileges == true && env.roles["seller"]?.inheritsMemberPrivileges == false)
        // Left out of the file, it stays left out (a save without edits changes nothing).
        var unknown = TestOrganisation.role("sa", template: SecurityRole.systemAdministratorTemplateId)
        unknown.inheritsMemberPrivilegesKnown = false
        let kept = Environment(id: "e", settings: EnvironmentSettings(name: "E", type: .sandbox), roles: [unknown])
        #expect(kept.roles["sa"]?.inheritsMemberPrivilegesKnown == false)
    }

    @Test func systemAdministratorGrantsOrganizationOnEverythingDirectOrThroughATeam() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("sa", template: SecurityRole.systemAdministratorTemplateId))
        org.add(TestOrganisation.role("seller", ["account": [.read: .user]]))
        org.add(TestOrganisation.user("adele", roles: ["sa", "seller"]))
        org.add(TestOrganisation.user("nestor"))
        org.add(Team(id: "admins", name: "Admins", businessUnitId: TestOrganisation.root, memberIds: ["nestor"], roleIds: ["sa"]))
        for op in TableOperation.allCases {
            let a = org.answer("adele", "account", op)
            #expect(a.level == .organization)
            #expect(a.grants.count == 1 && a.grants[0].isSystemAdministrator)
            #expect(a.grants[0].scopeBusinessUnitId == TestOrganisation.root)
        }
        let viaTeam = org.answer("nestor", "account", .delete)
        #expect(viaTeam.level == .organization)
        #expect(viaTeam.grants[0].path == .team(teamId: "admins", roleId: "sa"))
        // and every secured column
        let col = org.environment.columnAccess(
            of: org.environment.users["nestor"]!, column: .init(table: "account", column: "creditlimit"), kind: .update)
        #expect(col.allowed && col.systemAdministrator != nil)
    }

    @Test func organizationOwnedTablesTakeOnlyOrganizationAndHaveNoAssignOrShare() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("sa", template: SecurityRole.systemAdministratorTemplateId))
        // A level other than Global on an org-owned table (e.g. from an imported file) still counts as Organization [I].
        var odd = TestOrganisation.role("reader")
        odd.privileges["product"] = PrivilegeRow([.read: .user])
        org.add(odd)
        org.add(TestOrganisation.user("alex", roles: ["reader"]))
        org.add(TestOrganisation.user("adele", roles: ["sa"]))
        let read = org.answer("alex", "product", .read)
        #expect(read.level == .organization)
        #expect(read.notes.contains(.organizationOwnedTable))
        #expect(org.answer("adele", "product", .assign).level == .none)
        #expect(org.answer("adele", "product", .share).level == .none)
        #expect(org.answer("adele", "product", .delete).level == .organization)
        let rows = org.environment.effectiveRows(of: org.environment.users["adele"]!)
        let product = rows.first { $0.table == "product" }!
        #expect(product.levels[.assign] == .none && product.levels[.read] == .organization)
    }

    @Test func readAccessModeKeepsOnlyTheReadPrivilege() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("seller", ["account": [.read: .businessUnit, .write: .businessUnit, .create: .user]]))
        var sanjay = TestOrganisation.user("sanjay", roles: ["seller"])
        sanjay.accessMode = .read
        org.add(sanjay)
        #expect(org.answer("sanjay").level == .businessUnit)
        let write = org.answer("sanjay", "account", .write)
        #expect(write.level == .none)
        #expect(write.notes.contains(.readOnlyAccessMode))
        #expect(!write.grants.isEmpty)  // the grants are still listed in the "why"
        #expect(AccessNote.readOnlyAccessMode.isInferred)
    }

    @Test(arguments: [
        Dormancy.disabled, .businessUnitDisabled("Sales EU"), .outsideSecurityGroup, .unlicensed, .adminMode,
        .administrativeAccessMode,
    ])
    func dormantUsersKeepTheirGrantsButHaveNoRuntimeAccess(_ reason: Dormancy) {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("seller", ["account": [.read: .organization]]))
        var user = TestOrganisation.user("pradeep", roles: ["seller"])
        switch reason {
        case .disabled: user.isDisabled = true
        case .businessUnitDisabled: org.environment.businessUnits[TestOrganisation.salesEU]?.isDisabled = true
        case .unlicensed: user.isLicensed = false
        case .outsideSecurityGroup:
            org.add(EntraGroup(id: "sg", name: "SG", members: [:]))
            org.environment.settings.securityGroupId = "sg"
        case .adminMode: org.environment.settings.adminMode = true
        case .administrativeAccessMode: user.accessMode = .administrative
        }
        org.add(user)
        let read = org.answer("pradeep")
        #expect(read.dormancy == [reason])
        #expect(read.level == .none)
        #expect(read.grantedLevel == .organization)
        #expect(read.grants.count == 1)
        let row = org.environment.effectiveRows(of: org.environment.users["pradeep"]!).first { $0.table == "account" }!
        #expect(row.levels[.read] == .none && row.grantedLevels[.read] == .organization)
    }

    @Test func applicationUsersBypassTheSecurityGroupAndAdminsPassAdminMode() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("sa", template: SecurityRole.systemAdministratorTemplateId))
        org.add(EntraGroup(id: "sg", name: "SG", members: [:]))
        org.environment.settings.securityGroupId = "sg"
        org.environment.settings.adminMode = true
        var app = TestOrganisation.user("erp", roles: ["sa"])
        app.isApplicationUser = true
        app.isLicensed = false
        org.add(app)
        #expect(org.answer("erp").dormancy.isEmpty)
        #expect(org.answer("erp").level == .organization)
    }

    /// Before a group is chosen, the console counts whom it would leave out: enabled users who
    /// are not members; disabled users are out already and application users bypass it.
    @Test func aSecurityGroupLeavesOutEnabledNonMembersButNotApplicationUsers() {
        var org = TestOrganisation()
        org.add(EntraGroup(id: "sg", name: "SG", members: ["alex": EntraGroupMember()]))
        org.add(TestOrganisation.user("alex"))
        org.add(TestOrganisation.user("megan"))
        var disabled = TestOrganisation.user("pradeep")
        disabled.isDisabled = true
        org.add(disabled)
        var app = TestOrganisation.user("erp")
        app.isApplicationUser = true
        org.add(app)
        let env = org.environment
        #expect(env.enabledUsersOutside(securityGroup: "sg").map(\.id) == ["megan"])
        #expect(env.enabledUsersOutside(securityGroup: nil).isEmpty)
        // A group the snapshot does not hold lets nobody in.
        #expect(Set(env.enabledUsersOutside(securityGroup: "unknown").map(\.id)) == ["alex", "megan"])
        #expect(env.enabledInteractiveUserCount == 2)
        #expect(env.enabledUsersOutsideEachGroup().enabled == 2 && env.enabledUsersOutsideEachGroup().outside == ["sg": 1])
        // The engine agrees: whoever is counted out is dormant once the group is set.
        var grouped = env
        grouped.settings.securityGroupId = "sg"
        #expect(grouped.dormancy(of: grouped.users["megan"]!) == [.outsideSecurityGroup])
        #expect(grouped.dormancy(of: grouped.users["alex"]!).isEmpty)
    }

    @Test func accessTeamsCarryNoRoles() throws {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("seller", ["account": [.read: .organization]]))
        org.add(TestOrganisation.user("alex"))
        org.add(
            Team(
                id: "deal", name: "Deal room", businessUnitId: TestOrganisation.salesEU, type: .access, memberIds: ["alex"],
                roleIds: ["seller"]))
        #expect(org.answer("alex").level == .none)
        var snapshot = Snapshot(tenant: "t", environments: [org.environment])
        #expect(throws: ChangeError.self) {
            try snapshot.apply(.assignTeamRole(environment: TestOrganisation.env, team: "deal", role: "seller"))
        }
    }

    @Test func defaultTeamMembersAreTheUsersOfItsBusinessUnit() {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("basic", ["account": [.read: .user]]))
        org.add(TestOrganisation.user("alex", bu: TestOrganisation.salesEU))
        org.add(TestOrganisation.user("bob", bu: TestOrganisation.europe))
        org.add(Team(id: "d", name: "Sales EU", businessUnitId: TestOrganisation.salesEU, isDefault: true, roleIds: ["basic"]))
        #expect(org.answer("alex").level == .user)
        #expect(org.answer("bob").level == .none)
        #expect(org.environment.members(of: org.environment.teams["d"]!) == ["alex"])
    }

    @Test(arguments: [
        (GroupMembershipType.membersAndGuests, Set(["member", "guest", "owner"])),
        (.members, Set(["member", "owner"])),
        (.owners, Set(["owner"])),
        (.guests, Set(["guest"])),
    ])
    func entraGroupMembershipTypesSelectWhichGroupMembersAreTeamMembers(_ type: GroupMembershipType, _ expected: Set<String>) {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("seller", ["account": [.read: .user]]))
        for u in ["member", "guest", "owner", "outsider"] { org.add(TestOrganisation.user(u)) }
        org.add(
            EntraGroup(
                id: "g", name: "G",
                members: [
                    "member": EntraGroupMember(), "guest": EntraGroupMember(isGuest: true), "owner": EntraGroupMember(isOwner: true),
                ]))
        org.add(
            Team(
                id: "t", name: "Group team", businessUnitId: TestOrganisation.root, type: .entraSecurityGroup,
                entraGroupId: "g", membershipType: type, roleIds: ["seller"]))
        #expect(org.environment.members(of: org.environment.teams["t"]!) == expected)
        for u in ["member", "guest", "owner", "outsider"] {
            #expect((org.answer(u).level == .user) == expected.contains(u), "user \(u) with \(type)")
        }
        let index = AccessIndex(environment: org.environment)
        #expect(Set(index.whoCan(table: "account", operation: .read).users.map(\.userId)) == expected)
    }
}

/// Who can write accounts: Jordan Miller's Auditor role grants Write at Organization, but his
/// access mode Read keeps only Read [I]. He is neither able nor dormant: said apart, with the level
/// his roles grant, where he used to be left out entirely.
@Suite("Who can: access mode Read")
struct WhoCanAccessModeReadTests {
    @Test func holdersInAccessModeReadAreListedApart() throws {
        let env = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        let jordan = try #require(env.users.values.first { $0.name == "Jordan Miller" })
        #expect(jordan.accessMode == .read)
        let index = AccessIndex(environment: env)
        let write = index.whoCan(table: "account", operation: .write)
        #expect(!write.users.contains { $0.userId == jordan.id } && !write.dormantUsers.contains { $0.userId == jordan.id })
        let held = try #require(write.readAccessModeUsers.first { $0.userId == jordan.id })
        #expect(held.level == .organization && !held.grants.isEmpty)
        // Every one of them is in access mode Read, and able to do it with Read-Write.
        for entry in write.readAccessModeUsers {
            var user = try #require(env.users[entry.userId])
            #expect(user.accessMode == .read)
            user.accessMode = .readWrite
            #expect(env.effectiveAccess(of: user, table: "account", operation: .write, teams: index.teams(of: user)).grantedLevel >= .user)
        }
        // For Read there is nothing to set apart: he can.
        let read = index.whoCan(table: "account", operation: .read)
        #expect(read.users.contains { $0.userId == jordan.id } && read.readAccessModeUsers.isEmpty)
    }

    /// Disabled as well, what stops him now is that he is disabled: he is dormant, marked as
    /// held in access mode Read, which would still keep him from writing once enabled.
    @Test func aDisabledHolderInAccessModeReadIsDormant() throws {
        var env = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        let jordan = try #require(env.users.values.first { $0.name == "Jordan Miller" })
        env.users[jordan.id]?.isDisabled = true
        let write = AccessIndex(environment: env).whoCan(table: "account", operation: .write)
        #expect(write.dormantUsers.contains { $0.userId == jordan.id && $0.level == .organization && $0.heldInReadAccessMode })
        #expect(!write.readAccessModeUsers.contains { $0.userId == jordan.id })
        #expect(write.dormantUsers.filter(\.heldInReadAccessMode).map(\.userId) == [jordan.id])
    }
}
