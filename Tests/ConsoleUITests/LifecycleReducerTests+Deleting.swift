import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Deleting: the question, what goes with each kind, and refusals.
extension LifecycleReducerTests {
    @Test func deletingARoleAsksWhoLosesItAndYesDeletesThenUndoGivesItBack() {
        var store = store(on: .roles)
        store.prepare(.cursorMoved(.down))
        let change = Change.deleteRole(environment: e, role: Fixture.salesperson)
        store.send(.deletionRequested) {
            $0.dialog = .confirmDeletion(
                DeletionQuestion(
                    change: change, title: "Delete role Salesperson?",
                    consequences: "2 users hold it; they lose it."))
        }
        let effects = store.effects(of: .dialogAnswered(.delete))
        #expect(asWritten(effects) == [.appendJournal(change)])
        #expect(store.state.dialog == nil)
        #expect(store.state.environment?.roles[Fixture.salesperson] == nil)
        #expect(store.state.environment?.users[Fixture.alex]?.roleIds == [Fixture.basic])
        #expect(!store.state.list(.roles).rows.contains(Fixture.salesperson))
        #expect(store.state.status == .success("Deleted role Salesperson"))
        // The live impact on the pending list names the people who lose access.
        store.prepare(.screenRequested(.pendingChanges))
        #expect(store.state.pendingImpact?.comparisons.contains { !$0.impacts.isEmpty } == true)
        store.prepare(.undoRequested)
        #expect(store.state.snapshot == Fixture.snapshot)
        #expect(store.state.list(.roles).rows.contains(Fixture.salesperson))
    }

    @Test func deletionQuestionsSayWhatGoesWithTeamsProfilesAndBusinessUnits() {
        var teams = store(on: .teams)
        for _ in 0..<2 { teams.prepare(.cursorMoved(.down)) }
        teams.prepare(.deletionRequested)
        #expect(
            teams.state.dialog
                == .confirmDeletion(
                    DeletionQuestion(
                        change: .deleteTeam(environment: e, team: Fixture.salesTeam), title: "Delete team Sales EU (Owner, BU Sales EU)?",
                        consequences: "Its 2 members lose what it gives them: role Seller.")))
        teams.prepare(.dialogAnswered(.delete))
        #expect(teams.state.environment?.teams[Fixture.salesTeam] == nil)

        var profiles = store(on: .profiles)
        profiles.prepare(.deletionRequested)
        #expect(
            profiles.state.dialog
                == .confirmDeletion(
                    DeletionQuestion(
                        change: .deleteProfile(environment: e, profile: Fixture.financeProfile),
                        title: "Delete field security profile Finance Profile?",
                        consequences: "1 user loses its permissions on 1 column.")))
        profiles.prepare(.dialogAnswered(.delete))
        #expect(profiles.state.environment?.fieldSecurityProfiles[Fixture.financeProfile] == nil)
        profiles.prepare(.undoRequested)
        #expect(profiles.state.snapshot == Fixture.snapshot)

        // A business unit of its own, created with its default team (as Dataverse makes every
        // unit: a review found `:new bu` made none), then deleted: the team goes with it.
        var units = store(on: .businessUnits)
        units.prepare(.commandEntered("new bu Nordics"))
        let id = units.state.selectedId!
        units.prepare(.commandEntered("delete"))
        #expect(
            units.state.dialog
                == .confirmDeletion(
                    DeletionQuestion(
                        change: .deleteBusinessUnit(environment: e, businessUnit: id), title: "Delete business unit Nordics?",
                        consequences: "Its default team Nordics goes with it.")))
        #expect(units.state.environment?.teams.values.contains { $0.businessUnitId == id && $0.isDefault } == true)
        units.prepare(.dialogAnswered(.delete))
        #expect(units.state.environment?.businessUnits[id] == nil)
        #expect(units.state.environment?.teams.values.contains { $0.businessUnitId == id } == false)
        #expect(
            units.state.history.unsaved.map(\.summary) == [
                "Created business unit Nordics (with its default team)", "Deleted business unit Nordics",
            ])
        // Undone twice: the unit and its team are gone, as before.
        units.prepare(.undoRequested)
        units.prepare(.undoRequested)
        #expect(units.state.snapshot == Fixture.snapshot)
    }

    @Test func noEnterAndEscKeepWhatTheQuestionWouldDelete() {
        for answer: Action in [.dialogAnswered(.keep), .backRequested, .inputSubmitted] {
            var store = store(on: .roles)
            store.prepare(.cursorMoved(.down))
            let before = store.state
            store.prepare(.deletionRequested)
            #expect(store.state.dialog != nil)
            store.send(answer) {
                $0 = before
                $0.status = StatusMessage("Kept: nothing deleted (answered no: Delete role Salesperson?)")
            }
        }
    }

    @Test func theDomainsRefusalIsShownAndNothingIsAsked() {
        let refusals: [(Pane, Int, String)] = [
            (.roles, 3, "System Administrator is a built-in role and cannot be deleted"),
            (.businessUnits, 0, "the root business unit cannot be deleted"),
            (.businessUnits, 1, "Europe has child business units: move or delete them first"),
            (.businessUnits, 3, "Service still has users: move them first"),
        ]
        for (pane, downs, message) in refusals {
            var store = store(on: pane)
            for _ in 0..<downs { store.prepare(.cursorMoved(.down)) }
            store.send(.deletionRequested) { $0.status = .error(message) }
        }
    }

    @Test func usersAndTablesCannotBeCreatedHereAndReadOnlyRefusesEverything() {
        var users = store(on: .users)
        users.send(.creationRequested) {
            $0.status = StatusMessage("n creates a business unit, team, role or profile: open one of those lists (1, 3, 4, 5)")
        }
        users.send(.deletionRequested) { $0.status = StatusMessage("Select a business unit, team, role or profile to delete (D)") }
        var readOnly = store(on: .roles, readOnly: true)
        for action: Action in [.creationRequested, .renameRequested, .deletionRequested, .roleCopyRequested] {
            readOnly.send(action) { $0.status = .error("read-only: opened with --read-only; nothing can be changed") }
        }
    }
}
