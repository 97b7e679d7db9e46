import SecurityModel

/// Turns a change into a sentence a reviewer can read, e.g.
/// "Salesperson: Delete on account: User → Business Unit".
///
/// Uses the inverse `Snapshot.apply` returned for the old values, and names taken before the edit
/// (``priorNames(for:in:)``) for things the edit deleted or moved.
public enum ChangeDescription {
    /// The names a description needs from before the edit: of everything the change refers to,
    /// and each user's business unit. Plain strings, so no reference to the environment is kept
    /// while it is edited (which would make the edit copy it).
    public static func priorNames(for change: Change, in env: Environment?) -> Environment? {
        guard let env else { return nil }
        var names = Environment(id: env.id, settings: env.settings)
        func keep(_ c: Change) {
            switch c {
            case .compound(let parts): parts.forEach(keep)
            case .renameRole(_, let r, _), .deleteRole(_, let r): names.roles[r] = env.roles[r]
            case .renameTeam(_, let t, _), .deleteTeam(_, let t): names.teams[t] = env.teams[t]
            case .renameProfile(_, let p, _), .deleteProfile(_, let p): names.fieldSecurityProfiles[p] = env.fieldSecurityProfiles[p]
            case .renameBusinessUnit(_, let b, _):
                names.businessUnits[b] = env.businessUnits[b]
                // Its default team, renamed with it when it carries its name.
                for team in env.teams.values where team.isDefault && team.businessUnitId == b { names.teams[team.id] = team }
            case .deleteBusinessUnit(_, let b): names.businessUnits[b] = env.businessUnits[b]
            case .setBusinessUnitParent(_, let b, _):
                // The path it had, from every unit above it.
                var next: String? = b
                while let id = next, names.businessUnits[id] == nil, let unit = env.businessUnits[id] {
                    names.businessUnits[id] = unit
                    next = unit.parentId
                }
            case .setUserBusinessUnit(_, let u, _):
                if let user = env.users[u] {
                    names.users[u] = user
                    names.businessUnits[user.businessUnitId] = env.businessUnits[user.businessUnitId]
                }
            default: break
            }
        }
        keep(change)
        return names
    }

    /// The unit of a role copy held, by its path (`Contoso / Europe`, as the diff names it), or
    /// the default copy. The names kept from before an edit hold no business units for a copy
    /// change (a copy moves no unit), so the environment after it names the old copy too: it was
    /// named by its raw id (found by an editing review).
    static func copyLabel(_ unit: String?, _ env: Environment?, _ fallback: Environment? = nil) -> String {
        guard let unit else { return "the default copy [I]" }
        for e in [env, fallback].compactMap({ $0 }) where e.businessUnits[unit] != nil {
            return "\(e.businessUnitPath(unit))'s copy"
        }
        return "\(unit)'s copy"
    }

