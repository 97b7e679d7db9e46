import Foundation

/// The `--format sarif` output of `dvsec check`: SARIF 2.1.0, the format code-scanning tools
/// read (GitHub code scanning, Azure DevOps, IDE viewers).
///
/// - Every rule of the catalogue is described once (`tool.driver.rules`), with its fix as help,
///   its severity as the default level and as `security-severity` (which GitHub shows), and
///   whether it is inferred ([I]).
/// - Each finding is a result on the line of its record in the snapshot file (a team's role: the
///   team's record; an environment-wide rule: the environment's), with the place as a logical
///   location and the rule and place by ids as its fingerprint, so that an alert follows its
///   record when lines move.
/// - A suppressed finding is a result with an external suppression whose justification is the
///   suppression's reason: viewers show it as dismissed, not as gone.
public enum FindingSARIF {
    /// The document, keys in a stable order, with a final newline.
    /// - Parameters:
    ///   - uri: the snapshot file as the results should name it (see ``artifactURI(forPath:)``).
    ///   - locations: where the records are in that file.
    public static func data(_ outcome: SuppressionOutcome, uri: String, locations: SnapshotLocations, toolVersion: String) -> Data {
        let rules = CheckRule.catalogue
        let ruleIndex = Dictionary(rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        func result(_ f: Finding, suppression: Suppression?) -> JSONValue {
            var fields: [(key: String, value: JSONValue)] = [("ruleId", .string(f.ruleId))]
            if let index = ruleIndex[f.ruleId] { fields.append(("ruleIndex", .int(index))) }
            fields += [
                ("level", .string(level(f.severity))),
                ("message", .row([("text", .string(f.message + " Fix: " + f.fix))])),
                (
                    "locations",
                    .array([
                        .object([
                            (
                                "physicalLocation",
                                .object([
                                    ("artifactLocation", .row([("uri", .string(uri))])),
                                    ("region", .row([("startLine", .int(locations.line(of: f.place) ?? 1))])),
                                ])
                            ),
                            (
                                "logicalLocations",
                                .array([.row([("fullyQualifiedName", .string(f.place.description)), ("kind", .string("object"))])])
                            ),
                        ])
                    ])
                ),
                ("partialFingerprints", .row([("dvsecFinding/v1", .string(f.place.environmentId + "|" + f.baselineKey))])),
            ]
            if let suppression {
                fields.append(
                    ("suppressions", .array([.row([("kind", .string("external")), ("justification", .string(suppression.reason))])])))
            }
            fields.append(
                (
                    "properties",
                    .row([
                        ("environment", .string(f.place.environmentName)), ("place", .string(f.place.path)),
                        ("severity", .string(f.severity.rawValue)), ("inferred", .bool(f.isInferred)),
                    ])
                ))
            return .object(fields)
        }
        let results =
            outcome.findings.map { result($0, suppression: nil) }
            + outcome.suppressed.map { result($0.finding, suppression: $0.suppression) }
        return JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            (
                "runs",
                .array([
                    .object([
                        (
                            "tool",
                            .object([
                                (
                                    "driver",
                                    .object([
                                        ("name", .string("dvsec")), ("version", .string(toolVersion)),
                                        ("rules", .array(rules.map(rule))),
                                    ])
                                )
                            ])
                        ),
                        ("columnKind", .string("unicodeCodePoints")),
                        ("results", .array(results)),
                    ])
                ])
            ),
        ]).data
    }

    /// A path as a SARIF artifact URI: relative paths stay relative (code scanning resolves them
    /// from the repository root), absolute ones become `file://` URIs; spaces and other
    /// characters outside a URI path are percent-encoded.
    public static func artifactURI(forPath path: String) -> String {
        var relative = path
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "%")
        let encoded = relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? relative
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    static func level(_ severity: FindingSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// GitHub's `security-severity` (0.0-10.0): high, medium, low.
    static func securitySeverity(_ severity: FindingSeverity) -> String {
        switch severity {
        case .error: "8.0"
        case .warning: "5.0"
        case .info: "2.0"
        }
    }

    static func rule(_ rule: CheckRule) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.title)),
            ("shortDescription", .row([("text", .string(rule.title))])),
            (
                "fullDescription",
                .row([
                    ("text", .string(rule.title + " (" + rule.id + ", " + rule.source + (rule.isInferred ? "; inferred [I]" : "") + ")."))
                ])
            ),
            ("help", .row([("text", .string(rule.fix))])),
            ("defaultConfiguration", .row([("level", .string(level(rule.severity)))])),
            (
                "properties",
                .row([
                    ("tags", .strings(["security", "dataverse"])), ("security-severity", .string(securitySeverity(rule.severity))),
                    ("inferred", .bool(rule.isInferred)),
                ])
            ),
        ])
    }
}
