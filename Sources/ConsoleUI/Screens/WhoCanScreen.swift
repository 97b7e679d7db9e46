import SecurityModel
import TerminalCore

/// Who can do an operation on a table at a minimum level: the query, the users with their paths,
/// and (when wide) every grant of the selected user. Column mode is drawn by ``drawColumn``.
enum WhoCanScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let env = state.environment else { return }
        let q = state.whoCan
        buffer.text(
            " Who can … — answered by the same engine as effective access", x: 0, y: layout.tabs.y, width: layout.size.width,
            style: palette[.dim])
        if q.mode == .column {
            drawColumn(state, env: env, into: &buffer, layout: layout, palette: palette)
            return
        }
        let form = layout.whoCanForm
        let tableText =
            q.table.map { t in env.tables[t].map { "\(t) (\($0.displayName), \($0.ownership.label))" } ?? t } ?? "(choose a table)"
        // The level asked: on an organization-owned table Organization, its only one.
        let table = q.table.flatMap { env.tables[$0] }
        let level = q.askedLevel(on: table)
        let levelHint =
            q.levels(on: table).count == 1
            ? "its only level (organization-owned table)"
            : q.field == .minimumLevel ? "m or ← →: next, M: previous" : "m: next, M: previous"
        let fields: [(WhoCanState.Field, String, [(String, Style)], String)] = [
            (.table, "Table", [(tableText, palette[.normal])], tableHint(q)),
            // ← → change only the field that has the focus (↑ ↓ or Tab move it).
            (
                .operation, "Operation", [(q.operation.label, palette[.normal])],
                q.field == .operation ? "o or ← →: next, O: previous" : "o: next, O: previous"
            ),
            (
                .minimumLevel, "Minimum level",
                [
                    (palette.glyphs.accessLevel(Int(level.rawValue)) + " ", palette.level(Int(level.rawValue))),
                    // Nothing is higher than Organization (said as `who-can` says it).
                    (level.label + (level == .organization ? "" : " or higher"), palette[.normal]),
                ],
                levelHint
            ),
        ]
        drawForm(fields, focused: q.field, in: form, into: &buffer, palette: palette)
        let results = layout.whoCanResults
        let answer = q.answer
        let active = answer?.users.count ?? 0
        let dormant = answer?.dormantUsers.count ?? 0
        let readOnly = answer?.readAccessModeUsers.count ?? 0
        let title =
            answer == nil
            ? (q.computing != nil ? "Users: computing…" : "Users")
            : "\(active) user\(active == 1 ? "" : "s") can; \(dormant) more dormant"
                + (readOnly == 0 ? "" : ", \(readOnly) access mode Read [I]") + (q.includeDormant ? "" : " (hidden: D)")
        ListWidget(
            title: title, list: q.results, visibleRows: state.visibleRows(on: .whoCan),
            columns: [.init(title: "User", width: 22), .init(title: "Level", width: 16), .init(title: "Via (strongest grant)", width: 0)],
            focused: q.field == .results,
            emptyMessage: q.table == nil
                ? "Choose a table (t)"
                : q.computing != nil
                    ? "Computing… (keys still work; a large organisation is answered in the background)"
                    : q.results.filter.isEmpty ? "Nobody reaches this level" : Labels.noMatch("user", filter: q.results.filter)
        )
        .draw(
            into: &buffer, rect: results, palette: palette,
            footer: [(enterHint(q) + "  ·  D: dormant users  ·  c: columns  ·  / filter", palette[.dim])]
        ) { id in
            guard let (entry, kind) = q.rowIndex[id] else { return [(id, nil)] }
            let isReadOnly = kind == .readAccessMode
            let isDormant = kind == .dormant || isReadOnly
            let via = entry.grants.first.map { GrantDescription.path($0, principal: "user", env: env) } ?? ""
            // Said before the path, as column mode says it: after "● Organization" in the Level
            // column it was cut away at any width.
            let marker =
                isReadOnly
                ? "access mode Read [I] · "
                : isDormant ? "dormant" + (entry.dormancy.contains(where: \.isInferred) ? " [I]" : "") + " · " : ""
            return [
                (Labels.user(id, env), isDormant ? palette[.dormant] : nil),
                (
                    palette.glyphs.accessLevel(Int(entry.level.rawValue)) + " " + entry.level.label,
                    isDormant ? palette[.dormant] : palette.level(Int(entry.level.rawValue))
                ),
                (marker + via, isDormant ? palette[.dormant] : palette[.dim]),
            ]
        }
        if let side = layout.whoCanSide {
            buffer.panel(side, title: "Grants of the selected user", palette: palette, focused: false)
            var b = TextBlock()
            if let id = q.results.selectedId, let entry = q.entry(for: id) {
                b.add(Labels.user(id, env), palette[.title])
                for grant in entry.grants {
                    b.add([
                        (palette.glyphs.accessLevel(Int(grant.level.rawValue)) + " ", palette.level(Int(grant.level.rawValue))),
                        (grant.level.label, palette[.normal]),
                    ])
                    b.addWrapped(
                        GrantDescription.path(grant, principal: Labels.user(id, env), env: env), palette[.normal],
                        width: side.width - 4, indent: 2)
                }
                for d in entry.dormancy {
                    b.addWrapped("Dormant: " + d.label + (d.isInferred ? " [I]" : ""), palette[.dormant], width: side.width - 4)
                }
                if entry.heldInReadAccessMode && !entry.dormancy.isEmpty {
                    b.addWrapped(
                        "Access mode Read [I]: only Read applies, so active again this user would still not have it",
                        palette[.dormant], width: side.width - 4)
                }
            }
            if let answer {
                b.blank()
                b.add("Not evaluated", palette[.header])
                for item in answer.notEvaluated {
                    b.addWrapped(palette.glyphs.bullet + " " + item.label, palette[.dim], width: side.width - 4, indent: 1)
                }
            }
            b.draw(into: &buffer, rect: side.inset(by: 1).inset(x: 1), palette: palette)
        }
    }
}

extension WhoCanScreen {
    /// The Table field's keys: Enter chooses the table only with the cursor on that field; on
    /// the users it opens the selected user's why (found by a console review: the field said
    /// "t or Enter: choose" whatever Enter did).
    static func tableHint(_ q: WhoCanState) -> String { q.field == .table ? "t or Enter: choose" : "t: choose" }

    /// What Enter does for the users list, said under it.
    static func enterHint(_ q: WhoCanState) -> String { q.field == .results ? "Enter: the user's why" : "Enter on a user: their why" }

    /// The query form, one field per line: label (the focused one marked), value, key hint.
    static func drawForm(
        _ fields: [(WhoCanState.Field, String, [(String, Style)], String)], focused: WhoCanState.Field, in form: Rect,
        into buffer: inout ScreenBuffer, palette: Palette
    ) {
        for (i, (field, label, value, hint)) in fields.enumerated() {
            let y = form.y + i
            let isFocused = focused == field
            buffer.field(
                (isFocused ? palette.glyphs.arrowRight + " " : "  ") + label, x: 1, y: y, width: 16,
                style: isFocused ? palette[.selection] : palette[.header])
            let used = buffer.spans(value, x: 18, y: y, width: form.width - 20)
            buffer.text("   " + hint, x: 18 + used, y: y, width: max(0, form.width - 20 - used), style: palette[.dim])
        }
    }
}
