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
        // The screen's title gives way to the environment's name, cut (a console review).
        #expect(smallest.hasPrefix(" dvsec  PROD  Contoso Product…  ›  … › Sales Manager "), "\(smallest)")
        for text in [wide, medium, standard, smallest] { #expect(text.hasSuffix(" ? help"), "\(text)") }
    }

    @Test func aTeamsAccessAtTheSmallestSizeNamesTheTeam() {
        var state = Fixture.browserState(size: Size(width: 60, height: 16))
        reduce(&state, .paneChosen(.teams))
        state.selectInBrowser(Fixture.salesTeam)
        reduce(&state, .selectionOpened)
        let text = header(state)
        // (The screen's title gives way to the environment's name, cut.)
        #expect(text.hasPrefix(" dvsec  PROD  Fabrikam Produc…  ›  … › team Sales EU "), "\(text)")
    }

    /// A sandbox has no badge: at 60 columns its header named no environment (a console review
    /// found `dvsec   ›  Field security profile › HR Confidential`). The name stays, cut, and so
    /// does what the screen is about.
    @Test func aSandboxAtTheSmallestSizeStillNamesTheEnvironment() throws {
        let snapshot = DemoOrganisation.snapshot
        let sandbox = try #require(snapshot.sortedEnvironments.first { $0.type == .sandbox })
        func sandboxState() -> AppState {
            AppState(snapshot: snapshot, document: Document(source: .demo), environmentId: sandbox.id, size: Size(width: 60, height: 16))
        }
        var state = sandboxState()
        reduce(&state, .paneChosen(.profiles))
        let profile = try #require(sandbox.sortedProfiles.first { $0.name == "HR Confidential" })
        state.selectInBrowser(profile.id)
        reduce(&state, .selectionOpened)
        let text = header(state)
        #expect(text.hasPrefix(" dvsec  Contoso Sandbox (Sa…  ›  … › HR Confidential "), "\(text)")
        // A long role name: both cut, the environment's to 14 columns.
        var editor = sandboxState()
        let role = try #require(sandbox.sortedRoles.first { $0.name == "Customer Service Representative" })
        reduce(&editor, .paneChosen(.roles))
        editor.selectInBrowser(role.id)
        reduce(&editor, .selectionOpened)
        let long = header(editor)
        #expect(long.hasPrefix(" dvsec  Contoso Sand…  ›  … › Customer Service Repr… "), "\(long)")
        #expect(long.hasSuffix(" ? help"), "\(long)")
    }

    /// Only what does not fit gives way: the whole breadcrumb where there is room.
    @Test func aBrowserKeepsTheTenantAndTheEnvironment() {
        let text = header(Fixture.browserState(size: Size(width: 80, height: 24)))
        #expect(text.hasPrefix(" dvsec  Fabrikam   PROD  Fabrikam Production  ›  Browse "), "\(text)")
    }
}
