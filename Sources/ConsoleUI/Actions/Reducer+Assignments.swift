import SecurityModel

/// What an assignment key applies to: the selection of the browser or the screen's subject.
enum Subject: Hashable {
    case user(String)
    case team(String)
    case profile(String)
    case role(String)
}

extension AppState {
    /// The user, team, profile or role the current screen is about.
    var subject: Subject? {
        switch screen {
        case .browser:
            guard let id = selectedId else { return nil }
            switch pane {
            case .users: return .user(id)
            case .teams: return .team(id)
            case .profiles: return .profile(id)
            case .roles: return .role(id)
            case .businessUnits, .tables: return nil
            }
        case .effectiveAccess:
            switch effective?.principal {
            case .user(let id): return .user(id)
            case .team(let id): return .team(id)
            case nil: return nil
            }
        case .profileEditor: return profileEditor.map { .profile($0.profileId) }
        case .roleEditor: return roleEditor.map { .role($0.roleId) }
        case .whoCan: return whoCan.field == .results ? whoCan.results.selectedId.map { .user($0) } : nil
        default: return nil
        }
    }

    /// The reason the domain would refuse a change, found by applying it to a copy.
    func domainRefuses(_ change: Change) -> ChangeError? {
        var copy = snapshot
        do {
            _ = try copy.apply(change)
            return nil
        } catch {
            return error
        }
    }

    /// Says why nothing can change (and returns true) when the snapshot is read-only.
    mutating func refuseIfReadOnly() -> Bool {
        guard isReadOnly else { return false }
        status = .error("read-only: \(readOnlyReason); nothing can be changed")
        return true
    }

    /// Opens a picker, or says there is nothing to choose.
    mutating func offer(_ title: String, _ purpose: PickerPurpose, _ items: [PickerItem], empty: String) {
        guard let env = environment else { return }
        guard !items.isEmpty else {
            status = StatusMessage(empty)
            return
        }
        picker = PickerState(title: title, purpose: purpose, items: items, keys: items.map { Labels.searchKey(of: $0, in: env) })
    }

    /// The roles a user or team of `businessUnit` holding `held` can still be given, in list
    /// order. Classic business units: only roles of that business unit or one above it exist there.
    static func assignableRoles(
        in env: Environment, catalog: EnvironmentCatalog, holding held: Set<String>, businessUnit: String
    ) -> [PickerItem] {
        let assignable = env.roleAssignable(inBusinessUnit: businessUnit)
        return catalog.roles.ids.filter { !held.contains($0) && env.roles[$0].map(assignable) == true }.map { PickerItem(.role, $0) }
    }

    /// `a`: a role for the selected user or team.
    mutating func openRoleAssignment() {
        guard !refuseIfReadOnly(), let env = environment, let catalog else { return }
        switch subject {
        case .user(let id):
            guard let user = env.users[id] else { return }
            let items = Self.assignableRoles(in: env, catalog: catalog, holding: user.roleIds, businessUnit: user.businessUnitId)
            offer(
                "Assign a security role to \(user.name)", .assignUserRole(user: id), items,
                empty: "\(user.name) holds every role their business unit has")
        case .team(let id):
            guard let team = env.teams[id] else { return }
            if let role = catalog.roles.ids.first(where: { !team.roleIds.contains($0) }),
                let refusal = domainRefuses(.assignTeamRole(environment: env.id, team: id, role: role))
            {
                status = .error(refusal.message)
                return
            }
            let items = Self.assignableRoles(in: env, catalog: catalog, holding: team.roleIds, businessUnit: team.businessUnitId)
            offer(
                "Assign a security role to team \(team.name)", .assignTeamRole(team: id), items,
                empty: "\(team.name) holds every role its business unit has")
        default:
            status = StatusMessage("Select a user or a team to assign a role (a: assign role)")
        }
    }

