/// A role a user holds, directly or through a team.
public struct RoleHolding: Hashable, Sendable {
    public var roleId: String
    /// The owner or group team through which the role is held; `nil` for a direct assignment.
    public var teamId: String?

    public init(roleId: String, teamId: String?) {
        self.roleId = roleId
        self.teamId = teamId
    }
}

extension Environment {
    /// Every role the user holds: direct roles first, then roles of owner and group teams
    /// (including the business unit's default team). Access teams carry no roles.
    public func roleHoldings(of user: User, teams userTeams: [Team]? = nil) -> [RoleHolding] {
        var out = user.roleIds.sorted().map { RoleHolding(roleId: $0, teamId: nil) }
        for team in userTeams ?? teams(of: user) where team.type.holdsRoles {
            for r in team.roleIds.sorted() { out.append(RoleHolding(roleId: r, teamId: team.id)) }
        }
        return out
    }

    /// The holding that makes the user a System Administrator, if any.
    public func systemAdministratorHolding(in holdings: [RoleHolding]) -> RoleHolding? {
        holdings.first { roles[$0.roleId]?.isSystemAdministrator == true }
    }

    /// Why the user has no runtime access, empty when the user is active (DATAVERSE.md §2 rule 4 [I];
    /// EffectiveAccessRules rule 10).
    public func dormancy(of user: User, holdings: [RoleHolding]? = nil) -> [Dormancy] {
        var shutOut = false
        if settings.adminMode && settings.type.allowsAdminMode {
            let held = holdings ?? roleHoldings(of: user)
            shutOut = !held.contains {
                let b = roles[$0.roleId]?.builtIn
                return b == .systemAdministrator || b == .systemCustomizer
            }
        }
        return Dormancy.reasons(
            disabled: user.isDisabled, disablingBusinessUnit: disablingBusinessUnit(of: user.businessUnitId)?.name,
            inSecurityGroup: isInSecurityGroup(user), lacksNeededLicence: user.lacksNeededLicence, shutOutByAdminMode: shutOut,
            accessMode: user.accessMode)
    }

    /// The effective access of a user for one operation on one table, with every contributing
    /// grant and its path (DATAVERSE.md §2). Asking about many cells of one user? Build an
    /// ``accessContext(of:teams:)`` once and use ``effectiveAccess(of:table:operation:)``.
    public func effectiveAccess(
        of user: User, table tableName: String, operation: TableOperation, teams userTeams: [Team]? = nil
    ) -> AccessAnswer {
        effectiveAccess(of: accessContext(of: user, teams: userTeams), table: tableName, operation: operation)
    }

    /// The effective-access matrix of a user over every table, sorted by table logical name.
    /// The same rules as ``effectiveAccess(of:table:operation:teams:)``, computed per row.
    public func effectiveRows(of user: User, teams userTeams: [Team]? = nil) -> [EffectiveRow] {
        let memberTeams = userTeams ?? teams(of: user)
        let holdings = roleHoldings(of: user, teams: memberTeams)
        let dormant = !dormancy(of: user, holdings: holdings).isEmpty
        let admin = systemAdministratorHolding(in: holdings) != nil
        var byTable: [String: PrivilegeRow] = [:]
        if !admin {
            for h in holdings {
                guard let role = roles[h.roleId] else { continue }
                for (t, row) in role.privileges { byTable[t] = (byTable[t] ?? .empty).union(row) }
            }
        }
        return sortedTables.map { table in
            var row = admin ? PrivilegeRow(all: .organization) : (byTable[table.logicalName] ?? .empty)
            row = Self.applyTableAndModeRules(row, ownership: table.ownership, accessMode: user.accessMode)
            return EffectiveRow(table: table.logicalName, levels: dormant ? .empty : row, grantedLevels: row)
        }
    }

    /// A role's table privileges as the engine reads them, by table logical name: System
    /// Administrator's are implicit, Organization on every operation each table's ownership
    /// allows; other roles' are their own non-empty rows.
    public func tablePrivileges(of role: SecurityRole) -> [String: PrivilegeRow] {
        guard role.isSystemAdministrator else { return role.privileges.filter { !$0.value.isEmpty } }
        var out: [String: PrivilegeRow] = [:]
        for table in tables.values {
            var row = PrivilegeRow.empty
            for op in TableOperation.allCases where table.ownership.allows(.organization, for: op) { row[op] = .organization }
            if !row.isEmpty { out[table.logicalName] = row }
        }
        return out
    }

    /// Org-owned tables: any level counts as Organization and Assign/Share don't exist [I];
    /// access mode Read keeps only Read [I].
    static func applyTableAndModeRules(_ input: PrivilegeRow, ownership: TableOwnership, accessMode: AccessMode) -> PrivilegeRow {
        var row = input
        if ownership == .organization {
            let org = SIMD8<UInt8>(repeating: AccessLevel.organization.rawValue)
            let zero = SIMD8<UInt8>(repeating: 0)
            row.storage = zero.replacing(with: org, where: row.storage .> zero)
            row[.assign] = .none
            row[.share] = .none
        }
        if accessMode == .read {
            let read = row[.read]
            row = .empty
            row[.read] = read
        }
        return row
    }

    /// A user's access to a column for one permission kind: unsecured columns are open to anyone
    /// with table access; secured ones need System Administrator or a profile that allows it,
    /// held directly or through a team. Profiles combine as a union [I].
    public func columnAccess(
        of user: User, column ref: ColumnReference, kind: ColumnPermissionKind, teams userTeams: [Team]? = nil
    ) -> ColumnAccessAnswer {
        columnAccess(of: accessContext(of: user, teams: userTeams), column: ref, kind: kind)
    }
}
