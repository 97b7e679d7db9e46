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
        var out: Set<String> = []
        var next = env.businessUnits[unit]?.parentId
        while let p = next, p != unit, out.insert(p).inserted { next = env.businessUnits[p]?.parentId }
        return out
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
        [.role, .team, .user].contains(kind) && lines.contains { $0.field == .businessUnit && $0.reasons.contains(.scopeChanged) }
    }

    /// With the impact at hand, a move of a role, team or user to another business unit is judged
    /// by the scope lines of the users it reaches, as a business unit moved in the tree is: a
    /// user moved from a unit to one below it with Deep grants only loses records (a reduction;
    /// it was an escalation both ways, and the gate failed on a narrowing). Someone gaining
    /// records, or a Local scope moving to another unit, stays an escalation.
    static func classifyScopeMoves(_ entries: inout [DiffEntry], impacts: [UserImpact]) {
        for i in entries.indices where entries[i].isScopeMove {
            let id = entries[i].id
            var gains = false
            var losses = false
            for impact in impacts where impact.causeEntries.contains(id) {
                for c in impact.tableChanges where c.isScopeChange && !c.isDormant {
                    if c.risk == .escalation { gains = true }
                    if c.risk == .reduction || c.reasons.contains(.scopeChanged) { losses = true }
                }
            }
            let (risk, reasons): (RiskClass, [RiskReason]) =
                gains ? (.escalation, [losses ? .scopeChanged : .scopeWidened]) : losses ? (.reduction, []) : (.neutral, [])
            for l in entries[i].lines.indices where entries[i].lines[l].field == .businessUnit {
                entries[i].lines[l].risk = risk
                entries[i].lines[l].reasons = reasons
            }
            entries[i].risk = RiskClass.worst(entries[i].lines.map(\.risk))
        }
    }

    /// Classifies each business unit moved in the tree by what the impact found, once it is
    /// computed: an escalation when a user whose scopes it moves gains records (`scopeWidened`;
    /// `scopeChanged` when others lose, or one user both), a reduction when they only lose,
    /// neutral when no one's scope moves (the Deep grants above it are dormant, System
    /// Administrator's, covered by another grant, or Organization anyway). ``RiskRules`` judges
    /// the move before the impact by who holds Deep grants above it, which says escalation for a
    /// disabled holder too: with the impact at hand, the gate follows the users' lines.
    ///
    /// A line counts for a move when it has a Deep reach on one of the units the move reshapes on
    /// both sides: a reach on one side only came or went with another change (a team moved away
    /// from the unit), which that change's entry answers for.
    static func classifyTreeMoves(_ entries: inout [DiffEntry], impacts: [UserImpact], base: Environment, target: Environment) {
        for i in entries.indices where entries[i].isTreeMove {
            let id = entries[i].id
            let units = TreeReshape.reshapedUnits(moving: entries[i].objectId, base: base, target: target)
            let paths = units.map { (base.businessUnitPath($0), target.businessUnitPath($0)) }
            func deepReach(_ scopes: [String], _ path: String, lineIsDeep: Bool) -> Bool {
                scopes.contains { s in
                    let bare = s == path || s.hasPrefix(path + " (with ")
                    let marked = s == path + " (Deep)" || s.hasPrefix(path + " (Deep) (with ")
                    return lineIsDeep ? bare : marked
                }
            }
            var gains = false
            var losses = false
            for impact in impacts where impact.causeEntries.contains(id) {
                for c in impact.tableChanges where c.isScopeChange && !c.isDormant {
                    let deep = c.new == .parentChildBusinessUnits
                    guard
                        paths.contains(where: {
                            deepReach(c.oldScope, $0.0, lineIsDeep: deep) && deepReach(c.newScope, $0.1, lineIsDeep: deep)
                        })
                    else { continue }
                    if c.risk == .escalation { gains = true }
                    if c.risk == .reduction || c.reasons.contains(.scopeChanged) { losses = true }
                }
            }
            let (risk, reasons): (RiskClass, [RiskReason]) =
                gains ? (.escalation, [losses ? .scopeChanged : .scopeWidened]) : losses ? (.reduction, []) : (.neutral, [])
            for l in entries[i].lines.indices where entries[i].lines[l].field == .parentBusinessUnit {
                entries[i].lines[l].risk = risk
                entries[i].lines[l].reasons = reasons
            }
            entries[i].risk = RiskClass.worst(entries[i].lines.map(\.risk))
        }
    }
}
