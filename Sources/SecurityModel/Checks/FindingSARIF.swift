import Foundation

/// The `--format sarif` output of `dvsec check`: SARIF 2.1.0, the format code-scanning tools
/// read (GitHub code scanning, Azure DevOps, IDE viewers).
///
/// - Every rule of the catalogue is described once (`tool.driver.rules`), with its fix as help,
///   its severity as the default level, and whether it is inferred ([I]). Its
///   `security-severity` (which GitHub shows instead of the level, per rule) is that of its most
///   serious result in this document (its default severity when it has none), so that an AP2
///   credential raised to an error is not shown as medium.
/// - Each finding is a result on the line of its record in the snapshot file (a team's role: the
///   team's record; an environment-wide rule: the environment's), with the place as a logical
///   location and the rule and place by ids as its fingerprint, so that an alert follows its
///   record when lines move.
/// - Suppressed findings are left out: GitHub code scanning does not honour SARIF suppressions and
///   would show them as open alerts. With `includeSuppressed` they are results with an external,
///   accepted suppression whose justification is the reason, for viewers that honour it.
///   `run.properties` counts them either way.
public enum FindingSARIF {
    /// The document, keys in a stable order, with a final newline.
    /// - Parameters:
    ///   - uri: the snapshot file as the results should name it (see ``artifactURI(forPath:)``).
    ///   - locations: where the records are in that file.
    public static func data(
        _ outcome: SuppressionOutcome, uri: String, locations: SnapshotLocations, toolVersion: String,
        includeSuppressed: Bool = false
    ) -> Data {
        let rules = CheckRule.catalogue
        // resultCount(_:includeSuppressed:) counts these.
        let written: [(Finding, Suppression?)] =
            outcome.findings.map { ($0, nil) } + (includeSuppressed ? outcome.suppressed.map { ($0.finding, $0.suppression) } : [])
        var highest: [String: FindingSeverity] = [:]
        for (f, _) in written { highest[f.ruleId] = min(highest[f.ruleId] ?? .info, f.severity) }
        let ruleIndex = Dictionary(rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        func result(_ f: Finding, suppression: Suppression?) -> JSONValue {
            var fields: [(key: String, value: JSONValue)] = [("ruleId", .string(f.ruleId))]
            if let index = ruleIndex[f.ruleId] { fields.append(("ruleIndex", .int(index))) }
            fields += [
                ("level", .string(level(f.severity))),
                // An inferred rule says so in the alert itself, which is what code scanning shows.
                (
                    "message",
                    .row([("text", .string(messageText(f.message + " Fix: " + f.fix + (f.isInferred ? " [I] inferred rule." : ""))))])
                ),
                (
                    "locations",
                    .array([
                        .object([
                            (
                                "physicalLocation",
                                .object([
                                    ("artifactLocation", .row([("uri", .string(uri))])),
                                    ("region", .row(region(locations.position(of: f.place)))),
                                ])
                            ),
                            (
                                "logicalLocations",
                                .array([
                                    .row([("fullyQualifiedName", .string(printable(f.place.description))), ("kind", .string("object"))])
                                ])
                            ),
                        ])
                    ])
                ),
                ("partialFingerprints", .row([("dvsecFinding/v1", .string(f.place.environmentId + "|" + f.baselineKey))])),
            ]
            if let suppression {
                fields.append(
                    (
                        "suppressions",
                        .array([
                            .row([
                                ("kind", .string("external")), ("status", .string("accepted")),
                                ("justification", .string(printable(suppression.reason))),
                            ])
                        ])
                    ))
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
        let results = written.map { result($0.0, suppression: $0.1) }
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
                                        ("rules", .array(rules.map { rule($0, severity: highest[$0.id] ?? $0.severity) })),
                                    ])
                                )
                            ])
                        ),
                        ("columnKind", .string("unicodeCodePoints")),
                        ("results", .array(results)),
                        (
                            "properties",
                            .row([
                                ("suppressed", .int(outcome.suppressed.count)), ("suppressedIncluded", .bool(includeSuppressed)),
                                ("unusedSuppressions", .int(outcome.unused.count)),
                            ])
                        ),
                    ])
                ])
            ),
        ]).data
    }

    /// Results of one run that GitHub code scanning stores and shows: the most severe first, the
    /// rest dropped ("SARIF results exceed limit", GitHub's documentation).
    public static let gitHubShownResults = 5_000
    /// Results of one run above which GitHub code scanning rejects the whole upload.
    public static let gitHubAcceptedResults = 25_000

    /// What `results` results of one run would lose on GitHub code scanning; nil when they all fit.
    public static func gitHubLimitWarning(results: Int) -> String? {
        let fewer = "check one environment at a time (--environment), or suppress accepted findings"
        if results > gitHubAcceptedResults {
            return "\(results) results: GitHub code scanning rejects a run of more than \(gitHubAcceptedResults); \(fewer)"
        }
        if results > gitHubShownResults {
            return
                "\(results) results: GitHub code scanning keeps only the \(gitHubShownResults) most severe of a run and drops the rest; \(fewer)"
        }
        return nil
    }

    /// The number of results ``data(_:uri:locations:toolVersion:includeSuppressed:)`` writes.
    public static func resultCount(_ outcome: SuppressionOutcome, includeSuppressed: Bool = false) -> Int {
        outcome.findings.count + (includeSuppressed ? outcome.suppressed.count : 0)
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
        if path.hasPrefix("/") { return "file://" + encoded }
        // A colon in the first segment would read as a scheme (`backup:prod.json`).
        return (encoded.split(separator: "/").first ?? "").contains(":") ? "./" + encoded : encoded
    }

    /// Where a result points: the line and column of its record's `id` (UTF-16 code units, SARIF's
    /// default `columnKind`); line 1 when the file has no such record (read from standard input).
    /// The column tells records apart in a minified snapshot, all on line 1 (they were one place
    /// to a code-scanning tool).
    static func region(_ position: SnapshotLocations.Position?) -> [(key: String, value: JSONValue)] {
        guard let position else { return [("startLine", .int(1))] }
        return [("startLine", .int(position.line)), ("startColumn", .int(position.column))]
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

    /// `Title (ID, source).`, then for an inferred rule what [I] means once (its source named
    /// "[I]" too, which said it twice).
    static func fullDescription(_ rule: CheckRule) -> String {
        let source = rule.source.replacingOccurrences(of: "[I];", with: "").replacingOccurrences(of: "[I]", with: "")
            .trimmingCharacters(in: .whitespaces)
        return rule.title + " (" + rule.id + (source.isEmpty ? "" : ", " + source) + ")."
            + (rule.isInferred ? " [I] Inferred: consistent with Microsoft's documentation, not stated in it." : "")
    }

    /// A result's message as SARIF plain text (§3.11.6): names come from the snapshot, so control
    /// and bidi characters are escaped as everywhere else (``printable(_:keepingLineBreaks:)``),
    /// and literal square brackets are escaped with a backslash, so that a role named
    /// `[x](https://…)` is not an embedded link in a code-scanning alert.
    static func messageText(_ text: String) -> String {
        var out = ""
        for c in printable(text) {
            if c == "[" || c == "]" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// A rule, with the `security-severity` of `severity` (see the type's notes).
    static func rule(_ rule: CheckRule, severity: FindingSeverity) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.title)),
            ("shortDescription", .row([("text", .string(rule.title + (rule.isInferred ? " [I]" : "")))])),
            ("fullDescription", .row([("text", .string(fullDescription(rule)))])),
            ("help", .row([("text", .string(rule.fix))])),
            ("defaultConfiguration", .row([("level", .string(level(rule.severity)))])),
            (
                "properties",
                .row([
                    ("tags", .strings(["security", "dataverse"])), ("security-severity", .string(securitySeverity(severity))),
                    ("inferred", .bool(rule.isInferred)),
                ])
            ),
        ])
    }
}