    /// One line describing an applied change; `before` holds the names from before the edit
    /// (``priorNames(for:in:)``), `after` is the environment now.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    public static func summary(of change: Change, inverse: Change, before: Environment?, after: Environment?) -> String {
        let env = after ?? before
        let names = before ?? after
        switch (change, inverse) {
        case (.setPrivilege(_, let role, let table, let op, let level), .setPrivilege(_, _, _, _, let old)):
            return "\(Labels.role(role, env)): \(op.label) on \(table): \(old.label) → \(level.label)"
        case (.setPrivilegeRow(_, let role, let table, let row), .setPrivilegeRow(_, _, _, let old)):
            let parts = TableOperation.allCases.filter { row[$0] != old[$0] }.map { "\($0.label) \(old[$0].label) → \(row[$0].label)" }
            return "\(Labels.role(role, env)): \(table): " + (parts.isEmpty ? "unchanged" : parts.joined(separator: ", "))
        case (.setMiscPrivilege(_, let role, let name, let level), .setMiscPrivilege(_, _, _, let old)):
            return "\(Labels.role(role, env)): \(name): \(old.label) → \(level.label)"
        case (.setMemberPrivilegeInheritance(_, let role, let inherits), _):
            return "\(Labels.role(role, env)): member privilege inheritance → \(inheritanceLabel(inherits))"
        case (.assignUserRole(_, let user, let role), _):
            return "\(Labels.user(user, env)): assigned role \(Labels.role(role, env))"
        case (.removeUserRole(_, let user, let role), _):
            return "\(Labels.user(user, env)): removed role \(Labels.role(role, env))"
        case (.assignTeamRole(_, let team, let role), _):
            return "Team \(Labels.team(team, env)): assigned role \(Labels.role(role, env))"
        case (.removeTeamRole(_, let team, let role), _):
            return "Team \(Labels.team(team, env)): removed role \(Labels.role(role, env))"
        case (.setUserRoleCopy(_, let user, let role, let unit), .setUserRoleCopy(_, _, _, let old)):
            return
                "\(Labels.user(user, env)): \(Labels.role(role, env)) held from \(copyLabel(unit, env)) (was \(copyLabel(old, env, names)))"
        case (.setTeamRoleCopy(_, let team, let role, let unit), .setTeamRoleCopy(_, _, _, let old)):
            return
                "Team \(Labels.team(team, env)): \(Labels.role(role, env)) held from \(copyLabel(unit, env)) (was \(copyLabel(old, env, names)))"
        case (.addTeamMember(_, let team, let user), _):
            return "Team \(Labels.team(team, env)): added \(Labels.user(user, env))"
        case (.removeTeamMember(_, let team, let user), _):
            return "Team \(Labels.team(team, env)): removed \(Labels.user(user, env))"
        case (.setUserBusinessUnit(_, let user, let bu), _):
            let old = before?.users[user].map { Labels.businessUnit($0.businessUnitId, before) } ?? "?"
            var text = "\(Labels.user(user, env)): business unit \(old) → \(Labels.businessUnit(bu, env))"
            if case .compound(let parts) = inverse {
                let roles = parts.compactMap { part -> String? in
                    if case .assignUserRole(_, _, let role) = part { return Labels.role(role, env) }
                    return nil
                }
                if !roles.isEmpty { text += " (removes roles \(roles.joined(separator: ", ")) [I])" }
            }
            return text
        case (.setUserDisabled(_, let user, let disabled), _):
            return "\(Labels.user(user, env)): \(disabled ? "disabled" : "enabled")"
        case (.setUserAccessMode(_, let user, let mode), .setUserAccessMode(_, _, let old)):
            return "\(Labels.user(user, env)): access mode \(old.label) → \(mode.label)"
        case (.setColumnPermission(_, let profile, let column, let permission), .setColumnPermission(_, _, _, let old)):
            return "\(Labels.profile(profile, env)): \(column.description): \(permissionLabel(old)) → \(permissionLabel(permission))"
        case (.addProfileUser(_, let profile, let user), _):
            return "\(Labels.profile(profile, env)): added \(Labels.user(user, env))"
        case (.removeProfileUser(_, let profile, let user), _):
            return "\(Labels.profile(profile, env)): removed \(Labels.user(user, env))"
        case (.addProfileTeam(_, let profile, let team), _):
            return "\(Labels.profile(profile, env)): added team \(Labels.team(team, env))"
        case (.removeProfileTeam(_, let profile, let team), _):
            return "\(Labels.profile(profile, env)): removed team \(Labels.team(team, env))"
        case (.setColumnSecured(_, let column, let secured), _):
            return "\(column.description): \(secured ? "secured (column security applies)" : "no longer secured")"
        case (.setEnvironmentSettings(_, let new), .setEnvironmentSettings(_, let old)):
            return "\(old.name): " + settingsDifferences(old, new, env)
        case (.createRole(_, let role), _): return "Created role \(role.name)"
        case (.renameRole(_, let role, let name), _): return "Renamed role \(Labels.role(role, names)) → \(name)"
        case (.deleteRole(_, let role), _): return "Deleted role \(Labels.role(role, names))"
        case (.createTeam(_, let team), _): return "Created team \(team.name)"
        case (.renameTeam(_, let team, let name), _): return "Renamed team \(Labels.team(team, names)) → \(name)"
        case (.deleteTeam(_, let team), _): return "Deleted team \(Labels.team(team, names))"
        case (.createProfile(_, let profile), _): return "Created profile \(profile.name)"
        case (.renameProfile(_, let profile, let name), _): return "Renamed profile \(Labels.profile(profile, names)) → \(name)"
        case (.deleteProfile(_, let profile), _): return "Deleted profile \(Labels.profile(profile, names))"
        case (.createBusinessUnit(_, let bu), _): return "Created business unit \(bu.name)"
        case (.renameBusinessUnit(_, let bu, let name), _):
            let followed = names?.teams.values.contains {
                $0.isDefault && $0.businessUnitId == bu && $0.name != name && env?.teams[$0.id]?.name == name
            }
            return "Renamed business unit \(Labels.businessUnit(bu, names)) → \(name)"
                + (followed == true ? " (and its default team [I])" : "")
        case (.deleteBusinessUnit(_, let bu), _): return "Deleted business unit \(Labels.businessUnit(bu, names))"
        case (.setBusinessUnitParent(_, let bu, let parent), _):
            let old = before.flatMap { b in b.businessUnits[bu]?.parentId.map { b.businessUnitPath($0) } } ?? "?"
            var text =
                "Business unit \(Labels.businessUnit(bu, env)): moved from under \(old) to under \(env?.businessUnitPath(parent) ?? parent)"
            if case .compound(let parts) = inverse {
                let lost = parts.count - 1
                if lost > 0 { text += " (removes \(lost) role assignment\(lost == 1 ? "" : "s") below it [I])" }
            }
            return text
        case (.compound(let parts), _):
            return compoundSummary(parts, inverse: inverse, before: before, after: after)
        default:
            return "Edit"
        }
    }

    /// One line for a change that could not be applied (what it targets is gone): what it was
    /// to do, named as `env` still names things (ids otherwise), without an old value it never had.
    public static func unapplied(_ change: Change, in env: Environment?) -> String {
        switch change {
        case .setPrivilege(_, let role, let table, let op, let level):
            return "\(Labels.role(role, env)): \(op.label) on \(table) → \(level.label)"
        case .setPrivilegeRow(_, let role, let table, _):
            return "\(Labels.role(role, env)): privileges on \(table)"
        case .setMiscPrivilege(_, let role, let name, let level):
            return "\(Labels.role(role, env)): \(name) → \(level.label)"
        case .setUserAccessMode(_, let user, let mode):
            return "\(Labels.user(user, env)): access mode → \(mode.label)"
        case .setColumnPermission(_, let profile, let column, let permission):
            return "\(Labels.profile(profile, env)): \(column.description) → \(permissionLabel(permission))"
        case .setEnvironmentSettings(_, let settings):
            return "Settings of \(settings.name)"
        case .compound(let parts):
            return parts.map { unapplied($0, in: env) }.joined(separator: "; ")
        default:
            return summary(of: change, inverse: change, before: env, after: env)
        }
    }

    /// The parts of a change made of several (a role editor column or row edited at once, all of
    /// a role's privileges at once), one line each as the pending list words a single edit, with
    /// the name they share said once in the summary and left out here: the summary alone ("Basic
    /// User: 28 privileges changed") hid which levels moved where (a review: Read at Organization
    /// given on a credentials table by one `+`). Empty for a single change.
    static func details(of change: Change, inverse: Change, before: Environment?, after: Environment?) -> [String] {
        guard case .compound(let parts) = change, parts.count > 1 else { return [] }
        let inverses: [Change] = if case .compound(let inv) = inverse { inv.reversed() } else { [] }
        let texts = parts.enumerated().map { i, part in
            summary(of: part, inverse: inverses.indices.contains(i) ? inverses[i] : part, before: before, after: after)
        }
        // "Basic User: Read on account: …" for every part: the role once, in the summary.
        guard let first = texts.first, let colon = first.range(of: ": ") else { return texts }
        let prefix = first[..<colon.upperBound]
        return texts.allSatisfy { $0.hasPrefix(prefix) } ? texts.map { String($0.dropFirst(prefix.count)) } : texts
    }

    private static func compoundSummary(_ parts: [Change], inverse: Change, before: Environment?, after: Environment?) -> String {
        var cells: [(role: String, op: TableOperation, level: AccessLevel)] = []
        for part in parts {
            guard case .setPrivilege(_, let role, _, let op, let level) = part else { break }
            cells.append((role, op, level))
        }
        if cells.count == parts.count, let first = cells.first {
            let role = Labels.role(first.role, after ?? before)
            if cells.allSatisfy({ $0.role == first.role && $0.op == first.op && $0.level == first.level }) {
                return "\(role): \(first.op.label) on \(counted(cells.count, "table")) → \(first.level.label)"
            }
            return "\(role): \(counted(cells.count, "privilege")) changed"
        }
        var rows: [String] = []
        for part in parts {
            if case .setPrivilegeRow(_, let role, _, _) = part { rows.append(role) } else { break }
        }
        if rows.count == parts.count, let first = rows.first, rows.allSatisfy({ $0 == first }) {
            return "\(Labels.role(first, after ?? before)): \(rows.count) table rows changed"
        }
        if parts.count == 2, case .createBusinessUnit(_, let bu) = parts[0], case .createTeam(_, let team) = parts[1], team.isDefault,
            team.businessUnitId == bu.id
        {
            return "Created business unit \(bu.name) (with its default team)"
        }
        let inverses: [Change] = if case .compound(let inv) = inverse { inv.reversed() } else { [] }
        let texts = parts.enumerated().map { i, part in
            summary(of: part, inverse: inverses.indices.contains(i) ? inverses[i] : part, before: before, after: after)
        }
        return "\(parts.count) edits: " + texts.joined(separator: "; ")
    }

    static func inheritanceLabel(_ inherits: Bool) -> String {
        inherits ? "Direct User (Basic) access level and Team privileges" : "Team privileges only"
    }

    static func permissionLabel(_ p: ColumnPermission?) -> String {
        guard let p else { return "no permission" }
        var allowed: [String] = []
        if p.canRead { allowed.append("Read") }
        if p.canCreate { allowed.append("Create") }
        if p.canUpdate { allowed.append("Update") }
        if p.canReadUnmasked != .notAllowed {
            allowed.append("Read unmasked (\(p.canReadUnmasked == .allRecords ? "all records" : "one record"))")
        }
        return allowed.isEmpty ? "nothing allowed" : allowed.joined(separator: ", ")
    }

    static func settingsDifferences(_ old: EnvironmentSettings, _ new: EnvironmentSettings, _ env: Environment?) -> String {
        var parts: [String] = []
        func onOff(_ b: Bool) -> String { b ? "on" : "off" }
        if old.name != new.name { parts.append("name \(old.name) → \(new.name)") }
        if old.type != new.type { parts.append("type \(old.type.label) → \(new.type.label)") }
        if old.region != new.region { parts.append("region \(old.region.isEmpty ? "(none)" : old.region) → \(new.region)") }
        if old.securityGroupId != new.securityGroupId {
            parts.append(
                "security group \(old.securityGroupId.map { Labels.group($0, env) } ?? "(none)") → \(new.securityGroupId.map { Labels.group($0, env) } ?? "(none)")"
            )
            // Who that leaves out, counted by the domain (the model with the new group).
            if let env, new.securityGroupId != nil {
                let out = env.enabledUsersOutside(securityGroup: new.securityGroupId).count
                parts[parts.count - 1] += " (\(out) enabled \(out == 1 ? "user" : "users") left out)"
            }
        }
        if old.adminMode != new.adminMode { parts.append("administration mode \(onOff(old.adminMode)) → \(onOff(new.adminMode))") }
        if old.modernizedBusinessUnits != new.modernizedBusinessUnits {
            parts.append(
                "record ownership across business units \(onOff(old.modernizedBusinessUnits)) → \(onOff(new.modernizedBusinessUnits))")
        }
        if old.auditingEnabled != new.auditingEnabled {
            parts.append("auditing \(onOff(old.auditingEnabled)) → \(onOff(new.auditingEnabled))")
        }
        return parts.isEmpty ? "settings unchanged" : parts.joined(separator: ", ")
    }
}
