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

    /// Found by an editing review: unsecuring a column in production asked nothing while it let
    /// every reader of the table read it. The domain says who; y unsecures, n keeps it.
    @Test func unsecuringAColumnInProductionAsksWhoWouldReadIt() throws {
        // A role an enabled user holds reads the column's table.
        var state = Fixture.browserState()
        let env = try #require(state.snapshot.environments[Fixture.prod])
        let role = try #require(
            env.sortedRoles.first { r in
                !r.isSystemAdministrator && env.users.values.contains { $0.roleIds.contains(r.id) && !$0.isDisabled }
            })
        state.snapshot.environments[Fixture.prod]?.roles[role.id]?.privileges[Fixture.payment.table, default: .empty][.read] = .organization
        var store = TestStore(state)
        store.prepare(.paneChosen(.profiles))
        store.prepare(.selectionOpened)
        let before = store.state.snapshot
        store.prepare(.columnSecuredToggled)
        guard case .confirmColumnExposure(let question) = store.state.dialog else {
            Issue.record("no question: \(String(describing: store.state.dialog)); \(String(describing: store.state.status))")
            return
        }
        let expected = try #require(before.columnExposure(of: question.change))
        #expect(question.exposure == expected && !expected.users.isEmpty)
        #expect(question.exposure.column == Fixture.payment)
        #expect(question.title.hasPrefix("Let ") && question.title.hasSuffix("read \(Fixture.payment.description) in Fabrikam Production?"))
        #expect(question.body.hasSuffix("This is a production environment."))
        store.prepare(.dialogAnswered(.keep))
        #expect(store.state.dialog == nil && store.state.snapshot == before)
        store.prepare(.columnSecuredToggled)
        store.prepare(.dialogAnswered(.grant))
        #expect(
            store.state.snapshot.environments[Fixture.prod]?.tables[Fixture.payment.table]?.columns[Fixture.payment.column]?.isSecured
                == false)
        #expect(store.state.history.unsaved.count == 1)
        // Outside production it is not asked.
        var sandbox = state
        sandbox.snapshot.environments[Fixture.prod]?.settings.type = .sandbox
        var quiet = TestStore(sandbox)
        quiet.prepare(.paneChosen(.profiles))
        quiet.prepare(.selectionOpened)
        quiet.prepare(.columnSecuredToggled)
        #expect(quiet.state.dialog == nil && quiet.state.history.unsaved.count == 1)
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
