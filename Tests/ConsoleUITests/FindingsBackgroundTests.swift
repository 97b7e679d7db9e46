import ConsoleUI
import Foundation
import SecurityModel
import TerminalCore
import Testing

/// The go-live checks of a large organisation run in the background (found by a scale review:
/// `F` blocked about 0.4 s on 100,000 users): the screen says "Checking…" and keys are answered
/// meanwhile; checks of a model an edit has since moved on from are not shown.
@Suite("Findings: checked in the background in a large organisation")
@MainActor
struct FindingsBackgroundTests {
    func domainFindings(_ state: AppState) throws -> [Finding] {
        GoLiveChecks.run(try #require(state.environment))
    }

    func text(_ state: AppState) -> String { screen(state).lines.joined(separator: "\n") }

    @Test func aLargeOrganisationIsCheckedInTheBackground() throws {
        var state = Fixture.browserState(size: Size(width: 120, height: 30))
        state.backgroundImpactUsers = 0
        let effects = reduce(&state, .screenRequested(.findings))
        let key = FindingsKey(environmentId: try #require(state.environmentId), generation: state.modelGeneration)
        #expect(effects == [.checkFindings(key)])
        #expect(state.screen == .findings)
        #expect(state.findings?.checking == key && state.findings?.findings.isEmpty == true)
        #expect(text(state).contains("Checking the go-live rules…"))
        // Keys are answered meanwhile; asking again does not ask twice.
        #expect(reduce(&state, .cursorMoved(.down)).isEmpty)
        reduce(&state, .backRequested)
        #expect(state.screen != .findings)
        #expect(reduce(&state, .screenRequested(.findings)).isEmpty)
        #expect(state.findings?.checking == key)
        // They arrive: shown, in the CLI's order, on the first row.
        let all = try domainFindings(state)
        #expect(!all.isEmpty)
        reduce(&state, .findingsChecked(key, all, index: CachedIndex()))
        #expect(state.findings?.checking == nil)
        #expect(state.findings?.findings == all)
        #expect(state.findings?.list.rows.count == all.count && state.findings?.list.cursor == 0)
        #expect(!text(state).contains("Checking"))
        #expect(text(state).contains(all[0].ruleId) && text(state).contains("Go-live findings (\(all.count))"))
        // Open again with no edit: nothing more to check.
        reduce(&state, .backRequested)
        #expect(reduce(&state, .screenRequested(.findings)).isEmpty)
        #expect(state.findings?.findings == all)
    }

    @Test func checksArrivingAfterTheUserLeftDoNotPullTheScreenBack() throws {
        var state = Fixture.browserState()
        state.backgroundImpactUsers = 0
        reduce(&state, .screenRequested(.findings))
        let key = try #require(state.findings?.checking)
        reduce(&state, .backRequested)
        let left = state.screen
        #expect(left != .findings)
        reduce(&state, .findingsChecked(key, try domainFindings(state), index: CachedIndex()))
        #expect(state.screen == left)
        // Back on F: shown at once, with no new check.
        #expect(reduce(&state, .screenRequested(.findings)).isEmpty)
        #expect(state.findings?.findings == (try domainFindings(state)))
    }

    @Test func checksFromBeforeAnEditAreDropped() throws {
        var state = Fixture.browserState()
        state.backgroundImpactUsers = 0
        reduce(&state, .screenRequested(.findings))
        let old = try #require(state.findings?.checking)
        let stale = try domainFindings(state)
        // An edit meanwhile: disabling Alex, from the user's access; then F again.
        reduce(&state, .backRequested)
        let name = try #require(state.environment?.users[Fixture.alex]?.name)
        reduce(&state, .commandEntered("user \(name)"))
        reduce(&state, .userDisabledToggled)
        #expect(state.environment?.users[Fixture.alex]?.isDisabled == true)
        let effects = reduce(&state, .screenRequested(.findings))
        let fresh = try #require(state.findings?.checking)
        #expect(fresh.generation > old.generation && effects == [.checkFindings(fresh)])
        reduce(&state, .findingsChecked(old, stale, index: CachedIndex()))
        #expect(state.findings?.checking == fresh && state.findings?.findings.isEmpty == true)
        let now = try domainFindings(state)
        reduce(&state, .findingsChecked(fresh, now, index: CachedIndex()))
        #expect(state.findings?.findings == now)
    }

    /// Through the effect runner: the findings come back from another thread as an action, the
    /// same as the domain's, and the access index they used is kept for who-can.
    @Test func theEffectRunnerChecksOffTheLoop() throws {
        var state = Fixture.browserState()
        state.backgroundImpactUsers = 0
        let effects = reduce(&state, .screenRequested(.findings))
        let runner = EffectRunner(environment: [:], themeCatalog: ThemeCatalog(environment: [:], shippedSearchDirectories: []))
        for effect in effects { #expect(runner.perform(effect, state: state).isEmpty) }
        #expect(runner.waitForBackgroundWork(timeout: 20))
        let actions = runner.collectBackgroundResults()
        #expect(actions.count == 1)
        for action in actions { reduce(&state, action) }
        #expect(state.findings?.checking == nil)
        #expect(state.findings?.findings == (try domainFindings(state)))
        #expect(state.whoCan.index.generation == state.modelGeneration && state.whoCan.index.index != nil)
    }

    /// A small organisation is checked at once, as before.
    @Test func aSmallOrganisationIsCheckedAtOnce() throws {
        var state = Fixture.browserState()
        #expect(reduce(&state, .screenRequested(.findings)).isEmpty)
        #expect(state.findings?.checking == nil)
        #expect(state.findings?.findings == (try domainFindings(state)))
    }
}
