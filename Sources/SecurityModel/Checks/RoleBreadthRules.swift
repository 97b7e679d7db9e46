/// AP4 and AP5: roles that grant too much, and System Administrator held too widely.
extension CheckContext {
    /// An enabled person (not disabled, not an application or non-interactive user), read from the
    /// index's arrays for a user slot.
    func isEnabledPerson(slot s: Int) -> Bool {
        let flags = index.userFlags[s]
        return !flags.contains(.disabled) && !flags.contains(.applicationUser) && index.userAccessModes[s] != .nonInteractive
    }

    /// AP4a and AP4d: System Administrator held by many people, or by test personas (a copy of it
    /// under another name, AP4c, counts for AP4d, as for GL7a and GL8a).
    func systemAdministratorHolders() -> [Finding] {
        var out: [Finding] = []
        let admins = users(slots: { isEnabledPerson(slot: $0) && holdsSystemAdministrator(slot: $0) })
        // People who can sign in (a holder outside the security group or unlicensed is not one; a
        // review found them counted), as GL2 counts them: one in access mode Administrative is,
        // and administers the environment without customer data.
        let signingIn = admins.filter { user in index.userSlots[user.id].map { signsIn(slot: $0) } ?? false }
        if signingIn.count > options.maxSystemAdministrators,
            let role = env.sortedRoles.first(where: \.isSystemAdministrator)
        {
            out.append(
                Finding(
                    rule: .systemAdministratorWidelyHeld, place: place(role: role),
                    message:
                        "\(signingIn.count) people who can sign in hold System Administrator (more than \(options.maxSystemAdministrators)): \(CheckContext.quotedList(signingIn.map(\.name)))."
                ))
        }
        for user in admins where isTestPersona(user) {
            out.append(
                Finding(
                    rule: .systemAdministratorTestPersona, place: place(user: user),
                    message: "User \(quotedName(user.name)) looks like a test persona and holds System Administrator."))
        }
        // A copy of System Administrator is as much one on a test persona (found by a domain
        // review: AP4d ignored it while GL7a and GL8a counted it). Its holders as every rule
        // counts them, directly or through a team as the engine resolves membership.
        let clones = systemAdministratorCloneIds()
        var holdsClone = [Bool](repeating: false, count: index.realUserCount)
        for id in clones { for s in holderSlots(ofRole: id) { holdsClone[Int(s)] = true } }
        let cloneHolders = users(slots: { holdsClone[$0] && isEnabledPerson(slot: $0) && !holdsSystemAdministrator(slot: $0) })
        for user in cloneHolders where isTestPersona(user) {
            let copies = copiesOfSystemAdministrator(heldBy: user, clones: clones)
            out.append(
                Finding(
                    rule: .systemAdministratorTestPersona, place: place(user: user),
                    message:
                        "User \(quotedName(user.name)) looks like a test persona and holds \(CheckContext.quotedList(copies)), a copy of System Administrator (AP4c).",
                    fix:
                        "Test with the roles real users will hold; remove \(CheckContext.quotedList(copies)) (a copy of System Administrator) from test accounts."
                ))
        }
        return out
    }

    /// The ids of the roles that copy System Administrator under another name (AP4c).
    func systemAdministratorCloneIds() -> Set<String> {
        let allCells = env.organizationCellCount
        return Set(env.roles.values.filter { !$0.isSystemAdministrator && isSystemAdministratorClone($0, allCells: allCells) }.map(\.id))
    }

    /// The names of the copies of System Administrator among `clones` that a user holds, directly
    /// or through a team, each once, sorted.
    func copiesOfSystemAdministrator(heldBy user: User, clones: Set<String>) -> [String] {
        Set(holdings(of: user).filter { clones.contains($0.roleId) }.compactMap { env.roles[$0.roleId]?.name }).sorted()
    }

    func isTestPersona(_ user: User) -> Bool {
        let words =
            SensitiveNames.words(user.name) + SensitiveNames.words(user.domainName.split(separator: "@").first.map(String.init) ?? "")
            + SensitiveNames.words(user.title ?? "")
        return words.contains { ["test", "tester", "testuser", "demo", "dummy", "persona", "qa", "uat"].contains($0) }
    }

