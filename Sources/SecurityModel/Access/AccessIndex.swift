import Synchronization

/// Precomputed relations of one environment for questions over every user: who can do X,
/// everyone's effective matrix. Build it once per state of the environment; it is a value and
/// does not follow later edits.
///
/// Inside, principals are numbered (slots) and relations are flat lists of numbers, so that a
/// question over 100,000 users follows memberships and role assignments without hashing an id:
/// every id is looked up once, here.
public struct AccessIndex: Sendable {
    public let environment: Environment
    /// Tables in logical-name order; matrix rows follow it.
    public let tableNames: [String]
    public let tableIndex: [String: Int]
    /// Team ids per user (every kind of team, including default and resolved group teams), in
    /// display order. Built on first use from the numbered memberships (the diff never needs it).
    public var teamsByUser: [String: [String]] {
        teamsByUserCache.value {
            var out: [String: [String]] = [:]
            out.reserveCapacity(userIds.count)
            for u in 0..<userIds.count where !userTeams[u].isEmpty { out[userIds[u]] = userTeams[u].map { teamIds[Int($0)] } }
            return out
        }
    }
    private let teamsByUserCache = LazyValue<[String: [String]]>()
    /// Miscellaneous privileges per role slot and every name the environment's roles list; see
    /// ``miscPrivileges(ofUserAt:)``.
    let miscCache = LazyValue<MiscPrivilegeTable>()
    /// Identity of this index: contexts it built carry it, so their resolved positions are
    /// used only with it.
    let identity: Identity

    // Principals. Slots below `realUserCount` are the environment's users (in its dictionary
    // order); above it come ids that a team or group names but the environment lacks.
    let userIds: [String]
    let userSlots: [String: Int32]
    let realUserCount: Int
    /// Where each real user sits in `environment.users`.
    let userPositions: [Dictionary<String, User>.Index]
    /// Teams of each principal, in display order (team slots).
    let userTeams: Adjacency
    /// Roles assigned directly to each user, in role-id order (role slots).
    let userRoles: Adjacency

    // Teams, in display order (name, id): slot = position.
    let teamIds: [String]
    let teamNames: [String]
    let teamSlots: [String: Int32]
    let teamPositions: [Dictionary<String, Team>.Index]
    /// Members of each team (user slots), resolved like ``Environment/members(of:)``.
    let teamMembers: Adjacency
    /// Roles of each owner or group team, in role-id order (role slots); none for access teams.
    let teamRoles: Adjacency

    // Roles. Slots below `realRoleCount` are the environment's roles; above it come ids that an
    // assignment names but the environment lacks (they grant nothing).
    let roleIds: [String]
    let roleSlots: [String: Int32]
    let realRoleCount: Int
    /// Users holding each role directly, and owner/group teams holding each role: the reverse
    /// query starts from the roles and never scans every user.
    let roleUsers: Adjacency
    let roleTeams: Adjacency
    /// Per real role: the dense privilege rows (`slotRows[slot * tableNames.count + table]`,
    /// System Administrator at Organization everywhere) and what the grant order needs.
    let slotRows: [PrivilegeRow]
    let slotRoleNames: [String]
    let slotBusinessUnits: [String]
    let slotInherits: [Bool]
    let slotIsSystemAdministrator: [Bool]
    /// System Administrator or System Customizer: may sign in during admin mode.
    let slotSignsInDuringAdminMode: [Bool]

    /// Ownership per table, in ``tableNames`` order.
    let ownership: [TableOwnership]
    let rootBusinessUnitId: String?
    /// Members of the environment security group; `nil` when no group is set.
    let securityGroupMembers: [String: EntraGroupMember]?
    /// Per real user: passes the environment security group (no group, application user, or member).
    let userInSecurityGroup: [Bool]
    /// Per real user: what dormancy and the access mode rules read.
    let userFlags: [UserFlags]
    let userAccessModes: [AccessMode]

