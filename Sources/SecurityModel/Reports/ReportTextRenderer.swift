/// Renders access reports as plain text for a terminal or a ticket.
public struct ReportTextRenderer: Sendable {
    /// Colours, or none.
    public var style: ANSIStyle

    public init(style: ANSIStyle = .plain) { self.style = style }

    /// A user report for a terminal.
    public func render(_ r: UserAccessReport) -> String {
        var out = style.bold(readable("Access report: \(r.name)\(r.domainName.isEmpty ? "" : " <\(r.domainName)>")")) + "\n"
        out += readable("Environment \(r.environment.name) (\(r.environment.type.label)); business unit \(r.businessUnit)") + "\n"
        var facts = [
            "access mode \(r.accessMode.label)", r.isDisabled ? "disabled" : "enabled",
            r.licence,
        ]
        if r.isApplicationUser { facts.append("application user") }
        if let t = r.title { facts.append("title \(t)") }
        if let m = r.manager { facts.append("manager \(m)") }
        out += readable(facts.joined(separator: "; ")) + "\n"
        for d in r.dormancy {
            out +=
                style.warning("DORMANT: \(d.label)\(d.isInferred ? " [I]" : "")")
                + " — the levels below are what the grants would give; runtime access is None\n"
        }
        out += "\n" + style.bold("Roles (\(r.roles.count))") + "\n"
        if r.roles.isEmpty { out += "  none\n" }
        for l in r.roles {
            var s = "  \(l.roleName) — \(l.path)" + (l.copyBusinessUnit.map { " (copy of \($0))" } ?? "")
            if l.inheritsMemberPrivileges == false { s += " [team privileges only]" }
            out += readable(s) + "\n"
        }
        out += "\n" + style.bold("Teams (\(r.teams.count))") + "\n"
        for t in r.teams {
            let roles = t.roleNames.isEmpty ? "" : "; roles " + t.roleNames.joined(separator: ", ")
            out += readable("  \(t.name) (\(t.type.label), \(t.businessUnit)) — \(t.membership)\(roles)") + "\n"
        }
        out += "\n" + style.bold("Effective access (granted levels)") + "\n" + matrix(r.matrix.map { ($0.table, $0.grantedLevels) })
        // Which records a Business Unit or Parent: Child level covers depends on the grant's path.
        let scoped = r.reasons.filter { $0.level == .businessUnit || $0.level == .parentChildBusinessUnits }
        if !scoped.isEmpty {
            out += "\n" + style.bold("Business-unit scope of Business Unit and Parent: Child levels") + "\n"
            for c in scoped {
                out += readable("  \(c.table) \(c.operation.label) \(c.level.shortLabel): \(c.grants.joined(separator: "; "))") + "\n"
            }
        }
        if !r.miscPrivileges.isEmpty {
            out += "\n" + style.bold("Miscellaneous privileges") + "\n"
            for m in r.miscPrivileges {
                out += readable("  \(m.name): \(m.level.label) (\(m.rolesList(\.label).joined(separator: ", ")))\(m.blockedNote)") + "\n"
            }
        }
        if !r.columns.isEmpty {
            out += "\n" + style.bold("Secured columns") + "\n"
            for c in r.columns {
                // Granted without the table operation: not usable, no record to use it on.
                let kinds = ColumnPermissionKind.allCases.filter { c.allowed[$0] == true }.map { kind in
                    c.label(kind) + (c.withoutTableOperationWords(kind).map { " not usable [\($0)]" } ?? "")
                }
                let what = kinds.isEmpty ? "no access" : kinds.joined(separator: ", ")
                out += readable("  \(c.column.description): \(what)\(c.via.isEmpty ? "" : " via " + c.via.joined(separator: ", "))") + "\n"
            }
        }
        for n in r.notes { out += style.dim(readable("note: \(n)")) + "\n" }
        out += style.dim("Not evaluated: " + r.notEvaluated.joined(separator: "; ") + ".") + "\n"
        return out
    }

    /// A role report for a terminal.
    public func render(_ r: RoleReport) -> String {
        var out = style.bold(readable("Role report: \(r.name)")) + "\n"
        out += readable("Environment \(r.environment.name); business unit \(r.businessUnit)") + "\n"
        var facts = [
            (r.inheritsMemberPrivileges ? "members inherit Basic grants" : "team privileges only")
                + (r.inheritsMemberPrivilegesKnown ? "" : " (not in the file: the default)")
        ]
        if let b = r.builtIn { facts.append("built-in \(b)") }
        if r.isManaged { facts.append("managed") }
        out += facts.joined(separator: "; ") + "\n"
        if let d = r.description { out += readable("description: \(d)") + "\n" }
        let direct = r.holders.filter { $0.path == "direct" }.count
        out +=
            "\n"
            + style.bold(
                "Holders (\(counted(Set(r.holders.map(\.userId)).count, "user")); \(direct) direct, \(counted(r.teams.count, "team")))")
            + "\n"
        for h in r.holders {
            let dormant = h.dormancy.isEmpty ? "" : " [dormant: \(Dormancy.words(h.dormancy))]"
            let copy = h.copyBusinessUnit.map { " (copy of \($0))" } ?? ""
            out += readable("  \(h.name)\(h.domainName.isEmpty ? "" : " <\(h.domainName)>") — \(h.path)\(copy)\(dormant)") + "\n"
        }
        for t in r.teams {
            out += readable("  team \(t.name) (\(t.type.label), \(t.businessUnit)): \(counted(t.memberCount, "member"))") + "\n"
        }
        out += "\n" + style.bold("Table privileges") + "\n" + matrix(r.privileges.map { ($0.table, $0.row) })
        if !r.miscPrivileges.isEmpty {
            out += "\n" + style.bold("Miscellaneous privileges") + "\n"
            for m in r.miscPrivileges { out += readable("  \(m.name): \(m.level.label)") + "\n" }
        }
        if !r.unmappedPrivileges.isEmpty {
            out += "\n" + style.bold("Unmapped privileges") + "\n"
            for m in r.unmappedPrivileges { out += readable("  \(m.name): \(m.level.label)") + "\n" }
        }
        return out
    }

    /// A table of levels, one row per table, one column per operation.
    func matrix(_ rows: [(String, PrivilegeRow)]) -> String {
        guard !rows.isEmpty else { return "  (none)\n" }
        let header = ["TABLE"] + TableOperation.allCases.map { $0.label.uppercased() }
        var lines = [header]
        for (table, row) in rows {
            lines.append([readable(table)] + TableOperation.allCases.map { row[$0] == .none ? "-" : row[$0].shortLabel })
        }
        var widths = [Int](repeating: 0, count: header.count)
        for l in lines { for (i, c) in l.enumerated() { widths[i] = max(widths[i], c.count) } }
        return lines.map { l in
            var line = "  " + l.enumerated().map { i, c in c + String(repeating: " ", count: widths[i] - c.count) }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
