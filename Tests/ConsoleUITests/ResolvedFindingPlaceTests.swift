import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Enter on a finding resolved since the baseline. Found by a console review: it did nothing and
/// said nothing while the key hint said "Enter go to it".
@Suite("Findings: Enter on a resolved finding")
struct ResolvedFindingPlaceTests {
    /// Findings against a baseline in which Diego had no role, direct or through a team (GL3, resolved now) and a role
    /// "Omega" nobody held (resolved with the role, which is gone), on the last resolved row whose
    /// place `matching` says.
    private func findingsOnResolved(_ matching: (Finding) -> Bool) throws -> AppState {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        var base = Fixture.snapshot
        base.environments[Fixture.prod]?.users[Fixture.diego]?.roleIds = []
        base.environments[Fixture.prod]?.teams[Fixture.salesTeam]?.memberIds = [Fixture.alex]
        base.environments[Fixture.prod]?.roles["role-old"] = SecurityRole(id: "role-old", name: "Omega", businessUnitId: Fixture.root)
        state.baseline = Baseline(label: "base.json", snapshot: base)
        reduce(&state, .screenRequested(.findings))
        let view = try #require(state.findings)
        let row = try #require(view.list.rows.lastIndex { view.resolved($0).map(matching) == true }, "\(view.resolvedAgainstBaseline)")
        let height = state.visibleRows(on: .findings)
        state.findings?.list.moveTo(row, height: height)
        return state
    }

    @Test func aResolvedFindingGoesToItsPlaceAsItIsNow() throws {
        var state = try findingsOnResolved { $0.place.target == .user(Fixture.diego) }
        #expect(screen(state).lines.contains { $0.contains("Enter go to it") }, "\(screen(state).lines.joined(separator: "\n"))")
        reduce(&state, .selectionOpened)
        #expect(state.screen == .effectiveAccess)
        #expect(state.effective?.principal == .user(Fixture.diego))
        reduce(&state, .backRequested)
        #expect(state.screen == .findings)
    }

    @Test func aResolvedFindingWhosePlaceIsGoneSaysWhy() throws {
        var state = try findingsOnResolved { $0.place.target == .role("role-old") }
        let lines = screen(state).lines
        #expect(!lines.contains { $0.contains("go to it") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("/ filter") || $0.contains("filter") })
        reduce(&state, .selectionOpened)
        #expect(state.screen == .findings)
        #expect(state.status?.kind == .warning)
        let text = try #require(state.status?.text)
        #expect(text.contains("is no longer in Fabrikam Production") && text.contains("resolved with it"), "\(text)")
    }
}
