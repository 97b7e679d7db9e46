import SecurityModel

extension AppState {
    /// `c`: which business unit's copy of one of its roles the selected user or team holds. Only
    /// with modernized business units, where a role can be assigned from any unit that has a
    /// copy and Local and Deep reach that unit (DATAVERSE.md §2.3).
    mutating func openRoleCopyChoice() {
        guard !refuseIfReadOnly(), let env = environment else { return }
        guard env.settings.modernizedBusinessUnits else {
            status = StatusMessage(
                "Classic business units: a user or team holds its own unit's copy of each role (turn on modernized business units with E to choose another)"
            )
            return
        }
        let principal: Subject
        let held: Set<String>
        let name: String
        let purpose: PickerPurpose
        switch subject {
        case .user(let id):
            guard let user = env.users[id] else { return }
            (principal, held, name, purpose) = (.user(id), user.roleIds, user.name, .roleCopyOfUser(user: id))
        case .team(let id):
            guard let team = env.teams[id], team.type.holdsRoles else {
                status = StatusMessage("An access team holds no roles")
                return
            }
            (principal, held, name, purpose) = (.team(id), team.roleIds, team.name, .roleCopyOfTeam(team: id))
        default:
            status = StatusMessage("Select a user or a team to choose the copy of a role it holds (c)")
            return
        }
        let roles = env.sortedRoles.filter { held.contains($0.id) }
        if roles.count == 1, let only = roles.first {
            openRoleCopyUnits(principal, role: only.id)
            return
        }
        offer("Which role's copy \(name) holds", purpose, roles.map { PickerItem(.role, $0.id) }, empty: "\(name) holds no role directly")
    }

    /// The units that have a copy of `role` (its own and those below it), and the default, for
    /// a user or team to hold; each says which one is held now.
    mutating func openRoleCopyUnits(_ principal: Subject, role roleId: String) {
        guard let env = environment, let role = env.roles[roleId] else { return }
        let named: String?
        let principalUnit: String
        let purpose: PickerPurpose
        let name: String
        switch principal {
        case .user(let id):
            guard let user = env.users[id] else { return }
            (named, principalUnit, name) = (user.roleBusinessUnitIds[roleId], user.businessUnitId, user.name)
            purpose = .roleCopyUnitOfUser(user: id, role: roleId)
        case .team(let id):
            guard let team = env.teams[id] else { return }
            (named, principalUnit, name) = (team.roleBusinessUnitIds[roleId], team.businessUnitId, team.name)
            purpose = .roleCopyUnitOfTeam(team: id, role: roleId)
        default: return
        }
        // Dataverse copies a role into its business unit and every unit below it.
        let units = env.subtree(of: role.businessUnitId).sorted { env.businessUnitPath($0) < env.businessUnitPath($1) }
        let fallback = env.defaultCopyBusinessUnitId(of: role, principalBusinessUnitId: principalUnit)
        let items = [PickerItem(.defaultRoleCopy, "")] + units.map { PickerItem(.businessUnit, $0) }
        let details =
            ["\(env.businessUnitPath(fallback)) [I]" + (named == nil ? " · current" : "")]
            + units.map { u in
                env.businessUnitPath(u) + (u == named ? " · current" : "") + (u == principalUnit ? " · own unit" : "")
                    // Named, it gives the access the default gives (a review found the two
                    // entries offered as if they differed); naming it keeps it if the unit moves.
                    + (u == fallback ? " · same access as the default" : "")
            }
        picker = PickerState(
            title: "Copy of \(role.name) that \(name) holds (Local and Deep reach its unit)", purpose: purpose, items: items,
            keys: items.map { Labels.searchKey(of: $0, in: env) }, details: details)
    }
}