    /// `x`: whatever can be removed from the selection.
    mutating func openRemoval() {
        guard !refuseIfReadOnly(), let env = environment else { return }
        switch subject {
        case .user(let id):
            guard let user = env.users[id] else { return }
            var items = env.sortedRoles.filter { user.roleIds.contains($0.id) }.map { PickerItem(.role, $0.id) }
            items += env.sortedTeams.filter { $0.memberIds.contains(id) && !$0.isDefault }.map { PickerItem(.team, $0.id) }
            items += env.sortedProfiles.filter { $0.userIds.contains(id) }.map { PickerItem(.profile, $0.id) }
            offer(
                "Remove from \(user.name): a role, a team membership or a profile", .removeFromUser(user: id), items,
                empty: "\(user.name) has no direct role, team membership or profile to remove")
        case .team(let id):
            guard let team = env.teams[id] else { return }
            var items = env.sortedRoles.filter { team.roleIds.contains($0.id) }.map { PickerItem(.role, $0.id) }
            // A group team's members come from its Entra group, a default team's from its
            // business unit: the domain refuses to remove them, so they are not offered.
            let fixedMembers = team.isDefault || team.type.isGroupTeam
            if !fixedMembers {
                items += team.memberIds.compactMap { env.users[$0] }.sortedByName(\.name, id: \.id).map {
                    PickerItem(.user, $0.id)
                }
            }
            offer(
                fixedMembers ? "Remove a role from team \(team.name)" : "Remove from team \(team.name): a role or a member",
                .removeFromTeam(team: id), items,
                empty: fixedMembers ? "\(team.name) has no role to remove" : "\(team.name) has no role or explicit member to remove")
        case .profile(let id):
            guard let profile = env.fieldSecurityProfiles[id] else { return }
            var items = profile.teamIds.compactMap { env.teams[$0] }.sortedByName(\.name, id: \.id).map {
                PickerItem(.team, $0.id)
            }
            items += profile.userIds.compactMap { env.users[$0] }.sortedByName(\.name, id: \.id).map {
                PickerItem(.user, $0.id)
            }
            offer("Remove a member from \(profile.name)", .removeProfileMember(profile: id), items, empty: "\(profile.name) has no members")
        default:
            status = StatusMessage("Select a user, team or profile to remove something from it")
        }
    }

    /// `t`: a team for the selected user.
    mutating func openTeamMembership() {
        guard !refuseIfReadOnly(), let env = environment, let catalog else { return }
        guard case .user(let id) = subject, let user = env.users[id] else {
            status = StatusMessage("Select a user to add to a team (t)")
            return
        }
        let items = catalog.teams.ids.compactMap { env.teams[$0] }
            .filter { $0.hasExplicitMembers && !env.isMember(user, of: $0) }.map { PickerItem(.team, $0.id) }
        offer("Add \(user.name) to a team", .addUserToTeam(user: id), items, empty: "\(user.name) is in every team")
    }

    /// `+`: a member for the selected team or profile.
    mutating func openMemberAddition() {
        guard !refuseIfReadOnly(), let env = environment, let catalog else { return }
        switch subject {
        case .team(let id):
            guard let team = env.teams[id] else { return }
            if let candidate = catalog.users.ids.first(where: { !team.memberIds.contains($0) }),
                let refusal = domainRefuses(.addTeamMember(environment: env.id, team: id, user: candidate))
            {
                status = .error(refusal.message)
                return
            }
            let items = catalog.users.ids.filter { !team.memberIds.contains($0) }.map { PickerItem(.user, $0) }
            offer("Add a member to team \(team.name)", .addTeamMember(team: id), items, empty: "Every user is in \(team.name)")
        case .profile(let id):
            guard let profile = env.fieldSecurityProfiles[id] else { return }
            var items = catalog.teams.ids.filter { !profile.teamIds.contains($0) }.map { PickerItem(.team, $0) }
            items += catalog.users.ids.filter { !profile.userIds.contains($0) }.map { PickerItem(.user, $0) }
            offer("Add a team or user to \(profile.name)", .addProfileMember(profile: id), items, empty: "Everyone is in \(profile.name)")
        case .user:
            openTeamMembership()
        default:
            status = StatusMessage("Select a team or a profile to add a member (+)")
        }
    }

