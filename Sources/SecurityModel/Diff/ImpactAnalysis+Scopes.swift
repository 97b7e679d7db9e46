/// Local and Deep grants judged by the records they reach: scope lines, levels moved between
/// Local and Deep, and what each side's grants reach.
extension ImpactAnalysis {
    /// Same Local/Deep level, other business unit: the user now reaches other records.
    func scopeChanges(
        _ b: ImpactSide, _ t: ImpactSide, _ sides: ScopeContexts, excluding done: [TableAccessChange], only cells: [String: UInt8]? = nil,
        teamsMoved: Bool = false, teams: inout MemberTeams
    ) -> [TableAccessChange] {
        let (cb, ct, hb, ht) = (sides.base, sides.target, sides.baseHoldings, sides.targetHoldings)
        // Only a holding one side has (or whose role changed) can move a scope: a cell none of
        // those grants anything on has the same grants, and scopes, on both sides. Without this,
        // deleting a role 97,000 users hold asked the engine about every Local cell of each (22 s).
        var granting = differingGrants(cb, ct, hb, ht, only: cells)
        // A business unit moved in the tree reshapes the Deep grants on its old and new
        // ancestors: their cells too.
        if granting != nil && !reshape.reshaped.isEmpty {
            for (keys, env) in [(hb, base.environment), (ht, target.environment)] {
                for k in keys where reshape.reshaped.contains(k.scope) {
                    guard let role = env.roles[k.roleId] else { continue }
                    for (table, row) in role.privileges {
                        var m: UInt8 = 0
                        for (op, level) in row.grantedOperations where level == .parentChildBusinessUnits { m |= 1 << op.rawValue }
                        if m != 0 { granting?[table, default: 0] |= m }
                    }
                }
            }
        }
        if granting?.isEmpty == true { return [] }
        let skip = Set(done.map { "\($0.table)|\($0.operation.rawValue)" })
        // Candidates from the dense rows (the same levels the engine's effective rows give): a
        // table both sides have, at the same runtime Local or Deep level on both.
        let positions: [Int] =
            (cells ?? granting).map { only in only.keys.compactMap { tables.position[$0] }.sorted() } ?? Array(tables.names.indices)
        let local = SIMD8<UInt8>(repeating: AccessLevel.businessUnit.rawValue)
        let deep = SIMD8<UInt8>(repeating: AccessLevel.parentChildBusinessUnits.rawValue)
        var out: [TableAccessChange] = []
        // Owners as well as units for a user with a team-only role, or whose record-owning teams
        // moved (see ownerChanges).
        let owners = teamsMoved || holdsTeamOnlyRole(b, base) || holdsTeamOnlyRole(t, target)
        // On Create any role held through a team acts as the team: it names the team's records.
        let ownersOnCreate = owners || holdsTeamRole(b, base) || holdsTeamRole(t, target)
        for m in positions {
            let sb = tables.baseSlots[m]
            let st = tables.targetSlots[m]
            guard sb >= 0, st >= 0 else { continue }
            let name = tables.names[m]
            let wanted = cells.map { $0[name] ?? 0 } ?? 0xFF
            let (rb, _) = b.levels(base, sb, name, mask: wanted)
            let (rt, _) = t.levels(target, st, name, mask: wanted)
            var candidates = Self.mask((rb .== rt) .& ((rt .== local) .| (rt .== deep))) & wanted
            if let granting { candidates &= granting[name] ?? 0 }
            guard candidates != 0 else { continue }
            for op in TableOperation.allCases where candidates & (1 << op.rawValue) != 0 && !skip.contains("\(name)|\(op.rawValue)") {
                let level = level(rt[op.rawValue])
                // What each side's Local and Deep grants reach, from the holdings' scopes (the
                // engine's answer, with every grant's path, only for a line that is shown).
                let covB = coverage(hb, cb, base, name, op)
                let covT = coverage(ht, ct, target, name, op)
                guard covB != covT || reshape.involves(covB) || reshape.involves(covT) else { continue }
                // Compared by business-unit id (the base's ids are the target's): a unit renamed,
                // or an environment compared with another whose root has another name, is no move.
                // Every Local and Deep grant counts, not only those at the level shown: a record
                // is reached when any grant reaches it (DATAVERSE.md §2 pseudocode), so a Local
                // grant in another unit beside a Deep one reaches more.
                // Each side's own grants that reach no further than another of its grants (a
                // Deep grant on a unit below one it has Deep on) are left out, down its own tree
                // (for display); then the units each side reaches that the other does not, each
                // side down its own tree (TreeReshape: a unit moved in the tree, Deep on a unit
                // with nothing below it, which is Local on it). Fewer records is a reduction; more
                // an escalation; other ones an escalation either way; the same records reached
                // through other grants, no change.
                // (Static helpers: a closure that captured `self` copied the whole analysis each
                // time, 15% of a 100,000-user diff; a local copy of a tree retained its every field.)
                // A Deep grant on a unit whose units below moved is compared unit by unit.
                let nb = Self.normalized(covB, in: base.environment)
                let nt = Self.normalized(covT, in: target.environment)
                let (lost, gained, lostUnits, gainedUnits) = reshape.difference(nb, nt)
                guard !lost.isEmpty || !gained.isEmpty else { continue }
                // The owners the Basic grants name count too: a unit gone from a Deep reach can
                // leave the records of a team a team-only grant names still reached, or not. On
                // Create the grants name the owners and no reach covers them [I]: a grant creates
                // the records of whom it acts as (GL4), as on a level moved (reachLowered).
                var lostAny = !lost.isEmpty
                var gainedAny = !gained.isEmpty
                var ownersB: [String] = []
                var ownersT: [String] = []
                let create = op == .create
                if create ? ownersOnCreate : owners,
                    let d = ownerMove(
                        b, t, table: name, op, reachB: create ? [] : nb, reachT: create ? [] : nt, teamsMoved: teamsMoved, teams: &teams)
                {
                    lostAny = lostAny || d.lost
                    gainedAny = gainedAny || d.gained
                    ownersB = d.base
                    ownersT = d.target
                }
                let risk: RiskClass = gainedAny ? .escalation : .reduction
                // Said by what was gained: units (scope), or only owners' records (a team's).
                let unitsGained = !gained.isEmpty
                let reasons: [RiskReason] =
                    !gainedAny
                    ? [] : !lostAny ? [unitsGained ? .scopeWidened : .ownersWidened] : [unitsGained ? .scopeChanged : .ownersChanged]
                // Each side's path names a grant that reaches what the other side does not: the
                // grant that moved, not the first one in order.
                let ab = base.environment.effectiveAccess(of: cb, table: name, operation: op)
                let at = target.environment.effectiveAccess(of: ct, table: name, operation: op)
                let oldGrant = ab.grants.first { ScopeReach($0).map(lost.contains) ?? false }
                let newGrant = at.grants.first { ScopeReach($0).map(gained.contains) ?? false }
                let sb = scopes(nb, level: level, base.paths, with: lostUnits, base: true) + ownersB
                let st = scopes(nt, level: level, target.paths, with: gainedUnits, base: false) + ownersT
                out.append(
                    TableAccessChange(
                        table: name, operation: op, old: level, new: level,
                        oldPath: oldGrant.map { b.path(base, grant: $0) } ?? b.path(base, of: ab),
                        newPath: newGrant.map { t.path(target, grant: $0) } ?? t.path(target, of: at),
                        oldScope: sb, newScope: st, isDormant: false, risk: risk, reasons: reasons,
                        ownerTeamsMoved: ownersB.isEmpty && ownersT.isEmpty ? [] : movedTeams(teams)))
            }
        }
        return out
    }

