import Dispatch

/// Computes how effective access changes for the touched users, asking the engine the same
/// questions on both sides; it never applies a security rule itself. Each user is read once per
/// side from the index's numbered relations (``DenseUser``), levels come from the dense role rows
/// (eight operations at a time), and only a cell whose level moves is explained (its deciding grant
/// found, its path named). Users are independent, so they are spread over the processor's cores.
struct ImpactAnalysis: Sendable {
    let base: PrincipalIndex
    let target: PrincipalIndex
    let touches: ImpactTouches
    let explainPaths: Bool

    /// Secured columns of either side (a column that exists on one side only counts).
    let securedColumns: [ColumnReference]
    /// Every table of either side or named by a change, with its index on each side.
    let tables: ImpactTables
    /// ``ImpactTouches/cellSets`` as table positions in ``tables`` and operation masks.
    let cellSets: [[CellMask]]
    /// Roles that differ between the sides (privileges, business unit, inheritance...).
    let changedRoles: Set<String>
    /// Business units moved in the tree, and the units whose Deep reach that changes.
    let reshape: TreeReshape

    /// Stops ``impacts()`` between users (see ``DiffCancellation``).
    let cancellation: DiffCancellation?
    /// Skip the engine for scope cells the dense holdings show unmoved (``sameDenseReach(_:_:_:)``);
    /// off only in the test that checks it changes no answer.
    var denseScopeCheck = true

    init(
        base: PrincipalIndex, target: PrincipalIndex, touches: ImpactTouches, explainPaths: Bool, cancellation: DiffCancellation? = nil
    ) {
        self.cancellation = cancellation
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
        let (rb, rt) = (base.environment.roles, target.environment.roles)
        changedRoles = Set(rb.keys.filter { rb[$0] != rt[$0] } + rt.keys.filter { rb[$0] == nil })
        reshape = TreeReshape(base: base.environment, target: target.environment)
        let named = Set(touches.cellSets.flatMap(\.keys))
        let tables = ImpactTables(base: base, target: target, named: named)
        self.tables = tables
        cellSets = touches.cellSets.map { set in
            set.compactMap { t, m in tables.position[t].map { CellMask(table: Int32($0), mask: m) } }.sorted { $0.table < $1.table }
        }
    }

