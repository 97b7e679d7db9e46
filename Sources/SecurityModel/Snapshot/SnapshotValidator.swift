import Foundation

/// Semantic checks of a snapshot as read: duplicate ids, dangling references, levels a table does
/// not allow, a business-unit tree that is not a tree. Every problem carries its JSON path.
enum SnapshotValidator {
    static func validate(_ raw: RawSnapshot) -> [SnapshotProblem] {
        var problems: [SnapshotProblem] = []
        var envIds: Set<String> = []
        for (i, env) in raw.environments.enumerated() {
            let base = "environments[\(i)]"
            if env.id.isEmpty {
                problems.append(.init(path: "\(base).id", message: "the environment id is empty"))
            } else if !envIds.insert(env.id).inserted {
                problems.append(.init(path: "\(base).id", message: "duplicate environment id '\(env.id)'"))
            }
            validate(env, base: base, into: &problems)
        }
        return problems
    }

    private static func duplicates<T>(
        _ items: [T], _ key: (T) -> String, _ path: (Int) -> String, _ kind: String,
        into problems: inout [SnapshotProblem]
    ) -> Set<String> {
        var seen: Set<String> = []
        seen.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let k = key(item)
            // Found by a robustness review: `"id": ""` passed validate.
            if k.isEmpty {
                problems.append(.init(path: path(i), message: "the \(kind) \(kind == "table" ? "logical name" : "id") is empty"))
            } else if !seen.insert(k).inserted {
                problems.append(.init(path: path(i), message: "duplicate \(kind) id '\(k)'"))
            }
        }
        return seen
    }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    private static func validate(_ env: RawEnvironment, base: String, into problems: inout [SnapshotProblem]) {
        // The largest independent checks (team members, and a security group that can list every
        // user) run on the second core while this one does the rest.
        let groupProblems = ProblemsBox()
        let shared = UncheckedBox(env)
        let groupCheck = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: groupCheck) {
            groupProblems.value = unknownMembers(shared.value, base: base)
        }
        let buIds = duplicates(env.businessUnits, \.id, { "\(base).businessUnits[\($0)].id" }, "business unit", into: &problems)
        for (i, id) in env.duplicateUsers {
            problems.append(.init(path: "\(base).users[\(i)].id", message: "duplicate user id '\(id)'"))
        }
        if env.users[""] != nil {
            for (i, id) in env.userOrder.enumerated() where id.isEmpty {
                problems.append(.init(path: "\(base).users[\(i)].id", message: "the user id is empty"))
            }
        }
        let users = env.users
        let teamIds = duplicates(env.teams, \.id, { "\(base).teams[\($0)].id" }, "team", into: &problems)
        let roleIds = duplicates(env.roles, \.id, { "\(base).roles[\($0)].id" }, "role", into: &problems)
        let tableNames = duplicates(env.tables, \.logicalName, { "\(base).tables[\($0)].logicalName" }, "table", into: &problems)
        _ = duplicates(env.profiles, \.id, { "\(base).fieldSecurityProfiles[\($0)].id" }, "field security profile", into: &problems)
        let groupIds = duplicates(env.entraGroups, \.id, { "\(base).entraGroups[\($0)].id" }, "Entra group", into: &problems)
        let tablesByName = Dictionary(env.tables.map { ($0.logicalName, $0) }, uniquingKeysWith: { a, _ in a })

        // Settings
        if let g = env.settings.securityGroupId {
            if !groupIds.contains(g) {
                problems.append(.init(path: "\(base).securityGroup", message: "unknown Entra group '\(g)' (add it to entraGroups)"))
            }
            if !env.settings.type.allowsSecurityGroup {
                problems.append(
                    .init(path: "\(base).securityGroup", message: "a \(env.settings.type.label) environment cannot have a security group"))
            }
        }
        if env.settings.adminMode && !env.settings.type.allowsAdminMode {
            problems.append(
                .init(path: "\(base).adminMode", message: "admin mode exists only for Production, Sandbox and Trial environments"))
        }

        // Business-unit tree: one root, parents exist, no cycles.
        let roots = env.businessUnits.enumerated().filter { $0.element.parentId == nil }
        if env.businessUnits.isEmpty {
            problems.append(.init(path: "\(base).businessUnits", message: "an environment needs a root business unit"))
        } else if roots.count != 1 {
            let at = roots.count > 1 ? "\(base).businessUnits[\(roots[1].offset)]" : "\(base).businessUnits"
            problems.append(.init(path: at, message: "expected exactly one root business unit (without 'parent'), found \(roots.count)"))
        }
        let parentOf = Dictionary(env.businessUnits.map { ($0.id, $0.parentId) }, uniquingKeysWith: { a, _ in a })
        for (i, bu) in env.businessUnits.enumerated() {
            guard let p = bu.parentId else { continue }
            // (paths are built only when a problem is found)
            if !buIds.contains(p) {
                problems.append(.init(path: "\(base).businessUnits[\(i)].parent", message: "unknown business unit '\(p)'"))
                continue
            }
            var seen: Set<String> = [bu.id]
            var current: String? = p
            while let c = current {
                if !seen.insert(c).inserted {
                    // Only a unit in the cycle is its own ancestor; one below it is reported
                    // through the units of the cycle.
                    if c == bu.id {
                        problems.append(
                            .init(
                                path: "\(base).businessUnits[\(i)].parent",
                                message: "business unit '\(bu.name)' is its own ancestor (cycle)"))
                    }
                    break
                }
                current = parentOf[c] ?? nil
            }
        }

        // Users
        // Iterate the users as stored (no second lookup per user); file positions are looked up
        // only for users with a problem, and problems are put back in file order.
        problems += env.userReferenceProblems
        var userProblems: [(String, String, String)] = []  // (user id, key, message)
        for (id, u) in users {
            if !env.usersReferencesChecked {
                if !buIds.contains(u.businessUnitId) {
                    userProblems.append((id, "businessUnit", "unknown business unit '\(u.businessUnitId)'"))
                }
                for r in u.roleIds where !roleIds.contains(r) {
                    userProblems.append((id, "roles", "unknown role '\(r)'"))
                }
            }
            for (r, unit) in u.roleBusinessUnitIds where !buIds.contains(unit) {
                userProblems.append((id, "roleBusinessUnits.\(r)", "unknown business unit '\(unit)' (the copy of role '\(r)' held)"))
            }
            if let m = u.managerId, users.index(forKey: m) == nil {
                userProblems.append((id, "manager", "unknown user '\(m)'"))
            }
        }
        if !userProblems.isEmpty {
            var position: [String: Int] = [:]
            for (i, id) in env.userOrder.enumerated() where position[id] == nil { position[id] = i }
            let placed = userProblems.map { (position[$0.0] ?? 0, $0.1, $0.2) }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            for (i, key, message) in placed {
                problems.append(.init(path: "\(base).users[\(i)].\(key)", message: message))
            }
        }

        // Teams
        var defaultTeamOf: Set<String> = []
        for (i, t) in env.teams.enumerated() {
            var p: String { "\(base).teams[\(i)]" }
            if !buIds.contains(t.businessUnitId) {
                problems.append(.init(path: "\(p).businessUnit", message: "unknown business unit '\(t.businessUnitId)'"))
            }
            for r in t.roleIds.sorted() where !roleIds.contains(r) {
                problems.append(.init(path: "\(p).roles", message: "unknown role '\(r)'"))
            }
            for (r, unit) in t.roleBusinessUnitIds.sorted(by: { $0.key < $1.key }) where !buIds.contains(unit) {
                problems.append(
                    .init(path: "\(p).roleBusinessUnits.\(r)", message: "unknown business unit '\(unit)' (the copy of role '\(r)' held)"))
            }
            if !t.type.holdsRoles && !t.roleIds.isEmpty {
                problems.append(.init(path: "\(p).roles", message: "access teams cannot hold roles; use an owner team"))
            }
            if t.type.isGroupTeam {
                if let g = t.entraGroupId, !groupIds.contains(g) && t.memberIds.isEmpty {
                    problems.append(.init(path: "\(p).entraGroup", message: "unknown Entra group '\(g)' and no cached members"))
                }
            } else {
                if t.entraGroupId != nil {
                    problems.append(.init(path: "\(p).entraGroup", message: "only Entra group teams have an Entra group"))
                }
                if t.membershipType != nil {
                    problems.append(.init(path: "\(p).membershipType", message: "only Entra group teams have a membership type"))
                }
            }
            if t.isDefault {
                if !defaultTeamOf.insert(t.businessUnitId).inserted {
                    problems.append(.init(path: "\(p).default", message: "business unit '\(t.businessUnitId)' already has a default team"))
                }
                if !t.memberIds.isEmpty {
                    problems.append(
                        .init(
                            path: "\(p).members", message: "a default team's members are the users of its business unit; remove 'members'"))
                }
                if t.type != .owner {
                    problems.append(.init(path: "\(p).type", message: "a default team is an owner team"))
                }
            }
        }

        // Roles
        for (i, role) in env.roles.enumerated() {
            var p: String { "\(base).roles[\(i)]" }
            if !buIds.contains(role.businessUnitId) {
                problems.append(.init(path: "\(p).businessUnit", message: "unknown business unit '\(role.businessUnitId)'"))
            }
            let suspicious = role.privileges.filter { entry in
                guard let t = tablesByName[entry.key] else { return true }
                return t.ownership == .organization
            }
            for (table, row) in suspicious.sorted(by: { $0.key < $1.key }) {
                guard let t = tablesByName[table] else {
                    problems.append(.init(path: "\(p).privileges.\(table)", message: "unknown table '\(table)' (add it to tables)"))
                    continue
                }
                for op in TableOperation.allCases where !t.ownership.allows(row[op], for: op) {
                    let why =
                        op.existsOnOrganizationOwnedTables
                        ? "only none or global, not \(row[op].snapshotName)"
                        : "it has no \(op.snapshotName) privilege"
                    problems.append(
                        .init(
                            path: "\(p).privileges.\(table).\(op.snapshotName)",
                            message: "invalid level for organization-owned table '\(table)': \(why)"))
                }
            }
        }

        // Tables: duplicate columns
        for (i, order) in env.tableColumnsInOrder.enumerated() {
            var seen: Set<String> = []
            for (j, c) in order.enumerated() where !seen.insert(c).inserted {
                problems.append(.init(path: "\(base).tables[\(i)].columns[\(j)].logicalName", message: "duplicate column '\(c)'"))
            }
        }

        // Logical names are identifiers (letters, digits, underscores in Dataverse) that every
        // output prints: one holding a control or invisible character (which output escapes) is refused rather than
        // carried around.
        for (i, table) in env.tables.enumerated() {
            if containsControlCharacter(table.logicalName) {
                problems.append(
                    .init(
                        path: "\(base).tables[\(i)].logicalName",
                        message: "table logical name '\(printable(table.logicalName))' contains a control or invisible character"))
            }
            for (j, c) in env.tableColumnsInOrder[i].enumerated() where containsControlCharacter(c) {
                problems.append(
                    .init(
                        path: "\(base).tables[\(i)].columns[\(j)].logicalName",
                        message: "column logical name '\(printable(c))' contains a control or invisible character"))
            }
        }

        nameLengthProblems(env, base: base, into: &problems)

        // Profiles
        for (i, profile) in env.profiles.enumerated() {
            var p: String { "\(base).fieldSecurityProfiles[\(i)]" }
            for u in profile.userIds.filter({ users.index(forKey: $0) == nil }).sorted() {
                problems.append(.init(path: "\(p).users", message: "unknown user '\(u)'"))
            }
            for t in profile.teamIds.sorted() where !teamIds.contains(t) {
                problems.append(.init(path: "\(p).teams", message: "unknown team '\(t)'"))
            }
            var seen: Set<ColumnReference> = []
            for (j, ref) in env.profilePermissionsInOrder[i].enumerated() {
                var pp: String { "\(p).permissions[\(j)]" }
                if !seen.insert(ref).inserted {
                    problems.append(.init(path: pp, message: "duplicate permission for column '\(ref.description)'"))
                }
                guard tableNames.contains(ref.table) else {
                    problems.append(.init(path: "\(pp).table", message: "unknown table '\(ref.table)'"))
                    continue
                }
                guard let column = tablesByName[ref.table]?.columns[ref.column] else {
                    problems.append(.init(path: "\(pp).column", message: "unknown column '\(ref.column)' of table '\(ref.table)'"))
                    continue
                }
                // Dataverse keeps field permissions only for secured columns; the System
                // Administrator profile is its own and covers every secured column anyway.
                if !column.isSecured && !profile.isSystemAdministratorProfile {
                    problems.append(
                        .init(
                            path: "\(pp).column",
                            message:
                                "column '\(ref.description)' is not secured: a profile's permission applies only to a secured column (secure the column or remove the permission)"
                        ))
                }
            }
        }

        // Team and group members: checked on the second core meanwhile (see the top of this function).
        groupCheck.wait()
        problems += groupProblems.value
    }

    /// Team and Entra group members that are not users of the environment. (`index(forKey:)`, not
    /// `users[id] == nil`: the subscript copies the user out, retaining every field, 170,000 times.)
    /// Names of at most ``DataverseIdentifier/maximumNameLength`` characters, as solution import
    /// allows: every path and line repeats a name (found by a hostile-input review). A schema
    /// name is an identifier (``DataverseIdentifier``), as solution import requires: one that is
    /// not was exported into privilege names that import then refused.
    static let nameLimit = DataverseIdentifier.maximumNameLength

    private static func nameLengthProblems(_ env: RawEnvironment, base: String, into problems: inout [SnapshotProblem]) {
        func check(_ name: String, _ path: @autoclosure () -> String, _ what: String) {
            // utf8.count is constant time on a native string; characters are counted only past it.
            guard DataverseIdentifier.isTooLong(name) else { return }
            problems.append(
                .init(
                    path: path(),
                    message: "\(what) is \(name.count) characters long: at most \(nameLimit) are read (Dataverse allows far fewer)"))
        }
        check(env.settings.name, "\(base).name", "the environment name")
        for (i, bu) in env.businessUnits.enumerated() { check(bu.name, "\(base).businessUnits[\(i)].name", "the business unit name") }
        for (i, id) in env.userOrder.enumerated() {
            guard let u = env.users[id] else { continue }
            check(u.name, "\(base).users[\(i)].name", "the user name")
            check(u.domainName, "\(base).users[\(i)].domainName", "the domain name")
        }
        for (i, t) in env.teams.enumerated() { check(t.name, "\(base).teams[\(i)].name", "the team name") }
        for (i, r) in env.roles.enumerated() { check(r.name, "\(base).roles[\(i)].name", "the role name") }
        for (i, p) in env.profiles.enumerated() { check(p.name, "\(base).fieldSecurityProfiles[\(i)].name", "the profile name") }
        for (i, t) in env.tables.enumerated() {
            check(t.logicalName, "\(base).tables[\(i)].logicalName", "the table logical name")
            check(t.displayName, "\(base).tables[\(i)].displayName", "the table display name")
            if !DataverseIdentifier.isValid(t.schemaName) {
                problems.append(
                    .init(
                        path: "\(base).tables[\(i)].schemaName",
                        message:
                            "schema name '\(printable(String(t.schemaName.prefix(80))))\(t.schemaName.count > 80 ? "…" : "")' is not a Dataverse identifier (letters, digits and _, at most \(nameLimit))"
                    ))
            }
            for (j, c) in env.tableColumnsInOrder[i].enumerated() {
                check(c, "\(base).tables[\(i)].columns[\(j)].logicalName", "the column logical name")
                if let column = t.columns[c] {
                    check(column.displayName, "\(base).tables[\(i)].columns[\(j)].displayName", "the column display name")
                }
            }
        }
    }

    private static func unknownMembers(_ env: RawEnvironment, base: String) -> [SnapshotProblem] {
        var problems: [SnapshotProblem] = []
        // Hundreds of thousands of memberships, nearly all known: only the unknown ones are kept.
        for (i, t) in env.teams.enumerated() {
            var unknown: [String] = []
            for m in t.memberIds where env.users.index(forKey: m) == nil { unknown.append(m) }
            for m in unknown.sorted() {
                problems.append(.init(path: "\(base).teams[\(i)].members", message: "unknown user '\(m)'"))
            }
        }
        for (i, g) in env.entraGroups.enumerated() {
            var unknown: [String] = []
            for u in g.members.keys where env.users.index(forKey: u) == nil { unknown.append(u) }
            for u in unknown.sorted() {
                problems.append(.init(path: "\(base).entraGroups[\(i)].members", message: "unknown user '\(u)'"))
            }
        }
        return problems
    }
}

/// Problems found on another thread; written once before `wait()` returns, read after.
private final class ProblemsBox: @unchecked Sendable {
    var value: [SnapshotProblem] = []
}

/// Whether `s` holds a character that output escapes (``printable(_:keepingLineBreaks:)``): a
/// control character or an invisible formatting one.
func containsControlCharacter(_ s: String) -> Bool { printable(s) != s }
