/// Decides the risk class of one changed fact. Every rule is symmetric: a change read backwards
/// gets the mirrored class, because a fact that exists on one side only is judged in the
/// environment that holds it.
struct RiskRules {
    let base: Environment
    let target: Environment

    /// - Parameters:
    ///   - bothPresent: the object exists on both sides (attributes of an added or removed object are
    ///     neutral; its grants and relations are not).
    func classify(
        _ kind: DiffObjectKind, objectId: String, bothPresent: Bool, fact: Fact,
        old: FactValue?, new: FactValue?
    ) -> (RiskClass, [RiskReason]) {
        let side = new != nil ? target : base
        switch fact.field {
        case .privilege:
            return levelChange(old, new, operation: fact.operation, table: fact.table)
        case .miscPrivilege, .unmappedPrivilege:
            let (r, _) = levelChange(old, new, operation: nil, table: nil)
            return (r, r == .escalation ? [.miscPrivilegeRaised] : [])
        case .columnPermission:
            // The System Administrator profile allows every secured column whatever its rows
            // (Dataverse adds the row itself when a column is secured): a row changes nobody's
            // access, and securing a column must not fail the gate for it.
            if objectId.lowercased() == FieldSecurityProfile.systemAdministratorProfileId { return (.neutral, []) }
            return rise(rank(old), rank(new), [.securedColumnExposed])
        case .role:
            return roleRelation(kind, objectId: objectId, roleId: fact.subjectId, in: side, gained: new != nil)
        case .member where kind == .team:
            guard let team = side.teams[objectId] else { return (.neutral, []) }
            // An owner or group team owns records, which its members' Basic grants reach, even
            // with no role (DATAVERSE.md §2 rule 2); an access team counts by its profiles only.
            let holds = team.type.holdsRoles || side.fieldSecurityProfiles.values.contains { $0.teamIds.contains(team.id) }
            return holds ? gainOrLoss(new != nil, administratorReasons([team], in: side) + [.teamMemberAdded]) : (.neutral, [])
        case .member where kind == .entraGroup:
            // Members of a group that appears or disappears with them are not "added": the impact
            // says what the group changes for them.
            guard bothPresent, old == nil || new == nil else { return (.neutral, []) }
            if side.settings.securityGroupId == objectId { return gainOrLoss(new != nil, [.addedToSecurityGroup]) }
            // Only a team whose membership type takes this member (a guest, an owner) gives them
            // its roles.
            let fed = side.teams.values.filter { team in
                team.entraGroupId == objectId && team.type.holdsRoles
                    && fact.subjectId.map { side.members(of: team).contains($0) } != false
            }
            return fed.isEmpty ? (.neutral, []) : gainOrLoss(new != nil, administratorReasons(fed, in: side) + [.teamMemberAdded])
        case .template where kind == .role:
            // A role made from the System Administrator (or Customizer) template is that role
            // whatever its privileges say: also on a role added with it, an escalation before
            // anyone holds it, as a new role granting Organization level is.
            return rise(adminRank(old), adminRank(new), adminRank(new) == 2 ? [.systemAdministratorGranted] : [.systemCustomizerGranted])
        case .profileUser, .profileTeam:
            guard let profile = side.fieldSecurityProfiles[objectId] else { return (.neutral, []) }
            let allows =
                profile.isSystemAdministratorProfile
                || profile.permissions.values.contains { p in ColumnPermissionKind.allCases.contains(where: p.allows) }
            return allows ? gainOrLoss(new != nil, [.profileMemberAdded]) : (.neutral, [])
        default:
            break
        }
        if !bothPresent {
            // A new enabled user is a new principal with access (at least through the default team).
            if kind == .user, fact.field == .disabled, let v = new ?? old, v == .flag(false) {
                return gainOrLoss(new != nil, [.userAdded])
            }
            return (.neutral, [])
        }
        switch (kind, fact.field) {
        case (.user, .disabled): return rise(flag(old, true), flag(new, true), [.userEnabled])
        case (.user, .licensed):
            // A licence given to, or taken from, a user who needs none on either side (an
            // application or non-interactive user) moves nothing (EffectiveAccessRules rule 10).
            let sides = [base.users[objectId], target.users[objectId]].compactMap { $0 }
            if !sides.isEmpty && !sides.contains(where: \.needsLicence) { return (.neutral, []) }
            return rise(flag(old), flag(new), [.userLicensed])
        case (.user, .applicationUser):
            // An application user needs no licence [I] and bypasses the environment's security
            // group (DATAVERSE.md §1.2, §1.9): made one, an unlicensed user or one outside the
            // group signs in, an escalation; the way back a reduction (found by the model-based
            // fuzz: the entry was neutral while the impact rose).
            func signsIn(_ env: Environment, _ application: Bool) -> Int {
                guard var user = env.users[objectId] else { return 0 }
                user.isApplicationUser = application
                return !user.lacksNeededLicence && env.isInSecurityGroup(user) ? 1 : 0
            }
            let before = signsIn(base, flag(old) == 1)
            let after = signsIn(target, flag(new) == 1)
            let unlicensed = !(target.users[objectId]?.isLicensed ?? true)
            return rise(before, after, [unlicensed ? .licenceNoLongerNeeded : .addedToSecurityGroup])
        case (.user, .accessMode):
            // What each side's mode leaves of the user's table access with that side's licence:
            // leaving Read is `readOnlyLifted`, leaving Administrative (no customer data)
            // `administrativeAccessModeLifted`; a mode that needs no licence given to an
            // unlicensed user (Non-interactive) is `licenceNoLongerNeeded`. The way back is a
            // reduction: into Administrative, or into a mode whose licence the user lacks.
            let o = accessModeReach(old, base.users[objectId])
            let n = accessModeReach(new, target.users[objectId])
            // Signing in at all (miscellaneous privileges work in Administrative too): an
            // unlicensed user moved into Administrative gains them back (a regression review
            // found that move neutral while the user's access rose).
            let signedIn = accessModeSignsIn(old, base.users[objectId])
            let signsIn = accessModeSignsIn(new, target.users[objectId])
            if n <= o && signsIn && !signedIn { return (.escalation, [.licenceNoLongerNeeded]) }
            guard n > o else { return n < o || (signedIn && !signsIn) ? (.reduction, []) : (.neutral, []) }
            let reason: RiskReason =
                switch old {
                case .text(AccessMode.read.label): .readOnlyLifted
                case .text(AccessMode.administrative.label): .administrativeAccessModeLifted
                default: .licenceNoLongerNeeded
                }
            return (.escalation, [reason])
        case (.user, .roleCopy), (.team, .roleCopy):
            // Another unit's copy of a role moves its Local and Deep scopes there (DATAVERSE.md
            // §2.3, modernized business units): escalations both ways, like every moved scope,
            // until the impact says who gains (TreeReshape).
            guard let roleId = fact.subjectId, roleCopyMovesScopes(kind, objectId, roleId: roleId) else { return (.neutral, []) }
            return (.escalation, [.scopeChanged])
        case (.role, .memberPrivilegeInheritance): return rise(flag(old), flag(new), [.inheritanceEnabled])
        case (.team, .teamType):
            // An access team owns no records; an owner or group team does, and its members' Basic
            // grants reach them (DATAVERSE.md §2 rule 2): access to owner is an escalation when the
            // team has members, the way back a reduction. The members counted are those of the
            // side where it owns records, so the two directions mirror also when the members
            // change in the same release (a domain review found Owner -> Access with the member
            // removed neutral, while Access -> Owner with the member added was an escalation).
            let access = FactValue.text(TeamType.access.label)
            let owning = old == access ? target : base
            guard let team = owning.teams[objectId], !team.memberIds.isEmpty || team.entraGroupId != nil
            else { return (.neutral, []) }
            return rise(old == access ? 0 : 1, new == access ? 0 : 1, [.ownersWidened])
        case (.table, .column):
            guard let o = old, let n = new else { return (.neutral, []) }
            return rise(o == .text("secured") ? 0 : 1, n == .text("secured") ? 0 : 1, [.columnUnsecured])
        case (.environment, .securityGroup):
            if old != nil && new == nil { return (.escalation, [.securityGroupRemoved]) }
            if old == nil && new != nil { return (.reduction, []) }
            // Another group: an escalation when it only lets people in, a reduction when it only
            // leaves people out. A swap that does both (or groups whose members the snapshots do
            // not hold) is neutral here, like every rule symmetric: the users' access lines carry
            // the escalation of those let in, and the exit code with them.
            guard let before = base.settings.securityGroupId.flatMap({ base.entraGroups[$0] }),
                let after = target.settings.securityGroupId.flatMap({ target.entraGroups[$0] })
            else { return (.neutral, []) }
            let letIn = after.members.keys.contains { before.members[$0] == nil }
            let leftOut = before.members.keys.contains { after.members[$0] == nil }
            if letIn && !leftOut { return (.escalation, [.addedToSecurityGroup]) }
            if leftOut && !letIn { return (.reduction, []) }
            return (.neutral, [])
        case (.environment, .adminMode): return rise(flag(old, true), flag(new, true), [.adminModeTurnedOff])
        case (.businessUnit, .disabled):
            // Users of a disabled unit, and of the units below it, can't sign in (Microsoft Learn,
            // delete-business-unit): judged by whether the unit is disabled or under a disabled
            // one on each side, so a unit enabled under a parent still disabled moves nobody.
            let before = base.disablingBusinessUnit(of: objectId) == nil ? 1 : 0
            let after = target.disablingBusinessUnit(of: objectId) == nil ? 1 : 0
            return rise(before, after, [.businessUnitEnabled])
        case (.role, .businessUnit), (.team, .businessUnit), (.user, .businessUnit):
            // Local and Deep refer to the business unit of the role's copy the holder holds (the
            // holder's own, a team's for its roles; with modernized business units the role's
            // own for a holder outside its subtree [I]), DATAVERSE.md §2.2-3: a move of that one
            // moves scopes. Escalations both ways, like every moved scope.
            let moves =
                kind == .role
                ? roleMoveMovesScopes(objectId)
                : base.businessUnitMoveMovesScopes(kind, objectId) || target.businessUnitMoveMovesScopes(kind, objectId)
            guard bothPresent, old != new, moves else { return (.neutral, []) }
            return (.escalation, [.scopeChanged])
        case (.businessUnit, .parentBusinessUnit):
            // Deep reaches a unit and those below it (DATAVERSE.md §2): the unit moved leaves the
            // Deep grants held on its old ancestors and enters those on its new ones. Someone
            // gaining is an escalation (also when others lose: `scopeChanged`, both ways); only
            // losing, a reduction. Each user's lines say what their scopes reach now.
            // Moved out from under a disabled unit, its users and those below it sign in again (an
            // escalation, as the `disabled` line's rule); moved under one, they no longer do (a
            // reduction, unless Deep grants elsewhere gain its records). Found by a regression
            // review: such a move was neutral while its users' access rose.
            let enabledBefore = base.disablingBusinessUnit(of: objectId) == nil
            let enabledAfter = target.disablingBusinessUnit(of: objectId) == nil
            if enabledAfter && !enabledBefore { return (.escalation, [.businessUnitEnabled]) }
            let units = TreeReshape.reshapedUnits(moving: objectId, base: base, target: target)
            let gains = target.holdsDeepGrants(scopedTo: units.subtracting(TreeReshape.ancestors(of: objectId, in: base)))
            let losses = base.holdsDeepGrants(scopedTo: units.subtracting(TreeReshape.ancestors(of: objectId, in: target)))
            if gains { return (.escalation, [losses ? .scopeChanged : .scopeWidened]) }
            return losses || (enabledBefore && !enabledAfter) ? (.reduction, []) : (.neutral, [])
        case (.environment, .modernizedBusinessUnits):
            // Either way, scopes move (records of another business unit come into reach): the
            // same escalation in both directions, like every moved scope.
            // The holders whose copy is another unit's on the side with the switch on: the
            // classic side holds each principal's own unit's copy, whatever it names (a
            // model-based fuzz found a copy named only on the classic side failing the gate
            // while nobody's access moved).
            guard old != new,
                [base, target].contains(where: { $0.settings.modernizedBusinessUnits && $0.holdsLocalOrDeepRolesFromOtherBusinessUnits })
            else { return (.neutral, []) }
            return (.escalation, [.businessUnitScopesMoved])
        default: return (.neutral, [])
        }
    }

