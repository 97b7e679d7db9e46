import Foundation
import Testing

/// Output the README quotes is the output dvsec gives on the demo: a docs review found a quoted
/// count gone stale (AP5 "on 4 tables" where `check` said 7).
@Suite("README: quoted output")
struct ReadmeQuoteTests {
    static var readme: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }

    /// The tour's `effective --explain` block, line by line (a line the README cuts with `...`
    /// up to the cut; runs of spaces are one, the README's columns being narrower).
    @Test func theTourExplainBlockIsWhatEffectivePrints() throws {
        let readme = Self.readme
        let start = try #require(readme.range(of: "```text\naccount Read: Business Unit\n"))
        let block = readme[start.lowerBound...].dropFirst("```text\n".count).prefix { $0 != "`" }
        let lines = block.split(separator: "\n").map { $0.hasSuffix("...") ? String($0.dropLast(3)) : String($0) }
        #expect(lines.count >= 3)
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["effective", file, "--user", "Alex Wilber", "--table", "account", "--explain"])
        func squeezed(_ s: String) -> String { s.replacingOccurrences(of: " +", with: " ", options: .regularExpression) }
        let output = squeezed(r.stdout)
        for line in lines { #expect(output.contains(squeezed(line)), "README line not in the output: \(line)") }
    }

    /// The quoted AP5 message of `dvsec check`.
    @Test func theQuotedCheckMessageIsWhatCheckPrints() throws {
        let readme = Self.readme
        let start = try #require(readme.range(of: "(`Role \"Sales Manager\" grants Share"))
        let quoted = readme[start.upperBound...].prefix { $0 != "`" }.replacingOccurrences(of: ": ...", with: "")
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["check", file])
        #expect(r.stdout.contains("Role \"Sales Manager\" grants Share" + quoted), "\(quoted)")
    }
}
