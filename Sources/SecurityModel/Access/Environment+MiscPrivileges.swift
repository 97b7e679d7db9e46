extension Environment {
    /// The miscellaneous privileges a user's roles grant, by lower-cased name: the answer of
    /// ``AccessIndex/miscPrivileges(of:)`` for one user, without building an index of the whole
    /// environment (EffectiveAccessRules rule 13).
    ///
    /// The highest level any held role grants wins, the first holding in
    /// ``roleHoldings(of:teams:)`` order breaking ties; a role held through an owner or group team
    /// counts whatever its member privilege inheritance [I]; System Administrator holds every
    /// known privilege and every one the environment's roles name, at Organization. Dormancy is ignored, as in the
    /// index: pass the same `holdings` to ``dormancy(of:holdings:)`` to know whether they work.
    public func miscPrivileges(of user: User, holdings: [RoleHolding]? = nil) -> [String: MiscPrivilegeGrant] {
        miscPrivileges(held: holdings ?? roleHoldings(of: user))
    }

    /// The rule of ``miscPrivileges(of:holdings:)`` over the roles held, in order (a user's, or
    /// a team's own).
    func miscPrivileges(held holdings: [RoleHolding]) -> [String: MiscPrivilegeGrant] {
        // Roles the environment lacks grant nothing and decide nothing, as in the index.
        let held = holdings.compactMap { h -> MiscPrivilegeRule.Held? in
            guard let role = roles[h.roleId] else { return nil }
            return MiscPrivilegeRule.Held(
                roleId: h.roleId, roleName: role.name, teamId: h.teamId, teamName: h.teamId.flatMap { teams[$0]?.name },
                privileges: MiscPrivilegeRule.privileges(of: role))
        }
        let admin = held.first { roles[$0.roleId]?.isSystemAdministrator == true }
        return MiscPrivilegeRule.resolve(
            held: held, systemAdministrator: admin, allNames: admin == nil ? [] : MiscPrivilegeRule.allNames(roles.values))
    }
}
