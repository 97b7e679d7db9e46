import Testing

@testable import SecurityModel

/// An Entra group's own entry moves, for the members who joined or left, the lines through its
/// teams (found by reviews: it counted every line, a direct role's rise too, then every line
/// through any team); and every line when
/// the group is the environment's security group, whose members sign in.
@Suite("Diff: what an Entra group change moves")
struct EntraGroupAttributionTests {
    typealias O = TestOrganisation

    /// Ana holds a role directly; the group's team holds another.
    static func organisation(securityGroup: Bool) -> TestOrganisation {
        var org = TestOrganisation()
        org.add(O.role("direct", ["account": [.read: .user, .write: .user]]))
        org.add(O.role("grouprole", ["account": [.delete: .businessUnit]]))
        org.add(O.user("ana", roles: ["direct"]))
        org.add(O.user("bo", roles: ["direct"]))
        org.add(EntraGroup(id: "g", name: "Sales Group", members: ["bo": EntraGroupMember()]))
        org.add(
            Team(
                id: "t", name: "Sales (Entra)", businessUnitId: O.salesEU, type: .entraSecurityGroup, entraGroupId: "g",
                membershipType: .membersAndGuests, roleIds: ["grouprole"]))
        if securityGroup { org.environment.settings.securityGroupId = "g" }
        return org
    }

    static func diff(securityGroup: Bool) throws -> (DiffResult, UserImpact, DiffEntry) {
        let base = Self.organisation(securityGroup: securityGroup).environment
        var target = base
        target.entraGroups["g"]?.members["ana"] = EntraGroupMember()
        // Ana's direct role rises too, in the same release.
        target.roles["direct"]?.privileges["account"]?[.write] = .businessUnit
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let impact = try #require(r.impacts.first { $0.userId == "ana" })
        let group = try #require(r.entry(.entraGroup, "g"))
        return (r, impact, group)
    }

    @Test func aMemberJoiningMovesTheLinesThroughItsTeamOnly() throws {
        let (r, impact, group) = try Self.diff(securityGroup: false)
        // Write rises through the direct role; Delete through the group's team; Read at Basic
        // reaches the team's records (an owner line).
        #expect(Set(impact.tableChanges.map(\.operation)) == [.read, .write, .delete], "\(impact.tableChanges)")
        let own = r.lines(of: impact, through: group).impact
        #expect(own.tableChanges.map(\.operation) == [.read, .delete], "\(own.tableChanges)")
        let role = try #require(r.entry(.role, "direct"))
        #expect(r.lines(of: impact, through: role).impact.tableChanges.map(\.operation) == [.write])
        #expect(group.usersMoved == 1 && group.usersRaised == 1)
    }

    /// Found by a review: the group claimed the lines through any team its new member holds.
    @Test func aMemberJoiningDoesNotClaimTheLinesOfAnotherTeam() throws {
        var org = Self.organisation(securityGroup: false)
        org.add(O.role("ownerrole", ["account": [.share: .businessUnit]]))
        org.add(Team(id: "o", name: "Service", businessUnitId: O.salesEU, type: .owner, roleIds: ["ownerrole"]))
        let base = org.environment
        var target = base
        target.entraGroups["g"]?.members["ana"] = EntraGroupMember()
        // Ana also joins the owner team in the same release.
        target.teams["o"]?.memberIds.insert("ana")
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let impact = try #require(r.impacts.first { $0.userId == "ana" })
        let group = try #require(r.entry(.entraGroup, "g"))
        let team = try #require(r.entry(.team, "o"))
        #expect(impact.tableChanges.contains { $0.operation == .share })
        let throughGroup = r.lines(of: impact, through: group).impact.tableChanges
        #expect(throughGroup.contains { $0.table == "account" && $0.operation == .delete }, "\(throughGroup)")
        #expect(!throughGroup.contains { $0.operation == .share }, "\(throughGroup)")
        let throughTeam = r.lines(of: impact, through: team).impact.tableChanges
        #expect(throughTeam.contains { $0.operation == .share }, "\(throughTeam)")
        #expect(!throughTeam.contains { $0.table == "account" && $0.operation == .delete }, "\(throughTeam)")
    }

