import SecurityModel
import TerminalCore

/// A user's or team's effective access over every table (or secured column), with the "why" of
/// the cell under the cursor beside it (wide) or below it (Enter, narrow).
enum EffectiveAccessScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let view = state.effective, let env = state.environment else { return }
        let tabs = EffectiveAccessState.Tab.allCases.map(\.title)
        var trailing: [(String, Style)] = tabs.count > 1 ? [("Tab switches", palette[.dim])] : []
        if view.customTablesOnly && view.tab != .miscellaneous { trailing.insert(("[custom tables only] ", palette[.badge]), at: 0) }
        ScreenTabs.draw(tabs, active: view.tab.rawValue, trailing: trailing, into: &buffer, layout: layout, palette: palette)
        let dormant = caption(view, env: env, into: &buffer, layout: layout, palette: palette)
        let bottom = view.showWhy && !layout.hasSidePanel
        let box = layout.matrixBox(bottomPanel: bottom)
        let rows = state.visibleRows(on: .effectiveAccess)
        switch view.tab {
        case .tables:
            let total = state.catalog?.tables.ids.count ?? 0
            let shown =
                shownCount(view.tables.rows.count, of: total, narrowed: !view.tables.filter.isEmpty || view.customTablesOnly) + " tables"
            let matrix = LevelMatrix(
                title: (dormant ? "Granted access, not effective" : "Effective access") + " (\(shown))", rows: view.tables,
                visibleRows: rows,
                level: { table, op in
                    PreviewPane.level(env: env, table: table, op: op) {
                        let row = view.matrix[table]
                        return (dormant ? row?.grantedLevels[op] : row?.levels[op]) ?? .none
                    }
                },
                cursorColumn: view.column, dormant: dormant,
                emptyMessage: !view.tables.filter.isEmpty
                    ? Labels.noMatch("table", filter: view.tables.filter) : view.customTablesOnly ? "No custom table" : "No table")
            matrix.draw(into: &buffer, rect: box, palette: palette, footer: LevelMatrix.legend(palette: palette, long: false))
        case .columns:
            let g = palette.glyphs
            // Said in the legend only when some cell needs it.
            let anyWithout = view.columnMatrix.values.contains { $0.contains(where: \.isNotUsable) }
            let anyUnmaskOnly = view.columnMatrix.values.contains { $0.contains(where: \.withoutColumnRead) }
            CellGrid(
                title: "Column security (\(view.columns.rows.count) secured columns)", rows: view.columns, visibleRows: rows,
                nameTitle: "Column", columnTitles: ColumnPermissionKind.allCases.map { $0 == .readUnmasked ? "Unmasked" : $0.label },
                columnWidth: 10, cursorColumn: view.columnKind, emptyMessage: "No secured column"
            )
            .draw(
                into: &buffer, rect: box, palette: palette,
                footer: [
                    (
                        columnLegend(glyphs: g, withoutTableOperation: anyWithout, withoutColumnRead: anyUnmaskOnly, width: box.width),
                        palette[.dim]
                    )
                ],
                name: { id in (id, palette[.secured]) },
                cell: { id, i in
                    guard let ref = ColumnReference(rowId: id), let answers = view.columnMatrix[ref], answers.indices.contains(i) else {
                        return ("", palette[.dim])
                    }
                    let a = answers[i]
                    // Allowed, but without the table operation there is no record to use it on: the
                    // mark in parentheses (three cells, as "one" and "all", so it fits narrow columns).
                    if a.isNotUsable {
                        return ("(" + g.checkMark + ")", a.allowed ? palette[.warning] : palette[.dormant])
                    }
                    // Read unmasked says how far it goes, as the profile editor does: one, all.
                    let scope = env.unmaskedRead(a)
                    let mark = scope == .oneRecord ? "one" : scope == .allRecords ? "all" : g.checkMark
                    if a.allowed { return (mark, palette[.success]) }
                    if a.grantedAllowed { return (mark, palette[.dormant]) }
                    return (g.crossMark, palette[.dim])
                })
        case .miscellaneous:
            let user = view.principal.userId.flatMap { env.users[$0] }
            // Access mode Administrative keeps table and column access from working, not these.
            miscellaneous(
                view, dormant: !Dormancy.forMiscellaneousPrivileges(view.dormancy).isEmpty,
                blocked: { user?.readAccessModeBlocks(miscPrivilege: $0) ?? false }, rows: rows,
                into: &buffer, box: box, palette: palette)
        }
        if let panel = layout.sidePanel(bottomPanel: bottom) {
            buffer.panel(panel, title: "Why", palette: palette, focused: false)
            if let why = whyText(state, layout: layout, palette: palette) {
                why.draw(into: &buffer, top: state.detailScroll, palette: palette)
            } else {
                buffer.text("Move to a cell to see why", x: panel.x + 2, y: panel.y + 1, width: panel.width - 4, style: palette[.dim])
            }
        }
    }

    /// The column security grid's legend, with the "(✓)" mark said when a cell shows it and the box
    /// has room (otherwise the why of the cell says it).
    static func columnLegend(glyphs g: GlyphSet, withoutTableOperation: Bool, withoutColumnRead: Bool = false, width: Int) -> String {
        let legend = g.checkMark + " allowed  " + g.crossMark + " not allowed  one/all records unmasked  (dimmed: dormant)"
        let noRecord =
            "  (" + g.checkMark + ") allowed, "
            + (withoutColumnRead ? "not usable: no table privilege, or no Read to unmask" : "no table privilege: no record")
        // The footer sits between the box's corners, a dash and a space on each side.
        guard withoutTableOperation, displayWidth(of: legend + noRecord) <= width - 6 else { return legend }
        return legend + noRecord
    }

    /// The user's miscellaneous privileges: level and the role (and team) granting it, team-held
    /// grants marked [I] (rule 13), levels dimmed when the user is dormant.
    /// The "why" of the cell under the cursor, which `J`/`K` scroll; nil when no panel shows it.
    static func whyText(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText? {
        guard let view = state.effective, let env = state.environment, let why = view.why,
            let panel = layout.sidePanel(bottomPanel: view.showWhy && !layout.hasSidePanel)
        else { return nil }
        return ScrolledText(
            block: WhyPanel.block(why, env: env, width: panel.width - 4, palette: palette), rect: panel.inset(by: 1).inset(x: 1))
    }

    private static func miscellaneous(
        _ view: EffectiveAccessState, dormant: Bool, blocked: (String) -> Bool, rows: Int, into buffer: inout ScreenBuffer, box: Rect,
        palette: Palette
    ) {
        let g = palette.glyphs
        let anyBlocked = !dormant && view.misc.values.contains { blocked($0.name) }
        let count = shownCount(view.miscellaneous.rows.count, of: view.misc.count, narrowed: !view.miscellaneous.filter.isEmpty)
        let title = (dormant ? "Granted miscellaneous privileges, not effective" : "Miscellaneous privileges") + " (\(count))"
        let empty =
            view.misc.isEmpty
            ? "No role of the user grants a miscellaneous privilege" : Labels.noMatch("privilege", filter: view.miscellaneous.filter)
        ListWidget(
            title: title, list: view.miscellaneous, visibleRows: rows,
            columns: [
                // As wide as the longest name when there is room (prvActivateSynchronousWorkflow
                // was cut at 22 at 250 columns).
                .init(
                    title: "Privilege", width: max(22, min(view.misc.values.map { displayWidth(of: $0.name) }.max() ?? 0, box.width / 3))),
                .init(title: "Level", width: 14), .init(title: "Granted by", width: 0),
                .init(title: "", width: 3),
            ],
            emptyMessage: empty
        )
        .draw(
            into: &buffer, rect: box, palette: palette,
            footer: [
                (
                    "[I] held through a team: inferred rule"
                        + (anyBlocked ? "; dimmed: writes, not effective in access mode Read [I]" : ""), palette[.inferred]
                )
            ]
        ) { key in
            guard let grant = view.misc[key] else { return [] }
            let level = Int(grant.level.rawValue)
            let off = dormant || blocked(grant.name)
            return [
                (grant.name, nil), (g.accessLevel(level) + " " + grant.level.label, off ? palette[.dormant] : palette.level(level)),
                (grant.via.replacingOccurrences(of: " -> ", with: " → ") + (!dormant && off ? " (access mode Read)" : ""), nil),
                (grant.teamId == nil ? "" : "[I]", palette[.inferred]),
            ]
        }
    }

    /// The principal's line; returns whether the levels shown are dormant.
    private static func caption(
        _ view: EffectiveAccessState, env: Environment, into buffer: inout ScreenBuffer, layout: Layout,
        palette: Palette
    ) -> Bool {
        let rect = layout.matrixCaption
        switch view.principal {
        case .user(let id):
            guard let user = env.users[id] else { return false }
            let dormancy = view.dormancy
            var pieces: [(String, Style)] = [
                (user.name, palette[.title]), ("  BU ", palette[.dim]),
                (Labels.businessUnit(user.businessUnitId, env), palette[.normal]),
                ("  access mode ", palette[.dim]), (user.accessMode.label, palette[.normal]),
            ]
            if !dormancy.isEmpty {
                let reasons = dormancy.map { $0.label + ($0.isInferred ? " [I]" : "") }.joined(separator: "; ")
                pieces += [("  DORMANT: ", palette[.warning]), (reasons, palette[.dormant])]
            } else if !layout.hasSidePanel {
                pieces.append(("  Enter: why", palette[.dim]))
            }
            // The name gives way, not the facts after it: a 90-character one pushed the access
            // mode and DORMANT off the line (found by a console review).
            let after = pieces.dropFirst().reduce(0) { $0 + displayWidth(of: sanitizedForDisplay($1.0)) }
            pieces[0].0 = truncate(sanitizedForDisplay(user.name), toWidth: max(16, rect.width - 2 - after))
            buffer.spans(pieces, x: 1, y: rect.y, width: rect.width - 2)
            return !dormancy.isEmpty
        case .team(let id):
            guard let team = env.teams[id] else { return false }
            buffer.spans(
                [
                    ("Team " + team.name, palette[.title]), ("  \(team.type.label), BU ", palette[.dim]),
                    (Labels.businessUnit(team.businessUnitId, env), palette[.normal]),
                    (
                        view.tab == .tables
                            ? "  what the team's roles grant the team"
                            : view.tab == .columns
                                ? "  what the team's profiles (and System Administrator) give its members"
                                : "  what the team's roles give its members [I]",
                        palette[.dim]
                    ),
                ], x: 1, y: rect.y, width: rect.width - 2)
            return false
        }
    }
}
