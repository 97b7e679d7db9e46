import Foundation
import Testing

@testable import SecurityModel

/// Users arrays of 20,000 or more are parsed on both cores; the result and the error places must
/// be exactly those of the one-core path.
@Suite("Parallel loading of large user arrays")
struct ParallelLoadTests {
    static let large = SnapshotGenerator.generate(users: 24_000, teams: 60, roles: 10, tables: 12, seed: 3)

    @Test func aLargeSnapshotLoadsToTheSameModel() throws {
        let bytes = SnapshotWriter.data(for: Self.large)
        #expect(try SnapshotReader.read(bytes) == Self.large)
    }

    @Test func problemsInTheSecondHalfKeepTheirFilePosition() throws {
        var snapshot = Self.large
        let env = snapshot.sortedEnvironments[0]
        let ids = env.users.keys.sorted()
        let late = ids[20_000]  // users are written sorted by id: this one is in the second half
        snapshot.environments[env.id]?.users[late]?.businessUnitId = "nowhere"
        do {
            _ = try SnapshotReader.read(SnapshotWriter.data(for: snapshot))
            Issue.record("expected a problem")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.path == "environments[0].users[20000].businessUnit")
        }
    }

    @Test func aSyntaxErrorInTheSecondHalfIsReportedAtItsLine() throws {
        var text = String(decoding: SnapshotWriter.data(for: Self.large), as: UTF8.self)
        let marker = try #require(text.range(of: "\"name\": \"User 23000\""))
        text.replaceSubrange(marker, with: "\"name\": \"User 23000\",,")
        let line = text[..<marker.lowerBound].filter { $0 == "\n" }.count + 1
        do {
            _ = try SnapshotReader.read(Data(text.utf8))
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.problems.first?.line == line)
            #expect(error.problems.first?.path.hasPrefix("environments[0].users[") == true)
        }
    }
}
