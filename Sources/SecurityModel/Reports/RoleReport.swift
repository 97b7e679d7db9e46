/// One role: who holds it and how, and what it grants.
public struct RoleReport: Hashable, Sendable {
    /// A user holding the role.
    public struct HolderLine: Hashable, Sendable {
        public var userId: String
        public var name: String
        public var domainName: String
        /// `direct` (``RoleReport/directPath``), or `team Sales EU (Owner)`.
        public var path: String
        public var dormancy: [Dormancy]
        /// The path of the business unit whose copy of the role this holder (or its team) holds,
        /// where the snapshot names one and business units are modernized; `nil` otherwise.
        public var copyBusinessUnit: String? = nil
    }

    /// A team holding the role.
    public struct TeamLine: Hashable, Sendable {
        public var teamId: String
        public var name: String
        public var type: TeamType
        public var businessUnit: String
        public var memberCount: Int
    }

    /// The ``HolderLine/path`` of a user holding the role directly.
    public static let directPath = "direct"

    public var environment: EnvironmentReference
    public var roleId: String
    public var name: String
    public var businessUnit: String
    /// `System Administrator`, `System Customizer`, `Basic User`, or `nil` for a custom role.
    public var builtIn: String?
    public var inheritsMemberPrivileges: Bool
    /// `false` when the file did not say (a solution export without `isinherited`): the value is
    /// then Dataverse's default.
    public var inheritsMemberPrivilegesKnown: Bool = true
    public var description: String?
    public var summaryOfCoreTablePermissions: String?
    public var isManaged: Bool
    public var holders: [HolderLine]
    public var teams: [TeamLine]
    /// Table privileges by table logical name; System Administrator lists every table at Organization.
    public var privileges: [PrivilegeLine]
    public var miscPrivileges: [NamedLevel]
    public var unmappedPrivileges: [NamedLevel]

    /// The levels a role grants on one table.
    public struct PrivilegeLine: Hashable, Sendable {
        public var table: String
        public var row: PrivilegeRow
    }

    /// A privilege by name and its level.
    public struct NamedLevel: Hashable, Sendable {
        public var name: String
        public var level: AccessLevel
    }

    /// Builds the report, or `nil` when the role is not in the environment.
    public init?(environment env: Environment, roleId: String) {
        guard let role = env.roles[roleId] else { return nil }
        environment = EnvironmentReference(env)
        self.roleId = role.id
        name = role.name
        businessUnit = env.businessUnitPath(role.businessUnitId)
        builtIn = role.builtIn?.rawValue
        inheritsMemberPrivileges = role.inheritsMemberPrivileges
        // System Administrator's is fixed: nothing to know from the file.
        inheritsMemberPrivilegesKnown = role.inheritsMemberPrivilegesKnown || role.isSystemAdministrator
        description = role.description
        summaryOfCoreTablePermissions = role.summaryOfCoreTablePermissions
        isManaged = role.isManaged
        let holdingTeams = env.sortedTeams.filter { $0.type.holdsRoles && $0.roleIds.contains(role.id) }
        var lines: [HolderLine] = []
        for user in env.sortedUsers where user.roleIds.contains(role.id) {
            lines.append(
                HolderLine(
                    userId: user.id, name: user.name, domainName: user.domainName, path: Self.directPath,
                    dormancy: env.dormancy(of: user), copyBusinessUnit: env.namedCopyPath(of: role.id, user: user, team: nil)))
        }
        var teamLines: [TeamLine] = []
        for team in holdingTeams {
            let members = env.members(of: team).compactMap { env.users[$0] }.sortedByName(\.name, id: \.id)
            teamLines.append(
                TeamLine(
                    teamId: team.id, name: team.name, type: team.type,
                    businessUnit: env.businessUnitPath(team.businessUnitId), memberCount: members.count))
            for user in members {
                lines.append(
                    HolderLine(
                        userId: user.id, name: user.name, domainName: user.domainName,
                        path: "team \(team.name) (\(team.type.label))", dormancy: env.dormancy(of: user),
                        copyBusinessUnit: env.namedCopyPath(of: role.id, user: user, team: team)))
            }
        }
        holders = lines
        teams = teamLines
        privileges = Self.privileges(of: role, in: env)
        miscPrivileges = Self.miscPrivileges(of: role, in: env)
        unmappedPrivileges = Self.unmappedPrivileges(of: role)
    }

    /// The privileges of a solution file that name no known table, by name.
    static func unmappedPrivileges(of role: SecurityRole) -> [NamedLevel] {
        role.unmappedPrivileges.sorted { $0.key.lowercased() < $1.key.lowercased() }.map {
            NamedLevel(name: $0.key, level: $0.value)
        }
    }

    /// Table privileges by table logical name; System Administrator lists every table at
    /// Organization (the operations its ownership allows).
    static func privileges(of role: SecurityRole, in env: Environment) -> [PrivilegeLine] {
        env.tablePrivileges(of: role).sorted { $0.key < $1.key }.map { PrivilegeLine(table: $0.key, row: $0.value) }
    }

    /// Miscellaneous privileges; System Administrator holds every privilege the roles name, at
    /// Organization (the engine's rule 13), whatever its own list says.
    static func miscPrivileges(of role: SecurityRole, in env: Environment) -> [NamedLevel] {
        role.isSystemAdministrator
            ? MiscPrivilegeRule.allNames(env.sortedRoles).map { NamedLevel(name: $0.name, level: .organization) }
            : role.miscPrivileges.sorted { $0.key.lowercased() < $1.key.lowercased() }.map { NamedLevel(name: $0.key, level: $0.value) }
    }
}

extension Environment {
    /// The path of the unit whose copy of a role a user holds directly (`team` nil) or through a
    /// team, where the snapshot names it and business units are modernized (where it is read).
    func namedCopyPath(of roleId: String, user: User, team: Team?) -> String? {
        guard settings.modernizedBusinessUnits, let unit = (team?.roleBusinessUnitIds ?? user.roleBusinessUnitIds)[roleId] else {
            return nil
        }
        return businessUnitPath(unit)
    }
}
