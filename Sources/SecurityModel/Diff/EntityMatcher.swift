/// How base objects correspond to target objects whose id differs, per kind: base id -> target id.
///
/// Objects with the same id on both sides match implicitly and are not listed, so comparing an
/// environment with itself (or with an edited copy) costs nothing here.
public struct IdMapping: Hashable, Sendable {
    public var businessUnits: [String: String] = [:]
    public var users: [String: String] = [:]
    public var teams: [String: String] = [:]
    public var roles: [String: String] = [:]
    public var profiles: [String: String] = [:]
    public var entraGroups: [String: String] = [:]
    /// How each listed pair was matched, by `kind:targetId`: `root`, `path`, `name`,
    /// `only unmatched child of its parent`, `domain name`, `template`, `default team`,
    /// `Entra group`, `only unmatched team of its type in its business unit`.
    public var matchedBy: [String: String] = [:]

    public init() {}

    /// No object matched by anything but its id.
    public var isEmpty: Bool {
        businessUnits.isEmpty && users.isEmpty && teams.isEmpty && roles.isEmpty && profiles.isEmpty && entraGroups.isEmpty
    }
}

/// Matches the objects of two environments. Roles and profiles travel in solutions, so their ids
/// are stable (DATAVERSE.md §4); built-in roles also match by template id. Business units and teams
/// are environment data: by id, falling back to path and name, and last to their place (the only
/// unmatched one there; a team also with the same roles or members). Users: by id, then domain name.
enum EntityMatcher {
    static func match(base: Environment, target: Environment) -> IdMapping {
        var m = IdMapping()
        // Users are matched on their own (on one core: 100,000 of them), everything else on the other.
        var users: [String: String] = [:]
        var usersMatchedBy: [String: String] = [:]
        runConcurrently([
            {
                let domain: (User) -> String? = { $0.domainName.isEmpty ? nil : $0.domainName.lowercased() }
                pairUnique(
                    base.users, target.users, baseKey: domain, targetKey: domain,
                    into: &users, how: "domain name", kind: "user", &usersMatchedBy)
            },
            { matchOthers(base, target, &m) },
        ])
        m.users = users
        m.matchedBy.merge(usersMatchedBy) { a, _ in a }
        // Last, with the users known: a team renamed across environments (new id, new name).
        matchRenamedTeams(base, target, &m)
        return m
    }

    /// Business units, Entra groups, roles and teams.
    static func matchOthers(_ base: Environment, _ target: Environment, _ m: inout IdMapping) {
        matchBusinessUnits(base, target, &m)
        let groupName: (EntraGroup) -> String? = { $0.name.lowercased() }
        pairUnique(
            base.entraGroups, target.entraGroups, baseKey: groupName, targetKey: groupName,
            into: &m.entraGroups, how: "name", kind: "entraGroup", &m.matchedBy)
        let template: (SecurityRole) -> String? = { $0.normalizedTemplateId }
        pairUnique(
            base.roles, target.roles, baseKey: template, targetKey: template,
            into: &m.roles, how: "template", kind: "role", &m.matchedBy)
        matchTeams(base, target, &m)
    }

    /// Pairs objects whose ids differ and whose key is unique among the unmatched on both sides.
    /// `baseKey` must express the key in the target's id space.
    static func pairUnique<T>(
        _ base: [String: T], _ target: [String: T], baseKey: (T) -> String?, targetKey: (T) -> String?,
        into map: inout [String: String], how: String, kind: String, _ matchedBy: inout [String: String]
    ) {
        // By position: an object is read (copied out, its key made) only when its id is unmatched;
        // most ids match, and copying 100,000 users out just to look at their ids retains every field.
        var baseByKey: [String: [String]] = [:]
        var i = base.startIndex
        while i != base.endIndex {
            let id = base.keys[i]
            if target.index(forKey: id) == nil && map.index(forKey: id) == nil, let k = baseKey(base.values[i]) {
                baseByKey[k, default: []].append(id)
            }
            i = base.index(after: i)
        }
        guard !baseByKey.isEmpty else { return }
        let claimed = Set(map.values)
        var targetByKey: [String: [String]] = [:]
        var j = target.startIndex
        while j != target.endIndex {
            let id = target.keys[j]
            if base.index(forKey: id) == nil && !claimed.contains(id), let k = targetKey(target.values[j]) {
                targetByKey[k, default: []].append(id)
            }
            j = target.index(after: j)
        }
        for (k, bs) in baseByKey where bs.count == 1 {
            guard let ts = targetByKey[k], ts.count == 1 else { continue }
            map[bs[0]] = ts[0]
            matchedBy["\(kind):\(ts[0])"] = how
        }
    }

    /// A base business unit's id in the target's id space, if it is matched.
    static func targetId(_ baseId: String, _ target: Environment, _ map: [String: String]) -> String? {
        if let t = map[baseId] { return t }
        return target.businessUnits[baseId] != nil ? baseId : nil
    }

