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

    /// Why the user has no runtime access, empty when the user is active (DATAVERSE.md §2 rule 4 [I]).
    public func dormancy(of user: User, holdings: [RoleHolding]? = nil) -> [Dormancy] {
        var out: [Dormancy] = []
        if user.isDisabled { out.append(.disabled) }
        if !isInSecurityGroup(user) { out.append(.outsideSecurityGroup) }
        if !user.isLicensed && !user.isApplicationUser { out.append(.unlicensed) }
        if settings.adminMode && settings.type.allowsAdminMode {
            let held = holdings ?? roleHoldings(of: user)
            let privileged = held.contains {
                let b = roles[$0.roleId]?.builtIn
                return b == .systemAdministrator || b == .systemCustomizer
            }
            if !privileged { out.append(.adminMode) }
        }
        return out
    }

    /// The effective access of a user for one operation on one table, with every contributing
    /// grant and its path (DATAVERSE.md §2).
    public func effectiveAccess(
        of user: User, table tableName: String, operation: TableOperation, teams userTeams: [Team]? = nil
    ) -> AccessAnswer {
        let memberTeams = userTeams ?? teams(of: user)
        let holdings = roleHoldings(of: user, teams: memberTeams)
        let dormancy = dormancy(of: user, holdings: holdings)
        var notes: [AccessNote] = []
        let table = tables[tableName]
        let orgOwned = table?.ownership == .organization
        if orgOwned { notes.append(.organizationOwnedTable) }
        if settings.modernizedBusinessUnits { notes.append(.modernizedBusinessUnits) }
        var grants: [Grant] = []
        let rootId = rootBusinessUnit?.id ?? user.businessUnitId
        let operationExists = !orgOwned || operation.existsOnOrganizationOwnedTables

        if operationExists, let admin = systemAdministratorHolding(in: holdings) {
            let path: GrantPath = admin.teamId.map { .team(teamId: $0, roleId: admin.roleId) } ?? .direct(roleId: admin.roleId)
            grants.append(Grant(table: tableName, operation: operation, level: .organization, scopeBusinessUnitId: rootId,
                                actsAs: admin.teamId.map { .team($0) } ?? .user, path: path, isSystemAdministrator: true))
            notes.append(.systemAdministrator(roleId: admin.roleId, teamId: admin.teamId))
        } else if operationExists {
            for h in holdings {
                guard let role = roles[h.roleId] else { continue }
                var level = role.level(operation, on: tableName)
                if level == .none { continue }
                if orgOwned { level = .organization }
                if let tid = h.teamId, let team = memberTeams.first(where: { $0.id == tid }) {
                    let scope = settings.modernizedBusinessUnits ? role.businessUnitId : team.businessUnitId
                    grants.append(Grant(table: tableName, operation: operation, level: level, scopeBusinessUnitId: scope,
                                        actsAs: .team(tid), path: .team(teamId: tid, roleId: role.id)))
                    if role.inheritsMemberPrivileges {
                        grants.append(Grant(table: tableName, operation: operation, level: orgOwned ? .organization : .user,
                                            scopeBusinessUnitId: user.businessUnitId, actsAs: .user,
                                            path: .inherited(teamId: tid, roleId: role.id)))
                    } else {
                        notes.append(.teamPrivilegesOnly(teamId: tid, roleId: role.id))
                    }
                } else {
                    let scope = settings.modernizedBusinessUnits ? role.businessUnitId : user.businessUnitId
                    grants.append(Grant(table: tableName, operation: operation, level: level, scopeBusinessUnitId: scope,
                                        actsAs: .user, path: .direct(roleId: role.id)))
                }
            }
        }
        // A total order, so the same snapshot always lists the same grants in the same order:
        // level, then direct / team / inherited, then team and role names (looked up once).
        if grants.count > 1 {
            let keyed = grants.map { g in
                (grant: g, team: g.path.teamId.flatMap { teams[$0]?.name } ?? "", role: roles[g.path.roleId]?.name ?? "")
            }
            grants = keyed.sorted { a, b in
                if a.grant.level != b.grant.level { return a.grant.level > b.grant.level }
                let ra = pathRank(a.grant.path), rb = pathRank(b.grant.path)
                if ra != rb { return ra < rb }
                if a.team != b.team { return a.team < b.team }
                if a.role != b.role { return a.role < b.role }
                return (a.grant.path.teamId ?? "", a.grant.path.roleId) < (b.grant.path.teamId ?? "", b.grant.path.roleId)
            }.map(\.grant)
        }
        var granted = grants.first?.level ?? .none
        if user.accessMode == .read && operation != .read {
            notes.append(.readOnlyAccessMode)
            granted = .none
        }
        if user.accessMode == .nonInteractive { notes.append(.nonInteractiveAccessMode) }
        return AccessAnswer(
            userId: user.id, table: tableName, operation: operation, level: dormancy.isEmpty ? granted : .none,
            grantedLevel: granted, grants: grants, dormancy: dormancy, notes: notes,
            notEvaluated: NotEvaluated.forTablePrivileges)
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
        let memberTeams = userTeams ?? teams(of: user)
        let holdings = roleHoldings(of: user, teams: memberTeams)
        let dormancy = dormancy(of: user, holdings: holdings)
        let secured = tables[ref.table]?.columns[ref.column]?.isSecured ?? false
        var answer = ColumnAccessAnswer(
            userId: user.id, column: ref, kind: kind, isSecured: secured, allowed: false, grantedAllowed: false,
            systemAdministrator: nil, grants: [], dormancy: dormancy, notEvaluated: NotEvaluated.forColumns)
        if !secured {
            answer.grantedAllowed = true
        } else {
            if let admin = systemAdministratorHolding(in: holdings) {
                answer.systemAdministrator = admin.teamId.map { .team(teamId: $0, roleId: admin.roleId) }
                    ?? .direct(roleId: admin.roleId)
            }
            let teamIds = Set(memberTeams.map(\.id))
            for profile in sortedProfiles {
                guard profile.permissions[ref]?.allows(kind) == true else { continue }
                if profile.userIds.contains(user.id) {
                    answer.grants.append(.init(profileId: profile.id, via: .direct))
                }
                for t in profile.teamIds.sorted() where teamIds.contains(t) {
                    answer.grants.append(.init(profileId: profile.id, via: .team(t)))
                }
            }
            answer.grantedAllowed = answer.systemAdministrator != nil || !answer.grants.isEmpty
        }
        if kind != .read && kind != .readUnmasked && user.accessMode == .read { answer.grantedAllowed = false }
        answer.allowed = answer.grantedAllowed && dormancy.isEmpty
        return answer
    }
}

private func pathRank(_ path: GrantPath) -> Int {
    switch path {
    case .direct: 0
    case .team: 1
    case .inherited: 2
    }
}
