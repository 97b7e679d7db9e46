import Testing

@testable import SecurityModel

/// Who has access at run time (EffectiveAccessRules rules 6, 9 and 10): for each rule a snapshot
/// that triggers it and one that does not, with the engine, the index's contexts and its dense
/// users giving the same dormancy.
@Suite("Runtime access rules")
struct RuntimeAccessRuleTests {
    typealias F = DiffFixtures

    /// The user's dormancy, checked to be the same however it is asked for.
    static func dormancy(_ env: Environment, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Dormancy] {
        guard let user = env.users[id] else { return [] }
        let index = AccessIndex(environment: env)
        let reference = env.dormancy(of: user)
        #expect(env.accessContext(of: user).dormancy == reference, sourceLocation: sourceLocation)
        #expect(index.accessContext(of: user).dormancy == reference, sourceLocation: sourceLocation)
        if let slot = index.userSlots[id].map(Int.init) {
            #expect(index.accessContext(userAt: slot).dormancy == reference, sourceLocation: sourceLocation)
            #expect(index.denseUser(slot).dormancy == reference, sourceLocation: sourceLocation)
        }
        return reference
    }

    static func read(_ env: Environment, _ id: String, _ table: String = "account") -> AccessAnswer {
        env.effectiveAccess(of: env.users[id]!, table: table, operation: .read)
    }

    static func diff(_ base: Environment, _ target: Environment) -> DiffResult {
        SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
    }

    // MARK: Licences

