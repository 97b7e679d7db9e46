/// GL1, GL5 and GL8b: environment settings and the business-unit tree.
extension CheckContext {
    /// GL1a and GL8b: a production environment without a security group, or left in admin mode.
    func environmentSettings() -> [Finding] {
        var out: [Finding] = []
        guard env.type == .production else { return out }
        if env.settings.securityGroupId == nil {
            out.append(
                Finding(
                    rule: .productionWithoutSecurityGroup, place: environmentPlace,
                    message:
                        "Environment \(quotedName(env.name)) is a production environment without a security group: any licensed user in the tenant can be added."
                ))
        }
        if env.settings.adminMode {
            out.append(
                Finding(
                    rule: .productionInAdminMode, place: environmentPlace,
                    message:
                        "Environment \(quotedName(env.name)) is a production environment in admin mode: only System Administrators and System Customizers can sign in."
                ))
        }
        return out
    }

    /// GL1b: a group team whose Entra group has members outside the environment's security group;
    /// Dataverse won't add them (or disables them), so the team silently shrinks.
    func groupTeamsOutsideSecurityGroup() -> [Finding] {
        guard let sg = env.settings.securityGroupId else { return [] }
        var out: [Finding] = []
        for team in env.sortedTeams where team.type.isGroupTeam {
            guard let gid = team.entraGroupId, env.entraGroups[gid] != nil, gid != sg else { continue }
            let outside = env.members(of: team).compactMap { env.users[$0] }
                .filter { !env.isInSecurityGroup($0) }
                .sortedByName(\.name, id: \.id)
            guard !outside.isEmpty else { continue }
            let groupName = env.entraGroups[gid]?.name ?? gid
            let sgName = env.entraGroups[sg]?.name ?? sg
            out.append(
                Finding(
                    rule: .groupTeamOutsideSecurityGroup, place: place(team: team),
                    message:
                        "Team \(quotedName(team.name)) comes from Entra group \(quotedName(groupName)), but \(outside.count) of its members \(outside.count == 1 ? "is" : "are") not in the environment security group \(quotedName(sgName)): \(CheckContext.quotedList(outside.map(\.name)))."
                ))
        }
        return out
    }

    /// GL5c: with classic business units a principal holds only the copies of roles made at its
    /// own business unit or above it (DATAVERSE.md §2 rule 3), so a user or team holding a role
    /// of another branch is an assignment Dataverse can't have: the snapshot is wrong, or the
    /// environment uses modernized business units and its setting says otherwise. dvsec still
    /// computes the grant as the snapshot has it (scoped to the principal's unit).
    func rolesHeldOutsideTheirBranch() -> [Finding] {
        guard !env.settings.modernizedBusinessUnits, env.roles.values.contains(where: { $0.businessUnitId != rootId }) else { return [] }
        var above: [String: Set<String>] = [:]
        func reaches(_ unit: String, _ role: SecurityRole) -> Bool {
            if role.businessUnitId == rootId { return true }
            if above[unit] == nil { above[unit] = env.businessUnitAndAbove(unit) }
            return above[unit]?.contains(role.businessUnitId) ?? false
        }
        func message(_ who: String, _ unit: String, _ role: SecurityRole) -> String {
            "\(who) in \(quotedName(env.businessUnitPath(unit))) holds role \(quotedName(role.name)), a role of \(quotedName(env.businessUnitPath(role.businessUnitId))): "
                + "with classic business units only the units at or below it have a copy of it. "
                + "dvsec computes the grant in \(quotedName(env.businessUnitPath(unit))) as the snapshot says."
        }
        var out: [Finding] = []
        // The few users concerned, found without sorting every user.
        let concerned = env.users.values.filter { u in
            u.roleIds.contains { id in env.roles[id].map { !reaches(u.businessUnitId, $0) } ?? false }
        }
        /// The roles of `ids` a principal of `unit` holds from another branch, by name.
        func outside(_ ids: Set<String>, _ unit: String) -> [SecurityRole] {
            ids.compactMap { env.roles[$0] }.filter { !reaches(unit, $0) }.sortedByName(\.name, id: \.id)
        }
        for user in concerned.sortedByName(\.name, id: \.id) {
            for role in outside(user.roleIds, user.businessUnitId) {
                out.append(
                    Finding(
                        rule: .roleHeldOutsideItsBranch, place: place(user: user, role: role),
                        message: message("User \(quotedName(user.name))", user.businessUnitId, role)))
            }
        }
        for team in env.sortedTeams where team.type.holdsRoles {
            for role in outside(team.roleIds, team.businessUnitId) {
                out.append(
                    Finding(
                        rule: .roleHeldOutsideItsBranch, place: place(team: team, role: role),
                        message: message("Team \(quotedName(team.name))", team.businessUnitId, role)))
            }
        }
        return out
    }

