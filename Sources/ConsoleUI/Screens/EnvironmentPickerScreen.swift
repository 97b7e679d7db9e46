import SecurityModel
import TerminalCore

/// The environments of the snapshot, production first.
enum EnvironmentPickerScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        buffer.text(
            " Choose an environment: each has its own business units, users, teams, roles and profiles",
            x: 0, y: layout.tabs.y, width: layout.size.width, style: palette[.dim])
        // The region as long as the longest one (up to 24), when the screen has the room: a
        // fixed 10 cut "United States" beside a hundred empty columns.
        let longest = state.snapshot.environments.values.map { displayWidth(of: $0.settings.region) }.max() ?? 0
        let regionWidth = max(10, min(24, longest, layout.body.width - 70))
        let widget = ListWidget(
            title: "Environments of \(state.snapshot.tenant) (\(state.snapshot.environments.count))",
            list: state.environments, visibleRows: state.visibleRows(on: .environmentPicker),
            columns: [
                .init(title: "", width: 6), .init(title: "Environment", width: 0), .init(title: "Type", width: 20),
                .init(title: "Region", width: regionWidth), .init(title: "Users", width: 7, alignment: .right),
                .init(title: "Roles", width: 6, alignment: .right),
            ],
            emptyMessage: "No environment matches the filter")
        widget.draw(into: &buffer, rect: layout.body, palette: palette) { id in
            guard let env = state.snapshot.environments[id] else { return [] }
            return [
                (env.type == .production ? " PROD " : "", env.type == .production ? palette[.production] : nil),
                (env.name, nil), (Labels.environmentType(env, state.document, long: false), palette[.dim]),
                (env.settings.region, palette[.dim]),
                ("\(env.users.count)", nil), ("\(env.roles.count)", nil),
            ]
        }
    }
}
