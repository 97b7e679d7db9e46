import SecurityModel
import Testing

@testable import ConsoleUI

/// Found by a review: `:new role` said when a name was taken, but a team or a business unit given
/// another's name was not (the diff matches them by name when ids differ).
@Suite("Reducer: a name another team or business unit has")
struct SharedNameTests {
    func rename(_ pane: Pane, _ id: String, to name: String) -> StatusMessage? {
        var state = Fixture.browserState()
        state.newIds = NewIDSource(seed: 7)
        reduce(&state, .paneChosen(pane))
        state.selectInBrowser(id)
        reduce(&state, .renameRequested)
        reduce(&state, .textCleared)
        for c in name { reduce(&state, .textTyped(c)) }
        reduce(&state, .inputSubmitted)
        return state.status
    }

    @Test func aTeamOrUnitRenamedToAnothersNameIsSaid() {
        // The Sales EU team and the Service unit are elsewhere in the tree than the names they take.
        let unit = rename(.businessUnits, Fixture.service, to: "europe")
        #expect(unit?.kind == .warning && unit?.text.contains("another business unit of this name is in this environment") == true)
        let team = rename(.teams, Fixture.dealRoom, to: "Fabrikam")
        #expect(team?.kind == .warning && team?.text.contains("another team of this name is in this environment") == true)
        let free = rename(.businessUnits, Fixture.service, to: "Service West")
        #expect(free?.kind == .success || free?.kind == .info, "\(String(describing: free))")
    }
}
