extension Environment {
    /// A copy of this (base) environment with matched ids rewritten to the target's, so that both
    /// sides of a comparison speak one id space and the engine can be asked the same question on
    /// each. Unmatched ids never collide: an id present on both sides always matches itself.
    func remapped(_ m: IdMapping) -> Environment {
        guard !m.isEmpty else { return self }
        func bu(_ id: String) -> String { m.businessUnits[id] ?? id }
        func user(_ id: String) -> String { m.users[id] ?? id }
        func team(_ id: String) -> String { m.teams[id] ?? id }
        func role(_ id: String) -> String { m.roles[id] ?? id }
        func group(_ id: String) -> String { m.entraGroups[id] ?? id }
        var out = self
        out.settings.securityGroupId = settings.securityGroupId.map(group)
        out.businessUnits = rekeyed(businessUnits) { b in
            b.id = bu(b.id)
            b.parentId = b.parentId.map(bu)
        }
        out.users = rekeyed(users) { u in
            u.id = user(u.id)
            u.businessUnitId = bu(u.businessUnitId)
            u.managerId = u.managerId.map(user)
            if !m.roles.isEmpty { u.roleIds = Set(u.roleIds.map(role)) }
            if !u.roleBusinessUnitIds.isEmpty {
                u.roleBusinessUnitIds = Dictionary(u.roleBusinessUnitIds.map { (role($0.key), bu($0.value)) }, uniquingKeysWith: keepFirst)
            }
        }
        out.teams = rekeyed(teams) { t in
            t.id = team(t.id)
            t.businessUnitId = bu(t.businessUnitId)
            t.entraGroupId = t.entraGroupId.map(group)
            if !m.users.isEmpty { t.memberIds = Set(t.memberIds.map(user)) }
            if !m.roles.isEmpty { t.roleIds = Set(t.roleIds.map(role)) }
            if !t.roleBusinessUnitIds.isEmpty {
                t.roleBusinessUnitIds = Dictionary(t.roleBusinessUnitIds.map { (role($0.key), bu($0.value)) }, uniquingKeysWith: keepFirst)
            }
        }
        out.roles = rekeyed(roles) { r in
            r.id = role(r.id)
            r.businessUnitId = bu(r.businessUnitId)
        }
        out.fieldSecurityProfiles = rekeyed(fieldSecurityProfiles) { p in
            p.id = m.profiles[p.id] ?? p.id
            if !m.users.isEmpty { p.userIds = Set(p.userIds.map(user)) }
            if !m.teams.isEmpty { p.teamIds = Set(p.teamIds.map(team)) }
        }
        out.entraGroups = rekeyed(entraGroups) { g in
            g.id = group(g.id)
            if !m.users.isEmpty { g.members = Dictionary(g.members.map { (user($0.key), $0.value) }, uniquingKeysWith: keepFirst) }
        }
        return out
    }
}

/// Every value edited (ids rewritten) and filed under its new id, the first of two values that
/// now share an id kept.
private func rekeyed<V: Identifiable>(_ values: [String: V], _ edit: (inout V) -> Void) -> [String: V] where V.ID == String {
    Dictionary(
        keepingFirst: values.values.map { value in
            var v = value
            edit(&v)
            return (v.id, v)
        })
}

extension Dictionary {
    /// Builds a dictionary from pairs, keeping the first value of a repeated key (never traps).
    init(keepingFirst pairs: [(Key, Value)]) {
        self.init(pairs, uniquingKeysWith: { a, _ in a })
    }
}

private func keepFirst<V>(_ a: V, _: V) -> V { a }
