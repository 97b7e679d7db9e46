/// Who an edit would make a System Administrator or a System Customizer: the console asks before
/// such an edit in a production environment (the day before go-live, a role picked one line off is
/// the costliest slip).
public struct AdministratorGrant: Hashable, Sendable {
    /// System Administrator or System Customizer.
    public var role: BuiltInRole
    /// The environment the edit is in.
    public var environmentName: String
    public var environmentType: EnvironmentType
    /// Users who would newly hold the role and have runtime access (enabled, licensed, in the
    /// security group: DATAVERSE.md §2 dormancy), by name.
    public var users: [User]
}

extension Snapshot {
    /// The users `change` would newly make System Administrators or System Customizers, with
    /// runtime access, per role (System Administrator first); empty when it makes nobody one.
    ///
    /// Held directly or through a team (assigning the role to a user or a team, adding a member to
    /// a team that holds it, moving a user to a business unit whose default team holds it,
    /// enabling a user who holds it). Worked out by the engine on a copy with the change applied,
    /// for the users the change can reach; other changes make nobody an administrator.
    public func administratorGrants(of change: Change) -> [AdministratorGrant] {
        guard let envId = change.environmentId, let env = environments[envId] else { return [] }
        let admin = { (role: String) in
            let kind = env.roles[role]?.builtIn
            return kind == .systemAdministrator || kind == .systemCustomizer
        }
        // Only the users the change can reach, and only when an administrator role is involved:
        // the check below applies the change to a copy.
        let candidates: [String]
        switch change {
        case .assignUserRole(_, let user, let role):
            guard admin(role) else { return [] }
            candidates = [user]
        case .assignTeamRole(_, let team, let role):
            guard admin(role), let t = env.teams[team] else { return [] }
            candidates = Array(env.members(of: t))
        case .addTeamMember(_, let team, let user):
            guard env.teams[team]?.roleIds.contains(where: admin) == true else { return [] }
            candidates = [user]
        case .setUserBusinessUnit(_, let user, let unit):
            // A user joins the new business unit's default team, and the roles it holds.
            guard env.teams.values.contains(where: { $0.businessUnitId == unit && $0.isDefault && $0.roleIds.contains(where: admin) })
            else { return [] }
            candidates = [user]
        case .setUserDisabled(_, let user, false):
            guard let u = env.users[user], env.accessContext(of: u).holdings.contains(where: { admin($0.roleId) }) else { return [] }
            candidates = [user]
        default:
            return []
        }
        var after = self
        guard (try? after.apply(change)) != nil, let changed = after.environments[envId] else { return [] }
        var grants: [AdministratorGrant] = []
        for kind in [BuiltInRole.systemAdministrator, .systemCustomizer] {
            func holds(_ e: Environment, _ id: String) -> Bool {
                guard let user = e.users[id] else { return false }
                let context = e.accessContext(of: user)
                return !context.isDormant && context.holdings.contains { e.roles[$0.roleId]?.builtIn == kind }
            }
            let users = candidates.filter { holds(changed, $0) && !holds(env, $0) }.compactMap { changed.users[$0] }
            if !users.isEmpty {
                grants.append(
                    AdministratorGrant(
                        role: kind, environmentName: env.name, environmentType: env.type,
                        users: users.sorted { ($0.name, $0.id) < ($1.name, $1.id) }))
            }
        }
        return grants
    }
}