    /// `b`: another business unit for the selected user, or another parent for the selected
    /// business unit.
    mutating func openBusinessUnitChange() {
        guard !refuseIfReadOnly(), let env = environment, let catalog else { return }
        if screen == .browser, pane == .businessUnits, let id = selectedId, let bu = env.businessUnits[id] {
            guard bu.parentId != nil else {
                status = .warning("\(bu.name) is the root business unit: it has no parent to change")
                return
            }
            // Not under itself or a unit below it, nor where it is.
            let below = env.subtree(of: id)
            let items = catalog.businessUnitTree.map(\.id).filter { !below.contains($0) && $0 != bu.parentId }.map {
                PickerItem(.businessUnit, $0)
            }
            let title =
                env.settings.modernizedBusinessUnits
                ? "Move \(bu.name) (and the units below it) under"
                : "Move \(bu.name) (and the units below it) under another: moving removes roles of units no longer above [I]"
            offer(title, .moveBusinessUnit(businessUnit: id), items, empty: "There is no other business unit to move it under")
            return
        }
        guard case .user(let id) = subject, let user = env.users[id] else {
            status = StatusMessage("Select a user to move to another business unit, or a business unit to move under another (b)")
            return
        }
        let items = catalog.businessUnitTree.map(\.id).filter { $0 != user.businessUnitId }.map { PickerItem(.businessUnit, $0) }
        // Who is moved, then the warning: the picker writes a long title whole (it used to be cut,
        // so the warning came first and who was moved was lost).
        let title =
            env.settings.modernizedBusinessUnits
            ? "Move \(user.name) to a business unit" : "Move \(user.name) to a business unit: moving removes the user's roles [I]"
        offer(
            title, .moveUserToBusinessUnit(user: id), items,
            empty: "There is no other business unit")
    }

    /// `f`: a field security profile for the selected user.
    mutating func openProfileMembership() {
        guard !refuseIfReadOnly(), let env = environment, let catalog else { return }
        guard case .user(let id) = subject, let user = env.users[id] else {
            status = StatusMessage("Select a user to add to a field security profile (f)")
            return
        }
        let items = catalog.profiles.ids.filter { env.fieldSecurityProfiles[$0]?.userIds.contains(id) == false }.map {
            PickerItem(.profile, $0)
        }
        offer("Add \(user.name) to a field security profile", .addUserToProfile(user: id), items, empty: "\(user.name) is in every profile")
    }

    /// `v` on a user (browser or effective access) or a role: pick the other one to compare with.
    mutating func openComparisonPicker() {
        guard let env = environment, let catalog else { return }
        switch subject {
        case .user(let id):
            guard let user = env.users[id] else { return }
            let items = catalog.users.ids.filter { $0 != id }.map { PickerItem(.user, $0) }
            offer("Compare \(user.name) with…", .compareUser(user: id), items, empty: "\(user.name) is the only user")
        case .role(let id):
            guard let role = env.roles[id] else { return }
            let items = catalog.roles.ids.filter { $0 != id }.map { PickerItem(.role, $0) }
            offer("Compare role \(role.name) with…", .compareRole(role: id), items, empty: "\(role.name) is the only role")
        default:
            status = StatusMessage("Select a user or a role to compare with another (v)")
        }
    }

    /// `d`: enables or disables the selected user.
    mutating func toggleUserDisabled() -> [Effect] {
        guard let env = environment, case .user(let id) = subject, let user = env.users[id] else {
            status = StatusMessage("Select a user to enable or disable (d)")
            return []
        }
        return applyEdit(.setUserDisabled(environment: env.id, user: id, disabled: !user.isDisabled))
    }

    /// `m`: the selected user's next access mode.
    mutating func cycleAccessMode() -> [Effect] {
        guard let env = environment, case .user(let id) = subject, let user = env.users[id] else {
            status = StatusMessage("Select a user to change the access mode (m)")
            return []
        }
        guard !refuseIfReadOnly() else { return [] }
        // A choice, not a cycle: pressing m six times went round the modes as six edits.
        let modes = AccessMode.allCases.filter { $0 != user.accessMode }
        offer(
            "Access mode of \(user.name) (now \(user.accessMode.label))", .userAccessMode(user: id),
            modes.map { PickerItem(.accessMode, String($0.rawValue)) }, empty: "No other access mode")
        return []
    }