    /// "Non-interactive users do not need a license" (Microsoft Learn, create-users): exempt
    /// as application users are; an interactive user without one stays dormant.
    @Test func nonInteractiveUsersNeedNoLicence() {
        var env = F.environment()
        env.users[F.adele]?.isLicensed = false
        #expect(Self.dormancy(env, F.adele) == [.unlicensed])
        #expect(Self.read(env, F.adele).level == .none)
        #expect(Dormancy.noLicenceNeeded(by: env.users[F.adele]!) == nil)
        #expect(env.users[F.adele]?.needsLicence == true)

        env.users[F.adele]?.accessMode = .nonInteractive
        #expect(env.users[F.adele]?.needsLicence == false)
        #expect(Self.dormancy(env, F.adele).isEmpty)
        #expect(Self.read(env, F.adele).level == .businessUnit)
        #expect(
            Dormancy.noLicenceNeeded(by: env.users[F.adele]!) == "unlicensed, but a non-interactive user needs no licence: not dormant")
        let index = AccessIndex(environment: env)
        #expect(index.whoCan(table: "account", operation: .read).users.map(\.userId).contains(F.adele))
        var matrix: [PrivilegeRow] = []
        index.forEachEffectiveMatrix { user, m in if user.id == F.adele { matrix = m } }
        #expect(matrix[index.tableIndex["account"]!][.read] == .businessUnit)
        // The application user's note keeps its [I]; a licensed user has none.
        env.users[F.adele]?.isApplicationUser = true
        #expect(Dormancy.noLicenceNeeded(by: env.users[F.adele]!)?.hasSuffix("[I]") == true)
        env.users[F.adele]?.isLicensed = true
        #expect(Dormancy.noLicenceNeeded(by: env.users[F.adele]!) == nil)
    }

    /// GL6a counted an unlicensed non-interactive profile member as unable to sign in.
    @Test func aNonInteractiveUnlicensedReaderCountsForGL6a() {
        var env = F.environment()
        env.users[F.hana]?.isLicensed = false
        #expect(GoLiveChecks.run(env).filter { $0.ruleId == "GL6a" }.map(\.place.path) == ["table/contact/column/contoso_ssn"])
        env.users[F.hana]?.accessMode = .nonInteractive
        #expect(GoLiveChecks.run(env).filter { $0.ruleId == "GL6a" }.isEmpty)
    }

    /// Made an application user, an unlicensed user, or one outside the security group, signs in
    /// (an application user needs neither): an escalation, as the impact says (the model-based
    /// fuzz found the entry neutral while the impact rose); the way back a reduction.
    @Test func aUserMadeAnApplicationUserSignsIn() throws {
        var unlicensed = F.environment()
        unlicensed.users[F.adele]?.isLicensed = false
        var application = unlicensed
        application.users[F.adele]?.isApplicationUser = true
        let up = Self.diff(unlicensed, application)
        let line = try #require(up.entry(.user, F.adele)?.lines.first { $0.field == .applicationUser })
        #expect(line.risk == .escalation && line.reasons == [.licenceNoLongerNeeded])
        #expect(up.impact(ofUser: F.adele)?.risk == .escalation)
        #expect(Self.diff(application, unlicensed).entry(.user, F.adele)?.lines.first { $0.field == .applicationUser }?.risk == .reduction)
        // Outside the security group: let in.
        var outside = F.environment()
        outside.entraGroups[F.securityGroup]?.members[F.adele] = nil
        var outsideApplication = outside
        outsideApplication.users[F.adele]?.isApplicationUser = true
        let letIn = Self.diff(outside, outsideApplication)
        let l = try #require(letIn.entry(.user, F.adele)?.lines.first { $0.field == .applicationUser })
        #expect(l.risk == .escalation && l.reasons == [.addedToSecurityGroup])
        // Licensed and in the group: nothing moves.
        var plain = F.environment()
        plain.users[F.adele]?.isApplicationUser = true
        #expect(Self.diff(F.environment(), plain).entry(.user, F.adele)?.lines.first { $0.field == .applicationUser }?.risk == .neutral)
    }

    /// An unlicensed Read-Write user moved to Administrative (which needs no licence) signs in
    /// again: their miscellaneous privileges work, an escalation (a regression review found the
    /// entry neutral while the impact rose); the way back a reduction.
    @Test func anUnlicensedUserMovedToAdministrativeSignsInAgain() throws {
        var unlicensed = F.environment()
        unlicensed.users[F.adele]?.isLicensed = false
        unlicensed.roles[F.salesperson]?.miscPrivileges["prvExportToExcel"] = .organization
        var administrative = unlicensed
        administrative.users[F.adele]?.accessMode = .administrative
        let up = Self.diff(unlicensed, administrative)
        let line = try #require(up.entry(.user, F.adele)?.lines.first { $0.field == .accessMode })
        #expect(line.risk == .escalation && line.reasons == [.licenceNoLongerNeeded])
        #expect(up.impact(ofUser: F.adele)?.risk == .escalation)
        let down = Self.diff(administrative, unlicensed)
        #expect(down.entry(.user, F.adele)?.lines.first { $0.field == .accessMode }?.risk == .reduction)
        // Licensed: Read-Write to Administrative loses customer data, a reduction.
        var licensedAdministrative = F.environment()
        licensedAdministrative.users[F.adele]?.accessMode = .administrative
        let lost = Self.diff(F.environment(), licensedAdministrative)
        #expect(lost.entry(.user, F.adele)?.lines.first { $0.field == .accessMode }?.risk == .reduction)
    }

    /// An unlicensed non-interactive user switched to Read-Write needs a licence again: dormant,
    /// a reduction; the way back an escalation. A licence given to a user who needs none moves
    /// nothing.
    @Test func anAccessModeThatNeedsALicenceIsJudgedWithTheUsersLicence() throws {
        var integration = F.environment()
        integration.users[F.adele]?.isLicensed = false
        integration.users[F.adele]?.accessMode = .nonInteractive
        var interactive = integration
        interactive.users[F.adele]?.accessMode = .readWrite

        let lost = Self.diff(integration, interactive)
        let line = try #require(lost.entry(.user, F.adele)?.lines.first { $0.field == .accessMode })
        #expect(line.risk == .reduction)
        let impact = try #require(lost.impact(ofUser: F.adele))
        #expect(impact.oldDormancy.isEmpty && impact.newDormancy == [.unlicensed])
        #expect(impact.risk == .reduction && !lost.hasEscalation)
        #expect(impact.tableChanges.contains { $0.table == "account" && $0.operation == .read && $0.new == .none && !$0.isDormant })

        let gained = Self.diff(interactive, integration)
        let back = try #require(gained.entry(.user, F.adele)?.lines.first { $0.field == .accessMode })
        #expect(back.risk == .escalation && back.reasons == [.licenceNoLongerNeeded])
        #expect(gained.impact(ofUser: F.adele)?.risk == .escalation && gained.hasEscalation)

        // Licensed and Read-Write <-> Non-interactive: nothing moves at run time.
        var licensed = F.environment()
        licensed.users[F.adele]?.accessMode = .nonInteractive
        let neutral = Self.diff(F.environment(), licensed)
        #expect(neutral.entry(.user, F.adele)?.lines.first { $0.field == .accessMode }?.risk == .neutral)
        #expect(neutral.impact(ofUser: F.adele) == nil)

        // A licence for a non-interactive user: neutral both ways.
        let licence = Self.diff(integration, licensed)
        #expect(licence.entry(.user, F.adele)?.lines.first { $0.field == .licensed }?.risk == .neutral)
        #expect(licence.impacts.isEmpty && !licence.hasEscalation)
        var readWrite = F.environment()
        readWrite.users[F.adele]?.isLicensed = false
        #expect(
            Self.diff(readWrite, F.environment()).entry(.user, F.adele)?.lines.first { $0.field == .licensed }?.risk == .escalation)
    }

    // MARK: Disabled business units

    static let north = "bu-sales-north", nora = "u-nora"

    /// The fixture with a unit below Sales (Sales North) and a Salesperson in it.
    static func withUnitBelowSales() -> Environment {
        var env = F.environment()
        env.businessUnits[north] = BusinessUnit(id: north, name: "Sales North", parentId: F.sales)
        env.users[nora] = User(
            id: nora, name: "Nora North", domainName: "nora@fabrikam.com", businessUnitId: north, roleIds: [F.salesperson])
        env.entraGroups[F.securityGroup]?.members[nora] = EntraGroupMember()
        return env
    }

    /// "All users and teams associated with the business unit or child business units won't be
    /// able to sign in" (Microsoft Learn, delete-business-unit): the unit's users and those of
    /// the units below it are dormant, named with the disabled unit; other units' users are not.
    @Test func aDisabledBusinessUnitMakesItsUsersAndThoseBelowItDormant() throws {
        var env = Self.withUnitBelowSales()
        #expect(Self.dormancy(env, F.adele).isEmpty && Self.dormancy(env, Self.nora).isEmpty)
        env.businessUnits[F.sales]?.isDisabled = true
        #expect(Self.dormancy(env, F.adele) == [.businessUnitDisabled("Sales")])
        // Sales North is enabled in the file, but Dataverse disables the units below a disabled one.
        #expect(Self.dormancy(env, Self.nora) == [.businessUnitDisabled("Sales")])
        #expect(Self.dormancy(env, F.bob).isEmpty && Self.dormancy(env, F.carol).isEmpty)
        let read = Self.read(env, F.adele)
        #expect(read.level == .none && read.grantedLevel == .businessUnit && !read.grants.isEmpty)
        let reason = Dormancy.businessUnitDisabled("Sales")
        #expect(!reason.isInferred && reason.rawValue == "businessUnitDisabled")
        #expect(reason.shortLabel == "business unit Sales disabled")
        #expect(reason.label.hasPrefix("business unit Sales is disabled"))
        #expect(Dormancy.words([.disabled, reason]) == "disabled [I], business unit Sales disabled")

        // Only the unit below disabled: its users, not the parent's.
        var below = Self.withUnitBelowSales()
        below.businessUnits[Self.north]?.isDisabled = true
        #expect(Self.dormancy(below, Self.nora) == [.businessUnitDisabled("Sales North")])
        #expect(Self.dormancy(below, F.adele).isEmpty)

        // Every answer: rows, who-can, columns; System Administrator too.
        env.users[F.carol]?.businessUnitId = Self.north
        #expect(Self.dormancy(env, F.carol) == [.businessUnitDisabled("Sales")])
        #expect(env.effectiveRows(of: env.users[F.carol]!).allSatisfy { $0.levels.isEmpty })
        let index = AccessIndex(environment: env)
        let who = index.whoCan(table: "account", operation: .read)
        #expect(Set(who.dormantUsers.map(\.userId)) == [F.adele, F.dan, Self.nora, F.carol])
        #expect(who.dormantUsers.allSatisfy { $0.dormancy == [.businessUnitDisabled("Sales")] })
        #expect(!who.users.contains { [F.adele, F.dan, Self.nora, F.carol].contains($0.userId) })
        let ssn = env.columnAccess(of: env.users[F.carol]!, column: F.ssn, kind: .read)
        #expect(ssn.grantedAllowed && !ssn.allowed && ssn.dormancy == [.businessUnitDisabled("Sales")])
        var withAccess: Set<String> = []
        index.forEachEffectiveMatrix { user, matrix in if matrix.contains(where: { !$0.isEmpty }) { withAccess.insert(user.id) } }
        #expect(withAccess == [F.bob, F.hana])
    }

    /// A team of a disabled unit does not sign in; its members from other units who can keep
    /// what its roles give them [I]. Bob (Service) reads contact through Sales Team (Sales).
    @Test func aTeamOfADisabledUnitKeepsGivingItsActiveMembersItsRoles() {
        var env = F.environment()
        env.businessUnits[F.sales]?.isDisabled = true
        #expect(Self.dormancy(env, F.bob).isEmpty)
        let contact = Self.read(env, F.bob, "contact")
        #expect(contact.level == .user)
        #expect(contact.grants.contains { $0.path == .team(teamId: F.salesTeam, roleId: F.serviceRep) })
        // The rule is dvsec's own, and said with the grant wherever it is shown (found by a docs
        // review: effective, who-can and report applied it without a word).
        let words = "team's BU \"Sales\" is disabled: members who sign in keep what it holds [I]"
        #expect(env.disabledTeamUnitWords(F.salesTeam) == words)
        let path = env.describe(GrantPath.team(teamId: F.salesTeam, roleId: F.serviceRep))
        #expect(path.hasSuffix(" [\(words)]"), "\(path)")
        #expect(env.describe(GrantPath.inherited(teamId: F.salesTeam, roleId: F.serviceRep)).hasSuffix(" [\(words)]"))
        let report = UserAccessReport(environment: env, userId: F.bob)
        #expect(report?.roles.first { $0.teamId == F.salesTeam }?.path.hasSuffix(" [\(words)]") == true)
        #expect(ReportTextRenderer().render(report!).contains(words))
        // An enabled unit's team: nothing said.
        #expect(F.environment().disabledTeamUnitWords(F.salesTeam) == nil)
        #expect(!F.environment().describe(GrantPath.team(teamId: F.salesTeam, roleId: F.serviceRep)).contains("[I]"))
    }

    /// A user who can't sign in is said so, with the unit; GL6a counts them out.
    @Test func checksSayAUserOfADisabledUnitCannotSignIn() throws {
        var env = F.environment()
        env.users["u-new"] = User(id: "u-new", name: "New Joiner", businessUnitId: F.sales)
        env.entraGroups[F.securityGroup]?.members["u-new"] = EntraGroupMember()
        env.businessUnits[F.sales]?.isDisabled = true
        let gl3 = GoLiveChecks.run(env).filter { $0.ruleId == "GL3" }
        #expect(gl3.map(\.severity) == [.info])
        #expect(gl3.first?.message.contains("they can't sign in (in disabled business unit Sales)") == true)
        env.users[F.hana]?.businessUnitId = F.sales
        let gl6a = GoLiveChecks.run(env).filter { $0.ruleId == "GL6a" }
        #expect(gl6a.first?.message.contains("no user who can sign in (disabled, in a disabled business unit,") == true)
    }

    /// Disabling a unit is a reduction for its users and those below it (their lines say so);
    /// enabling it an escalation. A unit enabled under a parent still disabled moves nobody.
    @Test func aBusinessUnitDisabledOrEnabledMovesItsUsersRuntimeAccess() throws {
        let active = Self.withUnitBelowSales()
        var disabled = active
        disabled.businessUnits[F.sales]?.isDisabled = true

        let off = Self.diff(active, disabled)
        let line = try #require(off.entry(.businessUnit, F.sales)?.lines.first { $0.field == .disabled })
        #expect(line.risk == .reduction)
        #expect(Set(off.impacts.map(\.userId)) == [F.adele, F.dan, Self.nora])
        for id in [F.adele, Self.nora] {
            let impact = try #require(off.impact(ofUser: id))
            #expect(impact.risk == .reduction && impact.newDormancy == [.businessUnitDisabled("Sales")] && impact.oldDormancy.isEmpty)
            #expect(impact.causes == ["business unit \"Sales\" disabled"])
            #expect(impact.tableChanges.contains { $0.table == "account" && $0.operation == .read && $0.new == .none && !$0.isDormant })
        }
        #expect(!off.hasEscalation)

        let on = Self.diff(disabled, active)
        let back = try #require(on.entry(.businessUnit, F.sales)?.lines.first { $0.field == .disabled })
        #expect(back.risk == .escalation && back.reasons == [.businessUnitEnabled])
        #expect(on.impact(ofUser: Self.nora)?.risk == .escalation && on.hasEscalation)
        #expect(on.impact(ofUser: F.adele)?.causes == ["business unit \"Sales\" enabled"])

        // Both disabled in the file; the one below enabled: still under a disabled unit.
        var both = disabled
        both.businessUnits[Self.north]?.isDisabled = true
        let child = Self.diff(both, disabled)
        #expect(child.entry(.businessUnit, Self.north)?.lines.first { $0.field == .disabled }?.risk == .neutral)
        #expect(child.impacts.isEmpty && !child.hasEscalation)
    }

    /// A unit moved under a disabled one takes its users out of sign-in with it; moved back out,
    /// they sign in again.
    @Test func aBusinessUnitMovedUnderADisabledOneMovesItsUsers() throws {
        var base = Self.withUnitBelowSales()
        base.businessUnits[F.service]?.isDisabled = true
        var target = base
        target.businessUnits[Self.north]?.parentId = F.service
        let under = Self.diff(base, target)
        let nora = try #require(under.impact(ofUser: Self.nora))
        #expect(nora.risk == .reduction && nora.newDormancy == [.businessUnitDisabled("Service")])
        #expect(under.impact(ofUser: F.adele) == nil)
        let out = Self.diff(target, base)
        #expect(out.impact(ofUser: Self.nora)?.risk == .escalation && out.hasEscalation)
    }

    // MARK: Access mode Administrative

    /// "Has access to the Settings and Administration features but has no access to any of the
    /// functionality", "doesn't have access to customer data" (Microsoft Learn, create-users): no
    /// table or secured-column access at run time, the grants shown as dormant; no licence
    /// needed; miscellaneous privileges left as granted. Read-Write and Support User: as before.
    @Test func accessModeAdministrativeReachesNoCustomerData() throws {
        var env = F.environment()
        env.fieldSecurityProfiles[F.hrProfile]?.userIds.insert(F.adele)
        env.roles[F.salesperson]?.miscPrivileges["prvExportToExcel"] = .organization
        #expect(Self.dormancy(env, F.adele).isEmpty)
        env.users[F.adele]?.accessMode = .administrative
        env.users[F.adele]?.isLicensed = false
        #expect(Self.dormancy(env, F.adele) == [.administrativeAccessMode])
        let reason = Dormancy.administrativeAccessMode
        #expect(!reason.isInferred && !reason.keepsUserFromSigningIn && reason.rawValue == "administrativeAccessMode")
        #expect(reason.label == "access mode Administrative: no access to customer data")
        #expect(env.users[F.adele]?.needsLicence == false)
        #expect(Dormancy.noLicenceNeeded(by: env.users[F.adele]!) == "unlicensed, but access mode Administrative needs no licence")

        let read = Self.read(env, F.adele)
        #expect(read.level == .none && read.grantedLevel == .businessUnit && !read.grants.isEmpty)
        #expect(!read.notes.contains { if case .accessModeReadAsReadWrite = $0 { true } else { false } })
        let ssn = env.columnAccess(of: env.users[F.adele]!, column: F.ssn, kind: .read)
        #expect(ssn.grantedAllowed && !ssn.allowed)
        let who = AccessIndex(environment: env).whoCan(table: "account", operation: .read)
        #expect(who.dormantUsers.contains { $0.userId == F.adele && $0.dormancy == [.administrativeAccessMode] })
        #expect(!who.users.contains { $0.userId == F.adele })
        // Miscellaneous privileges: granted and working, as before the mode had a rule.
        #expect(env.miscPrivileges(of: env.users[F.adele]!)["prvexporttoexcel"]?.level == .organization)
        #expect(Dormancy.forMiscellaneousPrivileges(Self.dormancy(env, F.adele)).isEmpty)
        #expect(Dormancy.forMiscellaneousPrivileges([.disabled, reason]) == [.disabled])

        // System Administrator too: no customer data.
        env.users[F.carol]?.accessMode = .administrative
        #expect(Self.dormancy(env, F.carol) == [.administrativeAccessMode])
        #expect(Self.read(env, F.carol).level == .none && Self.read(env, F.carol).grantedLevel == .organization)

        // Support User and Delegated Admin are still read as Read-Write [I].
        env.users[F.dan]?.accessMode = .supportUser
        #expect(Self.dormancy(env, F.dan).isEmpty)
        #expect(Self.read(env, F.dan).level == .businessUnit)
        #expect(Self.read(env, F.dan).notes.contains(.accessModeReadAsReadWrite(.supportUser)))
    }

    /// The checks that count who signs in count a user in access mode Administrative (GL2: forms
    /// of Settings); those about customer data (GL6a) do not.
    @Test func checksCountAnAdministrativeUserAsSigningInWithoutCustomerData() {
        var env = F.environment()
        env.roles["role-bare"] = SecurityRole(
            id: "role-bare", name: "Bare", businessUnitId: F.root, privileges: ["account": PrivilegeRow([.read: .user])])
        env.users[F.dan]?.roleIds = ["role-bare"]
        env.users[F.dan]?.accessMode = .administrative
        #expect(GoLiveChecks.run(env).filter { $0.ruleId == "GL2" }.map(\.severity) == [.warning])
        env.users[F.hana]?.accessMode = .administrative
        let gl6a = GoLiveChecks.run(env).filter { $0.ruleId == "GL6a" }
        #expect(gl6a.map(\.place.path) == ["table/contact/column/contoso_ssn"])
        #expect(gl6a.first?.message.contains("no user who can read customer data") == true)
    }

    /// Out of Administrative into a mode with customer data: an escalation; into it, a
    /// reduction. Miscellaneous privileges do not move.
    @Test func leavingAccessModeAdministrativeIsAnEscalation() throws {
        var administrative = F.environment()
        administrative.users[F.adele]?.accessMode = .administrative
        administrative.roles[F.salesperson]?.miscPrivileges["prvExportToExcel"] = .organization
        var readWrite = administrative
        readWrite.users[F.adele]?.accessMode = .readWrite

        let into = Self.diff(readWrite, administrative)
        #expect(into.entry(.user, F.adele)?.lines.first { $0.field == .accessMode }?.risk == .reduction)
        let lost = try #require(into.impact(ofUser: F.adele))
        #expect(lost.risk == .reduction && lost.newDormancy == [.administrativeAccessMode] && lost.miscChanges.isEmpty)
        #expect(lost.tableChanges.contains { $0.table == "account" && $0.operation == .read && $0.new == .none && !$0.isDormant })
        #expect(!into.hasEscalation)

        let out = Self.diff(administrative, readWrite)
        let line = try #require(out.entry(.user, F.adele)?.lines.first { $0.field == .accessMode })
        #expect(line.risk == .escalation && line.reasons == [.administrativeAccessModeLifted])
        #expect(out.impact(ofUser: F.adele)?.risk == .escalation && out.hasEscalation)

        // Into Read from Administrative: Read comes back, an escalation too.
        var read = administrative
        read.users[F.adele]?.accessMode = .read
        let toRead = try #require(Self.diff(administrative, read).entry(.user, F.adele)?.lines.first { $0.field == .accessMode })
        #expect(toRead.risk == .escalation && toRead.reasons == [.administrativeAccessModeLifted])
        #expect(Self.diff(read, administrative).entry(.user, F.adele)?.lines.first { $0.field == .accessMode }?.risk == .reduction)
    }

    /// The console asks before an edit makes someone an administrator who can sign in: a user in
    /// access mode Administrative can (they administer, without customer data), as before the
    /// mode had a rule; a user of a disabled business unit can't.
    @Test func anAdministratorRoleForAnAdministrativeUserIsStillAskedAbout() {
        var env = F.environment()
        env.users[F.adele]?.accessMode = .administrative
        env.users[F.dan]?.businessUnitId = F.service
        env.businessUnits[F.service]?.isDisabled = true
        let snapshot = Snapshot(tenant: "Fabrikam", environments: [env])
        let adele = snapshot.administratorGrants(of: .assignUserRole(environment: F.env, user: F.adele, role: F.sysAdmin))
        #expect(adele.map(\.kind) == [.systemAdministrator] && adele.first?.users.map(\.id) == [F.adele])
        #expect(snapshot.administratorGrants(of: .assignUserRole(environment: F.env, user: F.dan, role: F.sysAdmin)).isEmpty)
    }
}

extension RuntimeAccessRuleTests {
    /// A hand-written tree with a cycle ends the walk up to a disabling unit: nil when none of
    /// the cycle is disabled, the disabled one when one is.
    @Test func theWalkToADisablingUnitEndsOnACycle() {
        var env = F.environment()
        env.businessUnits[F.root]?.parentId = F.sales
        env.businessUnits[F.sales]?.parentId = F.root
        #expect(env.disablingBusinessUnit(of: F.sales) == nil)
        env.businessUnits[F.root]?.isDisabled = true
        #expect(env.disablingBusinessUnit(of: F.sales)?.id == F.root)
    }
}
