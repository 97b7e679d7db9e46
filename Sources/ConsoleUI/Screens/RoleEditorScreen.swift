import SecurityModel
import TerminalCore

/// The privilege matrix of a role, its miscellaneous privileges, and (when wide) a side panel with
/// the legend and what the cursor is on.
enum RoleEditorScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let editor = state.roleEditor, let env = state.environment, let role = env.roles[editor.roleId] else { return }
        var trailing: [(String, Style)] = [("Tab switches", palette[.dim])]
        if editor.customTablesOnly && editor.tab == .tables { trailing.insert(("[custom tables only] ", palette[.badge]), at: 0) }
        ScreenTabs.draw(
            RoleEditorState.Tab.allCases.map(\.title), active: editor.tab.rawValue, trailing: trailing, into: &buffer,
            layout: layout, palette: palette)
        let caption = layout.matrixCaption
        if role.isSystemAdministrator {
            buffer.text(
                "System Administrator is not editable: it always has every privilege at Organization", x: 1, y: caption.y,
                width: caption.width - 2, style: palette[.warning])
        } else {
            buffer.spans(
                [
                    (role.name, palette[.title]), ("  BU ", palette[.dim]),
                    (Labels.businessUnit(role.businessUnitId, env), palette[.normal]),
                    ("  Member's privilege inheritance: ", palette[.dim]),
                    (ChangeDescription.inheritanceLabel(role.inheritsMemberPrivileges), palette[.normal]), ("  (i)", palette[.dim]),
                ],
                x: 1, y: caption.y, width: caption.width - 2)
        }
        let box = layout.matrixBox()
        let rows = state.visibleRows(on: .roleEditor)
        switch editor.tab {
        case .tables:
            let total = state.catalog?.tables.ids.count ?? 0
            let filtered =
                shownCount(editor.tables.rows.count, of: total, narrowed: !editor.tables.filter.isEmpty || editor.customTablesOnly)
                + " tables"
            let matrix = LevelMatrix(
                title: "Table privileges (\(filtered))", rows: editor.tables, visibleRows: rows,
                level: { table, op in PreviewPane.level(env: env, table: table, op: op) { role.level(op, on: table) } },
                cursorColumn: editor.column, cursorOnHeader: editor.onHeader,
                emptyMessage: !editor.tables.filter.isEmpty
                    ? Labels.noMatch("table", filter: editor.tables.filter) : editor.customTablesOnly ? "No custom table" : "No table")
            matrix.draw(into: &buffer, rect: box, palette: palette, footer: LevelMatrix.legend(palette: palette, long: false))
        case .miscellaneous:
            let misc = shownCount(
                editor.miscellaneous.rows.count, of: AppState.miscellaneousRows(of: role).count,
                narrowed: !editor.miscellaneous.filter.isEmpty)
            ListWidget(
                title: "Miscellaneous privileges (\(misc))", list: editor.miscellaneous,
                visibleRows: rows, columns: [.init(title: "Privilege", width: 0), .init(title: "Level", width: 32)],
                emptyMessage: Labels.noMatch("privilege", filter: editor.miscellaneous.filter)
            )
            .draw(into: &buffer, rect: box, palette: palette, footer: LevelMatrix.legend(palette: palette, long: false)) { name in
                let level = role.isSystemAdministrator ? .organization : role.miscPrivileges[name] ?? .none
                return [
                    (name, nil), (palette.glyphs.accessLevel(Int(level.rawValue)) + " " + level.label, palette.level(Int(level.rawValue))),
                ]
            }
        }
        if let side = layout.sidePanel() {
            buffer.panel(side, title: "Cursor", palette: palette, focused: false)
            sideBlock(editor: editor, role: role, env: env, palette: palette, width: side.width - 4)
                .draw(into: &buffer, rect: side.inset(by: 1).inset(x: 1), palette: palette)
        }
    }

    /// What the cursor panel says on System Administrator instead of the levels a cell allows.
    static let notEditable = "Not editable: System Administrator has every privilege at Organization"

    static func sideBlock(editor: RoleEditorState, role: SecurityRole, env: Environment, palette: Palette, width: Int) -> TextBlock {
        var b = TextBlock()
        switch (editor.tab, editor.scope) {
        case (.miscellaneous, _):
            let name = editor.miscellaneous.selectedId ?? ""
            b.add(name, palette[.title])
            if role.isSystemAdministrator {
                b.addWrapped(notEditable, palette[.dim], width: width)
            } else {
                if !name.isEmpty {
                    let allowed = MiscellaneousPrivilegeNames.allowedLevels(for: name)
                    b.addWrapped("Allowed here: " + allowed.map(\.label).joined(separator: ", "), palette[.dim], width: width)
                }
                b.add("+ - Space 0-4 change the level", palette[.dim])
            }
        case (.tables, .cell(let table, let op)):
            let current = role.level(op, on: table)
            b.add("\(op.label) on \(table)", palette[.title])
            b.add([
                (palette.glyphs.accessLevel(Int(current.rawValue)) + " ", palette.level(Int(current.rawValue))),
                (current.label, palette[.normal]),
            ])
            if role.isSystemAdministrator {
                b.addWrapped(notEditable, palette[.dim], width: width)
            } else {
                let allowed = env.tables[table]?.ownership.allowedLevels(for: op) ?? []
                b.addWrapped("Allowed here: " + allowed.map(\.label).joined(separator: ", "), palette[.dim], width: width)
            }
            b.add("Privilege prv\(op.privilegeVerb)\(env.tables[table]?.schemaName ?? table)", palette[.dim])
        case (.tables, .row(let table)):
            b.add("Whole row: \(table)", palette[.title])
            // An organization-owned table has no Assign or Share: six operations, not eight.
            let ownership = env.tables[table]?.ownership ?? .userOrTeam
            let count = TableOperation.allCases.count { ownership.has($0) }
            let operations = count == 8 ? "all eight operations" : count == 6 ? "all six operations" : "every operation of the row"
            b.addWrapped(
                role.isSystemAdministrator ? notEditable : "+ - Space 0-4 change \(operations) at once", palette[.dim], width: width)
        case (.tables, .column(let op)):
            b.add("Whole column: \(op.label)", palette[.title])
            b.addWrapped(
                role.isSystemAdministrator
                    ? notEditable
                    : "+ - Space 0-4 change \(op.label) on every table shown (\(editor.tables.rows.count)); filter first to narrow",
                palette[.dim], width: width)
        case (.tables, .all):
            b.add("Every cell shown", palette[.title])
        }
        b.blank()
        b.add("Legend", palette[.header])
        for level in AccessLevel.allCases {
            b.add(
                [
                    (palette.glyphs.accessLevel(Int(level.rawValue)) + " ", palette.level(Int(level.rawValue))),
                    (level.label, palette[.normal]),
                ], indent: 1)
        }
        // The matrix's help (rows, columns, custom tables) said nothing true of the privilege list.
        // System Administrator takes no edit and no inheritance setting (DATAVERSE.md §1.4).
        let sysAdmin = role.isSystemAdministrator
        switch editor.tab {
        case .tables:
            b.add([("·  ", palette[.dim]), ("does not exist on the table", palette[.dim])], indent: 1)
            b.blank()
            b.addWrapped(
                sysAdmin
                    ? "/ filters by name or prefix (contoso_), c shows custom tables only."
                    : "On the table name, edits change the row; on a column header, the column. / filters by name or prefix (contoso_), c shows custom tables only.",
                palette[.dim], width: width)
        case .miscellaneous:
            b.blank()
            b.addWrapped(
                sysAdmin
                    ? "/ filters by any part of the name. Tab goes back to the tables."
                    : "/ filters by any part of the name. i switches the member's privilege inheritance. Tab goes back to the tables.",
                palette[.dim], width: width)
        }
        return b
    }
}
