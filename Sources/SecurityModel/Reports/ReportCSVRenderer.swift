/// Renders access reports as CSV (RFC 4180) in one long shape, `section,item,detail,value,via`,
/// so that every report loads into a spreadsheet the same way.
public struct ReportCSVRenderer: Sendable {
    /// The columns of every CSV report.
    public static let header = ["section", "item", "detail", "value", "via"]

    public init() {}

    /// A user report: identity, dormancy, roles, teams, one row per granted cell, misc privileges, columns.
    public func render(_ r: UserAccessReport) -> String {
        var rows: [[String]] = [
            ["user", r.name, "domainName", r.domainName, ""], ["user", r.name, "environment", r.environment.name, ""],
            ["user", r.name, "businessUnit", r.businessUnit, ""], ["user", r.name, "accessMode", r.accessMode.snapshotName, ""],
            ["user", r.name, "disabled", r.isDisabled ? "true" : "false", ""],
        ]
        for d in r.dormancy { rows.append(["dormancy", d.rawValue, d.isInferred ? "inferred" : "", d.label, ""]) }
        // The fourth column: the unit of the copy held, where the snapshot names one.
        for l in r.roles { rows.append(["role", l.roleName, l.roleId, l.copyBusinessUnit ?? "", l.path]) }
        for t in r.teams { rows.append(["team", t.name, t.type.snapshotName, t.membership, t.businessUnit]) }
        // One row per granted cell, with the deciding grants and the records they cover.
        for c in r.reasons {
            rows.append(["access", c.table, c.operation.snapshotName, c.level.snapshotName, c.grants.joined(separator: "; ")])
        }
        for m in r.miscPrivileges {
            rows.append([
                "misc", m.name, m.blockedByReadAccessMode ? "not effective: access mode Read [I]" : "", m.level.snapshotName,
                m.rolesList(\.snapshotName).joined(separator: "; "),
            ])
        }
        for c in r.columns {
            for kind in ColumnPermissionKind.allCases {
                // Granted without the table operation: no record to use it on.
                let value =
                    c.allowed[kind] != true ? "denied" : c.withoutTableOperationWords(kind).map { "not usable (\($0))" } ?? "allowed"
                rows.append([
                    "column", c.column.description, kind.rawValue, value, c.allowed[kind] == true ? c.via.joined(separator: "; ") : "",
                ])
            }
        }
        for n in r.notEvaluated { rows.append(["notEvaluated", n, "", "", ""]) }
        return csv(rows)
    }

    /// A role report: attributes, holders, teams, one row per granted cell, misc and unmapped privileges.
    public func render(_ r: RoleReport) -> String {
        var rows: [[String]] = [
            ["role", r.name, "environment", r.environment.name, ""], ["role", r.name, "businessUnit", r.businessUnit, ""],
            [
                "role", r.name, "inheritsMemberPrivileges", r.inheritsMemberPrivileges ? "true" : "false",
                r.inheritsMemberPrivilegesKnown ? "" : "not in the file: the default",
            ],
        ]
        for h in r.holders {
            rows.append([
                "holder", h.name, h.domainName, h.dormancy.isEmpty ? "active" : h.dormancy.map(\.rawValue).joined(separator: "; "),
                h.path + (h.copyBusinessUnit.map { " (copy of \($0))" } ?? ""),
            ])
        }
        for t in r.teams { rows.append(["team", t.name, t.type.snapshotName, String(t.memberCount), t.businessUnit]) }
        for p in r.privileges {
            for op in TableOperation.allCases where p.row[op] > .none {
                rows.append(["privilege", p.table, op.snapshotName, p.row[op].snapshotName, ""])
            }
        }
        for m in r.miscPrivileges { rows.append(["misc", m.name, "", m.level.snapshotName, ""]) }
        for m in r.unmappedPrivileges { rows.append(["unmapped", m.name, "", m.level.snapshotName, ""]) }
        return csv(rows)
    }

    func csv(_ rows: [[String]]) -> String {
        ([ReportCSVRenderer.header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it holds a comma, quote or line break (LF or CR LF); neutralises a
    /// leading `=`, `+`, `-`, `@`, tab or line break so a spreadsheet does not run it as a
    /// formula; shows other control characters escaped (an escape sequence in a name must not
    /// reach a terminal that prints the file), a lone carriage return among them: kept, it sent
    /// `cat report.csv` back to the start of the line, so `Sys Admin everywhere\rSalesperson`
    /// showed only `Salesperson",…` (found by a hostile-input review).
    func field(_ s: String) -> String {
        var v = printable(s, keepingLineBreaks: true)
        // A leading tab or carriage return starts a formula too (OWASP CSV injection).
        if let first = v.unicodeScalars.first, "=+-@\t\r\n".unicodeScalars.contains(first) { v = "'" + v }
        // By scalar: CR LF is one Character, equal to neither "\r" nor "\n".
        guard v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingAll("\"", with: "\"\"") + "\""
    }
}