    /// Lines whose level moves between Local and Deep are judged by the records reached, not by
    /// the level's name. Each side reaching records the other does not (Deep on A given up for
    /// Local on B): both scopes and `scopeChanged`, an escalation both ways. Only more records
    /// (Deep on a unit with nothing below it given up for Local on it and on another unit): an
    /// escalation, `scopeWidened` when the level was lowered. Only fewer: a reduction, also when
    /// the level was raised (Local on two units given up for Deep on one of them, with nothing
    /// below it). The same records: the level decides. In `cells` only, when given.
    func reachLowered(
        _ lines: inout [TableAccessChange], _ b: ImpactSide, _ t: ImpactSide, _ sides: ScopeContexts, only cells: [String: UInt8]?,
        teamsMoved: Bool = false, teams: inout MemberTeams
    ) {
        // Basic too for a user with a team-only role, or whose record-owning teams moved: its
        // grants can name other owners (a team's records in another unit) where the Local grant
        // given up named none.
        let teamOnly =
            b.dense.adminRole < 0 && t.dense.adminRole < 0
            && (teamsMoved || holdsTeamOnlyRole(b, base) || holdsTeamOnlyRole(t, target))
        // On Create any role held through a team names the team's records (see scopeChanges).
        let ownersOnCreate =
            teamOnly || (b.dense.adminRole < 0 && t.dense.adminRole < 0 && (holdsTeamRole(b, base) || holdsTeamRole(t, target)))
        let scoped: Set<AccessLevel> =
            teamOnly ? [.user, .businessUnit, .parentChildBusinessUnits] : [.businessUnit, .parentChildBusinessUnits]
        let withBasic: Set<AccessLevel> = [.user, .businessUnit, .parentChildBusinessUnits]
        func candidate(_ c: TableAccessChange) -> Bool {
            guard !c.isDormant && c.new != c.old else { return false }
            // Create, for a user holding a role through a team: the owners a team's grant names
            // can move against the level (Deep -> Basic while a team's Create is gained).
            let levels = c.operation == .create && ownersOnCreate ? withBasic : scoped
            return levels.contains(c.old) && levels.contains(c.new)
        }
        guard lines.contains(where: candidate) else { return }
        let (cb, ct, hb, ht) = (sides.base, sides.target, sides.baseHoldings, sides.targetHoldings)
        for i in lines.indices where candidate(lines[i]) {
            let c = lines[i]
            if let cells, (cells[c.table] ?? 0) & (1 << c.operation.rawValue) == 0 { continue }
            let covB = coverage(hb, cb, base, c.table, c.operation)
            let covT = coverage(ht, ct, target, c.table, c.operation)
            let nb = Self.normalized(covB, in: base.environment)
            let nt = Self.normalized(covT, in: target.environment)
            let d = reshape.difference(nb, nt)
            var gainedAny = !d.gained.isEmpty
            var lostAny = !d.lost.isEmpty
            var ownersB: [String] = []
            var ownersT: [String] = []
            let create = c.operation == .create
            if create ? ownersOnCreate : teamOnly,
                let o = ownerMove(
                    b, t, table: c.table, c.operation, reachB: create ? [] : nb, reachT: create ? [] : nt, teamsMoved: teamsMoved,
                    teams: &teams)
            {
                gainedAny = gainedAny || o.gained
                lostAny = lostAny || o.lost
                ownersB = o.base
                ownersT = o.target
                if !o.base.isEmpty || !o.target.isEmpty { lines[i].ownerTeamsMoved = movedTeams(teams) }
            }
            // Lines the level already judges right (raised and reaching more, lowered and
            // reaching less) are left as they are.
            let raised = c.new > c.old
            switch (gainedAny, lostAny) {
            // Said by what was gained: units (scope), or only owners' records (a team's); a
            // review found "scope moved to another business unit" on a line whose new side had
            // no unit at all.
            case (true, true):
                let changed: RiskReason = d.gained.isEmpty ? .ownersChanged : .scopeChanged
                lines[i].risk = .escalation
                lines[i].reasons = raised ? c.reasons + [changed] : [changed]
            case (true, false) where !raised:
                lines[i].risk = .escalation
                lines[i].reasons = [d.gained.isEmpty ? .ownersWidened : .scopeWidened]
            case (false, true) where raised:
                lines[i].risk = .reduction
                lines[i].reasons = []
            default:
                continue
            }
            lines[i].oldScope = scopes(nb, level: c.old, base.paths, with: d.lostUnits, base: true) + ownersB
            lines[i].newScope = scopes(nt, level: c.new, target.paths, with: d.gainedUnits, base: false) + ownersT
        }
    }

