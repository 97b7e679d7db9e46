import SecurityModel

extension AppState {
    /// What `:compare NAME` compares NAME with: the selection, or on the comparison screen its
    /// left side (the right one changes).
    var comparisonSubject: Subject? {
        if let subject { return subject }
        guard screen == .comparison else { return nil }
        switch comparison {
        case .users(let c)?: return .user(c.left.userId)
        case .roles(let c)?: return .role(c.left.roleId)
        case nil: return nil
        }
    }

    /// `:compare NAME`: the selected user or role against the one named.
    mutating func compare(with name: String) {
        guard let env = environment else { return }
        // Found as the CLI's --compare finds it (the domain's lookup): a name that fits several
        // records is never one picked at random (the first of them was taken); the subject
        // itself is left out of the candidates.
        switch comparisonSubject {
        case .user(let id)?:
            switch env.user(named: name) {
            case .found(let other) where other.id != id: openUserComparison(id, with: other.id)
            case .found: status = .error("“\(name)” is \(Labels.user(id, env)) itself: name another user")
            case .ambiguous(let users): chooseComparison(among: users.map(\.id).filter { $0 != id }, of: .user(id), name)
            case .notFound: status = .error("No other user matches “\(name)” in \(env.name)")
            }
        case .role(let id)?:
            switch env.role(named: name) {
            case .found(let other) where other.id != id: openRoleComparison(id, with: other.id)
            case .found: status = .error("“\(name)” is role \(Labels.role(id, env)) itself: name another role")
            case .ambiguous(let roles): chooseComparison(among: roles.map(\.id).filter { $0 != id }, of: .role(id), name)
            case .notFound: status = .error("No other role matches “\(name)” in \(env.name)")
            }
        default:
            status = StatusMessage("Select a user or a role first, then :compare NAME")
        }
    }

    /// Several records fit the name: the one left when the subject is set aside, or a choice
    /// among them (the comparison picker, holding only those), as `:user` lets one choose.
    private mutating func chooseComparison(among ids: [String], of subject: Subject, _ name: String) {
        guard let env = environment else { return }
        let (kind, title, noun, purpose): (PickerItem.Kind, String, String, PickerPurpose)
        switch subject {
        case .user(let user):
            if ids.count == 1, let other = ids.first { return openUserComparison(user, with: other) }
            (kind, title, noun, purpose) = (.user, Labels.user(user, env), "users", .compareUser(user: user))
        case .role(let role):
            if ids.count == 1, let other = ids.first { return openRoleComparison(role, with: other) }
            (kind, title, noun, purpose) = (.role, "role " + Labels.role(role, env), "roles", .compareRole(role: role))
        default:
            return
        }
        let items = ids.map { PickerItem(kind, $0) }
        picker = PickerState(
            title: "Compare \(title) with…", purpose: purpose, items: items, keys: items.map { Labels.searchKey(of: $0, in: env) })
        status = .warning("“\(name)” fits \(ids.count) \(noun): choose one (Enter compares)")
    }
}
