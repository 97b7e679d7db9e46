import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Who has access at run time, as the console shows it: every reason comes from the domain
/// (licences, disabled business units, access mode Administrative; EffectiveAccessRules rules 6,
/// 9 and 10), rendered, never worked out by the screen.
@Suite("Console: runtime access rules")
struct RuntimeAccessScreenTests {
    /// The demo on its production environment, with `edit` applied to that environment.
    static func state(_ edit: (inout Environment) -> Void) -> AppState {
        var snapshot = DemoOrganisation.snapshot
        var env = snapshot.environment(matching: "prod")!
        edit(&env)
        snapshot.environments[env.id] = env
        return AppState(snapshot: snapshot, document: Document(source: .demo), environmentId: env.id, size: Size(width: 200, height: 50))
    }

    static func userId(_ env: Environment, _ name: String) -> String { env.users.values.first { $0.name == name }!.id }

    static func text(_ state: AppState) -> String { screen(state).lines.joined(separator: "\n") }

    /// The browser's users narrowed to `name`, the first one selected.
    static func browse(_ state: inout AppState, _ name: String) {
        reduce(&state, .paneChosen(.users))
        reduce(&state, .filterStarted)
        for c in name { reduce(&state, .textTyped(c)) }
    }

    /// Access mode Administrative: the tables are granted, not effective, with the reason; the
    /// miscellaneous privileges still work.
    @Test func anAdministrativeUsersTablesAreDormantButNotTheirMiscellaneousPrivileges() {
        var state = Self.state { env in env.users[Self.userId(env, "Nestor Wilke")]?.accessMode = .administrative }
        reduce(&state, .commandEntered("user Nestor Wilke"))
        #expect(state.effective?.dormancy == [.administrativeAccessMode])
        let tables = Self.text(state)
        #expect(tables.contains("DORMANT: access mode Administrative: no access to customer data"), "\(tables)")
        #expect(tables.contains("Granted access, not effective"))
        reduce(&state, .paneCycled(forward: true))
        reduce(&state, .paneCycled(forward: true))
        let misc = Self.text(state)
        #expect(misc.contains("Miscellaneous privileges (") && !misc.contains("Granted miscellaneous privileges, not effective"), "\(misc)")
        guard case .miscellaneous(_, let dormancy, _)? = state.effective?.why else {
            Issue.record("no why")
            return
        }
        #expect(dormancy.isEmpty)
        Self.browse(&state, "Nestor W")
        #expect(Self.text(state).contains("admin only"))
    }

    /// A disabled business unit: its users are dormant, the unit named; the browser says so.
    @Test func aDisabledBusinessUnitIsNamedWhereItsUsersAre() {
        var state = Self.state { env in
            let unit = env.businessUnits.values.first { $0.name == "Europe" }!
            env.businessUnits[unit.id]?.isDisabled = true
        }
        // Isaiah is in Sales EU, below Europe.
        reduce(&state, .commandEntered("user Isaiah"))
        #expect(state.effective?.dormancy == [.businessUnitDisabled("Europe")])
        #expect(Self.text(state).contains("DORMANT: business unit Europe is disabled"))
        var browser = Self.state { env in
            let unit = env.businessUnits.values.first { $0.name == "Europe" }!
            env.businessUnits[unit.id]?.isDisabled = true
        }
        Self.browse(&browser, "Isaiah")
        let text = Self.text(browser)
        #expect(text.contains("BU off") && text.contains("business unit Europe is disabled"), "\(text)")
    }

    /// An unlicensed non-interactive user needs no licence: enabled, and said why.
    @Test func anUnlicensedNonInteractiveUserIsShownEnabled() {
        var state = Self.state { env in env.users[Self.userId(env, "Omar Haddad")]?.accessMode = .nonInteractive }
        Self.browse(&state, "Omar")
        let text = Self.text(state)
        // (The details pane cuts the line at its width.)
        #expect(text.contains("Status Enabled · unlicensed, but a non-interactive user nee"), "\(text)")
        #expect(text.contains("non-inter.") && !text.contains("unlicensed  "), "\(text)")
    }
}
