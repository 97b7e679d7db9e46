import SecurityModel
import TerminalCore

/// Words for the domain's diff, shared by the diff, change and pending-changes screens.
enum DiffWords {
    static func marker(_ risk: RiskClass) -> String {
        switch risk {
        case .escalation: "▲"
        case .reduction: "▼"
        case .neutral: "·"
        }
    }

    static func role(_ risk: RiskClass) -> ThemeRole {
        switch risk {
        case .escalation: .escalation
        case .reduction: .reduction
        case .neutral: .neutral
        }
    }

    /// `memberPrivilegeInheritance` → `member privilege inheritance`.
    static func field(_ field: DiffField) -> String {
        var out = ""
        for c in field.rawValue {
            if c.isUppercase { out += " " + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    /// `~ privilege account Delete: Basic → Local`.
    static func line(_ line: DiffLine) -> String {
        let subject = line.subject.isEmpty ? "" : " " + line.subject
        // A relation is its subject ("+ role Auditor"); its value repeats the name.
        if line.field.isRelation && line.symbol != .changed {
            return "\(line.symbol.rawValue) \(field(line.field))\(subject)" + (line.note.map { "  (\($0))" } ?? "")
        }
        switch line.symbol {
        case .added: return "+ \(field(line.field))\(subject)" + (line.new.map { ": \($0)" } ?? "")
        case .removed: return "- \(field(line.field))\(subject)" + (line.old.map { ": \($0)" } ?? "")
        case .changed: return "~ \(field(line.field))\(subject): \(line.old ?? "none") → \(line.new ?? "none")"
        }
    }

    /// `account Delete: Basic → Local (via role Seller)`.
    static func tableChange(_ c: TableAccessChange) -> String {
        // Each side whole, with the business units (or owners) it reaches when the line names
        // them: `Local in Sales → Local in Sales, Service`.
        func side(_ level: AccessLevel, _ scope: [String]) -> String {
            scope.isEmpty || c.isDormant ? level.label : "\(level.label) in \(scope.joined(separator: ", "))"
        }
        // The domain's mark for a side a rule set (`None (access mode Read [I])`).
        var text =
            "\(c.table) \(c.operation.label): \(side(c.old, c.shownScope(old: true)))\(c.ruleMark(old: true)) → \(side(c.new, c.shownScope(old: false)))\(c.ruleMark(old: false))"
        // The domain writes paths for text output ("team X -> role Y"); the console's arrow is →.
        if let path = c.shownPath { text += " (via \(path.description.replacingOccurrences(of: " -> ", with: " → ")))" }
        if !c.reasons.isEmpty && (c.isScopeChange || c.reasons.contains(.scopeChanged) || c.reasons.contains(.ownersChanged)) {
            text += " (\(c.reasons.map(\.label).joined(separator: ", ")))"
        }
        if c.isDormant { text += " (dormant)" }
        return text
    }

    static func miscChange(_ m: MiscPrivilegeChange, name: String? = nil) -> String {
        // The grant as the domain names it: a team's is marked [I] (team roles' miscellaneous
        // privileges reach the members, an inferred rule).
        "misc \(name ?? m.name): \(m.old.label)\(m.ruleMark(old: true)) → \(m.new.label)\(m.ruleMark(old: false))"
            + (m.shownVia.map { " (via \($0.replacingOccurrences(of: " -> ", with: " → ")))" } ?? "") + (m.isDormant ? " (dormant)" : "")
    }

    static func columnChange(_ c: ColumnAccessChange) -> String {
        (c.oldUnmasked != nil || c.newUnmasked != nil
            ? "\(c.column.description) \(c.kind.label): \(c.oldLabel) → \(c.newLabel)"
            : "\(c.column.description) \(c.kind.label): \(c.old ? "allowed" : "not allowed") → \(c.new ? "allowed" : "not allowed")")
            + (c.withoutTableOperationWords.map { " (\($0))" } ?? "")
            // The route, as the CLI names it and as table lines say theirs (a go-live review
            // found column lines without one).
            + (c.shownVia.isEmpty ? "" : " (via \(c.shownVia.joined(separator: ", ")))")
    }

    /// The users whose access moves, each with their lines, escalations first.
    /// Users and their lines; with `entry` (a change opened on the diff screen), each user's lines
    /// through that change come first and the others are only counted.
    static func impactBlock(
        _ impacts: [UserImpact], through entry: DiffEntry? = nil, in view: DiffState? = nil, width: Int, palette: Palette,
        limit: Int = 40, linesPerUser: Int? = 6, more: String? = nil
    )
        -> TextBlock
    {
        var b = TextBlock()
        // `nil`: every line of each user shown (a change's users, "the first 40 in full").
        let tableCap = linesPerUser ?? .max
        let otherCap = linesPerUser.map { max(1, $0 * 2 / 3) } ?? .max
        for whole in impacts.prefix(limit) {
            // The domain's attribution (all lines when no cause of the user claims one).
            let (impact, others) =
                entry.map { e in
                    view?.result?.lines(of: whole, through: e, all: view?.full?.entries) ?? whole.lines(through: e)
                } ?? (whole, 0)
            b.add([
                (marker(impact.risk) + " ", palette[role(impact.risk)]), (impact.name, palette[.title]),
                (impact.causes.isEmpty ? "" : "  " + impact.causes.joined(separator: "; "), palette[.dim]),
            ])
            let lines = impact.tableChanges
            for c in lines.prefix(tableCap) {
                b.addWrapped(
                    marker(c.risk) + " " + tableChange(c), c.isDormant ? palette[.dormant] : palette[role(c.risk)], width: width, indent: 2)
            }
            if lines.count > tableCap { b.add("\(palette.glyphs.ellipsis) \(lines.count - tableCap) more", palette[.dim], indent: 2) }
            for c in impact.columnChanges.prefix(otherCap) {
                b.addWrapped(marker(c.risk) + " " + columnChange(c), palette[role(c.risk)], width: width, indent: 2)
            }
            if impact.columnChanges.count > otherCap {
                b.add(
                    "\(palette.glyphs.ellipsis) \(counted(impact.columnChanges.count - otherCap, "more column line", plural: "more column lines"))",
                    palette[.dim], indent: 2)
            }
            let groups = MiscPrivilegeChangeGroup.grouping(impact.miscChanges)
            for g in groups.prefix(otherCap) {
                let m = g.first
                b.addWrapped(
                    marker(m.risk) + " " + miscChange(m, name: g.label), m.isDormant ? palette[.dormant] : palette[role(m.risk)],
                    width: width, indent: 2)
            }
            if groups.count > otherCap {
                b.add(
                    "\(palette.glyphs.ellipsis) \(counted(groups.count - otherCap, "more miscellaneous line", plural: "more miscellaneous lines"))",
                    palette[.dim], indent: 2)
            }
            if others > 0 {
                let text =
                    impact.tableChanges.isEmpty && impact.columnChanges.isEmpty && impact.miscChanges.isEmpty
                    ? "\(counted(others, "line")), all through their other changes"
                    : "\(palette.glyphs.ellipsis) \(others) more through their other changes"
                b.addWrapped(text, palette[.dim], width: width, indent: 2)
            }
        }
        if impacts.count > limit {
            b.addWrapped(
                "\(palette.glyphs.ellipsis) \(impacts.count - limit) more users" + (more.map { " (\($0))" } ?? ""), palette[.dim],
                width: width)
        }
        return b
    }

    /// The counts of a diff, as `dvsec diff` gives them, each a group the summary line keeps whole.
    static func summary(_ result: DiffResult) -> [SummaryLine.Group] {
        let s = result.summary
        var groups: [SummaryLine.Group] = [
            .init(pieces: [(counted(s.entriesByRisk[.escalation] ?? 0, "escalation"), .escalation)]),
            .init(pieces: [(counted(s.entriesByRisk[.reduction] ?? 0, "reduction"), .reduction)]),
            .init(pieces: [("\(s.entriesByRisk[.neutral] ?? 0) neutral", .neutral)]),
        ]
        // The go-live findings the target has and the baseline had not, as `dvsec diff` says
        // them ("New findings against the base"); F lists them, marked new. Before the users.
        if result.findingsEvaluated {
            groups.append(
                .init(
                    pieces: [
                        (
                            "\(counted(result.newFindings.count, "new finding")), \(result.resolvedFindings.count) resolved (F)",
                            result.newFindings.isEmpty ? .dim : .warning
                        )
                    ],
                    // +new -resolved, as a diff counts lines.
                    short: [
                        (
                            "+\(result.newFindings.count) -\(result.resolvedFindings.count) findings (F)",
                            result.newFindings.isEmpty ? .dim : .warning
                        )
                    ]))
        }
        groups.append(
            .init(
                pieces: [("\(counted(s.usersAffected, "user")) affected, \(s.usersWithEscalation) escalated", .normal)],
                short: [("\(counted(s.usersAffected, "user")), \(s.usersWithEscalation) escalated", .normal)]))
        return groups
    }
}

/// What changed against the baseline: one row per changed object, escalations first.
enum DiffScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let view = state.diff else { return }
        for (i, line) in summaryLines(state, width: layout.size.width).enumerated() {
            buffer.spans(line.map { ($0.0, palette[$0.1]) }, x: 0, y: layout.tabs.y + i, width: layout.size.width)
        }
        // Out of every change: the risk class narrows `result`, which counted "(3 of 3)".
        let total = view.full?.entries.count ?? 0
        let shown = shownCount(
            view.entries.rows.count, of: total, narrowed: view.kind != nil || view.risk != nil || !view.entries.filter.isEmpty)
        let kind =
            (view.kind.map { " · \($0.pluralLabel) only (Tab)" } ?? " · Tab: by kind")
            + (view.risk.map { " · \($0.label) lines only (r)" } ?? " · r: by risk")
            + (view.byReach ? " · most users first (s)" : " · s: by reach")
        ListWidget(
            title: "Changed objects (\(shown))\(kind)", list: view.entries,
            visibleRows: state.visibleRows(on: .diff),
            columns: [
                .init(title: "", width: 1), .init(title: "", width: 1), .init(title: "Kind", width: 22),
                .init(title: "Name", width: 0), .init(title: "Lines", width: 5, alignment: .right),
                .init(title: "Users", width: 7, alignment: .right),
            ],
            emptyMessage: view.result == nil
                ? "The baseline has no matching environment"
                : !view.entries.filter.isEmpty
                    ? Labels.noMatch(view.risk.map { "\($0.label) change" } ?? "change", filter: view.entries.filter)
                    : view.risk.map { "No \($0.label) change (r: next class)" } ?? "No change"
        )
        .draw(into: &buffer, rect: layout.reviewList, palette: palette) { id in
            guard let e = view.entry(id) else { return [] }
            return [
                (DiffWords.marker(e.risk), palette[DiffWords.role(e.risk)]), (e.action.symbol, nil), (e.kind.label, palette[.dim]),
                (e.name + (e.renamedFrom.map { " (was \($0))" } ?? ""), nil), ("\(e.lines.count)", palette[.dim]),
                (e.usersReached.map { "\(e.usersMoved ?? $0)" + ($0 > (e.usersMoved ?? $0) ? "+" : "") } ?? "", palette[.dim]),
            ]
        }
        buffer.panel(layout.reviewDetail, title: "Lines", palette: palette, focused: false)
        linesText(state, layout: layout, palette: palette)?.draw(into: &buffer, top: state.detailScroll, palette: palette)
    }

    /// The baseline and the counts, on the tabs row, or over two rows when one cannot hold them
    /// (the list then starts a row lower: ``Layout/reviewSummaryLines``), the last counts in
    /// their short wording when two rows cannot hold them either, and a third row only then.
    static func summaryLines(_ state: AppState, width: Int) -> [[(String, ThemeRole)]] {
        guard let view = state.diff else { return [] }
        let counts = view.result.map(DiffWords.summary) ?? []
        let path = state.baseline?.label ?? "?"
        func line(_ label: String) -> SummaryLine {
            var groups: [SummaryLine.Group] = [.init(pieces: [("Against \(label)", .dim)])]
            // Another organisation's baseline: said before the counts it makes meaningless.
            if state.baseline?.warning != nil {
                groups.append(.init(pieces: [("another organisation (:messages)", .warning)], separator: ("  ", .dim)))
            }
            if let first = counts.first { groups.append(.init(pieces: first.pieces, separator: ("  ", .dim))) }
            return SummaryLine(groups: groups + counts.dropFirst())
        }
        let whole = line(path).lines(width: width)
        if whole.count == 1 { return whole }
        // On two lines, a long path gives way (its end kept) to the counts, and then the counts
        // take their short wording rather than be cut.
        let room = max(12, width / 3)
        return line(String(truncate(String(path.reversed()), toWidth: room).reversed())).fittingLines(width: width)
    }

    /// The selected change's lines, which `J`/`K` scroll.
    static func linesText(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText? {
        guard let view = state.diff, let id = view.entries.selectedId, let entry = view.entry(id) else { return nil }
        let detail = layout.reviewDetail
        var b = TextBlock()
        b.add("\(entry.action.rawValue) \(entry.kind.label) \(entry.name)", palette[.title])
        for line in entry.lines {
            b.addWrapped(DiffWords.line(line), palette[DiffWords.role(line.risk)], width: detail.width - 4)
        }
        b.blank()
        // Under `r` the count is of the users whose lines of that class the change moves (the
        // users Enter lists): said, with the count over every class, so that 1 and 0 for the same
        // change do not read as a contradiction (found by a review).
        let access = view.risk.map { "\($0.label) lines" } ?? "access"
        var hint: String =
            switch (entry.usersReached, entry.usersMoved) {
            case (nil, _): "Enter: the users this change reaches"
            case (0?, _): view.risk == nil ? "This change moves no user's effective access" : "This change moves no user's \(access)"
            case (let n?, 0?):
                "This change itself moves no user's \(access); Enter: the \(counted(n, "user")) it reaches alongside other "
                    + "changes that decide their lines (0+ in Users)"
            case (let n?, let m?) where m < n:
                "Enter: the \(counted(m, "user")) whose \(access) this change moves, then the \(n - m) it reaches "
                    + "alongside other changes that decide their lines (+ in Users)"
            case (let n?, _): "Enter: the \(n) user\(n == 1 ? "" : "s") it reaches and what it moves"
            }
        // An escalation that reaches users and raises no one's access now says so, as the text
        // output does (one that reaches nobody has said it already).
        if entry.risk == .escalation, entry.usersRaised == 0, (entry.usersReached ?? 0) > 0 {
            hint += entry.kind == .user ? ". It raises none of their access now" : ". It raises no one's access now"
        }
        if let risk = view.risk, let whole = view.full?.entries.first(where: { $0.id == entry.id }), let reached = whole.usersReached {
            let moved = whole.usersMoved ?? reached
            hint += ". Users counts \(risk.label) lines only (r); over every class: \(moved)\(reached > moved ? "+" : "")"
        }
        // Wrapped: at 120 columns it was cut after "reaches,".
        b.addWrapped(hint, palette[.dim], width: detail.width - 4)
        return ScrolledText(block: b, rect: detail.inset(by: 1).inset(x: 1))
    }
}

/// One changed object: every line, and the users whose effective access it moves.
enum DiffEntryScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let view = state.diff, let id = view.openedEntry, let entry = view.entry(id) else { return }
        buffer.spans(
            [
                (" \(entry.action.rawValue) \(entry.kind.label) ", palette[.dim]), (entry.name, palette[.title]),
                ("  " + DiffWords.marker(entry.risk) + " " + entry.risk.label, palette[DiffWords.role(entry.risk)]),
            ],
            x: 0, y: layout.tabs.y, width: layout.size.width)
        let (linesRect, usersRect) = panels(layout)
        let linesFocused = view.linesFocused
        buffer.panel(
            linesRect, title: "Lines (\(entry.lines.count))" + (linesFocused ? "" : " · Tab scrolls here"), palette: palette,
            focused: linesFocused)
        // Both panels said "J scrolls", and J scrolls only the focused one.
        var lines = linesText(state, layout: layout, palette: palette)
        lines?.scrollsAfterTab = !linesFocused
        lines?.draw(into: &buffer, top: linesFocused ? state.detailScroll : view.otherPanelScroll, palette: palette)
        let reached = view.openedImpacts.count
        let count = view.usersFilter.isEmpty ? "\(reached)" : "\(view.shownImpacts.count) of \(reached) · /\(view.usersFilter)"
        buffer.panel(
            usersRect, title: "Users this change reaches (\(count))" + (linesFocused ? " · Tab scrolls here" : ""),
            palette: palette, focused: !linesFocused)
        var users = usersText(state, layout: layout, palette: palette)
        users?.scrollsAfterTab = linesFocused
        users?.draw(into: &buffer, top: linesFocused ? view.otherPanelScroll : state.detailScroll, palette: palette)
    }

