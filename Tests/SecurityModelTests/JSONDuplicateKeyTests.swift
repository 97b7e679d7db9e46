import Foundation
import Testing

@testable import SecurityModel

/// Duplicate keys were found by scanning the object's keys for each new one: quadratic in the
/// keys of one object, and a role's `privileges` object has one key per table (80,000 tables
/// guessed from privilege names took 13.6 s to import, 20,000 took 1.1 s). Past
/// ``JSONReader/linearKeyLimit`` keys an object's keys go into a set; a duplicate is still found
/// wherever it is, with its path, and nested and following objects are read as before.
@Suite struct JSONDuplicateKeyTests {
    /// Reads `text` as one object of objects, returning each key read and the reader's key sets
    /// as they were after the last key of the outer object.
    static func read(_ text: String) throws(SnapshotProblem) -> (keys: [String], setsInside: Int, setsAfter: Int) {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer throws(SnapshotProblem) in
            var r = JSONReader(bytes: UnsafeBufferPointer(buffer))
            var keys: [String] = []
            var inside = 0
            try r.beginObject()
            while let key = try r.nextKey() {
                keys.append(key.string)
                inside = r.keySets.count
                try r.skipValue()
            }
            return (keys, inside, r.keySets.count)
        }
    }

    static func object(_ count: Int, extra: String = "") -> String {
        "{" + (0..<count).map { "\"k\($0)\": {\"a\": 1, \"b\": [1]}" }.joined(separator: ", ") + extra + "}"
    }

    @Test func aLargeObjectKeepsItsKeysInASetAndDropsItAtItsEnd() throws {
        let large = try Self.read(Self.object(1_000))
        #expect(large.keys.count == 1_000 && large.keys.last == "k999")
        #expect(large.setsInside == 1 && large.setsAfter == 0)
        let small = try Self.read(Self.object(JSONReader.linearKeyLimit - 1))
        #expect(small.setsInside == 0 && small.keys.count == JSONReader.linearKeyLimit - 1)
    }

    @Test(arguments: [5, 31, 32, 33, 999])
    func aDuplicateIsFoundWhereverItIs(position: Int) throws {
        let error = try #require(throws: SnapshotProblem.self) {
            _ = try Self.read(Self.object(1_000, extra: ", \"k\(position)\": 2"))
        }
        #expect(error.message == "duplicate key 'k\(position)'" && error.path == "k\(position)", "\(error)")
        let small = try #require(throws: SnapshotProblem.self) { _ = try Self.read(Self.object(10, extra: ", \"k3\": 2")) }
        #expect(small.message == "duplicate key 'k3'")
    }

    /// A snapshot whose role holds 2,000 tables loads, and one listing a table twice there is
    /// refused with the path.
    @Test func aRoleWithManyTablesLoadsAndItsDuplicatesAreRefused() throws {
        let tables = (0..<2_000).map { "{\"logicalName\": \"new_t\($0)\"}" }.joined(separator: ", ")
        let rows = (0..<2_000).map { "\"new_t\($0)\": {\"read\": \"global\"}" }.joined(separator: ", ")
        func snapshot(_ extra: String) -> Data {
            Data(
                """
                {"format": "dvsec-snapshot", "version": 1, "tenant": "T", "environments": [{"id": "e", "name": "E", "type": "sandbox",
                 "businessUnits": [{"id": "bu", "name": "Root"}], "tables": [\(tables)],
                 "roles": [{"id": "r", "name": "R", "businessUnit": "bu", "privileges": {\(rows)\(extra)}}]}]}
                """.utf8)
        }
        let loaded = try SnapshotReader.read(snapshot(""))
        #expect(loaded.environments.values.first?.roles["r"]?.privileges.count == 2_000)
        let error = try #require(throws: SnapshotLoadError.self) { try SnapshotReader.read(snapshot(", \"new_t1500\": {}")) }
        #expect(error.problems.contains { $0.message == "duplicate key 'new_t1500'" }, "\(error.problems)")
    }
}
