/// Renders access reports as Markdown, for an access review or a data-subject request file.
public struct ReportMarkdownRenderer: Sendable {
    public init() {}

    /// A user report as a Markdown document.
    public func render(_ r: UserAccessReport) -> String {
        var out = "# Access report: \(cell(r.name))\n\n"
        out += "| | |\n|---|---|\n"
        out += "| User | \(cell(r.name))\(r.domainName.isEmpty ? "" : " (\(cell(r.domainName)))") |\n"
        out += "| Environment | \(cell(r.environment.name)) (\(r.environment.type.label)) |\n| Business unit | \(cell(r.businessUnit)) |\n"
        out +=
            "| Status | \(r.isDisabled ? "disabled" : "enabled"), \(r.licence), access mode \(r.accessMode.label)\(r.isApplicationUser ? ", application user" : "") |\n"
        if !r.dormancy.isEmpty {
            out += "| Runtime | **dormant**: \(r.dormancy.map { $0.label + ($0.isInferred ? " [I]" : "") }.joined(separator: "; ")) |\n"
        }
        out += "\n## Roles\n\n| Role | Held through |\n|---|---|\n"
        for l in r.roles {
            out +=
                "| \(cell(l.roleName)) | \(markdownText(l.path))\(l.copyBusinessUnit.map { " (copy of \(markdownText($0)))" } ?? "")\(l.inheritsMemberPrivileges == false ? " (team privileges only)" : "") |\n"
        }
        if r.roles.isEmpty { out += "| none | |\n" }
        out += "\n## Teams\n\n| Team | Type | Business unit | Membership | Roles |\n|---|---|---|---|---|\n"
        for t in r.teams {
            out +=
                "| \(cell(t.name)) | \(t.type.label) | \(cell(t.businessUnit)) | \(cell(t.membership)) | \(cell(t.roleNames.joined(separator: ", "))) |\n"
        }
        out += "\n## Effective access\n\n" + matrix(r.matrix.map { ($0.table, $0.grantedLevels) })
        let scoped = r.reasons.filter { $0.level == .businessUnit || $0.level == .parentChildBusinessUnits }
        if !scoped.isEmpty {
            out += "\n### Business-unit scope\n\n| Table | Operation | Level | Through, and records covered |\n|---|---|---|---|\n"
            for c in scoped {
                out +=
                    "| \(cell(c.table)) | \(c.operation.label) | \(c.level.label) | \(markdownText(c.grants.joined(separator: "; "))) |\n"
            }
        }
        if !r.miscPrivileges.isEmpty {
            out += "\n## Miscellaneous privileges\n\n| Privilege | Level | Roles |\n|---|---|---|\n"
            for m in r.miscPrivileges {
                out +=
                    "| \(cell(m.name)) | \(m.level.label)\(m.blockedNote) | \(markdownText(m.rolesList(\.label).joined(separator: ", "))) |\n"
            }
        }
        if !r.columns.isEmpty {
            out += "\n## Secured columns\n\n| Column | Read | Create | Update | Read unmasked | Via |\n|---|---|---|---|---|---|\n"
            for c in r.columns {
                let marks = [ColumnPermissionKind.read, .create, .update, .readUnmasked].map { kind in
                    c.allowed[kind] != true
                        ? "-"
                        : c.withoutTableOperationWords(kind).map { "not usable (\(markdownText($0)))" }
                            ?? (kind == .readUnmasked ? c.unmasked.label.lowercased() : "yes")
                }
                out +=
                    "| \(cell(c.column.description)) | \(marks.joined(separator: " | ")) | \(markdownText(c.via.joined(separator: ", "))) |\n"
            }
        }
        if !r.notes.isEmpty { out += "\n## Notes\n\n" + r.notes.map { "- \(markdownText($0))\n" }.joined() }
        out += "\n## Not evaluated\n\n" + r.notEvaluated.map { "- \($0)\n" }.joined()
        return out
    }

    /// A role report as a Markdown document.
    public func render(_ r: RoleReport) -> String {
        var out = "# Role report: \(cell(r.name))\n\n"
        out += "| | |\n|---|---|\n| Environment | \(cell(r.environment.name)) |\n| Business unit | \(cell(r.businessUnit)) |\n"
        out +=
            "| Member privilege inheritance | \(r.inheritsMemberPrivileges ? "Direct User (Basic) access level and Team privileges" : "Team privileges only")\(r.inheritsMemberPrivilegesKnown ? "" : " (not in the file: the default)") |\n"
        if let b = r.builtIn { out += "| Built-in | \(b) |\n" }
        if let d = r.description { out += "| Description | \(cell(d)) |\n" }
        out += "\n## Holders\n\n| User | Domain name | Held through | Runtime |\n|---|---|---|---|\n"
        for h in r.holders {
            let runtime = h.dormancy.isEmpty ? "active" : "dormant: " + Dormancy.words(h.dormancy)
            let copy = h.copyBusinessUnit.map { " (copy of \(markdownText($0)))" } ?? ""
            out += "| \(cell(h.name)) | \(cell(h.domainName)) | \(markdownText(h.path))\(copy) | \(runtime) |\n"
        }
        if !r.teams.isEmpty {
            out += "\n## Teams\n\n| Team | Type | Business unit | Members |\n|---|---|---|---|\n"
            for t in r.teams { out += "| \(cell(t.name)) | \(t.type.label) | \(cell(t.businessUnit)) | \(t.memberCount) |\n" }
        }
        out += "\n## Table privileges\n\n" + matrix(r.privileges.map { ($0.table, $0.row) })
        if !r.miscPrivileges.isEmpty {
            out += "\n## Miscellaneous privileges\n\n| Privilege | Level |\n|---|---|\n"
            for m in r.miscPrivileges { out += "| \(cell(m.name)) | \(m.level.label) |\n" }
        }
        return out
    }

    func matrix(_ rows: [(String, PrivilegeRow)]) -> String {
        guard !rows.isEmpty else { return "None.\n" }
        var out = "| Table | " + TableOperation.allCases.map(\.label).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: TableOperation.allCases.count) + "\n"
        for (table, row) in rows {
            out +=
                "| \(cell(table)) | " + TableOperation.allCases.map { row[$0] == .none ? "-" : row[$0].label }.joined(separator: " | ")
                + " |\n"
        }
        return out
    }
}
