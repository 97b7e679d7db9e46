/// Everything one user can do in one environment, with the paths: for access reviews and
/// data-subject requests. Built with the engine; states what it does not evaluate.
public struct UserAccessReport: Hashable, Sendable {
    /// A role the user holds and how.
    public struct RoleLine: Hashable, Sendable {
        public var roleId: String
        public var roleName: String
        /// `direct`, or `team Sales EU (Owner)`.
        public var path: String
        public var teamId: String?
        public var isSystemAdministrator: Bool
        /// Member privilege inheritance of a team role; `nil` for a direct role.
        public var inheritsMemberPrivileges: Bool?
        /// The path of the business unit whose copy of the role the user (or the team) holds, where
        /// the snapshot names one and business units are modernized (Local and Deep reach it);
        /// `nil` otherwise.
        public var copyBusinessUnit: String? = nil
    }

    /// A team the user belongs to and why.
    public struct TeamLine: Hashable, Sendable {
        public var teamId: String
        public var name: String
        public var type: TeamType
        public var businessUnit: String
        /// `explicit`, `default team of the business unit`, or `Entra group <name>`.
        public var membership: String
        public var roleNames: [String]
        /// The business unit's default team (every user of the unit is in it).
        public var isDefault: Bool = false
    }

    /// A miscellaneous privilege and the roles that grant it.
    public struct MiscPrivilegeLine: Hashable, Sendable {
        public var name: String
        public var level: AccessLevel
        /// Every role naming the privilege, by name.
        public var roles: [String]
        /// The roles among ``roles`` that grant less than ``level``, with what they grant.
        public var lowerLevels: [String: AccessLevel] = [:]
        /// Granted, but the user's access mode Read keeps it from working: it writes [I].
        public var blockedByReadAccessMode = false
        /// Every role naming it is held through a team: the user has it by an inferred rule
        /// (team roles' miscellaneous privileges reach the members, rule 13 [I]).
        public var throughTeamOnly = false

        /// " (not effective: access mode Read [I])" for a privilege access mode Read blocks.
        public var blockedNote: String { blockedByReadAccessMode ? " (not effective: access mode Read [I])" : "" }

        /// The roles as a list, a lower one with its level worded by `word` ("TeamOnly (User)").
        public func rolesList(_ word: (AccessLevel) -> String) -> [String] {
            roles.map { name in lowerLevels[name].map { "\(name) (\(word($0)))" } ?? name }
        }
    }

    /// The grants that decide a cell's level, then, for a Local or Deep level, the lower grants
    /// that reach records those do not: Local on the user's unit beside Deep through a team of
    /// another unit reaches both units (an access review that showed only the Deep grant read a
    /// smaller reach than the real one). A Local grant is covered by Local on its unit or Deep on
    /// the unit or one above it; Deep by Deep on the unit or above; Basic by a grant reaching the
    /// unit its records are in.
    static func reachingGrants(_ a: AccessAnswer, in env: Environment) -> [Grant] {
        var kept = a.grants.filter { $0.level == a.grantedLevel }
        guard a.grantedLevel == .businessUnit || a.grantedLevel == .parentChildBusinessUnits else { return kept }
        func covered(_ unit: String, deep: Bool) -> Bool {
            let above = env.businessUnitAndAbove(unit)
            return kept.contains { k in
                (k.level == .parentChildBusinessUnits && above.contains(k.scopeBusinessUnitId))
                    || (!deep && k.level == .businessUnit && k.scopeBusinessUnitId == unit)
            }
        }
        for g in a.grants.sorted(by: { $0.level > $1.level }) where g.level < a.grantedLevel && g.level > .none {
            if !covered(g.scopeBusinessUnitId, deep: g.level == .parentChildBusinessUnits) { kept.append(g) }
        }
        return kept
    }

    /// Why one granted cell has its level: the grants at that level, each with its path and the
    /// records it covers ("records in BU Sales EU and below" for a Deep grant held through a team
    /// of another unit, DATAVERSE.md §2 rules 2-3).
    public struct CellReason: Hashable, Sendable {
        public var table: String
        public var operation: TableOperation
        public var level: AccessLevel
        /// `path: scope` per deciding grant, e.g. "team Sales (Owner) -> role Seller: records in BU Sales".
        public var grants: [String]
    }

    /// A secured column: which permissions the user has and through what.
    public struct ColumnLine: Hashable, Sendable {
        public var column: ColumnReference
        /// Granted (ignoring dormancy) per permission kind.
        public var allowed: [ColumnPermissionKind: Bool]
        public var via: [String]
        /// How far Read unmasked goes: one record at a time or all records.
        public var unmasked: UnmaskedRead = .notAllowed
        /// Permissions granted without the table operation they go with: no record to use them
        /// on (``ColumnAccessAnswer/withoutTableOperation``).
        public var withoutTableOperation: Set<ColumnPermissionKind> = []
        /// Read unmasked granted without Read on the column: nothing to unmask [I]
        /// (``ColumnAccessAnswer/withoutColumnRead``).
        public var withoutColumnRead = false

