import Dispatch

/// One side of a comparison, indexed: the engine's index (numbered principals and their
/// relations) and what the impact shows on every changed cell.
struct PrincipalIndex: Sendable {
    let environment: Environment
    let access: AccessIndex
    /// Business-unit paths (`Contoso / Europe / Sales EU`) by id, computed once.
    let paths: [String: String]
    /// The same paths by business-unit slot of the index (an unknown business unit shows its id).
    let scopePaths: [String]
    /// Field security profiles in ``Environment/sortedProfiles`` order, sorted once.
    let profiles: [FieldSecurityProfile]

    init(_ env: Environment) {
        environment = env
        access = AccessIndex(environment: env)
        let paths = Dictionary(env.businessUnits.keys.map { ($0, env.businessUnitPath($0)) }, uniquingKeysWith: { a, _ in a })
        self.paths = paths
        scopePaths = access.businessUnitIds.map { paths[$0] ?? $0 }
        profiles = env.sortedProfiles
    }

    /// Principal slots holding a role directly or through a team (repeats possible).
    func holders(ofRole id: String) -> [Int32] {
        guard let slot = access.roleSlots[id] else { return [] }
        var out = Array(access.roleUsers[Int(slot)])
        for t in access.roleTeams[Int(slot)] { out += access.teamMembers[Int(t)] }
        return out
    }

    /// Holders of a role (as ``holders(ofRole:)``) whose Local and Deep grants may reach other
    /// units than the user's own: those who hold some role through a team (Local there is the
    /// team's unit), or every holder when business units are modernized (the role's unit). For
    /// anyone else every Local grant is their own unit, so a privilege raised beside another at
    /// the same level reaches nothing new.
    func holdersReachingOtherUnits(ofRole id: String) -> [Int32] {
        let all = holders(ofRole: id)
        if environment.settings.modernizedBusinessUnits { return all }
        return all.filter { slot in
            Int(slot) < access.realUserCount && access.userTeams[Int(slot)].contains { !access.teamRoles[Int($0)].isEmpty }
        }
    }

    /// Principal slots whose Local and Deep grants may refer to one of `units`: users of those
    /// units (their direct roles, classic), members of teams of those units (the teams' roles),
    /// holders of roles made in those units (modernized), and users and teams naming a copy of
    /// one of those units (``User/roleBusinessUnitIds``). More than those whose grants do,
    /// never fewer: the impact compares each one's scopes with the engine.
    func holders(withScopeIn units: Set<String>) -> [Int32] {
        var out: [Int32] = []
        for (id, user) in environment.users
        where units.contains(user.businessUnitId) || user.roleBusinessUnitIds.values.contains(where: units.contains) {
            if let slot = access.userSlots[id] { out.append(slot) }
        }
        for team in environment.teams.values
        where units.contains(team.businessUnitId) || team.roleBusinessUnitIds.values.contains(where: units.contains) {
            out += members(ofTeam: team.id)
        }
        for role in environment.roles.values where units.contains(role.businessUnitId) { out += holders(ofRole: role.id) }
        return out
    }

    /// Slots of the users whose business unit is one of `units`.
    func users(inBusinessUnits units: Set<String>) -> [Int32] {
        (0..<access.realUserCount).filter { units.contains(access.businessUnitIds[Int(access.userBusinessUnits[$0])]) }.map(Int32.init)
    }

    /// Principal slots of a team's members.
    func members(ofTeam id: String) -> ArraySlice<Int32> {
        guard let slot = access.teamSlots[id] else { return [] }
        return access.teamMembers[Int(slot)]
    }
}

/// The principals of both sides in one numbering: the target's keep their slots, then come those
/// only the base knows. The touched users and the impact speak these numbers.
struct DiffPrincipals: Sendable {
    let base: AccessIndex
    let target: AccessIndex
    /// Base slot → number.
    let fromBase: [Int32]
    /// Number → base slot, or -1.
    let toBase: [Int32]

    init(base: AccessIndex, target: AccessIndex) {
        self.base = base
        self.target = target
        var toBase = [Int32](repeating: -1, count: target.userIds.count)
        var fromBase = [Int32](repeating: -1, count: base.userIds.count)
        for (b, id) in base.userIds.enumerated() {
            if let t = target.userSlots[id] {
                fromBase[b] = t
                toBase[Int(t)] = Int32(b)
            } else {
                fromBase[b] = Int32(toBase.count)
                toBase.append(Int32(b))
            }
        }
        self.fromBase = fromBase
        self.toBase = toBase
    }

    var count: Int { toBase.count }

    func id(_ n: Int) -> String { n < target.userIds.count ? target.userIds[n] : base.userIds[Int(toBase[n])] }

    /// The number of a user id, `nil` when neither side knows the id (such a user has no access to move).
    func number(of id: String) -> Int32? {
        if let t = target.userSlots[id] { return t }
        return base.userSlots[id].map { fromBase[Int($0)] }
    }

    /// The user's slot in the base when the base has the user.
    func baseUser(_ n: Int) -> Int? {
        let b = Int(toBase[n])
        return b >= 0 && b < base.realUserCount ? b : nil
    }

    /// The user's slot in the target when the target has the user.
    func targetUser(_ n: Int) -> Int? { n < target.realUserCount ? n : nil }

    /// Every user of either side.
    var everyone: [Int32] {
        var out = (0..<Int32(target.realUserCount)).map { $0 }
        for b in 0..<base.realUserCount where Int(fromBase[b]) >= target.realUserCount { out.append(fromBase[b]) }
        return out
    }
}