    // Business units: the environment's first, then ids that a user, team or role names but the
    // environment lacks. Per principal, the slot of its business unit.
    let businessUnitIds: [String]
    let businessUnitSlots: [String: Int32]
    let userBusinessUnits: [Int32]
    let teamBusinessUnits: [Int32]
    let slotBusinessUnitSlots: [Int32]
    /// The root's slot, -1 when the tree has no root.
    let rootBusinessUnitSlot: Int32
    /// Per business-unit slot, its parent's slot (-1 for the root and for ids the environment
    /// lacks).
    let businessUnitParentSlots: [Int32]
    /// Per business-unit slot: the name of the disabled unit it is, or is under
    /// (``Environment/disablingBusinessUnit(of:)``), worked out once per unit so that no user
    /// walks the tree; `nil` when none is (and for ids the environment lacks).
    let disablingBusinessUnitNames: [String?]
    /// The business-unit slot of the copy a user or team holds, where the snapshot names one
    /// (``User/roleBusinessUnitIds``), by ``heldCopyKey(role:user:team:)``. Empty in most
    /// organisations: looked up only with modernized business units.
    let heldCopyBusinessUnitSlots: [UInt64: Int32]

    public init(environment env: Environment) {
        self.environment = env
        identity = Identity()
        let names = env.tables.keys.sorted()
        tableNames = names
        var index: [String: Int] = [:]
        index.reserveCapacity(names.count)
        for (i, n) in names.enumerated() { index[n] = i }
        tableIndex = index
        ownership = names.map { env.tables[$0]?.ownership ?? .userOrTeam }
        rootBusinessUnitId = env.rootBusinessUnit?.id
        let groupMembers = env.settings.securityGroupId.map { env.entraGroups[$0]?.members ?? [:] }
        securityGroupMembers = groupMembers
        var businessUnitIds = Array(env.businessUnits.keys)
        var businessUnitSlots = Dictionary(uniqueKeysWithValues: businessUnitIds.enumerated().map { ($0.element, Int32($0.offset)) })
        func businessUnitSlot(_ id: String) -> Int32 { slot(of: id, numbering: &businessUnitIds, &businessUnitSlots) }
        rootBusinessUnitSlot = rootBusinessUnitId.map(businessUnitSlot) ?? -1

        // Roles: real ones first; unknown ids get a slot when first named.
        var roleIds: [String] = []
        var roleSlots: [String: Int32] = [:]
        roleSlots.reserveCapacity(env.roles.count)
        var flat = [PrivilegeRow](repeating: .empty, count: env.roles.count * names.count)
        var roleBUSlots: [Int32] = []
        var roleNames: [String] = []
        var roleBUs: [String] = []
        var inherits: [Bool] = []
        var admins: [Bool] = []
        var signIn: [Bool] = []
        for (slot, role) in env.roles.values.enumerated() {
            roleSlots[role.id] = Int32(slot)
            roleIds.append(role.id)
            let builtIn = role.builtIn
            if builtIn == .systemAdministrator {
                for i in 0..<names.count { flat[slot * names.count + i] = PrivilegeRow(all: .organization) }
            } else {
                for (t, row) in role.privileges { if let i = index[t] { flat[slot * names.count + i] = row } }
            }
            roleNames.append(role.name)
            roleBUs.append(role.businessUnitId)
            roleBUSlots.append(businessUnitSlot(role.businessUnitId))
            inherits.append(role.inheritsMemberPrivileges)
            admins.append(builtIn == .systemAdministrator)
            signIn.append(builtIn == .systemAdministrator || builtIn == .systemCustomizer)
        }
        realRoleCount = roleIds.count
        slotRows = flat
        slotRoleNames = roleNames
        slotBusinessUnits = roleBUs
        slotBusinessUnitSlots = roleBUSlots
        slotInherits = inherits
        slotIsSystemAdministrator = admins
        slotSignsInDuringAdminMode = signIn
        func roleSlot(_ id: String) -> Int32 { slot(of: id, numbering: &roleIds, &roleSlots) }

        // Users: slots in dictionary order, grouped by business unit for the default teams.
        var userIds: [String] = []
        userIds.reserveCapacity(env.users.count)
        var userSlots: [String: Int32] = [:]
        userSlots.reserveCapacity(env.users.count)
        var positions: [Dictionary<String, User>.Index] = []
        positions.reserveCapacity(env.users.count)
        var usersByBU: [[Int32]] = Array(repeating: [], count: businessUnitIds.count)
        var userBUs: [Int32] = []
        userBUs.reserveCapacity(env.users.count)
        var inGroup: [Bool] = []
        inGroup.reserveCapacity(env.users.count)
        var flags: [UserFlags] = []
        var modes: [AccessMode] = []
        flags.reserveCapacity(env.users.count)
        modes.reserveCapacity(env.users.count)
        var userRolePairs: [(source: Int32, target: Int32)] = []
        userRolePairs.reserveCapacity(env.users.count * 3)
        var heldCopies: [UInt64: Int32] = [:]
        var i = env.users.startIndex
        while i != env.users.endIndex {
            // One copy of the user (a `Dictionary.Values` subscript returns a copy, every field
            // retained): read it once, not once per field.
            let id = env.users.keys[i]
            let user = env.users.values[i]
            let slot = Int32(userIds.count)
            userIds.append(id)
            userSlots[id] = slot
            positions.append(i)
            let bu = businessUnitSlot(user.businessUnitId)
            if Int(bu) == usersByBU.count { usersByBU.append([]) }
            usersByBU[Int(bu)].append(slot)
            userBUs.append(bu)
            inGroup.append(groupMembers.map { user.isApplicationUser || $0.index(forKey: id) != nil } ?? true)
            var f: UserFlags = []
            if user.isDisabled { f.insert(.disabled) }
            if user.lacksNeededLicence { f.insert(.lacksNeededLicence) }
            if user.isApplicationUser { f.insert(.applicationUser) }
            flags.append(f)
            modes.append(user.accessMode)
            for r in user.roleIds { userRolePairs.append((slot, roleSlot(r))) }
            for (r, unit) in user.roleBusinessUnitIds {
                heldCopies[Self.heldCopyKey(role: roleSlot(r), user: Int(slot), team: -1)] = businessUnitSlot(unit)
            }
            i = env.users.index(after: i)
        }
        realUserCount = userIds.count
        userPositions = positions
        userBusinessUnits = userBUs
        userInSecurityGroup = inGroup
        userFlags = flags
        userAccessModes = modes
        func userSlot(_ id: String) -> Int32 { slot(of: id, numbering: &userIds, &userSlots) }

        // Teams in display order (NameOrder, then id), so every user's list comes out sorted.
        var keyed: [(key: String, name: String, id: String, position: Dictionary<String, Team>.Index)] = []
        keyed.reserveCapacity(env.teams.count)
        var j = env.teams.startIndex
        while j != env.teams.endIndex {
            let name = env.teams.values[j].name
            keyed.append((NameOrder.key(name), name, env.teams.keys[j], j))
            j = env.teams.index(after: j)
        }
        keyed.sort { ($0.key, $0.name, $0.id) < ($1.key, $1.name, $1.id) }
        let sorted = keyed.map(\.position)
        var teamIds: [String] = []
        var teamNames: [String] = []
        var teamSlots: [String: Int32] = [:]
        teamSlots.reserveCapacity(sorted.count)
        var memberPairs: [(source: Int32, target: Int32)] = []
        var teamBUs: [Int32] = []
        teamBUs.reserveCapacity(sorted.count)
        var teamRolePairs: [(source: Int32, target: Int32)] = []
        for position in sorted {
            let team = env.teams.values[position]
            let t = Int32(teamIds.count)
            teamIds.append(team.id)
            teamNames.append(team.name)
            teamSlots[team.id] = t
            let bu = businessUnitSlot(team.businessUnitId)
            teamBUs.append(bu)
            if team.isDefault {
                if Int(bu) < usersByBU.count { for u in usersByBU[Int(bu)] { memberPairs.append((t, u)) } }
            } else if team.type.isGroupTeam, let gid = team.entraGroupId, let group = env.entraGroups[gid] {
                let type = team.membershipType ?? .membersAndGuests
                for (m, kind) in group.members where type.includes(kind) { memberPairs.append((t, userSlot(m))) }
            } else {
                for m in team.memberIds { memberPairs.append((t, userSlot(m))) }
            }
            if team.type.holdsRoles {
                for r in team.roleIds { teamRolePairs.append((t, roleSlot(r))) }
                for (r, unit) in team.roleBusinessUnitIds {
                    heldCopies[Self.heldCopyKey(role: roleSlot(r), user: -1, team: t)] = businessUnitSlot(unit)
                }
            }
        }
        heldCopyBusinessUnitSlots = heldCopies
        self.teamIds = teamIds
        self.teamNames = teamNames
        self.teamSlots = teamSlots
        teamBusinessUnits = teamBUs
        self.businessUnitIds = businessUnitIds
        self.businessUnitSlots = businessUnitSlots
        businessUnitParentSlots = businessUnitIds.map { id in
            env.businessUnits[id]?.parentId.flatMap { businessUnitSlots[$0] } ?? -1
        }
        disablingBusinessUnitNames = businessUnitIds.map { env.disablingBusinessUnit(of: $0)?.name }
        teamPositions = sorted
        self.userIds = userIds
        self.userSlots = userSlots
        self.roleIds = roleIds
        self.roleSlots = roleSlots

        // Role-id order for the lists of roles (the order of a user's holdings).
        var rank = [Int32](repeating: 0, count: roleIds.count)
        for (r, slot) in roleIds.indices.sorted(by: { roleIds[$0] < roleIds[$1] }).enumerated() { rank[slot] = Int32(r) }
        let members = Adjacency(count: teamIds.count, pairs: memberPairs)
        teamMembers = members
        teamRoles = Adjacency(count: teamIds.count, pairs: teamRolePairs).sortingEachList(by: rank)
        userRoles = Adjacency(count: userIds.count, pairs: userRolePairs).sortingEachList(by: rank)
        roleUsers = Adjacency(count: roleIds.count, pairs: userRolePairs.map { ($0.target, $0.source) })
        roleTeams = Adjacency(count: roleIds.count, pairs: teamRolePairs.map { ($0.target, $0.source) })
        var userTeamPairs: [(source: Int32, target: Int32)] = []
        userTeamPairs.reserveCapacity(memberPairs.count)
        for t in 0..<teamIds.count { for u in members[t] { userTeamPairs.append((u, Int32(t))) } }
        let byUser = Adjacency(count: userIds.count, pairs: userTeamPairs)
        userTeams = byUser
    }