    /// Levels: up is an escalation with the reasons that make it one; down is a reduction.
    func levelChange(_ old: FactValue?, _ new: FactValue?, operation: TableOperation?, table: String?) -> (RiskClass, [RiskReason]) {
        let userOwned = table.map { (target.tables[$0] ?? base.tables[$0])?.ownership == .userOrTeam } ?? false
        return Self.levelChange(level(old), level(new), operation: operation, userOwnedTable: userOwned)
    }

    /// ``levelChange(_:_:operation:table:)`` with the table's ownership already looked up:
    /// `userOwnedTable` says the table (in the target, else in the base) is user- or team-owned.
    static func levelChange(
        _ o: AccessLevel, _ n: AccessLevel, operation: TableOperation?, userOwnedTable: Bool
    )
        -> (RiskClass, [RiskReason])
    {
        if n > o {
            var which = 0
            if let op = operation, op == .delete || op == .assign || op == .share, o == .none { which |= 1 }
            if n == .organization && userOwnedTable { which |= 2 }
            return (.escalation, raisedReasons[which])
        }
        return n < o ? (.reduction, []) : (.neutral, [])
    }

    /// The four reason lists a raised level can have, built once and shared (a diff can have
    /// hundreds of thousands of raised cells).
    private static let raisedReasons: [[RiskReason]] = [
        [.levelRaised], [.levelRaised, .newDeleteAssignShare], [.levelRaised, .organizationLevelOnUserOwnedTable],
        [.levelRaised, .newDeleteAssignShare, .organizationLevelOnUserOwnedTable],
    ]

