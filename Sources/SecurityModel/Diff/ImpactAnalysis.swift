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
        var teams: MemberTeams = (nil, nil)
        if denseScopeCheck, let only = scopeCells, !full, sameDenseReach(denseB, denseT, only, teams: &teams) { scopeCells = nil }
        let needsContext =
            full || scoped || scopeCells != nil || touchedColumns != nil
            || cells.contains { tables.baseSlots[Int($0.table)] < 0 || tables.targetSlots[Int($0.table)] < 0 }
        let b = needsContext ? denseB.withContext(base) : denseB
        let t = needsContext ? denseT.withContext(target) : denseT
        guard b.exists || t.exists else { return nil }
        // A record-owning team joined or left (a membership, or the default team of a unit moved
        // to): the owners a Basic grant acting as the user reaches move, even with no role.
        var teamsMoved = false
        if full && b.exists && t.exists {
            let (teamsB, teamsT) = memberTeams(b, t, &teams)
            // A team that moved to another unit took its records there [I]: the owners a Local or
            // Deep grant reaches move as if it were joined or left (found by a model-based review:
            // a roleless team moved into the unit of a member's team-only Local grant was no line).
            teamsMoved =
                teamsB != teamsT
                || teamsB.contains { id in
                    teamsT.contains(id) && base.environment.teams[id]?.businessUnitId != target.environment.teams[id]?.businessUnitId
                }
        }
        var tableChanges: [TableAccessChange] = []
        if full {
            tableChanges = fullMatrixChanges(b, t, cache: cache)
        } else if !cells.isEmpty {
            tableChanges = cellChanges(b, t, cells, cache: cache)
        }
        // Create moved between Basic, Local and Deep for a user holding a role through a team:
        // who may own the new record can move against the level (a team's Create gained while
        // the user's own falls: found by a model-based review, a reduction). Those cells are
        // judged as a lowered reach is, even where no scope moved.
        var createCells: [String: UInt8] = [:]
        if holdsTeamRole(b, base) || holdsTeamRole(t, target) {
            for c in tableChanges where c.operation == .create && !c.isDormant && c.old != c.new {
                createCells[c.table, default: 0] |= 1 << TableOperation.create.rawValue
            }
        }
        let lowered = scoped ? nil : scopeCells.map { $0.merging(createCells) { $0 | $1 } } ?? (createCells.isEmpty ? nil : createCells)
        if scoped || lowered != nil, let sides = scopeContexts(b, t) {
            // A level lowered between Local and Deep can still reach records of another unit
            // (Deep on A given up for Local on B): an escalation, with both scopes.
            reachLowered(&tableChanges, b, t, sides, only: lowered, teamsMoved: teamsMoved, teams: &teams)
            // Same levels, other units: only where a scope can move (Create cells alone ask
            // nothing more).
            let moved =
                scoped || scopeCells != nil
                ? scopeChanges(b, t, sides, excluding: tableChanges, only: scopeCells, teamsMoved: teamsMoved, teams: &teams) : []
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
        let owners = ownerChanges(b, t, full ? nil : cells, excluding: tableChanges, teamsMoved: teamsMoved, teams: &teams)
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
        let (causes, causeEntries) = touches.causes(of: n, columnChanges: columnChanges)
        return UserImpact(
            userId: principals.id(n), name: any.name, domainName: any.domainName, causes: causes, causeEntries: causeEntries,
            tableChanges: tableChanges, columnChanges: columnChanges, miscChanges: miscChanges,
            oldDormancy: b.exists ? b.dense.dormancy : [], newDormancy: t.exists ? t.dense.dormancy : [])
    }

    /// Miscellaneous privileges whose level moves, by name: runtime levels (granted ones when the
    /// user is dormant on both sides), the granting role on each side, the risk of the move.
    /// Dormant here means kept from signing in: access mode Administrative leaves them working
    /// (``Dormancy/forMiscellaneousPrivileges(_:)``).
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
            // Access mode Read keeps a writing privilege from working [I], at run time and in
            // what the grants give, as it keeps Delete on a table from working (found by a
            // review: a dormant user switched to Read lost them without a line).
            let grantedB = readOnlyB && writes ? AccessLevel.none : (o?.level ?? .none)
            let grantedT = readOnlyT && writes ? AccessLevel.none : (n?.level ?? .none)
            // Dormant is kept from signing in on both sides: then the granted levels are the
            // line. An active user in Read is not dormant: a writing privilege gained there moves
            // nothing, as Delete gained on a table (a domain review found it shown as "None ->
            // Organization (dormant)").
            let dormant = b.keptFromSigningIn && t.keptFromSigningIn
            let oldLevel = dormant || !b.keptFromSigningIn ? grantedB : AccessLevel.none
            let newLevel = dormant || !t.keptFromSigningIn ? grantedT : AccessLevel.none
            guard oldLevel != newLevel else { continue }
            let risk: RiskClass = dormant ? .neutral : newLevel > oldLevel ? .escalation : .reduction
            out.append(
                MiscPrivilegeChange(
                    name: n?.name ?? o?.name ?? key, old: oldLevel, new: newLevel, oldVia: o?.labelledVia, newVia: n?.labelledVia,
                    isDormant: dormant,
                    risk: risk, reasons: risk == .escalation ? [.miscPrivilegeRaised] : [], oldReadAccessMode: readOnlyB && writes,
                    newReadAccessMode: readOnlyT && writes))
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
                out.append(
                    change(
                        m, op, runtime: (level(rb[i]), level(rt[i])), granted: (level(gb[i]), level(gt[i])), pb, pt,
                        readAccessMode: (b.readOnly(op), t.readOnly(op))))
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
                out.append(
                    change(
                        m, op, runtime: (level(rb[i]), level(rt[i])), granted: (level(gb[i]), level(gt[i])), pb, pt,
                        readAccessMode: (b.readOnly(op), t.readOnly(op))))
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
        _ oldPath: ImpactPath?, _ newPath: ImpactPath?, readAccessMode: (Bool, Bool) = (false, false)
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
            newScope: [], isDormant: dormant, risk: risk, reasons: reasons, oldReadAccessMode: readAccessMode.0,
            newReadAccessMode: readAccessMode.1)
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
