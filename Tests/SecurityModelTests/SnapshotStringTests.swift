import Foundation
import Testing

@testable import SecurityModel

/// What a snapshot's strings may hold (found by a review of hostile names).
@Suite("Snapshot files: strings and names")
struct SnapshotStringTests {
    func problems(_ json: String) -> [SnapshotProblem] {
        do {
            _ = try SnapshotReader.read(Data(json.utf8), source: "x.json")
            return []
        } catch {
            return error.problems
        }
    }

    /// A document with one role named `name` (JSON text, escapes and all), on line 4.
    func document(roleName name: String) -> String {
        """
        {"format": "dvsec-snapshot", "version": 1, "environments": [
          {"id": "e", "name": "E", "type": "sandbox", "businessUnits": [{"id": "root", "name": "Root"}],
           "roles": [
            {"id": "r", "name": "\(name)", "businessUnit": "root"}]}]}
        """
    }

    /// A lone UTF-16 surrogate in a `\u` escape is half a character: it was read as U+FFFD, so
    /// `A\ud800`, `A\udc00` and `A\ufffd` were three roles that all showed `A�`, and a save wrote
    /// them back as `A�`. It is refused as a syntax error, with its path, line and column.
    @Test func aLoneSurrogateEscapeIsRefusedWithItsPlace() throws {
        for (escape, column) in [("A\\ud800", 27), ("A\\udc00", 27), ("A\\uD800\\u0041", 27), ("AB\\uDBFFx", 28)] {
            let p = problems(document(roleName: escape))
            #expect(p.count == 1, "\(escape): \(p)")
            let problem = try #require(p.first)
            #expect(problem.message.contains("surrogate"), "\(escape): \(problem.message)")
            #expect(problem.path == "environments[0].roles[0].name", "\(escape): \(problem.path)")
            #expect(
                problem.line == 4 && problem.column == column,
                "\(escape): \(String(describing: problem.line)):\(String(describing: problem.column))")
        }
        // A pair is one character, and U+FFFD written as such is U+FFFD.
        #expect(problems(document(roleName: "A\\ud83d\\ude00")).isEmpty)
        let read = try SnapshotReader.read(Data(document(roleName: "A\\ud83d\\ude00").utf8))
        #expect(read.environments["e"]?.roles["r"]?.name == "A😀")
        #expect(problems(document(roleName: "A\\ufffd")).isEmpty)
    }
}