    func impacts() -> [UserImpact] {
        let users = touches.users
        let count = users.count
        guard count > 512 else {
            let cache = PathCache()
            return users.compactMap { impact(ofUser: Int($0), cache: cache) }
        }
        let cancellation = self.cancellation
        let chunks = min(64, count / 256)
        var results = [[UserImpact]](repeating: [], count: chunks)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let lo = count * c / chunks
                let hi = count * (c + 1) / chunks
                let cache = PathCache()
                var mine: [UserImpact] = []
                for (k, u) in users[lo..<hi].enumerated() {
                    // Checked every 64 users: a lock costs little next to 64 users' impacts.
                    if k & 63 == 0, cancellation?.isCancelled == true { break }
                    if let i = impact(ofUser: Int(u), cache: cache) { mine.append(i) }
                }
                out[c] = mine
            }
        }
        // Moved out chunk by chunk (popLast moves, a flatMap would copy every impact and its
        // lines); the order does not matter, the result sorts them by a total order.
        var all: [UserImpact] = []
        all.reserveCapacity(results.reduce(0) { $0 + $1.count })
        for c in results.indices {
            var chunk = results[c]
            results[c] = []
            while let impact = chunk.popLast() { all.append(impact) }
        }
        return all
    }

    /// The impact on user number `n` (see ``DiffPrincipals``), `nil` when nothing moves.
    func impact(ofUser n: Int, cache: PathCache? = nil) -> UserImpact? {
        let principals = touches.principals
        let full = touches.full[n]
        let scoped = touches.scopeSensitive[n]
        var scopeCells = scoped ? nil : touches.scopeCells[Int32(n)]
        let touchedColumns = touches.columns[Int32(n)]
        let cells = full ? [] : cells(of: touches.cells[n])
        // The engine's context only where the dense rows don't answer: columns, scopes, a table
        // one side lacks.
        let denseB = ImpactSide(base, principals.baseUser(n), withContext: false)
        let denseT = ImpactSide(target, principals.targetUser(n), withContext: false)
        // Cells whose Local and Deep grants reach the same units on both sides (read from the
        // dense holdings) move no scope: no engine context for them.
        if denseScopeCheck, let only = scopeCells, !full, sameDenseReach(denseB, denseT, only) { scopeCells = nil }
        let needsContext =
            full || scoped || scopeCells != nil || touchedColumns != nil
            || cells.contains { tables.baseSlots[Int($0.table)] < 0 || tables.targetSlots[Int($0.table)] < 0 }
        let b = needsContext ? denseB.withContext(base) : denseB
        let t = needsContext ? denseT.withContext(target) : denseT
        guard b.exists || t.exists else { return nil }
        var tableChanges: [TableAccessChange] = []
        if full {
            tableChanges = fullMatrixChanges(b, t, cache: cache)
        } else if !cells.isEmpty {
            tableChanges = cellChanges(b, t, cells, cache: cache)
        }
        if scoped || scopeCells != nil, let sides = scopeContexts(b, t) {
            // A level lowered between Local and Deep can still reach records of another unit
            // (Deep on A given up for Local on B): an escalation, with both scopes.
            reachLowered(&tableChanges, b, t, sides, only: scopeCells)
            let moved = scopeChanges(b, t, sides, excluding: tableChanges, only: scopeCells)
            // By table then operation, as the lines are everywhere else (one-line summaries name
            // each table once).
            if !moved.isEmpty {
                tableChanges = (tableChanges + moved).sorted { ($0.table, $0.operation.rawValue) < ($1.table, $1.operation.rawValue) }
            }
        }
        // Basic on both sides can still reach other owners' records: member privilege inheritance
        // turned on or off, a direct role given up beside a team-only one (DATAVERSE.md §2 rule 2).
        // A record-owning team joined or left moves the owners a Basic grant acting as the user
        // reaches, even when the team holds no role.
        let teamsMoved = full && b.exists && t.exists && teamIds(b, base) != teamIds(t, target)
        let owners = ownerChanges(b, t, full ? nil : cells, excluding: tableChanges, teamsMoved: teamsMoved)
        if !owners.isEmpty {
            tableChanges = (tableChanges + owners).sorted { ($0.table, $0.operation.rawValue) < ($1.table, $1.operation.rawValue) }
        }
        // A full recompute covers every secured column only when what column security depends on
        // moved for the user; otherwise just the columns a profile or column change touched.
        let allColumns = full && b.columnSignature(base) != t.columnSignature(target)
        let columns: [ColumnReference] = allColumns ? securedColumns : (touchedColumns?.sorted() ?? [])
        let columnChanges = columns.flatMap { columnLines($0, b, t) }
        let miscChanges = full || touches.misc[n] ? miscLines(b, t) : []
        guard !tableChanges.isEmpty || !columnChanges.isEmpty || !miscChanges.isEmpty, let any = t.user(target) ?? b.user(base)
        else { return nil }
        let (causes, causeEntries) = touches.causes(of: n)
        return UserImpact(
            userId: principals.id(n), name: any.name, domainName: any.domainName, causes: causes, causeEntries: causeEntries,
            tableChanges: tableChanges, columnChanges: columnChanges, miscChanges: miscChanges,
            oldDormancy: b.exists ? b.dense.dormancy : [], newDormancy: t.exists ? t.dense.dormancy : [])
    }

    /// Whether no scope can move on any cell of `cells`, as the dense holdings tell: a scope line
    /// (``scopeChanges(_:_:_:excluding:only:)``) needs the same runtime Local or Deep level on
    /// both sides, a lowered reach (``reachLowered(_:_:_:only:)``) a level moving between Local
    /// and Deep; and then Local and Deep grants that reach other units on one side than on the
    /// other (the team's unit for a grant through a team, the role's when business units are
    /// modernized, the user's otherwise, as ``holdingScopes(_:_:)`` gives them), once the reaches
    /// another one covers are set aside. Anything else goes to the engine: a side without the
    /// user, a table a side lacks, System Administrator on a side, and for a user holding a
    /// team-only role, other teams or other owners on a cell, or a level moving at all.
    func sameDenseReach(_ b: ImpactSide, _ t: ImpactSide, _ cells: [String: UInt8]) -> Bool {
        guard b.exists, t.exists, b.dense.adminRole < 0, t.dense.adminRole < 0 else { return false }
        // A team-only role names owners too, and moves at Basic as well (reachLowered): the
        // same owners on both sides are needed besides the same units.
        let teamOnly = holdsTeamOnlyRole(b, base) || holdsTeamOnlyRole(t, target)
        if teamOnly && teamIds(b, base) != teamIds(t, target) { return false }
        let basic = AccessLevel.user.rawValue
        let local = AccessLevel.businessUnit.rawValue
        let deep = AccessLevel.parentChildBusinessUnits.rawValue
        /// Per operation in `open`, the units one side's Local and Deep grants reach on a table.
        func reaches(_ side: ImpactSide, _ index: borrowing PrincipalIndex, table t: Int, open: UInt8) -> [Set<ScopeReach>]? {
            let access = index.access
            let dense = side.dense
            let modernized = index.environment.settings.modernizedBusinessUnits
            let stride = access.tableNames.count
            var reach = [Set<ScopeReach>](repeating: [], count: TableOperation.allCases.count)
            for h in dense.holdings where Int(h.role) < access.realRoleCount {
                let row = access.slotRows[Int(h.role) * stride + t].storage
                for op in TableOperation.allCases where open & (1 << op.rawValue) != 0 {
                    let level = row[op.rawValue]
                    guard level == local || level == deep else { continue }
                    let unit: String
                    if modernized {
                        unit = access.slotBusinessUnits[Int(h.role)]
                    } else if h.team >= 0 {
                        unit = access.businessUnitIds[Int(access.teamBusinessUnits[Int(h.team)])]
                    } else {
                        guard dense.businessUnitSlot >= 0 else { return nil }
                        unit = access.businessUnitIds[Int(dense.businessUnitSlot)]
                    }
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

    /// Whose records a Basic grant reaches (DATAVERSE.md §2 rule 2): ``user`` when a grant acts
    /// as the user (a direct role, or a team role's inherited Basic): the user's own records and
    /// those of every team they are in; and the teams whose team-only grants reach their records.
    struct BasicOwners: Equatable {
        var user = false
        var teams: Set<String> = []
    }

    /// The owners one side's Basic grants reach on a cell, from the dense holdings.
    func basicOwners(_ side: ImpactSide, _ index: PrincipalIndex, table: Int32, _ op: TableOperation) -> BasicOwners {
        var out = BasicOwners()
        let access = index.access
        let stride = access.tableNames.count
        for h in side.dense.holdings where Int(h.role) < access.realRoleCount {
            guard access.slotRows[Int(h.role) * stride + Int(table)].storage[op.rawValue] != 0 else { continue }
            if h.team < 0 {
                out.user = true
            } else {
                out.teams.insert(access.teamIds[Int(h.team)])
                if access.slotInherits[Int(h.role)] { out.user = true }
            }
        }
        return out
    }

    /// The teams a side's user is in that own records (owner and group teams: an access team
    /// only receives shares, DATAVERSE.md §1.3), by id.
    func teamIds(_ side: ImpactSide, _ index: PrincipalIndex) -> Set<String> {
        guard let slot = side.slot else { return [] }
        return Set(
            index.access.userTeams[slot].map { index.access.teamIds[Int($0)] }
                .filter { index.environment.teams[$0]?.type.holdsRoles ?? false })
    }

    /// Whether a side's user holds a team-only role (a team role without member privilege
    /// inheritance): the only way their Basic grants reach other owners than themselves and
    /// their teams.
    func holdsTeamOnlyRole(_ side: ImpactSide, _ index: PrincipalIndex) -> Bool {
        side.exists
            && side.dense.holdings.contains { h in
                h.team >= 0 && Int(h.role) < index.access.realRoleCount && !index.access.slotInherits[Int(h.role)]
            }
    }

    /// Whether the owners whose records one cell's grants reach differ between the sides: each
    /// owner (the user, their record-owning teams, the teams named by team-only grants) is reached
    /// on a side when its Basic grants name it or its Local or Deep reaches (`reachB`, `reachT`,
    /// normalized) cover the owner's business unit, where the owner's records are.
    func ownerDelta(
        _ b: ImpactSide, _ t: ImpactSide, _ ob: BasicOwners, _ ot: BasicOwners, reachB: Set<ScopeReach>, reachT: Set<ScopeReach>,
        teams: inout (base: Set<String>?, target: Set<String>?)
    ) -> (lost: Bool, gained: Bool) {
        let d = ownerDelta(b, t, ob, ot, reachB: reachB, reachT: reachT, teams: &teams, shown: true)
        return (d.lost, d.gained)
    }

    /// ``ownerDelta(_:_:_:_:reachB:reachT:teams:)`` with, for each side, the owners to name on
    /// the line ("" for the user): those its Basic grants name, and those reached on one side
    /// only (a Local or Deep reach that covered the user's own records before their unit moved).
    func ownerDelta(
        _ b: ImpactSide, _ t: ImpactSide, _ ob: BasicOwners, _ ot: BasicOwners, reachB: Set<ScopeReach>, reachT: Set<ScopeReach>,
        teams: inout (base: Set<String>?, target: Set<String>?), shown: Bool
    ) -> (lost: Bool, gained: Bool, base: [String], target: [String]) {
        if teams.base == nil { teams.base = teamIds(b, base) }
        if teams.target == nil { teams.target = teamIds(t, target) }
        let teamsB = teams.base ?? []
        let teamsT = teams.target ?? []
        func reached(
            _ owner: String, _ o: BasicOwners, _ teams: Set<String>, _ reach: Set<ScopeReach>, _ side: ImpactSide, _ index: PrincipalIndex,
            other: PrincipalIndex
        ) -> Bool {
            let named = owner.isEmpty ? o.user : (o.teams.contains(owner) || (o.user && teams.contains(owner)))
            if named { return true }
            guard !reach.isEmpty else { return false }
            // A team (or its unit) on one side only is placed as the other side has it: a Local or
            // Deep reach covers it when it covers where it sits.
            let unit =
                owner.isEmpty
                ? side.user(index)?.businessUnitId
                : (index.environment.teams[owner] ?? other.environment.teams[owner])?.businessUnitId
            guard let unit else { return false }
            return Self.covers(reach, unit: unit, in: index.environment, placedBy: other.environment)
        }
        func named(_ owner: String, _ o: BasicOwners, _ teams: Set<String>) -> Bool {
            owner.isEmpty ? o.user : (o.teams.contains(owner) || (o.user && teams.contains(owner)))
        }
        var lost = false
        var gained = false
        var shownB: [String] = []
        var shownT: [String] = []
        // The user ("") and every team that can own records on either side.
        for owner in [""] + Array(teamsB.union(teamsT).union(ob.teams).union(ot.teams)) {
            let inB = reached(owner, ob, teamsB, reachB, b, base, other: target)
            let inT = reached(owner, ot, teamsT, reachT, t, target, other: base)
            if inB && !inT { lost = true }
            if inT && !inB { gained = true }
            guard shown else { continue }
            if inB && (inB != inT || named(owner, ob, teamsB)) { shownB.append(owner) }
            if inT && (inB != inT || named(owner, ot, teamsT)) { shownT.append(owner) }
        }
        return (lost, gained, shownB, shownT)
    }

    /// "own records", then "team Field Dispatch's records" for each team, by name.
    func ownerWords(listing owners: [String], _ index: PrincipalIndex, other: PrincipalIndex) -> [String] {
        let teams = owners.filter { !$0.isEmpty }.map { id in
            "team \((index.environment.teams[id] ?? other.environment.teams[id])?.name ?? id)'s records"
        }
        return (owners.contains("") ? ["own records"] : []) + teams.sortedByName({ $0 }, id: { $0 })
    }

    /// Cells at the same Basic, Local or Deep level on both sides (at run time) whose grants reach
    /// other owners' records (DATAVERSE.md §2 rule 2): a grant acting as the user reaches the
    /// user's records and their teams', a team-only grant (a team role without member privilege
    /// inheritance) only the team's; a Local or Deep grant reaches every record of its units
    /// besides. An owner's records are in the owner's business unit, so an owner is reached when
    /// a Basic grant names it or a Local or Deep reach covers its unit. Only a user holding a
    /// team-only role on some side can move this way; every other Basic is the user's own. More
    /// owners reached is an escalation, fewer a reduction, other ones an escalation with both
    /// sides. `cells` are the touched ones, `nil` for every table.
    func ownerChanges(
        _ b: ImpactSide, _ t: ImpactSide, _ cells: [CellMask]?, excluding done: [TableAccessChange], teamsMoved: Bool = false
    ) -> [TableAccessChange] {
        guard b.exists, t.exists, !b.isDormant, !t.isDormant, b.dense.adminRole < 0, t.dense.adminRole < 0 else { return [] }
        guard teamsMoved || holdsTeamOnlyRole(b, base) || holdsTeamOnlyRole(t, target) else { return [] }
        let skip = Set(done.map { "\($0.table)|\($0.operation.rawValue)" })
        let basic = SIMD8<UInt8>(repeating: AccessLevel.user.rawValue)
        let deep = SIMD8<UInt8>(repeating: AccessLevel.parentChildBusinessUnits.rawValue)
        let positions = cells.map { $0.map { (Int($0.table), $0.mask) } } ?? tables.names.indices.map { ($0, UInt8(0xFF)) }
        var teams: (base: Set<String>?, target: Set<String>?) = (nil, nil)
        var sides: ScopeContexts?
        var out: [TableAccessChange] = []
        for (m, wanted) in positions {
            let sb = tables.baseSlots[m]
            let st = tables.targetSlots[m]
            guard sb >= 0, st >= 0, tables.userOwned[m] else { continue }
            let name = tables.names[m]
            let (rb, _) = b.levels(base, sb, name, mask: wanted)
            let (rt, _) = t.levels(target, st, name, mask: wanted)
            let candidates = Self.mask((rb .== rt) .& (rt .>= basic) .& (rt .<= deep)) & wanted
            guard candidates != 0 else { continue }
            for op in TableOperation.allCases where candidates & (1 << op.rawValue) != 0 && !skip.contains("\(name)|\(op.rawValue)") {
                let ob = basicOwners(b, base, table: sb, op)
                let ot = basicOwners(t, target, table: st, op)
                // Acting as the user on both sides reaches every team the user is in: the same
                // owners, whatever the team-only grants add (the units reached are compared by
                // the scope lines), unless the user joined or left a record-owning team. Create
                // is then the same: the user may own what they create on both sides.
                let sameTeams = !teamsMoved || op == .create
                guard ob != ot || !sameTeams, !(ob.user && ot.user && sameTeams) else { continue }
                let level = level(rt[op.rawValue])
                var reachB: Set<ScopeReach> = []
                var reachT: Set<ScopeReach> = []
                // Create is about who may own the new record, not which records are reached: a
                // team-only grant creates records the team owns only, whatever its scope (GL4).
                if level != .user && op != .create {
                    if sides == nil { sides = scopeContexts(b, t) }
                    guard let sides else { continue }
                    reachB = Self.normalized(coverage(sides.baseHoldings, sides.base, base.environment, name, op), in: base.environment)
                    reachT = Self.normalized(
                        coverage(sides.targetHoldings, sides.target, target.environment, name, op), in: target.environment)
                }
                let delta = ownerDelta(b, t, ob, ot, reachB: reachB, reachT: reachT, teams: &teams, shown: !sameTeams)
                let (lost, gained) = (delta.lost, delta.gained)
                guard lost || gained else { continue }
                let risk: RiskClass = gained ? .escalation : .reduction
                let reasons: [RiskReason] = gained ? (lost ? [.ownersChanged] : [.ownersWidened]) : []
                let unitsB = reachB.isEmpty ? [] : scopes(reachB, level: level, base.paths)
                let unitsT = reachT.isEmpty ? [] : scopes(reachT, level: level, target.paths, base: false)
                out.append(
                    TableAccessChange(
                        table: name, operation: op, old: level, new: level,
                        oldPath: b.path(base, sb, name, op), newPath: t.path(target, st, name, op),
                        oldScope: unitsB + (sameTeams ? ownerWords(ob, base) : ownerWords(listing: delta.base, base, other: target)),
                        newScope: unitsT + (sameTeams ? ownerWords(ot, target) : ownerWords(listing: delta.target, target, other: base)),
                        isDormant: false, risk: risk,
                        reasons: reasons,
                        ownerTeamsMoved: sameTeams ? [] : (teams.base ?? []).symmetricDifference(teams.target ?? [])))
            }
        }
        return out
    }

    /// "own records and their teams'", or "team Field Dispatch's records", one per team.
    func ownerWords(_ o: BasicOwners, _ index: PrincipalIndex) -> [String] {
        if o.user { return ["own records and their teams'"] }
        return o.teams.map { id in "team \(index.environment.teams[id]?.name ?? id)'s records" }.sortedByName({ $0 }, id: { $0 })
    }

    /// Miscellaneous privileges whose level moves, by name: runtime levels (granted ones when the
    /// user is dormant on both sides), the granting role on each side, the risk of the move.
    func miscLines(_ b: ImpactSide, _ t: ImpactSide) -> [MiscPrivilegeChange] {
        let old = b.exists ? base.access.miscPrivileges(of: b.dense) : [:]
        let new = t.exists ? target.access.miscPrivileges(of: t.dense) : [:]
        guard !old.isEmpty || !new.isEmpty else { return [] }
        // Access mode Read keeps a privilege that writes from working, as dormancy does [I].
        let readOnlyB = b.exists && b.user(base)?.accessMode == .read
        let readOnlyT = t.exists && t.user(target)?.accessMode == .read
        var out: [MiscPrivilegeChange] = []
        for key in Set(old.keys).union(new.keys).sorted() {
            let o = old[key]
            let n = new[key]
            let writes = MiscPrivilegeRule.writes(key)
            let offB = b.isDormant || (readOnlyB && writes)
            let offT = t.isDormant || (readOnlyT && writes)
            let dormant = offB && offT
            let oldLevel = (offB && !dormant) ? AccessLevel.none : (o?.level ?? .none)
            let newLevel = (offT && !dormant) ? AccessLevel.none : (n?.level ?? .none)
            guard oldLevel != newLevel else { continue }
            let risk: RiskClass = dormant ? .neutral : newLevel > oldLevel ? .escalation : .reduction
            out.append(
                MiscPrivilegeChange(
                    name: n?.name ?? o?.name ?? key, old: oldLevel, new: newLevel, oldVia: o?.via, newVia: n?.via, isDormant: dormant,
                    risk: risk, reasons: risk == .escalation ? [.miscPrivilegeRaised] : []))
        }
        return out
    }

    /// The union of a user's cell sets, by table position.
    func cells(of sets: ArraySlice<Int32>) -> [CellMask] {
        if sets.count == 1, let only = sets.first { return cellSets[Int(only)] }
        var all: [CellMask] = []
        for s in sets { all += cellSets[Int(s)] }
        all.sort { $0.table < $1.table }
        var out: [CellMask] = []
        out.reserveCapacity(all.count)
        for c in all {
            if let last = out.last, last.table == c.table {
                out[out.count - 1] = CellMask(table: c.table, mask: last.mask | c.mask)
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Only the touched cells; each side's row of a table comes at once, every moved operation is explained.
    func cellChanges(_ b: ImpactSide, _ t: ImpactSide, _ cells: [CellMask], cache: PathCache? = nil) -> [TableAccessChange] {
        var out: [TableAccessChange] = []
        for cell in cells {
            let m = Int(cell.table)
            let (rb, gb) = b.levels(base, tables.baseSlots[m], tables.names[m], mask: cell.mask)
            let (rt, gt) = t.levels(target, tables.targetSlots[m], tables.names[m], mask: cell.mask)
            let moved = Self.mask(rb .!= rt .| gb .!= gt) & cell.mask
            guard moved != 0 else { continue }
            for op in TableOperation.allCases where moved & (1 << op.rawValue) != 0 {
                let i = op.rawValue
                let pb = explainPaths ? b.path(base, tables.baseSlots[m], tables.names[m], op, cache: cache, side: .base) : nil
                let pt = explainPaths ? t.path(target, tables.targetSlots[m], tables.names[m], op, cache: cache, side: .target) : nil
                out.append(change(m, op, runtime: (level(rb[i]), level(rt[i])), granted: (level(gb[i]), level(gt[i])), pb, pt))
            }
        }
        return out
    }

    /// Every table: each side's whole matrix from the dense role rows, then the deciding grant for
    /// the cells that differ.
    func fullMatrixChanges(_ b: ImpactSide, _ t: ImpactSide, cache: PathCache? = nil) -> [TableAccessChange] {
        let matrixB = b.matrix(base)
        let matrixT = t.matrix(target)
        var out: [TableAccessChange] = []
        let empty = SIMD8<UInt8>(repeating: 0)
        for m in 0..<tables.names.count {
            let sb = Int(tables.baseSlots[m])
            let st = Int(tables.targetSlots[m])
            let gb = sb >= 0 && !matrixB.isEmpty ? matrixB[sb].storage : empty
            let gt = st >= 0 && !matrixT.isEmpty ? matrixT[st].storage : empty
            let rb = b.isDormant ? empty : gb
            let rt = t.isDormant ? empty : gt
            let moved = Self.mask(rb .!= rt .| gb .!= gt)
            guard moved != 0 else { continue }
            for op in TableOperation.allCases where moved & (1 << op.rawValue) != 0 {
                let i = op.rawValue
                let pb = explainPaths ? b.path(base, tables.baseSlots[m], tables.names[m], op, cache: cache, side: .base) : nil
                let pt = explainPaths ? t.path(target, tables.targetSlots[m], tables.names[m], op, cache: cache, side: .target) : nil
                out.append(change(m, op, runtime: (level(rb[i]), level(rt[i])), granted: (level(gb[i]), level(gt[i])), pb, pt))
            }
        }
        return out
    }

    /// The risk of one move. Half a million lines share RiskRules' few reason lists instead of
    /// allocating one each.
    func levelRisk(_ old: AccessLevel, _ new: AccessLevel, _ op: TableOperation, userOwned: Bool) -> (RiskClass, [RiskReason]) {
        RiskRules.levelChange(old, new, operation: op, userOwnedTable: userOwned)
    }

    /// One line: a runtime move, or a dormant one (only the grants move).
    func change(
        _ m: Int, _ op: TableOperation, runtime: (AccessLevel, AccessLevel), granted: (AccessLevel, AccessLevel),
        _ oldPath: ImpactPath?, _ newPath: ImpactPath?
    ) -> TableAccessChange {
        let dormant = runtime.0 == runtime.1
        let (old, new) = dormant ? granted : runtime
        var risk = RiskClass.neutral
        var reasons: [RiskReason] = []
        if !dormant {
            (risk, reasons) = levelRisk(old, new, op, userOwned: tables.userOwned[m])
        }
        return TableAccessChange(
            table: tables.names[m], operation: op, old: old, new: new, oldPath: oldPath, newPath: newPath, oldScope: [],
            newScope: [], isDormant: dormant, risk: risk, reasons: reasons)
    }

    /// Same Local/Deep level, other business unit: the user now reaches other records.
    func scopeChanges(
        _ b: ImpactSide, _ t: ImpactSide, _ sides: ScopeContexts, excluding done: [TableAccessChange], only cells: [String: UInt8]? = nil
    ) -> [TableAccessChange] {
        let (cb, ct, hb, ht) = (sides.base, sides.target, sides.baseHoldings, sides.targetHoldings)
        // Only a holding one side has (or whose role changed) can move a scope: a cell none of
        // those grants anything on has the same grants, and scopes, on both sides. Without this,
        // deleting a role 97,000 users hold asked the engine about every Local cell of each (22 s).
        let baseTree = base.environment
        let targetTree = target.environment
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
        // Owners as well as units for a user with a team-only role (see ownerChanges).
        let teamOnly = holdsTeamOnlyRole(b, base) || holdsTeamOnlyRole(t, target)
        var teams: (base: Set<String>?, target: Set<String>?) = (nil, nil)
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
                let covB = coverage(hb, cb, base.environment, name, op)
                let covT = coverage(ht, ct, target.environment, name, op)
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
                // (Static helpers and local trees: a closure that captured `self` copied the
                // whole analysis each time, 15% of a 100,000-user diff.)
                // A Deep grant on a unit whose units below moved is compared unit by unit.
                let nb = Self.normalized(covB, in: baseTree)
                let nt = Self.normalized(covT, in: targetTree)
                let (lost, gained, lostUnits, gainedUnits) = reshape.difference(nb, nt)
                guard !lost.isEmpty || !gained.isEmpty else { continue }
                // The owners the Basic grants name count too: a unit gone from a Deep reach can
                // leave the records of a team a team-only grant names still reached, or not.
                var lostAny = !lost.isEmpty
                var gainedAny = !gained.isEmpty
                var ownersB: [String] = []
                var ownersT: [String] = []
                if teamOnly {
                    let ob = basicOwners(b, base, table: sb, op)
                    let ot = basicOwners(t, target, table: st, op)
                    if ob != ot && !(ob.user && ot.user) {
                        let d = ownerDelta(b, t, ob, ot, reachB: nb, reachT: nt, teams: &teams)
                        lostAny = lostAny || d.lost
                        gainedAny = gainedAny || d.gained
                        ownersB = ownerWords(ob, base)
                        ownersT = ownerWords(ot, target)
                    }
                }
                let risk: RiskClass = gainedAny ? .escalation : .reduction
                let reasons: [RiskReason] = !gainedAny ? [] : !lostAny ? [.scopeWidened] : [.scopeChanged]
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
                        oldScope: sb, newScope: st, isDormant: false, risk: risk, reasons: reasons))
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
        _ lines: inout [TableAccessChange], _ b: ImpactSide, _ t: ImpactSide, _ sides: ScopeContexts, only cells: [String: UInt8]?
    ) {
        // Basic too for a user with a team-only role: its grants can name other owners (a
        // team's records in another unit) where the Local grant given up named none.
        let teamOnly = b.dense.adminRole < 0 && t.dense.adminRole < 0 && (holdsTeamOnlyRole(b, base) || holdsTeamOnlyRole(t, target))
        let scoped: Set<AccessLevel> =
            teamOnly ? [.user, .businessUnit, .parentChildBusinessUnits] : [.businessUnit, .parentChildBusinessUnits]
        func candidate(_ c: TableAccessChange) -> Bool {
            !c.isDormant && c.new != c.old && scoped.contains(c.old) && scoped.contains(c.new)
        }
        guard lines.contains(where: candidate) else { return }
        var teams: (base: Set<String>?, target: Set<String>?) = (nil, nil)
        let (cb, ct, hb, ht) = (sides.base, sides.target, sides.baseHoldings, sides.targetHoldings)
        let baseTree = base.environment
        let targetTree = target.environment
        for i in lines.indices where candidate(lines[i]) {
            let c = lines[i]
            if let cells, (cells[c.table] ?? 0) & (1 << c.operation.rawValue) == 0 { continue }
            let covB = coverage(hb, cb, baseTree, c.table, c.operation)
            let covT = coverage(ht, ct, targetTree, c.table, c.operation)
            let nb = Self.normalized(covB, in: baseTree)
            let nt = Self.normalized(covT, in: targetTree)
            let d = reshape.difference(nb, nt)
            var gainedAny = !d.gained.isEmpty
            var lostAny = !d.lost.isEmpty
            var ownersB: [String] = []
            var ownersT: [String] = []
            if teamOnly, let sb = base.access.tableIndex[c.table], let st = target.access.tableIndex[c.table] {
                let ob = basicOwners(b, base, table: Int32(sb), c.operation)
                let ot = basicOwners(t, target, table: Int32(st), c.operation)
                if ob != ot && !(ob.user && ot.user) {
                    let create = c.operation == .create
                    let o = ownerDelta(b, t, ob, ot, reachB: create ? [] : nb, reachT: create ? [] : nt, teams: &teams)
                    gainedAny = gainedAny || o.gained
                    lostAny = lostAny || o.lost
                    ownersB = ownerWords(ob, base)
                    ownersT = ownerWords(ot, target)
                }
            }
            // Lines the level already judges right (raised and reaching more, lowered and
            // reaching less) are left as they are.
            let raised = c.new > c.old
            switch (gainedAny, lostAny) {
            case (true, true):
                lines[i].risk = .escalation
                lines[i].reasons = raised ? c.reasons + [.scopeChanged] : [.scopeChanged]
            case (true, false) where !raised:
                lines[i].risk = .escalation
                lines[i].reasons = [.scopeWidened]
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
    func holdingScopes(_ c: UserAccessContext, _ env: Environment) -> Set<HoldingScope> {
        var out: Set<HoldingScope> = []
        for h in c.holdings {
            guard let role = env.roles[h.roleId] else { continue }
            // A team the context does not have counts as direct, as in the engine.
            let team = h.teamId.flatMap { tid in c.teams.first { $0.id == tid } }
            out.insert(HoldingScope(roleId: role.id, teamId: team?.id, scope: env.scopeBusinessUnitId(of: role, team: team, user: c.user)))
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
            base: cb, target: ct, baseHoldings: holdingScopes(cb, base.environment), targetHoldings: holdingScopes(ct, target.environment))
    }

    struct HoldingScope: Hashable {
        let roleId: String
        let teamId: String?
        let scope: String
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
        _ holdings: Set<HoldingScope>, _ c: UserAccessContext, _ env: Environment, _ table: String, _ op: TableOperation
    ) -> Set<ScopeReach> {
        guard c.systemAdministrator == nil, env.tables[table]?.ownership != .organization else { return [] }
        var out: Set<ScopeReach> = []
        for h in holdings {
            let level = env.roles[h.roleId]?.level(op, on: table) ?? .none
            if level == .businessUnit || level == .parentChildBusinessUnits {
                out.insert(ScopeReach(unit: h.scope, deep: level == .parentChildBusinessUnits))
            }
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

    /// One bit per lane that is set.
    static func mask(_ lanes: SIMDMask<SIMD8<Int8>>) -> UInt8 {
        let bits = SIMD8<UInt8>(1, 2, 4, 8, 16, 32, 64, 128)
        return SIMD8<UInt8>(repeating: 0).replacing(with: bits, where: lanes).wrappedSum()
    }

    func level(_ raw: UInt8) -> AccessLevel { AccessLevel(rawValue: raw) ?? .none }
}

/// Operations (bit `1 << rawValue`) of one table, by position in ``ImpactTables``.
struct CellMask: Sendable {
    let table: Int32
    let mask: UInt8
}

/// Every table of either side, and any table a change names, in logical-name order, with its
/// position in each side's index (-1 where that side does not have it).
struct ImpactTables: Sendable {
    let names: [String]
    let baseSlots: [Int32]
    let targetSlots: [Int32]
    /// The table is user- or team-owned (in the target, or in the base when the target lacks it):
    /// Organization there is worth a reason of its own.
    let userOwned: [Bool]
    let position: [String: Int]

    init(base: PrincipalIndex, target: PrincipalIndex, named: Set<String>) {
        let all = Set(base.access.tableNames).union(target.access.tableNames).union(named).sorted()
        names = all
        baseSlots = all.map { base.access.tableIndex[$0].map(Int32.init) ?? -1 }
        targetSlots = all.map { target.access.tableIndex[$0].map(Int32.init) ?? -1 }
        userOwned = all.map { (target.environment.tables[$0] ?? base.environment.tables[$0])?.ownership == .userOrTeam }
        position = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($0.element, $0.offset) })
    }
}
