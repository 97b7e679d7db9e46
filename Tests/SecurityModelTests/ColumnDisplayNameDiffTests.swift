import Foundation
import Testing

@testable import SecurityModel

/// A column's display name is what forms show and what the checks read (AP1, AP2): relabelling
/// the secured column account.creditlimit from "Credit Limit" to "Public Notes" said "No
/// differences" and exited 0, while a table's relabel was reported (found by a review of hostile
/// names). It is a rename: neutral, and shown.
@Suite struct ColumnDisplayNameDiffTests {
    typealias F = DiffFixtures

    func relabelled(_ label: String) -> Environment {
        var target = F.environment()
        target.tables["contact"]?.columns["contoso_ssn"]?.displayName = label
        return target
    }

    @Test func aRelabelledColumnIsANeutralLineInTextAndJSON() throws {
        let r = SnapshotDiff.compare(base: F.environment(), target: relabelled("Public Notes"), options: DiffOptions(runChecks: false))
        #expect(!r.isIdentical && !r.hasEscalation)
        let entry = try #require(r.entry(.table, "contact"))
        #expect(entry.risk == .neutral && entry.lines.count == 1)
        let line = try #require(entry.lines.first)
        #expect(line.field == .columnDisplayName && line.symbol == .changed && line.subject == "contoso_ssn")
        #expect(line.old == "Social security number" && line.new == "Public Notes" && line.column == F.ssn)
        let text = DiffTextRenderer().render(r)
        #expect(
            text.contains("~ table \"contact\"\n    ~ column display name contoso_ssn: Social security number -> Public Notes\n"), "\(text)"
        )
        let json = try #require(
            try JSONSerialization.jsonObject(with: DiffJSON.data(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: [])))
                as? [String: Any])
        let comparison = try #require((json["comparisons"] as? [[String: Any]])?.first)
        let lines = try #require((comparison["entries"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]])
        #expect(lines.first?["field"] as? String == "columnDisplayName")
        #expect(lines.first?["column"] as? String == "contoso_ssn" && lines.first?["new"] as? String == "Public Notes")
    }

    /// A label set where there was none (the logical name) is a label added; a table added lists
    /// only the labels that are not logical names.
    @Test func aLabelThatIsTheLogicalNameIsNoFact() throws {
        var base = F.environment()
        base.tables["contact"]?.columns["contoso_ssn"]?.displayName = "contoso_ssn"
        let r = SnapshotDiff.compare(base: base, target: F.environment(), options: DiffOptions(runChecks: false))
        let line = try #require(r.entry(.table, "contact")?.lines.first)
        #expect(line.symbol == .added && line.new == "Social security number")
        let unchanged = SnapshotDiff.compare(base: base, target: base, options: DiffOptions(runChecks: false))
        #expect(unchanged.isIdentical)
    }
}
