/// Two users of one environment side by side: the roles, teams and access one has and the other
/// lacks. Answers the everyday tickets "why can Alex delete accounts and Allan can't?" and "give
/// the new hire what her colleague has". Built from two ``UserAccessReport``s (the engine's
/// answers), so it follows the same rules and states the same limits.
///
/// Levels are the **granted** levels (what the roles add up to after the table's ownership and
/// the access mode), not the runtime ones: a disabled or unlicensed user would otherwise differ
/// everywhere. Each side's dormancy is reported instead.
public struct UserAccessComparison: Hashable, Sendable {
    /// One side: who, where, and why they may have no runtime access.
    public struct Side: Hashable, Sendable {
        public var userId: String
        public var name: String
        public var domainName: String
        public var businessUnit: String
        public var accessMode: AccessMode
        public var dormancy: [Dormancy]
    }

    /// A role held by one user only, with how it is held (`direct`, `team Sales EU (Owner)`).
    public struct RoleDifference: Hashable, Sendable {
        public var roleName: String
        public var path: String
    }

    /// A table operation whose granted level differs, with the grant that decides it on each side.
    public struct TableDifference: Hashable, Sendable {
        public var table: String
        public var operation: TableOperation
        public var left: AccessLevel
        public var right: AccessLevel
        /// The deciding grant in words (`direct role Salesperson`), `nil` at None.
        public var leftVia: String?
        public var rightVia: String?
        /// That side's user is in access mode Read and the operation is not Read: the level is
        /// None by that rule whatever the roles grant [I] (DATAVERSE.md §2 rule 4).
        public var leftReadAccessMode = false
        public var rightReadAccessMode = false
        /// The table is organization-owned: any level a role grants there counts as Organization
        /// [I] (DATAVERSE.md §2), which the levels on its rows are.
        public var organizationOwned = false

        /// A side's level with its deciding grant or the rule that sets it: `User (direct role
        /// "Salesperson")`, `None (access mode Read [I])`, `None`.
        public func label(left side: Bool) -> String {
            let (level, via) = side ? (left, leftVia) : (right, rightVia)
            return level.label + (via.map { " (\($0))" } ?? "") + (rule(left: side).map { " (\($0))" } ?? "")
        }

        /// The rule that sets a side's level whatever its grants: `access mode Read [I]`, or `nil`.
        public func rule(left side: Bool) -> String? {
            (side ? leftReadAccessMode : rightReadAccessMode) ? Self.readAccessModeRule : nil
        }

        static let readAccessModeRule = "access mode Read [I]"
    }

    /// A secured-column permission one user has and the other lacks.
    public struct ColumnDifference: Hashable, Sendable {
        public var column: ColumnReference
        public var kind: ColumnPermissionKind
        /// Whether the left user has it (the right one then does not).
        public var left: Bool
        /// How the user who has it has it (`profile HR (team Payroll)`, `System Administrator`).
        public var via: [String]
    }

    /// A miscellaneous privilege at different levels.
    public struct MiscDifference: Hashable, Sendable {
        public var name: String
        public var left: AccessLevel
        public var right: AccessLevel
        /// The roles granting it on each side.
        public var leftRoles: [String]
        public var rightRoles: [String]
        /// Granted, but that side's access mode Read keeps it from working: it writes [I].
        public var leftBlocked = false
        public var rightBlocked = false

        /// The levels that work: none where access mode Read blocks the privilege.
        public var leftEffective: AccessLevel { leftBlocked ? .none : left }
        public var rightEffective: AccessLevel { rightBlocked ? .none : right }

        /// "Organization", or "Organization (not effective: access mode Read [I])".
        public func label(left side: Bool) -> String {
            side ? left.label + (leftBlocked ? Self.blockedNote : "") : right.label + (rightBlocked ? Self.blockedNote : "")
        }

        static let blockedNote = " (not effective: access mode Read [I])"
    }

    public var environment: EnvironmentReference
    public var left: Side
    public var right: Side
    public var rolesOnlyLeft: [RoleDifference]
    public var rolesOnlyRight: [RoleDifference]
    /// Team names (with type) one user is in and the other is not.
    public var teamsOnlyLeft: [String]
    public var teamsOnlyRight: [String]
    /// By table, then operation.
    public var tables: [TableDifference]
    public var columns: [ColumnDifference]
    public var misc: [MiscDifference]
    public var notEvaluated: [String]

