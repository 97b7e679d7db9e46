import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// The header is a breadcrumb that gives way from the left: where the user is stays whole (found
/// by a console review: `…Who can › Go-live findin…` in a role editor at 80×24, `›  Effe…` at
/// 60×16).
@Suite("Screens: the header keeps the current screen")
struct HeaderBreadcrumbTests {
    /// Who can, then the findings, then the role editor of an AP5 finding's role.
    func roleEditorThroughFindings(_ size: Size) -> AppState {
        var state = MiscPrivilegeReducerTests.demoState(size: size)
        for action: Action in [.screenRequested(.whoCan), .screenRequested(.findings), .filterStarted] { reduce(&state, action) }
        for character in "AP5" { reduce(&state, .textTyped(character)) }
        for action: Action in [.inputSubmitted, .selectionOpened] { reduce(&state, action) }
        return state
    }

    func header(_ state: AppState) -> String { screen(state).lines[0] }

    @Test func theRoleEditorsHeaderEndsWithTheRole() throws {
        let wide = header(roleEditorThroughFindings(Size(width: 200, height: 50)))
        #expect(
            wide.contains("Contoso   PROD  Contoso Production  ›  Who can › Go-live findings › Role editor › Sales Manager "), "\(wide)")
        let medium = header(roleEditorThroughFindings(Size(width: 100, height: 30)))
        #expect(medium.hasPrefix(" dvsec  PROD  Contoso Production  ›  … › Go-live findings › Role editor › Sales Manager "), "\(medium)")
        let standard = header(roleEditorThroughFindings(Size(width: 80, height: 24)))
        #expect(standard.hasPrefix(" dvsec  PROD  Contoso Production  ›  … › Role editor › Sales Manager "), "\(standard)")
        let smallest = header(roleEditorThroughFindings(Size(width: 60, height: 16)))
        #expect(smallest.hasPrefix(" dvsec  PROD   ›  … › Role editor › Sales Manager "), "\(smallest)")
        for text in [wide, medium, standard, smallest] { #expect(text.hasSuffix(" ? help"), "\(text)") }
    }

    @Test func aTeamsAccessAtTheSmallestSizeNamesTheTeam() {
        var state = Fixture.browserState(size: Size(width: 60, height: 16))
        reduce(&state, .paneChosen(.teams))
        state.selectInBrowser(Fixture.salesTeam)
        reduce(&state, .selectionOpened)
        let text = header(state)
        #expect(text.contains("Effective access › team Sales EU"), "\(text)")
    }

    /// Only what does not fit gives way: the whole breadcrumb where there is room.
    @Test func aBrowserKeepsTheTenantAndTheEnvironment() {
        let text = header(Fixture.browserState(size: Size(width: 80, height: 24)))
        #expect(text.hasPrefix(" dvsec  Fabrikam   PROD  Fabrikam Production  ›  Browse "), "\(text)")
    }
}
