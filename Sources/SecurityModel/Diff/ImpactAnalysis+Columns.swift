extension ImpactAnalysis {
    /// A user's access to one column, before and after, for each permission kind. A column missing
    /// on a side allows nothing there. Where a side allows the column only because it is not
    /// secured, the line counts only if the user has the matching table privilege there (column
    /// security never grants record access, so an open column without table access is not news).
    func columnLines(_ ref: ColumnReference, _ b: ImpactSide, _ t: ImpactSide) -> [ColumnAccessChange] {
        var kinds: [ColumnPermissionKind] = [.read, .create, .update]
        let securedB = base.environment.tables[ref.table]?.columns[ref.column]?.isSecured == true
        let securedT = target.environment.tables[ref.table]?.columns[ref.column]?.isSecured == true
        // Read unmasked too when the column is secured on one side only: an open column is read
        // unmasked by whoever reads it, so a member of a profile without Read unmasked gains it
        // when the column is unsecured (found by a review: nobody was listed).
        if securedB || securedT { kinds.append(.readUnmasked) }
        var out: [ColumnAccessChange] = []
        for kind in kinds {
            let ab = b.column(base, ref, kind)
            let at = t.column(target, ref, kind)
            let rb = effective(ab, side: b, base, ref: ref, kind: kind)
            let rt = effective(at, side: t, target, ref: ref, kind: kind)
            // How far Read unmasked goes on each side; an open (unsecured) column is read unmasked
            // by whoever reads it: all records.
            let scopeB = securedB ? ab?.unmaskedScope : UnmaskedRead.allRecords
            let scopeT = securedT ? at?.unmaskedScope : UnmaskedRead.allRecords
            if kind == .readUnmasked, rb == rt, rt.granted, let ob = scopeB, let nt = scopeT, ob != nt {
                // Unmasked either way, but for one record at a time or for all of them.
                let dormant = !rt.runtime
                var risk: RiskClass = dormant ? .neutral : (nt.rawValue > ob.rawValue ? .escalation : .reduction)
                // Without Read on the table there is no record to unmask, as for a column gained
                // without it (found by a review: this one was an escalation). Judged on the side
                // that goes further, as a permission gained or lost is judged on the side that has
                // it: a narrowing on the base's Read (a model-based review found All records ->
                // One record with Read lost called neutral, and its mirror an escalation).
                var without: TableOperation?
                let wider = nt.rawValue > ob.rawValue
                let read = wider ? t.tableAccess(target, ref.table, .read) : b.tableAccess(base, ref.table, .read)
                if !dormant, (read?.level ?? AccessLevel.none) == AccessLevel.none {
                    without = .read
                    risk = .neutral
                }
                var line = ColumnAccessChange(
                    column: ref, kind: kind, old: true, new: true, oldUnmasked: ob, newUnmasked: nt,
                    oldVia: via(ab, base.environment), newVia: via(at, target.environment), isDormant: dormant, risk: risk,
                    reasons: risk == .escalation ? [.securedColumnExposed] : [])
                line.withoutTableOperation = without
                (line.oldProfileIds, line.newProfileIds) = (profileIds(ab), profileIds(at))
                out.append(line)
                continue
            }
            guard rb.runtime != rt.runtime || rb.granted != rt.granted else { continue }
            let dormant = rb.runtime == rt.runtime
            let (old, new) = dormant ? (rb.granted, rt.granted) : (rb.runtime, rt.runtime)
            var risk: RiskClass = dormant ? .neutral : (new ? .escalation : .reduction)
            // A secured column gained (or lost) without the table operation it goes with on that
            // side: no record to use it on, so nothing moves at run time (who-can lists such a
            // user without counting them).
            var without: TableOperation?
            if !dormant, new ? securedT : securedB {
                let op = kind.tableOperation
                let table = new ? t.tableAccess(target, ref.table, op) : b.tableAccess(base, ref.table, op)
                if (table?.level ?? AccessLevel.none) == AccessLevel.none {
                    without = op
                    risk = .neutral
                }
            }
            var line = ColumnAccessChange(
                column: ref, kind: kind, old: old, new: new, oldVia: via(ab, base.environment), newVia: via(at, target.environment),
                isDormant: dormant,
                risk: risk, reasons: risk == .escalation ? [.securedColumnExposed] : [])
            line.withoutTableOperation = without
            (line.oldProfileIds, line.newProfileIds) = (profileIds(ab), profileIds(at))
            // Read unmasked gained or lost: how far it goes on the side that has it (one record
            // at a time, or all records), as a line whose scope alone moves says.
            if kind == .readUnmasked {
                // An open (unsecured) column is read unmasked by whoever reads it: all records.
                if old { line.oldUnmasked = scopeB }
                if new { line.newUnmasked = scopeT }
            }
            out.append(line)
        }
        return out
    }

    /// Runtime and granted access, with open columns counted only where the table privilege exists.
    func effective(
        _ a: ColumnAccessAnswer?, side: ImpactSide, _ index: PrincipalIndex, ref: ColumnReference, kind: ColumnPermissionKind
    )
        -> (runtime: Bool, granted: Bool)
    {
        guard let a else { return (false, false) }
        guard !a.isSecured, a.grantedAllowed else { return (a.allowed, a.grantedAllowed) }
        let op: TableOperation =
            switch kind {
            case .read, .readUnmasked: .read
            case .create: .create
            case .update: .write
            }
        guard let table = side.tableAccess(index, ref.table, op) else { return (false, false) }
        return (a.allowed && table.level > .none, table.granted > .none)
    }

    /// The profiles allowing it, by id, where ``via(_:_:)`` names them.
    func profileIds(_ a: ColumnAccessAnswer?) -> [String] {
        guard let a, a.grantedAllowed, a.isSecured else { return [] }
        return a.grants.map(\.profileId)
    }

    func via(_ a: ColumnAccessAnswer?, _ env: Environment) -> [String] {
        guard let a, a.grantedAllowed else { return [] }
        if !a.isSecured { return ["column not secured"] }
        var out: [String] = []
        if a.systemAdministrator != nil { out.append("System Administrator") }
        for g in a.grants {
            let name = env.fieldSecurityProfiles[g.profileId]?.name ?? g.profileId
            switch g.via {
            case .direct: out.append("profile \(quotedName(name))")
            case .team(let t):
                let note = env.disabledTeamUnitWords(t).map { " [\($0)]" } ?? ""
                out.append("profile \(quotedName(name)) (team \(quotedName(env.teams[t]?.name ?? t)))\(note)")
            }
        }
        return out
    }
}
