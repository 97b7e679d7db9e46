import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// The users' Status column at every width: a console review found it without a header at 90
/// columns, in codes the README and the help did not explain.
@Suite("Screens: the users' Status column at every width")
struct UserStatusWidthTests {
    func usersPane(width: Int) -> [String] {
        var state = MiscPrivilegeReducerTests.demoState(size: Size(width: width, height: 70))
        reduce(&state, .paneChosen(.users))
        return screen(state).lines
    }

    func row(_ lines: [String], _ name: String) -> String { lines.first { $0.contains(name) } ?? "<\(name) not shown>" }

    @Test func aMediumListKeepsTheHeaderAndTheWords() {
        let lines = usersPane(width: 90)
        #expect(lines.contains { $0.contains("Name") && $0.contains("Status") }, "\(lines.prefix(6).joined(separator: "\n"))")
        #expect(row(lines, "Jordan Miller").hasSuffix("read-only │") || row(lines, "Jordan Miller").contains(" read-only "))
        #expect(row(lines, "Omar Haddad").contains(" unlicensed"), "\(row(lines, "Omar Haddad"))")
        #expect(row(lines, "Pradeep Gupta").contains(" disabled"), "\(row(lines, "Pradeep Gupta"))")
        #expect(!row(lines, "Jordan Miller").contains("r/o"))
    }

    @Test func aWideListAddsTheBusinessUnit() {
        let lines = usersPane(width: 200)
        #expect(lines.contains { $0.contains("Business unit") && $0.contains("Status") })
        #expect(row(lines, "Jordan Miller").contains(" read-only"))
    }

    @Test func theNarrowestListUsesCodesTheHelpExplains() {
        let lines = usersPane(width: 60)
        let jordan = row(lines, "Jordan Miller")
        #expect(
            lines.contains { $0.contains("Name") && $0.contains(" St ") || $0.hasSuffix(" St │") },
            "\(lines.prefix(6).joined(separator: "\n"))")
        #expect(jordan.contains(" r/o"), "\(jordan)")
        // Every code and word is in the help, with what it means.
        for label in UserStatusLabel.allCases {
            let l = label.labels
            for text in [l.wide, l.medium, l.code] {
                #expect(
                    HelpContent.lines(matching: text).contains { $0.section == "Users' Status column" && $0.keys.contains(text) }, "\(text)"
                )
            }
        }
        let readOnly = HelpContent.lines.first { $0.section == "Users' Status column" && $0.keys.contains("r/o") }
        #expect(readOnly?.summary == "access mode Read: no write takes effect")
    }
}
