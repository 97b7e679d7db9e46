import Foundation

/// The `--format json` output of `dvsec check` (schema `dvsec-check`, version 1).
public enum FindingJSON {
    /// The `schema` value of the document.
    public static let schema = "dvsec-check"
    /// The schema version; bumped on incompatible changes.
    public static let version = 1

    /// The JSON document for check results, keys sorted, with a final newline.
    public static func data(_ outcome: SuppressionOutcome, environments: [Environment]) -> Data {
        let count: (FindingSeverity) -> Int = { s in outcome.findings.count { $0.severity == s } }
        let object: [String: Any] = [
            "schema": schema, "version": version, "fails": outcome.fails,
            "environments": environments.map { ["id": $0.id, "name": $0.name, "type": $0.type.rawValue] },
            "findings": outcome.findings.map(finding),
            "suppressed": outcome.suppressed.map { s -> [String: Any] in
                var f = finding(s.finding)
                f["suppression"] = suppression(s.suppression)
                return f
            },
            "unusedSuppressions": outcome.unused.map(suppression),
            "summary": [
                "error": count(.error), "warning": count(.warning), "info": count(.info), "suppressed": outcome.suppressed.count,
                "unusedSuppressions": outcome.unused.count,
            ],
        ]
        return DiffJSON.serialize(object)
    }

    static func suppression(_ s: Suppression) -> [String: Any] { ["rule": s.rule, "place": s.place, "reason": s.reason] }

    static func finding(_ f: Finding) -> [String: Any] {
        [
            "rule": f.ruleId, "title": f.title, "severity": f.severity.rawValue, "inferred": f.isInferred,
            "environment": ["id": f.place.environmentId, "name": f.place.environmentName],
            "place": f.place.description, "path": f.place.path, "key": f.place.key, "message": f.message, "fix": f.fix,
        ]
    }
}
