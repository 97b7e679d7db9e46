import Testing
@testable import SecurityModel

@Suite struct DiffSmokeTests {
    @Test func printsAPlan() throws {
        let r = try DiffFixtures.diff([
            .setPrivilege(environment: DiffFixtures.env, role: DiffFixtures.salesperson, table: "account", operation: .delete, level: .organization),
            .addTeamMember(environment: DiffFixtures.env, team: DiffFixtures.salesTeam, user: DiffFixtures.adele),
            .renameTeam(environment: DiffFixtures.env, team: DiffFixtures.salesTeam, name: "Sales Crew"),
        ], options: DiffOptions())
        print(DiffTextRenderer().render(r))
        #expect(!r.isIdentical)
    }
}

@Suite struct ChecksSmokeTests {
    @Test func printsFindings() {
        let env = DiffFixtures.environment()
        let out = SuppressionOutcome(findings: GoLiveChecks.run(env), suppressions: [])
        print(FindingTextRenderer().render(out, environments: [env]))
        let demo = DemoOrganisation.snapshot
        let d = SuppressionOutcome(findings: GoLiveChecks.run(demo), suppressions: [])
        print(FindingTextRenderer().render(d, environments: demo.sortedEnvironments))
    }
}
