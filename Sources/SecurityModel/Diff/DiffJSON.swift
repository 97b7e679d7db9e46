import Foundation

/// The `--format json` output of `dvsec diff` (schema `dvsec-diff`, version 1; documented in the
/// DiffAndChecks article). Keys are sorted; absent optional values are omitted; each access line
/// of an impact is one line of text.
public enum DiffJSON {
    /// The `schema` value of the document.
    public static let schema = "dvsec-diff"
    /// The schema version; bumped on incompatible changes.
    public static let version = 1

    /// The JSON document for a snapshot (or environment) comparison, keys sorted, with a final newline.
    public static func data(_ result: SnapshotDiffResult) -> Data { document(result).data }

    /// Writes the same document to `sink` in chunks of about a megabyte, never holding all of it:
    /// the JSON of a change touching 100,000 users runs to hundreds of megabytes.
    public static func write(_ result: SnapshotDiffResult, to sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        document(result).write(to: sink)
    }

    static func document(_ result: SnapshotDiffResult) -> JSONValue {
        var fields: [(key: String, value: JSONValue)] = [
            ("schema", .string(schema)), ("version", .int(version)), ("identical", .bool(result.isIdentical)),
            ("escalation", .bool(result.hasEscalation)), ("comparisons", .array(result.comparisons.map(comparison))),
            ("unmatchedEnvironments", .array(result.unmatchedEnvironments.map(entry))),
        ]
        // A narrowed view that leaves environments on one side only out still says how many there
        // are and how risky, so an escalation the exit code rests on can be traced.
        let hidden = result.oneSideEnvironmentsNotShown
        if !hidden.isEmpty {
            let risks = RiskClass.allCases.map { r in (key: r.rawValue, value: JSONValue.int(hidden.count { $0.risk == r })) }
            fields.append(("unmatchedEnvironmentsNotShown", .object([("count", .int(hidden.count)), ("byRisk", .row(risks))])))
        }
        return .object(fields)
    }

    static func comparison(_ r: DiffResult) -> JSONValue {
        let s = r.summary
        let byKind = s.byKind.map { k, actions in
            (key: k.rawValue, value: JSONValue.row(actions.map { (key: $0.key.rawValue, value: JSONValue.int($0.value)) }))
        }
        let summary = JSONValue.object([
            ("added", .int(s.added)), ("removed", .int(s.removed)), ("modified", .int(s.modified)), ("renamed", .int(s.renamed)),
            ("byKind", .object(byKind)), ("entriesByRisk", riskCounts(s.entriesByRisk)),
            ("impactLinesByRisk", riskCounts(s.impactLinesByRisk)), ("usersAffected", .int(s.usersAffected)),
            ("usersWithEscalation", .int(s.usersWithEscalation)), ("newFindings", .int(s.newFindings)),
            (
                "topRisingUsers",
                .array(
                    s.topRisingUsers.map { .row([("userId", .string($0.userId)), ("name", .string($0.name)), ("score", .int($0.score))]) })
            ),
        ])
        var fields: [(key: String, value: JSONValue)] = [
            ("base", environment(r.base)), ("target", environment(r.target)), ("identical", .bool(r.isIdentical)),
            ("escalation", .bool(r.hasEscalation)), ("entries", .array(r.entries.map(entry))),
            ("impacts", .generated(count: r.impacts.count) { [impacts = r.impacts] in impact(impacts[$0]) }),
            (
                "findings",
                .object([
                    ("evaluated", .bool(r.findingsEvaluated)), ("new", .array(r.newFindings.map(FindingJSON.finding))),
                    ("resolved", .array(r.resolvedFindings.map(FindingJSON.finding))),
                    ("suppressed", .int(r.newFindingsSuppressed)),
                ])
            ),
            ("notEvaluated", .strings(r.notEvaluated)), ("summary", summary),
        ]
        if let s = r.shown { fields.append(("shown", shown(s))) }
        return .object(fields)
    }

    /// What a filtered comparison shows (`dvsec diff --risk/--user/--table`).
    static func shown(_ s: DiffShown) -> JSONValue {
        .object([
            (
                "filter",
                .object(
                    [
                        ("risks", .strings(RiskClass.allCases.filter(s.filter.risks.contains).map(\.rawValue))),
                        ("users", .strings(s.filter.users)), ("tables", .strings(s.filter.tables)),
                    ] + (s.filter.limit.map { [("limit", JSONValue.int($0))] } ?? []))
            ),
            ("entries", .int(s.entries)), ("totalEntries", .int(s.totalEntries)), ("users", .int(s.users)),
            ("totalUsers", .int(s.totalUsers)), ("escalationsLeftOut", .int(s.escalationsLeftOut)),
        ])
    }

    static func riskCounts(_ d: [RiskClass: Int]) -> JSONValue {
        .row(RiskClass.allCases.map { (key: $0.rawValue, value: JSONValue.int(d[$0] ?? 0)) })
    }

    static func environment(_ e: EnvironmentReference) -> JSONValue {
        .row([("id", .string(e.id)), ("name", .string(e.name)), ("type", .string(e.type.rawValue))])
    }

    /// Appends `key` only when `value` is set (absent optional values are omitted).
    static func add(_ fields: inout [(key: String, value: JSONValue)], _ key: String, _ value: String?) {
        if let value { fields.append((key, .string(value))) }
    }