    static func matchBusinessUnits(_ base: Environment, _ target: Environment, _ m: inout IdMapping) {
        // The roots match each other whatever their names (they are often named after the environment).
        if let rb = base.rootBusinessUnit, let rt = target.rootBusinessUnit, rb.id != rt.id,
            target.businessUnits[rb.id] == nil, base.businessUnits[rt.id] == nil
        {
            m.businessUnits[rb.id] = rt.id
            m.matchedBy["businessUnit:\(rt.id)"] = "root"
        }
        // Top down: a child matches by name under matched parents; failing that, the only unmatched
        // child on each side of a matched parent is the same business unit renamed.
        while true {
            let before = m.businessUnits.count
            let known = m.businessUnits
            let baseParent: (BusinessUnit) -> String? = { bu in bu.parentId.flatMap { targetId($0, target, known) } }
            pairUnique(
                base.businessUnits, target.businessUnits,
                baseKey: { bu in baseParent(bu).map { $0 + "|" + bu.name.lowercased() } },
                targetKey: { bu in bu.parentId.map { $0 + "|" + bu.name.lowercased() } },
                into: &m.businessUnits, how: "path", kind: "businessUnit", &m.matchedBy)
            // A business unit moved elsewhere in the tree: a name unique on both sides is still a
            // match, tried before "the only unmatched child", so that a moved unit is not paired
            // with an unrelated new one that happens to be alone under its old parent.
            let name: (BusinessUnit) -> String? = { $0.parentId == nil ? nil : $0.name.lowercased() }
            if m.businessUnits.count == before {
                pairUnique(
                    base.businessUnits, target.businessUnits, baseKey: name, targetKey: name,
                    into: &m.businessUnits, how: "name", kind: "businessUnit", &m.matchedBy)
            }
            if m.businessUnits.count == before {
                pairUnique(
                    base.businessUnits, target.businessUnits, baseKey: baseParent, targetKey: { $0.parentId },
                    into: &m.businessUnits, how: "only unmatched child of its parent", kind: "businessUnit", &m.matchedBy)
            }
            if m.businessUnits.count == before { break }
        }
    }

    static func matchTeams(_ base: Environment, _ target: Environment, _ m: inout IdMapping) {
        let bus = m.businessUnits
        let groups = m.entraGroups
        let baseBU: (Team) -> String = { targetId($0.businessUnitId, target, bus) ?? "base:" + $0.businessUnitId }
        // The default team follows its business unit (it is renamed with it).
        pairUnique(
            base.teams, target.teams,
            baseKey: { $0.isDefault ? "default|" + baseBU($0) : nil },
            targetKey: { $0.isDefault ? "default|" + $0.businessUnitId : nil },
            into: &m.teams, how: "default team", kind: "team", &m.matchedBy)
        // A group team follows its Entra group.
        pairUnique(
            base.teams, target.teams,
            baseKey: { t in t.entraGroupId.map { "group|" + (groups[$0] ?? $0) } },
            targetKey: { t in t.entraGroupId.map { "group|" + $0 } },
            into: &m.teams, how: "Entra group", kind: "team", &m.matchedBy)
        pairUnique(
            base.teams, target.teams,
            baseKey: { $0.isDefault ? nil : baseBU($0) + "|" + $0.name.lowercased() },
            targetKey: { $0.isDefault ? nil : $0.businessUnitId + "|" + $0.name.lowercased() },
            into: &m.teams, how: "name", kind: "team", &m.matchedBy)
        let name: (Team) -> String? = { $0.isDefault ? nil : $0.name.lowercased() }
        pairUnique(
            base.teams, target.teams, baseKey: name, targetKey: name,
            into: &m.teams, how: "name", kind: "team", &m.matchedBy)
    }

    /// A team renamed where its id differs too (another environment: DATAVERSE.md §4 matches
    /// teams by name there): after id, default team, Entra group and name, the only unmatched
    /// team on each side of a matched business unit with the same type, membership type and
    /// Entra group (as the target names it) is the same team renamed, when it also holds the
    /// same roles (at least one) or has the same members, each in the target's ids. That evidence
    /// keeps a team deleted and an unrelated one created in its place (other roles, other
    /// people) a removal and an addition, while a rename with members or roles edited as well
    /// is still a rename whose edits are its lines, judged one by one. Default teams follow
    /// their business units and are never paired here.
    static func matchRenamedTeams(_ base: Environment, _ target: Environment, _ m: inout IdMapping) {
        let bus = m.businessUnits
        let groups = m.entraGroups
        let users = m.users
        let roles = m.roles
        func kind(_ t: Team, group: String?) -> String {
            "\(t.type.snapshotName)|\(t.membershipType?.snapshotName ?? "")|\(group ?? "")"
        }
        var paired = m.teams
        var how: [String: String] = [:]
        pairUnique(
            base.teams, target.teams,
            baseKey: { t in
                guard !t.isDefault, let bu = targetId(t.businessUnitId, target, bus) else { return nil }
                return bu + "|" + kind(t, group: t.entraGroupId.map { groups[$0] ?? $0 })
            },
            targetKey: { t in t.isDefault ? nil : t.businessUnitId + "|" + kind(t, group: t.entraGroupId) },
            into: &paired, how: "only unmatched team of its type in its business unit", kind: "team", &how)
        for (b, t) in paired where m.teams[b] == nil {
            guard let old = base.teams[b], let new = target.teams[t] else { continue }
            let oldRoles = Set(old.roleIds.map { roles[$0] ?? $0 })
            // A base member the target does not have (by id or domain name) is nobody there.
            let oldMembers = Set(old.memberIds.map { id in users[id] ?? (target.users[id] != nil ? id : "base:" + id) })
            let sameRoles = !oldRoles.isEmpty && oldRoles == new.roleIds
            guard sameRoles || oldMembers == new.memberIds else { continue }
            m.teams[b] = t
            m.matchedBy["team:\(t)"] = how["team:\(t)"]
        }
    }
}
