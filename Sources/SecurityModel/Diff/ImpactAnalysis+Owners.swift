/// Owners whose records a Basic grant reaches (DATAVERSE.md §2 rule 2): a user acting as
/// themselves reaches their own records and their teams'; a team-only grant, the team's.
extension ImpactAnalysis {
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
    /// One user's record-owning teams on each side, worked out once per user and shared by the
    /// steps that need them (``teamIds(_:_:)``).
    typealias MemberTeams = (base: Set<String>?, target: Set<String>?)

    /// Fills `teams` from the sides when it is not yet, and returns both sides' sets.
    func memberTeams(_ b: ImpactSide, _ t: ImpactSide, _ teams: inout MemberTeams) -> (base: Set<String>, target: Set<String>) {
        if teams.base == nil { teams.base = teamIds(b, base) }
        if teams.target == nil { teams.target = teamIds(t, target) }
        return (teams.base ?? [], teams.target ?? [])
    }

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

    /// Whether a side's user holds some role through an owner or group team.
    func holdsTeamRole(_ side: ImpactSide, _ index: PrincipalIndex) -> Bool {
        side.exists && side.dense.holdings.contains { h in h.team >= 0 && Int(h.role) < index.access.realRoleCount }
    }

    /// Whether the owners whose records one cell's grants reach differ between the sides: each
    /// owner (the user, their record-owning teams, the teams named by team-only grants) is reached
    /// on a side when its Basic grants name it or its Local or Deep reaches (`reachB`, `reachT`,
    /// normalized) cover the owner's business unit, where the owner's records are.
    func ownerDelta(
        _ b: ImpactSide, _ t: ImpactSide, _ ob: BasicOwners, _ ot: BasicOwners, reachB: Set<ScopeReach>, reachT: Set<ScopeReach>,
        teams: inout MemberTeams, create: Bool = false
    ) -> (lost: Bool, gained: Bool) {
        let d = ownerDelta(b, t, ob, ot, reachB: reachB, reachT: reachT, teams: &teams, shown: true, create: create)
        return (d.lost, d.gained)
    }

    /// ``ownerDelta(_:_:_:_:reachB:reachT:teams:)`` with, for each side, the owners to name on
    /// the line ("" for the user): those its Basic grants name, and those reached on one side
    /// only (a Local or Deep reach that covered the user's own records before their unit moved).
    func ownerDelta(
        _ b: ImpactSide, _ t: ImpactSide, _ ob: BasicOwners, _ ot: BasicOwners, reachB: Set<ScopeReach>, reachT: Set<ScopeReach>,
        teams: inout MemberTeams, shown: Bool, create: Bool = false
    ) -> (lost: Bool, gained: Bool, base: [String], target: [String]) {
        let (teamsB, teamsT) = memberTeams(b, t, &teams)
        /// Where an owner's records are on a side: the user's unit or the team's (a team on one
        /// side only placed as the other side has it).
        func unit(_ owner: String, _ side: ImpactSide, _ index: PrincipalIndex, other: PrincipalIndex) -> String? {
            owner.isEmpty
                ? side.user(index)?.businessUnitId
                : (index.environment.teams[owner] ?? other.environment.teams[owner])?.businessUnitId
        }
        // Acting as the user reaches their teams' records too, but creates only the user's own:
        // on Create a team is named only by a grant acting as that team.
        func named(_ owner: String, _ o: BasicOwners, _ teams: Set<String>) -> Bool {
            owner.isEmpty ? o.user : (o.teams.contains(owner) || (!create && o.user && teams.contains(owner)))
        }
        /// Whether a side's Local or Deep reach covers where the owner's records are.
        func covered(_ unit: String?, _ reach: Set<ScopeReach>, _ index: PrincipalIndex, other: PrincipalIndex) -> Bool {
            guard let unit, !reach.isEmpty else { return false }
            return Self.covers(reach, unit: unit, in: index.environment, placedBy: other.environment)
        }
        var lost = false
        var gained = false
        var shownB: [String] = []
        var shownT: [String] = []
        // The user ("") and every team that can own records on either side.
        for owner in [""] + Array(teamsB.union(teamsT).union(ob.teams).union(ot.teams)) {
            let (unitB, unitT) = (unit(owner, b, base, other: target), unit(owner, t, target, other: base))
            let (namedB, namedT) = (named(owner, ob, teamsB), named(owner, ot, teamsT))
            let (coveredB, coveredT) = (covered(unitB, reachB, base, other: target), covered(unitT, reachT, target, other: base))
            let inB = namedB || coveredB
            let inT = namedT || coveredT
            if inB && !inT { lost = true }
            if inT && !inB { gained = true }
            guard shown else { continue }
            // Named on a side when reached there only and the units listed on the line do not
            // already say it (an owner whose records stay where they were is told by the units
            // reached); and, for context on a line of Basic levels (no unit reached), on both
            // sides when grants name it on both ("own records", "team Sales's records" -> ... and
            // the new one).
            let unitsTellIt = unitB == unitT
            let context = namedB && namedT && reachB.isEmpty && reachT.isEmpty
            if inB && ((inB != inT && !(coveredB && unitsTellIt)) || context) { shownB.append(owner) }
            if inT && ((inB != inT && !(coveredT && unitsTellIt)) || context) { shownT.append(owner) }
        }
        return (lost, gained, shownB, shownT)
    }

