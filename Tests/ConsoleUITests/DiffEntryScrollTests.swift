import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// The change screen's two panels: which key scrolls each, and where they stand after a resize.
@Suite("Diff change screen: scrolling its two panels")
struct DiffEntryScrollTests {
    /// Salesperson gains Delete at Business Unit, held by 20 more sellers, against the fixture
    /// with those sellers as baseline; the change opened.
    func openedChange(size: Size) -> AppState {
        var base = Fixture.snapshot
        for i in 0..<20 {
            let id = "u-seller-\(i)"
            base.environments[Fixture.prod]?.users[id] = User(
                id: id, name: "Seller \(i)", domainName: "seller\(i)@fabrikam.com", businessUnitId: Fixture.salesEU,
                roleIds: [Fixture.salesperson])
        }
        var target = base
        _ = try? target.apply(
            .setPrivilege(
                environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete, level: .businessUnit))
        var state = AppState(
            snapshot: target, document: Document(source: .file("/tmp/fabrikam.json")), environmentId: Fixture.prod, size: size)
        state.baseline = Baseline(label: "base.json", snapshot: base)
        reduce(&state, .screenRequested(.diff))
        reduce(&state, .selectionOpened)
        #expect(state.screen == .diffEntry)
        return state
    }

    /// The rows of a panel, found by its title, up to its bottom border.
    func panel(_ title: String, in state: AppState) -> [String] {
        let lines = screen(state).lines
        guard let start = lines.firstIndex(where: { $0.contains(title) }) else { return [] }
        return Array(lines[start...].prefix { !$0.hasPrefix("└") })
    }

    /// Both panels said "… more lines (J scrolls)", and J scrolls only the focused one: the other
    /// names Tab first.
    @Test func theHiddenLinesOfEachPanelNameTheKeyThatScrollsIt() {
        var state = openedChange(size: Size(width: 60, height: 16))
        #expect(panel("Users this change reaches", in: state).contains { $0.contains("more lines (J scrolls)") })
        reduce(&state, .paneCycled(forward: true))
        let users = panel("Users this change reaches", in: state)
        #expect(users.contains { $0.contains("more lines (Tab, then J scrolls)") }, "\(users)")
    }

    /// Scrolled to a user at 120 columns (panels side by side), then 80 (stacked, wrapped anew):
    /// the same line number fell in the middle of an entry; the panel now starts on that user.
    @Test func aResizeKeepsThePanelOnTheEntryItShowed() throws {
        var state = openedChange(size: Size(width: 120, height: 16))
        let wide = try #require(state.scrolledPanel())
        let start = try #require(wide.block.firstLine(ofEntry: 6))
        #expect(start <= wide.lastTop)
        state.detailScroll = start
        reduce(&state, .terminalResized(Size(width: 80, height: 16)))
        let narrow = try #require(state.scrolledPanel())
        let expected = try #require(narrow.block.firstLine(ofEntry: 6))
        #expect(expected != start, "the fixture must wrap differently at the two widths")
        #expect(state.detailScroll == min(expected, narrow.lastTop))
        #expect(narrow.block.lines[state.detailScroll].indent == 0)
    }

    /// A change reaching thousands of users listed the first 40 and could not be searched: `/` on
    /// its screen narrows its users by name or domain name (any case), the panel from its top,
    /// and Esc gives every user back.
    @Test func slashOnAChangeFindsTheUsersItReachesByName() {
        var state = openedChange(size: Size(width: 120, height: 30))
        let reached = state.diff?.openedImpacts.count ?? 0
        #expect(reached >= 20, "the 20 sellers and the fixture's own")
        state.detailScroll = 3
        reduce(&state, .filterStarted)
        reduce(&state, .textPasted("SELLER 1"))
        // Seller 1 and Seller 10 to 19, by name; "seller1" in a domain name matches no more.
        let names = state.diff?.shownImpacts.map(\.name).sorted() ?? []
        #expect(names == ["Seller 1"] + (10...19).map { "Seller \($0)" }.sorted(), "\(names)")
        #expect(state.detailScroll == 0)
        let users = panel("Users this change reaches", in: state)
        #expect(users.first?.contains("Users this change reaches (11 of \(reached) · /SELLER 1)") == true, "\(users)")
        #expect(!users.contains { $0.contains("Seller 2") })
        reduce(&state, .inputSubmitted)
        // A domain name finds a user too.
        reduce(&state, .filterStarted)
        reduce(&state, .textPasted("seller7@"))
        #expect(state.diff?.shownImpacts.map(\.name) == ["Seller 7"])
        reduce(&state, .textPasted("x"))
        #expect(
            panel("Users this change reaches", in: state).contains {
                $0.contains("No user of the \(reached) matches 'seller7@x' (Esc clears)")
            })
        reduce(&state, .inputCancelled)
        reduce(&state, .backRequested)
        #expect(state.screen == .diffEntry && state.diff?.usersFilter == "" && state.diff?.shownImpacts.count == reached)
    }
}
