/// One side of the comparison for one user. The cells are answered from the index's numbered
/// relations (``DenseUser``); the engine's full context is built only for the questions that
/// need it (columns, scopes, a table the side lacks). The side's index is passed in (borrowed)
/// rather than stored, so that nothing big is copied per user.
struct ImpactSide {
    /// The user's slot in the side's index, `nil` when the side lacks the user.
    let slot: Int?
    /// Meaningful only when ``slot`` is set.
    let dense: DenseUser
    /// The engine's context, when asked for.
    let context: UserAccessContext?

    var exists: Bool { slot != nil }
    var isDormant: Bool { slot != nil && dense.isDormant }
    /// Kept from signing in: the user's miscellaneous privileges do not work either.
    var keptFromSigningIn: Bool { slot != nil && dense.keptFromSigningIn }
    /// Access mode Read sets `op` to None on this side whatever the roles grant [I]: the user is
    /// here, in that mode, and `op` is not Read.
    func readOnly(_ op: TableOperation) -> Bool { slot != nil && dense.accessMode == .read && op != .read }

    init(_ index: borrowing PrincipalIndex, _ slot: Int?, withContext: Bool) {
        self.slot = slot
        if let slot {
            dense = index.access.denseUser(slot)
            context = withContext ? index.access.accessContext(userAt: slot) : nil
        } else {
            dense = DenseUser(
                slot: -1, holdings: [], accessMode: .readWrite, dormancy: [], adminRole: -1, adminTeam: -1,
                businessUnitSlot: -1)
            context = nil
        }
    }

    private init(slot: Int?, dense: DenseUser, context: UserAccessContext?) {
        self.slot = slot
        self.dense = dense
        self.context = context
    }

    /// This side with the engine's context built (the dense holdings kept as they are).
    func withContext(_ index: borrowing PrincipalIndex) -> ImpactSide {
        guard context == nil, let slot else { return self }
        return ImpactSide(slot: slot, dense: dense, context: index.access.accessContext(userAt: slot))
    }

    /// The user, read from the side's environment.
    func user(_ index: PrincipalIndex) -> User? {
        slot.map { index.environment.users.values[index.access.userPositions[$0]] }
    }

    /// The engine's context: the one built up front, or a new one.
    func engineContext(_ index: PrincipalIndex) -> UserAccessContext? {
        context ?? slot.map { index.access.accessContext(userAt: $0) }
    }

    /// Runtime and granted levels of one table, all eight operations; `table` is the table's
    /// position in this side's index, -1 when the environment does not have it (then the engine
    /// answers the operations in `mask` one by one).
    func levels(
        _ index: PrincipalIndex, _ table: Int32, _ name: String, mask: UInt8
    )
        -> (runtime: SIMD8<UInt8>, granted: SIMD8<UInt8>)
    {
        let zero = SIMD8<UInt8>(repeating: 0)
        guard exists else { return (zero, zero) }
        if table >= 0 {
            let granted = index.access.grantedRow(dense, table: Int(table)).storage
            return (dense.isDormant ? zero : granted, granted)
        }
        guard let context = engineContext(index) else { return (zero, zero) }
        var runtime = zero
        var granted = zero
        for op in TableOperation.allCases where mask & (1 << op.rawValue) != 0 {
            let a = index.environment.effectiveAccess(of: context, table: name, operation: op)
            runtime[op.rawValue] = a.level.rawValue
            granted[op.rawValue] = a.grantedLevel.rawValue
        }
        return (runtime, granted)
    }

    /// Granted levels of every table of this side's index (empty when the user is absent).
    func matrix(_ index: PrincipalIndex) -> [PrivilegeRow] {
        guard exists else { return [] }
        var rows = [PrivilegeRow](repeating: .empty, count: index.access.tableNames.count)
        rows.withUnsafeMutableBufferPointer { index.access.grantedMatrix(dense, into: $0) }
        return rows
    }

    /// The path of the grant that decides one cell, named for display; made once per (role, team,
    /// route, scope) when a `cache` is given.
    func path(
        _ index: PrincipalIndex, _ table: Int32, _ name: String, _ op: TableOperation, cache: PathCache? = nil, side: PathCache.Side = .base
    ) -> ImpactPath? {
        guard exists else { return nil }
        guard table >= 0 else {
            return engineContext(index).flatMap { path(index, of: index.environment.effectiveAccess(of: $0, table: name, operation: op)) }
        }
        guard let g = index.access.decidingGrant(dense, table: Int(table), operation: op) else { return nil }
        guard let cache else { return path(index, g) }
        let scope = index.access.scopeBusinessUnitSlot(of: g, dense)
        let route: UInt64 =
            switch g.route {
            case .direct: 0
            case .team: 1
            case .inherited: 2
            }
        let key =
            UInt64(UInt32(bitPattern: g.role) & 0xF_FFFF) | (UInt64(UInt32(bitPattern: g.team + 1) & 0xF_FFFF) << 20)
            | (UInt64(UInt32(bitPattern: scope + 1) & 0xF_FFFF) << 40) | (route << 60) | (g.isSystemAdministrator ? 1 << 62 : 0)
            | (scope != dense.businessUnitSlot ? 1 << 63 : 0)
        return cache.path(key, side: side) { path(index, g) }
    }

