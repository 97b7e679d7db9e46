import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Read unmasked goes to one record at a time or to all records (found by a review: who can
/// said `allowed` for both, the column security tab a bare ✓, the why "Effective ✓ allowed").
/// On the demo, Ben Walters has the card number through Finance Profile at One record, Adele
/// Vance through System Administrator at All records.
@Suite("Screens: how far Read unmasked goes")
struct UnmaskedReadScreenTests {
    static let size = Size(width: 120, height: 40)
    let card = ColumnReference(table: "contoso_payment", column: "contoso_cardnumber")

    /// Who can Read unmasked the card number, the cursor on `name`.
    func whoCan(_ name: String, size: Size = size) -> AppState {
        var state = MiscPrivilegeReducerTests.demoState(size: size)
        reduce(&state, .commandEntered("who-can contoso_payment.contoso_cardnumber readUnmasked"))
        let id = MiscPrivilegeReducerTests.demoUser(name).id
        state.whoCan.results.cursor = state.whoCan.results.rows.firstIndex(of: id) ?? 0
        return state
    }

    /// The list row of `name` (the side panel's heading names the selected user too).
    func row(_ name: String, in lines: [String]) -> String {
        lines.first { $0.contains(name) && $0.contains("allowed") } ?? "no row for \(name)"
    }

    /// The column security grid's cursor row.
    func cursorRow(_ lines: [String]) -> String {
        lines.first { $0.contains("→" + card.description) || $0.contains(">" + card.description) } ?? "no cursor row"
    }

    @Test func whoCanSaysOneRecordOrAllRecords() {
        for size in [Self.size, Size(width: 80, height: 24)] {
            let lines = screen(whoCan("Ben Walters", size: size)).lines
            #expect(row("Ben Walters", in: lines).contains("allowed · one record"), "\(size)")
            #expect(row("Adele Vance", in: lines).contains("allowed · all records"), "\(size)")
        }
        // Read has no reach: the row says allowed, as before.
        var state = MiscPrivilegeReducerTests.demoState(size: Self.size)
        reduce(&state, .commandEntered("who-can contoso_payment.contoso_cardnumber read"))
        let ben = row("Ben Walters", in: screen(state).lines)
        #expect(ben.contains("allowed") && !ben.contains("record"), "\(ben)")
    }

    @Test func whoCansSidePanelSaysHowFarItGoes() {
        let joined = screen(whoCan("Ben Walters")).lines.joined(separator: "\n")
        #expect(joined.contains("Read unmasked: one record at a time"), "\(joined)")
    }

    /// Enter on a row opens the user's column security tab on the cell, with its why.
    @Test func theColumnTabAndTheWhySayOneOrAll() {
        for (name, cell, words) in [("Ben Walters", "[one]", "one record at a time"), ("Adele Vance", "[all]", "all records")] {
            var state = whoCan(name)
            reduce(&state, .selectionOpened)
            #expect(state.effective?.tab == .columns)
            let lines = screen(state).lines
            #expect(cursorRow(lines).contains(cell), "\(name): \(cursorRow(lines))")
            #expect(lines.joined(separator: "\n").contains("Effective ✓ \(words)"), "\(name)")
            #expect(lines.joined(separator: "\n").contains("one/all records unmasked"))
            // ASCII terminals read the same words.
            let ascii = screen(state, glyphs: .ascii).lines
            #expect(cursorRow(ascii).contains(cell))
            #expect(ascii.joined(separator: "\n").contains("Effective + \(words)"), "\(name)")
        }
    }
}
