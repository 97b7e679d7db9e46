import Testing

@testable import SecurityModel

/// Found by an output review of the Markdown change review: a line's note was dropped, `$` made
/// GitHub math of a name, and the summary's long names took a `--limit` document past its budget.
@Suite("Diff Markdown: what a review found")
struct DiffMarkdownReviewTests {
    typealias O = TestOrganisation

    @Test func aLinesNoteIsKeptAndDollarsAreInert() throws {
        var org = TestOrganisation()
        org.add(O.role("r", ["account": [.read: .user]]))
        org.environment.roles["r"]?.name = "Sales $\\color{green}{APPROVED}$"
        org.add(O.user("ana", roles: ["r"]))
        let base = org.environment
        var target = base
        // Classic business units: a copy named is not used, which the line's note says.
        target.users["ana"]?.roleBusinessUnitIds = ["r": O.europe]
        target.roles["r"]?.privileges["account"]?[.write] = .user
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let copy = try #require(r.entries.flatMap(\.lines).first { $0.field == .roleCopy })
        let note = try #require(copy.note)
        let md = DiffMarkdownRenderer().render(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: []))
        #expect(md.contains("neutral (\(cell(note)))"), "\(md)")
        #expect(md.contains("Sales \\$\\\\color{green}{APPROVED}\\$"), "\(md)")
        #expect(!md.contains(" $\\"))
    }

    @Test func theSummaryNamesAreCut() {
        let long = String(repeating: "<", count: 4000)
        #expect(DiffMarkdownRenderer.shortened(long).count == 80)
        #expect(DiffMarkdownRenderer.shortened(long).hasSuffix("…"))
        #expect(DiffMarkdownRenderer.shortened("Alex Wilber") == "Alex Wilber")
    }
}
