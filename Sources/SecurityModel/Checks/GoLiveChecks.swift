/// Thresholds of the go-live rules that need one. The defaults are documented in the
/// DiffAndChecks article; change them per run with the initializer.
public struct CheckOptions: Hashable, Sendable {
    /// AP4a: more enabled human users than this holding System Administrator is "widely".
    public var maxSystemAdministrators: Int
    /// AP4b: a role is broad when it grants Organization Write/Delete/Assign/Share on at least this
    /// share of the user-owned tables (and at least ``broadRoleMinimumTables``), or on at least
    /// ``broadRoleAbsoluteTables`` tables.
    public var broadRoleTableShare: Double
    public var broadRoleMinimumTables: Int
    public var broadRoleAbsoluteTables: Int
    /// AP4c: a role granting Organization on at least this share of all (table, operation) cells is
    /// a clone of System Administrator.
    public var cloneCoverage: Double
    /// AP5: a table is broadly shareable when at least this share of the enabled users (and at least
    /// ``shareMinimumUsers``) can Share it.
    public var shareUserShare: Double
    public var shareMinimumUsers: Int
    /// AP5: a role grants Share broadly when it grants Share at Business Unit or above on at least
    /// this many tables.
    public var shareRoleMinimumTables: Int
    /// GL5b.
    public var maxBusinessUnitDepth: Int
    public var maxBusinessUnits: Int

    public init(
        maxSystemAdministrators: Int = 5, broadRoleTableShare: Double = 0.5, broadRoleMinimumTables: Int = 3,
        broadRoleAbsoluteTables: Int = 20, cloneCoverage: Double = 0.9, shareUserShare: Double = 0.5,
        shareMinimumUsers: Int = 5, shareRoleMinimumTables: Int = 3, maxBusinessUnitDepth: Int = 3,
        maxBusinessUnits: Int = 25
    ) {
        self.maxSystemAdministrators = maxSystemAdministrators
        self.broadRoleTableShare = broadRoleTableShare
        self.broadRoleMinimumTables = broadRoleMinimumTables
        self.broadRoleAbsoluteTables = broadRoleAbsoluteTables
        self.cloneCoverage = cloneCoverage
        self.shareUserShare = shareUserShare
        self.shareMinimumUsers = shareMinimumUsers
        self.shareRoleMinimumTables = shareRoleMinimumTables
        self.maxBusinessUnitDepth = maxBusinessUnitDepth
        self.maxBusinessUnits = maxBusinessUnits
    }
}

/// The go-live checks of DATAVERSE.md §4, run on one environment of a snapshot.
public enum GoLiveChecks {
    /// Runs every rule and returns the findings, errors first.
    public static func run(_ environment: Environment, options: CheckOptions = CheckOptions()) -> [Finding] {
        run(environment, index: AccessIndex(environment: environment), options: options)
    }

    /// Runs every rule with an index the caller already built for this state of the environment.
    public static func run(_ environment: Environment, index: AccessIndex, options: CheckOptions = CheckOptions()) -> [Finding] {
        let context = CheckContext(environment: environment, index: index, options: options)
        var out: [Finding] = []
        out += context.sensitiveColumns()
        out += context.credentialTables()
        out += context.organizationOwnedCustomTables()
        out += context.systemAdministratorHolders()
        out += context.broadRoles()
        out += context.broadSharing()
        out += context.environmentSettings()
        out += context.groupTeamsOutsideSecurityGroup()
        out += context.rolesWithoutReadWebResource()
        out += context.usersWithoutRole()
        out += context.teamRolesWithoutInheritance()
        out += context.businessUnitStructure()
        out += context.rolesHeldOutsideTheirBranch()
        out += context.roleCopiesThatCannotBeHeld()
        out += context.enabledBusinessUnitsUnderDisabledOnes()
        out += context.columnSecurityCoverage()
        out += context.unassignedRoles()
        out += context.disabledUsersWithAccess()
        out += context.contradictoryDescriptions()
        return out.sorted(by: Finding.order)
    }

    /// Runs the checks on every environment of a snapshot.
    public static func run(_ snapshot: Snapshot, options: CheckOptions = CheckOptions()) -> [Finding] {
        snapshot.sortedEnvironments.flatMap { run($0, options: options) }.sorted(by: Finding.order)
    }
}

/// What every rule needs: the environment, its index, who holds what, and how to name places.
///
/// Holdings come from the index's numbered relations (the same ones the engine computes access
/// from), worked out once per user slot: a rule over 100,000 users reads arrays, not dictionaries.
struct CheckContext {
    let env: Environment
    let index: AccessIndex
    let options: CheckOptions
    /// Per user slot: holds System Administrator (directly or through a team).
    private let systemAdministratorSlots: [Bool]
    /// Per user slot: holds any role id at all, directly or through an owner or group team.
    private let anyRoleSlots: [Bool]
    /// Per user slot: some grant acts as the user (DATAVERSE.md §2.2): a direct role, a team role
    /// with member privilege inheritance, or System Administrator however held. Without one the
    /// user can't own records (what they create through the team is the team's).
    private let actsAsSelfSlots: [Bool]
    /// Real users holding each role (by role slot), directly or through a team, each once.
    private let holderSlots: [[Int32]]
    /// Organization-level table privileges of each role, by id (see ``organizationCells(_:)``).
    private let organizationCellCounts: [String: Int]
    let rootId: String?

