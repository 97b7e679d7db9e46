import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

@Suite("Reducer: the role editor")
struct RoleEditorReducerTests {
    let e = Fixture.prod
    let sp = Fixture.salesperson

    func editorStore(role: String = Fixture.salesperson, readOnly: Bool = false) -> TestStore {
        var store = TestStore(Fixture.browserState(readOnly: readOnly))
        store.prepare(.commandEntered("roles"))
        let index = store.state.list(.roles).rows.firstIndex(of: role)!
        store.modify { $0.lists[.roles]?.cursor = index }
        store.prepare(.selectionOpened)
        // As after a move to the cell: digits set levels (RoleEditorDigitTests).
        store.modify { $0.roleEditor?.levelDigitsArmed = true }
        return store
    }

    /// A level an organization-owned table cannot take, set on its whole row, names the rule (it
    /// said "Nothing to change"), as a cell does.
    @Test func aRowOfAnOrganizationOwnedTableSaysWhichLevelsItTakes() throws {
        var store = editorStore()
        let row = try #require(store.state.roleEditor?.tables.rows.firstIndex(of: "fab_region"))
        store.modify {
            $0.roleEditor?.tables.cursor = row
            $0.roleEditor?.column = -1
        }
        store.prepare(.levelChosen(.businessUnit))
        #expect(store.state.status?.text.contains("fab_region is organization-owned") == true, "\(store.state.status?.text ?? "")")
        #expect(store.state.history.unsaved.isEmpty)
    }

    @Test func raisingLoweringCyclingAndSettingACell() {
        var store = editorStore()
        let raise = Change.setPrivilege(environment: e, role: sp, table: "account", operation: .read, level: .parentChildBusinessUnits)
        store.send(.levelRaised, effects: [.appendJournal(raise)]) {
            $0.expectEdit(raise, summary: "Salesperson: Read on account: Business Unit → Parent: Child Business Units")
        }
        let lower = Change.setPrivilege(environment: e, role: sp, table: "account", operation: .read, level: .businessUnit)
        store.send(.levelLowered, effects: [.appendJournal(lower)]) {
            $0.expectEdit(lower, summary: "Salesperson: Read on account: Parent: Child Business Units → Business Unit")
        }
        let org = Change.setPrivilege(environment: e, role: sp, table: "account", operation: .read, level: .organization)
        store.send(.levelChosen(.organization), effects: [.appendJournal(org)]) {
            $0.expectEdit(org, summary: "Salesperson: Read on account: Business Unit → Organization")
        }
        store.send(.levelRaised) { $0.status = StatusMessage("Read on account is already Organization, the highest account allows") }
        let wrap = Change.setPrivilege(environment: e, role: sp, table: "account", operation: .read, level: .none)
        store.send(.levelCycled, effects: [.appendJournal(wrap)]) {
            $0.expectEdit(wrap, summary: "Salesperson: Read on account: Organization → None")
        }
        store.send(.levelChosen(.none)) { $0.status = StatusMessage("Read on account is already None") }
        store.send(.levelLowered) { $0.status = StatusMessage("Read on account is already None") }
    }

    @Test func organizationOwnedTablesOfferOnlyNoneAndOrganization() {
        var store = editorStore()
        store.send(.cursorMoved(.down)) { $0.roleEditor?.tables.cursor = 1 }
        store.send(.cursorMoved(.down)) { $0.roleEditor?.tables.cursor = 2 }
        store.send(.cursorMoved(.down)) { $0.roleEditor?.tables.cursor = 3 }
        store.send(.levelRaised) { $0.status = StatusMessage("Read on fab_region is already Organization, the highest fab_region allows") }
        store.send(.levelChosen(.businessUnit)) {
            $0.status = .error("fab_region is organization-owned: only None or Organization, not Business Unit")
        }
        let none = Change.setPrivilege(environment: e, role: sp, table: "fab_region", operation: .read, level: .none)
        store.send(.levelLowered, effects: [.appendJournal(none)]) {
            $0.expectEdit(none, summary: "Salesperson: Read on fab_region: Organization → None")
        }
        let back = Change.setPrivilege(environment: e, role: sp, table: "fab_region", operation: .read, level: .organization)
        store.send(.levelRaised, effects: [.appendJournal(back)]) {
            $0.expectEdit(back, summary: "Salesperson: Read on fab_region: None → Organization")
        }
        store.send(.cursorMoved(.right)) {
            $0.roleEditor?.column = 2
            $0.status = nil
        }
        store.send(.cursorMoved(.right)) { $0.roleEditor?.column = 3 }
        store.send(.cursorMoved(.right)) { $0.roleEditor?.column = 4 }
        store.send(.cursorMoved(.right)) { $0.roleEditor?.column = 5 }
        store.send(.cursorMoved(.right)) { $0.roleEditor?.column = 6 }
        // An n/a cell: + and - say why, as choosing a level does (they said "already None, the
        // highest fab_region allows").
        store.send(.levelRaised) { $0.status = .error("fab_region is organization-owned: it has no Assign privilege") }
        store.send(.levelLowered)
        store.send(.levelChosen(.organization)) { $0.status = .error("fab_region is organization-owned: it has no Assign privilege") }
    }

