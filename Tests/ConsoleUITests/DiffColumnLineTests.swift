import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// A column line on the diff screens names its route, as the CLI and the table lines do (a
/// go-live review found `account.creditlimit Update: not allowed → allowed` with no path).
@Suite("Diff screens: column lines")
struct DiffColumnLineTests {
    @Test func aColumnLineNamesTheProfileThatAllowsIt() throws {
        let base = try #require(Fixture.snapshot.environments[Fixture.prod])
        var target = base
        target.fieldSecurityProfiles[Fixture.financeProfile]?.userIds.insert(Fixture.diego)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impacts.first { $0.userId == Fixture.diego }?.columnChanges.first)
        #expect(DiffWords.columnChange(line).hasSuffix(" (via profile \"Finance Profile\")"), "\(DiffWords.columnChange(line))")
    }
}
