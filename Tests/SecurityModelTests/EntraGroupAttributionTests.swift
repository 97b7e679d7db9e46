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