    @Test func theSecurityGroupsMemberJoiningMovesEveryLine() throws {
        let (r, impact, group) = try Self.diff(securityGroup: true)
        // Outside the security group Ana could not sign in: joining it gives her every line.
        #expect(impact.oldDormancy != impact.newDormancy)
        let own = r.lines(of: impact, through: group).impact
        #expect(own.tableChanges.count == impact.tableChanges.count && own.tableChanges.count >= 3, "\(own.tableChanges)")
    }
}

/// The environment's security group or admin mode, or a business unit disabled, moves every line
/// of the users it lets in or keeps out, and no other (found by a go-live review: a security
/// group set to a group every user was in, a reduction, was credited with moving and raising the
/// users a role change raised, and listed their lines as its own).
@Suite("Diff: what a sign-in change moves")
struct SignInAttributionTests {
    typealias O = TestOrganisation

    static func organisation() -> TestOrganisation {
        var org = TestOrganisation()
        org.add(O.role("direct", ["account": [.read: .user, .write: .user]]))
        org.add(O.user("ana", roles: ["direct"]))
        org.add(O.user("bo", roles: ["direct"]))
        return org
    }

    @Test func aSecurityGroupEveryoneIsInMovesNobodyAlongsideARoleChange() throws {
        let base = Self.organisation().environment
        var target = base
        target.entraGroups["g"] = EntraGroup(id: "g", name: "All Staff", members: ["ana": EntraGroupMember(), "bo": EntraGroupMember()])
        target.settings.securityGroupId = "g"
        target.roles["direct"]?.privileges["account"]?[.write] = .organization
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let env = try #require(r.entries.first { $0.kind == .environment })
        #expect(env.risk == .reduction)
        #expect(env.usersMoved == 0 && env.usersRaised == 0, "\(String(describing: env.usersMoved)) \(String(describing: env.usersRaised))")
        let role = try #require(r.entry(.role, "direct"))
        #expect(role.usersMoved == 2 && role.usersRaised == 2)
        let ana = try #require(r.impacts.first { $0.userId == "ana" })
        #expect(r.lines(of: ana, through: env).impact.tableChanges.isEmpty)
        #expect(r.impacts(reachedBy: env).moved.isEmpty)
    }

    /// A group Bo is not in keeps him out: every line of his moves with it (and is a reduction);
    /// Ana's rise stays the role's.
    @Test func aSecurityGroupMovesEveryLineOfWhomItKeepsOut() throws {
        let base = Self.organisation().environment
        var target = base
        target.entraGroups["g"] = EntraGroup(id: "g", name: "Some Staff", members: ["ana": EntraGroupMember()])
        target.settings.securityGroupId = "g"
        target.roles["direct"]?.privileges["account"]?[.write] = .organization
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let env = try #require(r.entries.first { $0.kind == .environment })
        #expect(env.usersMoved == 1 && env.usersRaised == 0)
        #expect(r.impacts(reachedBy: env).moved.map(\.userId) == ["bo"])
        let bo = try #require(r.impacts.first { $0.userId == "bo" })
        #expect(r.lines(of: bo, through: env).otherLines == 0 && !bo.tableChanges.isEmpty)
        let ana = try #require(r.impacts.first { $0.userId == "ana" })
        #expect(r.lines(of: ana, through: env).impact.tableChanges.isEmpty)
    }

    /// A business unit disabled moves every line of its users, and nobody else's.
    @Test func aBusinessUnitDisabledMovesItsUsersOnly() throws {
        var org = Self.organisation()
        org.environment.users["ana"]?.businessUnitId = O.root
        org.environment.users["bo"]?.businessUnitId = O.salesEU
        let base = org.environment
        var target = base
        target.businessUnits[O.salesEU]?.isDisabled = true
        target.roles["direct"]?.privileges["account"]?[.write] = .organization
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let unit = try #require(r.entry(.businessUnit, O.salesEU))
        #expect(r.impacts(reachedBy: unit).moved.map(\.userId) == ["bo"], "\(r.impacts(reachedBy: unit).moved.map(\.userId))")
        #expect(unit.usersRaised == 0)
    }
}
