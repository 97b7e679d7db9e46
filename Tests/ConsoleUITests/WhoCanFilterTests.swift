import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// The who-can list's `/` filter matches a row's name and domain name, as the users list does;
/// it now reads the users list's lower-cased keys instead of lower-casing every row at each key
/// (found by a scale review: 115-169 ms a key at 98,000 rows). Which rows match must not change.
@Suite struct WhoCanFilterTests {
    func filtered(_ state: inout AppState, _ filter: String) -> [String] {
        state.whoCan.results.filter = filter
        state.refreshWhoCanRows()
        return state.whoCan.results.rows
    }

    /// What the filter meant before: the row's "name domain" lower-cased contains the filter lower-cased.
    func expected(_ state: AppState, _ filter: String) -> [String] {
        let env = state.environment!
        let answer = state.whoCan.answer!
        let all = (answer.users + (state.whoCan.includeDormant ? answer.dormantUsers + answer.readAccessModeUsers : [])).map(\.userId)
        guard !filter.isEmpty else { return all }
        return all.filter { id in env.users[id].map { ($0.name + " " + $0.domainName).lowercased().contains(filter.lowercased()) } ?? false
        }
    }

    @Test func theFilterMatchesNamesAndDomainNamesAsBefore() throws {
        var s = Fixture.browserState(size: Size(width: 120, height: 40))
        reduce(&s, .commandEntered("who-can account read"))
        #expect(s.whoCan.answer != nil && s.whoCan.includeDormant)
        for filter in ["a", "ALEX", "wilber", "@", "fabrikam", "n w", "zzz", "é"] {
            #expect(filtered(&s, filter) == expected(s, filter), "\(filter)")
        }
        #expect(filtered(&s, "") == expected(s, ""))
        #expect(filtered(&s, "").count == 4)
        // Users keep their names between reloads (no edit renames one), and a reload builds the
        // list's keys again: the keys the filter reads are the names the rows show.
    }
}

/// F runs the checks with the access index who-can keeps for the model's state, and keeps it for
/// who-can: on 100,000 users the index was about half of F's first half second (a scale review).
@Suite struct FindingsShareTheAccessIndexTests {
    @Test func findingsBuildOrReuseTheKeptIndex() throws {
        var s = Fixture.browserState(size: Size(width: 120, height: 40))
        #expect(s.whoCan.index.index == nil)
        reduce(&s, .screenRequested(.findings))
        #expect(s.findings?.findings.isEmpty == false)
        #expect(s.whoCan.index.index != nil && s.whoCan.index.generation == s.modelGeneration)
        #expect(s.whoCan.index.environmentId == s.environmentId)
        // The same findings as the checks with an index of their own (`dvsec check`).
        let env = try #require(s.environment)
        #expect(s.findings?.findings == GoLiveChecks.run(env))
    }
}
