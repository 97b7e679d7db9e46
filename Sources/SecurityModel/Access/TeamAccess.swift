/// What a team's own roles grant the team as a principal, for one operation on one table.
///
/// This is the team's side of DATAVERSE.md §2 rule 2: the levels that let members act on records
/// the team owns (Basic) or, for Local and Deep, on records of the team's business unit. What a
/// member ends up with also depends on their own roles and on member privilege inheritance; ask
/// ``Environment/effectiveAccess(of:table:operation:teams:)`` for a user.
public struct TeamAccessAnswer: Hashable, Sendable {
    public var teamId: String
    public var table: String
    public var operation: TableOperation
    /// The highest level the team's roles grant (Organization for System Administrator).
    public var level: AccessLevel
    /// Every grant, highest first; each path is ``GrantPath/team(teamId:roleId:)``.
    public var grants: [Grant]
    public var notes: [AccessNote]
    public var notEvaluated: [NotEvaluated]
    /// Access teams hold no roles: they only receive record shares.
    public var holdsRoles: Bool
}

extension Environment {
    /// The access a team's roles grant the team itself, with every grant (see ``TeamAccessAnswer``).
    public func effectiveAccess(ofTeam team: Team, table tableName: String, operation: TableOperation) -> TeamAccessAnswer {
        var notes: [AccessNote] = []
        let orgOwned = tables[tableName]?.ownership == .organization
        if orgOwned { notes.append(.organizationOwnedTable) }
        if settings.modernizedBusinessUnits { notes.append(.modernizedBusinessUnits) }
        var grants: [Grant] = []
        let operationExists = !orgOwned || operation.existsOnOrganizationOwnedTables
        let teamRoles = team.type.holdsRoles ? team.roleIds.sorted().compactMap { roles[$0] } : []
        if operationExists, let admin = teamRoles.first(where: \.isSystemAdministrator) {
            grants.append(
                Grant(
                    table: tableName, operation: operation, level: .organization,
                    scopeBusinessUnitId: rootBusinessUnit?.id ?? team.businessUnitId, actsAs: .team(team.id),
                    path: .team(teamId: team.id, roleId: admin.id), isSystemAdministrator: true))
            notes.append(.systemAdministrator(roleId: admin.id, teamId: team.id))
        } else if operationExists {
            for role in teamRoles {
                var level = role.level(operation, on: tableName)
                if level == .none { continue }
                if orgOwned { level = .organization }
                let scope = assignedCopyBusinessUnitId(
                    of: role, principalBusinessUnitId: team.businessUnitId, heldCopy: team.roleBusinessUnitIds[role.id])
                grants.append(
                    Grant(
                        table: tableName, operation: operation, level: level, scopeBusinessUnitId: scope,
                        actsAs: .team(team.id), path: .team(teamId: team.id, roleId: role.id)))
                if !role.inheritsMemberPrivileges { notes.append(.teamPrivilegesOnly(teamId: team.id, roleId: role.id)) }
            }
        }
        grants.sort { a, b in a.level != b.level ? a.level > b.level : a.path.roleId < b.path.roleId }
        return TeamAccessAnswer(
            teamId: team.id, table: tableName, operation: operation, level: grants.first?.level ?? .none,
            grants: grants, notes: notes, notEvaluated: NotEvaluated.forTablePrivileges,
            holdsRoles: team.type.holdsRoles)
    }

    /// The matrix of ``effectiveAccess(ofTeam:table:operation:)`` over every table, sorted by
    /// logical name. Teams are never dormant, so `levels` equals `grantedLevels`.
    public func effectiveRows(ofTeam team: Team) -> [EffectiveRow] {
        let teamRoles = team.type.holdsRoles ? team.roleIds.compactMap { roles[$0] } : []
        let admin = teamRoles.contains(where: \.isSystemAdministrator)
        var byTable: [String: PrivilegeRow] = [:]
        if !admin {
            for role in teamRoles {
                for (t, row) in role.privileges { byTable[t] = (byTable[t] ?? .empty).union(row) }
            }
        }
        return sortedTables.map { table in
            var row = admin ? PrivilegeRow(all: .organization) : (byTable[table.logicalName] ?? .empty)
            row = Self.applyTableAndModeRules(row, ownership: table.ownership, accessMode: .readWrite)
            return EffectiveRow(table: table.logicalName, levels: row, grantedLevels: row)
        }
    }
}

extension Environment {
    /// What a team gives its members on a secured column: the profiles the team is in that allow
    /// `kind`, and System Administrator when the team holds it (DATAVERSE.md §1.6). Each member
    /// also has their own profiles; ask ``columnAccess(of:column:kind:teams:)`` for a user. Teams
    /// are never dormant, and access mode is a user's: neither applies here. `userId` holds the
    /// team's id.
    public func columnAccess(ofTeam team: Team, column ref: ColumnReference, kind: ColumnPermissionKind) -> ColumnAccessAnswer {
        let secured = tables[ref.table]?.columns[ref.column]?.isSecured ?? false
        var answer = ColumnAccessAnswer(
            userId: team.id, column: ref, kind: kind, isSecured: secured, allowed: false, grantedAllowed: false,
            systemAdministrator: nil, grants: [], dormancy: [], notEvaluated: NotEvaluated.forColumns)
        if secured {
            if team.type.holdsRoles, let admin = team.roleIds.sorted().first(where: { roles[$0]?.isSystemAdministrator == true }) {
                answer.systemAdministrator = .team(teamId: team.id, roleId: admin)
            }
            for profile in sortedProfiles where profile.teamIds.contains(team.id) && profile.permission(on: ref)?.allows(kind) == true {
                answer.grants.append(.init(profileId: profile.id, via: .team(team.id)))
            }
            answer.grantedAllowed = answer.systemAdministrator != nil || !answer.grants.isEmpty
            answer.unmaskedScope = unmaskedScope(of: answer)
        } else {
            answer.grantedAllowed = true
        }
        answer.allowed = answer.grantedAllowed
        return answer
    }

    /// The miscellaneous privileges a team's roles give its members, by lower-cased name, as
    /// ``miscPrivileges(of:holdings:)`` counts a role held through the team (whatever its member
    /// privilege inheritance [I]); none for an access team.
    public func miscPrivileges(ofTeam team: Team) -> [String: MiscPrivilegeGrant] {
        guard team.type.holdsRoles else { return [:] }
        return miscPrivileges(held: team.roleIds.sorted().map { RoleHolding(roleId: $0, teamId: team.id) })
    }
}
