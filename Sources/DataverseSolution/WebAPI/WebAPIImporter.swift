import SecurityModel

/// Merges Web API payloads into an environment.
///
/// Records the payloads describe are added or updated; records they do not describe are kept.
/// An association file (team membership, role assignments, profile members) replaces the links
/// of every record on its owning side the import describes: the users of `systemusers.json`
/// (or, without it, the users the association file names) and likewise for teams, roles and
/// profiles. Links to records that are neither in the payloads nor in the snapshot are skipped
/// and reported.
public enum WebAPIImporter {
    /// Reads the payload folder and merges it into `env`.
    public static func merge(folder: String, into env: inout Environment) throws(DataverseFileError) -> ImportReport {
        let payloads = try WebAPIPayloads.read(folder: folder)
        try checkRoot(payloads, env)
        return merge(payloads, into: &env)
    }

    /// Refuses payloads whose root business unit is another organisation's than the
    /// environment's: only a placeholder root (the one a solution import or a new environment
    /// makes, ``ImportTarget/newEnvironment(named:)``) gives way to the payloads' root. A real
    /// one would have ended in "business unit … already has a default team".
    static func checkRoot(_ p: WebAPIPayloads, _ env: Environment) throws(DataverseFileError) {
        guard let units = p.businessUnits, let newRoot = units.first(where: { $0.parentId == nil }),
            let old = env.rootBusinessUnit, old.id != newRoot.id, !units.contains(where: { $0.id == old.id }),
            old.id != DeterministicID.guid("businessunit:" + old.name)
        else { return }
        throw DataverseFileError(
            file: p.source + "/" + WebAPIFile.businessUnits.fileName,
            message:
                "the payloads' root business unit '\(SolutionExporter.printableName(newRoot.name))' (\(newRoot.id)) is not environment '\(SolutionExporter.printableName(env.name))''s root '\(SolutionExporter.printableName(old.name))' (\(old.id)): they come from another organisation. Import them into a new environment (--environment with a new name) or a new snapshot"
        )
    }

