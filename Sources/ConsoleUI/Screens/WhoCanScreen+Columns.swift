import SecurityModel
import TerminalCore

extension WhoCanScreen {
    /// Column mode: who can read, create, update or read unmasked a column, and how (System
    /// Administrator, a profile held directly, a profile through a team). Every word comes from the
    /// domain's ``ColumnWhoCanAnswer``.
    static func drawColumn(_ state: AppState, env: Environment, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        let q = state.whoCan
        let form = layout.whoCanForm
        let table = q.table.flatMap { env.tables[$0] }
        let tableText = q.table.map { t in table.map { "\(t) (\($0.displayName), \($0.ownership.label))" } ?? t } ?? "(choose a table)"
        let columnText: String
        if let name = q.column, let column = table?.columns[name] {
            columnText = "\(name) (\(column.displayName)), \(column.isSecured ? "secured" : "not secured")"
        } else if let table, table.securedColumns.isEmpty {
            columnText = "(\(table.logicalName) has no secured column)"
        } else {
            columnText = table == nil ? "(choose a table first)" : "(choose a column)"
        }
        let fields: [(WhoCanState.Field, String, [(String, Style)], String)] = [
            (.table, "Table", [(tableText, palette[.normal])], tableHint(q)),
            (.column, "Column", [(columnText, palette[.normal])], q.field == .column ? "s or Enter: choose · ← →: next" : "s: choose"),
            (.permission, "Permission", [(q.permission.label, palette[.normal])], q.field == .permission ? "r or ← →: next" : "r: next"),
        ]
        drawForm(fields, focused: q.field, in: form, into: &buffer, palette: palette)
        let results = layout.whoCanResults
        guard let answer = q.columnAnswer else {
            let message =
                table == nil
                ? "Choose a table (t)"
                : q.computing != nil
                    ? "Computing… (keys still work; a large organisation is answered in the background)"
                    : table?.securedColumns.isEmpty == true
                        ? "\(q.table ?? "") has no secured column: t chooses another table" : "Choose a column (s)"
            ListWidget(
                title: "Users", list: q.results, visibleRows: state.visibleRows(on: .whoCan),
                columns: [.init(title: "User", width: 22)], focused: q.field == .results, emptyMessage: message
            )
            .draw(into: &buffer, rect: results, palette: palette) { id in [(id, nil)] }
            return
        }
        guard answer.isSecured else {
            // Column security does not restrict it: the domain says which table privilege decides.
            buffer.panel(results, title: "\(answer.column.description) is not secured", palette: palette, focused: q.field == .results)
            var b = TextBlock()
            let width = results.width - 4
            for rule in answer.rules { b.addWrapped(answer.column.description + " is " + rule.label, palette[.normal], width: width) }
            b.blank()
            b.addWrapped("c: table mode lists who can \(answer.tableOperation.label) \(answer.column.table).", palette[.dim], width: width)
            b.draw(into: &buffer, rect: results.inset(by: 1).inset(x: 1), palette: palette)
            return
        }
        let without = answer.usersWithoutTableOperation
        let unreadable = answer.usersWithoutColumnRead
        let active = answer.usersCounted
        let dormant = answer.dormantUsers.count
        let readOnly = answer.readAccessModeUsers.count
        let title =
            "\(active) user\(active == 1 ? "" : "s") can \(answer.kind.label.lowercased()) \(answer.column.description); "
            + (without > 0 ? "\(without) more without \(answer.tableOperation.label) on the table; " : "")
            + (unreadable > 0 ? "\(unreadable) more without Read on the column [I]; " : "")
            + "\(dormant) more dormant" + (readOnly == 0 ? "" : ", \(readOnly) access mode Read [I]")
            + (q.includeDormant ? "" : " (hidden: D)")
        ListWidget(
            title: title, list: q.results, visibleRows: state.visibleRows(on: .whoCan),
            columns: [
                // Read unmasked says how far it goes: "allowed · one record" (the maker portal's words).
                .init(title: "User", width: 22), .init(title: "Runtime", width: answer.kind == .readUnmasked ? 22 : 14),
                .init(title: "How (System Administrator, profile, team)", width: 0),
            ],
            focused: q.field == .results,
            emptyMessage: q.results.filter.isEmpty ? "Nobody has it at run time" : Labels.noMatch("user", filter: q.results.filter)
        )
        .draw(
            into: &buffer, rect: results, palette: palette,
            footer: [(enterHint(q) + "  ·  D: dormant users  ·  c: tables  ·  / filter", palette[.dim])]
        ) { id in
            guard let (entry, kind) = q.columnRowIndex[id] else { return [(id, nil)] }
            let paths = env.describeColumnPaths(entry.answer)
            let more = paths.count > 1 ? "  (+\(paths.count - 1))" : ""
            if kind == .readAccessMode {
                return [
                    (Labels.user(id, env), palette[.dormant]), ("access mode Read [I]", palette[.dormant]),
                    ((paths.first ?? "") + more, palette[.dim]),
                ]
            }
            if kind == .dormant {
                let inferred = entry.answer.dormancy.contains(where: \.isInferred) ? " [I]" : ""
                return [
                    (Labels.user(id, env), palette[.dormant]), ("dormant" + inferred, palette[.dormant]),
                    ((paths.first ?? "") + more, palette[.dim]),
                ]
            }
            // Allowed on the column, but without the table operation there is no record to use it on.
            if entry.tableLevel == AccessLevel.none {
                return [
                    (Labels.user(id, env), nil), ("no \(answer.tableOperation.label)", palette[.warning]),
                    ((paths.first ?? "") + more, palette[.dim]),
                ]
            }
            // Read unmasked without Read on the column: nothing to unmask [I].
            if entry.columnReadAllowed == false {
                return [
                    (Labels.user(id, env), nil), ("no column Read [I]", palette[.warning]),
                    ((paths.first ?? "") + more, palette[.dim]),
                ]
            }
            return [
                (Labels.user(id, env), nil), ("allowed" + unmaskedWords(entry.answer, env: env, prefix: " · "), palette[.success]),
                ((paths.first ?? "") + more, palette[.dim]),
            ]
        }
        guard let side = layout.whoCanSide else { return }
        buffer.panel(side, title: "How the selected user has it", palette: palette, focused: false)
        var b = TextBlock()
        let width = side.width - 4
        if let id = q.results.selectedId, let entry = q.columnEntry(for: id) {
            b.add(Labels.user(id, env), palette[.title])
            for path in env.describeColumnPaths(entry.answer) {
                b.addWrapped(palette.glyphs.bullet + " " + path, palette[.normal], width: width, indent: 2)
            }
            let scope = env.unmaskedRead(entry.answer)
            if scope != .notAllowed {
                b.addWrapped("Read unmasked: " + WhyPanel.unmaskedWords(scope), palette[.normal], width: width)
            }
            if entry.answer.blockedByReadAccessMode {
                b.addWrapped("Not counted: access mode Read keeps Create and Update from working [I]", palette[.dormant], width: width)
            }
            for d in entry.answer.dormancy {
                b.addWrapped("Dormant: " + d.label + (d.isInferred ? " [I]" : ""), palette[.dormant], width: width)
            }
            if entry.tableLevel == AccessLevel.none {
                b.addWrapped("Not counted: " + answer.withoutTableOperationWords, palette[.warning], width: width)
            } else if entry.columnReadAllowed == false {
                b.addWrapped("Not counted: no Read on the column, so nothing to unmask [I]", palette[.warning], width: width)
            }
            b.blank()
        }
        b.add("Rules", palette[.header])
        for rule in answer.rules {
            b.addWrapped(
                palette.glyphs.bullet + " " + rule.label, rule.isInferred ? palette[.inferred] : palette[.dim], width: width, indent: 1)
        }
        b.blank()
        b.add("Not evaluated", palette[.header])
        for item in answer.notEvaluated { b.addWrapped(palette.glyphs.bullet + " " + item.label, palette[.dim], width: width, indent: 1) }
        b.draw(into: &buffer, rect: side.inset(by: 1).inset(x: 1), palette: palette)
    }

    /// How far Read unmasked goes for a row the grants allow, as the domain says: " · one record",
    /// " · all records"; empty for the other permissions.
    static func unmaskedWords(_ answer: ColumnAccessAnswer, env: Environment, prefix: String) -> String {
        let scope = env.unmaskedRead(answer)
        return scope == .notAllowed ? "" : prefix + scope.label.lowercased()
    }
}