    func roleRelation(
        _ kind: DiffObjectKind, objectId: String, roleId: String?, in env: Environment, gained: Bool
    )
        -> (RiskClass, [RiskReason])
    {
        guard let id = roleId, let role = env.roles[id] else { return (.neutral, []) }
        if kind == .team, env.teams[objectId]?.type.holdsRoles != true { return (.neutral, []) }
        switch role.builtIn {
        case .systemAdministrator: return gainOrLoss(gained, [.systemAdministratorGranted])
        case .systemCustomizer: return gainOrLoss(gained, [.systemCustomizerGranted])
        default:
            let grants =
                role.privileges.values.contains { !$0.isEmpty } || role.miscPrivileges.values.contains { $0 > .none }
                || role.unmappedPrivileges.values.contains { $0 > .none }
            return grants ? gainOrLoss(gained, [.roleAssigned]) : (.neutral, [])
        }
    }

    /// `systemAdministratorGranted` when one of `teams` holds System Administrator, else
    /// `systemCustomizerGranted` when one holds System Customizer: a member added to such a team
    /// gains the role as a direct assignment does, and is told so with the same reason (a domain
    /// review found it given through a group team with only `teamMemberAdded`).
    func administratorReasons(_ teams: [Team], in env: Environment) -> [RiskReason] {
        let held = Set(teams.filter(\.type.holdsRoles).flatMap(\.roleIds).compactMap { env.roles[$0]?.builtIn })
        if held.contains(.systemAdministrator) { return [.systemAdministratorGranted] }
        return held.contains(.systemCustomizer) ? [.systemCustomizerGranted] : []
    }