    /// "own records", then "team Field Dispatch's records" for each team, by name.
    func ownerWords(listing owners: [String], _ index: PrincipalIndex, other: PrincipalIndex) -> [String] {
        (owners.contains("") ? ["own records"] : []) + teamWords(owners.filter { !$0.isEmpty }, index, other: other)
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
        _ b: ImpactSide, _ t: ImpactSide, _ cells: [CellMask]?, excluding done: [TableAccessChange], teamsMoved: Bool = false,
        teams: inout MemberTeams
    ) -> [TableAccessChange] {
        guard b.exists, t.exists, !b.isDormant, !t.isDormant, b.dense.adminRole < 0, t.dense.adminRole < 0 else { return [] }
        // Only Create can still move for a user with neither a team-only role nor a team joined
        // or left: a grant through a team (inheriting or not) also acts as the team, and so
        // creates the team's records.
        let createOnly = !(teamsMoved || holdsTeamOnlyRole(b, base) || holdsTeamOnlyRole(t, target))
        guard !createOnly || holdsTeamRole(b, base) || holdsTeamRole(t, target) else { return [] }
        let skip = Set(done.map { "\($0.table)|\($0.operation.rawValue)" })
        let basic = SIMD8<UInt8>(repeating: AccessLevel.user.rawValue)
        let deep = SIMD8<UInt8>(repeating: AccessLevel.parentChildBusinessUnits.rawValue)
        let positions = cells.map { $0.map { (Int($0.table), $0.mask) } } ?? tables.names.indices.map { ($0, UInt8(0xFF)) }
        var sides: ScopeContexts?
        var out: [TableAccessChange] = []
        for (m, wanted) in positions {
            let sb = tables.baseSlots[m]
            let st = tables.targetSlots[m]
            guard sb >= 0, st >= 0, tables.userOwned[m] else { continue }
            let name = tables.names[m]
            let (rb, _) = b.levels(base, sb, name, mask: wanted)
            let (rt, _) = t.levels(target, st, name, mask: wanted)
            let candidates =
                Self.mask((rb .== rt) .& (rt .>= basic) .& (rt .<= deep)) & wanted
                & (createOnly ? UInt8(1) << UInt8(TableOperation.create.rawValue) : 0xFF)
            guard candidates != 0 else { continue }
            for op in TableOperation.allCases where candidates & (1 << op.rawValue) != 0 && !skip.contains("\(name)|\(op.rawValue)") {
                let ob = basicOwners(b, base, table: sb, op)
                let ot = basicOwners(t, target, table: st, op)
                // Acting as the user on both sides reaches every team the user is in: the same
                // owners, whatever the team-only grants add (the units reached are compared by
                // the scope lines), unless the user joined or left a record-owning team. Create
                // is then the same: the user may own what they create on both sides.
                let create = op == .create
                let sameTeams = !teamsMoved || create
                // Create: who may own the new record, the user acting as themselves or a team a
                // grant acts as (a team-only role given through a team joined is a new owner).
                guard create ? ob != ot : (ob != ot || !sameTeams) && !(ob.user && ot.user && sameTeams) else { continue }
                let level = level(rt[op.rawValue])
                var reachB: Set<ScopeReach> = []
                var reachT: Set<ScopeReach> = []
                // Create is about who may own the new record, not which records are reached: a
                // team-only grant creates records the team owns only, whatever its scope (GL4).
                if level != .user && op != .create {
                    if sides == nil { sides = scopeContexts(b, t) }
                    guard let sides else { continue }
                    reachB = Self.normalized(coverage(sides.baseHoldings, sides.base, base, name, op), in: base.environment)
                    reachT = Self.normalized(
                        coverage(sides.targetHoldings, sides.target, target, name, op), in: target.environment)
                }
                let delta = ownerDelta(b, t, ob, ot, reachB: reachB, reachT: reachT, teams: &teams, shown: !sameTeams, create: create)
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
                        oldScope: unitsB
                            + (sameTeams ? ownerWords(ob, base, op) : ownerWords(listing: delta.base, base, other: target)),
                        newScope: unitsT
                            + (sameTeams ? ownerWords(ot, target, op) : ownerWords(listing: delta.target, target, other: base)),
                        isDormant: false, risk: risk,
                        reasons: reasons,
                        ownerTeamsMoved: sameTeams ? [] : (teams.base ?? []).symmetricDifference(teams.target ?? [])))
            }
        }
        return out
    }

    /// "own records and their teams'", or "team Field Dispatch's records", one per team.
    /// For Create, the records the user may make: their own ("own records"), or a team's.
    func ownerWords(_ o: BasicOwners, _ index: PrincipalIndex, _ op: TableOperation? = nil) -> [String] {
        // On Create, the user's own records and each team a grant acts as (acting as the user
        // does not create a team's records).
        if op == .create { return (o.user ? ["own records"] : []) + teamWords(Array(o.teams), index, other: nil) }
        if o.user { return ["own records and their teams'"] }
        return teamWords(Array(o.teams), index, other: nil)
    }

    /// "team Field Dispatch's records" for each team, by name (a team on one side only named as
    /// the other side has it).
    func teamWords(_ ids: [String], _ index: PrincipalIndex, other: PrincipalIndex?) -> [String] {
        ids.map { id in "team \((index.environment.teams[id] ?? other?.environment.teams[id])?.name ?? id)'s records" }
            .sortedByName({ $0 }, id: { $0 })
    }

    /// The owners a scope line or a level moved between Basic, Local and Deep also reaches, when
    /// they can differ: for a user holding a team-only role (its grants name a team's records),
    /// or whose record-owning teams moved (`teamsMoved`). `nil` when the owners are the same.
    /// `reachB` and `reachT` are each side's normalized Local and Deep reach on the cell.
    func ownerMove(
        _ b: ImpactSide, _ t: ImpactSide, table: String, _ op: TableOperation, reachB: Set<ScopeReach>, reachT: Set<ScopeReach>,
        teamsMoved: Bool, teams: inout MemberTeams
    ) -> (lost: Bool, gained: Bool, base: [String], target: [String])? {
        guard let sb = base.access.tableIndex[table], let st = target.access.tableIndex[table] else { return nil }
        let ob = basicOwners(b, base, table: Int32(sb), op)
        let ot = basicOwners(t, target, table: Int32(st), op)
        // Create is who may own the new record: the user acting as themselves, or a team a grant
        // acts as; teams joined or left move it only through such grants.
        let create = op == .create
        let sameTeams = !teamsMoved || create
        guard create ? ob != ot : (ob != ot || !sameTeams) && !(ob.user && ot.user && sameTeams) else { return nil }
        let d = ownerDelta(b, t, ob, ot, reachB: reachB, reachT: reachT, teams: &teams, shown: !sameTeams, create: create)
        // Teams that moved but whose records the units reached cover either way: nothing to name.
        if !sameTeams && !d.lost && !d.gained { return nil }
        return (
            d.lost, d.gained,
            sameTeams ? ownerWords(ob, base, op) : ownerWords(listing: d.base, base, other: target),
            sameTeams ? ownerWords(ot, target, op) : ownerWords(listing: d.target, target, other: base)
        )
    }
}