    /// Turns a picker choice into an edit (or a query, or a navigation).
    mutating func choose(_ item: PickerItem, for purpose: PickerPurpose) -> [Effect] {
        guard let env = environment else {
            if case .environment = purpose { openEnvironment(item.id) }
            return []
        }
        let e = env.id
        switch purpose {
        case .assignUserRole(let user): return applyEdit(.assignUserRole(environment: e, user: user, role: item.id))
        case .assignTeamRole(let team): return applyEdit(.assignTeamRole(environment: e, team: team, role: item.id))
        case .addUserToTeam(let user): return applyEdit(.addTeamMember(environment: e, team: item.id, user: user))
        case .addTeamMember(let team): return applyEdit(.addTeamMember(environment: e, team: team, user: item.id))
        case .addUserToProfile(let user): return applyEdit(.addProfileUser(environment: e, profile: item.id, user: user))
        case .addProfileMember(let profile):
            return applyEdit(
                item.kind == .team
                    ? .addProfileTeam(environment: e, profile: profile, team: item.id)
                    : .addProfileUser(environment: e, profile: profile, user: item.id))
        case .moveUserToBusinessUnit(let user): return applyEdit(.setUserBusinessUnit(environment: e, user: user, businessUnit: item.id))
        case .moveBusinessUnit(let bu):
            let effects = applyEdit(.setBusinessUnitParent(environment: e, businessUnit: bu, parent: item.id))
            // The cursor follows the unit moved (its new parent unfolded), not the row it was on.
            if !effects.isEmpty, screen == .browser, pane == .businessUnits { selectInBrowser(bu) }
            return effects
        case .roleCopyOfUser(let user):
            openRoleCopyUnits(.user(user), role: item.id)
            return []
        case .roleCopyOfTeam(let team):
            openRoleCopyUnits(.team(team), role: item.id)
            return []
        case .roleCopyUnitOfUser(let user, let role):
            return applyEdit(
                .setUserRoleCopy(environment: e, user: user, role: role, businessUnit: item.kind == .defaultRoleCopy ? nil : item.id))
        case .roleCopyUnitOfTeam(let team, let role):
            return applyEdit(
                .setTeamRoleCopy(environment: e, team: team, role: role, businessUnit: item.kind == .defaultRoleCopy ? nil : item.id))
        case .userAccessMode(let user):
            guard let mode = Int(item.id).flatMap(AccessMode.init(rawValue:)) else { return [] }
            return applyEdit(.setUserAccessMode(environment: e, user: user, accessMode: mode))
        case .compareUser(let user):
            openUserComparison(user, with: item.id)
            return []
        case .compareRole(let role):
            openRoleComparison(role, with: item.id)
            return []
        case .removeFromUser(let user):
            switch item.kind {
            case .role: return applyEdit(.removeUserRole(environment: e, user: user, role: item.id))
            case .team: return applyEdit(.removeTeamMember(environment: e, team: item.id, user: user))
            case .profile: return applyEdit(.removeProfileUser(environment: e, profile: item.id, user: user))
            default: return []
            }
        case .removeFromTeam(let team):
            return applyEdit(
                item.kind == .role
                    ? .removeTeamRole(environment: e, team: team, role: item.id)
                    : .removeTeamMember(environment: e, team: team, user: item.id))
        case .removeProfileMember(let profile):
            return applyEdit(
                item.kind == .team
                    ? .removeProfileTeam(environment: e, profile: profile, team: item.id)
                    : .removeProfileUser(environment: e, profile: profile, user: item.id))
        case .securityGroup:
            var settings = env.settings
            settings.securityGroupId = item.kind == .none ? nil : item.id
            return applyEdit(.setEnvironmentSettings(environment: e, settings: settings))
        case .environmentType:
            guard let type = EnvironmentType(rawValue: item.id) else { return [] }
            var settings = env.settings
            settings.type = type
            return applyEdit(.setEnvironmentSettings(environment: e, settings: settings))
        case .whoCanTable:
            if whoCan.table != item.id, whoCan.mode == .column {
                whoCan.column = environment?.tables[item.id]?.securedColumns.first?.logicalName
            }
            whoCan.table = item.id
            whoCan.field = .results
            refreshWhoCan()
            return []
        case .whoCanColumn:
            guard let ref = ColumnReference(rowId: item.id) else { return [] }
            whoCan.table = ref.table
            whoCan.column = ref.column
            whoCan.field = .results
            refreshWhoCan()
            return []
        case .environment:
            openEnvironment(item.id)
            return []
        }
    }
}
