/// The grant that decides a cell, as positions in a context: which holding, by which path, at
/// which level. What ``AccessIndex/winningGrant(of:table:operation:)`` returns, before any
/// string is copied into a ``Grant``.
struct DecidingGrant: Sendable, Equatable {
    /// How the holding's role reaches the user for this grant.
    enum Route: UInt8, Sendable {
        // The order grants of one level are listed in (as ``GrantPath/rank``).
        case direct = 0
        case inherited = 1
        case team = 2
    }

    /// Position in the context's `holdings`.
    let holding: Int
    let route: Route
    let level: AccessLevel
    let isSystemAdministrator: Bool
}

extension AccessIndex {
    /// A user's context, from the index's memberships and role slots: the same context as
    /// ``Environment/accessContext(of:teams:)`` with the user's teams, plus the positions that let
    /// ``effectiveRow(of:table:)`` and ``winningGrant(of:table:operation:)`` answer without
    /// looking anything up by name.
    public func accessContext(of user: User) -> UserAccessContext {
        let teams = self.teams(of: user)
        var holdings: [RoleHolding] = []
        var entries: [ResolvedHoldings.Entry] = []
        let copies = user.roleBusinessUnitIds
        for r in user.roleIds.sorted() {
            holdings.append(RoleHolding(roleId: r, teamId: nil))
            entries.append(
                .init(
                    roleId: r, teamId: nil, slot: realRoleSlot(r), viaTeam: false, teamName: nil, teamBusinessUnitId: nil,
                    heldCopyBusinessUnitId: copies[r]))
        }
        for team in teams where team.type.holdsRoles {
            for r in team.roleIds.sorted() {
                holdings.append(RoleHolding(roleId: r, teamId: team.id))
                entries.append(
                    .init(
                        roleId: r, teamId: team.id, slot: realRoleSlot(r), viaTeam: true, teamName: team.name,
                        teamBusinessUnitId: team.businessUnitId, heldCopyBusinessUnitId: team.roleBusinessUnitIds[r]))
            }
        }
        return context(user, teams: teams, holdings: holdings, entries: entries)
    }

    /// The context of the real user in `slot`, from the index's numbered relations: no id is
    /// hashed (the diff builds 200,000 of these).
    func accessContext(userAt slot: Int) -> UserAccessContext {
        let user = environment.users.values[userPositions[slot]]
        let teamSlots = userTeams[slot]
        var teams: [Team] = []
        teams.reserveCapacity(teamSlots.count)
        for t in teamSlots { teams.append(environment.teams.values[teamPositions[Int(t)]]) }
        let direct = userRoles[slot]
        var holdings: [RoleHolding] = []
        var entries: [ResolvedHoldings.Entry] = []
        holdings.reserveCapacity(direct.count + teams.count)
        entries.reserveCapacity(direct.count + teams.count)
        // Read once: most users name no copy.
        let copies = user.roleBusinessUnitIds
        for r in direct {
            let id = roleIds[Int(r)]
            holdings.append(RoleHolding(roleId: id, teamId: nil))
            entries.append(
                .init(
                    roleId: id, teamId: nil, slot: Int(r) < realRoleCount ? r : -1, viaTeam: false, teamName: nil,
                    teamBusinessUnitId: nil, heldCopyBusinessUnitId: copies.isEmpty ? nil : copies[id]))
        }
        for (p, team) in teams.enumerated() where team.type.holdsRoles {
            let t = Int(teamSlots[teamSlots.startIndex + p])
            for r in teamRoles[t] {
                let id = roleIds[Int(r)]
                holdings.append(RoleHolding(roleId: id, teamId: team.id))
                entries.append(
                    .init(
                        roleId: id, teamId: team.id, slot: Int(r) < realRoleCount ? r : -1, viaTeam: true,
                        teamName: team.name, teamBusinessUnitId: team.businessUnitId,
                        heldCopyBusinessUnitId: team.roleBusinessUnitIds.isEmpty ? nil : team.roleBusinessUnitIds[id]))
            }
        }
        return context(
            user, teams: teams, holdings: holdings, entries: entries, inSecurityGroup: userInSecurityGroup[slot],
            businessUnitSlot: userBusinessUnits[slot])
    }

    /// The role's slot when the environment has the role, else -1.
    func realRoleSlot(_ id: String) -> Int32 {
        guard let s = roleSlots[id], Int(s) < realRoleCount else { return -1 }
        return s
    }