    /// The operations, by table, that the roles of the holdings only one side has (as role,
    /// team and scope business unit) grant at any level, with those of holdings whose role differs
    /// between the sides (each side's version); `nil` when System Administrator is held on one
    /// side only or is among those roles (its grants are not the role's privileges).
    func differingGrants(
        _ cb: UserAccessContext, _ ct: UserAccessContext, _ kb: Set<HoldingScope>, _ kt: Set<HoldingScope>,
        only cells: [String: UInt8]? = nil
    ) -> [String: UInt8]? {
        guard (cb.systemAdministrator == nil) == (ct.systemAdministrator == nil) else { return nil }
        var out: [String: UInt8] = [:]
        for (keys, others, env) in [(kb, kt, base.environment), (kt, kb, target.environment)] {
            for k in keys where !others.contains(k) || changedRoles.contains(k.roleId) {
                guard let role = env.roles[k.roleId] else { continue }
                if role.isSystemAdministrator { return nil }
                if let cells {
                    // Only the cells asked about: a role of hundreds of tables is not walked.
                    for (table, wanted) in cells {
                        let mask = (role.privileges[table]?.grantedMask ?? 0) & wanted
                        if mask != 0 { out[table, default: 0] |= mask }
                    }
                } else {
                    for (table, row) in role.privileges {
                        let mask = row.grantedMask
                        if mask != 0 { out[table, default: 0] |= mask }
                    }
                }
            }
        }
        return out
    }

