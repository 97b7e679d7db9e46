import SecurityModel

/// What an import changed, entity by entity, and what it worked around.
///
/// Entries list every role, field security profile and table the files describe (added,
/// updated or unchanged), and the business units, users and teams a Web API import added or
/// updated. Entities the files do not describe are kept and not listed.
public struct ImportReport: Sendable, Hashable {
    /// The kinds of entity an import touches, in the order the summary lists them.
    public enum EntityKind: String, Sendable, Hashable, CaseIterable, Comparable {
        case role, profile, table, businessUnit, team, user

        /// The singular label, e.g. "field security profile".
        public var label: String {
            switch self {
            case .role: "role"
            case .profile: "field security profile"
            case .table: "table"
            case .businessUnit: "business unit"
            case .team: "team"
            case .user: "user"
            }
        }

        /// The plural label used in the closing summary.
        public var pluralLabel: String {
            switch self {
            case .role: "roles"
            case .profile: "field security profiles"
            case .table: "tables"
            case .businessUnit: "business units"
            case .team: "teams"
            case .user: "users"
            }
        }

        /// Whether unchanged entities of this kind get a line of their own.
        var listsUnchanged: Bool { self == .role || self == .profile || self == .table }

        /// Summary order: roles, profiles, tables, business units, teams, users.
        public static func < (a: EntityKind, b: EntityKind) -> Bool {
            allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
        }
    }

    /// What happened to one entity.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case added, updated, unchanged

        var symbol: String {
            switch self {
            case .added: "+"
            case .updated: "~"
            case .unchanged: "="
            }
        }
    }

    /// One entity's line in the summary.
    public struct Entry: Sendable, Hashable {
        public var kind: EntityKind
        /// The entity's id (a table's logical name).
        public var id: String
        public var name: String
        public var outcome: Outcome
        /// Short notes on what changed, e.g. "privileges: 2 added, 1 changed".
        public var details: [String]
        /// How the change moves access, from ``SnapshotDiff``; `nil` when unchanged.
        public var risk: RiskClass?

        /// An entry; `risk` is filled in from ``SnapshotDiff`` when the report is built.
        public init(
            kind: EntityKind, id: String, name: String, outcome: Outcome, details: [String] = [],
            risk: RiskClass? = nil
        ) {
            self.kind = kind
            self.id = id
            self.name = name
            self.outcome = outcome
            self.details = details
            self.risk = risk
        }

        /// `[ESCALATION]` or `[reduction]`; empty for neutral and unchanged entities.
        public var riskTag: String {
            switch risk {
            case .escalation?: " [ESCALATION]"
            case .reduction?: " [reduction]"
            default: ""
            }
        }
    }

    /// The folder, zip or payload folder imported.
    public var source: String
    /// "solution" or "Web API payloads".
    public var sourceKind: String
    /// The environment imported into.
    public var environmentName: String
    /// Whether the import created the snapshot file (it did not exist).
    public var createdSnapshot: Bool
    /// Whether the import added the environment to an existing snapshot.
    public var createdEnvironment = false
    /// One entry per entity the files describe (see the type's discussion).
    public var entries: [Entry]
    /// What the import worked around: unmapped privileges, skipped links, replaced placeholders.
    public var warnings: [ImportWarning]

    /// A report; ``ImportTarget`` fills in the environment and the created flags.
    public init(
        source: String, sourceKind: String, environmentName: String, createdSnapshot: Bool = false,
        entries: [Entry] = [], warnings: [ImportWarning] = []
    ) {
        self.source = source
        self.sourceKind = sourceKind
        self.environmentName = environmentName
        self.createdSnapshot = createdSnapshot
        self.entries = entries
        self.warnings = warnings
    }

    /// Whether anything was added or updated.
    public var hasChanges: Bool { entries.contains { $0.outcome != .unchanged } }

    /// How many entities of a kind had an outcome.
    public func count(_ kind: EntityKind, _ outcome: Outcome) -> Int {
        entries.reduce(0) { $0 + ($1.kind == kind && $1.outcome == outcome ? 1 : 0) }
    }

    /// The closing line: counts per kind, e.g. "roles: 1 added, 2 unchanged; tables: 3 added".
    public var countsLine: String {
        let parts = EntityKind.allCases.compactMap { kind -> String? in
            let counts = Outcome.allCases.compactMap { o -> String? in
                let n = count(kind, o)
                return n == 0 ? nil : "\(n) \(o.rawValue)"
            }
            return counts.isEmpty ? nil : "\(kind.pluralLabel): " + counts.joined(separator: ", ")
        }
        let escalations = entries.filter { $0.risk == .escalation }.count
        let tail = escalations > 0 ? "; \(escalations) escalation\(escalations == 1 ? "" : "s")" : ""
        return (parts.isEmpty ? "nothing to import" : parts.joined(separator: "; ")) + tail
    }

    /// The summary as text lines: a header, one line per entity (users, teams and business units
    /// only when added or updated, at most `limit` per kind), the counts, then the warnings.
    public func textLines(limit: Int = 20) -> [String] {
        var lines = [
            "Import of \(sourceKind) \(readable(source)) into environment \(readableQuotedName(environmentName))"
                + (createdSnapshot ? " (new snapshot)" : createdEnvironment ? " (new environment)" : "")
        ]
        let width = entries.map { $0.kind.label.count }.max() ?? 0
        for kind in EntityKind.allCases {
            let shown = entries.filter { $0.kind == kind && (kind.listsUnchanged || $0.outcome != .unchanged) }
                .sorted { ($0.outcome != .unchanged ? 0 : 1, $0.name, $0.id) < ($1.outcome != .unchanged ? 0 : 1, $1.name, $1.id) }
            let cap = kind.listsUnchanged ? Int.max : limit
            for e in shown.prefix(cap) {
                let label = e.kind.label.padding(toLength: width, withPad: " ", startingAt: 0)
                let details = e.details.isEmpty ? "" : "  (" + e.details.joined(separator: "; ") + ")"
                // Names in quotes, as `dvsec diff` shows them: a name cannot pass for a tag or a line.
                lines.append("  \(e.outcome.symbol) \(label)  \(readableQuotedName(e.name))\(e.riskTag)\(readable(details))")
            }
            if shown.count > cap { lines.append("  … and \(shown.count - cap) more \(kind.pluralLabel)") }
        }
        lines.append("Summary: " + countsLine)
        if !warnings.isEmpty {
            lines.append("Warnings (\(warnings.count)):")
            lines += warnings.map { "  " + readable($0.description) }
        }
        return lines
    }
}
