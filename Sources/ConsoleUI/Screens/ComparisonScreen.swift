import SecurityModel
import TerminalCore

/// Two users or two roles side by side (`v`): what one has that the other lacks. The lines come
/// from the domain's ``UserAccessComparison`` and ``RoleComparison``; `<` marks the left side's,
/// `>` the right side's.
enum ComparisonScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let comparison = state.comparison, let text = text(state, layout: layout, palette: palette) else { return }
        let names: (String, String)
        let verdict: String
        switch comparison {
        case .users(let c):
            names = (c.left.name, c.right.name)
            verdict = c.isIdentical ? "same roles, teams and access" : c.hasSameAccess ? "same access" : "access differs"
        case .roles(let c):
            names = (c.left.name, c.right.name)
            verdict = c.grantsTheSame ? "same privileges" : "privileges differ"
        }
        buffer.spans(
            [
                (" ", palette[.normal]), (names.0, palette[.title]), ("  vs  ", palette[.dim]), (names.1, palette[.title]),
                ("  " + verdict, palette[.dim]),
            ],
            x: 0, y: layout.tabs.y, width: layout.size.width)
        buffer.panel(layout.body, title: "Compared: < \(names.0)  > \(names.1)", palette: palette)
        text.draw(into: &buffer, top: state.comparisonTop, palette: palette)
    }

    /// The compared lines and where they are drawn; the reducer bounds ``AppState/comparisonTop`` with it.
    static func text(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText? {
        guard let comparison = state.comparison else { return nil }
        let rect = layout.body.inset(by: 1).inset(x: 1)
        let width = layout.body.width - 4
        switch comparison {
        case .users(let c): return ScrolledText(block: users(c, palette, width), rect: rect, scrollKey: ScrolledText.screenKey)
        case .roles(let c): return ScrolledText(block: roles(c, palette, width), rect: rect, scrollKey: ScrolledText.screenKey)
        }
    }

    static func users(_ c: UserAccessComparison, _ palette: Palette, _ width: Int) -> TextBlock {
        let left = palette[.diffRemoved]
        let right = palette[.diffAdded]
        var b = TextBlock()
        for (mark, s, style) in [("<", c.left, left), (">", c.right, right)] {
            var line = "\(mark) \(s.label): \(s.businessUnit), access mode \(s.accessMode.label)"
            if !s.dormancy.isEmpty {
                line += "; dormant: " + s.dormancy.map { $0.label + ($0.isInferred ? " [I]" : "") }.joined(separator: ", ")
            }
            b.addWrapped(line, s.dormancy.isEmpty ? style : palette[.dormant], width: width)
        }
        b.addWrapped("Levels are what each user's grants give, dormancy aside.", palette[.dim], width: width)
        if c.scopesDiffer {
            b.addWrapped(
                "Their business units differ: the same Business Unit or Parent: Child level reaches different records.", palette[.dim],
                width: width)
        }
        if c.isIdentical {
            b.blank()
            b.add("Same roles, same teams, same access.", palette[.success])
        } else {
            section(
                &b, "Roles",
                c.rolesOnlyLeft.map { ("< \($0.roleName) — \($0.path)", left) }
                    + c.rolesOnlyRight.map { ("> \($0.roleName) — \($0.path)", right) }, palette, width)
            section(&b, "Teams", c.teamsOnlyLeft.map { ("< \($0)", left) } + c.teamsOnlyRight.map { ("> \($0)", right) }, palette, width)
            let tables = c.groupedTables.map { (table, operations, t) -> (String, Style) in
                let a = t.left.label + (t.leftVia.map { " (\($0))" } ?? "")
                let z = t.right.label + (t.rightVia.map { " (\($0))" } ?? "")
                let ops = operations.map(\.label).joined(separator: ", ")
                return ("\(t.left > t.right ? "<" : ">") \(table) \(ops): \(a)  |  \(z)", t.left > t.right ? left : right)
            }
            section(&b, "Table access (\(counted(c.tables.count, "operation")))", tables, palette, width, empty: "same levels")
            if !c.columns.isEmpty {
                section(
                    &b, "Secured columns",
                    c.groupedColumns.map { column, kinds, col in
                        let via = col.via.isEmpty ? "" : " via " + col.via.joined(separator: ", ")
                        let what = kinds.map(\.label).joined(separator: ", ")
                        return ("\(col.left ? "<" : ">") \(column.description) \(what)\(via)", col.left ? left : right)
                    }, palette, width)
            }
            if !c.misc.isEmpty {
                section(
                    &b, "Miscellaneous privileges",
                    c.misc.map { m in
                        ("\(m.left > m.right ? "<" : ">") \(m.name): \(m.left.label)  |  \(m.right.label)", m.left > m.right ? left : right)
                    }, palette, width)
            }
        }
        b.blank()
        b.addWrapped("Not evaluated: " + c.notEvaluated.joined(separator: "; ") + ".", palette[.dim], width: width)
        return b
    }

    static func roles(_ c: RoleComparison, _ palette: Palette, _ width: Int) -> TextBlock {
        let left = palette[.diffRemoved]
        let right = palette[.diffAdded]
        var b = TextBlock()
        for (mark, s, style) in [("<", c.left, left), (">", c.right, right)] {
            var facts = ["business unit \(s.businessUnit)", "held by \(s.holders) user\(s.holders == 1 ? "" : "s")"]
            if let builtIn = s.builtIn { facts.insert("built-in \(builtIn)", at: 0) }
            facts.append(s.inheritsMemberPrivileges ? "members inherit Basic grants" : "team privileges only")
            b.addWrapped("\(mark) \(s.name): " + facts.joined(separator: "; "), style, width: width)
        }
        if c.inheritanceDiffers {
            b.addWrapped(
                "Member privilege inheritance differs: held through a team, they give members different Basic access.",
                palette[.warning], width: width)
        }
        if c.grantsTheSame {
            b.blank()
            b.add("The two roles grant the same privileges.", palette[.success])
            return b
        }
        let rows = c.groupedPrivileges.map { (table, operations, a, z) -> (String, Style) in
            (
                "\(a > z ? "<" : ">") \(table) \(operations.map(\.label).joined(separator: ", ")): \(a.label)  |  \(z.label)",
                a > z ? left : right
            )
        }
        section(&b, "Table privileges (\(counted(c.privileges.count, "operation")))", rows, palette, width, empty: "same levels")
        for (title, lines) in [("Miscellaneous privileges", c.miscPrivileges), ("Privileges dvsec does not map", c.unmappedPrivileges)]
        where !lines.isEmpty {
            section(
                &b, title,
                lines.map { m in
                    ("\(m.left > m.right ? "<" : ">") \(m.name): \(m.left.label)  |  \(m.right.label)", m.left > m.right ? left : right)
                }, palette, width)
        }
        return b
    }

    static func section(
        _ b: inout TextBlock, _ title: String, _ lines: [(String, Style)], _ palette: Palette, _ width: Int, empty: String = "same"
    ) {
        b.blank()
        b.add(title, palette[.header])
        if lines.isEmpty { b.add("  " + empty, palette[.dim]) }
        for (text, style) in lines { b.addWrapped(text, style, width: width, indent: 2) }
    }
}