    /// AP4b and AP4c: roles granting Organization Write/Delete/Assign/Share on many user-owned
    /// tables, and roles that copy System Administrator.
    func broadRoles() -> [Finding] {
        var out: [Finding] = []
        let userOwned = env.sortedTables.filter { $0.ownership == .userOrTeam }
        let userOwnedNames = Set(userOwned.map(\.logicalName))
        let allCells = env.organizationCellCount
        for role in env.sortedRoles where !role.isSystemAdministrator {
            let orgCells = organizationCells(role)
            if isSystemAdministratorClone(role, allCells: allCells) {
                out.append(
                    Finding(
                        rule: .systemAdministratorClone, place: place(role: role),
                        message:
                            "Role \(quotedName(role.name)) grants Organization on \(orgCells) of \(allCells) table privileges: it is a copy of System Administrator under another name."
                    ))
                continue
            }
            // The role's own rows (tens), not every user-owned table (hundreds) per operation.
            var broadOps: [String] = []
            var broadTables: Set<String> = []
            for op in [TableOperation.write, .delete, .assign, .share] {
                var count = 0
                for (table, row) in role.privileges where row[op] == .organization && userOwnedNames.contains(table) {
                    count += 1
                    broadTables.insert(table)
                }
                if count > 0 { broadOps.append("\(op.label) on \(count)") }
            }
            let n = broadTables.count
            let share = userOwned.isEmpty ? 0 : Double(n) / Double(userOwned.count)
            if n >= options.broadRoleAbsoluteTables || (n >= options.broadRoleMinimumTables && share >= options.broadRoleTableShare) {
                let holders = holderCount(ofRole: role.id)
                out.append(
                    Finding(
                        rule: .broadGlobalPrivileges, place: place(role: role),
                        message:
                            "Role \(quotedName(role.name)) grants Organization-level \(broadOps.joined(separator: ", ")) of \(userOwned.count) user-owned tables; \(counted(holders, "user")) hold\(holders == 1 ? "s" : "") it."
                    ))
            }
        }
        return out
    }

    /// AP4c: Organization on at least ``CheckOptions/cloneCoverage`` of `allCells` (and 3 tables or more).
    func isSystemAdministratorClone(_ role: SecurityRole, allCells: Int) -> Bool {
        Environment.isCopyOfSystemAdministrator(
            role, organizationCells: organizationCells(role), allCells: allCells, coverage: options.cloneCoverage)
    }

    /// AP5: Share granted broadly, by a role (Share at Business Unit or above on many tables) or on a
    /// table (most enabled users, System Administrators aside, can share records they don't own:
    /// Share at Business Unit or above; sharing one's own records at Basic is normal).
    func broadSharing() -> [Finding] {
        var out: [Finding] = []
        let allCells = env.organizationCellCount
        // A clone of System Administrator is reported once, as AP4c.
        for role in env.sortedRoles where !role.isSystemAdministrator && !isSystemAdministratorClone(role, allCells: allCells) {
            let tables = role.privileges.filter { $0.value[.share] >= .businessUnit }.keys.sorted()
            if tables.count >= options.shareRoleMinimumTables {
                var spot = place(role: role)
                spot.table = tables.first
                spot.operation = .share
                out.append(
                    Finding(
                        rule: .shareGrantedBroadly, place: spot,
                        message:
                            "Role \(quotedName(role.name)) grants Share at Business Unit level or above on \(tables.count) tables: \(CheckContext.list(tables))."
                    ))
            }
        }
        // How many enabled non-administrators can share each table, at run time.
        let (enabled, sharers) = index.runtimeCounts(of: .share, atLeast: .businessUnit) {
            isEnabledPerson(slot: $0) && !holdsSystemAdministrator(slot: $0)
        }
        guard enabled >= options.shareMinimumUsers else { return out }
        for (i, name) in index.tableNames.enumerated() {
            let n = sharers[i]
            guard n >= options.shareMinimumUsers, Double(n) >= options.shareUserShare * Double(enabled), let table = env.tables[name]
            else { continue }
            out.append(
                Finding(
                    rule: .shareGrantedBroadly, place: place(table: table),
                    message:
                        "\(n) of \(enabled) enabled users (System Administrators aside) can share \(name) records they don't own (Share at Business Unit or above)."
                ))
        }
        return out
    }