    @Test func onTheTableNameAnEditChangesTheWholeRow() {
        var store = editorStore()
        store.send(.cursorMoved(.left)) { $0.roleEditor?.column = 0 }
        store.send(.cursorMoved(.left)) { $0.roleEditor?.column = -1 }
        store.send(.cursorMoved(.left))
        let row = Change.setPrivilegeRow(environment: e, role: sp, table: "account", row: PrivilegeRow(all: .organization))
        store.send(.levelChosen(.organization), effects: [.appendJournal(row)]) {
            $0.expectEdit(
                row,
                summary: "Salesperson: account: Create User → Organization, Read Business Unit → Organization, "
                    + "Write User → Organization, Delete User → Organization, Append None → Organization, Append To None → Organization, "
                    + "Assign None → Organization, Share None → Organization")
        }
        // On an organization-owned table a row edit keeps Assign and Share at None.
        store.send(.cursorMoved(.bottom)) {
            $0.roleEditor?.tables.cursor = 4
            $0.status = nil
        }
        store.send(.cursorMoved(.up)) { $0.roleEditor?.tables.cursor = 3 }
        var orgRow = PrivilegeRow(all: .organization)
        orgRow[.assign] = .none
        orgRow[.share] = .none
        let regionRow = Change.setPrivilegeRow(environment: e, role: sp, table: "fab_region", row: orgRow)
        store.send(.levelChosen(.organization), effects: [.appendJournal(regionRow)]) {
            $0.expectEdit(
                regionRow,
                summary: "Salesperson: fab_region: Create None → Organization, Write None → Organization, "
                    + "Delete None → Organization, Append None → Organization, Append To None → Organization")
        }
    }

    @Test func onAColumnHeaderAnEditChangesTheColumnOfEveryShownTable() {
        var store = editorStore()
        store.send(.cursorMoved(.up)) { $0.roleEditor?.onHeader = true }
        let changes: [Change] = ["account", "contact", "fab_payment", "lead"].map {
            .setPrivilege(environment: e, role: sp, table: $0, operation: .read, level: .organization)
        }
        store.send(.levelChosen(.organization), effects: [.appendJournal(.compound(changes))]) {
            $0.expectEdit(.compound(changes), summary: "Salesperson: Read on 4 tables → Organization")
        }
        store.send(.levelChosen(.organization)) { $0.status = StatusMessage("Nothing to change in the Read column") }
        store.send(.cursorMoved(.down)) {
            $0.roleEditor?.onHeader = false
            $0.status = nil
        }
        // G and PgDn leave the header too: the next edit is the row's, not the column's.
        for move in [CursorMove.bottom, .pageDown] {
            store.prepare(.cursorMoved(.top))
            store.prepare(.cursorMoved(.up))
            #expect(store.state.roleEditor?.onHeader == true)
            store.prepare(.cursorMoved(move))
            #expect(store.state.roleEditor?.onHeader == false)
        }
    }

    @Test func miscellaneousPrivilegesHaveTheirOwnTab() {
        var store = editorStore()
        store.send(.paneCycled(forward: true)) {
            $0.roleEditor?.tab = .miscellaneous
            $0.roleEditor?.levelDigitsArmed = false
        }
        // Every documented privilege is listed, in order; the list scrolls to the one wanted.
        #expect(store.state.roleEditor?.miscellaneous.rows.count == MiscellaneousPrivilegeNames.known.count)
        let index = knownMiscellaneousPrivileges.firstIndex(of: "prvExportToExcel")!
        for _ in 1...index { store.prepare(.cursorMoved(.down)) }
        #expect(store.state.roleEditor?.miscellaneous.selectedId == "prvExportToExcel")
        // Granted at Organization or not at all (a review found 1 and 2 gave it at User and
        // Business Unit): lowering takes it away.
        let lower = Change.setMiscPrivilege(environment: e, role: sp, privilege: "prvExportToExcel", level: .none)
        store.send(.levelLowered, effects: [.appendJournal(lower)]) {
            $0.expectEdit(lower, summary: "Salesperson: prvExportToExcel: Organization → None")
        }
        store.send(.paneCycled(forward: true)) {
            $0.roleEditor?.tab = .tables
            $0.roleEditor?.levelDigitsArmed = false
            $0.status = nil
        }
    }

