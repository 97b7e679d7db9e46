/// AP1, AP2, AP3 and GL6: what tables and columns expose.
extension CheckContext {
    /// AP1: a sensitive-named column that is not secured is reachable through Advanced Find, flows
    /// and the API even when forms hide it. Credential names count here when AP2 does not look at
    /// the column (a standard column of a standard table, `contact.password`): DATAVERSE.md §4
    /// lists password, secret and token among AP1's names for any table.
    func sensitiveColumns() -> [Finding] {
        var out: [Finding] = []
        for table in env.sortedTables {
            for column in table.columns.values.sorted(by: { $0.logicalName < $1.logicalName }) where !column.isSecured {
                guard let (word, credential) = SensitiveNames.sensitiveKeyword(column, in: table) else { continue }
                let ref = ColumnReference(table: table.logicalName, column: column.logicalName)
                let looks = credential ? "looks like a credential" : "looks sensitive"
                out.append(
                    Finding(
                        rule: .sensitiveColumnNotSecured, place: place(column: ref),
                        message:
                            "\(ref.description) \(looks) ('\(word)') but is not secured: everyone who can read \(table.logicalName) can read it."
                    ))
            }
        }
        return out
    }

    /// Roles (other than System Administrator) that let someone who can act at run time read
    /// every record of a table: Organization (any level on an organization-owned table), or Deep
    /// whose scope is the root business unit, which reaches the whole tree. A review found a role
    /// held only by disabled users made AP2 an error, and Deep at the root only a warning.
    ///
    /// Where a Deep grant points is the engine's rule, ``Environment/scopeBusinessUnitId(of:team:user:)``
    /// (the holder's or team's business unit, or the role's with modernized business units), so
    /// that AP2 says what `dvsec effective` says: a review found AP2 comparing the holder's unit
    /// with the root when business units were modernized.
    func rolesReadingEveryRecord(_ table: Table) -> [SecurityRole] {
        let rootId = env.rootBusinessUnit?.id
        return env.sortedRoles.filter { role in
            guard !role.isSystemAdministrator, let r = index.roleSlots[role.id].map(Int.init), r < index.realRoleCount else {
                return false
            }
            let level = role.level(.read, on: table.logicalName)
            if table.ownership == .organization ? level > .none : level == .organization {
                return holderSlots(ofRole: role.id).contains(where: isActive(slot:))
            }
            guard level == .parentChildBusinessUnits, let rootId else { return false }
            func user(_ slot: Int32) -> User { env.users.values[index.userPositions[Int(slot)]] }
            return index.roleUsers[r].contains { u in
                isActive(slot: u) && env.scopeBusinessUnitId(of: role, team: nil, user: user(u)) == rootId
            }
                || index.roleTeams[r].contains { t in
                    guard let team = env.teams[index.teamIds[Int(t)]] else { return false }
                    return index.teamMembers[Int(t)].contains { u in
                        isActive(slot: u) && env.scopeBusinessUnitId(of: role, team: team, user: user(u)) == rootId
                    }
                }
        }
    }

