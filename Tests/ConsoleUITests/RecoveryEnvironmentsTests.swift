import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a console review: after a crash the recovery question listed
/// `• Salesperson: Delete on account: User → Business Unit`, while each of the demo's three
/// environments has a Salesperson role. Each edit is listed under its environment's name.
@Suite("Screens: the recovery question names environments")
struct RecoveryEnvironmentsTests {
    @Test func editsInTwoEnvironmentsAreGroupedUnderTheirNames() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dvsec-recovery-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = ChangeJournal(path: dir + "/.j")
        let header = JournalHeader(file: nil, fingerprint: nil, started: "2026-02-03T04:05:06Z")
        try journal.append(.assignUserRole(environment: Fixture.prod, user: Fixture.diego, role: Fixture.seller), header: header)
        try journal.append(.setUserDisabled(environment: Fixture.sandbox, user: Fixture.adele, disabled: true), header: header)
        let theme = ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [])
        let state = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Document(source: .demo), environment: "prod",
            size: Size(width: 80, height: 24), theme: theme, themeNames: [], journalPath: journal.path)
        let lines = render(state, size: Size(width: 80, height: 24), theme: theme.theme, glyphs: .unicode, colorEnabled: false).lines
        let text = lines.joined(separator: "\n")
        let prod = try #require(lines.firstIndex { $0.contains("PROD Fabrikam Production:") }, "\(text)")
        let sandbox = try #require(lines.firstIndex { $0.contains("Fabrikam Sandbox:") && !$0.contains("PROD") }, "\(text)")
        #expect(lines[prod + 1].contains("• Diego Siciliani: assigned role Seller"), "\(text)")
        #expect(lines[sandbox + 1].contains("• Adele Vance: disabled"), "\(text)")
    }
}