    /// A role spelling a documented privilege in another case has one row, under its spelling,
    /// showing its level (a second row said None, and an edit there added a second key).
    @Test func aPrivilegeSpelledInAnotherCaseHasOneRow() {
        var state = Fixture.browserState()
        state.snapshot.environments[e]?.roles[sp]?.miscPrivileges = ["prvexporttoexcel": .user]
        var store = TestStore(state)
        store.prepare(.commandEntered("roles"))
        let index = store.state.list(.roles).rows.firstIndex(of: sp)!
        store.modify { $0.lists[.roles]?.cursor = index }
        store.prepare(.selectionOpened)
        let rows = store.state.roleEditor?.miscellaneous.rows ?? []
        #expect(rows.count == MiscellaneousPrivilegeNames.known.count)
        #expect(rows.filter { $0.lowercased() == "prvexporttoexcel" } == ["prvexporttoexcel"])
    }

    @Test func memberPrivilegeInheritanceToggles() {
        var store = editorStore()
        let off = Change.setMemberPrivilegeInheritance(environment: e, role: sp, inherits: false)
        store.send(.memberInheritanceToggled, effects: [.appendJournal(off)]) {
            $0.expectEdit(off, summary: "Salesperson: member privilege inheritance → Team privileges only")
        }
    }

    @Test func customTablesOnlyAndTheFilterNarrowTheRows() {
        var store = editorStore()
        store.send(.customTablesToggled) {
            $0.roleEditor?.levelDigitsArmed = false
            $0.roleEditor?.customTablesOnly = true
            $0.roleEditor?.tables.rows = ["fab_payment", "fab_region"]
        }
        store.send(.customTablesToggled) {
            $0.roleEditor?.customTablesOnly = false
            $0.roleEditor?.tables.rows = Expected.tables
            $0.roleEditor?.tables.cursor = 2
        }
        store.send(.filterStarted) { $0.input = InputLine(purpose: .filter) }
        store.send(.textTyped("c")) {
            $0.input?.text = "c"
            $0.roleEditor?.tables.filter = "c"
            // contact starts with "c", account only holds one: the best match first.
            $0.roleEditor?.tables.rows = ["contact", "account"]
            // fab_payment, selected, is filtered out: the first match.
            $0.roleEditor?.tables.cursor = 0
        }
    }

    /// Miscellaneous privileges belong to no table: `c` there says so and changes nothing (a
    /// console review found the mode shown on with the list unchanged).
    @Test func customTablesOnlyIsRefusedOnTheMiscellaneousTab() {
        var state = editorStore().state
        reduce(&state, .paneCycled(forward: true))
        #expect(state.roleEditor?.tab == .miscellaneous)
        reduce(&state, .customTablesToggled)
        #expect(state.roleEditor?.customTablesOnly == false)
        #expect(
            state.status?.text.contains("narrows the Tables tab: miscellaneous privileges belong to no table") == true,
            "\(String(describing: state.status))")
        // Set on the Tables tab, the mode is not shown on the other one.
        reduce(&state, .paneCycled(forward: false))
        reduce(&state, .customTablesToggled)
        #expect(state.roleEditor?.customTablesOnly == true && screen(state).lines.joined(separator: "\n").contains("[custom tables only]"))
        reduce(&state, .paneCycled(forward: true))
        #expect(state.roleEditor?.tab == .miscellaneous && !screen(state).lines.joined(separator: "\n").contains("[custom tables only]"))
    }

    @Test func systemAdministratorIsNotEditable() {
        var store = editorStore(role: Fixture.sysadmin)
        store.send(.levelChosen(.user)) {
            $0.status = .error("System Administrator is not editable: it always has every privilege at Organization")
        }
        store.send(.memberInheritanceToggled) {
            $0.status = .error("System Administrator is not editable: it always has every privilege at Organization")
        }
    }

    @Test func readOnlyRefusesEveryEdit() {
        var store = editorStore(readOnly: true)
        store.send(.levelRaised) { $0.status = .error("read-only: opened with --read-only; nothing can be changed") }
        store.send(.undoRequested) { $0.status = .error("read-only: opened with --read-only") }
        store.send(.saveRequested(path: nil)) { $0.status = .error("read-only: opened with --read-only; nothing to save") }
    }

    @Test func levelKeysOutsideTheEditorExplainWhereTheyWork() {
        var store = TestStore(Fixture.browserState())
        store.send(.levelRaised) { $0.status = StatusMessage("Levels are changed in the role editor: open a role with Enter") }
        store.send(.customTablesToggled) {
            $0.status = StatusMessage("“custom tables only” applies to the role editor and effective access")
        }
        store.send(.memberInheritanceToggled) {
            $0.status = StatusMessage("Member privilege inheritance is a role setting: select a role")
        }
    }
}

