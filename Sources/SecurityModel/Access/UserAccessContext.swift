/// What the engine needs to know about one user before it answers any cell: the teams, the roles
/// held directly and through teams, dormancy, System Administrator and the root business unit.
///
/// Build it once per user (``Environment/accessContext(of:teams:)``, or
/// ``AccessIndex/accessContext(of:)`` for many users) and ask many questions with it: every
/// answer equals what ``Environment/effectiveAccess(of:table:operation:teams:)`` gives, which is
/// itself this context plus one cell. A context describes one state of the environment; build a
/// new one after an edit.
public struct UserAccessContext: Sendable {
    public let user: User
    /// The teams the user belongs to (every kind, in display order).
    public let teams: [Team]
    /// Direct roles first, then roles of owner and group teams (see ``Environment/roleHoldings(of:teams:)``).
    public let holdings: [RoleHolding]
    /// Why the user has no runtime access; empty when active.
    public let dormancy: [Dormancy]
    /// The holding that makes the user a System Administrator, if any.
    public let systemAdministrator: RoleHolding?
    /// The business unit System Administrator's grants refer to: the root, or the user's own when
    /// the tree has no root.
    public let rootBusinessUnitId: String
    /// Positions of the holdings in the index that built the context; `nil` when an environment did.
    let resolved: ResolvedHoldings?

    init(
        user: User, teams: [Team], holdings: [RoleHolding], dormancy: [Dormancy], systemAdministrator: RoleHolding?,
        rootBusinessUnitId: String, resolved: ResolvedHoldings? = nil
    ) {
        self.user = user
        self.teams = teams
        self.holdings = holdings
        self.dormancy = dormancy
        self.systemAdministrator = systemAdministrator
        self.rootBusinessUnitId = rootBusinessUnitId
        self.resolved = resolved
    }

    /// The user is dormant: grants exist but give nothing at run time.
    public var isDormant: Bool { !dormancy.isEmpty }
}

/// A context's holdings as positions in one ``AccessIndex``, so that a cell is answered without
/// looking anything up by name.
struct ResolvedHoldings: Sendable {
    /// One holding, resolved.
    struct Entry: Sendable {
        let roleId: String
        let teamId: String?
        /// The role's slot in the index, or -1 when the role does not exist.
        let slot: Int32
        /// The holding's team is among the context's teams (otherwise the role counts as direct).
        let viaTeam: Bool
        /// The team's name in the environment (`nil` for a direct role or an unknown team).
        let teamName: String?
        /// The business unit of the context's team (`nil` when not ``viaTeam``).
        let teamBusinessUnitId: String?
        /// The unit of the role's copy the snapshot names for this holding
        /// (``User/roleBusinessUnitIds``, or the team's), if any.
        let heldCopyBusinessUnitId: String?
    }

    /// The index these positions belong to.
    let owner: AccessIndex.Identity
    /// One entry per holding of the context, in the same order.
    let entries: [Entry]
    /// Position of the System Administrator holding, or -1.
    let systemAdministrator: Int
}

extension Environment {
    /// Everything ``effectiveAccess(of:table:operation:)`` and ``columnAccess(of:column:kind:)``
    /// need about a user, computed once. `teams` defaults to the user's teams in this environment.
    public func accessContext(of user: User, teams userTeams: [Team]? = nil) -> UserAccessContext {
        let memberTeams = userTeams ?? teams(of: user)
        let holdings = roleHoldings(of: user, teams: memberTeams)
        return UserAccessContext(
            user: user, teams: memberTeams, holdings: holdings, dormancy: dormancy(of: user, holdings: holdings),
            systemAdministrator: systemAdministratorHolding(in: holdings),
            rootBusinessUnitId: rootBusinessUnit?.id ?? user.businessUnitId)
    }

    /// The business unit a role's Local and Deep grants refer to, held through `team` (`nil`:
    /// directly) by `user` (DATAVERSE.md §2.2-3): the business unit of the role's copy the team,
    /// or the user, holds (``assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)``).
    func scopeBusinessUnitId(of role: SecurityRole, team: Team?, user: User) -> String {
        if let team {
            return assignedCopyBusinessUnitId(
                of: role, principalBusinessUnitId: team.businessUnitId, heldCopy: team.roleBusinessUnitIds[role.id])
        }
        return assignedCopyBusinessUnitId(
            of: role, principalBusinessUnitId: user.businessUnitId, heldCopy: user.roleBusinessUnitIds[role.id])
    }

