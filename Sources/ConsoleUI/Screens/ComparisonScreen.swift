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
            let line = "\(mark) \(s.label): \(s.facts)" + (s.dormancyText.map { "; dormant: " + $0 } ?? "")
            b.addWrapped(line, s.dormancy.isEmpty ? style : palette[.dormant], width: width)
        }
        b.addWrapped(c.levelsNote + ".", palette[.dim], width: width)
        if c.scopesDiffer {
            b.addWrapped(
                "Their business units differ: the same Business Unit or Parent: Child level reaches different records.", palette[.dim],
                width: width)
        }
        if c.isIdentical {
            b.blank()
            b.add("Same roles, same teams, same access.", palette[.success])
        } else {
            for section in c.sections(naming: false) { draw(section, into: &b, palette, width) }
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
            b.addWrapped("\(mark) \(s.name): " + s.facts.joined(separator: "; "), style, width: width)
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
        for section in c.sections { draw(section, into: &b, palette, width) }
        return b
    }

    /// A section of the domain's comparison: its title, then each line in the colour of the side
    /// that has more (or what it says when the two are the same there).
    static func draw(_ section: ComparisonSection, into b: inout TextBlock, _ palette: Palette, _ width: Int) {
        b.blank()
        b.add(section.title, palette[.header])
        if section.lines.isEmpty, let same = section.whenSame { b.add("  " + same, palette[.dim]) }
        for line in section.lines {
            b.addWrapped("\(line.marker) \(line.text)", line.left ? palette[.diffRemoved] : palette[.diffAdded], width: width, indent: 2)
        }
    }
}
