/// What the engine needs about one user of an index, read straight from the index's numbered
/// relations: no context and no copy of the user. The holdings come in the order of
/// ``Environment/roleHoldings(of:teams:)`` (direct roles by id, then each owner or group team in
/// display order and its roles by id), keeping only roles the environment has: the others grant
/// nothing and decide nothing.
struct DenseUser: Sendable {
    /// One role the user holds: its slot, and the team it comes through (-1: direct).
    struct Holding: Sendable {
        let role: Int32
        let team: Int32
    }

    /// The user's slot in the index.
    let slot: Int
    let holdings: [Holding]
    let accessMode: AccessMode
    let dormancy: [Dormancy]
    /// The System Administrator holding: role slot (-1: none) and team slot (-1: direct).
    let adminRole: Int32
    let adminTeam: Int32
    let businessUnitSlot: Int32

    var isDormant: Bool { !dormancy.isEmpty }
    /// Dormant for a reason that keeps the user from signing in: miscellaneous privileges do not
    /// work either (``Dormancy/forMiscellaneousPrivileges(_:)``).
    var keptFromSigningIn: Bool { dormancy.contains(where: \.keepsUserFromSigningIn) }
}

/// The grant that decides a cell for a ``DenseUser``: which role, through which team (-1: none),
/// by which route, at which level.
struct DenseDecidingGrant: Sendable, Equatable {
    let role: Int32
    let team: Int32
    let route: DecidingGrant.Route
    let level: AccessLevel
    let isSystemAdministrator: Bool
}

extension AccessIndex {
    /// The user in `slot` (a real user), with dormancy and System Administrator worked out.
    func denseUser(_ slot: Int) -> DenseUser {
        var holdings: [DenseUser.Holding] = []
        let real = Int32(realRoleCount)
        for r in userRoles[slot] where r < real { holdings.append(.init(role: r, team: -1)) }
        for t in userTeams[slot] { for r in teamRoles[Int(t)] where r < real { holdings.append(.init(role: r, team: t)) } }
        var adminRole: Int32 = -1
        var adminTeam: Int32 = -1
        var signsIn = false
        for h in holdings {
            if adminRole < 0 && slotIsSystemAdministrator[Int(h.role)] {
                adminRole = h.role
                adminTeam = h.team
            }
            if slotSignsInDuringAdminMode[Int(h.role)] { signsIn = true }
        }
        let flags = userFlags[slot]
        let unit = Int(userBusinessUnits[slot])
        let dormancy = Dormancy.reasons(
            disabled: flags.contains(.disabled), disablingBusinessUnit: disablingBusinessUnitNames[unit],
            inSecurityGroup: userInSecurityGroup[slot], lacksNeededLicence: flags.contains(.lacksNeededLicence),
            shutOutByAdminMode: environment.settings.adminMode && environment.settings.type.allowsAdminMode && !signsIn,
            accessMode: userAccessModes[slot])
        return DenseUser(
            slot: slot, holdings: holdings, accessMode: userAccessModes[slot], dormancy: dormancy,
            adminRole: adminRole, adminTeam: adminTeam, businessUnitSlot: userBusinessUnits[slot])
    }

    /// The levels the user's grants add up to on table `t`, all eight operations, ignoring dormancy.
    func grantedRow(_ u: DenseUser, table t: Int) -> PrivilegeRow {
        let stride = tableNames.count
        var levels = SIMD8<UInt8>(repeating: 0)
        slotRows.withUnsafeBufferPointer { rows in
            u.holdings.withUnsafeBufferPointer { held in
                for h in held { levels = pointwiseMax(levels, rows[Int(h.role) * stride + t].storage) }
            }
        }
        return Environment.applyTableAndModeRules(PrivilegeRow(storage: levels), ownership: ownership[t], accessMode: u.accessMode)
    }