    /// AP2: credentials kept in Dataverse. An error when a credential column is not secured or
    /// every record of the table is readable by someone (``rolesReadingEveryRecord(_:)``).
    func credentialTables() -> [Finding] {
        var out: [Finding] = []
        for table in env.sortedTables {
            if table.isCustom, let word = SensitiveNames.credentialKeyword(table) {
                let readers = rolesReadingEveryRecord(table).map(\.name)
                let severe = !readers.isEmpty
                var message = "\(table.logicalName) looks like it stores configuration or credentials ('\(word)')."
                if severe {
                    message +=
                        " Every record of it is readable through \(readers.count == 1 ? "role" : "roles") \(CheckContext.quotedList(readers))."
                }
                out.append(
                    Finding(
                        rule: .credentialsInDataverse, severity: severe ? .error : .warning, place: place(table: table),
                        message: message))
            }
            // Microsoft's own columns of its own tables (emailserverprofile.incomingpassword) are
            // not the organisation's to move to Key Vault: custom tables, and custom columns
            // (a publisher prefix) of standard ones. The others, when not secured, are AP1's.
            for column in table.columns.values.sorted(by: { $0.logicalName < $1.logicalName })
            where SensitiveNames.credentialRuleCovers(column, in: table) {
                guard let word = SensitiveNames.credentialKeyword(column) else { continue }
                let ref = ColumnReference(table: table.logicalName, column: column.logicalName)
                let severe = !column.isSecured
                var message = "\(ref.description) looks like a credential ('\(word)')"
                message +=
                    column.isSecured
                    ? "; it is secured, but secrets belong in Key Vault."
                    : " and is not secured: everyone who can read \(table.logicalName) can read it."
                out.append(
                    Finding(
                        rule: .credentialsInDataverse, severity: severe ? .error : .warning, place: place(column: ref),
                        message: message))
            }
        }
        return out
    }

    /// AP3: organization-owned custom tables can't be segmented by business unit.
    func organizationOwnedCustomTables() -> [Finding] {
        env.sortedTables.filter { $0.isCustom && $0.ownership == .organization }.map { table in
            Finding(
                rule: .organizationOwnedCustomTable, place: place(table: table),
                message:
                    "\(table.logicalName) is a custom organization-owned table: access is all or nothing, and ownership can't change later."
            )
        }
    }