    static func entry(_ e: DiffEntry) -> JSONValue {
        var o: [(key: String, value: JSONValue)] = [
            ("kind", .string(e.kind.rawValue)), ("id", .string(e.objectId)), ("name", .string(e.name)),
            ("action", .string(e.action.rawValue)), ("risk", .string(e.risk.rawValue)), ("lines", .array(e.lines.map(line))),
        ]
        add(&o, "baseId", e.baseObjectId)
        add(&o, "renamedFrom", e.renamedFrom)
        if let n = e.usersReached { o.append(("usersReached", .int(n))) }
        if let n = e.usersMoved { o.append(("usersMoved", .int(n))) }
        if let n = e.usersRaised { o.append(("usersRaised", .int(n))) }
        return .object(o)
    }

    static func line(_ l: DiffLine) -> JSONValue {
        var o: [(key: String, value: JSONValue)] = [
            ("symbol", .string(l.symbol.rawValue)), ("field", .string(l.field.rawValue)),
        ]
        // Absent optional values are omitted: an attribute line has no subject.
        add(&o, "subject", l.subject.isEmpty ? nil : l.subject)
        o += [("risk", .string(l.risk.rawValue)), ("reasons", .strings(l.reasons.map(\.rawValue)))]
        add(&o, "subjectId", l.subjectId)
        add(&o, "old", l.old)
        add(&o, "new", l.new)
        add(&o, "note", l.note)
        add(&o, "table", l.table)
        add(&o, "operation", l.operation?.snapshotName)
        add(&o, "column", l.column?.column)
        add(&o, "permission", l.permission?.rawValue)
        if [.privilege, .miscPrivilege, .unmappedPrivilege].contains(l.field) {
            add(&o, "oldLevel", level(l.old))
            add(&o, "newLevel", level(l.new))
        }
        return .row(o)
    }

    /// The snapshot name (`none` ... `global`) of a level label; `none` when absent.
    static func level(_ label: String?) -> String {
        (AccessLevel.allCases.first { $0.label == label } ?? .none).snapshotName
    }

    static func impact(_ i: UserImpact) -> JSONValue {
        var o: [(key: String, value: JSONValue)] = [("userId", .string(i.userId)), ("name", .string(i.name))]
        add(&o, "domainName", i.domainName.isEmpty ? nil : i.domainName)
        return .object(
            o + [
                ("risk", .string(i.risk.rawValue)), ("escalationScore", .int(i.escalationScore)), ("causes", .strings(i.causes)),
                ("oldDormancy", .strings(i.oldDormancy.map(\.rawValue))), ("newDormancy", .strings(i.newDormancy.map(\.rawValue))),
                ("tables", .array(i.tableChanges.map(tableChange))), ("columns", .array(i.columnChanges.map(columnChange))),
                ("misc", .array(i.miscChanges.map(miscChange))),
            ])
    }

    static func miscChange(_ c: MiscPrivilegeChange) -> JSONValue {
        var o: [(key: String, value: JSONValue)] = [
            ("privilege", .string(c.name)), ("old", .string(c.old.snapshotName)), ("new", .string(c.new.snapshotName)),
            ("dormant", .bool(c.isDormant)), ("risk", .string(c.risk.rawValue)), ("reasons", .strings(c.reasons.map(\.rawValue))),
        ]
        add(&o, "oldVia", c.oldVia)
        add(&o, "newVia", c.newVia)
        // The inferred rule that set a side (access mode Read), in words; absent otherwise.
        add(&o, "note", c.note)
        return .row(o)
    }

    static func tableChange(_ c: TableAccessChange) -> JSONValue {
        var o: [(key: String, value: JSONValue)] = [
            ("table", .string(c.table)), ("operation", .string(c.operation.snapshotName)), ("old", .string(c.old.snapshotName)),
            ("new", .string(c.new.snapshotName)), ("dormant", .bool(c.isDormant)), ("scopeChange", .bool(c.isScopeChange)),
            ("risk", .string(c.risk.rawValue)), ("reasons", .strings(c.reasons.map(\.rawValue))),
            ("oldScope", .strings(c.oldScope)), ("newScope", .strings(c.newScope)),
        ]
        if let p = c.oldPath { o.append(("oldPath", path(p))) }
        if let p = c.newPath { o.append(("newPath", path(p))) }
        // The inferred rule that set a side (access mode Read), in words; absent otherwise.
        add(&o, "note", c.note)
        return .row(o)
    }

    static func path(_ p: ImpactPath) -> JSONValue {
        var o: [(key: String, value: JSONValue)] = [
            ("kind", .string(p.kind.rawValue)), ("roleId", .string(p.roleId)), ("roleName", .string(p.roleName)),
            ("systemAdministrator", .bool(p.isSystemAdministrator)), ("scope", .string(p.scope)), ("description", .string(p.description)),
        ]
        add(&o, "teamId", p.teamId)
        add(&o, "teamName", p.teamName)
        add(&o, "note", p.note)
        return .row(o)
    }

    static func columnChange(_ c: ColumnAccessChange) -> JSONValue {
        var o: [(key: String, value: JSONValue)] = [
            ("table", .string(c.column.table)), ("column", .string(c.column.column)), ("permission", .string(c.kind.rawValue)),
            ("old", .bool(c.old)), ("new", .bool(c.new)),
        ]
        add(&o, "oldUnmasked", c.oldUnmasked?.snapshotName)
        add(&o, "newUnmasked", c.newUnmasked?.snapshotName)
        add(&o, "withoutTableOperation", c.withoutTableOperation?.snapshotName)
        o += [
            ("oldVia", .strings(c.oldVia)), ("newVia", .strings(c.newVia)), ("dormant", .bool(c.isDormant)),
            ("risk", .string(c.risk.rawValue)), ("reasons", .strings(c.reasons.map(\.rawValue))),
        ]
        return .row(o)
    }
}
