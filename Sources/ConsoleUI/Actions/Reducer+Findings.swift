import SecurityModel

extension AppState {
    /// Enter on a finding: where it is fixed. A role opens in the role editor, a user's effective
    /// access, a profile in its editor, a secured column in who-can's column mode (Esc comes back
    /// to the findings from those, and from the browser where a team, table or business unit is
    /// selected); an environment finding opens the settings.
    ///
    /// A resolved finding (the baseline had it, this snapshot does not) goes to its place as it is
    /// now, when the place is still there; otherwise Enter says why it goes nowhere (found by a
    /// console review: it did nothing and said nothing under "Enter go to it").
    mutating func openFindingPlace() -> [Effect] {
        guard let (finding, isResolved) = selectedFinding, let env = environment else { return [] }
        let place = finding.place
        guard let target = place.target else {
            status = StatusMessage("\(place.path): no screen shows this place")
            return []
        }
        guard Self.exists(target, in: env) else {
            status = .warning(
                "\(place.path) is no longer in \(env.name)"
                    + (isResolved ? ": the finding was resolved with it, there is nothing to go to" : ""))
            return []
        }
        // Over the findings, so that Esc comes back to them as from the other places (it said
        // "q quits" from a browser the findings had replaced).
        func inBrowser(_ pane: Pane, _ id: String) {
            if screen != .browser { screens.append(.browser) }
            self.pane = pane
            selectInBrowser(id)
        }
        switch target {
        case .role(let id):
            openRoleEditor(id)
            // On the privilege the finding names (AP5: Share), not on the first table's Read.
            if let operation = place.operation { roleEditor?.column = operation.rawValue }
            if let table = place.table, let row = roleEditor?.tables.rows.firstIndex(of: table) {
                let height = visibleRows(on: .roleEditor)
                roleEditor?.tables.moveTo(row, height: height)
            }
        case .user(let id): openEffectiveAccess(.user(id))
        case .profile(let id): openProfileEditor(id)
        case .column(let ref): return runCommand("who-can \(ref.table).\(ref.column) read")
        case .team(let id): inBrowser(.teams, id)
        case .table(let name): inBrowser(.tables, name)
        case .businessUnit(let id): inBrowser(.businessUnits, id)
        case .environment: requestScreen(.environmentSettings)
        }
        return []
    }

    /// The finding under the cursor on the findings screen, and whether it is a resolved one.
    var selectedFinding: (finding: Finding, isResolved: Bool)? {
        guard let view = findings, let row = view.list.selectedId else { return nil }
        if let resolved = view.resolved(row) { return (resolved, true) }
        guard let i = Int(row), view.findings.indices.contains(i) else { return nil }
        return (view.findings[i], false)
    }

    /// Whether Enter on the selected finding opens a screen: its place has one and is still in
    /// the environment (the key hint offers Enter only then).
    var selectedFindingHasPlace: Bool {
        guard let place = selectedFinding?.finding.place, let target = place.target, let env = environment else { return false }
        return Self.exists(target, in: env)
    }

    /// Whether the record a finding's place names is in `env`.
    static func exists(_ target: FindingTarget, in env: Environment) -> Bool {
        switch target {
        case .role(let id): env.roles[id] != nil
        case .user(let id): env.users[id] != nil
        case .profile(let id): env.fieldSecurityProfiles[id] != nil
        case .column(let ref): env.tables[ref.table]?.columns[ref.column] != nil
        case .team(let id): env.teams[id] != nil
        case .table(let name): env.tables[name] != nil
        case .businessUnit(let id): env.businessUnits[id] != nil
        case .environment: true
        }
    }
}
