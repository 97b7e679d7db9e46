import SecurityModel
import TerminalCore

/// The environments of the snapshot, production first.
enum EnvironmentPickerScreen {
    /// A column after the name: its title, its width at most, and its text for an environment.
    struct Column {
        var title: String
        var width: Int
        var alignment: TextAlignment = .left
        var text: (Environment) -> String
    }

    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        buffer.text(
            " Choose an environment: each has its own business units, users, teams, roles and profiles",
            x: 0, y: layout.tabs.y, width: layout.size.width, style: palette[.dim])
        let environments = Array(state.snapshot.environments.values)
        let (columns, hidden) = Self.columns(environments, document: state.document, width: layout.body.width - 3)
        var listColumns: [ListWidget.Column] = [.init(title: "", width: 6), .init(title: "Environment", width: 0)]
        listColumns += columns.map { ListWidget.Column(title: $0.title, width: $0.width, alignment: $0.alignment) }
        // What the columns left out says itself for the selected environment (the Roles column
        // used to go without a word).
        var footer: [(String, Style)] = []
        if !hidden.isEmpty, let id = state.environments.selectedId, let env = state.snapshot.environments[id] {
            footer = [(hidden.map { "\($0.title) \($0.text(env))" }.joined(separator: " · "), palette[.dim])]
        }
        let widget = ListWidget(
            title: "Environments of \(state.snapshot.tenant) (\(state.snapshot.environments.count))",
            list: state.environments, visibleRows: state.visibleRows(on: .environmentPicker),
            columns: listColumns,
            emptyMessage: Labels.noMatch("environment", filter: state.environments.filter))
        widget.draw(into: &buffer, rect: layout.body, palette: palette, footer: footer) { id in
            guard let env = state.snapshot.environments[id] else { return [] }
            return [
                (env.type == .production ? " PROD " : "", env.type == .production ? palette[.production] : nil),
                (env.name, nil),
            ] + columns.map { ($0.text(env), $0.title == "Users" || $0.title == "Roles" ? nil : palette[.dim]) }
        }
    }

    /// The columns beside the name that fit in `width` (the list's inside, less the cursor
    /// column), each as wide as its longest text, and those left out. The name is the key: it
    /// keeps the width of the longest name while Region, Roles, Users and then Type give way.
    /// (Found by a console review: at 60-70 columns the name was cut to "Co…" while Type and
    /// Region kept their padding, and Roles was dropped without a word.)
    static func columns(_ environments: [Environment], document: Document, width: Int) -> (shown: [Column], hidden: [Column]) {
        func widest(_ title: String, _ text: (Environment) -> String, limit: Int = .max) -> Int {
            min(limit, environments.map { displayWidth(of: sanitizedForDisplay(text($0))) }.reduce(displayWidth(of: title), max))
        }
        let type: (Environment) -> String = { Labels.environmentType($0, document, long: false) }
        let region: (Environment) -> String = { $0.settings.region }
        let users: (Environment) -> String = { "\($0.users.count)" }
        let roles: (Environment) -> String = { "\($0.roles.count)" }
        var shown = [
            Column(title: "Type", width: widest("Type", type), text: type),
            Column(title: "Region", width: widest("Region", region, limit: 24), text: region),
            Column(title: "Users", width: widest("Users", users), alignment: .right, text: users),
            Column(title: "Roles", width: widest("Roles", roles), alignment: .right, text: roles),
        ]
        let name = widest("Environment", \.name)
        var hidden: [Column] = []
        func total() -> Int { 7 + name + 1 + shown.reduce(0) { $0 + $1.width + 1 } }
        for title in ["Region", "Roles", "Users", "Type"] where total() > width {
            if let i = shown.firstIndex(where: { $0.title == title }) { hidden.append(shown.remove(at: i)) }
        }
        // Two spaces between the columns when they fit so.
        if total() + shown.count <= width {
            shown = shown.map {
                var c = $0
                c.width += 1
                return c
            }
        }
        return (shown, hidden)
    }
}