    /// The opened change's lines, which `J`/`K` scroll after Tab.
    static func linesText(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText? {
        guard let view = state.diff, let id = view.openedEntry, let entry = view.entry(id) else { return nil }
        let rect = panels(layout).lines
        var lines = TextBlock()
        for line in entry.lines {
            lines.addWrapped(DiffWords.line(line), palette[DiffWords.role(line.risk)], width: rect.width - 4)
            for reason in line.reasons {
                lines.addWrapped("why an escalation: \(reason.label)", palette[.dim], width: rect.width - 4, indent: 2)
            }
            // (A relation's note is on its line already.)
            if let note = line.note, !(line.field.isRelation && line.symbol != .changed) {
                lines.addWrapped(note, palette[.inferred], width: rect.width - 4, indent: 2)
            }
        }
        return ScrolledText(block: lines, rect: rect.inset(by: 1).inset(x: 1))
    }

    /// The change's lines and the users it reaches: side by side on wide terminals, stacked otherwise.
    static func panels(_ layout: Layout) -> (lines: Rect, users: Rect) {
        let body = layout.body
        let half = layout.hasSidePanel ? body.width / 2 : body.width
        let lines =
            layout.hasSidePanel
            ? Rect(x: 0, y: body.y, width: half, height: body.height)
            : Rect(x: 0, y: body.y, width: body.width, height: body.height / 2)
        let users =
            layout.hasSidePanel
            ? Rect(x: half, y: body.y, width: body.width - half, height: body.height)
            : Rect(x: 0, y: lines.maxY, width: body.width, height: body.maxY - lines.maxY)
        return (lines, users)
    }

    /// How many of a change's users are listed with their lines (the others are counted; `/`
    /// finds them).
    static let usersInFull = 40

    /// The users whose access the opened change moves, which `J`/`K` scroll.
    static func usersText(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText? {
        guard let view = state.diff else { return nil }
        let impacts = view.shownImpacts
        let rect = panels(layout).users
        let entry = view.openedEntry.flatMap { view.entry($0) }
        var users = DiffWords.impactBlock(
            impacts, through: entry, in: view, width: rect.width - 4, palette: palette, limit: usersInFull, linesPerUser: nil,
            more: "/ finds one by name")
        if view.openedImpacts.isEmpty {
            users.add("No user's effective access moves", palette[.dim])
        } else if impacts.isEmpty {
            users.addWrapped(
                "No user of the \(view.openedImpacts.count) matches '\(view.usersFilter)' (Esc clears)", palette[.dim],
                width: rect.width - 4)
        }
        return ScrolledText(block: users, rect: rect.inset(by: 1).inset(x: 1))
    }
}
