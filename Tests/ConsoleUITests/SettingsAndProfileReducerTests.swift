import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

@Suite("Reducer: environment settings and field security profiles")
struct SettingsAndProfileReducerTests {
    let e = Fixture.prod

    @Test func togglesChangeTheSettingsThroughTheDomain() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.screenRequested(.environmentSettings))
        for i in 1...4 { store.send(.cursorMoved(.down)) { $0.settingsCursor = i } }
        var settings = Fixture.production.settings
        settings.adminMode = true
        let change = Change.setEnvironmentSettings(environment: e, settings: settings)
        // Journaled with what it replaced, so that a recovery sets only the field it changed.
        let replaced = Change.setEnvironmentSettings(environment: e, settings: Fixture.production.settings)
        store.send(.selectionOpened, effects: [.appendJournalRecord(.edit(change, replaced: replaced))]) {
            $0.expectEdit(change, summary: "Fabrikam Production: administration mode off → on")
        }
    }

    @Test func nameIsTypedAndSecurityGroupPicked() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.screenRequested(.environmentSettings))
        store.send(.selectionOpened) { $0.input = InputLine(purpose: .setting(.name), text: "Fabrikam Production") }
        store.send(.textTyped("!")) { $0.input?.text = "Fabrikam Production!" }
        var renamed = Fixture.production.settings
        renamed.name = "Fabrikam Production!"
        let rename = Change.setEnvironmentSettings(environment: e, settings: renamed)
        let original = Change.setEnvironmentSettings(environment: e, settings: Fixture.production.settings)
        store.send(.inputSubmitted, effects: [.appendJournalRecord(.edit(rename, replaced: original))]) {
            $0.input = nil
            $0.expectEdit(rename, summary: "Fabrikam Production: name Fabrikam Production → Fabrikam Production!")
        }
        for i in 1...3 {
            store.send(.cursorMoved(.down)) {
                $0.settingsCursor = i
                $0.status = nil
            }
        }
        store.send(.selectionOpened) {
            $0.picker = PickerState(
                title: "Security group (n/m left out: enabled users outside it)", purpose: .securityGroup,
                items: [PickerItem(.none, ""), PickerItem(.entraGroup, "g-all")], keys: ["(none)", "sg-dynamics-users"],
                // What each choice does, before choosing: Adele is the group's only member; of the
                // other five users Pradeep is disabled. "4/5 left out": of the enabled users.
                details: ["anyone in the tenant · current", "1 member · 4/5 left out"])
        }
        store.send(.cursorMoved(.down)) { $0.picker?.cursor = 1 }
        var grouped = renamed
        grouped.securityGroupId = "g-all"
        let group = Change.setEnvironmentSettings(environment: e, settings: grouped)
        store.send(.inputSubmitted, effects: [.appendJournalRecord(.edit(group, replaced: rename))]) {
            $0.picker = nil
            $0.expectEdit(group, summary: "Fabrikam Production!: security group (none) → SG-Dynamics-Users (4 enabled users left out)")
        }
        // Opened again, the picker starts on the group now set.
        store.send(.selectionOpened) {
            $0.picker = PickerState(
                title: "Security group (n/m left out: enabled users outside it)", purpose: .securityGroup,
                items: [PickerItem(.none, ""), PickerItem(.entraGroup, "g-all")], keys: ["(none)", "sg-dynamics-users"],
                details: ["anyone in the tenant", "1 member · 4/5 left out · current"])
            $0.picker?.cursor = 1
            $0.status = nil
        }
    }

    @Test func theDomainRefusesAdminModeOnADeveloperEnvironment() {
        var state = Fixture.browserState()
        state.snapshot.environments[Fixture.prod]?.settings.type = .developer
        var store = TestStore(state)
        store.prepare(.screenRequested(.environmentSettings))
        store.modify { $0.settingsCursor = SettingsField.adminMode.rawValue }
        store.send(.selectionOpened) { $0.status = .error("admin mode exists only for Production, Sandbox and Trial environments") }
    }

    @Test func profilePermissionsToggleAndColumnsCanBeSecured() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.paneChosen(.profiles))
        store.prepare(.selectionOpened)
        let ref = Fixture.payment
        let none = Change.setColumnPermission(environment: e, profile: Fixture.financeProfile, column: ref, permission: nil)
        let read = Change.setColumnPermission(
            environment: e, profile: Fixture.financeProfile, column: ref, permission: ColumnPermission(canRead: true))
        store.send(.levelCycled, effects: [.appendJournalRecord(.edit(none, replaced: read))]) {
            $0.expectEdit(none, summary: "Finance Profile: fab_payment.fab_iban: Read → no permission")
        }
        store.send(.cursorMoved(.right)) {
            $0.profileEditor?.kind = 1
            $0.status = nil
        }
        store.send(.cursorMoved(.right)) { $0.profileEditor?.kind = 2 }
        store.send(.cursorMoved(.right)) { $0.profileEditor?.kind = 3 }
        let one = Change.setColumnPermission(
            environment: e, profile: Fixture.financeProfile, column: ref,
            permission: ColumnPermission(canReadUnmasked: .oneRecord))
        store.send(.selectionOpened, effects: [.appendJournalRecord(.edit(one, replaced: none))]) {
            $0.expectEdit(one, summary: "Finance Profile: fab_payment.fab_iban: no permission → Read unmasked (one record)")
        }
        store.send(.allColumnsToggled) {
            $0.profileEditor?.showAllColumns = true
            $0.profileEditor?.columns.rows = ["fab_payment.fab_amount", "fab_payment.fab_iban"]
            $0.profileEditor?.columns.cursor = 1
            $0.status = nil
        }
        store.send(.cursorMoved(.up)) { $0.profileEditor?.columns.cursor = 0 }
        let secure = Change.setColumnSecured(
            environment: e, column: ColumnReference(table: "fab_payment", column: "fab_amount"), secured: true)
        store.send(.columnSecuredToggled, effects: [.appendJournal(secure)]) {
            $0.expectEdit(secure, summary: "fab_payment.fab_amount: secured (column security applies)")
        }
        store.send(.allColumnsToggled) {
            $0.status = nil
            $0.profileEditor?.showAllColumns = false
            $0.profileEditor?.columns.rows = ["fab_payment.fab_amount", "fab_payment.fab_iban"]
        }
    }
    /// Space on a column that is not secured set "Read unmasked (one record)", which saved,
    /// validated and was diffed as an exposure: the domain refuses it and the status says why.
    @Test func aPermissionOnAColumnThatIsNotSecuredIsRefused() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.paneChosen(.profiles))
        store.prepare(.selectionOpened)
        store.prepare(.allColumnsToggled)
        store.modify {
            $0.profileEditor?.columns.cursor = 0
            $0.profileEditor?.kind = 3
        }
        store.send(.selectionOpened) {
            $0.status = .error(
                "fab_payment.fab_amount is not a secured column: a field security profile grants permissions only on secured columns (secure it first)"
            )
        }
    }
}