    func gainOrLoss(_ gained: Bool, _ reasons: [RiskReason]) -> (RiskClass, [RiskReason]) {
        gained ? (.escalation, reasons) : (.reduction, [])
    }

    func rise(_ old: Int, _ new: Int, _ reasons: [RiskReason]) -> (RiskClass, [RiskReason]) {
        if new > old { return (.escalation, reasons) }
        return new < old ? (.reduction, []) : (.neutral, [])
    }

    func level(_ v: FactValue?) -> AccessLevel {
        if case .level(let l) = v { return l }
        return .none
    }

    func rank(_ v: FactValue?) -> Int {
        switch v {
        case .flag(let b): b ? 1 : 0
        case .rank(let r, _): r
        default: 0
        }
    }

    /// 1 when the flag is set; `inverted` reads "disabled"/"admin mode" as a loss of access.
    func flag(_ v: FactValue?, _ inverted: Bool = false) -> Int {
        guard case .flag(let b) = v else { return 0 }
        return (b != inverted) ? 1 : 0
    }

    /// The user as they are on one side, in the access mode a fact names; nil for no mode.
    func user(_ user: User?, inAccessMode v: FactValue?) -> User? {
        guard case .text(let label) = v, let mode = AccessMode.allCases.first(where: { $0.label == label }) else { return nil }
        var u = user ?? User(id: "", name: "", businessUnitId: "")
        u.accessMode = mode
        return u
    }

