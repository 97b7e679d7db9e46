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

/// What every rule needs: the environment, its index, each user's role holdings, and how to name places.
struct CheckContext {
    let env: Environment
    let index: AccessIndex
    let options: CheckOptions
    /// Role holdings per user (direct and through owner/group teams).
    let holdings: [String: [RoleHolding]]
    /// User ids per role, direct or through a team (unsorted; see ``holders(ofRole:)``).
    let holdersByRole: [String: [String]]
    /// Member ids per team, as the index resolves them.
    let membersByTeam: [String: [String]]
    /// Names of the non-default teams a user is an explicit member of (`teammembership`).
    let explicitTeams: [String: [String]]
    let rootId: String?

    init(environment: Environment, index: AccessIndex, options: CheckOptions) {
        env = environment
        self.index = index
        self.options = options
        var h: [String: [RoleHolding]] = [:]
        h.reserveCapacity(environment.users.count)
        for user in environment.users.values {
            let teams = (index.teamsByUser[user.id] ?? []).compactMap { environment.teams[$0] }
            h[user.id] = environment.roleHoldings(of: user, teams: teams)
        }
        holdings = h
        var byRole: [String: Set<String>] = [:]
        for (uid, held) in h { for x in held { byRole[x.roleId, default: []].insert(uid) } }
        holdersByRole = byRole.mapValues(Array.init)
        var members: [String: [String]] = [:]
        for (u, teams) in index.teamsByUser { for t in teams { members[t, default: []].append(u) } }
        membersByTeam = members
        var explicit: [String: [String]] = [:]
        for team in environment.sortedTeams where !team.isDefault {
            for u in team.memberIds { explicit[u, default: []].append(team.name) }
        }
        explicitTeams = explicit
        rootId = environment.rootBusinessUnit?.id
    }

    /// Whether the user holds System Administrator, directly or through a team.
    func isSystemAdministrator(_ user: User) -> Bool {
        env.systemAdministratorHolding(in: holdings[user.id] ?? []) != nil
    }

    /// Users holding a role, directly or through a team, sorted by name.
    func holders(ofRole roleId: String) -> [User] {
        (holdersByRole[roleId] ?? []).compactMap { env.users[$0] }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// Whether the user holds System Administrator or System Customizer.
    func holdsAdminRole(_ user: User) -> Bool {
        (holdings[user.id] ?? []).contains {
            let b = env.roles[$0.roleId]?.builtIn
            return b == .systemAdministrator || b == .systemCustomizer
        }
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

    /// Names for a message, shortened after `limit`.
    static func list(_ names: [String], limit: Int = 5) -> String {
        if names.count <= limit { return names.joined(separator: ", ") }
        return names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more"
    }
}
