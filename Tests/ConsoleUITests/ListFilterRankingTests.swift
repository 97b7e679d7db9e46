import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a console review: `4`, `/System Adm` Enter left the cursor on "Copy of System
/// Administrator" rather than System Administrator. Lists rank matches as the pickers do: the
/// name typed in full, then names starting with it, then a word starting with it, then the rest.
@Suite("Reducer: list filters put the best match first")
struct ListFilterRankingTests {
    static func filter(_ text: String, _ state: inout AppState) {
        reduce(&state, .filterStarted)
        for c in text { reduce(&state, .textTyped(c)) }
        reduce(&state, .inputSubmitted)
    }

    func name(_ state: AppState) -> String? { state.list(.roles).selectedId.flatMap { state.environment?.roles[$0]?.name } }

    @Test func aPrefixMatchComesBeforeASubstringMatch() {
        var state = MiscPrivilegeReducerTests.demoState(size: Size(width: 140, height: 40))
        reduce(&state, .paneChosen(.roles))
        Self.filter("System Adm", &state)
        #expect(name(state) == "System Administrator")
        let names = state.list(.roles).rows.compactMap { state.environment?.roles[$0]?.name }
        #expect(names == ["System Administrator", "Copy of System Administrator"])
    }

    /// A selection that still matches gives way to a better match: the copy, selected first,
    /// leaves for System Administrator once the filter names it better.
    @Test func aSelectionThatStillMatchesGivesWayToABetterMatch() throws {
        var state = MiscPrivilegeReducerTests.demoState(size: Size(width: 140, height: 40))
        reduce(&state, .paneChosen(.roles))
        let copy = try #require(state.list(.roles).rows.firstIndex { state.environment?.roles[$0]?.name == "Copy of System Administrator" })
        state.lists[.roles]?.cursor = copy
        Self.filter("System Administrator", &state)
        #expect(name(state) == "System Administrator")
        // One that matches as well stays: "Copy" names the copy best.
        Self.filter("Copy", &state)
        #expect(name(state) == "Copy of System Administrator")
    }

    @Test func theExactNameComesFirstAmongTables() {
        let entries = EnvironmentCatalog.Entries(
            ids: ["contoso_account", "account", "accountleads"], keys: ["contoso_account x", "account account", "accountleads y"])
        #expect(entries.matching("account") == ["account", "accountleads", "contoso_account"])
        #expect(entries.matching("") == ["contoso_account", "account", "accountleads"])
    }
}