    /// How much of a user's table access an access mode (a fact's label) leaves at run time, with
    /// the user's licence on that side: 0 none (Administrative, or no licence where the mode needs
    /// one), 1 Read only [I], 2 all.
    func accessModeReach(_ v: FactValue?, _ user: User?) -> Int {
        guard let u = self.user(user, inAccessMode: v), u.accessMode != .administrative, !u.lacksNeededLicence else { return 0 }
        return u.accessMode == .read ? 1 : 2
    }

    /// Whether the user signs in with the access mode `v` and their licence on that side: not
    /// when the mode needs a licence the user lacks.
    func accessModeSignsIn(_ v: FactValue?, _ user: User?) -> Bool {
        self.user(user, inAccessMode: v).map { !$0.lacksNeededLicence } ?? false
    }

    func adminRank(_ v: FactValue?) -> Int {
        switch v {
        case .text(BuiltInRole.systemAdministrator.rawValue): 2
        case .text(BuiltInRole.systemCustomizer.rawValue): 1
        default: 0
        }
    }
}

extension RiskRules {
    /// Whether the user or team `id` holds the role on both sides, through another unit's copy
    /// on one side than on the other, and the role has Local or Deep levels on a side (a team:
    /// with members on a side).
    func roleCopyMovesScopes(_ kind: DiffObjectKind, _ id: String, roleId: String) -> Bool {
        guard base.grantsLocalOrDeep(roleId) || target.grantsLocalOrDeep(roleId) else { return false }
        func copy(_ env: Environment) -> String? {
            guard let role = env.roles[roleId] else { return nil }
            switch kind {
            case .user:
                guard let user = env.users[id], user.roleIds.contains(roleId) else { return nil }
                return env.assignedCopyBusinessUnitId(
                    of: role, principalBusinessUnitId: user.businessUnitId, heldCopy: user.roleBusinessUnitIds[roleId])
            case .team:
                guard let team = env.teams[id], team.type.holdsRoles, team.roleIds.contains(roleId) else { return nil }
                return env.assignedCopyBusinessUnitId(
                    of: role, principalBusinessUnitId: team.businessUnitId, heldCopy: team.roleBusinessUnitIds[roleId])
            default: return nil
            }
        }
        if kind == .team && base.teams[id].map(base.members(of:))?.isEmpty != false
            && target.teams[id].map(target.members(of:))?.isEmpty != false
        {
            return false
        }
        guard let before = copy(base), let after = copy(target) else { return false }
        return before != after
    }

    /// Whether a role moved to another business unit moves the scope of some holder's Local or
    /// Deep grants: a holder whose copy of the role is in another unit before than after
    /// (``Environment/assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)``; only with
    /// modernized business units, for a holder outside the role's subtree on one side).
    func roleMoveMovesScopes(_ id: String) -> Bool {
        guard let before = base.roles[id], let after = target.roles[id],
            base.grantsLocalOrDeep(id) || target.grantsLocalOrDeep(id)
        else { return false }
        for env in [base, target] {
            for h in env.holdingBusinessUnits(ofRole: id)
            where base.assignedCopyBusinessUnitId(of: before, principalBusinessUnitId: h.unit, heldCopy: h.heldCopy)
                != target.assignedCopyBusinessUnitId(of: after, principalBusinessUnitId: h.unit, heldCopy: h.heldCopy)
            {
                return true
            }
        }
        return false
    }
}

/// The business unit of a principal holding a role, and the unit of the copy it holds when the
/// snapshot names one.
struct HoldingBusinessUnit: Hashable {
    let unit: String
    let heldCopy: String?
}

extension Environment {
    /// The business units of the principals holding a role: users holding it directly, and
    /// teams with members holding it.
    func holdingBusinessUnits(ofRole id: String) -> Set<HoldingBusinessUnit> {
        var out = Set(
            users.values.filter { $0.roleIds.contains(id) }.map {
                HoldingBusinessUnit(unit: $0.businessUnitId, heldCopy: $0.roleBusinessUnitIds[id])
            })
        for team in teams.values where team.type.holdsRoles && team.roleIds.contains(id) && !members(of: team).isEmpty {
            out.insert(HoldingBusinessUnit(unit: team.businessUnitId, heldCopy: team.roleBusinessUnitIds[id]))
        }
        return out
    }

    /// Whether a user or team holds a role that grants some Local or Deep level and has no copy
    /// in the holder's business unit (made in a unit that is not the holder's nor above it):
    /// turning modernized business units on or off moves those scopes between the holder's unit
    /// (classic) and the role's (modernized), ``assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)`` [I].
    var holdsLocalOrDeepRolesFromOtherBusinessUnits: Bool { !holdersOutsideTheirRolesSubtree().isEmpty }
}

