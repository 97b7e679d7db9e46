/// A titled part of a side-by-side comparison (two users, two roles): worded once here for the
/// text report and the console's comparison screen.
public struct ComparisonSection: Hashable, Sendable {
    public var title: String
    public var lines: [ComparisonLine]
    /// What the section says when nothing in it differs (`same`, `same levels`); `nil` when the
    /// section is left out then.
    public var whenSame: String?
}

/// One difference: the side that has more, and the words.
public struct ComparisonLine: Hashable, Sendable {
    /// The left side has more (or has it at all); otherwise the right side does.
    public var left: Bool
    public var text: String

    /// `<` for the left side, `>` for the right.
    public var marker: String { left ? "<" : ">" }
}

extension UserAccessComparison {
    /// The differences, section by section. With `naming`, each level is preceded by its user's
    /// name (a report); the console names the two sides in its title instead.
    public func sections(naming: Bool) -> [ComparisonSection] {
        let leftName = naming ? left.name + " " : ""
        let rightName = naming ? right.name + " " : ""
        var out = [
            ComparisonSection(
                title: "Roles",
                lines: rolesOnlyLeft.map { ComparisonLine(left: true, text: "\($0.roleName) — \($0.path)") }
                    + rolesOnlyRight.map { ComparisonLine(left: false, text: "\($0.roleName) — \($0.path)") },
                whenSame: "same"),
            ComparisonSection(
                title: "Teams",
                lines: teamsOnlyLeft.map { ComparisonLine(left: true, text: $0) }
                    + teamsOnlyRight.map { ComparisonLine(left: false, text: $0) },
                whenSame: "same"),
            ComparisonSection(
                title: tables.isEmpty ? "Table access" : "Table access (\(counted(tables.count, "operation")))",
                lines: groupedTables.map { table, operations, t in
                    let a = t.label(left: true)
                    let b = t.label(left: false)
                    let ops = operations.map(\.label).joined(separator: ", ")
                    return ComparisonLine(left: t.left > t.right, text: "\(table) \(ops): \(leftName)\(a)  |  \(rightName)\(b)")
                },
                whenSame: "same levels"),
        ]
        if !columns.isEmpty {
            out.append(
                ComparisonSection(
                    title: "Secured columns",
                    lines: groupedColumns.map { column, kinds, col in
                        let who = naming ? ": only \(col.left ? left.name : right.name)" : ""
                        let via = col.via.isEmpty ? "" : " via " + col.via.joined(separator: ", ")
                        return ComparisonLine(
                            left: col.left, text: "\(column.description) \(kinds.map(\.label).joined(separator: ", "))\(who)\(via)")
                    },
                    whenSame: nil))
        }
        if !misc.isEmpty {
            out.append(
                ComparisonSection(
                    title: "Miscellaneous privileges",
                    lines: misc.map { m in
                        let a = m.leftRoles.isEmpty ? "" : " (\(m.leftRoles.joined(separator: ", ")))"
                        let b = m.rightRoles.isEmpty ? "" : " (\(m.rightRoles.joined(separator: ", ")))"
                        return ComparisonLine(
                            left: m.leftEffective > m.rightEffective,
                            text: "\(m.name): \(leftName)\(m.label(left: true))\(a)  |  \(rightName)\(m.label(left: false))\(b)")
                    },
                    whenSame: nil))
        }
        return out
    }
}

extension RoleComparison {
    /// The differences, section by section: table privileges, then miscellaneous and unmapped
    /// privileges when any differ.
    public var sections: [ComparisonSection] {
        var out = [
            ComparisonSection(
                title: privileges.isEmpty ? "Table privileges" : "Table privileges (\(counted(privileges.count, "operation")))",
                lines: groupedPrivileges.map { table, operations, a, b in
                    ComparisonLine(
                        left: a > b, text: "\(table) \(operations.map(\.label).joined(separator: ", ")): \(a.label)  |  \(b.label)")
                },
                whenSame: "same levels")
        ]
        for (title, differences) in [("Miscellaneous privileges", miscPrivileges), ("Privileges dvsec does not map", unmappedPrivileges)]
        where !differences.isEmpty {
            out.append(
                ComparisonSection(
                    title: title,
                    lines: differences.map {
                        ComparisonLine(left: $0.left > $0.right, text: "\($0.name): \($0.left.label)  |  \($0.right.label)")
                    },
                    whenSame: nil))
        }
        return out
    }
}

extension RoleComparison.Side {
    /// What sets the role apart before its privileges: `built-in System Administrator`,
    /// `business unit Contoso`, `held by 3 users`, `members inherit Basic grants`.
    public var facts: [String] {
        var out = ["business unit \(businessUnit)", "held by \(counted(holders, "user"))"]
        if let builtIn { out.insert("built-in \(builtIn)", at: 0) }
        out.append(inheritsMemberPrivileges ? "members inherit Basic grants" : "team privileges only")
        return out
    }
}

extension UserAccessComparison.Side {
    /// `business unit Contoso / Sales, access mode Read-Write`.
    public var facts: String { "business unit \(businessUnit), access mode \(accessMode.label)" }
    /// Why the user has no runtime access (`disabled, outside the security group [I]`), nil when
    /// they have it.
    public var dormancyText: String? {
        dormancy.isEmpty ? nil : dormancy.map { $0.label + ($0.isInferred ? " [I]" : "") }.joined(separator: ", ")
    }
}
