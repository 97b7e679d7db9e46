import Testing

@testable import SecurityModel

/// An escalation that raises no one's access now (a role assigned that the user already holds
/// through a team) keeps its risk, and says so: `usersRaised` 0, and a note in the text.
@Suite("Escalations that raise no one's access now")
struct EscalationRaisingNobodyTests {
    typealias O = TestOrganisation

    static func organisation() -> TestOrganisation {
        var org = TestOrganisation()
        org.add(O.role("seller", ["account": [.read: .businessUnit]]))
        org.add(O.role("manager", ["account": [.write: .user]]))
        org.add(O.user("ana"))
        org.add(O.user("bo", roles: ["manager"]))
        org.add(Team(id: "t", name: "Sellers", businessUnitId: O.salesEU, memberIds: ["ana"], roleIds: ["seller"]))
        return org
    }

    static func diff(_ base: Environment, _ target: Environment) -> DiffResult {
        SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
    }

    @Test func aRoleAlsoHeldThroughATeamRaisesNobodyAndTheTextSaysSo() throws {
        let base = Self.organisation().environment
        var target = base
        target.users["ana"]?.roleIds.insert("seller")
        // Bo's role gains Delete: an escalation that raises Bo's access.
        target.roles["manager"]?.privileges["account"]?[.delete] = .user
        let result = Self.diff(base, target)
        let ana = try #require(result.entries.first { $0.objectId == "ana" })
        #expect(ana.risk == .escalation && ana.usersRaised == 0)
        let manager = try #require(result.entries.first { $0.objectId == "manager" })
        #expect(manager.risk == .escalation && manager.usersRaised == 1)
        let text = DiffTextRenderer().render(SnapshotDiffResult(comparisons: [result], unmatchedEnvironments: []))
        #expect(text.contains("~ user \"Ana\" [ESCALATION]  (raises none of their access now)"), "\(text)")
        #expect(text.contains("~ role \"Manager\" [ESCALATION]  (reaches 1 user whose access changes)\n"), "\(text)")
        let json = DiffJSON.entry(ana)
        #expect("\(json)".contains("usersRaised"))
    }

    @Test func privilegesRaisedOnARoleWhoseHolderIsDisabledRaiseNobody() throws {
        var org = Self.organisation()
        org.environment.users["bo"]?.isDisabled = true
        let base = org.environment
        var target = base
        target.roles["manager"]?.privileges["account"]?[.delete] = .user
        let result = Self.diff(base, target)
        let manager = try #require(result.entries.first { $0.objectId == "manager" })
        #expect(manager.risk == .escalation)
        let text = DiffTextRenderer().render(SnapshotDiffResult(comparisons: [result], unmatchedEnvironments: []))
        // The disabled holder's line is dormant: the change reaches Bo and raises nothing now.
        #expect(manager.usersReached == 1 && manager.usersMoved == 1 && manager.usersRaised == 0)
        #expect(text.contains("~ role \"Manager\" [ESCALATION]  (reaches 1 user whose access changes; raises no one's access now)"))
        #expect(text.contains("~ account Delete: None -> User (dormant)"))
    }
}