/// Found by a console review: `1` on the Delete column header of seven tables said "Delete on 5
/// tables → User", and nothing of the two organization-owned tables it left as they were.
@Suite("Reducer: column edits name the tables they leave")
struct RoleEditorColumnLeftTablesTests {
    func editorOnHeader(column: Int) -> AppState {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("roles"))
        let index = state.list(.roles).rows.firstIndex(of: Fixture.salesperson) ?? 0
        state.lists[.roles]?.cursor = index
        reduce(&state, .selectionOpened)
        state.roleEditor?.column = column
        reduce(&state, .cursorMoved(.up))
        return state
    }

    @Test func aLevelOrganizationOwnedTablesCannotTakeIsSaid() throws {
        // Delete is the fourth operation; fab_region is the fixture's organization-owned table.
        var state = editorOnHeader(column: TableOperation.delete.rawValue)
        #expect(state.roleEditor?.onHeader == true)
        reduce(&state, .levelChosen(.businessUnit))
        let text = try #require(state.status?.text)
        #expect(text.hasPrefix("Salesperson: Delete on "), "\(text)")
        #expect(text.hasSuffix("; 1 organization-owned table left as it is: it takes None or Organization only"), "\(text)")
        #expect(state.environment?.roles[Fixture.salesperson]?.level(.delete, on: "fab_region") == AccessLevel.none)
    }

    /// Found by an editing review: `+` on a column header raised organization-owned tables
    /// (a credentials table among them) straight from None to Organization, while a digit leaves
    /// them as they are and says so. `+` and `-` follow the digits' rule.
    @Test func raisingOrLoweringAColumnLeavesOrganizationOwnedTablesAsTheyAre() throws {
        var state = editorOnHeader(column: TableOperation.delete.rawValue)
        #expect(state.environment?.roles[Fixture.salesperson]?.level(.delete, on: "fab_region") == AccessLevel.none)
        reduce(&state, .levelRaised)
        var text = try #require(state.status?.text)
        #expect(state.environment?.roles[Fixture.salesperson]?.level(.delete, on: "fab_region") == AccessLevel.none)
        #expect(text.hasSuffix("; 1 organization-owned table left as it is: it takes None or Organization only"), "\(text)")
        // At Organization, lowering one step (to Parent: Child) is a level it cannot take either.
        state.snapshot.environments[Fixture.prod]?.roles[Fixture.salesperson]?.privileges["fab_region", default: .empty][.delete] =
            .organization
        reduce(&state, .levelLowered)
        text = try #require(state.status?.text)
        #expect(state.environment?.roles[Fixture.salesperson]?.level(.delete, on: "fab_region") == .organization)
        #expect(text.hasSuffix("; 1 organization-owned table left as it is: it takes None or Organization only"), "\(text)")
    }

    @Test func assignOnOrganizationOwnedTablesIsSaidMissing() throws {
        var state = editorOnHeader(column: TableOperation.assign.rawValue)
        reduce(&state, .levelChosen(.organization))
        let text = try #require(state.status?.text)
        #expect(text.hasSuffix("; 1 organization-owned table left as it is: it has no Assign privilege"), "\(text)")
    }
}

