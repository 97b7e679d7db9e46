import Foundation

extension Environment {
    /// Create, rename and delete of roles, teams, profiles and business units.
    mutating func applyLifecycle(_ change: Change) throws(ChangeError) -> Change {
        let e = id
        switch change {
        case .createRole(_, let role):
            guard roles[role.id] == nil else { throw ChangeError("a role with id '\(role.id)' already exists") }
            try checkName(role.name, "role")
            guard businessUnits[role.businessUnitId] != nil else {
                throw ChangeError("unknown business unit '\(role.businessUnitId)'")
            }
            for (table, row) in role.privileges {
                for op in TableOperation.allCases { try checkLevel(row[op], op, on: table) }
            }
            roles[role.id] = role
            return .deleteRole(environment: e, role: role.id)

        case .renameRole(_, let roleId, let name):
            var role = try existingRole(roleId)
            // Dataverse keeps the System Administrator role as it is, name included. The reason is
            // that it is that role, not its customizable flag (true in real snapshots).
            if role.isSystemAdministrator {
                throw ChangeError(
                    "\(role.name) cannot be renamed: it is the built-in System Administrator role, which Dataverse keeps as it is")
            }
            try checkName(name, "role")
            let old = role.name
            role.name = name
            roles[roleId] = role
            return .renameRole(environment: e, role: roleId, name: old)

        case .deleteRole(_, let roleId):
            let role = try existingRole(roleId)
            if let builtIn = role.builtIn, builtIn != .basicUser {
                throw ChangeError("\(role.name) is a built-in role and cannot be deleted")
            }
            var restore: [Change] = [.createRole(environment: e, role: role)]
            for uid in users.keys.sorted() where users[uid]?.roleIds.contains(roleId) == true {
                restore += restoringUserRole(uid, roleId)
                users[uid]?.roleIds.remove(roleId)
            }
            for tid in teams.keys.sorted() where teams[tid]?.roleIds.contains(roleId) == true {
                restore += restoringTeamRole(tid, roleId)
                teams[tid]?.roleIds.remove(roleId)
            }
            roles[roleId] = nil
            return restore.count == 1 ? restore[0] : .compound(restore)

        case .createTeam(_, let team):
            guard teams[team.id] == nil else { throw ChangeError("a team with id '\(team.id)' already exists") }
            try checkName(team.name, "team")
            guard businessUnits[team.businessUnitId] != nil else {
                throw ChangeError("unknown business unit '\(team.businessUnitId)'")
            }
            if !team.type.holdsRoles && !team.roleIds.isEmpty { throw ChangeError("access teams cannot hold roles") }
            if let r = team.roleIds.first(where: { roles[$0] == nil }) { throw ChangeError("unknown role '\(r)'") }
            if let u = team.roleBusinessUnitIds.values.first(where: { businessUnits[$0] == nil }) {
                throw ChangeError("unknown business unit '\(u)'")
            }
            if let u = team.memberIds.first(where: { users.index(forKey: $0) == nil }) { throw ChangeError("unknown user '\(u)'") }
            if team.isDefault, teams.values.contains(where: { $0.isDefault && $0.businessUnitId == team.businessUnitId }) {
                throw ChangeError("business unit already has a default team")
            }
            teams[team.id] = team
            return .deleteTeam(environment: e, team: team.id)

        case .renameTeam(_, let teamId, let name):
            var team = try existingTeam(teamId)
            // A default team carries its business unit's name and is renamed with it [I]
            // (DATAVERSE.md §1.1: system-managed).
            if team.isDefault {
                let unit = businessUnits[team.businessUnitId]?.name ?? team.businessUnitId
                throw ChangeError(
                    "\(team.name) is the default team of business unit \(unit): it carries the unit's name and is renamed with it [I]; rename the business unit instead"
                )
            }
            try checkName(name, "team")
            let old = team.name
            team.name = name
            teams[teamId] = team
            return .renameTeam(environment: e, team: teamId, name: old)

        case .deleteTeam(_, let teamId):
            let team = try existingTeam(teamId)
            // A business unit's default team is system-managed and holds all its users (DATAVERSE.md
            // §1): it goes only with its business unit, which can be deleted once it has no users.
            if team.isDefault, let bu = businessUnits[team.businessUnitId], users.values.contains(where: { $0.businessUnitId == bu.id }) {
                throw ChangeError(
                    "\(team.name) is the default team of business unit \(bu.name): Dataverse manages it (it holds every user of the unit); it goes only with its business unit"
                )
            }
            var restore: [Change] = [.createTeam(environment: e, team: team)]
            for pid in fieldSecurityProfiles.keys.sorted() where fieldSecurityProfiles[pid]?.teamIds.contains(teamId) == true {
                fieldSecurityProfiles[pid]?.teamIds.remove(teamId)
                restore.append(.addProfileTeam(environment: e, profile: pid, team: teamId))
            }
            teams[teamId] = nil
            return restore.count == 1 ? restore[0] : .compound(restore)

        case .createProfile(_, let profile):
            guard fieldSecurityProfiles[profile.id] == nil else {
                throw ChangeError("a profile with id '\(profile.id)' already exists")
            }
            try checkName(profile.name, "profile")
            if let u = profile.userIds.first(where: { users.index(forKey: $0) == nil }) { throw ChangeError("unknown user '\(u)'") }
            if let t = profile.teamIds.first(where: { teams[$0] == nil }) { throw ChangeError("unknown team '\(t)'") }
            for ref in profile.permissions.keys.sorted() {
                guard let table = tables[ref.table], let column = table.columns[ref.column] else {
                    throw ChangeError("unknown column '\(ref.description)'")
                }
                if !column.isSecured && !profile.isSystemAdministratorProfile {
                    throw ChangeError(Self.unsecuredColumnMessage(ref, in: table))
                }
            }
            fieldSecurityProfiles[profile.id] = profile
            return .deleteProfile(environment: e, profile: profile.id)

        case .renameProfile(_, let profileId, let name):
            var profile = try existingProfile(profileId)
            if profile.isSystemAdministratorProfile {
                throw ChangeError("the System Administrator profile cannot be renamed: it is built in")
            }
            try checkName(name, "profile")
            let old = profile.name
            profile.name = name
            fieldSecurityProfiles[profileId] = profile
            return .renameProfile(environment: e, profile: profileId, name: old)

        case .deleteProfile(_, let profileId):
            let profile = try existingProfile(profileId)
            if profile.isSystemAdministratorProfile { throw ChangeError("the System Administrator profile cannot be deleted") }
            fieldSecurityProfiles[profileId] = nil
            return .createProfile(environment: e, profile: profile)

        case .createBusinessUnit(_, let bu):
            guard businessUnits[bu.id] == nil else { throw ChangeError("a business unit with id '\(bu.id)' already exists") }
            try checkName(bu.name, "business unit")
            guard let parent = bu.parentId, businessUnits[parent] != nil else {
                throw ChangeError("a new business unit needs an existing parent (there is only one root)")
            }
            businessUnits[bu.id] = bu
            return .deleteBusinessUnit(environment: e, businessUnit: bu.id)

        case .renameBusinessUnit(_, let buId, let name):
            guard var bu = businessUnits[buId] else { throw ChangeError("unknown business unit '\(buId)'") }
            try checkName(name, "business unit")
            let old = bu.name
            bu.name = name
            businessUnits[buId] = bu
            // Its default team carries its name and follows it [I]: one edit, and the inverse
            // (renaming back) takes the team back too. A default team of another name (not as
            // Dataverse makes them) keeps it, so that undo gives back exactly what was there.
            for teamId in teams.keys.sorted() {
                guard let team = teams[teamId], team.isDefault, team.businessUnitId == buId, team.name == old else { continue }
                teams[teamId]?.name = name
            }
            return .renameBusinessUnit(environment: e, businessUnit: buId, name: old)

        case .setBusinessUnitParent(_, let buId, let parentId):
            guard var bu = businessUnits[buId] else { throw ChangeError("unknown business unit '\(buId)'") }
            guard let oldParent = bu.parentId else { throw ChangeError("the root business unit has no parent to change") }
            guard let parent = businessUnits[parentId] else { throw ChangeError("unknown business unit '\(parentId)'") }
            guard oldParent != parentId else { throw ChangeError("\(bu.name) is already under \(parent.name)") }
            let moved = subtree(of: buId)
            if moved.contains(parentId) {
                throw ChangeError(
                    "\(parent.name) is \(parentId == buId ? "" : "below ")\(bu.name): a business unit cannot move under itself")
            }
            bu.parentId = parentId
            businessUnits[buId] = bu
            // Classic business units: a principal holds only roles of its own business unit or
            // one above it (DATAVERSE.md §2.3), so the users and teams of the units moved lose the
            // roles of units no longer above them [I], as a user moved to another unit loses theirs.
            var restore: [Change] = []
            if !settings.modernizedBusinessUnits {
                /// The roles of `roleIds` no longer assignable in `unit`, when `unit` moved.
                func lost(_ roleIds: Set<String>, in unit: String) -> [String] {
                    guard moved.contains(unit) else { return [] }
                    let assignable = roleAssignable(inBusinessUnit: unit)
                    return roleIds.filter { roles[$0].map { !assignable($0) } ?? false }.sorted()
                }
                for userId in users.keys.sorted() {
                    guard let user = users[userId] else { continue }
                    let gone = lost(user.roleIds, in: user.businessUnitId)
                    if gone.isEmpty { continue }
                    restore += gone.flatMap { restoringUserRole(userId, $0) }
                    users[userId]?.roleIds.subtract(gone)
                }
                for teamId in teams.keys.sorted() {
                    guard let team = teams[teamId] else { continue }
                    let gone = lost(team.roleIds, in: team.businessUnitId)
                    if gone.isEmpty { continue }
                    restore += gone.flatMap { restoringTeamRole(teamId, $0) }
                    teams[teamId]?.roleIds.subtract(gone)
                }
            }
            let back = Change.setBusinessUnitParent(environment: e, businessUnit: buId, parent: oldParent)
            return restore.isEmpty ? back : .compound([back] + restore)

        case .deleteBusinessUnit(_, let buId):
            guard let bu = businessUnits[buId] else { throw ChangeError("unknown business unit '\(buId)'") }
            guard bu.parentId != nil else { throw ChangeError("the root business unit cannot be deleted") }
            if businessUnits.values.contains(where: { $0.parentId == buId }) {
                throw ChangeError("\(bu.name) has child business units: move or delete them first")
            }
            if users.values.contains(where: { $0.businessUnitId == buId }) {
                throw ChangeError("\(bu.name) still has users: move them first")
            }
            if roles.values.contains(where: { $0.businessUnitId == buId }) {
                throw ChangeError("\(bu.name) still owns roles")
            }
            let copyHolders =
                users.values.filter { $0.roleBusinessUnitIds.values.contains(buId) }.map(\.name)
                + teams.values.filter { $0.roleBusinessUnitIds.values.contains(buId) }.map(\.name)
            if let first = copyHolders.min() {
                throw ChangeError(
                    "\(first)\(copyHolders.count > 1 ? " and \(copyHolders.count - 1) more" : "") hold\(copyHolders.count > 1 ? "" : "s") roles through \(bu.name)'s copies: give them another unit's copy first"
                )
            }
            let buTeams = teams.values.filter { $0.businessUnitId == buId }
            if let t = buTeams.first(where: { !$0.isDefault }) {
                throw ChangeError("\(bu.name) still has team \(t.name): move or delete it first")
            }
            // The default team goes with its business unit.
            var restore: [Change] = [.createBusinessUnit(environment: e, businessUnit: bu)]
            for t in buTeams {
                var profilesOfTeam: [Change] = []
                for pid in fieldSecurityProfiles.keys.sorted() where fieldSecurityProfiles[pid]?.teamIds.contains(t.id) == true {
                    fieldSecurityProfiles[pid]?.teamIds.remove(t.id)
                    profilesOfTeam.append(.addProfileTeam(environment: e, profile: pid, team: t.id))
                }
                teams[t.id] = nil
                restore.append(.createTeam(environment: e, team: t))
                restore += profilesOfTeam
            }
            businessUnits[buId] = nil
            return restore.count == 1 ? restore[0] : .compound(restore)

        default:
            throw ChangeError("unsupported change")
        }
    }

