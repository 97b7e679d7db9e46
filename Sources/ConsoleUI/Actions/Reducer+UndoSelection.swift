import SecurityModel

extension AppState {
    /// After an undo or redo, puts the browser cursor on what it brought back or moved.
    ///
    /// Undoing a delete re-creates the entity at its old place in the list, and the cursor kept
    /// the neighbour it had moved to, so the next `R`, `D` or `a` acted on the neighbour. A move
    /// undone or redone under a folded business unit hid the moved unit the same way, and the
    /// cursor landed on another unit. Only the list showing is moved, and only for the open
    /// environment (undo and redo walk the history of every environment). A deletion (a redo of
    /// one) has nothing to select: the cursor stays where the deletion left it, as after `D`.
    mutating func selectCreated(by change: Change) {
        guard screen == .browser, change.environmentId == environmentId else { return }
        guard let id = change.createdOrMovedIds(in: pane).first else { return }
        selectInBrowser(id)
    }
}

extension Change {
    /// Ids of what the change creates or moves that `pane` lists, in the order changed.
    func createdOrMovedIds(in pane: Pane) -> [String] {
        switch self {
        case .createRole(_, let role) where pane == .roles: [role.id]
        case .createTeam(_, let team) where pane == .teams: [team.id]
        case .createProfile(_, let profile) where pane == .profiles: [profile.id]
        case .createBusinessUnit(_, let unit) where pane == .businessUnits: [unit.id]
        case .setBusinessUnitParent(_, let unit, _) where pane == .businessUnits: [unit]
        case .setUserBusinessUnit(_, let user, _) where pane == .users: [user]
        case .compound(let parts): parts.flatMap { $0.createdOrMovedIds(in: pane) }
        default: []
        }
    }
}
