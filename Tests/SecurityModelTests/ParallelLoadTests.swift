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

    /// An environment whose `key` array has `count` elements made by `element(i)`.
    private func document(_ key: String, _ count: Int, separator: String = ",", _ element: (Int) -> String) -> Data {
        let items = (0..<count).map(element).joined(separator: separator)
        return Data(
            #"{"format":"dvsec-snapshot","version":1,"environments":[{"id":"e","name":"e","type":"sandbox","\#(key)":[\#(items)]}]}"#
                .utf8)
    }

    private func problems(_ data: Data) -> [SnapshotProblem]? {
        do {
            _ = try SnapshotReader.read(data)
            return nil
        } catch {
            return error.problems
        }
    }

    /// Two objects without a comma and a number, in arrays large enough for both cores: a syntax
    /// error like the one-core path gives, never a crash.
    @Test func malformedLargeArraysAreSyntaxErrors() throws {
        for (key, count) in [("roles", 200), ("entraGroups", 200), ("teams", 2_000)] {
            let glued = document(key, count) { $0 == 0 ? "{}{}" : ($0 == count - 1 ? "0" : "{}") }
            let found = try #require(problems(glued), "\(key)")
            #expect(found.first?.message.contains("expected ',' or ']'") == true, "\(key): \(found.first?.description ?? "")")
            let small = try #require(problems(document(key, 3) { $0 == 0 ? "{}{}" : ($0 == 2 ? "0" : "{}") }))
            #expect(found.first?.message == small.first?.message, "\(key)")
        }
    }

    @Test func aTrailingOrDoubledCommaInALargeArrayIsAnError() throws {
        let group: (Int) -> String = { #"{"id":"g\#($0)","name":"G\#($0)"}"# }
        // A syntax error has a line and column; the well-formed document only lacks a business
        // unit (a problem of the environment: the line where it starts, no column).
        let trailing = document("entraGroups", 250) { group($0) + ($0 == 249 ? "," : "") }
        #expect(problems(trailing)?.first?.line != nil && problems(trailing)?.first?.column != nil)
        let doubled = document("entraGroups", 250) { group($0) + ($0 == 100 ? "," : "") }
        #expect(problems(doubled)?.first?.line != nil && problems(doubled)?.first?.column != nil)
        let wellFormed = try #require(problems(document("entraGroups", 250, group)))
        #expect(!wellFormed.isEmpty && wellFormed.allSatisfy { $0.column == nil }, "\(wellFormed)")
    }

    /// Problems found in elements before the one that cannot be read are reported with its error,
    /// on one core and on two.
    @Test func problemsBeforeAnUnreadableElementAreKept() throws {
        for count in [3, 250] {
            let data = document("entraGroups", count) { i in
                i == 0 ? #"{"id":"g0","name":"G","colour":1}"# : (i == count - 1 ? #"{"id":5}"# : #"{"id":"g\#(i)","name":"G\#(i)"}"#)
            }
            let found = try #require(problems(data))
            #expect(found.contains { $0.message == "unknown key 'colour'" }, "\(count) groups: \(found)")
        }
    }
}
