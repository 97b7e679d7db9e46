import SecurityModel
import TerminalCore

/// The go-live findings of the environment, errors first, with the fix of the selected one.
enum FindingsScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let view = state.findings else { return }
        for (i, line) in summary(view).lines(width: layout.size.width).enumerated() {
            buffer.spans(line.map { ($0.0, palette[$0.1]) }, x: 0, y: layout.tabs.y + i, width: layout.size.width)
        }
        let list = layout.reviewList
        let whereWidth = whereWidth(listWidth: list.width)
        ListWidget(
            title:
                "Go-live findings (\(shownCount(view.list.rows.count, of: view.findings.count + view.resolvedAgainstBaseline.count, narrowed: !view.list.filter.isEmpty)))",
            list: view.list,
            visibleRows: state.visibleRows(on: .findings),
            columns: [
                .init(title: "Severity", width: 8), .init(title: "Rule", width: 5), .init(title: "Finding", width: 0),
                .init(title: "Where", width: whereWidth),
            ],
            emptyMessage: view.checking != nil
                ? "Checking the go-live rules… (keys still work; a large organisation is checked in the background)"
                : view.list.filter.isEmpty ? "No finding" : Labels.noMatch("finding", filter: view.list.filter)
        )
        .draw(into: &buffer, rect: layout.reviewList, palette: palette) { row in
            if let f = view.resolved(row) {
                return [
                    ("resolved", palette[.success]), (f.ruleId, palette[.dim]), ("resolved: " + f.title, palette[.dim]),
                    (placeLabel(f.place.path, width: whereWidth), palette[.dim]),
                ]
            }
            guard let i = Int(row), view.findings.indices.contains(i) else { return [] }
            let f = view.findings[i]
            let role: ThemeRole = f.severity == .error ? .error : (f.severity == .warning ? .warning : .info)
            let isNew = view.newAgainstBaseline.contains(FindingsState.key(f))
            return [
                (f.severity.rawValue, palette[role]), (f.ruleId, palette[.dim]),
                ((isNew ? "new: " : "") + f.title + (f.isInferred ? " [I]" : ""), isNew ? palette[.warning] : nil),
                (placeLabel(f.place.path, width: whereWidth), palette[.dim]),
            ]
        }
        buffer.panel(layout.reviewDetail, title: "Finding", palette: palette, focused: false)
        detailText(state, layout: layout, palette: palette)?.draw(into: &buffer, top: state.detailScroll, palette: palette)
    }

    /// The counts over the list, on one line or two (the [I] legend only where it fits).
    static func summary(_ view: FindingsState) -> SummaryLine {
        if view.checking != nil { return SummaryLine(groups: [.init(pieces: [("Checking…", .dim)])]) }
        let errors = view.findings.count { $0.severity == .error }
        let warnings = view.findings.count { $0.severity == .warning }
        var groups: [SummaryLine.Group] = [
            .init(pieces: [(counted(errors, "error"), .error)]),
            .init(pieces: [(counted(warnings, "warning"), .warning)]),
            // Worded as the rows' severity (and the CLI's): "info", not "notes".
            .init(pieces: [("\(view.findings.count - errors - warnings) info", .dim)]),
        ]
        if !view.newAgainstBaseline.isEmpty {
            groups.append(.init(pieces: [("\(view.newAgainstBaseline.count) new against the baseline (first)", .warning)]))
        }
        if !view.resolvedAgainstBaseline.isEmpty {
            groups.append(.init(pieces: [("\(view.resolvedAgainstBaseline.count) resolved (last)", .success)]))
        }
        groups.append(.init(pieces: [("[I] marks an inferred rule", .dim)], separator: ("  ", .dim), optional: true))
        return SummaryLine(groups: groups)
    }

    /// A place for the Where column: the record's name first, then its kind when it fits whole
    /// (`test@contoso.com (user)`, `contoso_apikey (column)`), else the name cut at its end. Its
    /// start had the kind and the table alike on three AP2 rows (`table/contoso_integrati…`), its
    /// end the domain alike on AP4d and GL8a (`…contoso.com`); both found by a review. The detail
    /// pane says the place whole.
    static func placeLabel(_ path: String, width: Int) -> String {
        let (name, kind) = placeName(path)
        let named = sanitizedForDisplay(name)
        guard let kind else { return truncate(named, toWidth: width) }
        let labelled = named + " (" + kind + ")"
        return displayWidth(of: labelled) <= width ? labelled : truncate(named, toWidth: width)
    }

    /// The last name and kind of a ``FindingPlace/path`` (a column of its table, a role of its
    /// team or user), a business unit by its own name: `user/test@contoso.com` is
    /// `test@contoso.com`, `user`. A path without a name (`environment`) has no kind.
    static func placeName(_ path: String) -> (name: String, kind: String?) {
        guard let slash = path.firstIndex(of: "/") else { return (path == "businessUnitTree" ? "business unit tree" : path, nil) }
        var kind = String(path[..<slash])
        var name = String(path[path.index(after: slash)...])
        // A name may hold a slash; only the inner kinds the domain writes split it.
        let inner = ["table": "column", "team": "role", "user": "role"]
        if let child = inner[kind], let range = name.range(of: "/\(child)/", options: .backwards) {
            kind = child
            name = String(name[range.upperBound...])
        }
        if kind == "businessUnit" {
            kind = "business unit"
            name = name.components(separatedBy: " / ").last ?? name
        }
        return (name, kind)
    }

    /// The Where column: 24 wide while the findings' titles keep 40 columns, down to 12 before a
    /// title is cut for it (at 60 columns it kept 24 and cut the titles to "Credentials sto…";
    /// found by a console review). Severity, Rule and the cursor take 16 of the list's inside.
    static func whereWidth(listWidth: Int) -> Int {
        let room = listWidth - 2 - 16
        return max(12, min(24, room - 1 - 40))
    }

    /// The selected finding, its message and its fix, which `J`/`K` scroll.
    static func detailText(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText? {
        guard let view = state.findings, let row = view.list.selectedId else { return nil }
        let resolved = view.resolved(row)
        guard let f = resolved ?? Int(row).flatMap({ view.findings.indices.contains($0) ? view.findings[$0] : nil }) else { return nil }
        let detail = layout.reviewDetail
        var b = TextBlock()
        b.add("\(f.ruleId) \(f.title)", palette[.title])
        if resolved != nil { b.add("Resolved: the baseline had it, this snapshot does not", palette[.success]) }
        if f.isInferred { b.add("[I] inferred rule: consistent with the documentation, not stated in it", palette[.inferred]) }
        b.addWrapped("Where: " + f.place.description, palette[.dim], width: detail.width - 4)
        b.blank()
        b.addWrapped(f.message, palette[.normal], width: detail.width - 4)
        b.blank()
        b.add("Fix", palette[.header])
        b.addWrapped(f.fix, palette[.normal], width: detail.width - 4)
        return ScrolledText(block: b, rect: detail.inset(by: 1).inset(x: 1))
    }
}