extension Environment {
    /// Whether some user holds, directly or through a team, a role granting Deep on some table
    /// whose Deep grants refer to one of `units` (``scopeBusinessUnitId(of:team:user:)``).
    func holdsDeepGrants(scopedTo units: Set<String>) -> Bool {
        guard !units.isEmpty else { return false }
        let deep = Set(
            roles.values.filter { role in
                role.privileges.values.contains { row in TableOperation.allCases.contains { row[$0] == .parentChildBusinessUnits } }
            }.map(\.id))
        guard !deep.isEmpty else { return false }
        // Disabled users and System Administrators gain nothing from a Deep grant; the impact,
        // when computed, decides with every other rule (DiffEntry.classifyMoves).
        let administrators = Set(roles.values.filter(\.isSystemAdministrator).map(\.id))
        func counts(_ user: User) -> Bool { !user.isDisabled && user.roleIds.isDisjoint(with: administrators) }
        for user in users.values where counts(user) {
            for id in user.roleIds where deep.contains(id) {
                if let role = roles[id], units.contains(scopeBusinessUnitId(of: role, team: nil, user: user)) { return true }
            }
        }
        for team in teams.values where team.type.holdsRoles {
            for id in team.roleIds where deep.contains(id) {
                guard let role = roles[id] else { continue }
                for userId in members(of: team) {
                    if let user = users[userId], counts(user), units.contains(scopeBusinessUnitId(of: role, team: team, user: user)) {
                        return true
                    }
                }
            }
        }
        return false
    }

    /// Whether a role's Local or Deep levels reach anyone through it.
    func grantsLocalOrDeep(_ roleId: String) -> Bool {
        roles[roleId]?.privileges.values.contains { row in
            TableOperation.allCases.contains { row[$0] == .businessUnit || row[$0] == .parentChildBusinessUnits }
        } ?? false
    }

    /// Whether moving this team or user to another business unit moves the scope of some Local
    /// or Deep grant (DATAVERSE.md §2.2-3): of a team's roles, or a user's direct roles, whose
    /// copy is in the holder's own unit (always with classic business units; with modernized
    /// ones, a role made in that unit or above it [I]). A role's move: ``RiskRules/roleMoveMovesScopes(_:)``.
    func businessUnitMoveMovesScopes(_ kind: DiffObjectKind, _ id: String) -> Bool {
        func followsHolder(_ roleId: String, _ unit: String, _ heldCopy: String?) -> Bool {
            guard grantsLocalOrDeep(roleId), let role = roles[roleId] else { return false }
            // A copy the snapshot names stays where it is when its holder moves.
            if settings.modernizedBusinessUnits && heldCopy != nil { return false }
            return assignedCopyBusinessUnitId(of: role, principalBusinessUnitId: unit, heldCopy: heldCopy) == unit
        }
        switch kind {
        case .team:
            guard let team = teams[id], team.type.holdsRoles else { return false }
            let members = members(of: team)
            guard !members.isEmpty else { return false }
            if team.roleIds.contains(where: { followsHolder($0, team.businessUnitId, team.roleBusinessUnitIds[$0]) }) { return true }
            // The team's records move with it [I] (records are in their owner's unit): what a
            // member's grants reach of them can move, the team holding no role itself (found by
            // a model-based review: such a move stayed neutral while a member gained records).
            if members.contains(where: { !(users[$0]?.roleIds.isEmpty ?? true) }) { return true }
            let holdingTeams = teams.values.filter { $0.type.holdsRoles && !$0.roleIds.isEmpty }
            return holdingTeams.contains { !self.members(of: $0).isDisjoint(with: members) }
        case .user:
            guard let user = users[id] else { return false }
            if user.roleIds.contains(where: { followsHolder($0, user.businessUnitId, user.roleBusinessUnitIds[$0]) }) { return true }
            // The user's default team moves with them, and with it the records their grants
            // acting as themselves reach at Basic (DATAVERSE.md §2 rule 2): any role they hold.
            return !user.roleIds.isEmpty
                || teams.values.contains { $0.type.holdsRoles && !$0.roleIds.isEmpty && members(of: $0).contains(id) }
        default:
            return false
        }
    }
}
