import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Column security never grants record access: the effective access screen's column tab marks
/// "(✓)" where a profile allows Update without Write on the table, and the why says it as who-can
/// does (found by a domain review: it showed a ✓, and the why "Effective ✓ allowed"). On the demo, Ben Walters
/// has the credit limit's Read and Update through Finance Profile, and Read on accounts only.
@Suite("Screens: a column permission without the table operation")
struct ColumnWithoutTableOperationScreenTests {
    let credit = ColumnReference(table: "account", column: "creditlimit")

    /// Ben's column security tab, the cursor on the credit limit's `kind`.
    func ben(kind: ColumnPermissionKind, size: Size = Size(width: 200, height: 50)) -> AppState {
        var state = MiscPrivilegeReducerTests.demoState(size: size)
        reduce(&state, .commandEntered("user Ben Walters"))
        reduce(&state, .paneCycled(forward: true))
        let rows = state.effective?.columns.rows ?? []
        state.effective?.columns.cursor = rows.firstIndex(of: credit.description) ?? 0
        state.effective?.columnKind = ColumnPermissionKind.allCases.firstIndex(of: kind) ?? 0
        reduce(&state, .cursorMoved(.right))
        reduce(&state, .cursorMoved(.left))
        return state
    }

    func cursorRow(_ lines: [String]) -> String {
        lines.first { $0.contains("→" + credit.description) } ?? "no cursor row"
    }

    @Test func theGridMarksItAndTheWhySaysWhy() throws {
        let state = ben(kind: .update)
        let answer = try #require(state.effective?.columnMatrix[credit]?[2])
        #expect(answer.kind == .update && answer.withoutTableOperation)
        let lines = screen(state).lines
        let row = cursorRow(lines)
        // Read stays a ✓ (Ben reads accounts); Update has no record to be used on.
        #expect(row.contains(" ✓ ") && row.contains("[(✓)]"), "\(row)")
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Effective ✗ not usable"), "\(text)")
        #expect(text.contains("Allowed, but no Write on account: no record to update it on"), "\(text)")
        #expect(text.contains("(✓) allowed, no table privilege: no record"))
        // The Read cell's why is the plain one.
        #expect(screen(ben(kind: .read)).lines.joined(separator: "\n").contains("Effective ✓ allowed"))
    }

    /// Narrow, the mark fits its column and the legend keeps its words; the why (Enter) says it.
    @Test func narrowTheMarkFitsAndTheLegendIsUnchanged() {
        let lines = screen(ben(kind: .update, size: Size(width: 80, height: 24))).lines
        #expect(cursorRow(lines).contains("[(✓)]"), "\(cursorRow(lines))")
        let ascii = screen(ben(kind: .update, size: Size(width: 60, height: 24)), glyphs: .ascii).lines
        #expect(ascii.contains { $0.contains(credit.description.prefix(10)) && $0.contains("[(+)]") }, "\(ascii)")
        #expect(lines.contains { $0.contains("one/all records unmasked  (dimmed: dormant)") })
    }
}
