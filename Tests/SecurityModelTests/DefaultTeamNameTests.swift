import Testing

@testable import SecurityModel

/// A business unit's default team carries the unit's name (DATAVERSE.md §1.1: system-managed;
/// that it follows a rename is [I]).
@Suite struct DefaultTeamNameTests {
    func snapshot() -> Snapshot {
        var org = TestOrganisation()
        org.add(Team(id: "t-default-eu", name: "Europe", businessUnitId: TestOrganisation.europe, isDefault: true))
        org.add(Team(id: "t-sales", name: "Europe Sales", businessUnitId: TestOrganisation.europe))
        return Snapshot(tenant: "T", environments: [org.environment])
    }

    @Test func renamingABusinessUnitRenamesItsDefaultTeamAndUndoTakesBoth() throws {
        var s = snapshot()
        let e = TestOrganisation.env
        let inverse = try s.apply(.renameBusinessUnit(environment: e, businessUnit: TestOrganisation.europe, name: "EMEA"))
        #expect(s.environments[e]?.teams["t-default-eu"]?.name == "EMEA")
        #expect(s.environments[e]?.teams["t-sales"]?.name == "Europe Sales")
        try s.apply(inverse)
        #expect(s == snapshot())
    }

    @Test func aDefaultTeamCannotBeRenamedOnItsOwn() throws {
        var s = snapshot()
        let error = try #require(throws: ChangeError.self) {
            try s.apply(.renameTeam(environment: TestOrganisation.env, team: "t-default-eu", name: "Europe Renamed"))
        }
        #expect(error.message.contains("default team of business unit Europe") && error.message.contains("[I]"))
        #expect(s == snapshot())
    }
}
