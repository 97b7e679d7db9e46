import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// `c` on a user or team: which business unit's copy of a role it holds, with modernized
/// business units (Local and Deep reach that unit).
@Suite("Reducer: the role copy a user or team holds")
struct RoleCopyReducerTests {
    let e = Fixture.prod

    func store(modernized: Bool, on pane: Pane = .users, _ id: String = Fixture.diego) -> TestStore {
        var state = Fixture.browserState(size: Size(width: 120, height: 30))
        state.snapshot.environments[Fixture.prod]?.settings.modernizedBusinessUnits = modernized
        var store = TestStore(state)
        store.prepare(.paneChosen(pane))
        let index = store.state.list(pane).rows.firstIndex(of: id)!
        store.modify { $0.lists[pane]?.cursor = index }
        return store
    }

    @Test func classicBusinessUnitsOfferNoChoice() {
        var store = store(modernized: false)
        store.send(.roleCopyUnitRequested) {
            $0.status = StatusMessage(
                "Classic business units: a user or team holds its own unit's copy of each role (turn on modernized business units with E to choose another)"
            )
        }
    }

    @Test func choosingAnotherUnitsCopyIsAnEditThatShowsAndUndoes() throws {
        var store = store(modernized: true)
        // Diego holds one role (Basic User, made at the root): straight to its units.
        store.prepare(.roleCopyUnitRequested)
        let picker = try #require(store.state.picker)
        #expect(picker.purpose == .roleCopyUnitOfUser(user: Fixture.diego, role: Fixture.basic))
        #expect(picker.items.map(\.id) == ["", Fixture.root, Fixture.europe, Fixture.salesEU, Fixture.service])
        #expect(picker.items.first?.kind == .defaultRoleCopy)
        #expect(picker.details?.first == "Fabrikam / Europe / Sales EU [I] · current")
        // The own unit, the default here: named, it gives the same access (an editing review found
        // the two offered as if they differed).
        #expect(picker.details?[3] == "Fabrikam / Europe / Sales EU · own unit · same access as the default")
        let change = Change.setUserRoleCopy(environment: e, user: Fixture.diego, role: Fixture.basic, businessUnit: Fixture.europe)
        store.modify { $0.picker?.cursor = 2 }
        store.send(.inputSubmitted, effects: [.appendJournal(change)]) {
            $0.picker = nil
            $0.expectEdit(change, summary: "Diego Siciliani: Basic User held from Fabrikam / Europe's copy (was the default copy [I])")
        }
        let text = screen(store.state).lines.joined(separator: "\n")
        #expect(text.contains("Basic User · copy of Fabrikam / Europe"))
        #expect(text.contains("m mode · c role"))
        store.prepare(.undoRequested)
        #expect(store.state.snapshot.environments[e]?.users[Fixture.diego]?.roleBusinessUnitIds.isEmpty == true)
    }

    /// Found by an editing review: the copy held before was named by its raw id ("(was
    /// 80f587c8-…'s copy)"), the names kept from before the edit lacking business units. Both
    /// copies are named by the unit's path, as the diff names them.
    @Test func theCopyHeldBeforeIsNamedByItsPath() throws {
        var store = store(modernized: true)
        store.prepare(.roleCopyUnitRequested)
        store.modify { $0.picker?.cursor = 2 }
        store.prepare(.inputSubmitted)
        store.prepare(.roleCopyUnitRequested)
        let items = try #require(store.state.picker?.items.map(\.id))
        let service = try #require(items.firstIndex(of: Fixture.service))
        store.modify { $0.picker?.cursor = service }
        store.prepare(.inputSubmitted)
        let summary = try #require(store.state.history.unsaved.last?.summary)
        #expect(summary.hasSuffix("(was Fabrikam / Europe's copy)"), "\(summary)")
        #expect(!summary.contains(Fixture.europe), "\(summary)")
    }

    @Test func aUserHoldingSeveralRolesPicksTheRoleFirst() throws {
        var store = store(modernized: true, Fixture.alex)
        store.prepare(.roleCopyUnitRequested)
        #expect(store.state.picker?.purpose == .roleCopyOfUser(user: Fixture.alex))
        #expect(store.state.picker?.items.map(\.kind) == [.role, .role])
        store.prepare(.inputSubmitted)
        let role = try #require(store.state.snapshot.environments[e]?.roles.values.first { $0.name == "Basic User" })
        #expect(store.state.picker?.purpose == .roleCopyUnitOfUser(user: Fixture.alex, role: role.id))
    }

    @Test func aTeamsRoleToo() {
        var store = store(modernized: true, on: .teams, Fixture.salesTeam)
        store.prepare(.roleCopyUnitRequested)
        #expect(store.state.picker?.purpose == .roleCopyUnitOfTeam(team: Fixture.salesTeam, role: Fixture.seller))
    }
}
