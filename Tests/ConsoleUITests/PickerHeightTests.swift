import ConsoleUI
import Foundation
import SecurityModel
import TerminalCore
import Testing

/// Pickers take the rows their items need, up to the terminal's height less a margin, and keep
/// the selected item in view: found by a review, when the box was as tall as the terminal allowed
/// (at most 24 rows) whatever it held.
@Suite("Screens: picker heights")
struct PickerHeightTests {
    private func demo(_ size: Size, _ actions: [Action]) throws -> AppState {
        var (state, _) = try ColumnWhoCanReducerTests.demoState(size: size)
        for action in actions { reduce(&state, action) }
        #expect(state.picker != nil)
        return state
    }

    /// The picker's box: its top and bottom rows on screen, and the rows between its borders cut
    /// to its columns (what is drawn around it left out).
    private func box(_ lines: [String], title: String) throws -> (top: Int, bottom: Int, rows: [String]) {
        let grid = lines.map { Array($0) }
        let marker = Array("┌─ " + title)
        var found: (Int, Int)?
        for (y, row) in grid.enumerated() where found == nil && row.count >= marker.count {
            for x in 0...(row.count - marker.count) where Array(row[x..<(x + marker.count)]) == marker {
                found = (y, x)
                break
            }
        }
        let (top, left) = try #require(found, "\(lines.joined(separator: "\n"))")
        let right = try #require((left + 1..<grid[top].count).first { grid[top][$0] == "┐" })
        let bottom = try #require(grid.indices.first { $0 > top && grid[$0].indices.contains(left) && grid[$0][left] == "└" })
        return (top, bottom, grid[(top + 1)..<bottom].map { String($0[left...right]) })
    }

    /// The tables of the who-can form: 32 in the demo, more than a 16-row terminal shows.
    private let tables: [Action] = [.screenRequested(.whoCan), .tablePickerRequested]

    /// Fabrikam's three roles, for Diego.
    @Test func aShortListTakesASmallBox() throws {
        for size in [Size(width: 60, height: 16), Size(width: 100, height: 50)] {
            var state = Fixture.browserState(size: size)
            for action in [Action.cursorMoved(.down), .cursorMoved(.down), .roleAssignmentRequested] { reduce(&state, action) }
            let picker = try #require(state.picker)
            let lines = screen(state).lines
            let found = try box(lines, title: "Assign")
            // The filter line, the separator, then one row per role: no blank rows below them.
            #expect(found.rows.count == 2 + picker.items.count, "\(size):\n\(lines.joined(separator: "\n"))")
            #expect(!found.rows.last!.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")).isEmpty)
            assertScreen(screen(state), named: "picker-short-\(size.width)x\(size.height)")
        }
    }

    @Test func aLongListIsAsTallAsTheTerminalAllows() throws {
        let short = try demo(Size(width: 60, height: 16), tables)
        let shortBox = try box(screen(short).lines, title: "Who can")
        // Two rows kept free above and below the box.
        #expect(shortBox.bottom - shortBox.top + 1 == 16 - 4, "\(screen(short).lines.joined(separator: "\n"))")
        assertScreen(screen(short), named: "picker-long-60x16")
        let tall = try demo(Size(width: 100, height: 50), tables)
        let count = try #require(tall.picker?.items.count)
        let tallBox = try box(screen(tall).lines, title: "Who can")
        // Every table fits in 50 rows: the box holds them all and no more.
        #expect(count < 40)
        #expect(tallBox.rows.count == 2 + count, "\(screen(tall).lines.joined(separator: "\n"))")
        assertScreen(screen(tall), named: "picker-long-100x50")
    }

    @Test func theSelectionStaysInViewWhenScrollingAndAfterTheTerminalShrinks() throws {
        var state = try demo(Size(width: 60, height: 16), tables)
        let count = try #require(state.picker?.items.count)
        for step in 1..<count {
            reduce(&state, .cursorMoved(.down))
            let rows = try box(screen(state).lines, title: "Who can").rows
            #expect(rows.contains { $0.contains("│ →") }, "step \(step):\n\(rows.joined(separator: "\n"))")
        }
        // Moved to the last table on a tall terminal, then shrunk: the last table still shows.
        var tall = try demo(Size(width: 100, height: 50), tables)
        for _ in 1..<count { reduce(&tall, .cursorMoved(.down)) }
        reduce(&tall, .terminalResized(Size(width: 60, height: 16)))
        let rows = try box(screen(tall).lines, title: "Who can").rows
        #expect(rows.contains { $0.contains("│ →") }, "\(rows.joined(separator: "\n"))")
    }
}
