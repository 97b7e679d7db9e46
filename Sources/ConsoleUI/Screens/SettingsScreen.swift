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
                "Space toggles (record ownership across BUs): roles from any BU; Local/Deep refer to the role's BU"
            ),
            .auditing: (onOff(s.auditingEnabled), "Space toggles"),
        ]
        let list = ListState(rows: SettingsField.allCases.map { "\($0.rawValue)" }, cursor: state.settingsCursor)
        ListWidget(
            title: "Settings of \(env.name)", list: list, visibleRows: state.visibleRows(on: .environmentSettings),
            columns: [.init(title: "Setting", width: 40), .init(title: "Value", width: 0)]
        )
        .draw(into: &buffer, rect: layout.body, palette: palette) { row in
            guard let field = Int(row).flatMap(SettingsField.init(rawValue:)), let (value, hint) = values[field] else { return [] }
            let prod = field == .type && s.type == .production
            return [(field.label, nil), (value + "   " + hint, prod ? palette[.production] : nil)]
        }
    }
}
