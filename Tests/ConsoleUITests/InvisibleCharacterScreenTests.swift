import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a hostile-input review: five rows of the roles pane read `Auditor`, four of them
/// with a character that draws as nothing (U+E0100, U+1D173, U+1BCA0, U+180B). Each is shown now.
@Suite("Screens: invisible characters in names are shown")
struct InvisibleCharacterScreenTests {
    @Test func lookalikeRolesReadDifferently() {
        var snapshot = Fixture.snapshot
        let names = ["Audi\u{E0100}tor", "Audi\u{1D173}tor", "Audi\u{1BCA0}tor", "Audi\u{180B}tor"]
        for (i, name) in names.enumerated() {
            snapshot.environments[Fixture.prod]?.roles["r-audi-\(i)"] = SecurityRole(
                id: "r-audi-\(i)", name: name, businessUnitId: Fixture.root)
        }
        var state = AppState(
            snapshot: snapshot, document: Document(source: .file("/tmp/fabrikam.json")), environmentId: Fixture.prod,
            size: Size(width: 120, height: 30))
        reduce(&state, .paneChosen(.roles))
        let text = screen(state).lines.joined(separator: "\n")
        for shown in ["Audi\\u{E0100}tor", "Audi\\u{1D173}tor", "Audi\\u{1BCA0}tor", "Audi\\u{180B}tor"] {
            #expect(text.contains(shown), "\(text)")
        }
        #expect(!text.unicodeScalars.contains { [0xE0100, 0x1D173, 0x1BCA0, 0x180B].contains($0.value) })
    }
}
