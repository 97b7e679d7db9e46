/// Both sides' business-unit trees, for what Local and Deep grants reach, and the units moved
/// in the tree between them. Deep reaches a business unit and every unit below it (DATAVERSE.md
/// §2), so a unit moved under another parent leaves the reach of the Deep grants on its old
/// ancestors and enters that of the Deep grants on its new ones. The moved unit's own Deep
/// grants, and those of its descendants and of the ancestors both trees share, reach the same
/// units as before.
///
/// A grant reaches its own unit and, for Deep, the units below it that both sides have: a unit one
/// side lacks holds records on that side only, so a new unit below a Deep scope is no wider scope,
/// while a grant now scoped to a new unit reaches other records than before.
struct TreeReshape: Sendable {
    /// Units of both sides whose Deep reach differs between the trees.
    let reshaped: Set<String>
    /// Per side, for each of its units: the units below it that both sides have.
    private let baseBelow: [String: Set<String>]
    private let targetBelow: [String: Set<String>]

    init(base: Environment, target: Environment) {
        var reshaped: Set<String> = []
        for (id, unit) in target.businessUnits {
            guard let old = base.businessUnits[id], old.parentId != unit.parentId else { continue }
            reshaped.formUnion(Self.reshapedUnits(moving: id, base: base, target: target))
        }
        self.reshaped = reshaped
        let common = Set(base.businessUnits.keys).intersection(target.businessUnits.keys)
        baseBelow = Self.below(in: base, among: common)
        targetBelow = Self.below(in: target, among: common)
    }

    /// The units whose Deep reach moving `unit` changes: its ancestors in one tree that are not
    /// its ancestors in the other, among the units both sides have.
    static func reshapedUnits(moving unit: String, base: Environment, target: Environment) -> Set<String> {
        let before = ancestors(of: unit, in: base)
        let after = ancestors(of: unit, in: target)
        return before.symmetricDifference(after).filter { base.businessUnits[$0] != nil && target.businessUnits[$0] != nil }
    }

    /// The units above `unit` (not itself); a cycle in a hand-written tree ends the walk.
    static func ancestors(of unit: String, in env: Environment) -> Set<String> {
        env.businessUnitAndAbove(unit).subtracting([unit])
    }

    static func below(in env: Environment, among common: Set<String>) -> [String: Set<String>] {
        var children: [String: [String]] = [:]
        for bu in env.businessUnits.values { if let p = bu.parentId { children[p, default: []].append(bu.id) } }
        var out: [String: Set<String>] = [:]
        for id in env.businessUnits.keys {
            var units: Set<String> = [id]
            var stack = [id]
            while let next = stack.popLast() {
                for c in children[next] ?? [] where units.insert(c).inserted { stack.append(c) }
            }
            units.remove(id)
            out[id] = units.intersection(common)
        }
        return out
    }

    /// Whether one of these reaches is a Deep grant on a unit whose reach the move changed.
    func involves(_ reaches: Set<ImpactAnalysis.ScopeReach>) -> Bool {
        !reshaped.isEmpty && reaches.contains { $0.deep && reshaped.contains($0.unit) }
    }

    /// The units a reach covers on one side: Local its unit, Deep the unit and those below it
    /// that both sides have.
    func units(_ r: ImpactAnalysis.ScopeReach, base: Bool) -> Set<String> {
        guard r.deep, let below = (base ? baseBelow : targetBelow)[r.unit] else { return [r.unit] }
        return below.union([r.unit])
    }

    /// What each side's reaches cover that the other side's do not, unit by unit, each side down
    /// its own tree: the reaches that cover those units, and the units.
    func difference(
        _ b: Set<ImpactAnalysis.ScopeReach>, _ t: Set<ImpactAnalysis.ScopeReach>
    ) -> (lost: Set<ImpactAnalysis.ScopeReach>, gained: Set<ImpactAnalysis.ScopeReach>, lostUnits: Set<String>, gainedUnits: Set<String>) {
        let unitsB = b.reduce(into: Set<String>()) { $0.formUnion(units($1, base: true)) }
        let unitsT = t.reduce(into: Set<String>()) { $0.formUnion(units($1, base: false)) }
        let lostUnits = unitsB.subtracting(unitsT)
        let gainedUnits = unitsT.subtracting(unitsB)
        return (
            b.filter { !units($0, base: true).isDisjoint(with: lostUnits) },
            t.filter { !units($0, base: false).isDisjoint(with: gainedUnits) },
            lostUnits, gainedUnits
        )
    }