    /// GL5d: a user or team naming the copy of a role it holds (`roleBusinessUnits`) that its
    /// environment cannot give it: with modernized business units a unit that is neither the
    /// role's nor below it (Dataverse copies a role only there, so no such copy exists; dvsec
    /// still reads Local and Deep in the unit named), with classic ones another unit than the
    /// holder's own (not used: Local and Deep reach the holder's unit).
    func roleCopiesThatCannotBeHeld() -> [Finding] {
        let modernized = env.settings.modernizedBusinessUnits
        var below: [String: Set<String>] = [:]
        /// Why the copy named cannot be held, or nil, and the fix when the rule's does not fit.
        func problem(_ role: SecurityRole, _ unit: String, holderUnit: String) -> (why: String, fix: String?)? {
            let named = quotedName(env.businessUnitPath(unit))
            if !modernized {
                guard unit != holderUnit else { return nil }
                let own = quotedName(env.businessUnitPath(holderUnit))
                // Classic units use the holder's own unit's copy only: the rule's fix ("a unit
                // below the role's") names copies they ignore (found by a domain review).
                return (
                    "names the copy of role \(quotedName(role.name)) in \(named), which classic business units do not use: its Local and Deep levels reach \(own).",
                    "Name the holder's own business unit (\(own)), the only copy classic business units use, or remove the entry from roleBusinessUnits (the console's c) so that the default copy applies."
                )
            }
            if below[role.businessUnitId] == nil { below[role.businessUnitId] = env.subtree(of: role.businessUnitId) }
            guard below[role.businessUnitId]?.contains(unit) == false else { return nil }
            return (
                "holds the copy of role \(quotedName(role.name)) in \(named), a role of \(quotedName(env.businessUnitPath(role.businessUnitId))): only that unit and those below it have a copy. dvsec reads its Local and Deep levels in \(named) as the snapshot says.",
                nil
            )
        }
        /// One finding per copy that cannot be held, in role-name order.
        func findings(_ copies: [String: String], holderUnit: String, who: String, at place: (SecurityRole) -> FindingPlace) -> [Finding] {
            copies.compactMap { roleId, unit in
                env.roles[roleId].flatMap { role in problem(role, unit, holderUnit: holderUnit).map { (role, $0) } }
            }.sortedByName({ $0.0.name }, id: { $0.0.id }).map { role, problem in
                Finding(rule: .roleCopyThatCannotBeHeld, place: place(role), message: "\(who) \(problem.why)", fix: problem.fix)
            }
        }
        var out: [Finding] = []
        for user in env.users.values.filter({ !$0.roleBusinessUnitIds.isEmpty }).sortedByName(\.name, id: \.id) {
            out += findings(user.roleBusinessUnitIds, holderUnit: user.businessUnitId, who: "User \(quotedName(user.name))") {
                place(user: user, role: $0)
            }
        }
        for team in env.sortedTeams where team.type.holdsRoles && !team.roleBusinessUnitIds.isEmpty {
            out += findings(team.roleBusinessUnitIds, holderUnit: team.businessUnitId, who: "Team \(quotedName(team.name))") {
                place(team: team, role: $0)
            }
        }
        return out
    }

    /// GL5a and GL5b: roles created outside the root business unit; too many business units or too
    /// deep a tree.
    func businessUnitStructure() -> [Finding] {
        var out: [Finding] = []
        if let root = rootId {
            for role in env.sortedRoles where role.businessUnitId != root {
                out.append(
                    Finding(
                        rule: .roleOutsideRootBusinessUnit, place: place(role: role),
                        message:
                            "Role \(quotedName(role.name)) belongs to \(quotedName(env.businessUnitPath(role.businessUnitId))), not the root business unit"
                            + (env.settings.modernizedBusinessUnits
                                ? " (roles are best created at the root)." : ": it can only be assigned there and below.")
                    ))
            }
        }
        if env.businessUnits.count > options.maxBusinessUnits {
            out.append(
                Finding(
                    rule: .businessUnitTreeTooLarge, place: environmentPlace,
                    message:
                        "Environment \(quotedName(env.name)) has \(env.businessUnits.count) business units (more than \(options.maxBusinessUnits))."
                ))
        }
        let deepest = env.businessUnits.keys.map { ($0, env.depth(ofBusinessUnit: $0)) }
            .max { ($0.1, $1.0) < ($1.1, $0.0) }
        if let (id, depth) = deepest, depth > options.maxBusinessUnitDepth {
            out.append(
                // The tree is the place, not its deepest unit: which unit that is (ties broken by
                // id) may change without the tree getting deeper, and a suppression must hold.
                Finding(
                    rule: .businessUnitTreeTooLarge,
                    place: FindingPlace(environment: env, path: "businessUnitTree", key: "businessUnitTree"),
                    message:
                        "The business-unit tree is \(depth) levels deep (more than \(options.maxBusinessUnitDepth)): \(quotedName(env.businessUnitPath(id)))."
                ))
        }
        return out
    }

    /// GL5e: an enabled business unit below a disabled one. Dataverse disables the units below
    /// a disabled one with it, so it never shows this: the snapshot is inconsistent or was
    /// edited by hand. dvsec already reads such a unit as disabled (its users are dormant,
    /// ``Environment/disablingBusinessUnit(of:)``); the finding says so where it is [I].
    func enabledBusinessUnitsUnderDisabledOnes() -> [Finding] {
        var out: [Finding] = []
        for unit in env.businessUnits.values where !unit.isDisabled {
            guard let parent = unit.parentId, let disabling = env.disablingBusinessUnit(of: parent) else { continue }
            out.append(
                Finding(
                    rule: .enabledBusinessUnitUnderDisabledOne, place: place(businessUnit: unit.id),
                    message:
                        "Business unit \(quotedName(env.businessUnitPath(unit.id))) is enabled under disabled business unit \(quotedName(env.businessUnitPath(disabling.id))): "
                        + "Dataverse disables the units below a disabled one, so the snapshot is inconsistent or edited by hand. "
                        + "dvsec reads it as disabled: its users are dormant."))
        }
        return out
    }
}
