import Foundation
import Testing

@testable import SecurityModel

/// Every `field` and `reasons` value a diff line can carry is in DiffAndChecks.md (found by an
/// output review: about 25 field values were written and 7 documented).
@Suite("Diff JSON: every line value documented")
struct DiffDocumentationTests {
    static func document() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(
            contentsOf: root.appendingPathComponent("Sources/SecurityModel/SecurityModel.docc/DiffAndChecks.md"), encoding: .utf8)
    }

    @Test func everyFieldAndReasonIsDocumented() throws {
        let doc = try Self.document()
        let fields = DiffField.allCases.filter { !doc.contains("`\($0.rawValue)`") }.map(\.rawValue)
        #expect(fields.isEmpty, "fields not in DiffAndChecks.md: \(fields)")
        let reasons = RiskReason.allCases.filter { !doc.contains("| `\($0.rawValue)` | \($0.label) |") }.map(\.rawValue)
        #expect(reasons.isEmpty, "reasons not in the table of DiffAndChecks.md: \(reasons)")
    }
}
