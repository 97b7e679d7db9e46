/// Renders check results as text: one block per finding, errors first, then suppressions.
public struct FindingTextRenderer: Sendable {
    /// Colours, or none.
    public var style: ANSIStyle

    public init(style: ANSIStyle = .plain) { self.style = style }

    /// The whole report: findings errors first, suppressions, unused suppressions, summary line.
    public func render(_ outcome: SuppressionOutcome, environments: [Environment]) -> String {
        var out = ""
        let names = environments.map { readable($0.name) }.joined(separator: ", ")
        out += style.bold("Go-live checks: \(names)") + "\n\n"
        if outcome.findings.isEmpty {
            out += outcome.suppressed.isEmpty ? "No findings.\n" : "No findings left: every one is suppressed (listed below).\n"
        }
        for f in outcome.findings { out += line(f) }
        if !outcome.suppressed.isEmpty {
            out += "\n" + style.dim("\(counted(outcome.suppressed.count, "finding")) suppressed:") + "\n"
            for s in outcome.suppressed {
                out += style.dim(readable("  \(s.finding.ruleId) \(s.finding.place.description) — \(s.suppression.reason)")) + "\n"
            }
        }
        if !outcome.unused.isEmpty {
            out +=
                "\n" + style.warning("\(counted(outcome.unused.count, "suppression")) matched nothing (stale, or a typo in the place):")
                + "\n"
            for s in outcome.unused { out += readable("  \(s.rule) \(s.place)") + "\n" }
        }
        out += "\n" + summaryLine(outcome) + "\n"
        return out
    }

    /// `error   GL1a  Contoso Production/environment  [I]` then the message and the fix, indented.
    public func line(_ f: Finding) -> String {
        let sev = style.severity(f.severity) + String(repeating: " ", count: max(0, 8 - f.severity.rawValue.count))
        var head =
            "  \(sev)\(style.bold(f.ruleId + String(repeating: " ", count: max(0, 5 - f.ruleId.count)))) \(readable(f.place.description))"
        if f.isInferred { head += style.dim("  [I] inferred rule") }
        return head + "\n          \(readable(f.message))\n          " + style.dim("fix: " + readable(f.fix)) + "\n"
    }

    /// `Summary: 2 errors, 5 warnings, 1 info; 1 suppressed.`
    public func summaryLine(_ outcome: SuppressionOutcome) -> String {
        let count: (FindingSeverity) -> Int = { s in outcome.findings.count { $0.severity == s } }
        var text = "\(counted(count(.error), "error")), \(counted(count(.warning), "warning")), \(count(.info)) info"
        text += "; \(outcome.suppressed.count) suppressed"
        if !outcome.unused.isEmpty { text += "; \(counted(outcome.unused.count, "unused suppression"))" }
        return style.bold("Summary:") + " " + text + "."
    }
}