    /// Merges read payloads into `env` and reports what changed.
    public static func merge(_ p: WebAPIPayloads, into env: inout Environment) -> ImportReport {
        let before = env
        var touched = TouchedIds()
        var warnings: [ImportWarning] = []
        var skipped: [String: Int] = [:]
        func skip(_ what: String) { skipped[what, default: 0] += 1 }

        let definitions = p.source + "/" + WebAPIFile.entityDefinitions.rawValue + ".json"
        let tables = (p.tables ?? []).map { SolutionTable(table: $0, ownershipIsKnown: true, file: definitions, line: 0) }
        for t in tables {
            SolutionImporter.mergeTable(t, into: &env)
            touched.tables.insert(t.table.logicalName)
        }
        // A table's ownership arriving after its roles: the roles already in the snapshot are
        // read as a solution import reads them ([I]: any level counts as Global), except those
        // whose privileges these payloads carry.
        let described = p.rolePrivileges == nil ? [] : Set((p.roles ?? []).map(\.rootId))
        SolutionImporter.applyOrganizationOwnership(tables, skipping: described, env: &env, touched: &touched, warnings: &warnings)
        mergeBusinessUnits(p, into: &env, touched: &touched, warnings: &warnings)
        for u in p.users ?? [] {
            var user = u
            user.roleIds = env.users[u.id]?.roleIds ?? []
            user.roleBusinessUnitIds = env.users[u.id]?.roleBusinessUnitIds ?? [:]
            env.users[u.id] = user
            touched.users.insert(u.id)
        }
        for t in p.teams ?? [] {
            var team = t
            if let old = env.teams[t.id] {
                team.memberIds = old.memberIds
                team.roleIds = old.roleIds
                team.roleBusinessUnitIds = old.roleBusinessUnitIds
            }
            env.teams[t.id] = team
            touched.teams.insert(t.id)
        }
        // Roles: one SecurityRole per root role; business-unit copies map to their root.
        var rootOf: [String: String] = [:]
        // The business unit of each copy: which one a principal holds (`roleBusinessUnits`).
        var unitOf: [String: String] = [:]
        for row in p.roles ?? [] {
            rootOf[row.role.id] = row.rootId
            unitOf[row.role.id] = row.role.businessUnitId
        }
        func root(_ id: String) -> String { rootOf[id] ?? id }
        for row in p.roles ?? [] where row.rootId == row.role.id {
            env.roles[row.role.id] = mergedRole(row, old: env.roles[row.role.id])
            touched.roles.insert(row.role.id)
        }
        if let rows = p.rolePrivileges, let names = p.privilegeNames {
            mergeRolePrivileges(rows, names: names, p, root: root, into: &env, touched: &touched, warnings: &warnings, skip: skip)
        }
        // Associations.
        if let links = p.teamMembership {
            let described = p.teams.map { Set($0.map(\.id)) } ?? Set(links.map(\.from))
            var members: [String: Set<String>] = [:]
            for l in links {
                guard env.users[l.to] != nil else {
                    skip("team members (unknown user)")
                    continue
                }
                members[l.from, default: []].insert(l.to)
            }
            for id in described.sorted() {
                guard var team = env.teams[id] else {
                    skip("team members (unknown team)")
                    continue
                }
                if team.isDefault { continue }
                team.memberIds = members[id] ?? []
                env.teams[id] = team
                touched.teams.insert(id)
            }
        }
        // Without roles.json, a link to a role id the snapshot does not know is most likely a
        // business-unit copy that cannot be mapped to its role: the principal's roles are then
        // left as they were rather than replaced by a partial set.
        let copiesUnmappable = p.roles == nil
        var leftAsTheyWere: [String: Int] = [:]
        if let links = p.userRoles {
            let described = p.users.map { Set($0.map(\.id)) } ?? Set(links.map(\.from))
            var roles: [String: Set<String>] = [:]
            var copies: [String: [String: String]] = [:]
            var unmapped: Set<String> = []
            for l in links {
                guard env.roles[root(l.to)] != nil else {
                    skip("user role assignments (unknown role)")
                    if copiesUnmappable { unmapped.insert(l.from) }
                    continue
                }
                roles[l.from, default: []].insert(root(l.to))
                if let unit = unitOf[l.to] { copies[l.from, default: [:]][root(l.to)] = unit }
            }
            for id in described.sorted() {
                guard var user = env.users[id] else {
                    skip("user role assignments (unknown user)")
                    continue
                }
                if unmapped.contains(id) {
                    leftAsTheyWere["users", default: 0] += 1
                    continue
                }
                user.roleIds = roles[id] ?? []
                user.roleBusinessUnitIds = namedCopies(copies[id] ?? [:], principalBusinessUnitId: user.businessUnitId, env)
                env.users[id] = user
                touched.users.insert(id)
            }
        }
        if let links = p.teamRoles {
            let described = p.teams.map { Set($0.map(\.id)) } ?? Set(links.map(\.from))
            var roles: [String: Set<String>] = [:]
            var copies: [String: [String: String]] = [:]
            var unmapped: Set<String> = []
            for l in links {
                guard env.roles[root(l.to)] != nil else {
                    skip("team role assignments (unknown role)")
                    if copiesUnmappable { unmapped.insert(l.from) }
                    continue
                }
                roles[l.from, default: []].insert(root(l.to))
                if let unit = unitOf[l.to] { copies[l.from, default: [:]][root(l.to)] = unit }
            }
            for id in described.sorted() {
                guard var team = env.teams[id] else {
                    skip("team role assignments (unknown team)")
                    continue
                }
                if unmapped.contains(id) {
                    leftAsTheyWere["teams", default: 0] += 1
                    continue
                }
                if !team.type.holdsRoles {
                    if !(roles[id] ?? []).isEmpty { skip("role assignments of access teams") }
                    continue
                }
                team.roleIds = roles[id] ?? []
                team.roleBusinessUnitIds = namedCopies(copies[id] ?? [:], principalBusinessUnitId: team.businessUnitId, env)
                env.teams[id] = team
                touched.teams.insert(id)
            }
        }
        for (kind, n) in leftAsTheyWere.sorted(by: { $0.key < $1.key }) {
            warnings.append(
                ImportWarning(
                    file: p.source,
                    message:
                        "the roles of \(n) \(n == 1 ? String(kind.dropLast()) : kind) were left as they were: their assignments name role ids"
                        + " the snapshot does not know, business-unit copies that only roles.json maps to their role; add roles.json"))
        }
        let elsewhere =
            env.users.values.filter { touched.users.contains($0.id) && !$0.roleBusinessUnitIds.isEmpty }.count
            + env.teams.values.filter { touched.teams.contains($0.id) && !$0.roleBusinessUnitIds.isEmpty }.count
        if elsewhere > 0 && !env.settings.modernizedBusinessUnits {
            warnings.append(
                ImportWarning(
                    file: p.source,
                    message:
                        "\(elsewhere) \(elsewhere == 1 ? "user or team holds" : "users and teams hold") another business unit's copy of a role, which only modernized business units (record ownership across business units) allow; the copies are kept, and read once the environment's setting is on"
                ))
        }
        mergeProfiles(
            p, unsecured: SolutionImporter.unsecuredColumns(tables), into: &env, touched: &touched, warnings: &warnings, skip: skip)
        ensureGroupTeamsResolvable(&env, touched: touched, warnings: &warnings)
        for (what, n) in skipped.sorted(by: { $0.key < $1.key }) {
            warnings.append(ImportWarning(file: p.source, message: "skipped \(n) \(what): not in the payloads or the snapshot"))
        }
        let entries = EnvironmentComparison.entries(before: before, after: env, touched: touched)
        return ImportReport(
            source: p.source, sourceKind: "Web API payloads", environmentName: env.name, entries: entries,
            warnings: warnings)
    }

    /// The role copies a principal holds that the snapshot must name: those of another unit than
    /// the one dvsec reads by default (``Environment/defaultCopyBusinessUnitId(of:principalBusinessUnitId:)``),
    /// so that an organisation whose principals hold their own unit's copies keeps its snapshot
    /// as it was.
    static func namedCopies(_ copies: [String: String], principalBusinessUnitId: String, _ env: Environment) -> [String: String] {
        copies.filter { role, unit in
            guard let r = env.roles[role] else { return false }
            return unit != env.defaultCopyBusinessUnitId(of: r, principalBusinessUnitId: principalBusinessUnitId)
        }
    }
}
