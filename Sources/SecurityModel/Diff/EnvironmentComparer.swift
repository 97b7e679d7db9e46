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

    public init(settings: Bool = false, businessUnits: Set<String>? = nil, users: Set<String>? = nil,
                teams: Set<String>? = nil, roles: Set<String>? = nil, profiles: Set<String>? = nil,
                tables: Set<String>? = nil, entraGroups: Set<String>? = nil) {
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

    init(base: Environment, target: Environment, mapping: IdMapping, scope: DiffScope) {
        self.base = base
        self.target = target
        self.mapping = mapping
        self.scope = scope
        rules = RiskRules(base: base, target: target)
    }

    func entries() -> [DiffEntry] {
        var out: [DiffEntry] = []
        if scope.settings, base.settings != target.settings {
            let lines = FactDiff.lines(base: base.settingsFacts(), target: target.settingsFacts()) { f, o, n in
                rules.classify(.environment, objectId: target.id, bothPresent: true, fact: f, old: o, new: n)
            }
            if !lines.isEmpty {
                out.append(entry(.environment, target.id, baseName: base.name, targetName: target.name, bothPresent: true, lines))
            }
        }
        out += compare(.businessUnit, base.businessUnits, target.businessUnits, only: scope.businessUnits,
                       baseIds: mapping.businessUnits, name: \.name, facts: { $0.facts(of: $1) })
        out += compare(.role, base.roles, target.roles, only: scope.roles, baseIds: mapping.roles, name: \.name,
                       facts: { $0.facts(of: $1) })
        out += compare(.fieldSecurityProfile, base.fieldSecurityProfiles, target.fieldSecurityProfiles, only: scope.profiles,
                       baseIds: mapping.profiles, name: \.name, facts: { $0.facts(of: $1) })
        out += compare(.table, base.tables, target.tables, only: scope.tables, baseIds: [:], name: \.logicalName,
                       facts: { $0.facts(of: $1) })
        out += compare(.team, base.teams, target.teams, only: scope.teams, baseIds: mapping.teams, name: \.name,
                       unchanged: { b, t in b == t && !groupChanged(t.entraGroupId) }, facts: { $0.facts(of: $1) })
        out += compare(.user, base.users, target.users, only: scope.users, baseIds: mapping.users, name: \.name,
                       facts: { $0.facts(of: $1) })
        out += compare(.entraGroup, base.entraGroups, target.entraGroups, only: scope.entraGroups, baseIds: mapping.entraGroups,
                       name: \.name, facts: { $0.facts(of: $1) })
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
        facts: (Environment, T) -> [Fact]
    ) -> [DiffEntry] {
        let ids: [String]
        if let only {
            ids = Array(only)
        } else {
            var all = Array(targetObjects.keys)
            for k in baseObjects.keys where targetObjects[k] == nil { all.append(k) }
            ids = all
        }
        let originalIds = baseIds.isEmpty ? [:] : Dictionary(baseIds.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        var out: [DiffEntry] = []
        for id in ids {
            let b = baseObjects[id], t = targetObjects[id]
            if let b, let t, unchanged?(b, t) ?? (b == t) { continue }
            if b == nil && t == nil { continue }
            let both = b != nil && t != nil
            let lines = FactDiff.lines(base: b.map { facts(base, $0) }, target: t.map { facts(target, $0) }) { f, o, n in
                rules.classify(kind, objectId: id, bothPresent: both, fact: f, old: o, new: n)
            }
            guard !lines.isEmpty else { continue }
            var e = entry(kind, id, baseName: b.map(name), targetName: t.map(name), bothPresent: both, lines)
            e.baseObjectId = originalIds[id]
            out.append(e)
        }
        return out
    }

    func entry(_ kind: DiffObjectKind, _ id: String, baseName: String?, targetName: String?, bothPresent: Bool,
               _ lines: [DiffLine]) -> DiffEntry {
        let action: DiffAction
        var renamedFrom: String?
        if !bothPresent {
            action = targetName == nil ? .removed : .added
        } else {
            let renamed = lines.contains { $0.field == .name }
            if renamed { renamedFrom = baseName }
            action = renamed && lines.count == 1 ? .renamed : .modified
        }
        return DiffEntry(kind: kind, objectId: id, name: targetName ?? baseName ?? id, renamedFrom: renamedFrom,
                         action: action, lines: lines)
    }
}
