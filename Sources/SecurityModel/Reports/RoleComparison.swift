/// Two security roles of one environment side by side: the table privileges, miscellaneous
/// privileges and settings in which they differ. Answers "what does Sales Manager give that
/// Salesperson does not?" before a role is swapped for another or two are merged. Privileges are
/// read as ``RoleReport`` reads them, so System Administrator reads as Organization on every table
/// and every miscellaneous privilege, as the engine treats it.
public struct RoleComparison: Hashable, Sendable {
    /// One side: the role and how widely it is held.
    public struct Side: Hashable, Sendable {
        public var roleId: String
        public var name: String
        public var businessUnit: String
        public var builtIn: String?
        public var inheritsMemberPrivileges: Bool
        /// Users holding it, directly or through a team (each once).
        public var holders: Int
    }

    /// A table operation granted at different levels.
    public struct PrivilegeDifference: Hashable, Sendable {
        public var table: String
        public var operation: TableOperation
        public var left: AccessLevel
        public var right: AccessLevel
    }

    /// A miscellaneous (or unmapped) privilege at different levels.
    public struct NamedDifference: Hashable, Sendable {
        public var name: String
        public var left: AccessLevel
        public var right: AccessLevel
    }

    public var environment: EnvironmentReference
    public var left: Side
    public var right: Side
    /// By table, then operation.
    public var privileges: [PrivilegeDifference]
    public var miscPrivileges: [NamedDifference]
    public var unmappedPrivileges: [NamedDifference]

    /// Whether the two roles grant the same (their names, holders and settings may differ).
    public var grantsTheSame: Bool { privileges.isEmpty && miscPrivileges.isEmpty && unmappedPrivileges.isEmpty }
    /// Whether member privilege inheritance differs (it changes what a team role gives its members).
    public var inheritanceDiffers: Bool { left.inheritsMemberPrivileges != right.inheritsMemberPrivileges }

    /// Compares two roles of `env`; `nil` when either is not in it.
    public init?(environment env: Environment, left leftId: String, right rightId: String) {
        guard let leftRole = env.roles[leftId], let rightRole = env.roles[rightId] else { return nil }
        environment = EnvironmentReference(env)
        // Holders are counted, not listed: no dormancy per holder (a role of a 100,000-user
        // organisation can have tens of thousands).
        func side(_ role: SecurityRole) -> Side {
            var holders = Set(env.users.values.lazy.filter { $0.roleIds.contains(role.id) }.map(\.id))
            for team in env.teams.values where team.type.holdsRoles && team.roleIds.contains(role.id) {
                holders.formUnion(env.members(of: team).filter { env.users.index(forKey: $0) != nil })
            }
            return Side(
                roleId: role.id, name: role.name, businessUnit: env.businessUnitPath(role.businessUnitId),
                builtIn: role.builtIn?.rawValue, inheritsMemberPrivileges: role.inheritsMemberPrivileges, holders: holders.count)
        }
        left = side(leftRole)
        right = side(rightRole)
        let l = (privileges: RoleReport.privileges(of: leftRole, in: env), miscPrivileges: RoleReport.miscPrivileges(of: leftRole, in: env))
        let r = (
            privileges: RoleReport.privileges(of: rightRole, in: env), miscPrivileges: RoleReport.miscPrivileges(of: rightRole, in: env)
        )
        let leftRows = Dictionary(l.privileges.map { ($0.table, $0.row) }, uniquingKeysWith: { a, _ in a })
        let rightRows = Dictionary(r.privileges.map { ($0.table, $0.row) }, uniquingKeysWith: { a, _ in a })
        privileges = TableDifferences.between(leftRows, rightRows).map {
            PrivilegeDifference(table: $0.table, operation: $0.operation, left: $0.left, right: $0.right)
        }
        func differences(_ a: [RoleReport.NamedLevel], _ b: [RoleReport.NamedLevel]) -> [NamedDifference] {
            let left = Dictionary(a.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { x, _ in x })
            let right = Dictionary(b.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { x, _ in x })
            return Set(left.keys).union(right.keys).sorted().compactMap { key in
                let x = left[key]?.level ?? .none
                let y = right[key]?.level ?? .none
                guard x != y else { return nil }
                return NamedDifference(name: left[key]?.name ?? right[key]?.name ?? key, left: x, right: y)
            }
        }
        miscPrivileges = differences(l.miscPrivileges, r.miscPrivileges)
        unmappedPrivileges = differences(
            RoleReport.unmappedPrivileges(of: leftRole), RoleReport.unmappedPrivileges(of: rightRole))
    }

    /// The privilege differences with the operations of a table merged when they read the same
    /// (`quote Create, Write, Delete: User | None`), in table order.
    public var groupedPrivileges: [(table: String, operations: [TableOperation], left: AccessLevel, right: AccessLevel)] {
        TableDifferences.grouped(privileges, table: \.table, operation: \.operation) { $0.left == $1.left && $0.right == $1.right }
            .map { ($0.table, $0.operations, $0.difference.left, $0.difference.right) }
    }
}
