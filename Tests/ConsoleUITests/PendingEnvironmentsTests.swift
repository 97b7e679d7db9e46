import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a review: with edits in production and in a sandbox, the pending list named no
/// environment, its impact added both up, and `u` in the sandbox undid a production edit without
/// saying where.
@Suite struct PendingEnvironmentsTests {
    @Test func editsInSeveralEnvironmentsNameTheirEnvironment() throws {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        _ = state.applyEdit(.assignUserRole(environment: Fixture.prod, user: Fixture.megan, role: Fixture.salesperson))
        reduce(&state, .commandEntered("env sandbox"))
        _ = state.applyEdit(.setUserDisabled(environment: Fixture.sandbox, user: Fixture.adele, disabled: true))
        reduce(&state, .commandEntered("pending"))
        let lines = screen(state).lines
        #expect(lines.contains { $0.contains("Pending changes (2 unsaved in 2 environments)") })
        #expect(lines.contains { $0.contains("PROD Fabrikam Production") && $0.contains("Megan") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Fabrikam Sandbox") && $0.contains("Adele Vance: disabled") })
        // The impact, one block per environment.
        #expect(lines.contains { $0.contains("PROD Fabrikam Production") && !$0.contains("Megan") })
        reduce(&state, .undoRequested)
        #expect(state.status?.text == "Undone: Adele Vance: disabled")
        reduce(&state, .undoRequested)
        #expect(state.status?.text.hasSuffix("(in Fabrikam Production, PROD)") == true, "\(state.status?.text ?? "")")
    }
}
