import SecurityModel
import TerminalCore

/// Two users side by side: what one holds that the other lacks (`v` on a user). The lines come
/// from the domain's ``UserAccessComparison``; `<` marks the left user's, `>` the right user's.
enum UserComparisonScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let c = state.comparison else { return }
        let l = c.left
        let r = c.right
        buffer.spans(
            [
                (" ", palette[.normal]), (l.name, palette[.title]), ("  vs  ", palette[.dim]), (r.name, palette[.title]),
                (c.isIdentical ? "  same roles, teams and access" : c.hasSameAccess ? "  same access" : "  access differs", palette[.dim]),
            ],
            x: 0, y: layout.tabs.y, width: layout.size.width)
        let rect = layout.body
        buffer.panel(rect, title: "Compared: < \(l.name)  > \(r.name)", palette: palette)
        let width = rect.width - 4
        let left = palette[.diffRemoved]
        let right = palette[.diffAdded]
        var b = TextBlock()
        for (mark, s, style) in [("<", l, left), (">", r, right)] {
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
            section(&b, "Table access (\(c.tables.count) operations)", tables, palette, width, empty: "same levels")
            if !c.columns.isEmpty {
                section(
                    &b, "Secured columns",
                    c.columns.map { col in
                        let via = col.via.isEmpty ? "" : " via " + col.via.joined(separator: ", ")
                        return ("\(col.left ? "<" : ">") \(col.column.description) \(col.kind.label)\(via)", col.left ? left : right)
                    }, palette, width)
            }
            if !c.misc.isEmpty {
                section(
                    &b, "Miscellaneous privileges",
                    c.misc.map { m in
                        ("\(m.left > m.right ? "<" : ">") \(m.name): \(m.left.label)  |  \(m.right.label)", m.left > m.right ? left : right)
                    },
                    palette, width)
            }
        }
        b.blank()
        b.addWrapped("Not evaluated: " + c.notEvaluated.joined(separator: "; ") + ".", palette[.dim], width: width)
        let inner = rect.inset(by: 1).inset(x: 1)
        b.draw(into: &buffer, rect: inner, top: b.clampedTop(state.comparisonTop, height: inner.height), palette: palette)
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
