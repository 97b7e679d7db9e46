import SecurityModel

/// Counts over every user that the details pane shows (a role's direct holders, a business
/// unit's users), computed in one pass instead of one pass per frame.
public struct EnvironmentCounts: Hashable, Sendable {
    /// Users holding a role directly, by role id.
    public var directHolders: [String: Int]
    /// Users per business unit id.
    public var usersPerBusinessUnit: [String: Int]

    public init(environment env: Environment) {
        var holders: [String: Int] = [:]
        var perUnit: [String: Int] = [:]
        for user in env.users.values {
            perUnit[user.businessUnitId, default: 0] += 1
            for role in user.roleIds { holders[role, default: 0] += 1 }
        }
        directHolders = holders
        usersPerBusinessUnit = perUnit
    }
}

extension Change {
    /// Whether the change can move a count of ``EnvironmentCounts``.
    var affectsCounts: Bool {
        switch self {
        case .assignUserRole, .removeUserRole, .setUserBusinessUnit, .deleteRole, .createRole, .deleteBusinessUnit: true
        case .compound(let parts): parts.contains { $0.affectsCounts }
        default: false
        }
    }
}
