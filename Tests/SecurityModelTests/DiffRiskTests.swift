import Testing

@testable import SecurityModel

/// Each risk class, on change lines and on impact lines.
@Suite struct DiffRiskTests {
    typealias F = DiffFixtures

    func line(_ r: DiffResult, _ kind: DiffObjectKind, _ id: String, _ field: DiffField) throws -> DiffLine {
        let e = try #require(r.entry(kind, id))
        return try #require(e.lines.first { $0.field == field })
    }

    @Test func raisedLevelIsAnEscalationLoweredIsAReduction() throws {
        let up = try F.diff([
            .setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: .read, level: .parentChildBusinessUnits)
        ])
        let l = try line(up, .role, F.salesperson, .privilege)
        #expect(l.risk == .escalation && l.old == "Business Unit" && l.new == "Parent: Child Business Units" && l.symbol == .changed)
        #expect(l.reasons == [.levelRaised])
        let down = try F.diff([.setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: .read, level: .user)])
        #expect(try line(down, .role, F.salesperson, .privilege).risk == .reduction)
        #expect(down.impacts.allSatisfy { $0.risk == .reduction })
        #expect(!down.hasEscalation)
    }

    /// Turning modernized business units on (or off) moves the scope of Local and Deep grants of
    /// roles held outside the subtree of the unit they were made in [I] (the holder's own unit
    /// when classic, the role's when modernized): an escalation both ways, as the impact's moved
    /// scopes are, so `--risk escalation` keeps the switch that causes them. Roles made at the
    /// root move nothing: every holder keeps their own unit's copy (a domain review found the
    /// switch reported as moving every Local grant to the root).
    @Test func modernizedBusinessUnitsMovingScopesIsAnEscalation() throws {
        var base = F.environment()
        base.roles[F.salesperson]?.businessUnitId = F.service
        var target = base
        target.settings.modernizedBusinessUnits = true
        let on = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let l = try line(on, .environment, F.env, .modernizedBusinessUnits)
        #expect(l.risk == .escalation && l.reasons == [.businessUnitScopesMoved])
        #expect(RiskReason.businessUnitScopesMoved.label.hasSuffix("[I]"))
        #expect(DiffFilter(risks: [.escalation]).apply(to: on).entries.contains { $0.kind == .environment })
        let adele = try #require(on.impacts.first { $0.userId == F.adele })
        #expect(adele.tableChanges.contains { $0.table == "account" && $0.operation == .read })
        let off = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(try line(off, .environment, F.env, .modernizedBusinessUnits).risk == .escalation)
        // The fixture's roles, all made at the root: nothing moves.
        var settings = F.environment().settings
        settings.modernizedBusinessUnits = true
        let rooted = try F.diff([.setEnvironmentSettings(environment: F.env, settings: settings)])
        #expect(try line(rooted, .environment, F.env, .modernizedBusinessUnits).risk == .neutral)
        #expect(rooted.impacts.isEmpty)
        // Beside a role's change, the switch is no cause of its holders' lines (a regression
        // review found it "reaching 8 more alongside other changes", named in every because).
        let alongside = try F.diff([
            .setEnvironmentSettings(environment: F.env, settings: settings),
            .setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: .read, level: .parentChildBusinessUnits),
        ])
        let environment = try #require(alongside.entries.first { $0.kind == .environment })
        #expect(environment.usersReached == 0 && !alongside.impacts.isEmpty)
        #expect(!alongside.impacts.contains { $0.causes.contains { $0.hasPrefix("environment") } })
        // Without Local or Deep grants held from another business unit nothing moves.
        var flat = F.snapshot()
        for id in flat.environments[F.env]!.roles.keys {
            flat.environments[F.env]!.roles[id]!.privileges = [:]
        }
        var flatTarget = flat
        flatTarget.environments[F.env]!.settings.modernizedBusinessUnits = true
        let quiet = SnapshotDiff.compare(
            base: flat.environments[F.env]!, target: flatTarget.environments[F.env]!, options: DiffOptions(runChecks: false))
        #expect(try line(quiet, .environment, F.env, .modernizedBusinessUnits).risk == .neutral)
    }

    /// A team moved to another business unit moves the Local/Deep scopes of its roles (classic
    /// business units): an escalation, and its members' access is its doing even where the
    /// same role, also held directly, names the winning path (it was counted "alongside").
    @Test func aTeamMovedToAnotherBusinessUnitMovesItsMembersScopes() throws {
        let base = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        var target = base
        let team = try #require(base.teams.values.first { $0.name == "Key Accounts EU" })
        let salesNA = try #require(base.businessUnits.values.first { $0.name == "Sales NA" })
        target.teams[team.id]?.businessUnitId = salesNA.id
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let entry = try #require(r.entries.first { $0.kind == .team && $0.objectId == team.id })
        #expect(entry.risk == .escalation && entry.lines.contains { $0.reasons == [.scopeChanged] })
        #expect(entry.usersReached ?? 0 > 0 && entry.usersMoved == entry.usersReached)
        let (moved, alongside) = r.impacts(reachedBy: entry)
        #expect(alongside.isEmpty && moved.count == entry.usersReached)
        for impact in moved {
            let own = r.lines(of: impact, through: entry).impact
            #expect(!own.tableChanges.isEmpty, "\(impact.name)")
        }
    }

    /// With modernized business units a role moved to another business unit moves its holders'
    /// Local/Deep scopes: an escalation that `--risk escalation` keeps, whose reach is read from
    /// all its lines even when the filter shows only some.
    @Test func aRoleMovedUnderModernizedBusinessUnitsIsAnEscalation() throws {
        var base = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        base.settings.modernizedBusinessUnits = true
        var target = base
        let role = try #require(base.roles.values.first { $0.name == "Salesperson" })
        let europe = try #require(base.businessUnits.values.first { $0.name == "Europe" })
        target.roles[role.id]?.businessUnitId = europe.id
        target.roles[role.id]?.privileges["account", default: .empty][.delete] = .organization
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let entry = try #require(r.entries.first { $0.kind == .role && $0.objectId == role.id })
        #expect(entry.lines.first { $0.field == .businessUnit }?.reasons == [.scopeChanged])
        #expect(DiffFilter(risks: [.escalation]).apply(to: r).entries.contains { $0.objectId == role.id })
        // Narrowed to account, the business-unit line is not shown, yet the move still decides
        // every line: the only change moves every user it reaches.
        let narrowed = DiffFilter(tables: ["account"]).apply(to: r)
        let shown = try #require(narrowed.entries.first { $0.objectId == role.id })
        #expect(!shown.lines.contains { $0.field == .businessUnit })
        #expect(shown.usersMoved ?? 0 > 0 && shown.usersMoved == shown.usersReached)
    }

    /// A role moved between units that its holders are in or below keeps every holder's own
    /// unit's copy [I]: no scope moves, a neutral line; moved away from a holder's unit and
    /// those above it, the holder's Local grants follow it: an escalation.
    @Test func aRoleMovedKeepsTheScopesOfHoldersInItsSubtree() throws {
        var base = F.environment()
        base.settings.modernizedBusinessUnits = true
        var within = base
        within.roles[F.salesperson]?.businessUnitId = F.sales
        let kept = SnapshotDiff.compare(base: base, target: within, options: DiffOptions(runChecks: false))
        #expect(try line(kept, .role, F.salesperson, .businessUnit).risk == .neutral)
        #expect(kept.impacts.isEmpty)
        var away = base
        away.roles[F.salesperson]?.businessUnitId = F.service
        let moved = SnapshotDiff.compare(base: base, target: away, options: DiffOptions(runChecks: false))
        #expect(try line(moved, .role, F.salesperson, .businessUnit).reasons == [.scopeChanged])
        #expect(Set(moved.impacts.map(\.userId)) == [F.adele, F.dan])
        // Classic: the holder's own unit wherever the role was made.
        var classic = base
        classic.settings.modernizedBusinessUnits = false
        var classicAway = away
        classicAway.settings.modernizedBusinessUnits = false
        let still = SnapshotDiff.compare(base: classic, target: classicAway, options: DiffOptions(runChecks: false))
        #expect(try line(still, .role, F.salesperson, .businessUnit).risk == .neutral)
    }

    @Test func newDeleteAssignShareAndOrganizationLevelAreNamed() throws {
        for op in [TableOperation.delete, .assign, .share] {
            let r = try F.diff([.setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: op, level: .user)])
            let l = try line(r, .role, F.salesperson, .privilege)
            #expect(l.symbol == .added && l.reasons.contains(.newDeleteAssignShare), "\(op)")
        }
        let org = try F.diff([
            .setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: .read, level: .organization)
        ])
        #expect(try line(org, .role, F.salesperson, .privilege).reasons.contains(.organizationLevelOnUserOwnedTable))
        // An org-owned table only has Organization: no "user-owned" reason there.
        let web = try F.diff([
            .setPrivilege(environment: F.env, role: F.salesperson, table: "webresource", operation: .write, level: .organization)
        ])
        #expect(try line(web, .role, F.salesperson, .privilege).reasons == [.levelRaised])
    }

    @Test func systemAdministratorAndCustomizerGranted() throws {
        let r = try F.diff([
            .assignUserRole(environment: F.env, user: F.bob, role: F.sysAdmin),
            .assignUserRole(environment: F.env, user: F.dan, role: F.customizer),
        ])
        #expect(try line(r, .user, F.bob, .role).reasons == [.systemAdministratorGranted])
        #expect(try line(r, .user, F.dan, .role).reasons == [.systemCustomizerGranted])
        let bob = try #require(r.impact(ofUser: F.bob))
        #expect(bob.tableChanges.contains { $0.table == "opportunity" && $0.operation == .delete && $0.new == .organization })
        #expect(bob.tableChanges.first { $0.table == "account" }?.newPath?.isSystemAdministrator == true)
        #expect(bob.columnChanges.contains { $0.column == F.ssn && $0.kind == .read && $0.new && $0.newVia == ["System Administrator"] })
        #expect(r.summary.topRisingUsers.first?.userId == F.bob)
    }

    /// A role added with the System Administrator template is an escalation before anyone holds
    /// it (found by a review: it was neutral, so `diff` exited 1 and `--risk escalation` hid a
    /// copy of System Administrator); removed, a reduction. The System Customizer template too.
    @Test func aRoleAddedFromTheSystemAdministratorTemplateIsAnEscalation() throws {
        func added(_ template: String) throws -> DiffResult {
            let role = SecurityRole(id: "r-new", name: "Plain", businessUnitId: F.root, templateId: template)
            return try F.diff([.createRole(environment: F.env, role: role)])
        }
        let sa = try added(SecurityRole.systemAdministratorTemplateId)
        let l = try line(sa, .role, "r-new", .template)
        #expect(l.risk == .escalation && l.reasons == [.systemAdministratorGranted])
        #expect(sa.entry(.role, "r-new")?.risk == .escalation && sa.hasEscalation)
        #expect(DiffFilter(risks: [.escalation]).apply(to: sa).entries.contains { $0.objectId == "r-new" })
        let sc = try added(SecurityRole.systemCustomizerTemplateId)
        #expect(try line(sc, .role, "r-new", .template).reasons == [.systemCustomizerGranted])
        // Removed (the diff read backwards): a reduction.
        let (b, t) = try F.edited([
            .createRole(
                environment: F.env,
                role: SecurityRole(
                    id: "r-new", name: "Plain", businessUnitId: F.root, templateId: SecurityRole.systemAdministratorTemplateId))
        ])
        let removed = SnapshotDiff.compare(base: t, target: b, options: DiffOptions(runChecks: false))
        #expect(try line(removed, .role, "r-new", .template).risk == .reduction && !removed.hasEscalation)
        // A role of no template added with no privilege stays neutral.
        let plain = try F.diff([.createRole(environment: F.env, role: SecurityRole(id: "r-new", name: "Plain", businessUnitId: F.root))])
        #expect(plain.entry(.role, "r-new")?.risk == .neutral)
    }

    @Test func securedColumnReadableByMoreUsers() throws {
        let r = try F.diff([.addProfileUser(environment: F.env, profile: F.hrProfile, user: F.adele)])
        let l = try line(r, .fieldSecurityProfile, F.hrProfile, .profileUser)
        #expect(l.risk == .escalation && l.reasons == [.profileMemberAdded] && l.subject == "Adele Vance")
        let adele = try #require(r.impact(ofUser: F.adele))
        #expect(adele.columnChanges.map { "\($0.kind.rawValue):\($0.new)" } == ["read:true"])
        #expect(adele.columnChanges.first?.newVia == ["profile \"HR\""])
        #expect(adele.tableChanges.isEmpty)
        #expect(r.impacts.map(\.userId) == [F.adele])
    }

    @Test func columnPermissionGainedOnAProfile() throws {
        let r = try F.diff([
            .setColumnPermission(
                environment: F.env, profile: F.hrProfile, column: F.ssn,
                permission: ColumnPermission(canRead: true, canUpdate: true))
        ])
        let l = try line(r, .fieldSecurityProfile, F.hrProfile, .columnPermission)
        #expect(l.risk == .escalation && l.subject == "contact.contoso_ssn Update")
        #expect(r.impact(ofUser: F.hana)?.columnChanges.map(\.kind) == [.update])
    }

    @Test func userEnabledIsAnEscalationDisabledAReduction() throws {
        var s = F.snapshot()
        try s.apply(.setUserDisabled(environment: F.env, user: F.adele, disabled: true))
        let disabledEnv = try #require(s.environments[F.env])
        let enabled = SnapshotDiff.compare(base: disabledEnv, target: F.environment(), options: DiffOptions(runChecks: false))
        let l = try line(enabled, .user, F.adele, .disabled)
        #expect(l.risk == .escalation && l.reasons == [.userEnabled])
        let adele = try #require(enabled.impact(ofUser: F.adele))
        #expect(adele.oldDormancy == [.disabled] && adele.newDormancy.isEmpty)
        #expect(
            adele.tableChanges.contains { $0.table == "account" && $0.operation == .read && $0.old == .none && $0.new == .businessUnit })
        let disabled = SnapshotDiff.compare(base: F.environment(), target: disabledEnv, options: DiffOptions(runChecks: false))
        #expect(try line(disabled, .user, F.adele, .disabled).risk == .reduction)
        #expect(disabled.impact(ofUser: F.adele)?.risk == .reduction)
    }

    @Test func userAddedToTheSecurityGroup() throws {
        var base = F.environment()
        base.entraGroups[F.securityGroup]?.members[F.dan] = nil  // Dan is outside the group: dormant
        let r = SnapshotDiff.compare(base: base, target: F.environment(), options: DiffOptions(runChecks: false))
        let l = try line(r, .entraGroup, F.securityGroup, .member)
        #expect(l.risk == .escalation && l.reasons == [.addedToSecurityGroup] && l.subjectId == F.dan)
        let dan = try #require(r.impact(ofUser: F.dan))
        #expect(dan.oldDormancy == [.outsideSecurityGroup] && dan.risk == .escalation)
    }

    @Test func newEnabledUserIsAnEscalation() throws {
        let user = User(id: "u-eve", name: "Eve", domainName: "eve@fabrikam.com", businessUnitId: F.sales, roleIds: [F.salesperson])
        var target = F.environment()
        target.users[user.id] = user
        target.entraGroups[F.securityGroup]?.members[user.id] = EntraGroupMember()
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        let e = try #require(r.entry(.user, "u-eve"))
        #expect(e.action == .added && e.risk == .escalation)
        #expect(e.lines.first { $0.field == .disabled }?.reasons == [.userAdded])
        #expect(e.lines.first { $0.field == .role }?.reasons == [.roleAssigned])
        #expect(e.lines.first { $0.field == .name }?.risk == .neutral)
        #expect(r.impact(ofUser: "u-eve")?.tableChanges.contains { $0.table == "account" && $0.new == .businessUnit } == true)
    }

    @Test func renamesAndDescriptionsAreNeutral() throws {
        let r = try F.diff([.renameRole(environment: F.env, role: F.salesperson, name: "Seller")])
        let e = try #require(r.entry(.role, F.salesperson))
        #expect(e.action == .renamed && e.risk == .neutral && e.renamedFrom == "Salesperson")
        #expect(r.impacts.isEmpty && !r.hasEscalation)
    }

    @Test func dormantUsersGrantsChangeAsNeutralLines() throws {
        var base = F.environment()
        base.users[F.dan]?.isDisabled = true
        var target = base
        target.roles[F.salesperson]?.privileges["opportunity"] = PrivilegeRow([.read: .organization])
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let dan = try #require(r.impact(ofUser: F.dan))
        #expect(dan.risk == .neutral && dan.tableChanges.allSatisfy(\.isDormant))
        #expect(r.impact(ofUser: F.adele)?.risk == .escalation)
    }

    @Test func escalationsAreListedFirst() throws {
        let r = try F.diff([
            .renameTeam(environment: F.env, team: F.salesTeam, name: "Crew"),
            .removeUserRole(environment: F.env, user: F.hana, role: F.serviceRep),
            .setPrivilege(environment: F.env, role: F.basicUser, table: "account", operation: .read, level: .user),
        ])
        #expect(r.entries.map(\.risk) == [.escalation, .reduction, .neutral])
        #expect(r.impacts.first?.risk == .escalation)
    }

    @Test func securityGroupRemovedAndAdminModeOff() throws {
        var base = F.environment()
        base.settings.adminMode = true
        var target = F.environment()
        target.settings.securityGroupId = nil
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let e = try #require(r.entry(.environment, F.env))
        #expect(e.lines.first { $0.field == .securityGroup }?.reasons == [.securityGroupRemoved])
        #expect(e.lines.first { $0.field == .adminMode }?.reasons == [.adminModeTurnedOff])
        // Admin mode made everyone but Carol dormant; turning it off wakes them up.
        #expect(r.impact(ofUser: F.adele)?.oldDormancy == [.adminMode])
        #expect(r.impact(ofUser: F.carol) == nil)
    }

    /// Another security group: an escalation when it lets in someone the old one did not, a
    /// reduction when it only leaves people out, and (read backwards) the mirror of each.
    @Test func anotherSecurityGroupIsAnEscalationWhenItLetsSomeoneIn() throws {
        var base = F.environment()
        base.entraGroups[F.securityGroup]?.members[F.dan] = nil
        var target = base
        target.entraGroups["grp-all"] = EntraGroup(
            id: "grp-all", name: "Everyone",
            members: Dictionary(uniqueKeysWithValues: [F.adele, F.bob, F.carol, F.hana, F.dan].map { ($0, EntraGroupMember()) }))
        target.settings.securityGroupId = "grp-all"
        let wider = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let up = try line(wider, .environment, F.env, .securityGroup)
        #expect(up.risk == .escalation && up.reasons == [.addedToSecurityGroup])
        #expect(wider.impact(ofUser: F.dan)?.oldDormancy == [.outsideSecurityGroup])
        let narrower = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(try line(narrower, .environment, F.env, .securityGroup).risk == .reduction)
        // The same people under another group's name: neutral.
        var renamed = base
        renamed.entraGroups["grp-copy"] = EntraGroup(id: "grp-copy", name: "Copy", members: base.entraGroups[F.securityGroup]!.members)
        renamed.settings.securityGroupId = "grp-copy"
        let same = SnapshotDiff.compare(base: base, target: renamed, options: DiffOptions(runChecks: false))
        #expect(try line(same, .environment, F.env, .securityGroup).risk == .neutral)
    }

    /// A member added to an Entra group reaches the roles of a group team only when the team's
    /// membership type takes them: a guest added to a "Members" team's group is neutral.
    @Test func aGroupMemberTheTeamsMembershipTypeLeavesOutIsNeutral() throws {
        var base = F.environment()
        base.entraGroups["grp-sales"] = EntraGroup(id: "grp-sales", name: "Sales group", members: [F.adele: EntraGroupMember()])
        base.teams["team-group"] = Team(
            id: "team-group", name: "Sales group team", businessUnitId: F.sales, type: .entraSecurityGroup, entraGroupId: "grp-sales",
            membershipType: .members, roleIds: [F.serviceRep])
        var guest = base
        guest.entraGroups["grp-sales"]?.members[F.bob] = EntraGroupMember(isGuest: true)
        let g = SnapshotDiff.compare(base: base, target: guest, options: DiffOptions(runChecks: false))
        #expect(try line(g, .entraGroup, "grp-sales", .member).risk == .neutral)
        var member = base
        member.entraGroups["grp-sales"]?.members[F.bob] = EntraGroupMember()
        let m = SnapshotDiff.compare(base: base, target: member, options: DiffOptions(runChecks: false))
        let l = try line(m, .entraGroup, "grp-sales", .member)
        #expect(l.risk == .escalation && l.reasons == [.teamMemberAdded])
    }

    /// Found by a review: a change whose only effect is on the records reached by owner stayed
    /// neutral while its users escalated. Joining an owner team with no role: its records come
    /// into reach of the member's Basic grants (DATAVERSE.md §2 rule 2); an access team owns none.
    /// A user moved to another unit changes default team: escalation both ways, as the impact says.
    @Test func changesThatMoveOwnersAreEscalations() throws {
        var base = F.environment()
        base.teams["t-ops"] = Team(id: "t-ops", name: "Ops", businessUnitId: F.root)
        base.teams["t-deal"] = Team(id: "t-deal", name: "Deal room", businessUnitId: F.root, type: .access)
        var target = base
        target.teams["t-ops"]?.memberIds.insert(F.hana)
        target.teams["t-deal"]?.memberIds.insert(F.hana)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let joined = try line(r, .team, "t-ops", .member)
        #expect(joined.risk == .escalation && joined.reasons == [.teamMemberAdded])
        #expect(try line(r, .team, "t-deal", .member).risk == .neutral)
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(try line(back, .team, "t-ops", .member).risk == .reduction)

        // Hana holds Basic grants only (Service Rep): moving her from the root to Sales swaps her
        // default team, whose records those grants reach.
        var moved = base
        moved.users[F.hana]?.businessUnitId = F.sales
        for (from, to) in [(base, moved), (moved, base)] {
            let m = SnapshotDiff.compare(base: from, target: to, options: DiffOptions(runChecks: false))
            let unit = try line(m, .user, F.hana, .businessUnit)
            #expect(unit.risk == .escalation && m.hasEscalation, "\(unit)")
            #expect(m.impact(ofUser: F.hana)?.tableChanges.contains { $0.reasons == [.ownersChanged] } == true)
        }
    }

    /// Found by a review: an access team made an owner team stayed neutral while its members
    /// escalated (its records come into reach of their Basic grants).
    @Test func anAccessTeamMadeAnOwnerTeamIsAnEscalation() throws {
        var base = F.environment()
        base.teams["t-deal"] = Team(id: "t-deal", name: "Deal room", businessUnitId: F.root, type: .access, memberIds: [F.hana])
        var target = base
        target.teams["t-deal"]?.type = .owner
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let type = try line(r, .team, "t-deal", .teamType)
        #expect(type.risk == .escalation && type.reasons == [.ownersWidened])
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        #expect(try line(back, .team, "t-deal", .teamType).risk == .reduction)
    }

    /// Found by a domain review: Access -> Owner with a member added in the same release was an
    /// escalation, but Owner -> Access with that member removed neutral. The members that count
    /// are those of the side where the team owns records, so the rule mirrors.
    @Test func aTeamTypeChangedWithItsMembersMirrors() throws {
        var access = F.environment()
        access.teams["t-deal"] = Team(id: "t-deal", name: "Deal room", businessUnitId: F.root, type: .access)
        var owner = access
        owner.teams["t-deal"]?.type = .owner
        owner.teams["t-deal"]?.memberIds = [F.hana]
        let up = SnapshotDiff.compare(base: access, target: owner, options: DiffOptions(runChecks: false))
        let raised = try line(up, .team, "t-deal", .teamType)
        #expect(raised.risk == .escalation && raised.reasons == [.ownersWidened])
        let down = SnapshotDiff.compare(base: owner, target: access, options: DiffOptions(runChecks: false))
        let lowered = try line(down, .team, "t-deal", .teamType)
        #expect(lowered.risk == .reduction && lowered.reasons.isEmpty)
        // The near miss: an owner team with no members on either side reaches nobody's records.
        owner.teams["t-deal"]?.memberIds = []
        for (from, to) in [(access, owner), (owner, access)] {
            let r = SnapshotDiff.compare(base: from, target: to, options: DiffOptions(runChecks: false))
            #expect(try line(r, .team, "t-deal", .teamType).risk == .neutral)
        }
    }

    /// Found by a domain review: System Administrator (or Customizer) gained by joining a team
    /// that holds it, or the Entra group of such a group team, was only "added to a team ...",
    /// while a direct assignment says `systemAdministratorGranted`. The member lines say both, the
    /// impact's cause names it, and the way back is a reduction as before.
    @Test func systemAdministratorThroughATeamIsGranted() throws {
        var base = F.environment()
        base.entraGroups["grp-it"] = EntraGroup(id: "grp-it", name: "IT Admins", members: [:])
        base.teams["team-it"] = Team(
            id: "team-it", name: "IT Admins", businessUnitId: F.root, type: .entraSecurityGroup, entraGroupId: "grp-it",
            membershipType: .members, roleIds: [F.sysAdmin])
        base.teams["t-custom"] = Team(id: "t-custom", name: "Customizers", businessUnitId: F.root, roleIds: [F.customizer])
        var target = base
        target.entraGroups["grp-it"]?.members[F.hana] = EntraGroupMember()
        target.teams["t-custom"]?.memberIds.insert(F.dan)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        for l in [try line(r, .entraGroup, "grp-it", .member), try line(r, .team, "team-it", .member)] {
            #expect(l.risk == .escalation && l.reasons == [.systemAdministratorGranted, .teamMemberAdded], "\(l)")
        }
        let custom = try line(r, .team, "t-custom", .member)
        #expect(custom.risk == .escalation && custom.reasons == [.systemCustomizerGranted, .teamMemberAdded])
        let hana = try #require(r.impact(ofUser: F.hana))
        #expect(hana.causes.contains("added to Entra group \"IT Admins\" (System Administrator granted)"))
        #expect(try #require(r.impact(ofUser: F.dan)).causes == ["added to team \"Customizers\" (System Customizer granted)"])
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let left = try line(back, .entraGroup, "grp-it", .member)
        #expect(left.risk == .reduction && left.reasons.isEmpty)
        // The near miss: a team holding neither gives only `teamMemberAdded`.
        var plain = base
        plain.teams["t-custom"]?.roleIds = [F.serviceRep]
        var joined = plain
        joined.teams["t-custom"]?.memberIds.insert(F.dan)
        let p = SnapshotDiff.compare(base: plain, target: joined, options: DiffOptions(runChecks: false))
        #expect(try line(p, .team, "t-custom", .member).reasons == [.teamMemberAdded])
        #expect(try #require(p.impact(ofUser: F.dan)).causes == ["added to team \"Customizers\""])
    }
}
