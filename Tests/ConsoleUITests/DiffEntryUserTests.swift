import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Enter on a change's screen opens a user's effective access, as Enter does in who-can and the
/// findings, and Esc comes back to the change where it was (found by a console review: Enter,
/// `/lynne`, Enter did nothing).
@Suite("Diff change screen: Enter opens a user")
struct DiffEntryUserTests {
    /// Salesperson gains Delete at Business Unit, held by 20 more sellers; the change opened
    /// (the scroll tests' fixture).
    func openedChange(size: Size = Size(width: 120, height: 24)) -> AppState {
        DiffEntryScrollTests().openedChange(size: size)
    }

    @Test func enterOpensTheUserFoundWithSlash() throws {
        var state = openedChange()
        #expect(state.screen == .diffEntry)
        reduce(&state, .filterStarted)
        for ch in "seller 7" { reduce(&state, .textTyped(ch)) }
        reduce(&state, .inputSubmitted)
        #expect(state.diff?.shownImpacts.map(\.name) == ["Seller 7"])
        #expect(KeyMap.action(for: .enter, in: state) == .selectionOpened)
        reduce(&state, .selectionOpened)
        #expect(state.screens == [.browser, .diff, .diffEntry, .effectiveAccess])
        #expect(state.effective?.principal == .user("u-seller-7"))
        reduce(&state, .backRequested)
        #expect(state.screen == .diffEntry && state.diff?.usersFilter == "seller 7")
        #expect(state.diff?.shownImpacts.map(\.name) == ["Seller 7"])
    }

    /// Scrolled down the users, Enter opens the first whose name is in view, and Esc comes back
    /// with the panel where it was.
    @Test func enterOpensTheTopUserAndEscComesBackThere() throws {
        var state = openedChange()
        let first = try #require(state.diff?.shownImpacts.first)
        #expect(state.diffEntryTopUser()?.userId == first.userId)
        let panel = try #require(state.scrolledPanel())
        let third = try #require(panel.block.firstLine(ofEntry: 2))
        reduce(&state, .detailScrolled(third))
        #expect(state.detailScroll == third)
        let expected = try #require(state.diff?.shownImpacts[2])
        let text = screen(state).lines.joined(separator: "\n")
        #expect(text.contains("top user's access"), "\(text)")
        reduce(&state, .selectionOpened)
        #expect(state.effective?.principal == .user(expected.userId) && state.detailScroll == 0)
        reduce(&state, .backRequested)
        #expect(state.screen == .diffEntry && state.detailScroll == third)
    }
}
