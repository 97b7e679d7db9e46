import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a console review: a 90-character user name (Dataverse allows 200) pushed the access
/// mode and the DORMANT flag off the effective-access header, and the environment's name off the
/// breadcrumb (`PROD   ›`). The name is cut now, not what follows it.
@Suite("Screens: a long user name gives way")
struct LongUserNameHeaderTests {
    private let longName = "Pradeep Gupta-Venkataraman Subramanian Ramasubramanian (Contractor, Vendor Accenture EMEA)"

    private func effectiveAccessOfPradeep(_ size: Size) -> AppState {
        var state = Fixture.browserState(size: size)
        state.snapshot.environments[Fixture.prod]?.users[Fixture.pradeep]?.name = longName
        reduce(&state, .paneChosen(.users))
        state.selectInBrowser(Fixture.pradeep)
        reduce(&state, .selectionOpened)
        return state
    }

    @Test func theNameIsCutNotTheEnvironmentAccessModeOrDormancy() throws {
        for size in [Size(width: 120, height: 35), Size(width: 100, height: 30)] {
            let state = effectiveAccessOfPradeep(size)
            #expect(state.screen == .effectiveAccess)
            let lines = screen(state).lines
            let text = lines.joined(separator: "\n")
            #expect(lines[0].contains("PROD  Fabrikam Production  ›  Effective access › Pradeep Gupta"), "\(text)")
            #expect(lines[0].contains("…") && lines[0].hasSuffix(" ? help"), "\(text)")
            let caption = try #require(lines.first { $0.contains("Pradeep Gupta") && $0.contains("BU ") }, "\(text)")
            #expect(caption.contains("access mode Read-Write"), "\(caption)")
            #expect(caption.contains("DORMANT: "), "\(caption)")
            #expect(caption.contains("…"), "\(caption)")
        }
    }

    /// A name that fits is shown whole, as before.
    @Test func aShortNameIsWhole() throws {
        let state = effectiveAccessOfPradeep(Size(width: 120, height: 35))
        var short = state
        short.snapshot.environments[Fixture.prod]?.users[Fixture.pradeep]?.name = "Pradeep Gupta"
        let lines = screen(short).lines
        #expect(lines[0].contains("Effective access › Pradeep Gupta "), "\(lines[0])")
        #expect(!lines[0].contains("…"))
        #expect(lines.contains { $0.contains("Pradeep Gupta  BU ") && $0.contains("DORMANT: ") })
    }
}
