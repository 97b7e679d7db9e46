/// Which objects a comparison looks at; `nil` sets mean every object of that kind. Used by the
/// live impact of pending changes, which only compares what the changes touch.
public struct DiffScope: Hashable, Sendable {
    public var settings: Bool
    public var businessUnits: Set<String>?
    public var users: Set<String>?
    public var teams: Set<String>?
    public var roles: Set<String>?
    public var profiles: Set<String>?
    public var tables: Set<String>?
    public var entraGroups: Set<String>?

    /// Every object.
    public static let everything = DiffScope(settings: true)

    public init(
        settings: Bool = false, businessUnits: Set<String>? = nil, users: Set<String>? = nil,
        teams: Set<String>? = nil, roles: Set<String>? = nil, profiles: Set<String>? = nil,
        tables: Set<String>? = nil, entraGroups: Set<String>? = nil
    ) {
        self.settings = settings
        self.businessUnits = businessUnits
        self.users = users
        self.teams = teams
        self.roles = roles
        self.profiles = profiles
        self.tables = tables
        self.entraGroups = entraGroups
    }
}

/// Compares two environments that speak one id space (the base already remapped), object by
/// object, and turns differing facts into entries.
struct EnvironmentComparer {
    let base: Environment
    let target: Environment
    let mapping: IdMapping
    let scope: DiffScope
    let rules: RiskRules
    /// Stops the comparison part way (see ``DiffCancellation``).
    let cancellation: DiffCancellation?

    init(base: Environment, target: Environment, mapping: IdMapping, scope: DiffScope, cancellation: DiffCancellation? = nil) {
        self.base = base
        self.target = target
        self.mapping = mapping
        self.scope = scope
        self.cancellation = cancellation
        rules = RiskRules(base: base, target: target)
    }

    /// The kinds of objects compared, in the order their entries are listed. Each part can be
    /// computed on its own (the diff compares the users in two halves, one per core).
    enum Part: CaseIterable {
        case settings, businessUnits, roles, profiles, tables, teams, users, entraGroups
    }

    /// The entries of the target's users in `share` of `shares` interleaved slices (by position),
    /// then, with the last share, the users only the base has: the largest part of the comparison,
    /// split so that both cores can compare it. Together the shares give ``entries(of:)``'s users.
    func userEntries(share: Int, of shares: Int) -> [DiffEntry] {
        compare(
            .user, base.users, target.users, only: scope.users, baseIds: mapping.users, name: \.name,
            facts: { $0.facts(of: $1) }, share: (share, shares))
    }

    func entries(of part: Part) -> [DiffEntry] {
        switch part {
        case .settings:
            guard scope.settings, base.settings != target.settings else { return [] }
            let lines = FactDiff.lines(base: base.settingsFacts(), target: target.settingsFacts()) { f, o, n in
                rules.classify(.environment, objectId: target.id, bothPresent: true, fact: f, old: o, new: n)
            }
            guard !lines.isEmpty else { return [] }
            var e = entry(.environment, target.id, baseName: base.name, targetName: target.name, bothPresent: true, lines)
            // Matched by name or type rather than id (another environment, or a new copy).
            if base.id != target.id { e.baseObjectId = base.id }
            return [e]
        case .businessUnits:
            return compare(
                .businessUnit, base.businessUnits, target.businessUnits, only: scope.businessUnits,
                baseIds: mapping.businessUnits, name: \.name, facts: { $0.facts(of: $1) })
        case .roles:
            // Privileges are compared row by row (eight levels at once), not as one fact per cell.
            return compare(
                .role, base.roles, target.roles, only: scope.roles, baseIds: mapping.roles, name: \.name,
                facts: { $0.facts(of: $1, privileges: false) }, extraLines: privilegeLines)
        case .profiles:
            return compare(
                .fieldSecurityProfile, base.fieldSecurityProfiles, target.fieldSecurityProfiles, only: scope.profiles,
                baseIds: mapping.profiles, name: \.name, facts: { $0.facts(of: $1) })
        case .tables:
            return compare(
                .table, base.tables, target.tables, only: scope.tables, baseIds: [:], name: \.logicalName,
                facts: { $0.facts(of: $1) })
        case .teams:
            return compare(
                .team, base.teams, target.teams, only: scope.teams, baseIds: mapping.teams, name: \.name,
                unchanged: { b, t in b == t && !groupChanged(t.entraGroupId) }, facts: { $0.facts(of: $1) })
        case .users:
            return userEntries(share: 0, of: 1)
        case .entraGroups:
            var entries = compare(
                .entraGroup, base.entraGroups, target.entraGroups, only: scope.entraGroups, baseIds: mapping.entraGroups,
                name: \.name, facts: { $0.facts(of: $1) })
            for k in entries.indices {
                let id = entries[k].objectId
                let baseId = entries[k].baseObjectId ?? id
                entries[k].groupTeamIds = Set(
                    target.teams.values.filter { $0.entraGroupId == id }.map(\.id)
                        + base.teams.values.filter { $0.entraGroupId == baseId }.map { mapping.teams[$0.id] ?? $0.id })
            }
            return entries
        }
    }

