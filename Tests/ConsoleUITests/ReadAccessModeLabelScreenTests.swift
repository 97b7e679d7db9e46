import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Access mode Read keeps only the Read privilege, an inferred rule (DATAVERSE.md §2 rule 4
/// [I]). The comparison (`v`, `:compare`) and the diff (`B`) apply it and now say so with [I], in
/// the domain's words (found by a docs review: "User (direct role Salesperson) | None" under
/// "Levels are what each user's grants give", and "account Create: User → None", unlabelled).
@Suite struct ReadAccessModeLabelScreenTests {
    @Test func theComparisonScreenLabelsTheSideAccessModeReadSets() {
        var s = Fixture.browserState(size: Size(width: 200, height: 50))
        s.snapshot.environments[Fixture.prod]?.users[Fixture.diego]?.accessMode = .read
        s.snapshot.environments[Fixture.prod]?.users[Fixture.diego]?.roleIds.insert(Fixture.salesperson)
        let env = s.snapshot.environments[Fixture.prod]!
        s.comparison = UserAccessComparison(environment: env, left: Fixture.alex, right: Fixture.diego).map(Comparison.users)
        s.screens.append(.comparison)
        let text = screen(s).lines.joined(separator: "\n")
        #expect(
            text.contains(
                "Levels are what each user's grants give, dormancy aside; access mode Read (Diego Siciliani) keeps only the Read"
                    + " privilege [I]: other operations are None whatever the roles grant."), "\(text)")
        #expect(
            text.contains("< account Create, Write, Delete: User (direct role \"Salesperson\")  |  None (access mode Read [I])"), "\(text)")
    }

    @Test func theDiffScreenLabelsTheModeAndTheLinesItMoves() {
        var state = AppState(
            snapshot: Fixture.snapshot, document: Document(source: .file("/tmp/fabrikam.json")), environmentId: Fixture.prod,
            size: Size(width: 200, height: 50))
        state.snapshot.environments[Fixture.prod]?.users[Fixture.alex]?.accessMode = .read
        state.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        reduce(&state, .screenRequested(.diff))
        reduce(&state, .selectionOpened)
        let text = screen(state).lines.joined(separator: "\n")
        #expect(text.contains("~ access mode: Read-Write → Read"), "\(text)")
        #expect(text.contains("access mode Read: only the Read privilege applies [I]"), "\(text)")
        #expect(text.contains("account Create: User → None (access mode Read [I]) (via role \"Salesperson\")"), "\(text)")
    }

    @Test func theDiffScreenMarksATeamHeldMiscellaneousPrivilege() {
        var state = AppState(
            snapshot: Fixture.snapshot, document: Document(source: .file("/tmp/fabrikam.json")), environmentId: Fixture.prod,
            size: Size(width: 200, height: 50))
        state.snapshot.environments[Fixture.prod]?.roles[Fixture.seller]?.miscPrivileges["prvMailMerge"] = .organization
        state.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        reduce(&state, .screenRequested(.diff))
        reduce(&state, .selectionOpened)
        let text = screen(state).lines.joined(separator: "\n")
        #expect(text.contains("misc prvMailMerge: None → Organization (via team \"Sales EU\" → role \"Seller\" [I])"), "\(text)")
    }
}
