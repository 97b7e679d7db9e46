import ConsoleUI
import SecurityModel
import Testing

/// Found by a review: typing "system administrator" in the role picker left the cursor on
/// "Copy of System Administrator" (before it in the alphabet), and Enter assigned the copy.
@Suite struct PickerRankingTests {
    static func picker(_ names: [String]) -> PickerState {
        PickerState(
            title: "Assign", purpose: .assignUserRole(user: "u"), items: names.map { PickerItem(.role, $0) },
            keys: names.map { $0.lowercased() + " role" })
    }

    @Test func theNameTypedInFullComesFirstThenNamesStartingWithIt() {
        var p = Self.picker(["Copy of System Administrator", "Sales System Admin", "System Administrator", "System Customizer"])
        p.applyFilter("system administrator")
        #expect(p.selected?.id == "System Administrator")
        #expect(p.visible.map { p.items[$0].id } == ["System Administrator", "Copy of System Administrator"])
        p.applyFilter("system a")
        #expect(p.visible.map { p.items[$0].id } == ["System Administrator", "Copy of System Administrator", "Sales System Admin"])
        p.applyFilter("")
        #expect(p.visible.count == 4 && p.selected?.id == "Copy of System Administrator")
    }
}