    /// Each holding of a context with the business unit its Local and Deep grants refer to, as
    /// ``Environment/effectiveAccess(of:table:operation:)`` works it out.
    func holdingScopes(_ c: UserAccessContext, _ side: PrincipalIndex) -> Set<HoldingScope> {
        let access = side.access
        var out: Set<HoldingScope> = []
        for h in c.holdings {
            // A role the environment lacks grants nothing (slots past the real roles).
            guard let slot = access.roleSlots[h.roleId], Int(slot) < access.realRoleCount else { continue }
            // A team the context does not have counts as direct, as in the engine. (By position:
            // copying the team, or the role, out of a dictionary per holding was a tenth of a
            // 100,000-user diff's scope work.)
            let scope: String
            let teamId: String?
            if let tid = h.teamId, let i = c.teams.firstIndex(where: { $0.id == tid }) {
                teamId = tid
                scope = access.assignedCopyBusinessUnitId(
                    role: slot, principal: c.teams[i].businessUnitId, heldCopy: c.teams[i].roleBusinessUnitIds[h.roleId])
            } else {
                teamId = nil
                scope = access.assignedCopyBusinessUnitId(
                    role: slot, principal: c.user.businessUnitId, heldCopy: c.user.roleBusinessUnitIds[h.roleId])
            }
            out.insert(HoldingScope(roleId: h.roleId, teamId: teamId, scope: scope, slot: slot))
        }
        return out
    }

    /// Both sides' engine contexts of a user and their holdings' scopes, worked out once for the
    /// scope comparisons of ``reachLowered(_:_:only:)`` and ``scopeChanges(_:_:excluding:only:)``.
    struct ScopeContexts {
        let base: UserAccessContext
        let target: UserAccessContext
        let baseHoldings: Set<HoldingScope>
        let targetHoldings: Set<HoldingScope>
    }

    func scopeContexts(_ b: ImpactSide, _ t: ImpactSide) -> ScopeContexts? {
        guard let cb = b.engineContext(base), let ct = t.engineContext(target) else { return nil }
        return ScopeContexts(
            base: cb, target: ct, baseHoldings: holdingScopes(cb, base), targetHoldings: holdingScopes(ct, target))
    }

    /// A holding by role, team and scope unit; `slot` (the role's slot in its side's index) is
    /// left out of equality, which compares holdings across the sides.
    struct HoldingScope: Hashable {
        let roleId: String
        let teamId: String?
        let scope: String
        var slot: Int32 = -1

        static func == (a: Self, b: Self) -> Bool { a.roleId == b.roleId && a.teamId == b.teamId && a.scope == b.scope }

        func hash(into hasher: inout Hasher) {
            hasher.combine(roleId)
            hasher.combine(teamId)
            hasher.combine(scope)
        }
    }

    /// What one Local or Deep grant reaches: its unit, and for Deep the units below it.
    struct ScopeReach: Hashable {
        let unit: String
        let deep: Bool

        init(unit: String, deep: Bool) {
            self.unit = unit
            self.deep = deep
        }

        init?(_ g: Grant) {
            guard g.level == .businessUnit || g.level == .parentChildBusinessUnits else { return nil }
            unit = g.scopeBusinessUnitId
            deep = g.level == .parentChildBusinessUnits
        }
    }

