import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// `b` on a business unit: move it, with the units below it, under another, and see in the
/// pending list what the restructure does to Deep scopes.
@Suite struct BusinessUnitMoveReducerTests {
    @Test func bOnABusinessUnitMovesItUnderAnotherAndThePendingListSaysWhat() throws {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        // Diego (Service) holds Deep Read on account from a role of the root.
        _ = try state.snapshot.apply(
            .createRole(
                environment: Fixture.prod,
                role: SecurityRole(
                    id: "r-deep", name: "Deep Reader", businessUnitId: Fixture.root,
                    privileges: ["account": PrivilegeRow([.read: .parentChildBusinessUnits])])))
        _ = try state.snapshot.apply(.assignUserRole(environment: Fixture.prod, user: Fixture.megan, role: "r-deep"))
        state.pane = .businessUnits
        state.refreshBusinessUnitRows()
        state.selectInBrowser(Fixture.salesEU)
        reduce(&state, .businessUnitChangeRequested)
        let picker = try #require(state.picker)
        // Not under itself, nor where it is (Europe).
        #expect(Set(picker.items.map(\.id)) == [Fixture.root, Fixture.service])
        #expect(
            picker.title.hasPrefix(
                "Move Sales EU (and the units below it) under another: moving removes roles of units no longer above [I]"))
        for ch in "service" { reduce(&state, .textTyped(ch)) }
        reduce(&state, .inputSubmitted)
        #expect(state.snapshot.environments[Fixture.prod]?.businessUnits[Fixture.salesEU]?.parentId == Fixture.service)
        reduce(&state, .commandEntered("pending"))
        let text = screen(state).lines.joined(separator: "\n")
        // The list cuts the sentence; the panel beside it has it whole, wrapped.
        #expect(text.contains("│→   1 Business unit Sales EU: moved from under Fabrikam / Europe to under"), "\(text)")
        let panel = screen(state).lines.map { $0.split(separator: "│").last.map(String.init) ?? "" }
        #expect(
            panel.joined(separator: " ").replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
                .contains("Business unit Sales EU: moved from under Fabrikam / Europe to under Fabrikam / Service"), "\(text)")
        // Megan (Service, access mode Read) now reaches Sales EU's accounts through her Deep grant.
        #expect(text.contains("Megan Bowen"))
        #expect(
            text.contains("Parent: Child Business Units in Fabrikam / Service")
                && text.contains("(with Fabrikam / Service / Sales EU) (via role \"Deep Reader\")"), "\(text)")
        // The root has no parent to change.
        state = Fixture.browserState()
        state.pane = .businessUnits
        state.refreshBusinessUnitRows()
        state.selectInBrowser(Fixture.root)
        reduce(&state, .businessUnitChangeRequested)
        #expect(state.picker == nil && state.status?.text.contains("root business unit") == true)
    }
    /// Moved under a folded unit, the unit vanished from the rows and the cursor stayed on the
    /// row index, on another unit, which the next R renamed.
    @Test func theCursorFollowsAUnitMovedUnderAFoldedOne() {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        state.pane = .businessUnits
        _ = state.applyEdit(
            .createBusinessUnit(
                environment: Fixture.prod, businessUnit: BusinessUnit(id: "bu-inside", name: "Inside", parentId: Fixture.salesEU)))
        state.collapsedBusinessUnits = [Fixture.salesEU]
        state.refreshBusinessUnitRows()
        state.selectInBrowser(Fixture.service)
        reduce(&state, .businessUnitChangeRequested)
        for ch in "sales eu" { reduce(&state, .textTyped(ch)) }
        reduce(&state, .inputSubmitted)
        #expect(state.snapshot.environments[Fixture.prod]?.businessUnits[Fixture.service]?.parentId == Fixture.salesEU)
        #expect(state.selectedId == Fixture.service && !state.collapsedBusinessUnits.contains(Fixture.salesEU))
    }
}
