extension Environment {
    /// The miscellaneous privileges a user's roles grant, by lower-cased name: the answer of
    /// ``AccessIndex/miscPrivileges(of:)`` for one user, without building an index of the whole
    /// environment (EffectiveAccessRules rule 13).
    ///
    /// The highest level any held role grants wins, the first holding in
    /// ``roleHoldings(of:teams:)`` order breaking ties; a role held through an owner or group team
    /// counts whatever its member privilege inheritance [I]; System Administrator holds every
    /// privilege the environment's roles name, at Organization. Dormancy is ignored, as in the
    /// index: pass the same `holdings` to ``dormancy(of:holdings:)`` to know whether they work.
    public func miscPrivileges(of user: User, holdings: [RoleHolding]? = nil) -> [String: MiscPrivilegeGrant] {
        // Roles the environment lacks grant nothing and decide nothing, as in the index.
        let held = (holdings ?? roleHoldings(of: user)).filter { roles[$0.roleId] != nil }
        func grant(_ name: String, _ level: AccessLevel, _ h: RoleHolding, admin: Bool) -> MiscPrivilegeGrant {
            MiscPrivilegeGrant(
                name: name, level: level, roleId: h.roleId, roleName: roles[h.roleId]?.name ?? h.roleId,
                teamId: h.teamId, teamName: h.teamId.flatMap { teams[$0]?.name }, isSystemAdministrator: admin)
        }
        var out: [String: MiscPrivilegeGrant] = [:]
        if let admin = systemAdministratorHolding(in: held) {
            // Every name any role grants, spelled as the first role (in the index's role order) writes it.
            for role in roles.values {
                for (name, level) in role.miscPrivileges.sorted(by: { $0.key < $1.key }) where level > .none {
                    let key = name.lowercased()
                    if out[key] == nil { out[key] = grant(name, .organization, admin, admin: true) }
                }
            }
            return out
        }
        for h in held {
            guard let role = roles[h.roleId] else { continue }
            for (name, level) in role.miscPrivileges.sorted(by: { $0.key < $1.key }) where level > (out[name.lowercased()]?.level ?? .none)
            {
                out[name.lowercased()] = grant(name, level, h, admin: false)
            }
        }
        return out
    }
}
