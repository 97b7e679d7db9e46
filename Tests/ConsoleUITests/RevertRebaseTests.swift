import SecurityModel
import Testing

@testable import ConsoleUI

/// Found by a review: `x` on the pending list said "Reverted" and changed nothing when a later
/// edit had set the whole record (settings, a profile's column permission).
@Suite struct RevertRebaseTests {
    /// Reverting one field of a whole-record edit (an environment's settings, a profile's
    /// permission on a column) leaves the later edit's own field: the later edit set the whole
    /// record, and put the reverted value back ("Reverted", and nothing was).
    @Test func revertingOneFieldOfASettingsOrPermissionEditRevertsIt() throws {
        var state = Fixture.browserState()
        let env = try #require(state.snapshot.environments[Fixture.sandbox])
        var admin = env.settings
        admin.adminMode = true
        var both = admin
        both.auditingEnabled = !admin.auditingEnabled
        _ = state.applyEdit(.setEnvironmentSettings(environment: Fixture.sandbox, settings: admin), confirmed: true)
        _ = state.applyEdit(.setEnvironmentSettings(environment: Fixture.sandbox, settings: both), confirmed: true)
        // The fixture's profile reads the column; the first edit adds Update, the second Create.
        let read = ColumnPermission(canRead: true, canUpdate: true)
        let readCreate = ColumnPermission(canRead: true, canCreate: true, canUpdate: true)
        let column = ColumnReference(table: "fab_payment", column: "fab_iban")
        let before = state.snapshot.environments[Fixture.prod]?.fieldSecurityProfiles[Fixture.financeProfile]?.permissions[column]
        _ = state.applyEdit(
            .setColumnPermission(environment: Fixture.prod, profile: Fixture.financeProfile, column: column, permission: read))
        _ = state.applyEdit(
            .setColumnPermission(environment: Fixture.prod, profile: Fixture.financeProfile, column: column, permission: readCreate))
        #expect(state.history.unsaved.count == 4)
        _ = state.revert(index: 0, confirmed: true)
        let settings = try #require(state.snapshot.environments[Fixture.sandbox]?.settings)
        #expect(settings.adminMode == env.settings.adminMode && settings.auditingEnabled == both.auditingEnabled)
        // Now the profile: Update came from the first edit, Create from the second.
        let firstPermission = try #require(
            state.history.unsaved.firstIndex { if case .setColumnPermission = $0.change { true } else { false } })
        _ = state.revert(index: firstPermission, confirmed: true)
        let now = state.snapshot.environments[Fixture.prod]?.fieldSecurityProfiles[Fixture.financeProfile]?.permissions[column]
        var expected = before ?? ColumnPermission()
        expected.canCreate = true
        #expect(now == expected, "\(String(describing: now))")
        #expect(state.history.unsaved.count == 2)
    }
}