    /// The table differences with the operations of a table merged when they read the same
    /// (`quote Create, Write, Delete: User (direct role Salesperson) | None`), in table order.
    public var groupedTables: [(table: String, operations: [TableOperation], difference: TableDifference)] {
        TableDifferences.grouped(tables, table: \.table, operation: \.operation) {
            $0.left == $1.left && $0.right == $1.right && $0.leftVia == $1.leftVia && $0.rightVia == $1.rightVia
                && $0.leftReadAccessMode == $1.leftReadAccessMode && $0.rightReadAccessMode == $1.rightReadAccessMode
        }
    }

    /// The column differences with the permissions of a column merged when the same user has
    /// them the same way (`contact.governmentid Read, Create, Update: only Alex via profile HR`).
    public var groupedColumns: [(column: ColumnReference, kinds: [ColumnPermissionKind], difference: ColumnDifference)] {
        var out: [(column: ColumnReference, kinds: [ColumnPermissionKind], difference: ColumnDifference)] = []
        for d in columns {
            if let last = out.indices.last, out[last].column == d.column, out[last].difference.left == d.left,
                out[last].difference.via == d.via
            {
                out[last].kinds.append(d.kind)
            } else {
                out.append((d.column, [d.kind], d))
            }
        }
        return out
    }

    /// Business Unit and Parent: Child levels reach different records when the users are in
    /// different business units (classic business units).
    public var scopesDiffer: Bool { left.businessUnit != right.businessUnit }

    /// What the levels are, said above the differences: what each user's grants give, dormancy
    /// aside, and, when a user is in access mode Read, that the mode keeps only the Read
    /// privilege [I], so their other operations are None whatever the roles grant (the rows say
    /// "None (access mode Read [I])"). A docs review found the header saying only "what each
    /// user's grants give" above rows where the mode had set the grants aside.
    public var levelsNote: String {
        let readOnly = [left, right].filter { $0.accessMode == .read }.map(\.name)
        var out = "Levels are what each user's grants give, dormancy aside"
        if !readOnly.isEmpty {
            out +=
                "; access mode Read (\(readOnly.joined(separator: ", "))) keeps only the Read privilege [I]:"
                + " other operations are None whatever the roles grant"
        }
        // The rows of an organization-owned table show Organization for any level granted [I]
        // (found by a docs review's follow-up: the rule applied without a word).
        let owned = Set(tables.filter(\.organizationOwned).map(\.table)).sorted()
        if !owned.isEmpty {
            let names =
                owned.count <= 3 ? owned.joined(separator: ", ") : owned.prefix(3).joined(separator: ", ") + " and \(owned.count - 3) more"
            out += "; on organization-owned tables (\(names)) any level counts as Organization [I]"
        }
        return out
    }

    /// Whether the two users hold the same access (roles and teams may still differ in how).
    public var hasSameAccess: Bool { tables.isEmpty && columns.isEmpty && misc.isEmpty }
    /// Whether nothing differs at all.
    public var isIdentical: Bool {
        hasSameAccess && rolesOnlyLeft.isEmpty && rolesOnlyRight.isEmpty && teamsOnlyLeft.isEmpty && teamsOnlyRight.isEmpty
    }