    /// The business unit of the copy of `role` that a user or team of `principalBusinessUnitId`
    /// holds, to which Local and Deep refer (DATAVERSE.md §1.4, §2.3). Dataverse copies a role
    /// into its business unit and every unit below it. Classic business units: the principal's
    /// own unit's copy, always. Modernized: any unit's copy can be assigned. `heldCopy` is the
    /// unit the snapshot names for this assignment (``User/roleBusinessUnitIds``), read as it
    /// is; without one, dvsec reads the principal's own unit's copy when there is one (the role's
    /// unit is that unit or above it: what an assignment made before the switch, or made without
    /// choosing another unit, holds), and the role's own unit's copy otherwise (the only copy a
    /// principal outside its subtree can hold) **[I]**.
    public func assignedCopyBusinessUnitId(of role: SecurityRole, principalBusinessUnitId: String, heldCopy: String?) -> String {
        guard settings.modernizedBusinessUnits else { return principalBusinessUnitId }
        return heldCopy ?? defaultCopyBusinessUnitId(of: role, principalBusinessUnitId: principalBusinessUnitId)
    }

    /// The unit of the copy of `role` read as held by a principal of `principalBusinessUnitId`
    /// when a snapshot names none, with modernized business units: the principal's own unit's
    /// when the role's unit is that unit or above it, the role's otherwise **[I]**. (With
    /// classic business units, always the principal's own, which this also gives for every copy
    /// a classic organisation can assign.)
    public func defaultCopyBusinessUnitId(of role: SecurityRole, principalBusinessUnitId: String) -> String {
        guard role.businessUnitId != principalBusinessUnitId else { return principalBusinessUnitId }
        return businessUnitAndAbove(principalBusinessUnitId).contains(role.businessUnitId) ? principalBusinessUnitId : role.businessUnitId
    }