    /// The privilege lines of a role: what ``Environment/facts(of:privileges:)`` would list as one
    /// fact per granted cell, compared a table row at a time.
    func privilegeLines(_ b: SecurityRole?, _ t: SecurityRole?) -> [DiffLine] {
        let pb = b?.privileges ?? [:]
        let pt = t?.privileges ?? [:]
        var out: [DiffLine] = []
        func add(_ table: String, _ old: PrivilegeRow, _ new: PrivilegeRow) {
            for op in TableOperation.allCases where old[op] != new[op] {
                let o: FactValue? = old[op] == .none ? nil : .level(old[op])
                let n: FactValue? = new[op] == .none ? nil : .level(new[op])
                let (risk, reasons) = rules.levelChange(o, n, operation: op, table: table)
                out.append(
                    DiffLine(
                        field: .privilege, subject: "\(table) \(op.label)", old: o?.display, new: n?.display,
                        risk: risk, reasons: reasons, table: table, operation: op))
            }
        }
        for (table, row) in pt {
            let old = pb[table] ?? .empty
            if old != row { add(table, old, row) }
        }
        for (table, row) in pb where pt[table] == nil && !row.isEmpty { add(table, row, .empty) }
        return out
    }

    /// Whether an Entra group differs, so that a group team's resolved members may differ.
    func groupChanged(_ id: String?) -> Bool {
        guard let id else { return false }
        return base.entraGroups[id] != target.entraGroups[id]
    }

    func compare<T: Equatable>(
        _ kind: DiffObjectKind, _ baseObjects: [String: T], _ targetObjects: [String: T], only: Set<String>?,
        baseIds: [String: String], name: (T) -> String, unchanged: ((T, T) -> Bool)? = nil,
        facts: (Environment, T) -> [Fact], extraLines: ((T?, T?) -> [DiffLine])? = nil,
        share: (index: Int, count: Int) = (0, 1)
    ) -> [DiffEntry] {
        let originalIds = baseIds.isEmpty ? [:] : Dictionary(baseIds.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        var out: [DiffEntry] = []
        func visit(_ id: String, _ b: T?, _ t: T?) {
            if let b, let t, unchanged?(b, t) ?? (b == t) { return }
            if b == nil && t == nil { return }
            let both = b != nil && t != nil
            var lines = FactDiff.lines(base: b.map { facts(base, $0) }, target: t.map { facts(target, $0) }) { f, o, n in
                rules.classify(kind, objectId: id, bothPresent: both, fact: f, old: o, new: n)
            }
            if let extraLines { lines += extraLines(b, t) }
            guard !lines.isEmpty else { return }
            var e = entry(kind, id, baseName: b.map(name), targetName: t.map(name), bothPresent: both, lines)
            e.baseObjectId = originalIds[id]
            out.append(e)
        }
        // Checked every 1,024 objects: a cancelled comparison's result is dropped anyway.
        let cancellation = self.cancellation
        if let only {
            // Interleaved shares of the objects named, as below: deleting a role 97,000 users
            // hold names every one of them (the console's pending-changes impact).
            for (k, id) in only.enumerated() where k % share.count == share.index {
                if k & 1023 == 0, cancellation?.isCancelled == true { break }
                visit(id, baseObjects[id], targetObjects[id])
            }
            return out
        }
        // Target objects in their order (those in this share), then those only the base has: one
        // lookup per object. By position: the base is looked up by key once, and an id only the
        // target has costs no second lookup. (Reading `values[i]` still copies the object out,
        // retaining its fields; `visit` skips an unchanged one.)
        var matched = 0
        var position = 0
        var i = targetObjects.startIndex
        while i != targetObjects.endIndex {
            defer {
                i = targetObjects.index(after: i)
                position += 1
            }
            guard position % share.count == share.index else { continue }
            if position & 1023 == 0, cancellation?.isCancelled == true { break }
            let id = targetObjects.keys[i]
            guard let j = baseObjects.index(forKey: id) else {
                visit(id, nil, targetObjects.values[i])
                continue
            }
            matched += 1
            visit(id, baseObjects.values[j], targetObjects.values[i])
        }
        // Removed objects, found by key with the last share (without copying the others out);
        // with one share, only when some base object went unmatched.
        if share.index == share.count - 1 && (share.count > 1 || matched < baseObjects.count) {
            for id in baseObjects.keys where targetObjects.index(forKey: id) == nil { visit(id, baseObjects[id], nil) }
        }
        return out
    }

    func entry(
        _ kind: DiffObjectKind, _ id: String, baseName: String?, targetName: String?, bothPresent: Bool,
        _ lines: [DiffLine]
    ) -> DiffEntry {
        let action: DiffAction
        var renamedFrom: String?
        if !bothPresent {
            action = targetName == nil ? .removed : .added
        } else {
            let renamed = lines.contains { $0.field == .name }
            if renamed { renamedFrom = baseName }
            action = renamed && lines.count == 1 ? .renamed : .modified
        }
        return DiffEntry(
            kind: kind, objectId: id, name: targetName ?? baseName ?? id, renamedFrom: renamedFrom,
            action: action, lines: lines)
    }
}