    /// Dormancy, System Administrator and the root, from resolved holdings.
    private func context(
        _ user: User, teams: [Team], holdings: [RoleHolding], entries: [ResolvedHoldings.Entry],
        inSecurityGroup: Bool? = nil, businessUnitSlot: Int32? = nil
    ) -> UserAccessContext {
        let admin = entries.firstIndex { $0.slot >= 0 && slotIsSystemAdministrator[Int($0.slot)] }
        let unit = businessUnitSlot ?? businessUnitSlots[user.businessUnitId] ?? -1
        let dormancy = Dormancy.reasons(
            disabled: user.isDisabled, disablingBusinessUnit: unit >= 0 ? disablingBusinessUnitNames[Int(unit)] : nil,
            inSecurityGroup: inSecurityGroup ?? securityGroupMembers.map { user.isApplicationUser || $0[user.id] != nil } ?? true,
            lacksNeededLicence: user.lacksNeededLicence,
            shutOutByAdminMode: environment.settings.adminMode && environment.settings.type.allowsAdminMode
                && !entries.contains(where: { $0.slot >= 0 && slotSignsInDuringAdminMode[Int($0.slot)] }),
            accessMode: user.accessMode)
        let resolved = ResolvedHoldings(owner: identity, entries: entries, systemAdministrator: admin ?? -1)
        return UserAccessContext(
            user: user, teams: teams, holdings: holdings, dormancy: dormancy, systemAdministrator: admin.map { holdings[$0] },
            rootBusinessUnitId: rootBusinessUnitId ?? user.businessUnitId, resolved: resolved)
    }

    /// The context's positions in this index: kept when this index built the context, found otherwise.
    func resolved(_ context: UserAccessContext) -> ResolvedHoldings {
        if let r = context.resolved, r.owner === identity { return r }
        let entries = context.holdings.map { h -> ResolvedHoldings.Entry in
            let team = h.teamId.flatMap { tid in context.teams.first { $0.id == tid } }
            return .init(
                roleId: h.roleId, teamId: h.teamId, slot: realRoleSlot(h.roleId), viaTeam: team != nil,
                teamName: h.teamId.flatMap { environment.teams[$0]?.name }, teamBusinessUnitId: team?.businessUnitId,
                heldCopyBusinessUnitId: team.map { $0.roleBusinessUnitIds[h.roleId] } ?? context.user.roleBusinessUnitIds[h.roleId])
        }
        let admin = context.systemAdministrator.flatMap { a in context.holdings.firstIndex(of: a) } ?? -1
        return ResolvedHoldings(owner: identity, entries: entries, systemAdministrator: admin)
    }

    /// The levels the context's grants add up to on one table (index `table`), for all eight
    /// operations, ignoring dormancy.
    func grantedRow(_ r: ResolvedHoldings, accessMode: AccessMode, table t: Int) -> PrivilegeRow {
        let stride = tableNames.count
        var levels = SIMD8<UInt8>(repeating: 0)
        slotRows.withUnsafeBufferPointer { rows in
            for e in r.entries where e.slot >= 0 { levels = pointwiseMax(levels, rows[Int(e.slot) * stride + t].storage) }
        }
        return Environment.applyTableAndModeRules(PrivilegeRow(storage: levels), ownership: ownership[t], accessMode: accessMode)
    }

    /// The grant listed first by ``Environment/effectiveAccess(of:table:operation:)`` for one cell
    /// (table index `t`), found without building the list: the highest level, then direct before
    /// team before inherited, then team name, role name, team id and role id.
    func decidingGrant(_ r: ResolvedHoldings, table t: Int, operation op: TableOperation) -> DecidingGrant? {
        let orgOwned = ownership[t] == .organization
        if orgOwned && !op.existsOnOrganizationOwnedTables { return nil }
        if r.systemAdministrator >= 0 {
            let teamHeld = r.entries[r.systemAdministrator].teamId != nil
            return DecidingGrant(
                holding: r.systemAdministrator, route: teamHeld ? .team : .direct, level: .organization,
                isSystemAdministrator: true)
        }
        let stride = tableNames.count
        var best: DecidingGrant?
        func consider(_ g: DecidingGrant) {
            guard let b = best else {
                best = g
                return
            }
            if precedes(g, b, r) { best = g }
        }
        slotRows.withUnsafeBufferPointer { rows in
            for (h, e) in r.entries.enumerated() {
                let slot = Int(e.slot)
                guard slot >= 0 else { continue }
                let raw = rows[slot * stride + t].storage[op.rawValue]
                if raw == 0 { continue }
                let level = orgOwned ? AccessLevel.organization : (AccessLevel(rawValue: raw) ?? .none)
                if e.viaTeam {
                    consider(DecidingGrant(holding: h, route: .team, level: level, isSystemAdministrator: false))
                    if slotInherits[slot] {
                        consider(
                            DecidingGrant(
                                holding: h, route: .inherited, level: orgOwned ? .organization : .user,
                                isSystemAdministrator: false))
                    }
                } else {
                    consider(DecidingGrant(holding: h, route: .direct, level: level, isSystemAdministrator: false))
                }
            }
        }
        return best
    }

