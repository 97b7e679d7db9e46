import TerminalCore

/// Drawing helpers on top of ``ScreenBuffer``: every string is sanitized, then measured and
/// clipped, so data (names with escape sequences, wide characters) can never break a layout.
extension ScreenBuffer {
    /// Draws `text` at (x, y) in at most `width` columns, ending with `…` when cut; returns the
    /// columns used.
    @discardableResult
    mutating func text(_ text: String, x: Int, y: Int, width: Int, style: Style, ellipsis: String = "…") -> Int {
        guard width > 0 else { return 0 }
        let safe = truncate(sanitizedForDisplay(text), toWidth: width, ellipsis: ellipsis)
        return put(safe, x: x, y: y, style: style, maxWidth: width)
    }

    /// Fills `width` columns of row `y` with `style`, then draws `text` padded to that width.
    mutating func field(_ text: String, x: Int, y: Int, width: Int, style: Style, alignment: TextAlignment = .left) {
        guard width > 0 else { return }
        fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        let safe = sanitizedForDisplay(text)
        let fitted = pad(safe, toWidth: width, alignment: alignment)
        put(fitted, x: x, y: y, style: style, maxWidth: width)
    }

    /// Draws a sequence of styled pieces from (x, y), clipped to `width`; returns the columns used.
    @discardableResult
    mutating func spans(_ pieces: [(String, Style)], x: Int, y: Int, width: Int) -> Int {
        var used = 0
        for (piece, style) in pieces where used < width {
            used += text(piece, x: x + used, y: y, width: width - used, style: style)
        }
        return used
    }

    /// A bordered panel with a title, its inside cleared.
    mutating func panel(_ rect: Rect, title: String?, palette: Palette, focused: Bool = true) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        fill(rect.inset(by: 1), style: palette[.normal])
        let safeTitle = title.map { truncate(sanitizedForDisplay($0), toWidth: max(0, rect.width - 6)) }
        box(rect, style: palette[.border], glyphs: palette.glyphs, title: safeTitle, titleStyle: focused ? palette[.title] : palette[.dim])
    }

    /// Text set into the bottom border of a panel (legends, counts), from two columns in.
    mutating func footer(_ pieces: [(String, Style)], in rect: Rect) {
        guard rect.width > 6, rect.height >= 2 else { return }
        spans([(" ", .plain)] + pieces + [(" ", .plain)], x: rect.x + 2, y: rect.maxY - 1, width: rect.width - 4)
    }

    /// How many lines of one text ``wrap(_:width:maxLines:)`` is made for: a screen shows a few
    /// dozen, and a detail pane never needs more than a few thousand. A role described with
    /// 200,000 letters took 13 s a frame to wrap, and one named with 2 MiB never finished (found
    /// by a hostile-input review).
    static let wrapLineLimit = 2_000

    /// Words of `text` wrapped into lines of at most `width` columns (long words are cut).
    ///
    /// Only the first `maxLines × width` characters are wrapped, enough for `maxLines` full lines
    /// (escapes and short lines can make more): after them a last line says how many characters
    /// are left, `… (1990000 more characters)`. The time is linear in what is wrapped: a long
    /// word is cut in one walk over its characters.
    static func wrap(_ text: String, width: Int, maxLines: Int = wrapLineLimit) -> [String] {
        guard width > 0 else { return [] }
        let (head, hidden) = leadingCharacters(of: text, count: max(1, maxLines) * width)
        var lines: [String] = []
        var line = ""
        // The line's width is kept as words are added: measuring the whole line again for each
        // word made a user's long scope lines (dozens of teams named) cost seconds a frame.
        var lineWidth = 0
        for word in sanitizedForDisplay(head).split(separator: " ", omittingEmptySubsequences: false) {
            let w = String(word)
            let ww = displayWidth(of: w)
            if line.isEmpty {
                line = w
                lineWidth = ww
            } else if lineWidth + 1 + ww <= width {
                line += " " + w
                lineWidth += 1 + ww
            } else {
                lines.append(line)
                line = w
                lineWidth = ww
            }
            guard lineWidth > width else { continue }
            // A word wider than a line, alone on it: cut into pieces as wide as fit, in one walk.
            // A piece holds one character at least, so a wide one in a one-column pane moves on.
            var piece = ""
            var pieceWidth = 0
            for character in line {
                let cw = displayWidth(of: character)
                if pieceWidth + cw > width && !piece.isEmpty {
                    lines.append(piece)
                    piece = ""
                    pieceWidth = 0
                }
                piece.append(character)
                pieceWidth += cw
            }
            line = piece
            lineWidth = pieceWidth
        }
        if !line.isEmpty { lines.append(line) }
        if hidden > 0 { lines.append("… (\(hidden) more character\(hidden == 1 ? "" : "s"))") }
        return lines
    }

    /// The first `count` characters of `text`, and how many characters follow them.
    private static func leadingCharacters(of text: String, count: Int) -> (head: String, hidden: Int) {
        // A character is one byte or more: a text of `count` bytes or fewer is whole.
        guard text.utf8.count > count, let cut = text.index(text.startIndex, offsetBy: count, limitedBy: text.endIndex),
            cut < text.endIndex
        else { return (text, 0) }
        return (String(text[..<cut]), text[cut...].count)
    }
}

