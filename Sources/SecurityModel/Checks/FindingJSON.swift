import Foundation

/// The `--format json` output of `dvsec check` (schema `dvsec-check`, version 1).
public enum FindingJSON {
    /// The `schema` value of the document.
    public static let schema = "dvsec-check"
    /// The schema version; bumped on incompatible changes.
    public static let version = 1

    /// The JSON document for check results, keys sorted, with a final newline. `fails` says
    /// whether a finding at `failOn` or more serious is left (the exit code's answer).
    public static func data(_ outcome: SuppressionOutcome, environments: [Environment], failOn: FindingSeverity = .warning) -> Data {
        let count: (FindingSeverity) -> Int = { s in outcome.findings.count { $0.severity == s } }
        return JSONValue.object([
            ("schema", .string(schema)), ("version", .int(version)), ("fails", .bool(outcome.fails(at: failOn))),
            (
                "environments",
                .array(
                    environments.map { .row([("id", .string($0.id)), ("name", .string($0.name)), ("type", .string($0.type.rawValue))]) })
            ),
            ("findings", .array(outcome.findings.map(finding))),
            (
                "suppressed",
                .array(outcome.suppressed.map { s in finding(s.finding, extra: [("suppression", suppression(s.suppression))]) })
            ),
            ("unusedSuppressions", .array(outcome.unused.map(suppression))),
            (
                "summary",
                .row([
                    ("error", .int(count(.error))), ("warning", .int(count(.warning))), ("info", .int(count(.info))),
                    ("suppressed", .int(outcome.suppressed.count)), ("unusedSuppressions", .int(outcome.unused.count)),
                ])
            ),
        ]).data
    }

    static func suppression(_ s: Suppression) -> JSONValue {
        .row([("rule", .string(s.rule)), ("place", .string(s.place)), ("reason", .string(s.reason))])
    }

    static func finding(_ f: Finding) -> JSONValue { finding(f, extra: []) }

    static func finding(_ f: Finding, extra: [(key: String, value: JSONValue)]) -> JSONValue {
        .object(
            [
                ("rule", .string(f.ruleId)), ("title", .string(f.title)), ("severity", .string(f.severity.rawValue)),
                ("inferred", .bool(f.isInferred)),
                ("environment", .row([("id", .string(f.place.environmentId)), ("name", .string(f.place.environmentName))])),
                ("place", .string(f.place.description)), ("path", .string(f.place.path)), ("key", .string(f.place.key)),
                ("message", .string(f.message)), ("fix", .string(f.fix)),
            ] + extra)
    }
}