    /// The effective access of the context's user for one operation on one table, with every
    /// contributing grant and its path (DATAVERSE.md §2).
    public func effectiveAccess(
        of context: UserAccessContext, table tableName: String, operation: TableOperation
    )
        -> AccessAnswer
    {
        let user = context.user
        var notes: [AccessNote] = []
        let orgOwned = tables[tableName]?.ownership == .organization
        if orgOwned { notes.append(.organizationOwnedTable) }
        if settings.modernizedBusinessUnits { notes.append(.modernizedBusinessUnits) }
        var grants: [Grant] = []
        let operationExists = !orgOwned || operation.existsOnOrganizationOwnedTables

        if operationExists, let admin = context.systemAdministrator {
            let path: GrantPath = admin.teamId.map { .team(teamId: $0, roleId: admin.roleId) } ?? .direct(roleId: admin.roleId)
            grants.append(
                Grant(
                    table: tableName, operation: operation, level: .organization,
                    scopeBusinessUnitId: context.rootBusinessUnitId,
                    actsAs: admin.teamId.map { .team($0) } ?? .user, path: path, isSystemAdministrator: true))
            notes.append(.systemAdministrator(roleId: admin.roleId, teamId: admin.teamId))
        } else if operationExists {
            for h in context.holdings {
                guard let role = roles[h.roleId] else { continue }
                var level = role.level(operation, on: tableName)
                if level == .none { continue }
                if orgOwned { level = .organization }
                if let tid = h.teamId, let team = context.teams.first(where: { $0.id == tid }) {
                    let scope = scopeBusinessUnitId(of: role, team: team, user: user)
                    grants.append(
                        Grant(
                            table: tableName, operation: operation, level: level, scopeBusinessUnitId: scope,
                            actsAs: .team(tid), path: .team(teamId: tid, roleId: role.id)))
                    if role.inheritsMemberPrivileges {
                        grants.append(
                            Grant(
                                table: tableName, operation: operation, level: orgOwned ? .organization : .user,
                                scopeBusinessUnitId: user.businessUnitId, actsAs: .user,
                                path: .inherited(teamId: tid, roleId: role.id)))
                    } else {
                        // "Team privileges only" at every level (DATAVERSE.md §1.4, §2 rule 2):
                        // the member holds none of the role's privileges directly, so gets no
                        // Basic level of their own, whatever level the team's grant has. It was
                        // said at Basic only, while EffectiveAccessRules rule 4 says dvsec says
                        // so (found by a docs review: a Local and Global team-only role was silent).
                        notes.append(.teamPrivilegesOnly(teamId: tid, roleId: role.id))
                    }
                } else {
                    let scope = scopeBusinessUnitId(of: role, team: nil, user: user)
                    grants.append(
                        Grant(
                            table: tableName, operation: operation, level: level, scopeBusinessUnitId: scope,
                            actsAs: .user, path: .direct(roleId: role.id)))
                }
            }
        }
        // A total order, so the same snapshot always lists the same grants in the same order:
        // level, then direct / inherited / team, then team and role names (looked up once). At
        // one level the grants that act as the user come first: a team role's inherited Basic
        // reaches the user's own records and their teams', the team's Basic only the team's, so
        // the inherited one decides (found by a domain review: the narrower one was marked).
        if grants.count > 1 {
            let keyed = grants.map { g in
                (grant: g, team: g.path.teamId.flatMap { teams[$0]?.name } ?? "", role: roles[g.path.roleId]?.name ?? "")
            }
            grants = keyed.sorted { a, b in
                if a.grant.level != b.grant.level { return a.grant.level > b.grant.level }
                let ra = a.grant.path.rank
                let rb = b.grant.path.rank
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
        // Administrative reaches no customer data: a dormancy reason says so.
        if let reading = AccessNote.accessModeReading(of: user) { notes.append(reading) }
        return AccessAnswer(
            userId: user.id, table: tableName, operation: operation, level: context.dormancy.isEmpty ? granted : .none,
            grantedLevel: granted, grants: grants, dormancy: context.dormancy, notes: notes,
            notEvaluated: NotEvaluated.forTablePrivileges)
    }

    /// The context's user's access to a column for one permission kind (see
    /// ``columnAccess(of:column:kind:teams:)``).
    public func columnAccess(
        of context: UserAccessContext, column ref: ColumnReference, kind: ColumnPermissionKind
    )
        -> ColumnAccessAnswer
    {
        columnAccess(of: context, column: ref, kind: kind, profiles: sortedProfiles)
    }

    /// ``columnAccess(of:column:kind:)`` with the profiles already in ``sortedProfiles`` order, for
    /// callers that ask about many columns.
    func columnAccess(
        of context: UserAccessContext, column ref: ColumnReference, kind: ColumnPermissionKind,
        profiles: [FieldSecurityProfile]
    ) -> ColumnAccessAnswer {
        let user = context.user
        let secured = tables[ref.table]?.columns[ref.column]?.isSecured ?? false
        var answer = ColumnAccessAnswer(
            userId: user.id, column: ref, kind: kind, isSecured: secured, allowed: false, grantedAllowed: false,
            systemAdministrator: nil, grants: [], dormancy: context.dormancy, notEvaluated: NotEvaluated.forColumns)
        if !secured {
            answer.grantedAllowed = true
        } else {
            if let admin = context.systemAdministrator {
                answer.systemAdministrator =
                    admin.teamId.map { .team(teamId: $0, roleId: admin.roleId) }
                    ?? .direct(roleId: admin.roleId)
            }
            var teamIds: Set<String>?
            for profile in profiles {
                guard profile.permission(on: ref)?.allows(kind) == true else { continue }
                if profile.userIds.contains(user.id) {
                    answer.grants.append(.init(profileId: profile.id, via: .direct))
                }
                guard !profile.teamIds.isEmpty else { continue }
                let mine = teamIds ?? Set(context.teams.map(\.id))
                teamIds = mine
                for t in profile.teamIds.sorted() where mine.contains(t) {
                    answer.grants.append(.init(profileId: profile.id, via: .team(t)))
                }
            }
            answer.grantedAllowed = answer.systemAdministrator != nil || !answer.grants.isEmpty
            answer.unmaskedScope = unmaskedScope(of: answer)
        }
        if kind != .read && kind != .readUnmasked && user.accessMode == .read {
            answer.blockedByReadAccessMode = answer.grantedAllowed
            answer.grantedAllowed = false
        }
        answer.allowed = answer.grantedAllowed && context.dormancy.isEmpty
        return answer
    }
}

extension Environment {
    /// For Read unmasked that the grants allow: how far it goes, the widest of the allowing
    /// profiles (All records for System Administrator); `nil` otherwise.
    func unmaskedScope(of answer: ColumnAccessAnswer) -> UnmaskedRead? {
        guard answer.kind == .readUnmasked, answer.grantedAllowed else { return nil }
        if answer.systemAdministrator != nil { return .allRecords }
        return answer.grants.compactMap { fieldSecurityProfiles[$0.profileId]?.permission(on: answer.column)?.canReadUnmasked.rawValue }
            .max().flatMap(UnmaskedRead.init(rawValue:))
    }
}

extension GrantPath {
    /// Direct before inherited before team, in the order grants of one level are listed.
    var rank: Int {
        switch self {
        case .direct: 0
        case .inherited: 1
        case .team: 2
        }
    }
}
