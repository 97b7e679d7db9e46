import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

@Suite("Reducer: moving around")
struct NavigationReducerTests {
    let users = [Fixture.adele, Fixture.alex, Fixture.diego, Fixture.mallory, Fixture.megan, Fixture.pradeep]

    @Test func initialBrowserStateListsEverySortedPane() {
        let state = Fixture.browserState()
        #expect(state.screens == [.browser])
        #expect(state.pane == .users)
        #expect(state.list(.users).rows == users)
        #expect(state.list(.teams).rows == [Fixture.dealRoom, Fixture.defaultRoot, Fixture.salesTeam, Fixture.defaultSales])
        #expect(state.list(.roles).rows == [Fixture.basic, Fixture.salesperson, Fixture.seller, Fixture.sysadmin])
        #expect(state.list(.businessUnits).rows == [Fixture.root, Fixture.europe, Fixture.salesEU, Fixture.service])
        #expect(state.list(.tables).rows == ["account", "contact", "fab_payment", "fab_region", "lead"])
        #expect(state.list(.profiles).rows == [Fixture.financeProfile])
        #expect(state.environments.rows == [Fixture.prod, Fixture.sandbox])
    }

    @Test func cursorMovesDownUpPageAndEnds() {
        var store = TestStore(Fixture.browserState())
        store.send(.cursorMoved(.down)) { $0.lists[.users]?.cursor = 1 }
        store.send(.cursorMoved(.up)) { $0.lists[.users]?.cursor = 0 }
        store.send(.cursorMoved(.up))
        store.send(.cursorMoved(.pageDown)) { $0.lists[.users]?.cursor = 5 }
        store.send(.cursorMoved(.top)) { $0.lists[.users]?.cursor = 0 }
        store.send(.cursorMoved(.bottom)) { $0.lists[.users]?.cursor = 5 }
        store.send(.cursorMoved(.pageUp)) { $0.lists[.users]?.cursor = 0 }
    }

    @Test func pagingScrollsALongListSoTheCursorStaysVisible() {
        var state = Fixture.browserState(size: Size(width: 80, height: 16))
        state.lists[.users]?.rows = (0..<100).map { "u\($0)" }
        var store = TestStore(state)
        // 16 rows: body 12, list box data rows 9.
        store.send(.cursorMoved(.pageDown)) {
            $0.lists[.users]?.cursor = 9
            $0.lists[.users]?.top = 1
        }
        store.send(.cursorMoved(.bottom)) {
            $0.lists[.users]?.cursor = 99
            $0.lists[.users]?.top = 91
        }
        store.send(.cursorMoved(.up)) { $0.lists[.users]?.cursor = 98 }
        store.send(.cursorMoved(.top)) {
            $0.lists[.users]?.cursor = 0
            $0.lists[.users]?.top = 0
        }
    }

    @Test func leftAndRightSwitchBrowserPanes() {
        var store = TestStore(Fixture.browserState())
        store.send(.cursorMoved(.right)) { $0.pane = .teams }
        store.send(.cursorMoved(.left)) { $0.pane = .users }
        store.send(.cursorMoved(.left)) { $0.pane = .businessUnits }
    }

    @Test func tabCyclesPanesAndNumbersChooseThem() {
        var store = TestStore(Fixture.browserState())
        store.send(.paneCycled(forward: true)) { $0.pane = .teams }
        store.send(.paneCycled(forward: false)) { $0.pane = .users }
        store.send(.paneChosen(.tables)) { $0.pane = .tables }
        store.send(.paneCycled(forward: true)) { $0.pane = .businessUnits }
    }

    @Test func choosingAPaneBeforeAnEnvironmentIsRefused() {
        var store = TestStore(Fixture.pickerState())
        store.send(.paneChosen(.roles)) { $0.status = .warning("Choose an environment first") }
    }

    @Test func enterOnTheEnvironmentPickerOpensTheEnvironment() {
        var store = TestStore(Fixture.pickerState())
        store.send(.cursorMoved(.down)) { $0.environments.cursor = 1 }
        store.send(.selectionOpened) {
            $0.environmentId = Fixture.sandbox
            $0.catalog = EnvironmentCatalog(environment: Fixture.sandboxEnvironment)
            $0.counts = EnvironmentCounts(environment: Fixture.sandboxEnvironment)
            $0.screens = [.browser]
            $0.lists = [
                .users: ListState(rows: [Fixture.adele]), .teams: ListState(), .roles: ListState(rows: [Fixture.sysadmin]),
                .profiles: ListState(), .tables: ListState(rows: ["account"]), .businessUnits: ListState(rows: [Fixture.root]),
            ]
        }
    }

