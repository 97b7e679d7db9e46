import SecurityModel

extension AppState {
    /// `H` on a role (in the browser or its editor): who holds it, directly and through teams,
    /// as `dvsec report --role` lists them.
    mutating func openRoleHolders() {
        let roleId: String? =
            switch screen {
            case .browser where pane == .roles: selectedId
            case .roleEditor: roleEditor?.roleId
            case .roleHolders: roleHolders?.roleId
            default: nil
            }
        guard let env = environment, let roleId, let report = RoleReport(environment: env, roleId: roleId) else {
            status = .warning("Select a role first: H lists who holds it")
            return
        }
        roleHolders = RoleHoldersState(report: report, generation: modelGeneration)
        push(.roleHolders)
        refreshRoleHolderRows()
    }

    /// The holders again after the model changed, keeping the filter and the selected row; back
    /// to the previous screen when the role is gone.
    mutating func refreshRoleHolders() {
        guard let view = roleHolders, view.generation != modelGeneration else { return }
        guard let env = environment, let report = RoleReport(environment: env, roleId: view.roleId) else {
            if screen == .roleHolders { screens.removeLast() }
            roleHolders = nil
            status = .warning("The role is no longer in the environment")
            return
        }
        let selected = view.list.selectedId.flatMap(view.holder)
        var next = RoleHoldersState(report: report, generation: modelGeneration)
        next.list.filter = view.list.filter
        next.list.cursor = view.list.cursor
        next.list.top = view.list.top
        roleHolders = next
        refreshRoleHolderRows()
        // On the same holder (user and way of holding) when it is still there.
        let height = visibleRows(on: .roleHolders)
        if let selected, let index = report.holders.firstIndex(where: { $0.userId == selected.userId && $0.path == selected.path }),
            var list = roleHolders?.list, let row = list.rows.firstIndex(of: String(index))
        {
            list.moveTo(row, height: height)
            roleHolders?.list = list
        }
    }

    /// The holders narrowed by the filter.
    mutating func refreshRoleHolderRows() {
        guard var view = roleHolders else { return }
        view.list.replaceRows(view.rows(filter: view.list.filter), height: visibleRows(on: .roleHolders))
        roleHolders = view
    }
}
