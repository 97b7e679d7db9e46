import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a console review: `m` did nothing in the effective-access view (no picker, no
/// message), while the README says `a x t b f d m` work from the browser or the effective view.
@Suite("Keys: the access mode from the effective view")
struct EffectiveAccessModeKeyTests {
    @Test func mOffersTheAccessModesOfTheUserShown() throws {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        reduce(&state, .commandEntered("user alex"))
        #expect(state.screen == .effectiveAccess)
        let action = try #require(KeyMap.action(for: .char("m"), in: state))
        #expect(action == .accessModeCycled)
        reduce(&state, action)
        #expect(state.picker?.title == "Access mode of Alex Wilber (now Read-Write)")
        // Choosing one changes the user's access mode, as from the browser.
        for ch in "read" { reduce(&state, .textTyped(ch)) }
        reduce(&state, .inputSubmitted)
        #expect(state.environment?.users[Fixture.alex]?.accessMode == .read)
        #expect(state.screen == .effectiveAccess)
    }
}
