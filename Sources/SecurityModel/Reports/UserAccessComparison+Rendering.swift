extension UserAccessComparison.Side {
    /// `Alex Wilber <alex@contoso.com>`.
    public var label: String { domainName.isEmpty ? name : "\(name) <\(domainName)>" }
}

extension ReportTextRenderer {
    /// Two users side by side, for a terminal or a ticket: what each holds that the other does not.
    public func render(_ c: UserAccessComparison) -> String {
        let l = c.left
        let r = c.right
        var out = style.bold(readable("Access compared: \(l.label)  vs  \(r.label)")) + "\n"
        out += readable("Environment \(c.environment.name) (\(c.environment.type.label))") + "\n"
        for (tag, s) in [("left ", l), ("right", r)] {
            out +=
                readable("  \(tag) \(s.name): \(s.facts)")
                + (s.dormancyText.map { "; " + style.warning("DORMANT: " + readable($0)) } ?? "") + "\n"
        }
        out += style.dim(readable(c.levelsNote) + "; \"<\" marks the left side, \">\" the right.") + "\n"
        if c.scopesDiffer {
            out += style.dim("Their business units differ: the same Business Unit or Parent: Child level reaches different records.") + "\n"
        }
        if c.isIdentical {
            out += "\nSame roles, same teams, same access.\n"
        } else {
            out += sectionsText(c.sections(naming: true))
        }
        out += style.dim("Not evaluated: " + c.notEvaluated.joined(separator: "; ") + ".") + "\n"
        return out
    }

    /// Each section: a blank line, its title, its lines (`  < text`), or what it says when the
    /// two sides are the same there.
    private func sectionsText(_ sections: [ComparisonSection]) -> String {
        var out = ""
        for section in sections {
            out += "\n" + style.bold(readable(section.title)) + "\n"
            if section.lines.isEmpty, let same = section.whenSame { out += "  \(same)\n" }
            for line in section.lines { out += readable("  \(line.marker) \(line.text)") + "\n" }
        }
        return out
    }
}

extension ReportMarkdownRenderer {
    /// Two users side by side as a Markdown document (for the ticket that asked).
    public func render(_ c: UserAccessComparison) -> String {
        let l = c.left
        let r = c.right
        var out = "# Access compared: \(cell(l.name)) and \(cell(r.name))\n\n"
        out += "| | \(cell(l.label)) | \(cell(r.label)) |\n|---|---|---|\n"
        out += "| Business unit | \(cell(l.businessUnit)) | \(cell(r.businessUnit)) |\n"
        out += "| Access mode | \(l.accessMode.label) | \(r.accessMode.label) |\n"
        let dormancy = { (s: UserAccessComparison.Side) in
            s.dormancy.isEmpty ? "active" : "**dormant**: " + s.dormancy.map(\.label).joined(separator: "; ")
        }
        out += "| Runtime | \(dormancy(l)) | \(dormancy(r)) |\n"
        out += "\nEnvironment \(cell(c.environment.name)). \(markdownText(c.levelsNote)).\n"
        if c.isIdentical { return out + "\nSame roles, same teams, same access.\n" }
        out += "\n## Roles held by one of them\n\n| Role | Held by | Through |\n|---|---|---|\n"
        for d in c.rolesOnlyLeft { out += "| \(cell(d.roleName)) | \(cell(l.name)) | \(markdownText(d.path)) |\n" }
        for d in c.rolesOnlyRight { out += "| \(cell(d.roleName)) | \(cell(r.name)) | \(markdownText(d.path)) |\n" }
        out += "\n## Teams\n\n| Team | Member |\n|---|---|\n"
        for t in c.teamsOnlyLeft { out += "| \(cell(t)) | \(cell(l.name)) |\n" }
        for t in c.teamsOnlyRight { out += "| \(cell(t)) | \(cell(r.name)) |\n" }
        out += "\n## Table access\n\n| Table | Operation | \(cell(l.name)) | \(cell(r.name)) |\n|---|---|---|---|\n"
        for (table, operations, t) in c.groupedTables {
            // The rule after the grant, unescaped as the miscellaneous rows write theirs.
            let a = t.left.label + (t.leftVia.map { " (\(markdownText($0)))" } ?? "") + (t.rule(left: true).map { " (\($0))" } ?? "")
            let b = t.right.label + (t.rightVia.map { " (\(markdownText($0)))" } ?? "") + (t.rule(left: false).map { " (\($0))" } ?? "")
            out += "| \(cell(table)) | \(operations.map(\.label).joined(separator: ", ")) | \(a) | \(b) |\n"
        }
        if !c.columns.isEmpty {
            out += "\n## Secured columns\n\n| Column | Permission | Only | Via |\n|---|---|---|---|\n"
            for (column, kinds, col) in c.groupedColumns {
                out +=
                    "| \(cell(column.description)) | \(kinds.map(\.label).joined(separator: ", ")) | \(cell(col.left ? l.name : r.name)) | \(cell(col.via.joined(separator: ", "))) |\n"
            }
        }
        if !c.misc.isEmpty {
            out += "\n## Miscellaneous privileges\n\n| Privilege | \(cell(l.name)) | \(cell(r.name)) |\n|---|---|---|\n"
            for m in c.misc { out += "| \(cell(m.name)) | \(m.label(left: true)) | \(m.label(left: false)) |\n" }
        }
        out += "\n## Not evaluated\n\n" + c.notEvaluated.map { "- \($0)\n" }.joined()
        return out
    }
}

