import SecurityModel
import TerminalCore

/// A field security profile: secured columns × Read, Create, Update, Read unmasked.
enum ProfileEditorScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let editor = state.profileEditor, let env = state.environment, let profile = env.fieldSecurityProfiles[editor.profileId]
        else { return }
        ScreenTabs.draw(
            ["Column permissions"], active: 0,
            trailing: editor.showAllColumns ? [("[every column: s secures one]", palette[.badge])] : [("A: every column", palette[.dim])],
            into: &buffer, layout: layout, palette: palette)
        buffer.spans(
            [
                (profile.name, palette[.title]),
                ("  \(counted(profile.userIds.count, "user")), \(counted(profile.teamIds.count, "team"))", palette[.dim]),
                (profile.isSystemAdministratorProfile ? "  built in: holds every secured column" : "", palette[.dim]),
            ],
            x: 1, y: layout.matrixCaption.y, width: layout.size.width - 2)
        let g = palette.glyphs
        let box = layout.matrixBox()
        CellGrid(
            title: "Columns (\(editor.columns.rows.count))", rows: editor.columns, visibleRows: state.visibleRows(on: .profileEditor),
            nameTitle: "Column", columnTitles: ["Read", "Create", "Update", "Unmasked"], columnWidth: 11, cursorColumn: editor.kind,
            emptyMessage: "No secured column (A shows every column)"
        )
        .draw(
            into: &buffer, rect: box, palette: palette,
            footer: [("Space toggles  ·  s secures the column  ·  unsecured columns are dimmed", palette[.dim])],
            name: { id in
                guard let ref = ColumnReference(rowId: id) else { return (id, nil) }
                let secured = env.tables[ref.table]?.columns[ref.column]?.isSecured ?? false
                return (id, secured ? palette[.secured] : palette[.dim])
            },
            cell: { id, i in
                guard let ref = ColumnReference(rowId: id) else { return ("", palette[.dim]) }
                let p = profile.permission(on: ref)
                let kind = ColumnPermissionKind.allCases[i]
                if kind == .readUnmasked {
                    switch p?.canReadUnmasked ?? .notAllowed {
                    case .notAllowed: return (g.crossMark, palette[.dim])
                    case .oneRecord: return ("one", palette[.success])
                    case .allRecords: return ("all", palette[.success])
                    }
                }
                return p?.allows(kind) == true ? (g.checkMark, palette[.success]) : (g.crossMark, palette[.dim])
            })
        if let side = layout.sidePanel() {
            buffer.panel(side, title: "Members", palette: palette, focused: false)
            var b = TextBlock()
            let teams = profile.teamIds.compactMap { env.teams[$0]?.name }.sorted()
            let users = profile.userIds.compactMap { env.users[$0]?.name }.sorted()
            b.add("Teams (\(teams.count))", palette[.header])
            for t in teams { b.add(g.bullet + " " + t, palette[.normal], indent: 1) }
            b.add("Users (\(users.count))", palette[.header])
            for u in users { b.add(g.bullet + " " + u, palette[.normal], indent: 1) }
            b.blank()
            b.addWrapped("+ adds a member, x removes one. Members are not carried in solutions.", palette[.dim], width: side.width - 4)
            b.draw(into: &buffer, rect: side.inset(by: 1).inset(x: 1), palette: palette)
        }
    }
}