    init(environment: Environment, index: AccessIndex, options: CheckOptions) {
        env = environment
        self.index = index
        self.options = options
        let users = index.realUserCount
        let roles = index.roleIds.count
        let real = Int32(index.realRoleCount)
        let isAdmin = index.slotIsSystemAdministrator
        let inherits = index.slotInherits
        var sa = [Bool](repeating: false, count: users)
        var any = sa
        var asSelf = sa
        for u in 0..<users {
            var holdsAny = !index.userRoles[u].isEmpty
            var a = index.userRoles[u].contains { $0 < real && isAdmin[Int($0)] }
            var acts = index.userRoles[u].contains { $0 < real }
            for t in index.userTeams[u] {
                let held = index.teamRoles[Int(t)]
                if !held.isEmpty { holdsAny = true }
                a = a || held.contains { $0 < real && isAdmin[Int($0)] }
                acts = acts || held.contains { $0 < real && inherits[Int($0)] }
            }
            sa[u] = a
            any[u] = holdsAny
            asSelf[u] = acts || a
        }
        systemAdministratorSlots = sa
        anyRoleSlots = any
        actsAsSelfSlots = asSelf
        // Holders per role: direct users, then members of the teams holding it, each user once.
        var stamp = [Int32](repeating: -1, count: users)
        var holders: [[Int32]] = []
        holders.reserveCapacity(roles)
        for r in 0..<roles {
            var list: [Int32] = []
            func add(_ u: Int32) {
                guard Int(u) < users, stamp[Int(u)] != Int32(r) else { return }
                stamp[Int(u)] = Int32(r)
                list.append(u)
            }
            for u in index.roleUsers[r] { add(u) }
            for t in index.roleTeams[r] { for u in index.teamMembers[Int(t)] { add(u) } }
            holders.append(list)
        }
        holderSlots = holders
        var cells: [String: Int] = [:]
        for role in environment.roles.values { cells[role.id] = environment.organizationCells(of: role) }
        organizationCellCounts = cells
        rootId = environment.rootBusinessUnit?.id
    }

    private func slot(_ user: User) -> Int? {
        index.userSlots[user.id].map(Int.init).flatMap { $0 < index.realUserCount ? $0 : nil }
    }

    /// Whether the user holds System Administrator, directly or through a team.
    func isSystemAdministrator(_ user: User) -> Bool {
        slot(user).map { systemAdministratorSlots[$0] } ?? false
    }

    /// The user's role holdings, in ``Environment/roleHoldings(of:teams:)`` order (roles the
    /// environment lacks left out: they grant nothing).
    func holdings(of user: User) -> [RoleHolding] {
        guard let s = slot(user) else { return [] }
        return index.denseUser(s).holdings.map {
            RoleHolding(roleId: index.roleIds[Int($0.role)], teamId: $0.team < 0 ? nil : index.teamIds[Int($0.team)])
        }
    }

    /// How many users hold a role, directly or through a team.
    func holderCount(ofRole roleId: String) -> Int {
        index.roleSlots[roleId].map { holderSlots[Int($0)].count } ?? 0
    }

    /// The user slots holding a role, directly or through a team, each once.
    func holderSlots(ofRole roleId: String) -> [Int32] {
        index.roleSlots[roleId].map { holderSlots[Int($0)] } ?? []
    }

    /// The users of `slots` that pass `include`, sorted by name (only those kept are copied out).
    func users(slots: [Int32], _ include: (Int) -> Bool) -> [User] {
        slots.lazy.map(Int.init).filter(include).map { index.environment.users.values[index.userPositions[$0]] }
            .sortedByName(\.name, id: \.id)
    }

    /// Whether a team has members, as the engine resolves them (group teams through their Entra group).
    func hasMembers(team id: String) -> Bool {
        index.teamSlots[id].map { !index.teamMembers[Int($0)].isEmpty } ?? false
    }

    /// Whether a user can act at run time: enabled, in an enabled business unit, in the security
    /// group, licensed where needed, not shut out by administration mode (DATAVERSE.md §2.4), not in
    /// access mode Administrative. A dormant user reaches no table or secured column.
    func isActive(slot s: Int32) -> Bool { Int(s) < index.realUserCount && !index.denseUser(Int(s)).isDormant }

    /// Whether a user signs in: as ``isActive(slot:)``, but a user in access mode Administrative
    /// counts (they sign in to Settings and Administration, without customer data).
    func signsIn(slot s: Int32) -> Bool { Int(s) < index.realUserCount && !index.denseUser(Int(s)).keptFromSigningIn }