    /// The highest of `units` in one side's tree (those whose parent is not among them), for
    /// naming what a reach gained or lost without listing every unit below.
    func topmost(_ units: Set<String>, in env: Environment) -> [String] {
        units.filter { u in env.businessUnits[u]?.parentId.map { !units.contains($0) } ?? true }.sorted()
    }
}

extension DiffEntry {
    /// Whether the entry is a business unit moved under another parent.
    var isTreeMove: Bool {
        kind == .businessUnit && action != .added && action != .removed && lines.contains { $0.field == .parentBusinessUnit }
    }

    /// Whether the entry moves a role, team or user to another business unit in a way that moves
    /// Local and Deep scopes (``RiskRules`` judged the line `scopeChanged`, an escalation both
    /// ways, before the impact).
    var isScopeMove: Bool {
        [.role, .team, .user].contains(kind) && lines.contains(where: \.movesScopeToAnotherUnit)
    }

    /// Whether the entry turns modernized business units on or off in a way ``RiskRules`` judged
    /// to move scopes (an escalation both ways before the impact): the impact then says whether
    /// anyone gains records (a model-based fuzz found the gate failing on the switch while no
    /// user's access rose, for holders dormant, System Administrators or covered by a wider grant).
    var isModernizedSwitch: Bool {
        kind == .environment && lines.contains { $0.field == .modernizedBusinessUnits && $0.reasons.contains(.businessUnitScopesMoved) }
    }