    /// GL6a and GL6b: secured columns nobody but System Administrators can read, and profiles
    /// without members.
    func columnSecurityCoverage() -> [Finding] {
        var out: [Finding] = []
        let profiles = env.sortedProfiles.filter { !$0.isSystemAdministratorProfile }
        // The System Administrator profile, when it has members (see below); found once.
        let saProfiles = env.sortedProfiles.filter { $0.isSystemAdministratorProfile && !memberSlots(ofProfile: $0).isEmpty }
        for table in env.sortedTables {
            for column in table.securedColumns {
                let ref = ColumnReference(table: table.logicalName, column: column.logicalName)
                // The System Administrator profile holds every secured column: its members read
                // them whatever its rows say (a domain review found GL6a saying "only System
                // Administrators" of a column a member of that profile, no administrator, reads,
                // as `who-can` listed). Named only when it is the profile that reaches someone.
                let granting =
                    profiles.filter { $0.permissions[ref]?.canRead == true }
                    + saProfiles.filter { $0.permission(on: ref)?.canRead == true }
                // Someone reads it through a profile when a granting profile reaches, directly or
                // through a team (the membership the engine's column access uses), a user who can
                // act at run time, is not System Administrator (who reads every column anyway),
                // and can read the table: a value is read on a record [I], as who-can counts it
                // (a review found the two disagreeing).
                let table = index.tableIndex[table.logicalName]
                let reachedSlots = granting.flatMap(memberSlots(ofProfile:))
                let active = reachedSlots.filter(isActive(slot:))
                let people = active.filter { !holdsSystemAdministrator(slot: Int($0)) }
                let readers = people.filter { u in
                    table.map { index.grantedRow(index.denseUser(Int(u)), table: $0)[.read] > .none } ?? false
                }
                guard readers.isEmpty else { continue }
                let message: String
                // The fix fits the case: a profile that grants but reaches nobody wants members,
                // not another profile (found by a console review: "Grant Read in a field security
                // profile" under "Profile HR Confidential grants Read … but reaches no user").
                let fix: String
                if granting.isEmpty {
                    message = "No field security profile grants Read on \(ref.description): only System Administrators can read it."
                    fix =
                        "Grant Read on \(ref.description) in a field security profile and add the users who need it (or a team with members), or stop securing the column."
                } else {
                    // Why nobody: no member at all (GL6b says which profiles have none), none who
                    // can sign in, only administrators, or none who can read the table.
                    let whom =
                        reachedSlots.isEmpty
                        ? "no user"
                        : active.isEmpty
                            ? (reachedSlots.contains(where: signsIn(slot:))
                                ? "no user who can read customer data (those who sign in are in access mode Administrative)"
                                : "no user who can sign in (disabled, in a disabled business unit, unlicensed or outside the security group)")
                            : people.isEmpty
                                ? "only System Administrators, who read every column anyway"
                                : "no member who can read \(ref.table) records (no Read privilege on the table [I])"
                    message =
                        "\(granting.count == 1 ? "Profile" : "Profiles") \(CheckContext.quotedList(granting.map(\.name))) grant\(granting.count == 1 ? "s" : "") Read on \(ref.description) but reach\(granting.count == 1 ? "es" : "") \(whom): only System Administrators can read it."
                    let profile =
                        "\(granting.count == 1 ? "profile" : "one of the profiles") \(CheckContext.quotedList(granting.map(\.name)))"
                    fix =
                        reachedSlots.isEmpty
                        ? "Add the users who need \(ref.description) to \(profile), or assign it to a team that has them as members."
                        : active.isEmpty
                            ? (reachedSlots.contains(where: signsIn(slot:))
                                ? "Add users in access mode Read-Write (or Read) who need \(ref.description) to \(profile)."
                                : "Add users who can sign in to \(profile), or enable its members (their account, business unit, licence or security group membership).")
                            : people.isEmpty
                                ? "Add the users other than System Administrators who need \(ref.description) to \(profile)."
                                : "Give the members of \(profile) Read on \(ref.table) through a security role, or add members who have it."
                }
                out.append(Finding(rule: .securedColumnOnlyAdministratorsCanRead, place: place(column: ref), message: message, fix: fix))
            }
        }
        // A profile reaches nobody when it has no users and its teams, if any, have no members as
        // the engine resolves them (a domain review found a profile of one empty team left out,
        // while GL7b asks for "a team with members").
        for profile in profiles where memberSlots(ofProfile: profile).isEmpty {
            let permissions =
                "its \(counted(profile.permissions.count, "column permission")) reach\(profile.permissions.count == 1 ? "es" : "") nobody"
            let teams = profile.teamIds.compactMap { env.teams[$0] }.sortedByName(\.name, id: \.id)
            guard !teams.isEmpty else {
                out.append(
                    Finding(
                        rule: .profileWithoutMembers, place: place(profile: profile),
                        message: "Profile \(quotedName(profile.name)) has no users or teams: \(permissions)."))
                continue
            }
            let names = CheckContext.quotedList(teams.map(\.name))
            let one = teams.count == 1
            let group = teams.contains { $0.type.isGroupTeam } ? " (for a group team, to its Entra group)" : ""
            out.append(
                Finding(
                    rule: .profileWithoutMembers, place: place(profile: profile),
                    message:
                        "Profile \(quotedName(profile.name)) has no users, and its team\(one ? "" : "s") \(names) ha\(one ? "s" : "ve") no members: \(permissions).",
                    fix:
                        "Add members to \(one ? "team" : "one of the teams") \(names)\(group), or add users or teams with members to the profile (members are not carried in solutions), or delete it."
                ))
        }
        return out
    }

    /// The users a field security profile reaches, directly or through its teams, as the engine
    /// resolves team membership (a group team's through its Entra group, a default team's from its
    /// business unit); a user may come more than once. An id an Entra group names but the
    /// environment lacks is no user.
    func memberSlots(ofProfile profile: FieldSecurityProfile) -> [Int32] {
        let teamMembers = profile.teamIds.flatMap { id in index.teamSlots[id].map { Array(index.teamMembers[Int($0)]) } ?? [] }
        return (profile.userIds.compactMap { index.userSlots[$0] } + teamMembers).filter { Int($0) < index.realUserCount }
    }
}
