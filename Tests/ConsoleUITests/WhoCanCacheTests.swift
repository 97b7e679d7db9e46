import ConsoleUI
import Foundation
import SecurityModel
import TerminalCore
import Testing

/// Who-can at scale (found by a scale review): a question asked again at the same model is
/// answered from the answers kept, not by the domain again (a table most of 100,000 users reach
/// took 1.0–1.5 s each time); any edit, undo or reload asks the domain again; a large
/// organisation is answered in the background, the results saying "Computing…" meanwhile.
@Suite("Who-can: answers kept, and computed in the background")
@MainActor
struct WhoCanCacheTests {
    func domainAnswer(_ state: AppState, _ table: String, _ operation: TableOperation, _ level: AccessLevel = .user) -> WhoCanAnswer? {
        state.environment.map { AccessIndex(environment: $0).whoCan(table: table, operation: operation, minimumLevel: level) }
    }

    @Test func theSameQuestionAgainIsAnsweredWithoutTheDomain() throws {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("who-can account delete"))
        #expect(state.whoCan.answers.computed == 1)
        let first = try #require(state.whoCan.answer)
        // o and O: another question, then the first one again.
        reduce(&state, .whoCanOperationCycled(forward: true))
        #expect(state.whoCan.operation != .delete)
        #expect(state.whoCan.answers.computed == 2)
        reduce(&state, .whoCanOperationCycled(forward: false))
        #expect(state.whoCan.answers.computed == 2)
        #expect(state.whoCan.answer == first)
        // Leaving and asking again (the editor's Enter on a cell does the same).
        reduce(&state, .backRequested)
        reduce(&state, .commandEntered("who-can account delete"))
        #expect(state.whoCan.answers.computed == 2)
        #expect(state.whoCan.answer == first)
        #expect(state.whoCan.answer == domainAnswer(state, "account", .delete))
        #expect(state.whoCan.results.rows.contains(Fixture.alex))
    }

    @Test func anEditAndItsUndoAskTheDomainAgain() throws {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("who-can account delete"))
        let before = try #require(state.whoCan.answer)
        #expect(before.users.contains { $0.userId == Fixture.alex })
        let alex = try #require(state.whoCan.results.rows.firstIndex(of: Fixture.alex))
        state.whoCan.results.cursor = alex
        reduce(&state, .selectionOpened)
        reduce(&state, .userDisabledToggled)
        reduce(&state, .backRequested)
        reduce(&state, .backRequested)
        #expect(state.screen == .whoCan)
        let computed = state.whoCan.answers.computed
        #expect(computed == 2)
        #expect(state.whoCan.answer == domainAnswer(state, "account", .delete))
        #expect(state.whoCan.answer?.dormantUsers.contains { $0.userId == Fixture.alex } == true)
        // Undone on the who-can screen: the model is as it was, but a new generation: asked again.
        reduce(&state, .undoRequested)
        #expect(state.whoCan.answers.computed == computed + 1)
        #expect(state.whoCan.answer == before)
    }

    @Test func aLargeOrganisationIsAnsweredInTheBackground() throws {
        var state = Fixture.browserState(size: Size(width: 120, height: 30))
        state.backgroundImpactUsers = 0
        let effects = reduce(&state, .commandEntered("who-can account delete"))
        let key = try #require(state.whoCan.computing)
        #expect(effects == [.computeWhoCan(key)])
        #expect(state.whoCan.answer == nil && state.whoCan.results.rows.isEmpty)
        #expect(state.whoCan.answers.computed == 0)
        #expect(screen(state).lines.joined(separator: "\n").contains("Computing…"))
        // Keys are answered meanwhile; asking the same question again does not ask twice.
        #expect(reduce(&state, .cursorMoved(.up)).isEmpty)
        #expect(state.whoCan.field == .minimumLevel)
        reduce(&state, .backRequested)
        #expect(reduce(&state, .commandEntered("who-can account delete")).isEmpty)
        #expect(state.whoCan.computing == key)
        // The answer arrives: shown, and kept.
        let env = try #require(state.environment)
        let result = key.answer(from: AccessIndex(environment: env))
        reduce(&state, .whoCanComputed(key, result, index: CachedIndex()))
        #expect(state.whoCan.computing == nil)
        #expect(state.whoCan.answer == domainAnswer(state, "account", .delete))
        #expect(state.whoCan.results.rows.contains(Fixture.alex))
        #expect(!screen(state).lines.joined(separator: "\n").contains("Computing…"))
        #expect(state.whoCan.answers.computed == 1)
        // Asked again: from the answers kept, with no work in the background.
        reduce(&state, .whoCanOperationCycled(forward: true))
        #expect(state.whoCan.computing != nil)
        #expect(reduce(&state, .whoCanOperationCycled(forward: false)).isEmpty)
        #expect(state.whoCan.computing == nil)
        #expect(state.whoCan.answer == domainAnswer(state, "account", .delete))
    }

    @Test func anAnswerToAnEarlierQuestionIsNotShown() throws {
        var state = Fixture.browserState()
        state.backgroundImpactUsers = 0
        reduce(&state, .commandEntered("who-can account delete"))
        let old = try #require(state.whoCan.computing)
        reduce(&state, .whoCanLevelCycled(forward: true))
        let asked = try #require(state.whoCan.computing)
        #expect(asked != old)
        let env = try #require(state.environment)
        reduce(&state, .whoCanComputed(old, old.answer(from: AccessIndex(environment: env)), index: CachedIndex()))
        #expect(state.whoCan.answer == nil && state.whoCan.computing == asked)
        #expect(screen(state).lines.joined(separator: "\n").contains("Computing…"))
        // Kept, though: going back to that question needs no work.
        #expect(reduce(&state, .whoCanLevelCycled(forward: false)).isEmpty)
        #expect(state.whoCan.answer == domainAnswer(state, "account", .delete))
    }

    @Test func anAnswerFromBeforeAnEditIsDropped() throws {
        var state = Fixture.browserState()
        state.backgroundImpactUsers = 0
        reduce(&state, .commandEntered("who-can account delete"))
        let old = try #require(state.whoCan.computing)
        let env = try #require(state.environment)
        let stale = old.answer(from: AccessIndex(environment: env))
        // An edit meanwhile (disabling Alex, from the user's access), then back to who-can.
        reduce(&state, .backRequested)
        let name = try #require(env.users[Fixture.alex]?.name)
        reduce(&state, .commandEntered("user \(name)"))
        #expect(state.screen == .effectiveAccess)
        reduce(&state, .userDisabledToggled)
        #expect(state.environment?.users[Fixture.alex]?.isDisabled == true)
        reduce(&state, .commandEntered("who-can account delete"))
        let fresh = try #require(state.whoCan.computing)
        #expect(fresh != old && fresh.generation > old.generation)
        reduce(&state, .whoCanComputed(old, stale, index: CachedIndex()))
        #expect(state.whoCan.answer == nil && state.whoCan.computing == fresh)
        let now = try #require(state.environment)
        reduce(&state, .whoCanComputed(fresh, fresh.answer(from: AccessIndex(environment: now)), index: CachedIndex()))
        #expect(state.whoCan.answer?.dormantUsers.contains { $0.userId == Fixture.alex } == true)
    }

    /// Through the effect runner: the answer comes back from another thread as an action.
    @Test func theEffectRunnerAnswersOffTheLoop() throws {
        var state = Fixture.browserState()
        state.backgroundImpactUsers = 0
        let effects = reduce(&state, .commandEntered("who-can account read"))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        for effect in effects { #expect(runner.perform(effect, state: state).isEmpty) }
        #expect(runner.waitForBackgroundWork(timeout: 20))
        let actions = runner.collectBackgroundResults()
        #expect(actions.count == 1)
        for action in actions { reduce(&state, action) }
        #expect(state.whoCan.computing == nil)
        #expect(state.whoCan.answer == domainAnswer(state, "account", .read))
        // The index it was computed from is kept for the next question.
        #expect(state.whoCan.index.generation == state.modelGeneration && state.whoCan.index.index != nil)
    }

    /// The rows' entries come from an index built once per answer: the same entries the answer
    /// lists, each marked as it is listed.
    @Test func rowEntriesMatchTheAnswer() throws {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("who-can account delete"))
        let answer = try #require(state.whoCan.answer)
        #expect(!answer.dormantUsers.isEmpty || !answer.readAccessModeUsers.isEmpty || !answer.users.isEmpty)
        for e in answer.users { #expect(state.whoCan.rowIndex[e.userId]?.entry == e && state.whoCan.rowIndex[e.userId]?.kind == .active) }
        for e in answer.dormantUsers {
            #expect(state.whoCan.rowIndex[e.userId]?.entry == e && state.whoCan.rowIndex[e.userId]?.kind == .dormant)
        }
        for e in answer.readAccessModeUsers {
            #expect(state.whoCan.rowIndex[e.userId]?.entry == e && state.whoCan.rowIndex[e.userId]?.kind == .readAccessMode)
        }
        #expect(state.whoCan.entry(for: "nobody") == nil)
        reduce(&state, .commandEntered("who-can fab_payment read"))
        reduce(&state, .whoCanModeToggled)
        let column = try #require(state.whoCan.columnAnswer)
        for e in column.users + column.dormantUsers + column.readAccessModeUsers {
            #expect(state.whoCan.columnEntry(for: e.userId) == column.entry(for: e.userId))
        }
    }
}
