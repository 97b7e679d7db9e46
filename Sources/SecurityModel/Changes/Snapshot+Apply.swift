import Foundation

extension Snapshot {
    /// Applies a change after validating it, and returns the change that undoes it.
    ///
    /// A failed change leaves the snapshot exactly as it was: every edit checks before it writes,
    /// and a compound change rolls back the parts it had applied. The environment is edited where
    /// it is stored, through the dictionary's subscript, so the first write to a collection does
    /// not copy it (100,000 users would take about 25 ms per edit).
    @discardableResult
    public mutating func apply(_ change: Change) throws(ChangeError) -> Change {
        if case .compound(let parts) = change {
            var inverses: [Change] = []
            for part in parts {
                do {
                    inverses.append(try apply(part))
                } catch {
                    for inverse in inverses.reversed() { _ = try? apply(inverse) }
                    throw error
                }
            }
            return .compound(inverses.reversed())
        }
        guard let envId = change.environmentId, environments[envId] != nil else {
            throw ChangeError("unknown environment '\(change.environmentId ?? "")'")
        }
        var outcome: Result<Change, ChangeError> = .failure(ChangeError("unknown environment '\(envId)'"))
        environments[envId]?.applyCapturing(change, into: &outcome)
        return try outcome.get()
    }

    /// Applies changes in order; all or nothing. Returns the inverse of the whole batch.
    @discardableResult
    public mutating func apply(all changes: [Change]) throws(ChangeError) -> Change {
        try apply(.compound(changes))
    }
}