    /// ``grantedRow(_:table:)`` for every table, written into `matrix` (``tableNames`` order).
    func grantedMatrix(_ u: DenseUser, into matrix: UnsafeMutableBufferPointer<PrivilegeRow>) {
        let count = tableNames.count
        for i in 0..<count { matrix[i] = .empty }
        slotRows.withUnsafeBufferPointer { rows in
            for h in u.holdings {
                let base = Int(h.role) * count
                for i in 0..<count { matrix[i].storage = pointwiseMax(matrix[i].storage, rows[base + i].storage) }
            }
        }
        ownership.withUnsafeBufferPointer { owners in
            for i in 0..<count where owners[i] == .organization || u.accessMode == .read {
                matrix[i] = Environment.applyTableAndModeRules(matrix[i], ownership: owners[i], accessMode: u.accessMode)
            }
        }
    }

    /// The grant listed first by ``Environment/effectiveAccess(of:table:operation:)`` for one cell
    /// of the user (table index `t`), found without building the list.
    func decidingGrant(_ u: DenseUser, table t: Int, operation op: TableOperation) -> DenseDecidingGrant? {
        let orgOwned = ownership[t] == .organization
        if orgOwned && !op.existsOnOrganizationOwnedTables { return nil }
        if u.adminRole >= 0 {
            return DenseDecidingGrant(
                role: u.adminRole, team: u.adminTeam, route: u.adminTeam >= 0 ? .team : .direct,
                level: .organization, isSystemAdministrator: true)
        }
        let stride = tableNames.count
        var best: DenseDecidingGrant?
        func consider(_ g: DenseDecidingGrant) {
            if let b = best, !precedes(g, b) { return }
            best = g
        }
        slotRows.withUnsafeBufferPointer { rows in
            u.holdings.withUnsafeBufferPointer { held in
                for h in held {
                    let raw = rows[Int(h.role) * stride + t].storage[op.rawValue]
                    if raw == 0 { continue }
                    let level = orgOwned ? AccessLevel.organization : (AccessLevel(rawValue: raw) ?? .none)
                    if h.team < 0 {
                        consider(DenseDecidingGrant(role: h.role, team: -1, route: .direct, level: level, isSystemAdministrator: false))
                    } else {
                        consider(DenseDecidingGrant(role: h.role, team: h.team, route: .team, level: level, isSystemAdministrator: false))
                        if slotInherits[Int(h.role)] {
                            consider(
                                DenseDecidingGrant(
                                    role: h.role, team: h.team, route: .inherited,
                                    level: orgOwned ? .organization : .user, isSystemAdministrator: false))
                        }
                    }
                }
            }
        }
        return best
    }

    /// Whether `a` is listed before `b`: level, then direct / inherited / team, then team name,
    /// role name, team id and role id.
    private func precedes(_ a: DenseDecidingGrant, _ b: DenseDecidingGrant) -> Bool {
        if a.level != b.level { return a.level > b.level }
        if a.route != b.route { return a.route.rawValue < b.route.rawValue }
        let ta = a.team >= 0 ? teamNames[Int(a.team)] : ""
        let tb = b.team >= 0 ? teamNames[Int(b.team)] : ""
        if ta != tb { return ta < tb }
        let ra = slotRoleNames[Int(a.role)]
        let rb = slotRoleNames[Int(b.role)]
        if ra != rb { return ra < rb }
        let ia = a.team >= 0 ? teamIds[Int(a.team)] : ""
        let ib = b.team >= 0 ? teamIds[Int(b.team)] : ""
        return (ia, roleIds[Int(a.role)]) < (ib, roleIds[Int(b.role)])
    }

    /// The business-unit slot a deciding grant's Local and Deep levels refer to.
    func scopeBusinessUnitSlot(of g: DenseDecidingGrant, _ u: DenseUser) -> Int32 {
        if g.isSystemAdministrator { return rootBusinessUnitSlot >= 0 ? rootBusinessUnitSlot : u.businessUnitSlot }
        switch g.route {
        case .inherited: return u.businessUnitSlot
        case .team: return assignedCopyBusinessUnitSlot(role: g.role, user: u.slot, team: g.team)
        case .direct: return assignedCopyBusinessUnitSlot(role: g.role, user: u.slot, team: -1)
        }
    }