    /// Whether `a` is listed before `b` (the order of ``Environment/effectiveAccess(of:table:operation:)``).
    private func precedes(_ a: DecidingGrant, _ b: DecidingGrant, _ r: ResolvedHoldings) -> Bool {
        if a.level != b.level { return a.level > b.level }
        if a.route != b.route { return a.route.rawValue < b.route.rawValue }
        let ea = r.entries[a.holding]
        let eb = r.entries[b.holding]
        // A direct grant's path has no team: its team name and id read as empty.
        let ta = a.route == .direct ? "" : (ea.teamName ?? "")
        let tb = b.route == .direct ? "" : (eb.teamName ?? "")
        if ta != tb { return ta < tb }
        let ra = slotRoleNames[Int(ea.slot)]
        let rb = slotRoleNames[Int(eb.slot)]
        if ra != rb { return ra < rb }
        let ia = a.route == .direct ? "" : (ea.teamId ?? "")
        let ib = b.route == .direct ? "" : (eb.teamId ?? "")
        return (ia, ea.roleId) < (ib, eb.roleId)
    }

    /// The business unit a deciding grant's Local and Deep levels refer to.
    func scopeBusinessUnitId(
        of g: DecidingGrant, _ r: ResolvedHoldings, userBusinessUnitId: String,
        rootBusinessUnitId: String
    ) -> String {
        if g.isSystemAdministrator { return rootBusinessUnitId }
        let e = r.entries[g.holding]
        switch g.route {
        case .inherited: return userBusinessUnitId
        case .team:
            return assignedCopyBusinessUnitId(role: e.slot, principal: e.teamBusinessUnitId ?? "", heldCopy: e.heldCopyBusinessUnitId)
        case .direct: return assignedCopyBusinessUnitId(role: e.slot, principal: userBusinessUnitId, heldCopy: e.heldCopyBusinessUnitId)
        }
    }

    /// ``defaultCopyBusinessUnitSlot(role:principal:)`` on business-unit ids, or the held copy's
    /// unit: ``Environment/assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)``.
    func assignedCopyBusinessUnitId(role: Int32, principal: String, heldCopy: String?) -> String {
        guard environment.settings.modernizedBusinessUnits else { return principal }
        if let heldCopy { return heldCopy }
        guard role >= 0, Int(role) < slotBusinessUnits.count else { return principal }
        let unit = slotBusinessUnits[Int(role)]
        guard unit != principal, let p = businessUnitSlots[principal] else { return principal == unit ? principal : unit }
        let slot = defaultCopyBusinessUnitSlot(role: role, principal: p)
        return slot == p ? principal : unit
    }

    /// The context's effective levels on one table for all eight operations at once, with the
    /// same rules as ``Environment/effectiveAccess(of:table:operation:)``; `nil` for a table the
    /// environment does not have.
    public func effectiveRow(of context: UserAccessContext, table: String) -> EffectiveRow? {
        guard let t = tableIndex[table] else { return nil }
        let granted = grantedRow(resolved(context), accessMode: context.user.accessMode, table: t)
        return EffectiveRow(table: table, levels: context.isDormant ? .empty : granted, grantedLevels: granted)
    }

    /// The grant that decides one cell: the first of
    /// ``Environment/effectiveAccess(of:table:operation:)``'s grants, without building the others.
    public func winningGrant(of context: UserAccessContext, table: String, operation: TableOperation) -> Grant? {
        guard let t = tableIndex[table] else {
            return environment.effectiveAccess(of: context, table: table, operation: operation).winningGrant
        }
        let r = resolved(context)
        guard let g = decidingGrant(r, table: t, operation: operation) else { return nil }
        let h = r.entries[g.holding]
        let scope = scopeBusinessUnitId(
            of: g, r, userBusinessUnitId: context.user.businessUnitId,
            rootBusinessUnitId: context.rootBusinessUnitId)
        let path: GrantPath
        let actsAs: GrantPrincipal
        switch g.route {
        case .direct:
            path = .direct(roleId: h.roleId)
            actsAs = .user
        case .team:
            let tid = h.teamId ?? ""
            path = .team(teamId: tid, roleId: h.roleId)
            actsAs = .team(tid)
        case .inherited:
            path = .inherited(teamId: h.teamId ?? "", roleId: h.roleId)
            actsAs = .user
        }
        return Grant(
            table: table, operation: operation, level: g.level, scopeBusinessUnitId: scope, actsAs: actsAs,
            path: path, isSystemAdministrator: g.isSystemAdministrator)
    }
}