    /// Whether a user id names a user who can act at run time.
    func isActiveUser(_ id: String) -> Bool { index.userSlots[id].map(isActive(slot:)) ?? false }

    /// Whether a team has a member who can act at run time.
    func hasActiveMembers(team id: String) -> Bool {
        index.teamSlots[id].map { index.teamMembers[Int($0)].contains(where: isActive(slot:)) } ?? false
    }

    /// The users whose slot passes `include` (decided from the index's arrays, so only the users
    /// kept are copied out), sorted by name.
    func users(slots include: (Int) -> Bool) -> [User] {
        (0..<index.realUserCount).filter(include).map { index.environment.users.values[index.userPositions[$0]] }
            .sortedByName(\.name, id: \.id)
    }

    /// Whether the user in slot `s` holds System Administrator, directly or through a team.
    func holdsSystemAdministrator(slot s: Int) -> Bool { systemAdministratorSlots[s] }

    /// Whether the user in slot `s` holds any role id at all.
    func anyRoleSlot(_ s: Int) -> Bool { anyRoleSlots[s] }

    /// Whether some grant acts as the user in slot `s` (see `actsAsSelfSlots`).
    func actsAsSelf(slot s: Int) -> Bool { actsAsSelfSlots[s] }

    /// Why an enabled user can't sign in (DATAVERSE.md §1.9, §2.4), or nil when they can: an
    /// application or non-interactive user, one in a disabled business unit, outside the security
    /// group, unlicensed, or shut out by administration mode.
    func whyNotSigningIn(slot s: Int) -> String? {
        if index.userFlags[s].contains(.applicationUser) { return "an application user" }
        if index.userAccessModes[s] == .nonInteractive { return "a non-interactive user" }
        // The engine's own reasons (the dormancy the access answers carry), first one said.
        switch index.denseUser(s).dormancy.first {
        case nil: return nil
        case .disabled?: return "disabled"
        case .businessUnitDisabled(let unit)?: return "in disabled business unit \(unit)"
        case .outsideSecurityGroup?: return "outside the security group"
        case .unlicensed?: return "unlicensed"
        case .adminMode?: return "shut out by administration mode"
        // Signs in to Settings and Administration: no customer data, but signed in.
        case .administrativeAccessMode?: return nil
        }
    }

    /// Table privileges (cells) a role grants at Organization.
    func organizationCells(_ role: SecurityRole) -> Int {
        organizationCellCounts[role.id] ?? 0
    }

    // MARK: Places

    func place(role: SecurityRole) -> FindingPlace {
        FindingPlace(environment: env, path: "role/\(role.name)", key: "role:\(role.id)")
    }

    func place(user: User) -> FindingPlace {
        FindingPlace(environment: env, path: "user/\(user.domainName.isEmpty ? user.name : user.domainName)", key: "user:\(user.id)")
    }

    func place(team: Team) -> FindingPlace {
        FindingPlace(environment: env, path: "team/\(team.name)", key: "team:\(team.id)")
    }

    func place(user: User, role: SecurityRole) -> FindingPlace {
        let who = user.domainName.isEmpty ? user.name : user.domainName
        return FindingPlace(environment: env, path: "user/\(who)/role/\(role.name)", key: "user:\(user.id)/role:\(role.id)")
    }

    func place(team: Team, role: SecurityRole) -> FindingPlace {
        FindingPlace(environment: env, path: "team/\(team.name)/role/\(role.name)", key: "team:\(team.id)/role:\(role.id)")
    }

    func place(table: Table) -> FindingPlace {
        FindingPlace(environment: env, path: "table/\(table.logicalName)", key: "table:\(table.logicalName)")
    }

    func place(column ref: ColumnReference) -> FindingPlace {
        FindingPlace(environment: env, path: "table/\(ref.table)/column/\(ref.column)", key: "column:\(ref.description)")
    }

    func place(profile: FieldSecurityProfile) -> FindingPlace {
        FindingPlace(environment: env, path: "profile/\(profile.name)", key: "profile:\(profile.id)")
    }

    func place(businessUnit id: String) -> FindingPlace {
        FindingPlace(environment: env, path: "businessUnit/\(env.businessUnitPath(id))", key: "businessUnit:\(id)")
    }

    var environmentPlace: FindingPlace { FindingPlace(environment: env, path: "environment", key: "environment") }

    /// Names of records for a message, each quoted as every output quotes a name
    /// (``quotedName(_:)``), shortened after `limit`.
    static func quotedList(_ names: [String], limit: Int = 5) -> String { list(names.map(quotedName), limit: limit) }

    /// Names for a message, shortened after `limit`.
    static func list(_ names: [String], limit: Int = 5) -> String {
        if names.count <= limit { return names.joined(separator: ", ") }
        return names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more"
    }
}