/// Lines of styled text for detail and "why" panels, drawn with scrolling and clipping.
struct TextBlock {
    struct Line {
        var pieces: [(String, Style)]
        var indent: Int = 0
    }

    var lines: [Line] = []

    mutating func add(_ text: String, _ style: Style, indent: Int = 0) {
        lines.append(Line(pieces: [(text, style)], indent: indent))
    }

    mutating func add(_ pieces: [(String, Style)], indent: Int = 0) {
        lines.append(Line(pieces: pieces, indent: indent))
    }

    /// Adds `text` wrapped to `width`, continuation lines indented by two more columns.
    mutating func addWrapped(_ text: String, _ style: Style, width: Int, indent: Int = 0) {
        let wrapped = ScreenBuffer.wrap(text, width: max(1, width - indent - 2))
        for (i, line) in wrapped.enumerated() { add(line, style, indent: indent + (i == 0 ? 0 : 2)) }
    }

    mutating func blank() { lines.append(Line(pieces: [])) }

    /// A scroll position that keeps the last page full.
    func clampedTop(_ top: Int, height: Int) -> Int { max(0, min(top, lines.count - max(1, height))) }

    /// The number of the entry line `line` is in: an entry is a line at indent 0 (a user, a
    /// change's line) with the indented and wrapped lines under it. Nil before the first entry.
    func entry(containing line: Int) -> Int? {
        guard !lines.isEmpty else { return nil }
        let starts = lines[...min(max(0, line), lines.count - 1)].count { $0.indent == 0 }
        return starts > 0 ? starts - 1 : nil
    }

    /// The line entry number `entry` starts on (see ``entry(containing:)``).
    func firstLine(ofEntry entry: Int) -> Int? {
        var seen = -1
        for (i, line) in lines.enumerated() where line.indent == 0 {
            seen += 1
            if seen == entry { return i }
        }
        return nil
    }

    /// Draws the lines inside `rect` starting at line `top`; a last line says when some are hidden
    /// (and, with `scrollHint`, which keys show them).
    func draw(into buffer: inout ScreenBuffer, rect: Rect, top: Int = 0, palette: Palette, scrollHint: String? = nil) {
        guard rect.height > 0, rect.width > 0 else { return }
        let visible = lines.dropFirst(top)
        var y = rect.y
        for (i, line) in visible.enumerated() {
            if y >= rect.maxY { break }
            if y == rect.maxY - 1 && i < visible.count - 1 {
                buffer.text(
                    "\(palette.glyphs.ellipsis) \(visible.count - i) more line\(visible.count - i == 1 ? "" : "s")"
                        + (scrollHint.map { " (\($0))" } ?? ""),
                    x: rect.x, y: y, width: rect.width, style: palette[.dim])
                break
            }
            buffer.spans(line.pieces, x: rect.x + line.indent, y: y, width: max(0, rect.width - line.indent))
            y += 1
        }
    }
}

extension ScreenBuffer {
    /// Replaces the typographic characters the console's own text uses (ellipsis, arrows,
    /// quotes, separators) with ASCII, for terminals whose locale is not UTF-8. Glyphs proper
    /// (lines, access levels) already come from ``GlyphSet/ascii``.
    mutating func replaceTypographyWithASCII() {
        let map: [String: String] = [
            "…": "~", "›": ">", "→": ">", "·": ".", "▏": "_", "“": "\"", "”": "\"", "×": "x", "●": "*",
            "’": "'", "—": "-", "–": "-", "▲": "^", "▼": "v",
        ]
        for y in 0..<height {
            for x in 0..<width {
                guard let cell = cell(atX: x, y: y), let replacement = map[cell.text] else { continue }
                put(replacement, x: x, y: y, style: cell.style, maxWidth: 1)
            }
        }
    }
}

/// Text a screen lets the user scroll, and the rectangle it is drawn in.
///
/// The screen builds it to draw a frame, and the reducer builds the same value to bound the
/// scroll position, so the two agree on where the end is: after End, Up moves at once.
struct ScrolledText {
    var block: TextBlock
    var rect: Rect
    /// The key that scrolls it, named on the line that says more lines are hidden: `J` for a
    /// panel beside a list, `j` for a screen of text.
    var scrollKey: String = Self.panelKey
    /// Whether the scrolling keys are the other panel's now (the diff's change screen has two):
    /// the hint then names the key that gives them to this one.
    var scrollsAfterTab = false

    /// The key bound to scrolling a panel, from the key map so the hint cannot drift.
    static let panelKey = KeyHints.keyName(for: .detailScrolled(3), in: [.lists]) ?? "J"
    static let focusKey = KeyHints.keyName(for: .paneCycled(forward: true), in: [.lists]) ?? "Tab"
    static let screenKey = KeyHints.keyName(for: .cursorMoved(.down), in: [.lists]) ?? "j"
    /// The help's search box takes letters: its text scrolls with the arrows.
    static let arrowKey = "Down"

    /// The first line shown when the last page is full: the furthest a scroll position goes.
    var lastTop: Int { block.clampedTop(.max, height: rect.height) }

    func draw(into buffer: inout ScreenBuffer, top: Int, palette: Palette) {
        let hint = scrollsAfterTab ? "\(Self.focusKey), then \(scrollKey) scrolls" : "\(scrollKey) scrolls"
        block.draw(into: &buffer, rect: rect, top: block.clampedTop(top, height: rect.height), palette: palette, scrollHint: hint)
    }
}
