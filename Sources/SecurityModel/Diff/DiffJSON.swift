import Foundation

/// The `--format json` output of `dvsec diff` (schema `dvsec-diff`, version 1; documented in the
/// DiffAndChecks article). Keys are sorted; absent optional values are omitted.
public enum DiffJSON {
    /// The `schema` value of the document.
    public static let schema = "dvsec-diff"
    /// The schema version; bumped on incompatible changes.
    public static let version = 1

    /// The JSON document for a snapshot (or environment) comparison, keys sorted, with a final newline.
    public static func data(_ result: SnapshotDiffResult) -> Data {
        let object: [String: Any] = [
            "schema": schema, "version": version, "identical": result.isIdentical, "escalation": result.hasEscalation,
            "comparisons": result.comparisons.map(comparison), "unmatchedEnvironments": result.unmatchedEnvironments.map(entry),
        ]
        return serialize(object)
    }

    static func serialize(_ object: Any) -> Data {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return data + Data("\n".utf8)
    }

    static func comparison(_ r: DiffResult) -> [String: Any] {
        let s = r.summary
        var byKind: [String: Any] = [:]
        for (k, actions) in s.byKind { byKind[k.rawValue] = Dictionary(uniqueKeysWithValues: actions.map { ($0.key.rawValue, $0.value) }) }
        let summary: [String: Any] = [
            "added": s.added, "removed": s.removed, "modified": s.modified, "renamed": s.renamed, "byKind": byKind,
            "entriesByRisk": riskCounts(s.entriesByRisk), "impactLinesByRisk": riskCounts(s.impactLinesByRisk),
            "usersAffected": s.usersAffected, "usersWithEscalation": s.usersWithEscalation, "newFindings": s.newFindings,
            "topRisingUsers": s.topRisingUsers.map { ["userId": $0.userId, "name": $0.name, "score": $0.score] as [String: Any] },
        ]
        return [
            "base": environment(r.base), "target": environment(r.target), "identical": r.isIdentical, "escalation": r.hasEscalation,
            "entries": r.entries.map(entry), "impacts": r.impacts.map(impact),
            "findings": ["evaluated": r.findingsEvaluated, "new": r.newFindings.map(finding), "resolved": r.resolvedFindings.map(finding)],
            "notEvaluated": r.notEvaluated, "summary": summary,
        ]
    }

    static func riskCounts(_ d: [RiskClass: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: RiskClass.allCases.map { ($0.rawValue, d[$0] ?? 0) })
    }

    static func environment(_ e: EnvironmentReference) -> [String: Any] { ["id": e.id, "name": e.name, "type": e.type.rawValue] }

    static func entry(_ e: DiffEntry) -> [String: Any] {
        var o: [String: Any] = [
            "kind": e.kind.rawValue, "id": e.objectId, "name": e.name, "action": e.action.rawValue, "risk": e.risk.rawValue,
            "lines": e.lines.map(line),
        ]
        o["baseId"] = e.baseObjectId
        o["renamedFrom"] = e.renamedFrom
        return o
    }

    static func line(_ l: DiffLine) -> [String: Any] {
        var o: [String: Any] = [
            "symbol": l.symbol.rawValue, "field": l.field.rawValue, "subject": l.subject, "risk": l.risk.rawValue,
            "reasons": l.reasons.map(\.rawValue),
        ]
        o["subjectId"] = l.subjectId
        o["old"] = l.old
        o["new"] = l.new
        o["note"] = l.note
        o["table"] = l.table
        o["operation"] = l.operation?.snapshotName
        o["column"] = l.column?.column
        o["permission"] = l.permission?.rawValue
        if [.privilege, .miscPrivilege, .unmappedPrivilege].contains(l.field) {
            o["oldLevel"] = level(l.old)
            o["newLevel"] = level(l.new)
        }
        return o
    }

    /// The snapshot name (`none` ... `global`) of a level label; `none` when absent.
    static func level(_ label: String?) -> String {
        (AccessLevel.allCases.first { $0.label == label } ?? .none).snapshotName
    }

    static func impact(_ i: UserImpact) -> [String: Any] {
        [
            "userId": i.userId, "name": i.name, "domainName": i.domainName, "risk": i.risk.rawValue,
            "escalationScore": i.escalationScore, "causes": i.causes, "oldDormancy": i.oldDormancy.map(\.rawValue),
            "newDormancy": i.newDormancy.map(\.rawValue), "tables": i.tableChanges.map(tableChange),
            "columns": i.columnChanges.map(columnChange), "misc": i.miscChanges.map(miscChange),
        ]
    }

    static func miscChange(_ c: MiscPrivilegeChange) -> [String: Any] {
        var o: [String: Any] = [
            "privilege": c.name, "old": c.old.snapshotName, "new": c.new.snapshotName, "dormant": c.isDormant,
            "risk": c.risk.rawValue, "reasons": c.reasons.map(\.rawValue),
        ]
        o["oldVia"] = c.oldVia
        o["newVia"] = c.newVia
        return o
    }

    static func tableChange(_ c: TableAccessChange) -> [String: Any] {
        var o: [String: Any] = [
            "table": c.table, "operation": c.operation.snapshotName, "old": c.old.snapshotName, "new": c.new.snapshotName,
            "dormant": c.isDormant, "scopeChange": c.isScopeChange, "risk": c.risk.rawValue, "reasons": c.reasons.map(\.rawValue),
            "oldScope": c.oldScope, "newScope": c.newScope,
        ]
        o["oldPath"] = c.oldPath.map(path)
        o["newPath"] = c.newPath.map(path)
        return o
    }

    static func path(_ p: ImpactPath) -> [String: Any] {
        var o: [String: Any] = [
            "kind": p.kind.rawValue, "roleId": p.roleId, "roleName": p.roleName, "systemAdministrator": p.isSystemAdministrator,
            "scope": p.scope, "description": p.description,
        ]
        o["teamId"] = p.teamId
        o["teamName"] = p.teamName
        return o
    }

    static func columnChange(_ c: ColumnAccessChange) -> [String: Any] {
        [
            "table": c.column.table, "column": c.column.column, "permission": c.kind.rawValue, "old": c.old, "new": c.new,
            "oldVia": c.oldVia, "newVia": c.newVia, "dormant": c.isDormant, "risk": c.risk.rawValue,
            "reasons": c.reasons.map(\.rawValue),
        ]
    }

    static func finding(_ f: Finding) -> [String: Any] { FindingJSON.finding(f) }
}
