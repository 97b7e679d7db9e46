import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Texts a tmux review of the console at 120×40 on the demo organisation found cut or wrong,
/// asserted as the user reads them.
@Suite("Texts found by a review")
struct ReviewedScreenTextTests {
    static let review = Size(width: 120, height: 40)

    func demo(_ size: Size = review, _ actions: [Action]) -> AppState {
        var state = MiscPrivilegeReducerTests.demoState(size: size)
        for action in actions { reduce(&state, action) }
        return state
    }

    func text(_ state: AppState) -> [String] { screen(state).lines }

    /// Who can (table mode): a dormant user's row ended "System Administrato…" and lost its
    /// "(dormant)" at 120 and 200 columns; it is said before the path now, as column mode does.
    @Test func aDormantUserIsSaidSoInWhoCanTableMode() {
        for size in [Self.review, Size(width: 200, height: 50)] {
            let rows = text(demo(size, [.commandEntered("who-can account delete global")]))
            let tobias = rows.first { $0.contains("Tobias Keller") }
            #expect(tobias?.contains("dormant") == true, "\(size): \(tobias ?? "no row")")
            #expect(tobias?.contains("● Organization") == true, "\(size): \(tobias ?? "no row")")
        }
    }
}