        /// A permission's label, Read unmasked with how far it goes ("Read unmasked (all records)").
        public func label(_ kind: ColumnPermissionKind) -> String {
            kind == .readUnmasked && unmasked != .notAllowed ? "\(kind.label) (\(unmasked.label.lowercased()))" : kind.label
        }

        /// Why a granted permission can't be used ("no Read on account: no record to read it on"),
        /// or `nil` when it can (or is not granted).
        public func withoutTableOperationWords(_ kind: ColumnPermissionKind) -> String? {
            if withoutTableOperation.contains(kind) { return kind.withoutTableOperationWords(table: column.table) }
            return kind == .readUnmasked && withoutColumnRead ? ColumnPermissionKind.withoutColumnReadWords : nil
        }
    }

    public var environment: EnvironmentReference
    public var userId: String
    public var name: String
    public var domainName: String
    public var title: String?
    public var businessUnit: String
    public var manager: String?
    public var accessMode: AccessMode
    public var isDisabled: Bool
    public var isLicensed: Bool
    public var isApplicationUser: Bool
    /// The licence as a few words: `licensed`, `unlicensed`, or, for an unlicensed user who needs
    /// none, why that is no dormancy (``Dormancy/noLicenceNeeded(by:)``).
    public var licence: String
    /// Why the user has no runtime access; the levels below are then what the grants would give.
    public var dormancy: [Dormancy]
    public var roles: [RoleLine]
    public var teams: [TeamLine]
    /// Tables with any granted level, by logical name.
    public var matrix: [EffectiveRow]
    /// Every granted cell of ``matrix`` with the grants that decide it, by table then operation.
    public var reasons: [CellReason]
    public var miscPrivileges: [MiscPrivilegeLine]
    public var columns: [ColumnLine]
    /// Rules that qualify the matrix (read-only access mode, org-owned tables ...), with [I] where inferred.
    public var notes: [String]
    public var notEvaluated: [String]