    /// Teams of a user, from the index.
    public func teams(of user: User) -> [Team] {
        guard let slot = userSlots[user.id] else { return [] }
        return userTeams[Int(slot)].map { environment.teams.values[teamPositions[Int($0)]] }
    }

    /// Calls `body` with every user's effective matrix (runtime levels, rows in ``tableNames``
    /// order). The matrix buffer is reused between calls: copy what you keep. Streaming keeps
    /// memory flat for 100,000 users.
    public func forEachEffectiveMatrix(_ body: (User, [PrivilegeRow]) -> Void) {
        forEachEffectiveMatrixBySlot { slot, matrix in body(environment.users.values[userPositions[slot]], matrix) }
    }

    /// ``forEachEffectiveMatrix(_:)`` by user slot, for callers that read what they need from the
    /// index's arrays instead of copying each user.
    func forEachEffectiveMatrixBySlot(_ body: (Int, [PrivilegeRow]) -> Void) {
        let count = tableNames.count
        var matrix = [PrivilegeRow](repeating: .empty, count: count)
        let emptyMatrix = matrix
        for slot in 0..<realUserCount {
            let dense = denseUser(slot)
            guard !dense.isDormant else {
                body(slot, emptyMatrix)
                continue
            }
            matrix.withUnsafeMutableBufferPointer { grantedMatrix(dense, into: $0) }
            body(slot, matrix)
        }
    }
}

extension AccessIndex {
    /// Tells indexes apart (contexts remember which index resolved them).
    final class Identity: Sendable {}
}

/// A value computed on first use and kept, safely shared between threads.
final class LazyValue<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)

    func value(_ make: () -> Value) -> Value {
        storage.withLock { cached in
            if let cached { return cached }
            let made = make()
            cached = made
            return made
        }
    }
}

/// The slot of `id` in `slots`, or the next number (and `id` appended to `ids`) when it is new:
/// how the index numbers business units, roles and users, known ones first, then ids that
/// something names but the environment lacks.
private func slot(of id: String, numbering ids: inout [String], _ slots: inout [String: Int32]) -> Int32 {
    if let s = slots[id] { return s }
    let s = Int32(ids.count)
    slots[id] = s
    ids.append(id)
    return s
}
