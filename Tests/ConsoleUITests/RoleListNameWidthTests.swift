import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// The roles list gives its names the room first, and drops its other columns when they would
/// cut a name (found by a console review at 120 columns: after `C` on System Administrator, two
/// rows read `Copy of System Admi…`).
@Suite("Screens: role names in the browser")
struct RoleListNameWidthTests {
    func copiedSystemAdministrator(_ size: Size) -> AppState {
        var state = MiscPrivilegeReducerTests.demoState(size: size)
        reduce(&state, .paneChosen(.roles))
        let sysadmin = state.environment?.roles.values.first { $0.isSystemAdministrator }?.id ?? ""
        state.selectInBrowser(sysadmin)
        reduce(&state, .roleCopyRequested)
        reduce(&state, .inputSubmitted)
        if state.screen != .browser { reduce(&state, .backRequested) }
        reduce(&state, .paneChosen(.roles))
        return state
    }

    @Test func bothCopiesReadWhole() {
        // At 80 columns the list is 36 wide: the longest names are cut there, as before.
        for size in [Size(width: 120, height: 35), Size(width: 200, height: 50)] {
            let state = copiedSystemAdministrator(size)
            let names = state.environment?.roles.values.map(\.name) ?? []
            #expect(names.contains("Copy of System Administrator (2)"), "\(names)")
            let rows = screen(state).lines
            let all = rows.joined(separator: "\n")
            #expect(rows.contains { $0.contains("Copy of System Administrator (2) ") }, "\(size)\n\(all)")
            #expect(rows.contains { $0.contains("Copy of System Administrator ") && !$0.contains("(2)") }, "\(size)\n\(all)")
            #expect(rows.contains { $0.contains("Customer Service Representative ") }, "\(size)\n\(all)")
        }
    }

    /// Where the names leave room, the membership inheritance column stays.
    @Test func theInheritColumnStaysWhereItFits() {
        let rows = screen(copiedSystemAdministrator(Size(width: 120, height: 35))).lines
        #expect(rows.contains { $0.contains("Name") && $0.contains("Inherit") && $0.contains("Tables") }, "\(rows.joined(separator: "\n"))")
    }
}
