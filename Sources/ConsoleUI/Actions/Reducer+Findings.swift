import SecurityModel

extension AppState {
    /// Enter on a finding: where it is fixed. A role opens in the role editor, a user's effective
    /// access, a profile in its editor, a secured column in who-can's column mode (Esc comes back
    /// to the findings from those, and from the browser where a team, table or business unit is
    /// selected); an environment finding opens the settings.
    mutating func openFindingPlace() -> [Effect] {
        guard let view = findings, let row = view.list.selectedId, let i = Int(row), view.findings.indices.contains(i),
            let env = environment
        else { return [] }
        let place = view.findings[i].place
        guard let target = place.target else {
            status = StatusMessage("\(place.path): no screen shows this place")
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
        case .role(let id) where env.roles[id] != nil:
            openRoleEditor(id)
            // On the privilege the finding names (AP5: Share), not on the first table's Read.
            if let operation = place.operation { roleEditor?.column = operation.rawValue }
            if let table = place.table, let row = roleEditor?.tables.rows.firstIndex(of: table) {
                let height = visibleRows(on: .roleEditor)
                roleEditor?.tables.moveTo(row, height: height)
            }
        case .user(let id) where env.users[id] != nil: openEffectiveAccess(.user(id))
        case .profile(let id) where env.fieldSecurityProfiles[id] != nil: openProfileEditor(id)
        case .column(let ref) where env.tables[ref.table]?.columns[ref.column] != nil:
            return runCommand("who-can \(ref.table).\(ref.column) read")
        case .team(let id) where env.teams[id] != nil: inBrowser(.teams, id)
        case .table(let name) where env.tables[name] != nil: inBrowser(.tables, name)
        case .businessUnit(let id) where env.businessUnits[id] != nil: inBrowser(.businessUnits, id)
        case .environment: requestScreen(.environmentSettings)
        default: status = .warning("\(place.path) is no longer in \(env.name)")
        }
        return []
    }
}
