import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Words a console review found wrong or said twice.
@Suite("Screens: wording found by a review")
struct ReviewedWordingTests {
    func text(_ state: AppState) -> String { screen(state).lines.joined(separator: "\n") }

    /// The role editor of Salesperson with the cursor on a table's name (the whole row).
    func rowOf(_ table: String) -> AppState {
        var state = Fixture.browserState(size: Size(width: 200, height: 50))
        reduce(&state, .commandEntered("role Salesperson"))
        let row = state.roleEditor?.tables.rows.firstIndex(of: table) ?? 0
        state.roleEditor?.tables.cursor = row
        for _ in 0..<TableOperation.allCases.count where state.roleEditor?.scope != .row(table) { reduce(&state, .cursorMoved(.left)) }
        return state
    }

    /// An organization-owned table has no Assign or Share: its row has six operations, not eight.
    @Test func aRowEditSaysHowManyOperationsTheRowHas() {
        let region = text(rowOf("fab_region"))
        #expect(region.contains("Whole row: fab_region"), "\(region)")
        #expect(region.contains("+ - Space 0-4 change all six operations at once"), "\(region)")
        #expect(!region.contains("eight"), "\(region)")
        let account = text(rowOf("account"))
        #expect(account.contains("+ - Space 0-4 change all eight operations at once"), "\(account)")
    }

    /// Nothing is higher than Organization: the minimum level says just that.
    @Test func whoCanAtOrganizationSaysNoOrHigher() throws {
        var state = Fixture.browserState(size: Size(width: 200, height: 50))
        reduce(&state, .commandEntered("who-can account delete"))
        #expect(text(state).contains("User or higher"))
        for _ in AccessLevel.allCases where state.whoCan.minimumLevel != .organization {
            reduce(&state, .whoCanLevelCycled(forward: true))
        }
        let shown = text(state)
        let line = try #require(shown.split(separator: "\n").first { $0.contains("Minimum level") })
        #expect(line.contains("● Organization ") && !line.contains("or higher"), "\(line)")
    }

    /// A team's why starts at the team: it read "team Sales EU → team Sales EU (Owner, BU Sales
    /// EU) → role Seller".
    @Test func aTeamsWhyNamesTheTeamOnce() {
        var state = Fixture.browserState(size: Size(width: 200, height: 50))
        reduce(&state, .paneChosen(.teams))
        state.selectInBrowser(Fixture.salesTeam)
        reduce(&state, .selectionOpened)
        reduce(&state, .selectionOpened)
        let shown = text(state)
        #expect(shown.contains("Why: Read on account for team Sales EU"), "\(shown)")
        #expect(shown.contains("team Sales EU (Owner, BU Sales EU) → role"), "\(shown)")
        #expect(!shown.contains("team Sales EU → team Sales EU"), "\(shown)")
    }

    /// The System Administrator note says how the role is held (directly or through a team),
    /// not the role's name twice: "System Administrator (System Administrator) grants …".
    @Test func theSystemAdministratorNoteSaysHowTheRoleIsHeld() {
        let env = Fixture.production
        #expect(
            GrantDescription.note(.systemAdministrator(roleId: Fixture.sysadmin, teamId: nil), env: env)
                == "System Administrator (direct) grants Organization on everything")
        #expect(
            GrantDescription.note(.systemAdministrator(roleId: Fixture.sysadmin, teamId: Fixture.salesTeam), env: env)
                == "System Administrator (through team Sales EU) grants Organization on everything")
    }
}
