import TerminalCore

/// A summary above a list ("2 escalations · 2 reductions · …"): groups of styled words kept
/// together, set on one line, or on two when one cannot hold them, rather than cut.
///
/// Found by a console review: at 80×24 the diff's summary hid "1 new finding, 0 resolved (F)",
/// which README says it counts, and the findings' summary was cut at 60 columns.
struct SummaryLine {
    struct Group {
        var pieces: [(String, ThemeRole)]
        /// Written before the group when it follows another on the same line.
        var separator: (String, ThemeRole) = (" · ", .dim)
        /// Left out, rather than moved to a line of its own, when the line before has no room.
        var optional = false
        /// A shorter wording, used when the groups do not fit otherwise (see ``fittingLines(width:)``).
        var short: [(String, ThemeRole)]? = nil

        var width: Int { pieces.reduce(0) { $0 + displayWidth(of: sanitizedForDisplay($1.0)) } }
    }

    var groups: [Group]

    /// The lines for `width` with nothing cut where words can help it: the groups as written on
    /// one or two lines; else the last groups in their ``Group/short`` wording, one more at a time
    /// from the end; else every short wording over up to three lines.
    ///
    /// Found by a review: at 60 columns the diff's second line ended "8 users affec…".
    func fittingLines(width: Int) -> [[(String, ThemeRole)]] {
        func fits(_ lines: [[(String, ThemeRole)]]) -> Bool {
            lines.allSatisfy { $0.reduce(0) { $0 + displayWidth(of: sanitizedForDisplay($1.0)) } <= width }
        }
        var shortened = self
        var out = lines(width: width)
        for i in groups.indices.reversed() where !fits(out) {
            guard let short = groups[i].short else { continue }
            shortened.groups[i].pieces = short
            out = shortened.lines(width: width)
        }
        return fits(out) ? out : shortened.lines(width: width, maxLines: 3)
    }

    /// The lines, each starting with a space, for `width` columns and at most `maxLines` lines (the
    /// last one may still be too long: the buffer cuts it).
    func lines(width: Int, maxLines: Int = 2) -> [[(String, ThemeRole)]] {
        var lines: [[(String, ThemeRole)]] = [[(" ", .dim)]]
        var used = 1
        for group in groups {
            let separator = used > 1 ? displayWidth(of: group.separator.0) : 0
            if used > 1 && used + separator + group.width > width {
                if group.optional { continue }
                if lines.count < maxLines {
                    lines.append([(" ", .dim)])
                    used = 1
                }
            }
            if used > 1 {
                lines[lines.count - 1].append(group.separator)
                used += displayWidth(of: group.separator.0)
            }
            lines[lines.count - 1] += group.pieces
            used += group.width
        }
        return lines
    }
}
