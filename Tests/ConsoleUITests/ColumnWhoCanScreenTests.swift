import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Who can, column mode, on the demo organisation, at 80×24 and 200×50, compared with `__Snapshots__`.
@Suite("Screens: who can, column security")
struct ColumnWhoCanScreenTests {
    func check(_ name: String, _ actions: [Action], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for size in ScreenTests.sizes {
            var (state, _) = try ColumnWhoCanReducerTests.demoState(size: size)
            for action in actions { reduce(&state, action) }
            assertScreen(screen(state), named: "\(name)-\(size.width)x\(size.height)", sourceLocation: sourceLocation)
        }
    }

    /// Credit limit: System Administrators, Sales Credit Profile through Key Accounts EU, Finance
    /// Profile directly and through the Finance Entra team; Tobias Keller dormant.
    @Test func securedColumnWithItsRoutesAndTheDormantUser() throws {
        try check("who-can-column", [.commandEntered("who-can account"), .whoCanModeToggled])
    }

    /// Update on the IBAN: only Finance Profile allows it; the selected user is Zrinka Makovac.
    @Test func updateOnAColumnWithTheSelectedUsersRoutes() throws {
        try check(
            "who-can-column-update",
            [
                .commandEntered("who-can contoso_payment.contoso_iban update"), .cursorMoved(.bottom),
                .cursorMoved(.up),
            ])
    }

    /// Read unmasked on the card number: Ben Walters one record at a time (Finance Profile),
    /// Adele Vance all records (System Administrator).
    @Test func readUnmaskedSaysHowFarEachUserGoes() throws {
        try check("who-can-column-unmasked", [.commandEntered("who-can contoso_payment.contoso_cardnumber readUnmasked")])
    }

    @Test func unsecuredColumnSaysTheTablePrivilegeDecides() throws {
        try check("who-can-column-unsecured", [.commandEntered("who-can account.revenue read")])
    }
}
