/// Renders check results as a Markdown go-live report.
public struct FindingMarkdownRenderer: Sendable {
    public init() {}

    /// The whole report: summary, findings table, suppressions, unused suppressions.
    public func render(_ outcome: SuppressionOutcome, environments: [Environment]) -> String {
        var out = "# Go-live checks: \(cell(environments.map(\.name).joined(separator: ", ")))\n\n"
        out += "**Summary:** " + FindingTextRenderer().summaryLine(outcome).replacingPrefix("Summary: ", with: "") + "\n\n"
        out +=
            outcome.findings.isEmpty
            ? (outcome.suppressed.isEmpty ? "No findings.\n" : "No findings left: every one is suppressed.\n") : table(outcome.findings)
        if !outcome.suppressed.isEmpty {
            out += "\n## Suppressed (\(outcome.suppressed.count))\n\n| Rule | Place | Reason |\n|---|---|---|\n"
            for s in outcome.suppressed {
                out += "| \(s.finding.ruleId) | \(cell(s.finding.place.description)) | \(cell(s.suppression.reason)) |\n"
            }
        }
        if !outcome.unused.isEmpty {
            out += "\n## Suppressions that matched nothing (\(outcome.unused.count))\n\n"
            for s in outcome.unused { out += "- \(cell(s.rule)) \(codeSpan(s.place))\n" }
        }
        out += "\nRules marked [I] are inferred: consistent with the Dataverse documentation, not stated outright.\n"
        return out
    }

    func table(_ findings: [Finding]) -> String {
        var out = "| Severity | Rule | Place | Finding | Fix |\n|---|---|---|---|---|\n"
        for f in findings {
            let rule = f.ruleId + (f.isInferred ? " [I]" : "")
            out +=
                "| \(f.severity.rawValue) | \(rule) | \(cell(f.place.description)) | \(markdownText(f.message)) | \(markdownText(f.fix)) |\n"
        }
        return out
    }
}
