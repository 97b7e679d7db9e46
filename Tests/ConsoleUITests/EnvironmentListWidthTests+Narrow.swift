import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// The environment list (`e`) keeps the names whole: the other columns give way first, and what
/// they leave out is said for the selected environment.
extension EnvironmentListWidthTests {
    private func lines(width: Int) -> [String] {
        let state = AppState(
            snapshot: DemoOrganisation.snapshot, document: Document(source: .demo), size: Size(width: width, height: 16))
        return screen(state).lines
    }

    /// Found by a console review: at 60-70 columns the names read "Co… Production" while Type
    /// and Region kept their padding, and the Roles column was dropped without a word.
    @Test func namesStayWholeAndTheOtherColumnsGiveWay() {
        for width in [60, 64, 70, 80, 100] {
            let rows = lines(width: width)
            let text = rows.joined(separator: "\n")
            for name in ["Contoso Production", "Contoso Dev", "Contoso Sandbox"] {
                #expect(rows.contains { $0.contains(name) }, "\(width): \(text)")
            }
            #expect(!text.contains("Co…") && !text.contains("United St…"), "\(width): \(text)")
            let header = rows.first { $0.contains("Environment ") } ?? ""
            let said = ["Type", "Region", "Users", "Roles"].filter { !header.contains($0) }
            // Each column left out is said, with its value, for the selected environment.
            for title in said { #expect(text.contains("\(title) "), "\(width): \(title) neither shown nor said: \(text)") }
            if width >= 70 { #expect(said.isEmpty, "\(width): \(text)") }
        }
        #expect(lines(width: 60).last { $0.hasPrefix("└") }?.contains("Region Europe") == true)
    }
}
