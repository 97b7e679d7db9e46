import Dispatch

/// Computes how effective access changes for the touched users, asking the engine the same
/// questions on both sides (`effectiveRows`, `effectiveAccess`, `columnAccess`); it never applies a
/// security rule itself. Users are independent, so they are spread over the processor's cores.
struct ImpactAnalysis: Sendable {
    let base: PrincipalIndex
    let target: PrincipalIndex
    let touches: ImpactTouches
    let explainPaths: Bool

    /// Secured columns of either side (a column that exists on one side only counts).
    let securedColumns: [ColumnReference]
    /// Business-unit paths per side, computed once (paths are shown on every changed cell).
    let basePaths: [String: String]
    let targetPaths: [String: String]

    init(base: PrincipalIndex, target: PrincipalIndex, touches: ImpactTouches, explainPaths: Bool) {
        self.base = base
        self.target = target
        self.touches = touches
        self.explainPaths = explainPaths
        var refs: Set<ColumnReference> = []
        for env in [base.environment, target.environment] {
            for t in env.tables.values {
                for c in t.columns.values where c.isSecured { refs.insert(ColumnReference(table: t.logicalName, column: c.logicalName)) }
            }
        }
        securedColumns = refs.sorted()
        basePaths = Dictionary(base.environment.businessUnits.keys.map { ($0, base.environment.businessUnitPath($0)) },
                               uniquingKeysWith: { a, _ in a })
        targetPaths = Dictionary(target.environment.businessUnits.keys.map { ($0, target.environment.businessUnitPath($0)) },
                                 uniquingKeysWith: { a, _ in a })
    }