    /// The non-default teams a user is a member of, by name in display order, as the engine
    /// resolves membership: a group team through its Entra group ("(Entra group NAME)" after it).
    func teamsOf(_ user: User) -> [String] {
        guard let slot = index.userSlots[user.id], Int(slot) < index.realUserCount else { return [] }
        return index.userTeams[Int(slot)].compactMap { t -> String? in
            guard let team = env.teams[index.teamIds[Int(t)]], !team.isDefault else { return nil }
            guard team.type.isGroupTeam else { return "team " + quotedName(team.name) }
            let group = team.entraGroupId.map { env.entraGroups[$0]?.name ?? $0 } ?? "?"
            return "team \(quotedName(team.name)) (Entra group \(quotedName(group)))"
        }
    }

    /// GL7a and GL8a: application users with System Administrator; disabled users who keep admin
    /// roles or team memberships.
    func disabledUsersWithAccess() -> [Finding] {
        var out: [Finding] = []
        let candidate: (Int) -> Bool = { s in
            let flags = index.userFlags[s]
            return flags.contains(.disabled) || flags.contains(.applicationUser) || index.userAccessModes[s] == .nonInteractive
        }
        let allCells = env.organizationCellCount
        // A copy of System Administrator under another name (AP4c) is as much an admin role.
        var clones: [String: Bool] = [:]
        func isClone(_ r: SecurityRole) -> Bool {
            if let known = clones[r.id] { return known }
            let c = !r.isSystemAdministrator && isSystemAdministratorClone(r, allCells: allCells)
            clones[r.id] = c
            return c
        }
        for user in users(slots: candidate) {
            if (user.isApplicationUser || user.accessMode == .nonInteractive) && !user.isDisabled {
                let kind = user.isApplicationUser ? "application user" : "non-interactive user"
                let article = user.isApplicationUser ? "an" : "a"
                // The fix names the kind the message names (a domain review found "the
                // application user" said of a non-interactive one).
                let fix = "Give the \(kind) a custom role with only the privileges its integration needs."
                let copies = Set(holdings(of: user).compactMap { env.roles[$0.roleId] }.filter(isClone).map(\.name)).sorted()
                if isSystemAdministrator(user) {
                    out.append(
                        Finding(
                            rule: .applicationUserSystemAdministrator, place: place(user: user),
                            message: "User \(quotedName(user.name)) is \(article) \(kind) and holds System Administrator.", fix: fix))
                } else if !copies.isEmpty {
                    out.append(
                        Finding(
                            rule: .applicationUserSystemAdministrator, place: place(user: user),
                            message:
                                "User \(quotedName(user.name)) is \(article) \(kind) and holds \(CheckContext.quotedList(copies)), a copy of System Administrator (AP4c).",
                            fix: fix))
                }
            }
            guard user.isDisabled else { continue }
            var kept: [String] = []
            let adminRoles = holdings(of: user).compactMap { h -> String? in
                guard let r = env.roles[h.roleId], r.builtIn == .systemAdministrator || r.builtIn == .systemCustomizer || isClone(r)
                else { return nil }
                return h.teamId.map { "\(quotedName(r.name)) (team \(quotedName(env.teams[$0]?.name ?? $0)))" } ?? quotedName(r.name)
            }
            if !adminRoles.isEmpty { kept.append("the admin role\(adminRoles.count == 1 ? "" : "s") \(CheckContext.list(adminRoles))") }
            // Teams as the engine resolves them: a group team's members are its Entra group's,
            // whatever the team's cached list says (DATAVERSE.md §1.3; a review found the cache
            // read, and a real member missed). Default teams follow the business unit.
            let teams = teamsOf(user)
            if !teams.isEmpty { kept.append("the membership of \(CheckContext.list(teams))") }
            if !kept.isEmpty {
                out.append(
                    Finding(
                        rule: .disabledUserHoldingAdminRole, place: place(user: user),
                        message:
                            "User \(quotedName(user.name)) is disabled but keeps \(kept.joined(separator: " and ")); re-enabling restores it all."
                    ))
            }
        }
        return out
    }
}
