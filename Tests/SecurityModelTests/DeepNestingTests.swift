import Foundation
import Testing

@testable import SecurityModel

/// A file nested tens of thousands of levels deep (60 KB of brackets) crashed every command that
/// loads a snapshot, and `check --suppressions` (exit 139): refused with the place instead.
@Suite struct DeepNestingTests {
    static func deep(_ levels: Int) -> String { String(repeating: "[", count: levels) + String(repeating: "]", count: levels) }

    @Test func aSnapshotNestedTooDeepIsAnErrorWithItsPlace() throws {
        let text = "{\"schemaVersion\": 1, \"environments\": [{\"id\": \"e\", \"extra\": \(Self.deep(30_000))}]}"
        let error = try #require(throws: SnapshotLoadError.self) { try SnapshotReader.read(Data(text.utf8)) }
        #expect(error.problems.contains { $0.message.contains("nested more than 512 levels deep") && $0.line == 1 })
        // The place stays readable: the start of the path, the levels left out, the end.
        let place = try #require(error.problems.first { $0.message.contains("nested") }?.path)
        #expect(place.hasPrefix("environments[0].extra[0]") && place.contains("levels)…") && place.count < 120, "\(place)")
    }

    @Test func aSuppressionFileNestedTooDeepIsAnError() throws {
        let error = try #require(throws: SuppressionFileError.self) { try SuppressionFile.parse(Data(Self.deep(30_000).utf8)) }
        #expect(error.message.contains("nested more than 512"))
        // Ordinary nesting is measured right, strings included.
        #expect(JSONNesting.depth(of: Data(#"{"a": [1, {"b": "[[[["}], "c": "\"]"}"#.utf8)) == 3)
    }
}
