/// AP1, AP2, AP3 and GL6: what tables and columns expose.
extension CheckContext {
    /// AP1: a sensitive-named column that is not secured is reachable through Advanced Find, flows
    /// and the API even when forms hide it.
    func sensitiveColumns() -> [Finding] {
        var out: [Finding] = []
        for table in env.sortedTables {
            for column in table.columns.values.sorted(by: { $0.logicalName < $1.logicalName }) where !column.isSecured {
                guard let word = SensitiveNames.personalKeyword(column) else { continue }
                let ref = ColumnReference(table: table.logicalName, column: column.logicalName)
                out.append(
                    Finding(
                        rule: .sensitiveColumnNotSecured, place: place(column: ref),
                        message:
                            "\(ref.description) looks sensitive ('\(word)') but is not secured: everyone who can read \(table.logicalName) can read it."
                    ))
            }
        }
        return out
    }

    /// Roles (other than System Administrator) that let someone read a table at Organization level.
    func rolesReadingAtOrganization(_ table: Table) -> [SecurityRole] {
        env.sortedRoles.filter { role in
            guard !role.isSystemAdministrator else { return false }
            let level = role.level(.read, on: table.logicalName)
            return table.ownership == .organization ? level > .none : level == .organization
        }
    }

    /// AP2: credentials kept in Dataverse. An error when a credential column is not secured or the
    /// table is readable at Organization level by a role other than System Administrator.
    func credentialTables() -> [Finding] {
        var out: [Finding] = []
        for table in env.sortedTables {
            if table.isCustom, let word = SensitiveNames.credentialKeyword(table) {
                let readers = rolesReadingAtOrganization(table).filter { holderCount(ofRole: $0.id) > 0 }.map(\.name)
                let severe = !readers.isEmpty
                var message = "\(table.logicalName) looks like it stores configuration or credentials ('\(word)')."
                if severe { message += " It is readable at Organization level through \(CheckContext.list(readers))." }
                out.append(
                    Finding(
                        rule: .credentialsInDataverse, severity: severe ? .error : .warning, place: place(table: table),
                        message: message))
            }
            // Microsoft's own columns of its own tables (emailserverprofile.incomingpassword) are
            // not the organisation's to move or secure: custom tables, and custom columns
            // (a publisher prefix) of standard ones.
            for column in table.columns.values.sorted(by: { $0.logicalName < $1.logicalName })
            where table.isCustom || column.logicalName.contains("_") {
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
        for table in env.sortedTables {
            for column in table.securedColumns {
                let ref = ColumnReference(table: table.logicalName, column: column.logicalName)
                let granting = profiles.filter { $0.permissions[ref]?.canRead == true }
                // Someone reads it through a profile when a granting profile has a user who can act
                // at run time, or a team with such a member (the same membership the engine's
                // column access uses): a disabled or unlicensed member reads nothing.
                let reached = granting.contains { p in
                    p.userIds.contains(where: isActiveUser) || p.teamIds.contains(where: hasActiveMembers(team:))
                }
                guard !reached else { continue }
                let message: String
                if granting.isEmpty {
                    message = "No field security profile grants Read on \(ref.description): only System Administrators can read it."
                } else {
                    // Members who cannot sign in, or none at all (GL6b says which profiles have none).
                    let anyMember = granting.contains { p in
                        p.userIds.contains { env.users[$0] != nil } || p.teamIds.contains(where: hasMembers(team:))
                    }
                    let whom = anyMember ? "no user who can sign in (disabled, unlicensed or outside the security group)" : "no user"
                    message =
                        "\(CheckContext.list(granting.map(\.name))) grant\(granting.count == 1 ? "s" : "") Read on \(ref.description) but reach\(granting.count == 1 ? "es" : "") \(whom): only System Administrators can read it."
                }
                out.append(Finding(rule: .securedColumnNobodyCanRead, place: place(column: ref), message: message))
            }
        }
        for profile in profiles where profile.userIds.isEmpty && profile.teamIds.isEmpty {
            out.append(
                Finding(
                    rule: .profileWithoutMembers, place: place(profile: profile),
                    message:
                        "\(profile.name) has no users or teams: its \(counted(profile.permissions.count, "column permission")) reach\(profile.permissions.count == 1 ? "es" : "") nobody."
                ))
        }
        return out
    }
}
