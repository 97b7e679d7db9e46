extension ImpactAnalysis {
    /// Whether no scope can move on any cell of `cells`, as the dense holdings tell: a scope line
    /// (``scopeChanges(_:_:_:excluding:only:)``) needs the same runtime Local or Deep level on
    /// both sides, a lowered reach (``reachLowered(_:_:_:only:)``) a level moving between Local
    /// and Deep; and then Local and Deep grants that reach other units on one side than on the
    /// other (the unit of the role's copy the team or the user holds, as ``holdingScopes(_:_:)``
    /// gives them), once the reaches
    /// another one covers are set aside. Anything else goes to the engine: a side without the
    /// user, a table a side lacks, System Administrator on a side, and for a user holding a
    /// team-only role, other teams or other owners on a cell, or a level moving at all.
    func sameDenseReach(_ b: ImpactSide, _ t: ImpactSide, _ cells: [String: UInt8], teams: inout MemberTeams) -> Bool {
        guard b.exists, t.exists, b.dense.adminRole < 0, t.dense.adminRole < 0 else { return false }
        // A team-only role names owners too, and moves at Basic as well (reachLowered): the
        // same owners on both sides are needed besides the same units.
        let teamOnly = holdsTeamOnlyRole(b, base) || holdsTeamOnlyRole(t, target)
        if teamOnly {
            let (teamsB, teamsT) = memberTeams(b, t, &teams)
            if teamsB != teamsT { return false }
        }
        let basic = AccessLevel.user.rawValue
        let local = AccessLevel.businessUnit.rawValue
        let deep = AccessLevel.parentChildBusinessUnits.rawValue
        /// Per operation in `open`, the units one side's Local and Deep grants reach on a table.
        func reaches(_ side: ImpactSide, _ index: borrowing PrincipalIndex, table t: Int, open: UInt8) -> [Set<ScopeReach>]? {
            let access = index.access
            let dense = side.dense
            let stride = access.tableNames.count
            var reach = [Set<ScopeReach>](repeating: [], count: TableOperation.allCases.count)
            for h in dense.holdings where Int(h.role) < access.realRoleCount {
                let row = access.slotRows[Int(h.role) * stride + t].storage
                for op in TableOperation.allCases where open & (1 << op.rawValue) != 0 {
                    let level = row[op.rawValue]
                    guard level == local || level == deep else { continue }
                    // The unit of the role's copy the team or the user holds.
                    let slot = access.assignedCopyBusinessUnitSlot(role: h.role, user: dense.slot, team: h.team)
                    guard slot >= 0 else { return nil }
                    let unit = access.businessUnitIds[Int(slot)]
                    reach[op.rawValue].insert(ScopeReach(unit: unit, deep: level == deep))
                }
            }
            // Without the reaches another one covers (Local on a unit under a Deep one).
            let env = index.environment
            return reach.map { $0.count > 1 ? Self.normalized($0, in: env) : $0 }
        }
        for (table, mask) in cells {
            guard let tb = base.access.tableIndex[table], let tt = target.access.tableIndex[table] else { return false }
            // Runtime levels (none for a dormant user: no scope line either way).
            let lb = b.isDormant ? SIMD8<UInt8>() : base.access.grantedRow(b.dense, table: tb).storage
            let lt = t.isDormant ? SIMD8<UInt8>() : target.access.grantedRow(t.dense, table: tt).storage
            var open: UInt8 = 0
            for op in TableOperation.allCases where mask & (1 << op.rawValue) != 0 {
                let (x, y) = (lb[op.rawValue], lt[op.rawValue])
                if teamOnly && x != y && (basic...deep).contains(x) && (basic...deep).contains(y) { return false }
                if (x == local || x == deep) && (y == local || y == deep) {
                    open |= 1 << op.rawValue
                    if teamOnly && basicOwners(b, base, table: Int32(tb), op) != basicOwners(t, target, table: Int32(tt), op) {
                        return false
                    }
                }
            }
            guard open != 0 else { continue }
            guard let rb = reaches(b, base, table: tb, open: open), let rt = reaches(t, target, table: tt, open: open) else {
                return false
            }
            for op in TableOperation.allCases where open & (1 << op.rawValue) != 0 {
                let (x, y) = (lb[op.rawValue], lt[op.rawValue])
                if x == y {
                    // A scope line (scopeChanges) whenever the units differ.
                    if rb[op.rawValue] != rt[op.rawValue] { return false }
                } else {
                    // Moved between Local and Deep: reachLowered rewrites the line unless the
                    // level already judges it (raised and reaching no fewer units, lowered and
                    // reaching no more).
                    let d = reshape.difference(rb[op.rawValue], rt[op.rawValue])
                    let raised = y > x
                    if (!d.gained.isEmpty && !d.lost.isEmpty) || (!d.gained.isEmpty && !raised) || (!d.lost.isEmpty && raised) {
                        return false
                    }
                }
            }
        }
        return true
    }
}