    @Test func enterOnABusinessUnitFoldsAndUnfoldsIt() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.paneChosen(.businessUnits))
        store.send(.cursorMoved(.down)) { $0.lists[.businessUnits]?.cursor = 1 }
        store.send(.selectionOpened) {
            $0.collapsedBusinessUnits = [Fixture.europe]
            $0.lists[.businessUnits]?.rows = [Fixture.root, Fixture.europe, Fixture.service]
        }
        store.send(.selectionOpened) {
            $0.collapsedBusinessUnits = []
            $0.lists[.businessUnits]?.rows = [Fixture.root, Fixture.europe, Fixture.salesEU, Fixture.service]
        }
        // A leaf does not fold.
        store.send(.cursorMoved(.bottom)) { $0.lists[.businessUnits]?.cursor = 3 }
        store.send(.selectionOpened)
    }

    @Test func enterOnARoleOpensTheRoleEditorAndEscGoesBack() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.paneChosen(.roles))
        store.send(.cursorMoved(.down)) { $0.lists[.roles]?.cursor = 1 }
        store.send(.selectionOpened) {
            $0.screens = [.browser, .roleEditor]
            $0.roleEditor = RoleEditorState(
                roleId: Fixture.salesperson, tables: ["account", "contact", "fab_payment", "fab_region", "lead"],
                miscellaneous: knownMiscellaneousPrivileges)
        }
        store.send(.backRequested) {
            $0.screens = [.browser]
            $0.roleEditor = nil
        }
        store.send(.backRequested) { $0.status = StatusMessage("q quits; e lists the environments; ? shows every key") }
    }

    @Test func enterOnATableOpensWhoCanForThatTable() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.paneChosen(.tables))
        let env = Fixture.production
        store.send(.selectionOpened) {
            $0.screens = [.browser, .whoCan]
            $0.whoCan.table = "account"
            $0.whoCan.field = .results
            let answer = AccessIndex(environment: env).whoCan(table: "account", operation: .read, minimumLevel: .user)
            $0.whoCan.answer = answer
            $0.whoCan.results = ListState(rows: answer.users.map(\.userId) + answer.dormantUsers.map(\.userId))
        }
    }

    @Test func enterOnAProfileOpensTheProfileEditor() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.paneChosen(.profiles))
        store.send(.selectionOpened) {
            $0.screens = [.browser, .profileEditor]
            $0.profileEditor = ProfileEditorState(profileId: Fixture.financeProfile, columns: ["fab_payment.fab_iban"])
        }
    }

    @Test func screensRequestedByKeyArePushedOnce() {
        var store = TestStore(Fixture.browserState())
        store.send(.screenRequested(.pendingChanges)) { $0.screens = [.browser, .pendingChanges] }
        store.send(.screenRequested(.pendingChanges))
        store.send(.screenRequested(.environmentSettings)) { $0.screens = [.browser, .pendingChanges, .environmentSettings] }
        store.send(.screenRequested(.environmentPicker)) {
            $0.screens = [.browser, .pendingChanges, .environmentSettings, .environmentPicker]
        }
        store.send(.backRequested) { $0.screens = [.browser, .pendingChanges, .environmentSettings] }
        store.send(.screenRequested(.browser)) { $0.screens = [.browser] }
        store.send(.screenRequested(.roleEditor)) { $0.status = .warning("Select a role first") }
    }

    /// `e` lists the environments over the open one: Esc, or Enter on the same environment, goes
    /// back to it as it was left; another environment opens afresh.
    @Test func theEnvironmentListKeepsTheOpenEnvironmentUnderIt() throws {
        var store = TestStore(Fixture.browserState())
        store.prepare(.paneChosen(.roles))
        store.prepare(.cursorMoved(.down))
        let before = store.state
        store.send(.screenRequested(.environmentPicker)) { $0.screens = [.browser, .environmentPicker] }
        store.send(.backRequested) { $0 = before }
        store.prepare(.screenRequested(.environmentPicker))
        store.send(.selectionOpened) { $0 = before }
        store.prepare(.screenRequested(.environmentPicker))
        let other = try #require(store.state.environments.rows.firstIndex { $0 != Fixture.prod })
        store.modify { $0.environments.cursor = other }
        store.prepare(.selectionOpened)
        #expect(store.state.screens == [.browser] && store.state.environmentId != Fixture.prod)
        #expect(store.state.lists[.roles]?.cursor == 0)
    }

    @Test func settingsCursorMovesWithinTheFields() {
        var store = TestStore(Fixture.browserState())
        store.prepare(.screenRequested(.environmentSettings))
        store.send(.cursorMoved(.down)) { $0.settingsCursor = 1 }
        store.send(.cursorMoved(.bottom)) { $0.settingsCursor = SettingsField.allCases.count - 1 }
        store.send(.cursorMoved(.down))
        store.send(.cursorMoved(.top)) { $0.settingsCursor = 0 }
    }

    @Test func resizingKeepsTheCursorVisible() {
        var state = Fixture.browserState(size: Size(width: 120, height: 40))
        state.lists[.users]?.rows = (0..<100).map { "u\($0)" }
        var store = TestStore(state)
        store.send(.cursorMoved(.bottom)) {
            $0.lists[.users]?.cursor = 99
            $0.lists[.users]?.top = 67
        }
        store.send(.terminalResized(Size(width: 80, height: 24))) {
            $0.size = Size(width: 80, height: 24)
            $0.lists[.users]?.top = 83
        }
        store.send(.terminalResized(Size(width: 30, height: 8))) {
            $0.size = Size(width: 30, height: 8)
            $0.lists[.users]?.top = 99
        }
    }

    /// Too small to draw: no key acts out of sight; q quits only when nothing is unsaved.
    @Test func aTerminalTooSmallTakesOnlyQ() {
        var store = TestStore(Fixture.browserState(size: Size(width: 40, height: 10)))
        store.send(.cursorMoved(.down))
        store.send(.userDisabledToggled)
        store.send(.deletionRequested)
        store.modify {
            _ = reduce(&$0, .terminalResized(Size(width: 80, height: 24)))
            _ = reduce(&$0, .userDisabledToggled)
            _ = reduce(&$0, .terminalResized(Size(width: 40, height: 10)))
        }
        #expect(store.state.history.pendingCount == 1)
        store.send(.quitRequested(force: false))
        #expect(
            screen(store.state).lines.joined(separator: " ").split(separator: " ").joined(separator: " ").contains(
                "save or discard 1 unsaved change"))
        var clean = TestStore(Fixture.browserState(size: Size(width: 40, height: 10)))
        clean.send(.quitRequested(force: false), effects: [.quit]) { $0.hasQuit = true }
    }

    @Test func panelsScrollWithJAndKUntilTheNextKey() {
        // 16 rows: the details of the first user are longer than their panel.
        var store = TestStore(Fixture.browserState(size: Size(width: 80, height: 16)))
        #expect(screen(store.state).lines.contains { $0.contains("more line") })
        store.send(.detailScrolled(3)) { $0.detailScroll = 3 }
        store.send(.detailScrolled(-10)) { $0.detailScroll = 0 }
        store.send(.detailScrolled(3)) { $0.detailScroll = 3 }
        store.send(.cursorMoved(.down)) {
            $0.detailScroll = 0
            $0.lists[.users]?.cursor = 1
        }
        #expect(KeyMap.action(for: .char("J"), in: store.state) == .detailScrolled(3))
        #expect(KeyMap.action(for: .char("K"), in: store.state) == .detailScrolled(-3))
    }

    /// J stops where the last line shows, so K after holding J moves the text at once.
    @Test func panelScrollingStopsWhereTheLastLineShows() {
        var store = TestStore(Fixture.browserState(size: Size(width: 80, height: 16)))
        for _ in 0..<40 { store.prepare(.detailScrolled(3)) }
        let end = store.state.detailScroll
        #expect(end > 0)
        #expect(!screen(store.state).lines.contains { $0.contains("more line") })
        var oneBefore = store.state
        oneBefore.detailScroll = end - 1
        #expect(screen(oneBefore).lines.contains { $0.contains("2 more lines") })
        let atEnd = screen(store.state).lines
        store.send(.detailScrolled(-3)) { $0.detailScroll = end - 3 }
        #expect(screen(store.state).lines != atEnd)
        // A panel shorter than its rectangle does not scroll at all.
        var tall = TestStore(Fixture.browserState(size: Size(width: 80, height: 60)))
        tall.send(.detailScrolled(3))
        #expect(!screen(tall.state).lines.contains { $0.contains("more line") })
    }

    /// End shows the help's very last line (the [I] note), and Up after it moves at once.
    @Test func helpScrollingStopsAtTheEnd() throws {
        var store = TestStore(Fixture.browserState())
        store.prepare(.helpRequested)
        store.prepare(.cursorMoved(.bottom))
        let last = try #require(store.state.help?.top)
        let atEnd = screen(store.state).lines
        #expect(atEnd.contains { $0.contains("[I] marks a rule dvsec infers") })
        #expect(!atEnd.contains { $0.contains("more line") })
        #expect(atEnd.contains { $0.contains(":q!") })
        store.send(.cursorMoved(.down))
        store.send(.cursorMoved(.up)) { $0.help?.top = last - 1 }
        #expect(screen(store.state).lines.contains { $0.contains("more lines") })
        // A page is the rows the overlay shows, less one kept from the previous page.
        store.send(.cursorMoved(.pageUp)) { $0.help?.top = last - 1 - (24 - 2 - 2 - 2 - 1) }
    }

    @Test func helpOpensScrollsSearchesAndCloses() {
        var store = TestStore(Fixture.browserState())
        store.send(.helpRequested) { $0.help = HelpState() }
        store.send(.cursorMoved(.down)) { $0.help?.top = 1 }
        store.send(.textTyped("u")) { $0.help = HelpState(search: "u", top: 0) }
        store.send(.textErased) { $0.help = HelpState(search: "", top: 0) }
        store.send(.quitRequested(force: false))
        store.send(.backRequested) { $0.help = nil }
    }
}