/// Found by an editing review: Enter on a role-matrix cell or a miscellaneous privilege cycled
/// the level like Space, undocumented, and in production without a question. Enter changes no
/// level: on a cell it drills in (who can do that operation on the table), elsewhere it says
/// which keys edit.
@Suite("Reducer: Enter in the role editor changes no level")
struct RoleEditorEnterTests {
    func editor() -> AppState {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("roles"))
        let index = state.list(.roles).rows.firstIndex(of: Fixture.salesperson) ?? 0
        state.lists[.roles]?.cursor = index
        reduce(&state, .selectionOpened)
        return state
    }

    @Test func enterOnACellOpensWhoCanForItsTableAndOperation() throws {
        var state = editor()
        let before = state.snapshot
        let table = try #require(state.roleEditor?.tables.selectedId)
        state.roleEditor?.column = TableOperation.delete.rawValue
        let effects = reduce(&state, .selectionOpened)
        #expect(effects.isEmpty)
        #expect(state.snapshot == before && state.history.unsaved.isEmpty)
        #expect(state.screen == .whoCan)
        #expect(state.whoCan.table == table && state.whoCan.operation == .delete && state.whoCan.mode == .table)
        reduce(&state, .backRequested)
        #expect(state.screen == .roleEditor)
    }

    @Test func enterOnAMiscellaneousPrivilegeOrAHeaderOnlySaysWhichKeysEdit() throws {
        var state = editor()
        let before = state.snapshot
        reduce(&state, .paneCycled(forward: true))
        #expect(state.roleEditor?.tab == .miscellaneous)
        reduce(&state, .selectionOpened)
        #expect(state.snapshot == before && state.history.unsaved.isEmpty && state.screen == .roleEditor)
        #expect(state.status?.text.contains("Enter changes no level") == true, "\(state.status?.text ?? "")")
        reduce(&state, .paneCycled(forward: false))
        reduce(&state, .cursorMoved(.up))
        #expect(state.roleEditor?.onHeader == true)
        reduce(&state, .selectionOpened)
        #expect(state.snapshot == before && state.screen == .roleEditor)
        #expect(state.status?.text.contains("Enter changes no level") == true, "\(state.status?.text ?? "")")
    }

    @Test func helpListsEnterForTheRoleEditor() {
        let entries = KeyMap.bindings.filter { $0.context == .roleEditor }.map { $0.keyLabel + " " + $0.summary }
        #expect(entries.contains { $0.hasPrefix("Enter ") && $0.contains("changes no level") }, "\(entries)")
    }
}

/// Found by an editing review: in the role editor, Esc cleared the filter (it did not leave), and
/// `2`, meant as the browser's Users pane, set Business Unit on the privilege under the cursor.
/// Digits set a level only once the cursor has been moved to a cell since the editor opened, a
/// filter was started or cleared, or the tab changed; otherwise they change nothing and say so.
@Suite("Reducer: digits in the role editor set levels only on a cell moved to")
struct RoleEditorDigitTests {
    func editor() -> AppState {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("roles"))
        let index = state.list(.roles).rows.firstIndex(of: Fixture.salesperson) ?? 0
        state.lists[.roles]?.cursor = index
        reduce(&state, .selectionOpened)
        return state
    }

    @Test func aDigitAfterEscClearedTheFilterChangesNothing() {
        var state = editor()
        let before = state.snapshot
        reduce(&state, .levelChosen(.businessUnit))
        #expect(state.snapshot == before, "a digit right after opening the editor")
        #expect(state.status?.text.contains("once you have moved to a cell") == true, "\(state.status?.text ?? "")")
        reduce(&state, .paneCycled(forward: true))
        reduce(&state, .filterStarted)
        for ch in "Expo" { reduce(&state, .textTyped(ch)) }
        reduce(&state, .inputSubmitted)
        reduce(&state, .cursorMoved(.down))
        reduce(&state, .backRequested)
        #expect(state.screen == .roleEditor && state.roleEditor?.miscellaneous.filter == "")
        reduce(&state, .levelChosen(.businessUnit))
        #expect(state.snapshot == before, "a digit after Esc cleared the filter")
        #expect(state.history.unsaved.isEmpty)
        #expect(state.status?.text.contains("Panes are 1-6 in the browser") == true, "\(state.status?.text ?? "")")
    }

    @Test func aDigitAfterAMoveSetsTheLevel() {
        var state = editor()
        reduce(&state, .cursorMoved(.down))
        reduce(&state, .levelChosen(.organization))
        #expect(state.history.unsaved.count == 1, "\(state.status?.text ?? "")")
        // Tab, then back: the rows under the cursor moved, so a move comes first again.
        reduce(&state, .paneCycled(forward: true))
        reduce(&state, .paneCycled(forward: false))
        reduce(&state, .levelChosen(.none))
        #expect(state.history.unsaved.count == 1)
    }
}