    /// The changes that give a user back a role they hold now: the assignment, and the unit of
    /// the copy when the snapshot names one (so that an undo restores that copy too).
    func restoringUserRole(_ userId: String, _ roleId: String) -> [Change] {
        var out: [Change] = [.assignUserRole(environment: id, user: userId, role: roleId)]
        if let unit = users[userId]?.roleBusinessUnitIds[roleId] {
            out.append(.setUserRoleCopy(environment: id, user: userId, role: roleId, businessUnit: unit))
        }
        return out
    }

    /// ``restoringUserRole(_:_:)`` for a team.
    func restoringTeamRole(_ teamId: String, _ roleId: String) -> [Change] {
        var out: [Change] = [.assignTeamRole(environment: id, team: teamId, role: roleId)]
        if let unit = teams[teamId]?.roleBusinessUnitIds[roleId] {
            out.append(.setTeamRoleCopy(environment: id, team: teamId, role: roleId, businessUnit: unit))
        }
        return out
    }

    /// Sets, in a user's or team's `copies`, the unit of the copy of a role it holds (`held`), to
    /// an existing business unit or to none (the default); returns the unit it replaced.
    func replaceRoleCopy(
        _ copies: inout [String: String], held: Set<String>, by holder: String, role roleId: String, with unit: String?
    ) throws(ChangeError) -> String? {
        let role = try existingRole(roleId)
        guard held.contains(roleId) else { throw ChangeError("\(holder) does not hold \(role.name)") }
        if let unit, businessUnits[unit] == nil { throw ChangeError("unknown business unit '\(unit)'") }
        let old = copies[roleId]
        guard old != unit else { throw ChangeError("\(holder) already holds that copy of \(role.name)") }
        copies[roleId] = unit
        return old
    }

    /// A name a snapshot can hold (``RecordName``): not empty, not only white space, none at its ends.
    func checkName(_ name: String, _ kind: String) throws(ChangeError) {
        if name.allSatisfy(\.isWhitespace) { throw ChangeError("a \(kind) needs a name") }
        if let problem = RecordName.problem(name) { throw ChangeError("\(kind): \(problem)") }
    }
}
