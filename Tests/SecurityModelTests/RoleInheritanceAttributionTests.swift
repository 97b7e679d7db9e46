import Testing

@testable import SecurityModel

/// Member privilege inheritance turned on moves the lines the role decides through its inherited
/// Basic, and the records a same-level line reaches; not the rise a member gets from joining a
/// team that holds the role in the same release (found by a review: the role claimed every line
/// through it).
@Suite("Diff: what a role's member privilege inheritance moves")
struct RoleInheritanceAttributionTests {
    typealias O = TestOrganisation

    static func diff() throws -> (DiffResult, ana: UserImpact, bo: UserImpact) {
        var org = TestOrganisation()
        org.add(O.role("teamrole", inherits: false, ["account": [.read: .businessUnit, .create: .user]]))
        org.add(O.user("ana"))
        org.add(O.user("bo"))
        org.add(Team(id: "t", name: "Sales", businessUnitId: O.salesEU, type: .owner, memberIds: ["bo"], roleIds: ["teamrole"]))
        let base = org.environment
        var target = base
        target.roles["teamrole"]?.inheritsMemberPrivileges = true
        target.teams["t"]?.memberIds.insert("ana")
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let ana = try #require(r.impacts.first { $0.userId == "ana" })
        let bo = try #require(r.impacts.first { $0.userId == "bo" })
        return (r, ana, bo)
    }

    @Test func joiningTheTeamIsTheTeamsRiseNotTheRoles() throws {
        let (r, ana, _) = try Self.diff()
        let role = try #require(r.entry(.role, "teamrole"))
        let team = try #require(r.entry(.team, "t"))
        #expect(ana.tableChanges.contains { $0.operation == .read && $0.new == .businessUnit }, "\(ana.tableChanges)")
        let throughRole = r.lines(of: ana, through: role).impact.tableChanges
        #expect(!throughRole.contains { $0.operation == .read }, "\(throughRole)")
        let throughTeam = r.lines(of: ana, through: team).impact.tableChanges
        #expect(throughTeam.contains { $0.operation == .read && $0.new == .businessUnit }, "\(throughTeam)")
    }

    @Test func aMemberOnBothSidesIsMovedByTheRole() throws {
        let (r, _, bo) = try Self.diff()
        let role = try #require(r.entry(.role, "teamrole"))
        // Basic Create now acts as Bo too: the records reached move, at the same level.
        let throughRole = r.lines(of: bo, through: role).impact.tableChanges
        #expect(throughRole.contains { $0.operation == .create }, "\(bo.tableChanges)")
        #expect(r.impacts(reachedBy: role).moved.map(\.userId).contains("bo"))
    }
}
