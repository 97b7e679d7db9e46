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
}