    /// The path of a deciding grant.
    private func path(_ index: PrincipalIndex, _ g: DenseDecidingGrant) -> ImpactPath {
        let kind: ImpactPath.Kind
        switch g.route {
        case .direct: kind = .direct
        case .team: kind = .team
        case .inherited: kind = .inherited
        }
        let team = Int(g.team)
        let role = Int(g.role)
        let scope = index.access.scopeBusinessUnitSlot(of: g, dense)
        return ImpactPath(
            kind: kind, roleId: index.access.roleIds[role], roleName: index.access.slotRoleNames[role],
            teamId: team >= 0 ? index.access.teamIds[team] : nil,
            teamName: team >= 0 ? index.access.teamNames[team] : nil, isSystemAdministrator: g.isSystemAdministrator,
            scope: index.scopePaths[Int(scope)], scopeIsAnotherUnit: scope != dense.businessUnitSlot,
            note: team >= 0
                ? index.environment.pathNotes(
                    kind == .inherited
                        ? .inherited(teamId: index.access.teamIds[team], roleId: index.access.roleIds[role])
                        : .team(teamId: index.access.teamIds[team], roleId: index.access.roleIds[role])) : nil)
    }

    /// The path of an answer's winning grant, named for display.
    func path(_ index: PrincipalIndex, of a: AccessAnswer) -> ImpactPath? {
        a.winningGrant.map { path(index, grant: $0) }
    }

    /// The path of one grant, named for display.
    func path(_ index: PrincipalIndex, grant g: Grant) -> ImpactPath {
        let env = index.environment
        let kind: ImpactPath.Kind
        switch g.path {
        case .direct: kind = .direct
        case .team: kind = .team
        case .inherited: kind = .inherited
        }
        let roleId = g.path.roleId
        return ImpactPath(
            kind: kind, roleId: roleId, roleName: env.roles[roleId]?.name ?? roleId, teamId: g.path.teamId,
            teamName: g.path.teamId.flatMap { env.teams[$0]?.name }, isSystemAdministrator: g.isSystemAdministrator,
            scope: index.paths[g.scopeBusinessUnitId] ?? g.scopeBusinessUnitId,
            scopeIsAnotherUnit: user(index).map { $0.businessUnitId != g.scopeBusinessUnitId } ?? false, note: env.pathNotes(g.path))
    }

    /// The Read, Create or Write level behind a column permission, runtime and granted.
    func tableAccess(_ index: PrincipalIndex, _ table: String, _ op: TableOperation) -> (level: AccessLevel, granted: AccessLevel)? {
        guard exists else { return nil }
        if let t = index.access.tableIndex[table] {
            let granted = index.access.grantedRow(dense, table: t)[op]
            return (dense.isDormant ? .none : granted, granted)
        }
        guard let context = engineContext(index) else { return nil }
        let a = index.environment.effectiveAccess(of: context, table: table, operation: op)
        return (a.level, a.grantedLevel)
    }

    /// What a user's access to secured columns depends on besides the columns and profiles
    /// themselves: System Administrator, profile memberships (direct or through teams),
    /// dormancy and access mode. Equal on both sides means no secured column can move.
    func columnSignature(_ index: PrincipalIndex) -> [String] {
        guard let context = engineContext(index) else { return [] }
        let user = context.user
        let teamIds = Set(context.teams.map(\.id))
        let profiles = index.environment.fieldSecurityProfiles.values
            .filter { $0.userIds.contains(user.id) || !$0.teamIds.isDisjoint(with: teamIds) }.map(\.id).sorted()
        return [context.systemAdministrator == nil ? "-" : "admin", user.accessMode.snapshotName]
            + context.dormancy.map(\.rawValue) + ["|"] + profiles
    }

    func column(_ index: PrincipalIndex, _ ref: ColumnReference, _ kind: ColumnPermissionKind) -> ColumnAccessAnswer? {
        guard let context = engineContext(index), index.environment.tables[ref.table]?.columns[ref.column] != nil else { return nil }
        return index.environment.columnAccess(of: context, column: ref, kind: kind, profiles: index.profiles)
    }
}

/// Paths already named, so that the lines of many users share one ``ImpactPath`` each. One cache
/// per chunk of users (per thread: nothing in it is touched by the other core, whose atomic
/// reference counting on shared objects would cost more than the paths save); a side's paths are
/// kept apart from the other side's.
final class PathCache {
    enum Side { case base, target }
    private var base: [UInt64: ImpactPath] = [:]
    private var target: [UInt64: ImpactPath] = [:]

    func path(_ key: UInt64, side: Side, make: () -> ImpactPath) -> ImpactPath {
        switch side {
        case .base:
            if let known = base[key] { return known }
            let made = make()
            base[key] = made
            return made
        case .target:
            if let known = target[key] { return known }
            let made = make()
            target[key] = made
            return made
        }
    }
}