    func impacts() -> [UserImpact] {
        let ids = touches.users.sorted()
        guard ids.count > 512 else { return ids.compactMap(impact(ofUser:)) }
        let chunks = min(64, ids.count / 256)
        var results = [[UserImpact]](repeating: [], count: chunks)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = ids.count * c / chunks, hi = ids.count * (c + 1) / chunks
                out[c] = ids[lo..<hi].compactMap(impact(ofUser:))
            }
        }
        return results.flatMap { $0 }
    }

    /// One side of the comparison for one user.
    struct Side {
        let index: PrincipalIndex
        let user: User?
        let teams: [Team]
        var env: Environment { index.environment }

        init(_ index: PrincipalIndex, _ id: String) {
            self.index = index
            user = index.environment.users[id]
            teams = user.map(index.teams(of:)) ?? []
        }

        func access(_ table: String, _ op: TableOperation) -> AccessAnswer? {
            user.map { env.effectiveAccess(of: $0, table: table, operation: op, teams: teams) }
        }

        /// What a user's access to secured columns depends on besides the columns and profiles
        /// themselves: System Administrator, profile memberships (direct or through teams),
        /// dormancy and access mode. Equal on both sides means no secured column can move.
        var columnSignature: [String] {
            guard let user else { return [] }
            let holdings = env.roleHoldings(of: user, teams: teams)
            let teamIds = Set(teams.map(\.id))
            let profiles = env.fieldSecurityProfiles.values
                .filter { $0.userIds.contains(user.id) || !$0.teamIds.isDisjoint(with: teamIds) }.map(\.id).sorted()
            return [env.systemAdministratorHolding(in: holdings) == nil ? "-" : "admin", user.accessMode.snapshotName]
                + env.dormancy(of: user, holdings: holdings).map(\.rawValue) + ["|"] + profiles
        }

        func column(_ ref: ColumnReference, _ kind: ColumnPermissionKind) -> ColumnAccessAnswer? {
            guard let user, env.tables[ref.table]?.columns[ref.column] != nil else { return nil }
            return env.columnAccess(of: user, column: ref, kind: kind, teams: teams)
        }
    }

    func impact(ofUser id: String) -> UserImpact? {
        let b = Side(base, id), t = Side(target, id)
        guard let any = t.user ?? b.user else { return nil }
        var tableChanges: [TableAccessChange] = []
        if touches.full.contains(id) {
            tableChanges = fullMatrixChanges(b, t)
        } else if let cells = touches.cells[id] {
            for (table, mask) in cells.sorted(by: { $0.key < $1.key }) {
                for op in TableOperation.allCases where mask & (1 << op.rawValue) != 0 {
                    if let c = cellChange(table, op, b.access(table, op), t.access(table, op)) { tableChanges.append(c) }
                }
            }
        }
        if touches.scopeSensitive.contains(id) { tableChanges += scopeChanges(b, t, excluding: tableChanges) }
        // A full recompute covers every secured column only when what column security depends on
        // moved for the user; otherwise just the columns a profile or column change touched.
        let allColumns = touches.full.contains(id) && b.columnSignature != t.columnSignature
        let columns: [ColumnReference] = allColumns ? securedColumns : (touches.columns[id]?.sorted() ?? [])
        let columnChanges = columns.flatMap { columnLines($0, b, t) }
        guard !tableChanges.isEmpty || !columnChanges.isEmpty else { return nil }
        let dormancy: (Side) -> [Dormancy] = { s in s.user.map { s.env.dormancy(of: $0, holdings: s.env.roleHoldings(of: $0, teams: s.teams)) } ?? [] }
        return UserImpact(
            userId: id, name: any.name, domainName: any.domainName, causes: touches.causes[id] ?? [],
            tableChanges: tableChanges, columnChanges: columnChanges, oldDormancy: dormancy(b), newDormancy: dormancy(t))
    }

    /// Every table: one `effectiveRows` per side, then the engine's answer for the cells that differ.
    func fullMatrixChanges(_ b: Side, _ t: Side) -> [TableAccessChange] {
        let rowsB = b.user.map { b.env.effectiveRows(of: $0, teams: b.teams) } ?? []
        let rowsT = t.user.map { t.env.effectiveRows(of: $0, teams: t.teams) } ?? []
        var byTable: [String: (EffectiveRow?, EffectiveRow?)] = [:]
        for r in rowsB { byTable[r.table] = (r, nil) }
        for r in rowsT { byTable[r.table, default: (nil, nil)].1 = r }
        var out: [TableAccessChange] = []
        for (table, pair) in byTable.sorted(by: { $0.key < $1.key }) {
            let (rb, rt) = pair
            guard rb?.levels != rt?.levels || rb?.grantedLevels != rt?.grantedLevels else { continue }
            for op in TableOperation.allCases {
                let lb = rb?.levels[op] ?? .none, lt = rt?.levels[op] ?? .none
                let gb = rb?.grantedLevels[op] ?? .none, gt = rt?.grantedLevels[op] ?? .none
                guard lb != lt || gb != gt else { continue }
                let ab = explainPaths ? b.access(table, op) : nil
                let at = explainPaths ? t.access(table, op) : nil
                out.append(change(table, op, runtime: (lb, lt), granted: (gb, gt), ab, at))
            }
        }
        return out
    }

    func cellChange(_ table: String, _ op: TableOperation, _ ab: AccessAnswer?, _ at: AccessAnswer?) -> TableAccessChange? {
        let runtime = (ab?.level ?? .none, at?.level ?? .none)
        let granted = (ab?.grantedLevel ?? .none, at?.grantedLevel ?? .none)
        guard runtime.0 != runtime.1 || granted.0 != granted.1 else { return nil }
        return change(table, op, runtime: runtime, granted: granted, ab, at)
    }

    func change(_ table: String, _ op: TableOperation, runtime: (AccessLevel, AccessLevel), granted: (AccessLevel, AccessLevel),
                _ ab: AccessAnswer?, _ at: AccessAnswer?) -> TableAccessChange {
        let dormant = runtime.0 == runtime.1
        let (old, new) = dormant ? granted : runtime
        var risk = RiskClass.neutral
        var reasons: [RiskReason] = []
        if !dormant {
            let rules = RiskRules(base: base.environment, target: target.environment)
            (risk, reasons) = rules.levelChange(.level(old), .level(new), operation: op, table: table)
        }
        return TableAccessChange(
            table: table, operation: op, old: old, new: new, oldPath: ab.flatMap { path($0, base.environment, basePaths) },
            newPath: at.flatMap { path($0, target.environment, targetPaths) }, oldScope: [], newScope: [], isDormant: dormant,
            risk: risk, reasons: reasons)
    }

    /// Same Local/Deep level, other business unit: the user now reaches other records.
    func scopeChanges(_ b: Side, _ t: Side, excluding done: [TableAccessChange]) -> [TableAccessChange] {
        guard let ub = b.user, let ut = t.user else { return [] }
        let skip = Set(done.map { "\($0.table)|\($0.operation.rawValue)" })
        let rowsB = Dictionary(b.env.effectiveRows(of: ub, teams: b.teams).map { ($0.table, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [TableAccessChange] = []
        for rt in t.env.effectiveRows(of: ut, teams: t.teams) {
            guard let rb = rowsB[rt.table] else { continue }
            for op in TableOperation.allCases where !skip.contains("\(rt.table)|\(op.rawValue)") {
                let level = rt.levels[op]
                guard level == rb.levels[op], level == .businessUnit || level == .parentChildBusinessUnits,
                    let ab = b.access(rt.table, op), let at = t.access(rt.table, op)
                else { continue }
                let sb = scopes(ab, basePaths), st = scopes(at, targetPaths)
                guard sb != st else { continue }
                out.append(TableAccessChange(
                    table: rt.table, operation: op, old: level, new: level, oldPath: path(ab, b.env, basePaths), newPath: path(at, t.env, targetPaths),
                    oldScope: sb, newScope: st, isDormant: false, risk: .escalation, reasons: [.scopeChanged]))
            }
        }
        return out
    }

    func scopes(_ a: AccessAnswer, _ paths: [String: String]) -> [String] {
        Set(a.grants.filter { $0.level == a.grantedLevel }.map { paths[$0.scopeBusinessUnitId] ?? $0.scopeBusinessUnitId }).sorted()
    }

    func path(_ a: AccessAnswer, _ env: Environment, _ paths: [String: String]) -> ImpactPath? {
        guard let g = a.winningGrant else { return nil }
        let kind: ImpactPath.Kind
        switch g.path {
        case .direct: kind = .direct
        case .team: kind = .team
        case .inherited: kind = .inherited
        }
        let roleId = g.path.roleId
        return ImpactPath(kind: kind, roleId: roleId, roleName: env.roles[roleId]?.name ?? roleId, teamId: g.path.teamId,
                          teamName: g.path.teamId.flatMap { env.teams[$0]?.name }, isSystemAdministrator: g.isSystemAdministrator,
                          scope: paths[g.scopeBusinessUnitId] ?? g.scopeBusinessUnitId)
    }
}
