import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Environment settings (`E`) at 60-80 columns: values come before padding, and the selected
/// setting's value and hint are written whole below the list.
@Suite("Screens: environment settings widths")
struct SettingsWidthTests {
    /// The words on screen, box lines and line breaks read as spaces: a wrapped sentence reads whole.
    private func words(_ state: AppState) -> String {
        screen(state).lines.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "│" }).joined(separator: " ")
    }

    /// Found by a console review: the Setting column stayed 40 wide, and the values and hints
    /// were cut ("(none: anyone in the tenant may be…").
    @Test func theSelectedSettingIsReadWhole() throws {
        for size in [Size(width: 60, height: 16), Size(width: 70, height: 20), Size(width: 80, height: 24)] {
            var (state, _) = try ColumnWhoCanReducerTests.demoState(size: size)
            reduce(&state, .screenRequested(.environmentSettings))
            while state.settingsCursor != SettingsField.securityGroup.rawValue { reduce(&state, .cursorMoved(.down)) }
            var text = words(state)
            #expect(text.contains("(none: anyone in the tenant may be added)"), "\(size): \(text)")
            #expect(text.contains("Enter to choose"), "\(size): \(text)")
            // Value first: the rows show each value whole beside the Setting column.
            let rows = screen(state).lines
            #expect(rows.contains { $0.contains("Region") && $0.contains("Europe   Enter to edit") }, "\(size)")
            reduce(&state, .cursorMoved(.down))
            reduce(&state, .cursorMoved(.down))
            text = words(state)
            #expect(
                text.contains(
                    "Space toggles (record ownership across BUs): roles from any BU; Local/Deep refer to the BU of the role's copy held [I]"
                )
                    || size.height < 20, "\(size): \(text)")
        }
    }
}