extension ReportCSVRenderer {
    /// Two users side by side, one row per difference: `section,item,detail,value,via` with the
    /// value `left -> right` (a role, team or column: the user who has it).
    public func render(_ c: UserAccessComparison) -> String {
        // The business unit on a row of its own, as the single reports have it (found by an
        // output review: it sat in the `via` column).
        var rows: [[String]] = [
            ["left", c.left.name, "domainName", c.left.domainName, ""], ["left", c.left.name, "businessUnit", c.left.businessUnit, ""],
            ["right", c.right.name, "domainName", c.right.domainName, ""],
            ["right", c.right.name, "businessUnit", c.right.businessUnit, ""],
        ]
        for d in c.rolesOnlyLeft { rows.append(["role", d.roleName, "only", c.left.name, d.path]) }
        for d in c.rolesOnlyRight { rows.append(["role", d.roleName, "only", c.right.name, d.path]) }
        for t in c.teamsOnlyLeft { rows.append(["team", t, "only", c.left.name, ""]) }
        for t in c.teamsOnlyRight { rows.append(["team", t, "only", c.right.name, ""]) }
        for t in c.tables {
            rows.append([
                "access", t.table, t.operation.snapshotName, "\(t.left.snapshotName) -> \(t.right.snapshotName)",
                [t.leftVia ?? t.rule(left: true), t.rightVia ?? t.rule(left: false)].map { $0 ?? "" }.joined(separator: " | "),
            ])
        }
        for col in c.columns {
            rows.append([
                "column", col.column.description, col.kind.rawValue, "only \(col.left ? c.left.name : c.right.name)",
                col.via.joined(separator: "; "),
            ])
        }
        for m in c.misc {
            let blocked = [(m.leftBlocked, c.left.name), (m.rightBlocked, c.right.name)].filter(\.0).map {
                "not effective for \($0.1): access mode Read [I]"
            }
            rows.append(["misc", m.name, blocked.joined(separator: "; "), "\(m.left.snapshotName) -> \(m.right.snapshotName)", ""])
        }
        for n in c.notEvaluated { rows.append(["notEvaluated", n, "", "", ""]) }
        return csv(rows)
    }
}

extension ReportTextRenderer {
    /// Two roles side by side: what one grants that the other does not.
    public func render(_ c: RoleComparison) -> String {
        let l = c.left
        let r = c.right
        var out = style.bold(readable("Roles compared: \(l.name)  vs  \(r.name)")) + "\n"
        out += readable("Environment \(c.environment.name) (\(c.environment.type.label))") + "\n"
        for (tag, s) in [("left ", l), ("right", r)] { out += readable("  \(tag) \(s.name): " + s.facts.joined(separator: "; ")) + "\n" }
        out += style.dim("\"<\" marks what the left role grants more, \">\" the right.") + "\n"
        if c.inheritanceDiffers {
            out +=
                style.warning("Member privilege inheritance differs: held through a team, they give members different Basic access.") + "\n"
        }
        if c.grantsTheSame {
            out += "\nThe two roles grant the same privileges.\n"
            return out
        }
        out += sectionsText(c.sections)
        return out
    }
}

extension ReportMarkdownRenderer {
    /// Two roles side by side as a Markdown document.
    public func render(_ c: RoleComparison) -> String {
        let l = c.left
        let r = c.right
        var out = "# Roles compared: \(cell(l.name)) and \(cell(r.name))\n\n"
        out += "| | \(cell(l.name)) | \(cell(r.name)) |\n|---|---|---|\n"
        out += "| Business unit | \(cell(l.businessUnit)) | \(cell(r.businessUnit)) |\n"
        out += "| Held by | \(counted(l.holders, "user")) | \(counted(r.holders, "user")) |\n"
        let inherit = { (s: RoleComparison.Side) in s.inheritsMemberPrivileges ? "members inherit Basic grants" : "team privileges only" }
        out += "| Member privilege inheritance | \(inherit(l)) | \(inherit(r)) |\n"
        out += "\nEnvironment \(cell(c.environment.name)).\n"
        if c.grantsTheSame { return out + "\nThe two roles grant the same privileges.\n" }
        out += "\n## Table privileges\n\n| Table | Operations | \(cell(l.name)) | \(cell(r.name)) |\n|---|---|---|---|\n"
        for (table, operations, a, b) in c.groupedPrivileges {
            out += "| \(cell(table)) | \(operations.map(\.label).joined(separator: ", ")) | \(a.label) | \(b.label) |\n"
        }
        for (title, lines) in [("Miscellaneous privileges", c.miscPrivileges), ("Privileges dvsec does not map", c.unmappedPrivileges)]
        where !lines.isEmpty {
            out += "\n## \(title)\n\n| Privilege | \(cell(l.name)) | \(cell(r.name)) |\n|---|---|---|\n"
            for m in lines { out += "| \(cell(m.name)) | \(m.left.label) | \(m.right.label) |\n" }
        }
        return out
    }
}

extension ReportCSVRenderer {
    /// Two roles side by side, one row per difference (`value` reads `left -> right`).
    public func render(_ c: RoleComparison) -> String {
        var rows: [[String]] = [
            ["left", c.left.name, "businessUnit", c.left.businessUnit, ""],
            ["right", c.right.name, "businessUnit", c.right.businessUnit, ""],
        ]
        for d in c.privileges {
            rows.append(["privilege", d.table, d.operation.snapshotName, "\(d.left.snapshotName) -> \(d.right.snapshotName)", ""])
        }
        for m in c.miscPrivileges { rows.append(["misc", m.name, "", "\(m.left.snapshotName) -> \(m.right.snapshotName)", ""]) }
        for m in c.unmappedPrivileges { rows.append(["unmapped", m.name, "", "\(m.left.snapshotName) -> \(m.right.snapshotName)", ""]) }
        return csv(rows)
    }
}
