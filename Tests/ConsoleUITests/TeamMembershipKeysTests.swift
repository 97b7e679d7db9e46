import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// A team whose members come from elsewhere (its Entra group, its business unit) offers no key
/// to change them (found by a console review: "+ add member" was offered, then refused).
@Suite("Reducer: keys of teams whose members come from elsewhere")
struct TeamMembershipKeysTests {
    let e = Fixture.prod

    /// The browser on the teams pane, with a group team whose Entra group is "SG-Dynamics-Users"
    /// (Dataverse's cached member list names Diego), `team` selected.
    func store(_ team: String) throws -> TestStore {
        var state = Fixture.browserState(size: Size(width: 140, height: 30))
        _ = try state.snapshot.apply(
            .createTeam(
                environment: e,
                team: Team(
                    id: "t-group", name: "Group Desk", businessUnitId: Fixture.root, type: .entraSecurityGroup, entraGroupId: "g-all",
                    memberIds: [Fixture.diego], roleIds: [Fixture.basic])))
        state.openEnvironment(e)
        reduce(&state, .paneChosen(.teams))
        state.selectInBrowser(team)
        return TestStore(state)
    }

    func details(_ store: TestStore) -> String { screen(store.state).lines.joined(separator: "\n") }

    @Test func aGroupTeamSaysItsMembersComeFromTheGroup() throws {
        var store = try store("t-group")
        let text = details(store)
        #expect(!text.contains("+ add member") && text.contains("x remove a role"), "\(text)")
        #expect(text.contains("Members come from the Entra group: change them there"), "\(text)")
        store.prepare(.memberAdditionRequested)
        #expect(store.state.picker == nil)
        #expect(
            store.state.status
                == .error(
                    "Group Desk is a group team: its membership comes from Entra group 'SG-Dynamics-Users'; change the group's members in Entra instead"
                ))
        // x offers its roles only: its cached members cannot be removed here.
        store.prepare(.removalRequested)
        #expect(store.state.picker?.title == "Remove a role from team Group Desk")
        #expect(store.state.picker?.items.map(\.id) == [Fixture.basic])
    }

    @Test func aDefaultTeamOffersNoMemberKey() throws {
        var store = try store(Fixture.defaultSales)
        let text = details(store)
        #expect(!text.contains("+ add member") && text.contains("a assign role · x remove a role"), "\(text)")
        store.prepare(.memberAdditionRequested)
        #expect(store.state.status == .error("Sales EU (default) is a default team: its members are the users of its business unit"))
    }

    @Test func anOwnerTeamStillDoesAndAnAccessTeamAssignsNoRole() throws {
        let owner = try store(Fixture.salesTeam)
        #expect(details(owner).contains("Enter team's access · a assign role · + add member · x remove"))
        let access = try store(Fixture.dealRoom)
        let text = details(access)
        #expect(text.contains("Enter team's access · + add member · x remove") && !text.contains("a assign role"), "\(text)")
    }
}