    /// The key of ``heldCopyBusinessUnitSlots``: a team's holding when `team` is not -1, else the
    /// user's.
    static func heldCopyKey(role: Int32, user: Int, team: Int32) -> UInt64 {
        team >= 0 ? (1 << 63) | UInt64(UInt32(team)) << 32 | UInt64(UInt32(role)) : UInt64(UInt32(user)) << 32 | UInt64(UInt32(role))
    }

    /// The business-unit slot of the copy of the role in slot `role` that the team in slot `team`
    /// holds (or, `team` being -1, the user in slot `user` holds directly):
    /// ``Environment/assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)`` on slots.
    func assignedCopyBusinessUnitSlot(role: Int32, user: Int, team: Int32) -> Int32 {
        let principal = team >= 0 ? teamBusinessUnits[Int(team)] : userBusinessUnits[user]
        guard environment.settings.modernizedBusinessUnits else { return principal }
        if !heldCopyBusinessUnitSlots.isEmpty, let held = heldCopyBusinessUnitSlots[Self.heldCopyKey(role: role, user: user, team: team)] {
            return held
        }
        return defaultCopyBusinessUnitSlot(role: role, principal: principal)
    }

    /// The unit of the copy a principal of the unit in slot `principal` holds when the snapshot
    /// names none, with modernized business units: its own unit's when the role's unit is that
    /// unit or above it, the role's otherwise [I].
    func defaultCopyBusinessUnitSlot(role: Int32, principal: Int32) -> Int32 {
        guard role >= 0, Int(role) < slotBusinessUnitSlots.count else { return principal }
        let unit = slotBusinessUnitSlots[Int(role)]
        // Up from the principal's unit: the role's unit on the way means a copy in the principal's
        // own (a cycle in a hand-written tree ends the walk).
        var next = principal
        var steps = 0
        while next >= 0 && steps <= businessUnitParentSlots.count {
            if next == unit { return principal }
            next = businessUnitParentSlots[Int(next)]
            steps += 1
        }
        return unit
    }
}

/// What dormancy needs to know about a user, kept per slot in the index.
struct UserFlags: OptionSet, Sendable {
    let rawValue: UInt8
    static let disabled = UserFlags(rawValue: 1)
    /// ``User/lacksNeededLicence``: read from the user when the index is built, one rule.
    static let lacksNeededLicence = UserFlags(rawValue: 2)
    static let applicationUser = UserFlags(rawValue: 4)
}

extension AccessIndex {
    /// For each table (``tableNames`` order), how many of the users passing `include` can do `op`
    /// at `minimum` or above at run time, and how many users passed. The levels are those
    /// ``forEachEffectiveMatrixBySlot(_:)`` gives, read for one operation only: each role's
    /// qualifying tables are listed once, so a user costs the length of those lists rather than
    /// a whole matrix.
    func runtimeCounts(of op: TableOperation, atLeast minimum: AccessLevel, users include: (Int) -> Bool) -> (users: Int, perTable: [Int]) {
        let count = tableNames.count
        // The table rules act on each operation by itself and keep the order of levels, so they
        // can be applied to each role's row before the maximum over roles is taken.
        let tablesByRole: [[Int32]] = (0..<realRoleCount).map { r in
            (0..<count).compactMap { t in
                let row = Environment.applyTableAndModeRules(slotRows[r * count + t], ownership: ownership[t], accessMode: .readWrite)
                return row[op] >= minimum ? Int32(t) : nil
            }
        }
        var perTable = [Int](repeating: 0, count: count)
        var stamp = [Int](repeating: -1, count: count)
        var users = 0
        for slot in 0..<realUserCount where include(slot) {
            users += 1
            let dense = denseUser(slot)
            // Dormant users have no runtime access; access mode Read keeps only Read [I].
            guard !dense.isDormant, dense.accessMode != .read || op == .read else { continue }
            for h in dense.holdings {
                for t in tablesByRole[Int(h.role)] where stamp[Int(t)] != slot {
                    stamp[Int(t)] = slot
                    perTable[Int(t)] += 1
                }
            }
        }
        return (users, perTable)
    }
}
