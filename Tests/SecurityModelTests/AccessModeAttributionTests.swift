import Testing

@testable import SecurityModel

/// A user's access mode moved to Read moves only the lines of other operations than Read, falling;
/// a rise their new team gives them is the team's (found by a console review: the access mode
/// change was shown moving, and raising, the Read its user gained through a team).
@Suite("Diff: what an access mode change moves")
struct AccessModeAttributionTests {
    typealias O = TestOrganisation

    /// Ana holds a role with Local Read and Write; another role reads at Organization.
    static func organisation() -> TestOrganisation {
        var org = TestOrganisation()
        org.add(O.role("rw", ["account": [.read: .businessUnit, .write: .businessUnit]]))
        org.add(O.role("orgread", ["account": [.read: .organization]]))
        org.add(O.user("ana", roles: ["rw"]))
        return org
    }

    @Test func toReadMovesTheFallingWritesNotATeamsRise() throws {
        var org = Self.organisation()
        org.add(Team(id: "t", name: "Readers", businessUnitId: O.salesEU, roleIds: ["orgread"]))
        let base = org.environment
        var target = base
        target.users["ana"]?.accessMode = .read
        target.teams["t"]?.memberIds.insert("ana")
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let impact = try #require(r.impacts.first { $0.userId == "ana" })
        #expect(Set(impact.tableChanges.map { "\($0.operation)" }) == ["read", "write"])
        let user = try #require(r.entry(.user, "ana"))
        let (own, _) = r.lines(of: impact, through: user)
        #expect(own.tableChanges.map(\.operation) == [.write], "\(own.tableChanges)")
        #expect(own.tableChanges.first?.new == AccessLevel.none)
        // Counted as moving Ana, not as raising her access: the rise is the team's.
        #expect(user.usersMoved == 1 && user.usersRaised == 0)
        let team = try #require(r.entry(.team, "t"))
        let (teams, _) = r.lines(of: impact, through: team)
        #expect(teams.tableChanges.map(\.operation) == [.read])
        #expect(team.usersRaised == 1)
    }

    @Test func betweenTwoModesThatWriteNoTableLineMoves() throws {
        let base = Self.organisation().environment
        var target = base
        target.users["ana"]?.accessMode = .nonInteractive
        target.users["ana"]?.roleIds.insert("orgread")
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let impact = try #require(r.impacts.first { $0.userId == "ana" })
        let user = try #require(r.entry(.user, "ana"))
        // The role assigned moves the Read rise; the mode moves nothing.
        #expect(r.lines(of: impact, through: user).impact.tableChanges.map(\.operation) == [.read])
        // To Administrative reaches no customer data: every line, as before.
        var admin = base
        admin.users["ana"]?.accessMode = .administrative
        let a = SnapshotDiff.compare(base: base, target: admin, options: DiffOptions(runChecks: false))
        let adminImpact = try #require(a.impacts.first { $0.userId == "ana" })
        let adminEntry = try #require(a.entry(.user, "ana"))
        #expect(a.lines(of: adminImpact, through: adminEntry).impact.tableChanges.count == adminImpact.tableChanges.count)
    }
}