    /// Judges the moves to another place in the business-unit tree by what the impact found,
    /// once it is computed: an escalation when a user whose scopes the move reaches gains records
    /// (`scopeWidened`; `scopeChanged` when others lose, or one user both), a reduction when they
    /// only lose, neutral when no one's scope moves. ``RiskRules`` judged them before the impact,
    /// by who holds the grants (escalation for a disabled holder too, and both ways for a move):
    /// with the impact at hand, the gate follows the users' lines. One pass over the impacts for
    /// every move (a diff can move hundreds of users and reach 100,000).
    ///
    /// - A business unit moved in the tree (``isTreeMove``): a line counts when it has a Deep reach
    ///   on one of the units the move reshapes, on both sides; a reach on one side only came or
    ///   went with another change (a team moved away from the unit), which that change answers for.
    /// - A role, team or user moved to another unit, or holding another unit's copy of a role
    ///   (``isScopeMove``), and modernized business units turned on or off
    ///   (``isModernizedSwitch``): every scope line of the users it reaches. A user moved to a unit below theirs with Deep grants only loses records
    ///   (a reduction; it was an escalation both ways, and the gate failed on a narrowing).
    static func classifyMoves(_ entries: inout [DiffEntry], impacts: [UserImpact], base: Environment, target: Environment) {
        // Per move: which of a user's scope lines it answers for.
        var moves: [String: (index: Int, counts: (TableAccessChange) -> Bool)] = [:]
        for i in entries.indices {
            if entries[i].isTreeMove {
                let units = TreeReshape.reshapedUnits(moving: entries[i].objectId, base: base, target: target)
                let paths = units.map { (base.businessUnitPath($0), target.businessUnitPath($0)) }
                moves[entries[i].id] = (
                    i,
                    { c in
                        let deep = c.new == .parentChildBusinessUnits
                        return paths.contains {
                            deepReach(c.oldScope, $0.0, lineIsDeep: deep) && deepReach(c.newScope, $0.1, lineIsDeep: deep)
                        }
                    }
                )
            } else if entries[i].isScopeMove || entries[i].isModernizedSwitch {
                moves[entries[i].id] = (i, { _ in true })
            }
        }
        guard !moves.isEmpty else { return }
        var found: [String: (gains: Bool, losses: Bool)] = [:]
        // Moves whose gains are owners' records only (a team's records moved into reach): said so.
        var unitsGained: Set<String> = []
        for impact in impacts {
            for id in impact.causeEntries {
                guard let move = moves[id] else { continue }
                var f = found[id] ?? (false, false)
                for c in impact.tableChanges where c.isScopeChange && !c.isDormant && move.counts(c) {
                    if c.risk == .escalation {
                        f.gains = true
                        if !c.reasons.allSatisfy({ $0 == .ownersWidened || $0 == .ownersChanged }) { unitsGained.insert(id) }
                    }
                    // Other owners' records on both sides (a user's unit moved, and its default
                    // team with it) lose some as well as gain some.
                    if c.risk == .reduction || c.reasons.contains(.scopeChanged) || c.reasons.contains(.ownersChanged) { f.losses = true }
                }
                found[id] = f
            }
        }
        for (id, move) in moves {
            let (gains, losses) = found[id] ?? (false, false)
            let owners = !unitsGained.contains(id)
            let gained: RiskReason = owners ? (losses ? .ownersChanged : .ownersWidened) : (losses ? .scopeChanged : .scopeWidened)
            var (risk, reasons): (RiskClass, [RiskReason]) = gains ? (.escalation, [gained]) : losses ? (.reduction, []) : (.neutral, [])
            // The modernized switch keeps its own reason: which copies it moves is [I]. When
            // records only come into reach (none go), it says so too: its mirror, the switch
            // back, only takes them away, a reduction (a property test found the switch read as
            // an escalation both ways while its users' lines mirrored).
            let isSwitch = entries[move.index].kind == .environment
            if isSwitch && gains { reasons = [.businessUnitScopesMoved] + (losses ? [] : [gained]) }
            // A unit moved out from under a disabled one lets its users sign in again; moved under
            // one, it keeps them out (RiskRules, the parent line): that is judged beside the scopes.
            if entries[move.index].kind == .businessUnit {
                let unit = entries[move.index].objectId
                let enabledBefore = base.disablingBusinessUnit(of: unit) == nil
                let enabledAfter = target.disablingBusinessUnit(of: unit) == nil
                if enabledAfter && !enabledBefore {
                    (risk, reasons) = (.escalation, [.businessUnitEnabled] + (gains ? [gained] : []))
                } else if enabledBefore && !enabledAfter && risk != .escalation {
                    (risk, reasons) = (.reduction, [])
                }
            }
            let isUnit = entries[move.index].kind == .businessUnit
            for l in entries[move.index].lines.indices
            where isUnit
                ? entries[move.index].lines[l].field == .parentBusinessUnit
                : isSwitch
                    ? entries[move.index].lines[l].field == .modernizedBusinessUnits
                    : entries[move.index].lines[l].movesScopeToAnotherUnit
            {
                entries[move.index].lines[l].risk = risk
                entries[move.index].lines[l].reasons = reasons
            }
            entries[move.index].risk = RiskClass.worst(entries[move.index].lines.map(\.risk))
        }
    }

    /// Whether one side's scope strings have a Deep reach on the unit at `path` (bare at a Deep
    /// line's level, marked " (Deep)" at a Local one), with or without a "(with …)" suffix.
    private static func deepReach(_ scopes: [String], _ path: String, lineIsDeep: Bool) -> Bool {
        scopes.contains { s in
            lineIsDeep
                ? s == path || s.hasPrefix(path + " (with ")
                : s == path + " (Deep)" || s.hasPrefix(path + " (Deep) (with ")
        }
    }
}

extension DiffLine {
    /// A role, team or user moved to another business unit, or a user or team holding another
    /// unit's copy of a role, that ``RiskRules`` judged to move Local and Deep scopes.
    var movesScopeToAnotherUnit: Bool { (field == .businessUnit || field == .roleCopy) && reasons.contains(.scopeChanged) }
}