    /// What the Local and Deep grants of a context's holdings reach on one cell (every level: a
    /// record is reached when any grant reaches it), with the scopes ``holdingScopes(_:_:)`` gives,
    /// as ``Environment/effectiveAccess(of:table:operation:)`` would list them (System
    /// Administrator's and inherited grants are Organization or Basic: none).
    func coverage(
        _ holdings: Set<HoldingScope>, _ c: UserAccessContext, _ side: PrincipalIndex, _ table: String, _ op: TableOperation
    ) -> Set<ScopeReach> {
        guard c.systemAdministrator == nil else { return [] }
        let access = side.access
        // A table the side lacks: the roles' own rows (they may still name it).
        guard let t = access.tableIndex[table] else {
            let env = side.environment
            guard env.tables[table]?.ownership != .organization else { return [] }
            var out: Set<ScopeReach> = []
            for h in holdings {
                let level = env.roles[h.roleId]?.level(op, on: table) ?? .none
                if level == .businessUnit || level == .parentChildBusinessUnits {
                    out.insert(ScopeReach(unit: h.scope, deep: level == .parentChildBusinessUnits))
                }
            }
            return out
        }
        guard access.ownership[t] != .organization else { return [] }
        // The dense role rows: no role is copied out of the environment per holding and cell.
        let stride = access.tableNames.count
        let local = AccessLevel.businessUnit.rawValue
        let deep = AccessLevel.parentChildBusinessUnits.rawValue
        var out: Set<ScopeReach> = []
        for h in holdings where h.slot >= 0 && Int(h.slot) < access.realRoleCount && !access.slotIsSystemAdministrator[Int(h.slot)] {
            let level = access.slotRows[Int(h.slot) * stride + t].storage[op.rawValue]
            if level == local || level == deep { out.insert(ScopeReach(unit: h.scope, deep: level == deep)) }
        }
        return out
    }

    /// Whether `others` reach every record `r` reaches, down `env`'s tree: the same unit, or a
    /// Deep reach on a unit above it (for a Deep `r`, Deep on the same unit or above).
    static func covers(_ others: Set<ScopeReach>, _ r: ScopeReach, in env: Environment) -> Bool {
        for o in others where o.unit == r.unit && (o.deep || !r.deep) { return true }
        var parent = env.businessUnits[r.unit]?.parentId
        var steps = 0
        // A cycle in a hand-written tree must not hang the diff.
        while let p = parent, steps < env.businessUnits.count {
            if others.contains(ScopeReach(unit: p, deep: true)) { return true }
            parent = env.businessUnits[p]?.parentId
            steps += 1
        }
        return false
    }

    /// Whether `reaches` cover the records of `unit`, which may exist only in `other`: a unit new
    /// on this side sits under its nearest ancestor this side has, so only a Deep reach of that
    /// ancestor (or above) covers it.
    static func covers(_ reaches: Set<ScopeReach>, unit: String, in env: Environment, placedBy other: Environment) -> Bool {
        if env.businessUnits[unit] != nil { return covers(reaches, ScopeReach(unit: unit, deep: false), in: env) }
        var parent = other.businessUnits[unit]?.parentId
        var steps = 0
        while let p = parent, steps < other.businessUnits.count {
            if env.businessUnits[p] != nil { return covers(reaches, ScopeReach(unit: p, deep: true), in: env) }
            parent = other.businessUnits[p]?.parentId
            steps += 1
        }
        return false
    }

    /// `reaches` without those another of them covers.
    static func normalized(_ reaches: Set<ScopeReach>, in env: Environment) -> Set<ScopeReach> {
        reaches.filter { r in !covers(reaches.subtracting([r]), r, in: env) }
    }

    /// Scope paths for display; a reach at the other of Local and Deep than the line's level says
    /// so. A Deep reach that covers units the other side's reaches do not because units moved in
    /// the tree (`only`, from ``TreeReshape/difference(_:_:)``) names the highest of them, with
    /// this side's paths: `Contoso / Sales (with Contoso / Sales / West)`.
    func scopes(
        _ reaches: Set<ScopeReach>, level: AccessLevel, _ paths: [String: String], with only: Set<String> = [], base side: Bool = true
    ) -> [String] {
        let deep = level == .parentChildBusinessUnits
        let reshape = self.reshape
        let tree = side ? base.environment : target.environment
        return reaches.map { r in
            var text = (paths[r.unit] ?? r.unit) + (r.deep == deep ? "" : r.deep ? " (Deep)" : " (Local)")
            if r.deep && !only.isEmpty && reshape.reshaped.contains(r.unit) {
                // The units below the scope unit that came or went (the unit itself moving is
                // what the two paths already say).
                let moved = reshape.topmost(reshape.units(r, base: side).intersection(only).subtracting([r.unit]), in: tree)
                if !moved.isEmpty {
                    let names = moved.prefix(3).map { paths[$0] ?? $0 }
                    text += " (with " + names.joined(separator: ", ") + (moved.count > 3 ? " and \(moved.count - 3) more" : "") + ")"
                }
            }
            return text
        }.sorted()
    }

    /// The record-owning teams a user joined or left (worked out by ``ownerDelta``), for the line
    /// mover: a scope line that names their records is moved by that team's change too.
    func movedTeams(_ teams: MemberTeams) -> Set<String> {
        guard let b = teams.base, let t = teams.target else { return [] }
        return b.symmetricDifference(t)
    }
}
