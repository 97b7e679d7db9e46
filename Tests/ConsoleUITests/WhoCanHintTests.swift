import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// The who-can form's hints say what each key does where the cursor is.
@Suite("Screens: who can, key hints")
struct WhoCanHintTests {
    private func rows(_ state: AppState) -> [String] { screen(state).lines }

    /// Found by a console review: `6`, Enter on account read "Table account … t or Enter:
    /// choose" while Enter, on the users, opened the selected user's effective access.
    @Test func enterIsOfferedForWhatItDoesWhereTheCursorIs() throws {
        for command in ["who-can account", "who-can fab_payment.fab_iban read"] {
            var state = Fixture.browserState()
            reduce(&state, .commandEntered(command))
            #expect(state.whoCan.field == .results)
            var lines = rows(state)
            let table = try #require(lines.first { $0.contains("Table ") })
            #expect(table.contains("t: choose") && !table.contains("Enter"), "\(lines.joined(separator: "\n"))")
            #expect(lines.contains { $0.contains("Enter: the user's why") })
            // The cursor on the Table field: Enter chooses the table there, and the users' footer
            // says Enter needs the cursor on a user.
            while state.whoCan.field != .table { reduce(&state, .cursorMoved(.up)) }
            lines = rows(state)
            #expect(lines.contains { $0.contains("Table ") && $0.contains("t or Enter: choose") }, "\(lines.joined(separator: "\n"))")
            #expect(!lines.contains { $0.contains("Enter: the user's why") })
            #expect(lines.contains { $0.contains("Enter on a user: their why") })
        }
    }
}
