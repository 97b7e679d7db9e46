import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a console review: in the demo's sandbox the users outside the environment's security
/// group (Lynne Robbins, Priya Raman) had an empty Status while `dvsec show users` said "outside
/// security group" and the details said dormant. Every dormancy reason of the domain is labelled.
@Suite("Screens: the users list's Status column")
struct UserStatusColumnTests {
    /// The demo on `environment`, with `edit` applied to it.
    static func state(
        _ environment: String, size: Size = Size(width: 140, height: 40), _ edit: (inout Environment) -> Void = { _ in }
    )
        -> AppState
    {
        var snapshot = DemoOrganisation.snapshot
        var env = snapshot.environment(matching: environment)!
        edit(&env)
        snapshot.environments[env.id] = env
        return AppState(snapshot: snapshot, document: Document(source: .demo), environmentId: env.id, size: size)
    }

    /// The users list's row of `name`, selected by the filter.
    static func row(_ state: AppState, _ name: String) throws -> String {
        var state = state
        reduce(&state, .paneChosen(.users))
        reduce(&state, .filterStarted)
        for c in name { reduce(&state, .textTyped(c)) }
        let lines = screen(state).lines
        return try #require(lines.first { $0.hasPrefix("│→" + name) }, "\(lines.joined(separator: "\n"))")
    }

    @Test func usersOutsideTheSecurityGroupAreLabelled() throws {
        let state = Self.state("sandbox")
        for name in ["Lynne Robbins", "Priya Raman"] {
            let row = try Self.row(state, name)
            #expect(row.contains("outside group"), "\(row)")
        }
    }

    @Test func narrowListsLabelThemToo() throws {
        let row = try Self.row(Self.state("sandbox", size: Size(width: 80, height: 30)), "Lynne Robbins")
        #expect(row.contains(" outside SG "), "\(row)")
        let narrowest = try Self.row(Self.state("sandbox", size: Size(width: 60, height: 20)), "Lynne Robbins")
        #expect(narrowest.contains(" sg "), "\(narrowest)")
    }

    /// Admin mode keeps out everyone but System Administrators and System Customizers.
    @Test func adminModeIsLabelled() throws {
        let state = Self.state("prod") { env in env.settings.adminMode = true }
        let row = try Self.row(state, "Alex Wilber")
        #expect(row.contains("admin mode"), "\(row)")
    }

    @Test func aDisabledBusinessUnitAndAccessModeAdministrativeAreLabelled() throws {
        let state = Self.state("prod") { env in
            let unit = env.businessUnits.values.first { $0.name == "Europe" }!
            env.businessUnits[unit.id]?.isDisabled = true
            let nestor = env.users.values.first { $0.name == "Nestor Wilke" }!
            env.users[nestor.id]?.accessMode = .administrative
        }
        #expect(try Self.row(state, "Isaiah Langer").contains("BU off"))
        #expect(try Self.row(state, "Nestor Wilke").contains("admin only"))
    }
}
