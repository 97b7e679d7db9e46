import Testing

@testable import SecurityModel

@Suite struct DiffImpactTableTests {
    typealias F = DiffFixtures

    @Test func tableOwnershipChangeRecomputesItsHolders() throws {
        var target = F.environment()
        target.tables["account"]?.ownership = .organization
        target.roles[F.salesperson]?.privileges["account"] = PrivilegeRow([
            .create: .user, .read: .businessUnit, .write: .user, .append: .user,
        ])
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        #expect(r.entry(.table, "account")?.lines.map(\.field) == [.ownership])
        // On an organization-owned table any level counts as Organization [I].
        let adele = try #require(r.impact(ofUser: F.adele))
        #expect(
            adele.tableChanges.contains {
                $0.table == "account" && $0.operation == .read && $0.old == .businessUnit && $0.new == .organization
            })
        #expect(Set(r.impacts.map(\.userId)) == [F.adele, F.dan, F.carol])
        // Organization-owned tables have no Assign or Share, not even for System Administrators.
        #expect(r.impact(ofUser: F.carol)?.tableChanges.map(\.operation) == [.assign, .share])
        #expect(r.impact(ofUser: F.carol)?.risk == .reduction)
    }

    /// Drilling into one change shows the lines that change moves: Salesperson gaining Delete on
    /// account explains Adele's and Dan's Delete, but not Dan's System Administrator lines granted
    /// in the same release, even where Salesperson decided his old level.
    @Test func aChangeExplainsOnlyTheLinesItMoves() throws {
        let r = try F.diff([
            .setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: .delete, level: .businessUnit),
            .assignUserRole(environment: F.env, user: F.dan, role: F.sysAdmin),
        ])
        let role = try #require(r.entries.first { $0.kind == .role && $0.objectId == F.salesperson })
        let danEntry = try #require(r.entries.first { $0.kind == .user && $0.objectId == F.dan })
        let adele = try #require(r.impact(ofUser: F.adele))
        let (own, others) = adele.lines(through: role)
        #expect(own.tableChanges.map { "\($0.table) \($0.operation.label)" } == ["account Delete"] && others == 0)
        let dan = try #require(r.impact(ofUser: F.dan))
        #expect(dan.causeEntries.contains(role.id))
        // Dan's account Delete is decided by System Administrator now, and his account Read was
        // decided by Salesperson before: neither is this change's doing.
        #expect(dan.tableChanges.contains { $0.table == "account" && $0.operation == .read && $0.oldPath?.roleId == F.salesperson })
        let (danOwn, danOthers) = dan.lines(through: role)
        #expect(danOwn.tableChanges.isEmpty && danOwn.columnChanges.isEmpty && danOwn.miscChanges.isEmpty)
        #expect(danOthers == dan.tableChanges.count + dan.columnChanges.count + dan.miscChanges.count)
        // Through his own entry (System Administrator assigned) every line is his.
        #expect(dan.lines(through: danEntry) == (dan, 0))
        // So the role change reaches Dan but moves only the others' access: counted apart, and
        // the drill-down lists him last.
        let (moved, alongside) = r.impacts(reachedBy: role)
        #expect(moved.contains { $0.userId == F.adele } && alongside.map(\.userId) == [F.dan])
        #expect(role.usersMoved == moved.count && role.usersReached == moved.count + 1)
        #expect(
            DiffEntry.reachWords(reached: role.usersReached ?? 0, moved: role.usersMoved ?? 0)
                == "moves the access of \(counted(moved.count, "user")); reaches 1 more alongside other changes")
        // Every entry's count agrees with the lines the drill-down shows for each user.
        for entry in r.entries {
            let reached = r.impacts.filter { $0.causeEntries.contains(entry.id) }
            let withLines = reached.filter {
                let own = $0.lines(through: entry).impact
                return !(own.tableChanges.isEmpty && own.columnChanges.isEmpty && own.miscChanges.isEmpty)
            }
            #expect(entry.usersReached == reached.count && entry.usersMoved == withLines.count, "\(entry.id)")
        }
    }

    /// A user's direct role removed while the role is still held through a team moves none of
    /// their lines: the team's grant decides them. The rise from the role's own change is the
    /// role's (found by a console review: Alex Wilber's entry listed "account Delete: User ->
    /// Organization (via team -> role Salesperson)" as its own and counted him).
    @Test func aDirectRoleRemovedButHeldThroughATeamMovesNoLine() throws {
        var base = F.environment()
        base.teams[F.salesTeam]?.memberIds.insert(F.adele)
        base.teams[F.salesTeam]?.roleIds.insert(F.salesperson)
        var target = base
        target.roles[F.salesperson]?.privileges["account"]?[.delete] = .organization
        target.users[F.adele]?.roleIds.remove(F.salesperson)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let own = try #require(r.entries.first { $0.kind == .user && $0.objectId == F.adele })
        let role = try #require(r.entries.first { $0.kind == .role && $0.objectId == F.salesperson })
        let adele = try #require(r.impact(ofUser: F.adele))
        #expect(adele.causeEntries.contains(own.id) && adele.causeEntries.contains(role.id))
        #expect(
            adele.tableChanges.map { "\($0.table) \($0.operation.label) \($0.newPath?.kind.rawValue ?? "-")" } == ["account Delete team"])
        let (mine, others) = adele.lines(through: own)
        #expect(mine.tableChanges.isEmpty && mine.columnChanges.isEmpty && mine.miscChanges.isEmpty && others == 1)
        #expect(r.lines(of: adele, through: own).impact.tableChanges.isEmpty)
        #expect(own.usersReached == 1 && own.usersMoved == 0)
        let (moved, alongside) = r.impacts(reachedBy: own)
        #expect(moved.isEmpty && alongside.map(\.userId) == [F.adele])
        #expect(r.impacts(reachedBy: role).moved.contains { $0.userId == F.adele })
    }

    /// A direct role removed that decided a level moves the lines it decided: the user's own entry
    /// explains their falls, and a change to the role's other cells does not.
    @Test func aDirectRoleRemovedMovesTheLinesItDecided() throws {
        let r = try F.diff([
            .removeUserRole(environment: F.env, user: F.dan, role: F.salesperson),
            .setPrivilege(environment: F.env, role: F.salesperson, table: "opportunity", operation: .read, level: .user),
        ])
        let own = try #require(r.entries.first { $0.kind == .user && $0.objectId == F.dan })
        let dan = try #require(r.impact(ofUser: F.dan))
        #expect(!dan.tableChanges.isEmpty && dan.tableChanges.allSatisfy { $0.new < $0.old })
        #expect(dan.lines(through: own) == (dan, 0))
        #expect(own.usersReached == 1 && own.usersMoved == 1)
    }

    /// A profile's change moves the column lines it allows, not the table lines a team change
    /// gave the same user in the same release.
    @Test func aProfileChangeMovesOnlyItsColumnLines() throws {
        let r = try F.diff([
            .addProfileUser(environment: F.env, profile: F.hrProfile, user: F.bob),
            .assignTeamRole(environment: F.env, team: F.salesTeam, role: F.salesperson),
        ])
        let profile = try #require(r.entries.first { $0.kind == .fieldSecurityProfile })
        let team = try #require(r.entries.first { $0.kind == .team })
        let bob = try #require(r.impact(ofUser: F.bob))
        #expect(!bob.tableChanges.isEmpty && bob.columnChanges.map(\.column) == [F.ssn])
        let (mine, others) = bob.lines(through: profile)
        #expect(mine.tableChanges.isEmpty && mine.miscChanges.isEmpty && mine.columnChanges == bob.columnChanges)
        #expect(others == bob.tableChanges.count)
        #expect(bob.columnChanges.allSatisfy { $0.newProfileIds == [F.hrProfile] && $0.oldProfileIds.isEmpty })
        #expect(profile.usersMoved == 1 && team.usersMoved == 1)
    }

    /// A team that gains a role moves the lines that role decides through the team; a member who
    /// joins the team has every line through it moved.
    @Test func aTeamChangeExplainsTheLinesThroughTheTeam() throws {
        let r = try F.diff([
            .assignTeamRole(environment: F.env, team: F.salesTeam, role: F.salesperson),
            .addTeamMember(environment: F.env, team: F.salesTeam, user: F.hana),
        ])
        let team = try #require(r.entries.first { $0.kind == .team && $0.objectId == F.salesTeam })
        let bob = try #require(r.impact(ofUser: F.bob))
        let (own, others) = bob.lines(through: team)
        #expect(!own.tableChanges.isEmpty && others == 0)
        #expect(own.tableChanges.allSatisfy { $0.newPath?.teamId == F.salesTeam && $0.newPath?.roleId == F.salesperson })
        let hana = try #require(r.impact(ofUser: F.hana))
        #expect(hana.lines(through: team).otherLines == 0)
        #expect(
            hana.lines(through: team).impact.tableChanges.contains {
                $0.newPath?.roleId == F.serviceRep || $0.newPath?.roleId == F.salesperson
            })
    }

    /// In admin mode only System Administrators and System Customizers sign in: a team gaining
    /// System Customizer wakes its members up, whatever System Customizer's own privileges.
    @Test func systemCustomizerThroughATeamInAdminModeWakesItsMembers() throws {
        var base = F.environment()
        base.settings.type = .sandbox
        base.settings.adminMode = true
        base.roles[F.customizer]?.privileges = [:]
        var target = base
        target.teams[F.salesTeam]?.roleIds.insert(F.customizer)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let bob = try #require(r.impact(ofUser: F.bob))
        #expect(bob.oldDormancy == [.adminMode] && bob.newDormancy.isEmpty)
        #expect(bob.tableChanges.contains { $0.table == "contact" && $0.new > $0.old })
    }

    /// A business unit's name is no scope: the same unit under another name (another
    /// environment's root, a renamed unit) moves no Local/Deep grant.
    @Test func aRenamedBusinessUnitMovesNoScope() throws {
        var base = F.environment()
        base.teams[F.salesTeam]?.memberIds.insert(F.adele)  // Adele: Local on account through her direct role
        var target = base
        target.businessUnits[F.root]?.name = "Fabrikam Sandbox"
        target.teams[F.salesTeam]?.businessUnitId = F.service  // makes her scopes compared
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let moved = r.impact(ofUser: F.adele)?.tableChanges.filter(\.isScopeChange) ?? []
        #expect(moved.isEmpty, "\(moved.map { "\($0.table) \($0.operation): \($0.oldScope) -> \($0.newScope)" })")
    }

    /// A rename alone reaches nobody and recomputes nobody.
    @Test func aRoleRenameAloneTouchesNobody() throws {
        let r = try F.diff([.renameRole(environment: F.env, role: F.basicUser, name: "Basic")])
        let entry = try #require(r.entries.first { $0.kind == .role })
        #expect(entry.action == .renamed && r.impacts.isEmpty && entry.usersReached == 0)
    }

    /// Joining a team that holds a role the user already has at Business Unit level: the level is
    /// the same, but it now also reaches the team's business unit, a scope change (escalation).
    @Test func joiningATeamWithARoleAlreadyHeldWidensItsScope() throws {
        var base = F.environment()
        base.teams["team-service"] = Team(id: "team-service", name: "Service Crew", businessUnitId: F.service, roleIds: [F.salesperson])
        var target = base
        target.teams["team-service"]?.memberIds.insert(F.adele)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let adele = try #require(r.impact(ofUser: F.adele))
        let read = try #require(adele.tableChanges.first { $0.table == "account" && $0.operation == .read })
        #expect(read.isScopeChange && read.risk == .escalation)
        #expect(read.oldScope == ["Fabrikam / Sales"] && read.newScope == ["Fabrikam / Sales", "Fabrikam / Service"])
    }
}