    /// Compares two users of `env`; `nil` when either is not in it.
    public init?(environment env: Environment, left leftId: String, right rightId: String) {
        guard let l = UserAccessReport(environment: env, userId: leftId), let r = UserAccessReport(environment: env, userId: rightId),
            let leftUser = env.users[leftId], let rightUser = env.users[rightId]
        else { return nil }
        environment = l.environment
        func side(_ report: UserAccessReport) -> Side {
            Side(
                userId: report.userId, name: report.name, domainName: report.domainName, businessUnit: report.businessUnit,
                accessMode: report.accessMode, dormancy: report.dormancy)
        }
        left = side(l)
        right = side(r)

        func roles(_ report: UserAccessReport) -> [RoleDifference] {
            report.roles.map { RoleDifference(roleName: $0.roleName, path: $0.path) }
        }
        let leftRoles = roles(l)
        let rightRoles = roles(r)
        // Roles are compared with the way each side holds them (directly, through which team).
        // A role and the way it is held: Salesperson held directly and through a team is not the
        // same as Salesperson held directly (removing the direct role would leave the team's).
        struct Holding: Hashable {
            var roleId: String
            var path: String
        }
        let leftHoldings = Set(zip(l.roles, leftRoles).map { Holding(roleId: $0.0.roleId, path: $0.1.path) })
        let rightHoldings = Set(zip(r.roles, rightRoles).map { Holding(roleId: $0.0.roleId, path: $0.1.path) })
        rolesOnlyLeft = zip(l.roles, leftRoles).filter { !rightHoldings.contains(Holding(roleId: $0.0.roleId, path: $0.1.path)) }
            .map(\.1).sorted(by: Self.byName)
        rolesOnlyRight = zip(r.roles, rightRoles).filter { !leftHoldings.contains(Holding(roleId: $0.0.roleId, path: $0.1.path)) }
            .map(\.1).sorted(by: Self.byName)
        let leftTeams = Set(l.teams.map(\.teamId))
        let rightTeams = Set(r.teams.map(\.teamId))
        func label(_ t: UserAccessReport.TeamLine) -> String { "\(t.name) (\(t.type.label)\(t.isDefault ? ", default team" : ""))" }
        teamsOnlyLeft = l.teams.filter { !rightTeams.contains($0.teamId) }.map(label).sorted()
        teamsOnlyRight = r.teams.filter { !leftTeams.contains($0.teamId) }.map(label).sorted()

        let leftRows = Dictionary(l.matrix.map { ($0.table, $0.grantedLevels) }, uniquingKeysWith: { a, _ in a })
        let rightRows = Dictionary(r.matrix.map { ($0.table, $0.grantedLevels) }, uniquingKeysWith: { a, _ in a })
        let leftContext = env.accessContext(of: leftUser)
        let rightContext = env.accessContext(of: rightUser)
        func via(_ context: UserAccessContext, _ table: String, _ op: TableOperation) -> String? {
            env.effectiveAccess(of: context, table: table, operation: op).winningGrant.map { env.describe($0.path) }
        }
        // Access mode Read sets every operation but Read to None [I]: the row says so on that side.
        func readMode(_ user: User, _ op: TableOperation) -> Bool { user.accessMode == .read && op != .read }
        tables = TableDifferences.between(leftRows, rightRows).map { d in
            TableDifference(
                table: d.table, operation: d.operation, left: d.left, right: d.right,
                leftVia: d.left == .none ? nil : via(leftContext, d.table, d.operation),
                rightVia: d.right == .none ? nil : via(rightContext, d.table, d.operation),
                leftReadAccessMode: readMode(leftUser, d.operation), rightReadAccessMode: readMode(rightUser, d.operation),
                organizationOwned: env.tables[d.table]?.ownership == .organization)
        }

        let rightColumns = Dictionary(r.columns.map { ($0.column, $0) }, uniquingKeysWith: { a, _ in a })
        var columns: [ColumnDifference] = []
        for lc in l.columns {
            guard let rc = rightColumns[lc.column] else { continue }
            for kind in ColumnPermissionKind.allCases {
                let a = lc.allowed[kind] ?? false
                let b = rc.allowed[kind] ?? false
                if a != b { columns.append(ColumnDifference(column: lc.column, kind: kind, left: a, via: a ? lc.via : rc.via)) }
            }
        }
        self.columns = columns

        let leftMisc = Dictionary(l.miscPrivileges.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let rightMisc = Dictionary(r.miscPrivileges.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        misc = Set(leftMisc.keys).union(rightMisc.keys).sorted { $0.lowercased() < $1.lowercased() }.compactMap { name in
            let a = leftMisc[name]
            let b = rightMisc[name]
            let difference = MiscDifference(
                name: name, left: a?.level ?? .none, right: b?.level ?? .none, leftRoles: a?.rolesList(\.label) ?? [],
                rightRoles: b?.rolesList(\.label) ?? [], leftBlocked: a?.blockedByReadAccessMode ?? false,
                rightBlocked: b?.blockedByReadAccessMode ?? false)
            // Equal grants differ when access mode Read blocks them for one user only [I].
            guard difference.left != difference.right || difference.leftEffective != difference.rightEffective else { return nil }
            return difference
        }
        notEvaluated = l.notEvaluated
    }

    static func byName(_ a: RoleDifference, _ b: RoleDifference) -> Bool {
        (a.roleName.lowercased(), a.path) < (b.roleName.lowercased(), b.path)
    }
}