extension Environment {
    /// Runs ``apply(_:)`` through a mutating call so the caller's optional chaining edits in place.
    fileprivate mutating func applyCapturing(_ change: Change, into outcome: inout Result<Change, ChangeError>) {
        do {
            outcome = .success(try apply(change))
        } catch {
            outcome = .failure(error)
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func apply(_ change: Change) throws(ChangeError) -> Change {
        let e = id
        switch change {
        case .setPrivilege(_, let roleId, let table, let op, let level):
            var role = try editableRole(roleId)
            try checkLevel(level, op, on: table)
            let old = role.privileges[table]?[op] ?? .none
            var row = role.privileges[table] ?? .empty
            row[op] = level
            role.privileges[table] = row.isEmpty ? nil : row
            roles[roleId] = role
            return .setPrivilege(environment: e, role: roleId, table: table, operation: op, level: old)

        case .setPrivilegeRow(_, let roleId, let table, let row):
            var role = try editableRole(roleId)
            for op in TableOperation.allCases { try checkLevel(row[op], op, on: table) }
            let old = role.privileges[table] ?? .empty
            role.privileges[table] = row.isEmpty ? nil : row
            roles[roleId] = role
            return .setPrivilegeRow(environment: e, role: roleId, table: table, row: old)

        case .setMiscPrivilege(_, let roleId, let name, let level):
            // A name that stands for a table privilege here (prvReadWebResource) sets that.
            // A leftover miscellaneous entry of that name (at a level the table cannot take) is
            // still edited as what it is, so it can be removed.
            if roles[roleId]?.miscPrivileges[name] == nil, let (table, op) = tablePrivilege(named: name) {
                return try apply(.setPrivilege(environment: e, role: roleId, table: table, operation: op, level: level))
            }
            var role = try editableRole(roleId)
            guard !name.isEmpty else { throw ChangeError("a miscellaneous privilege needs a name") }
            let old = role.miscPrivileges[name] ?? .none
            role.miscPrivileges[name] = level == .none ? nil : level
            roles[roleId] = role
            return .setMiscPrivilege(environment: e, role: roleId, privilege: name, level: old)

        case .setMemberPrivilegeInheritance(_, let roleId, let inherits):
            var role = try editableRole(roleId)
            let old = role.inheritsMemberPrivileges
            role.inheritsMemberPrivileges = inherits
            roles[roleId] = role
            return .setMemberPrivilegeInheritance(environment: e, role: roleId, inherits: old)

        case .assignUserRole(_, let userId, let roleId):
            var user = try existingUser(userId)
            let role = try existingRole(roleId)
            guard user.roleIds.insert(roleId).inserted else {
                throw ChangeError("\(user.name) already holds \(role.name)")
            }
            users[userId] = user
            return .removeUserRole(environment: e, user: userId, role: roleId)

        case .removeUserRole(_, let userId, let roleId):
            var user = try existingUser(userId)
            let restore = restoringUserRole(userId, roleId)
            guard user.roleIds.remove(roleId) != nil else {
                throw ChangeError("\(user.name) does not hold role '\(roles[roleId]?.name ?? roleId)'")
            }
            users[userId] = user
            return restore.count == 1 ? restore[0] : .compound(restore)

        case .setUserRoleCopy(_, let userId, let roleId, let unit):
            var user = try existingUser(userId)
            let old = try replaceRoleCopy(&user.roleBusinessUnitIds, held: user.roleIds, by: user.name, role: roleId, with: unit)
            users[userId] = user
            return .setUserRoleCopy(environment: e, user: userId, role: roleId, businessUnit: old)

        case .setTeamRoleCopy(_, let teamId, let roleId, let unit):
            var team = try existingTeam(teamId)
            let old = try replaceRoleCopy(&team.roleBusinessUnitIds, held: team.roleIds, by: team.name, role: roleId, with: unit)
            teams[teamId] = team
            return .setTeamRoleCopy(environment: e, team: teamId, role: roleId, businessUnit: old)

        case .assignTeamRole(_, let teamId, let roleId):
            var team = try existingTeam(teamId)
            let role = try existingRole(roleId)
            guard team.type.holdsRoles else { throw ChangeError("access team \(team.name) cannot hold roles") }
            guard team.roleIds.insert(roleId).inserted else { throw ChangeError("\(team.name) already holds \(role.name)") }
            teams[teamId] = team
            return .removeTeamRole(environment: e, team: teamId, role: roleId)

        case .removeTeamRole(_, let teamId, let roleId):
            var team = try existingTeam(teamId)
            let restore = restoringTeamRole(teamId, roleId)
            guard team.roleIds.remove(roleId) != nil else {
                throw ChangeError("\(team.name) does not hold role '\(roles[roleId]?.name ?? roleId)'")
            }
            teams[teamId] = team
            return restore.count == 1 ? restore[0] : .compound(restore)

        case .addTeamMember(_, let teamId, let userId):
            var team = try existingTeam(teamId)
            let user = try existingUser(userId)
            try checkExplicitMembership(team)
            guard team.memberIds.insert(userId).inserted else { throw ChangeError("\(user.name) is already in \(team.name)") }
            teams[teamId] = team
            return .removeTeamMember(environment: e, team: teamId, user: userId)

        case .removeTeamMember(_, let teamId, let userId):
            var team = try existingTeam(teamId)
            try checkExplicitMembership(team)
            guard team.memberIds.remove(userId) != nil else {
                throw ChangeError("'\(users[userId]?.name ?? userId)' is not a member of \(team.name)")
            }
            teams[teamId] = team
            return .addTeamMember(environment: e, team: teamId, user: userId)

        case .setUserBusinessUnit(_, let userId, let buId):
            var user = try existingUser(userId)
            guard businessUnits[buId] != nil else { throw ChangeError("unknown business unit '\(buId)'") }
            let old = user.businessUnitId
            guard old != buId else { throw ChangeError("\(user.name) is already in \(businessUnits[buId]?.name ?? buId)") }
            user.businessUnitId = buId
            // Classic business units: moving a user removes their role assignments [I].
            var restore: [Change] = []
            if !settings.modernizedBusinessUnits {
                restore = user.roleIds.sorted().flatMap { restoringUserRole(userId, $0) }
                user.roleIds = []
            }
            users[userId] = user
            let back = Change.setUserBusinessUnit(environment: e, user: userId, businessUnit: old)
            return restore.isEmpty ? back : .compound([back] + restore)

        case .setUserDisabled(_, let userId, let disabled):
            var user = try existingUser(userId)
            let old = user.isDisabled
            user.isDisabled = disabled
            users[userId] = user
            return .setUserDisabled(environment: e, user: userId, disabled: old)

        case .setUserAccessMode(_, let userId, let mode):
            var user = try existingUser(userId)
            let old = user.accessMode
            user.accessMode = mode
            users[userId] = user
            return .setUserAccessMode(environment: e, user: userId, accessMode: old)

        case .setColumnPermission(_, let profileId, let ref, let permission):
            var profile = try existingProfile(profileId)
            if profile.isSystemAdministratorProfile {
                throw ChangeError(
                    "the System Administrator profile is not editable: it always holds every secured column with every permission")
            }
            guard let table = tables[ref.table], let column = table.columns[ref.column] else {
                throw ChangeError("unknown column '\(ref.description)'")
            }
            // Dataverse keeps field permissions only for secured columns: one on another column
            // would be shown (and diffed) as an exposure that protects nothing. Removing one always
            // works, so a leftover can go.
            if permission != nil && !column.isSecured { throw ChangeError(Self.unsecuredColumnMessage(ref, in: table)) }
            let old = profile.permissions[ref]
            profile.permissions[ref] = permission
            fieldSecurityProfiles[profileId] = profile
            return .setColumnPermission(environment: e, profile: profileId, column: ref, permission: old)

        case .addProfileUser(_, let profileId, let userId):
            var profile = try existingProfile(profileId)
            let user = try existingUser(userId)
            guard profile.userIds.insert(userId).inserted else { throw ChangeError("\(user.name) is already in \(profile.name)") }
            fieldSecurityProfiles[profileId] = profile
            return .removeProfileUser(environment: e, profile: profileId, user: userId)

        case .removeProfileUser(_, let profileId, let userId):
            var profile = try existingProfile(profileId)
            guard profile.userIds.remove(userId) != nil else { throw ChangeError("user is not a member of \(profile.name)") }
            fieldSecurityProfiles[profileId] = profile
            return .addProfileUser(environment: e, profile: profileId, user: userId)

        case .addProfileTeam(_, let profileId, let teamId):
            var profile = try existingProfile(profileId)
            let team = try existingTeam(teamId)
            guard profile.teamIds.insert(teamId).inserted else { throw ChangeError("\(team.name) is already in \(profile.name)") }
            fieldSecurityProfiles[profileId] = profile
            return .removeProfileTeam(environment: e, profile: profileId, team: teamId)

        case .removeProfileTeam(_, let profileId, let teamId):
            var profile = try existingProfile(profileId)
            guard profile.teamIds.remove(teamId) != nil else { throw ChangeError("team is not a member of \(profile.name)") }
            fieldSecurityProfiles[profileId] = profile
            return .addProfileTeam(environment: e, profile: profileId, team: teamId)

        case .setColumnSecured(_, let ref, let secured):
            guard var table = tables[ref.table], var column = table.columns[ref.column] else {
                throw ChangeError("unknown column '\(ref.description)'")
            }
            let old = column.isSecured
            // Securing is refused where Dataverse refuses it; unsecuring always works (a file
            // may say a system column is secured).
            if secured && !old && !table.canSecure(column: ref.column) {
                throw ChangeError(
                    "\(ref.description) is a system column (a key, owner, audit or state column): Dataverse cannot secure it [I]")
            }
            column.isSecured = secured
            table.columns[ref.column] = column
            tables[ref.table] = table
            let back = Change.setColumnSecured(environment: e, column: ref, secured: old)
            guard old && !secured else { return back }
            // A column no longer secured keeps no field permission (they apply only to secured
            // columns) [I]; undo secures it again and gives them back. The System Administrator
            // profile is Dataverse's own, not editable, and covers every secured column anyway.
            var restore: [Change] = []
            for pid in fieldSecurityProfiles.keys.sorted() {
                guard let profile = fieldSecurityProfiles[pid], !profile.isSystemAdministratorProfile,
                    let permission = profile.permissions[ref]
                else { continue }
                fieldSecurityProfiles[pid]?.permissions[ref] = nil
                restore.append(.setColumnPermission(environment: e, profile: pid, column: ref, permission: permission))
            }
            return restore.isEmpty ? back : .compound([back] + restore)

        case .setEnvironmentSettings(_, let new):
            try checkSettings(new)
            let old = settings
            settings = new
            return .setEnvironmentSettings(environment: e, settings: old)

        default:
            return try applyLifecycle(change)
        }
    }

    // MARK: - Checks shared by the edits

    func existingUser(_ id: String) throws(ChangeError) -> User {
        guard let u = users[id] else { throw ChangeError("unknown user '\(id)'") }
        return u
    }

    func existingTeam(_ id: String) throws(ChangeError) -> Team {
        guard let t = teams[id] else { throw ChangeError("unknown team '\(id)'") }
        return t
    }

    func existingRole(_ id: String) throws(ChangeError) -> SecurityRole {
        guard let r = roles[id] else { throw ChangeError("unknown role '\(id)'") }
        return r
    }

    func existingProfile(_ id: String) throws(ChangeError) -> FieldSecurityProfile {
        guard let p = fieldSecurityProfiles[id] else { throw ChangeError("unknown field security profile '\(id)'") }
        return p
    }

    /// Why no edit of the role's privileges or settings is taken, or nil when they are: System
    /// Administrator's are fixed. The same refusal ``Snapshot/apply(_:)`` gives, for a console
    /// to say before it works out a level (`+` on it had answered "already Organization").
    public func privilegeEditRefusal(ofRole id: String) -> ChangeError? {
        do {
            _ = try editableRole(id)
            return nil
        } catch {
            return error
        }
    }

    /// System Administrator's privileges are fixed: every privilege at Global, not editable.
    func editableRole(_ id: String) throws(ChangeError) -> SecurityRole {
        let role = try existingRole(id)
        if role.isSystemAdministrator {
            throw ChangeError("System Administrator is not editable: it always has every privilege at Organization")
        }
        return role
    }

    func checkLevel(_ level: AccessLevel, _ op: TableOperation, on tableName: String) throws(ChangeError) {
        guard let table = tables[tableName] else { throw ChangeError("unknown table '\(tableName)'") }
        guard table.ownership.allows(level, for: op) else {
            if !op.existsOnOrganizationOwnedTables {
                throw ChangeError("\(table.logicalName) is organization-owned: it has no \(op.label) privilege")
            }
            throw ChangeError("\(table.logicalName) is organization-owned: only None or Organization, not \(level.label)")
        }
    }

    func checkExplicitMembership(_ team: Team) throws(ChangeError) {
        if team.isDefault {
            throw ChangeError("\(team.name) is a default team: its members are the users of its business unit")
        }
        // Members of a group team come from Entra only (DATAVERSE.md §1.3), whether or not the
        // group is in the snapshot: without it, the members listed are those Dataverse last
        // listed, and emptying them would make a file that does not load again.
        if team.type.isGroupTeam {
            let group = team.entraGroupId.map { entraGroups[$0]?.name ?? $0 } ?? "?"
            throw ChangeError(
                "\(team.name) is a group team: its membership comes from Entra group '\(group)'; change the group's members in Entra instead"
            )
        }
    }

    /// Why a profile cannot grant a permission on `ref`, a column that is not secured.
    static func unsecuredColumnMessage(_ ref: ColumnReference, in table: Table) -> String {
        if table.canSecure(column: ref.column) {
            return
                "\(ref.description) is not a secured column: a field security profile grants permissions only on secured columns (secure it first)"
        }
        return
            "\(ref.description) is not a secured column, and as a system column (a key, owner, audit or state column) it cannot be secured [I]: a field security profile grants permissions only on secured columns"
    }

    func checkSettings(_ s: EnvironmentSettings) throws(ChangeError) {
        guard !s.name.allSatisfy(\.isWhitespace) else { throw ChangeError("an environment needs a name") }
        if let problem = RecordName.problem(s.name) { throw ChangeError("environment: \(problem)") }
        if let g = s.securityGroupId {
            guard s.type.allowsSecurityGroup else { throw ChangeError("a \(s.type.label) environment cannot have a security group") }
            guard entraGroups[g] != nil else { throw ChangeError("unknown Entra group '\(g)'") }
        }
        if s.adminMode && !s.type.allowsAdminMode {
            throw ChangeError("admin mode exists only for Production, Sandbox and Trial environments")
        }
    }
}
