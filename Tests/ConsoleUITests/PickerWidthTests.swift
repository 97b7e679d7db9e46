import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Pickers take the width their names, details and title need, and cut nothing while room is
/// left: found by a console review at 80×24 on the demo.
@Suite("Screens: picker widths")
struct PickerWidthTests {
    private func demo(_ size: Size, _ actions: [Action]) throws -> [String] {
        var (state, _) = try ColumnWhoCanReducerTests.demoState(size: size)
        for action in actions { reduce(&state, action) }
        #expect(state.picker != nil)
        return screen(state).lines
    }

    /// The popup's rows, between its borders (the box is the innermost one drawn on top).
    private func inside(_ lines: [String]) -> String { lines.joined(separator: "\n") }

    /// `b` on a user: the title said "Moving removes the user's roles [I]: move…", losing who.
    @Test func aLongTitleIsWrittenWholeWithWhoIsMoved() throws {
        for size in [Size(width: 80, height: 24), Size(width: 60, height: 20)] {
            let lines = try demo(size, [.paneChosen(.users), .businessUnitChangeRequested])
            let text = inside(lines)
            let words = text.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "[" && $0 != "]" }).joined(separator: " ")
            #expect(words.contains("Move Adele Vance to a business unit moving removes the user's roles [I]"), "\(text)")
        }
    }

    /// `m`: "administration only, no business data (no…" was cut even at 160 columns.
    @Test func accessModeDescriptionsAreWrappedNotCut() throws {
        for size in [Size(width: 60, height: 20), Size(width: 80, height: 24), Size(width: 160, height: 40)] {
            let lines = try demo(size, [.paneChosen(.users), .accessModeCycled])
            let text = inside(lines)
            let words = text.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "\n" }).joined(separator: " ")
            #expect(words.contains("administration only, no business data (no licence used)"), "\(text)")
            #expect(words.contains("read-only: only Read and privileges that read apply [I]"), "\(text)")
        }
    }

    /// `a` on a user: "Copy of System Admin…" beside eight blank columns, in a popup using 40 of
    /// 60 columns.
    @Test func namesAreWholeWhileThereIsRoom() throws {
        for size in [Size(width: 60, height: 20), Size(width: 80, height: 24)] {
            let lines = try demo(size, [.paneChosen(.users), .roleAssignmentRequested])
            let text = inside(lines)
            #expect(text.contains("Copy of System Administrator"), "\(text)")
            #expect(text.contains("Customer Service Representative"), "\(text)")
            #expect(!text.contains("Admin…"), "\(text)")
        }
    }

    /// A long list whose items are cut writes the selected one out in full below it.
    @Test func aCutItemIsWrittenOutInFullWhenSelected() throws {
        var (state, _) = try ColumnWhoCanReducerTests.demoState(size: Size(width: 60, height: 24))
        reduce(&state, .screenRequested(.whoCan))
        reduce(&state, .tablePickerRequested)
        for ch in "contoso_integ" { reduce(&state, .textTyped(ch)) }
        let text = screen(state).lines.joined(separator: "\n")
        let words = text.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "\n" }).joined(separator: " ")
        #expect(words.contains("contoso_integrationsetting · Integration Setting · Organization · custom"), "\(text)")
    }
}
