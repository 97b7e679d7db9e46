import SecurityModel
import TerminalCore

/// The environment attributes an admin sets in the Power Platform admin center.
enum SettingsScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let env = state.environment else { return }
        buffer.text(
            " Environment attributes; each change is an edit like any other (undo, journal, save)", x: 0, y: layout.tabs.y,
            width: layout.size.width, style: palette[.dim])
        let s = env.settings
        func onOff(_ b: Bool) -> String { b ? "On" : "Off" }
        let values: [SettingsField: (String, String)] = [
            .name: (s.name, "Enter to edit"),
            .type: {
                guard case .solutionFolder = state.document.source else { return (s.type.label, "Enter to choose") }
                return ("(none: a solution folder, read-only)", "")
            }(),
            .region: (s.region.isEmpty ? "(none)" : s.region, "Enter to edit"),
            .securityGroup: (
                s.securityGroupId.map { Labels.group($0, env) } ?? "(none: anyone in the tenant may be added)",
                s.type.allowsSecurityGroup ? "Enter to choose" : "not allowed on \(s.type.label) environments"
            ),
            .adminMode: (
                onOff(s.adminMode),
                s.type.allowsAdminMode
                    ? "Space toggles: only admins and customizers sign in"
                    : "exists only on Production, Sandbox and Trial"
            ),
            .modernizedBusinessUnits: (
                onOff(s.modernizedBusinessUnits),
                "Space toggles (record ownership across BUs): roles from any BU; Local/Deep refer to the BU of the role's copy held [I]"
            ),
            .auditing: (onOff(s.auditingEnabled), "Space toggles"),
        ]
        let list = ListState(rows: SettingsField.allCases.map { "\($0.rawValue)" }, cursor: state.settingsCursor)
        // The values before padding: the Setting column as wide as its longest name (it was 40,
        // and at 60-80 columns the values and their hints were cut; found by a console review).
        let labelWidth = SettingsField.allCases.map { displayWidth(of: $0.label) }.max() ?? 0
        let body = layout.body
        let listRect = Rect(x: body.x, y: body.y, width: body.width, height: min(body.height, SettingsField.allCases.count + 3))
        ListWidget(
            title: "Settings of \(env.name)", list: list, visibleRows: state.visibleRows(on: .environmentSettings),
            columns: [.init(title: "Setting", width: labelWidth + 1), .init(title: "Value", width: 0)]
        )
        .draw(into: &buffer, rect: listRect, palette: palette) { row in
            guard let field = Int(row).flatMap(SettingsField.init(rawValue:)), let (value, hint) = values[field] else { return [] }
            let prod = field == .type && s.type == .production
            return [(field.label, nil), (value + "   " + hint, prod ? palette[.production] : nil)]
        }
        guard let field = SettingsField(rawValue: state.settingsCursor), let (value, hint) = values[field] else { return }
        drawSelected(field, value: value, hint: hint, below: listRect, in: body, into: &buffer, palette: palette)
    }

    /// The selected setting's value and what its key does, whole, under the list: a row cuts
    /// them where the terminal is narrow.
    static func drawSelected(
        _ field: SettingsField, value: String, hint: String, below list: Rect, in body: Rect, into buffer: inout ScreenBuffer,
        palette: Palette
    ) {
        let room = Rect(x: body.x, y: list.maxY, width: body.width, height: max(0, body.maxY - list.maxY))
        guard room.height > 0 else { return }
        var b = TextBlock()
        let boxed = room.height >= 3
        let width = room.width - (boxed ? 4 : 2)
        b.addWrapped(value, palette[.normal], width: width)
        if !hint.isEmpty { b.addWrapped(hint, palette[.dim], width: width) }
        if boxed {
            buffer.panel(room, title: field.label, palette: palette, focused: false)
            b.draw(into: &buffer, rect: room.inset(by: 1).inset(x: 1), palette: palette)
        } else {
            b.draw(into: &buffer, rect: room.inset(x: 1), palette: palette)
        }
    }
}