    /// Builds the report, or `nil` when the user is not in the environment.
    public init?(environment env: Environment, userId: String) {
        guard let user = env.users[userId] else { return nil }
        let teams = env.teams(of: user)
        let holdings = env.roleHoldings(of: user, teams: teams)
        environment = EnvironmentReference(env)
        self.userId = user.id
        name = user.name
        domainName = user.domainName
        title = user.title
        businessUnit = env.businessUnitPath(user.businessUnitId)
        manager = user.managerId.map { env.users[$0]?.name ?? $0 }
        accessMode = user.accessMode
        isDisabled = user.isDisabled
        isLicensed = user.isLicensed
        isApplicationUser = user.isApplicationUser
        licence = user.isLicensed ? "licensed" : Dormancy.noLicenceNeeded(by: user) ?? "unlicensed"
        dormancy = env.dormancy(of: user, holdings: holdings)
        roles = holdings.compactMap { h in
            guard let role = env.roles[h.roleId] else { return nil }
            let team = h.teamId.flatMap { env.teams[$0] }
            return RoleLine(
                roleId: role.id, roleName: role.name,
                // A team of a disabled unit: its members keep what it holds, an inferred rule [I].
                path: team.map { "team \($0.name) (\($0.type.label))" + (env.disabledTeamUnitWords($0.id).map { " [\($0)]" } ?? "") }
                    ?? "direct",
                teamId: h.teamId, isSystemAdministrator: role.isSystemAdministrator,
                inheritsMemberPrivileges: team == nil ? nil : role.inheritsMemberPrivileges,
                copyBusinessUnit: env.namedCopyPath(of: role.id, user: user, team: team))
        }
        self.teams = teams.map { t in
            let membership: String
            if t.isDefault {
                membership = "default team of the business unit"
            } else if t.type.isGroupTeam, let g = t.entraGroupId, let group = env.entraGroups[g] {
                membership = "Entra group \(group.name)"
            } else {
                membership = "explicit"
            }
            return TeamLine(
                teamId: t.id, name: t.name, type: t.type, businessUnit: env.businessUnitPath(t.businessUnitId),
                membership: membership, roleNames: t.type.holdsRoles ? t.roleIds.compactMap { env.roles[$0]?.name }.sorted() : [],
                isDefault: t.isDefault)
        }
        matrix = env.effectiveRows(of: user, teams: teams).filter { !$0.grantedLevels.isEmpty }
        // The engine's answer per granted cell: which grants decide it and what records they cover.
        let context = env.accessContext(of: user, teams: teams)
        reasons = matrix.flatMap { row in
            TableOperation.allCases.filter { row.grantedLevels[$0] > .none }.map { op in
                let a = env.effectiveAccess(of: context, table: row.table, operation: op)
                var seen: Set<String> = []
                let grants = Self.reachingGrants(a, in: env).map { g in
                    (g.level < a.grantedLevel ? "\(g.level.label): " : "") + "\(env.describe(g.path)): \(env.describeScope(g))"
                }.filter { seen.insert($0).inserted }
                return CellReason(table: row.table, operation: op, level: a.grantedLevel, grants: grants)
            }
        }
        // Levels by the engine's rule (EffectiveAccessRules rule 13: the highest level wins; System
        // Administrator holds every privilege the roles name); listed with every role naming it.
        // A role held through a team is named with its team: that team roles' miscellaneous
        // privileges reach the members is inferred (rule 13), so the report says so.
        // (A role also held directly is named as such: the direct grant is no inference.)
        let direct = Set(holdings.filter { $0.teamId == nil }.map(\.roleId))
        func source(_ roleName: String, _ teamId: String?, roleId: String) -> String {
            guard let teamId, !direct.contains(roleId) else { return roleName }
            return "\(roleName) through team \(env.teams[teamId]?.name ?? teamId) [I]"
        }
        var naming: [String: [String: AccessLevel]] = [:]
        for h in holdings {
            guard let role = env.roles[h.roleId] else { continue }
            let name = source(role.name, h.teamId, roleId: role.id)
            for (p, level) in role.miscPrivileges where level > .none {
                naming[p.lowercased(), default: [:]][name] = max(naming[p.lowercased()]?[name] ?? .none, level)
            }
        }
        miscPrivileges = env.miscPrivileges(of: user, holdings: holdings).sorted { $0.key < $1.key }.map { key, grant in
            var roles = naming[key] ?? [:]
            if grant.isSystemAdministrator || roles.isEmpty {
                roles[source(grant.roleName, grant.teamId, roleId: grant.roleId)] = grant.level
            }
            // A role granting less than the level the user has is named with its own level.
            return MiscPrivilegeLine(
                name: grant.name, level: grant.level, roles: roles.keys.sorted(),
                lowerLevels: roles.filter { $0.value < grant.level },
                blockedByReadAccessMode: user.readAccessModeBlocks(miscPrivilege: grant.name),
                throughTeamOnly: grant.teamId != nil && roles.keys.allSatisfy { $0.hasSuffix(" [I]") })
        }
        var columnLines: [ColumnLine] = []
        for table in env.sortedTables {
            for c in table.securedColumns {
                let ref = ColumnReference(table: table.logicalName, column: c.logicalName)
                var allowed: [ColumnPermissionKind: Bool] = [:]
                var via: [String] = []
                var unmasked = UnmaskedRead.notAllowed
                var withoutTableOperation: Set<ColumnPermissionKind> = []
                var withoutColumnRead = false
                for kind in ColumnPermissionKind.allCases {
                    let a = env.columnAccessOnRecords(of: context, column: ref, kind: kind)
                    allowed[kind] = a.grantedAllowed
                    if a.withoutTableOperation { withoutTableOperation.insert(kind) }
                    if a.withoutColumnRead { withoutColumnRead = true }
                    if kind == .readUnmasked { unmasked = env.unmaskedRead(a) }
                    if a.systemAdministrator != nil && !via.contains("System Administrator") { via.append("System Administrator") }
                    for g in a.grants {
                        let p = env.fieldSecurityProfiles[g.profileId]?.name ?? g.profileId
                        let text: String =
                            switch g.via {
                            case .direct: "profile \(p)"
                            case .team(let t):
                                "profile \(p) (team \(env.teams[t]?.name ?? t))" + (env.disabledTeamUnitWords(t).map { " [\($0)]" } ?? "")
                            }
                        if !via.contains(text) { via.append(text) }
                    }
                }
                columnLines.append(
                    ColumnLine(
                        column: ref, allowed: allowed, via: via, unmasked: unmasked, withoutTableOperation: withoutTableOperation,
                        withoutColumnRead: withoutColumnRead))
            }
        }
        columns = columnLines
        var notes: [String] = []
        if user.accessMode == .read { notes.append("access mode Read: only the Read privilege applies [I]") }
        if user.accessMode == .nonInteractive { notes.append("access mode Non-interactive: API access only") }
        if let reading = AccessNote.accessModeReading(of: user) { notes.append(env.describe(reading)) }
        if env.settings.modernizedBusinessUnits { notes.append(env.describe(AccessNote.modernizedBusinessUnits)) }
        if roles.contains(where: \.isSystemAdministrator) {
            notes.append("System Administrator: Organization on every table and every secured column")
        }
        if roles.contains(where: { $0.inheritsMemberPrivileges == false }) {
            notes.append("a team role is \"Team privileges only\": its Basic grants cover only the team's records")
        }
        if columnLines.contains(where: { !$0.via.isEmpty }) { notes.append("field security profiles combine as a union [I]") }
        self.notes = notes
        notEvaluated = (NotEvaluated.forTablePrivileges + [.perRecordColumnSharing]).map(\.label)
    }
}
