import SecurityModel

/// Merges a solution's roles, field security profiles and tables into an environment.
///
/// The solution updates what it describes and keeps everything else: users, teams, business
/// units, role assignments and profile members are not in solutions, so they stay as they were.
public enum SolutionImporter {
    /// Reads an unpacked solution folder into a new snapshot, for opening it directly
    /// (`dvsec open DIR`, read-only). The environment and its root business unit are named after
    /// the solution.
    public static func snapshot(fromFolder path: String) throws(DataverseFileError) -> Snapshot {
        try snapshot(from: try SolutionReader.read(folder: path)).0
    }

    /// Like ``snapshot(fromFolder:)`` for a folder or a packed `.zip`, whichever `path` is.
    public static func snapshot(fromSolution path: String) throws(DataverseFileError) -> Snapshot {
        try snapshot(from: try SolutionReader.read(path: path)).0
    }

    /// A new snapshot holding one environment built from the solution, and the import report.
    public static func snapshot(from content: SolutionContent) throws(DataverseFileError) -> (Snapshot, ImportReport) {
        var env = ImportTarget.newEnvironment(named: content.name)
        var report = merge(content, into: &env)
        report.createdSnapshot = true
        let snapshot = Snapshot(tenant: content.name, environments: [env])
        try ImportTarget.validate(snapshot, source: content.source)
        return (snapshot, report)
    }

    /// Merges the solution into `env` and reports what changed.
    public static func merge(_ content: SolutionContent, into env: inout Environment) -> ImportReport {
        let before = env
        var touched = TouchedIds()
        var warnings = content.warnings
        let rootId = env.rootBusinessUnit?.id ?? ""

        for st in content.tables {
            mergeTable(st, into: &env)
            touched.tables.insert(st.table.logicalName)
        }
        // The roles the files describe are read from them below; a file of the built-in System
        // Administrator is not, so its role is read against new ownership like any other.
        let described = content.roles.filter { systemAdministrator(for: $0, in: env) == nil }.map(\.id)
        applyOrganizationOwnership(content.tables, skipping: Set(described), env: &env, touched: &touched, warnings: &warnings)
        let names = PrivilegeNameMap(tables: env.tables.values)
        // Role ids by name, to say when a new role takes a name another role holds.
        var idsByName: [String: String] = [:]
        for role in env.roles.values.sorted(by: { $0.id < $1.id }) {
            idsByName[role.name.lowercased()] = idsByName[role.name.lowercased()] ?? role.id
        }
        for var sr in content.roles {
            // The built-in System Administrator has every privilege by itself and cannot be
            // edited (DATAVERSE.md §1.4): a file of it changes nothing of it.
            if let admin = systemAdministrator(for: sr, in: env) {
                warnings.append(skippedSystemAdministrator(sr, admin))
                continue
            }
            let builtIn = builtInByName(sr, in: env, warnings: &warnings)
            if let builtIn { sr.id = builtIn.id }
            if builtIn?.templateId == SecurityRole.systemAdministratorTemplateId {
                sr.privileges = unreadSystemAdministratorPrivileges(sr, warnings: &warnings)
            }
            var role = resolveRole(
                sr, existing: env.roles[sr.id], rootBusinessUnitId: rootId, names: names, env: &env,
                touched: &touched, warnings: &warnings)
            if let template = builtIn?.templateId { role.templateId = template }
            if env.roles[role.id] == nil, let other = idsByName[role.name.lowercased()], other != role.id {
                // Two roles of one name: `export --roles NAME` and the console's lookups by name can
                // no longer tell them apart.
                warnings.append(
                    ImportWarning(
                        file: sr.file, line: sr.line,
                        message:
                            "role '\(DataverseName.shown(role.name))' (id \(role.id)) is new, and role id \(other) already has that name: two roles now share it, so naming it (export --roles) is ambiguous; rename one, or give the file that role's id if it is the same role"
                    ))
            }
            idsByName[role.name.lowercased()] = idsByName[role.name.lowercased()] ?? role.id
            env.roles[role.id] = role
            touched.roles.insert(role.id)
        }
        let unsecured = unsecuredColumns(content.tables)
        for var sp in content.profiles {
            // The built-in System Administrator profile holds every secured column by itself and
            // cannot be edited (DATAVERSE.md §1.6).
            if sp.profile.isSystemAdministratorProfile {
                guard builtInProfileIsNew(&sp, in: env, warnings: &warnings) else { continue }
            }
            mergeProfile(sp, unsecured: unsecured, into: &env, touched: &touched, warnings: &warnings)
        }
        // A table known only from privilege names has no ownership on record: it is taken as
        // user-owned, which an organization-owned table is not (its levels and Assign/Share differ).
        if !touched.inferredTables.isEmpty {
            let names = touched.inferredTables.sorted()
            let shown = names.prefix(5).map(DataverseName.shown).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
            warnings.append(
                ImportWarning(
                    file: "",
                    message:
                        "\(names.count) table\(names.count == 1 ? "" : "s") known only from privilege names \(names.count == 1 ? "is" : "are") taken as user-owned (\(shown)): "
                        + "ownership comes from Entities/<table>/Entity.xml, which this solution lacks (pac solution unpack writes it; dvsec export writes it with the profiles, not for --roles alone)"
                ))
        }
        let entries = EnvironmentComparison.entries(before: before, after: env, touched: touched)
        return ImportReport(
            source: content.source, sourceKind: "solution", environmentName: env.name, entries: entries,
            warnings: warnings)
    }

    // MARK: Tables

    static func mergeTable(_ st: SolutionTable, into env: inout Environment) {
        let incoming = st.table
        var table =
            env.tables[incoming.logicalName]
            ?? BuiltInPrivileges.standardTables.first { $0.logicalName == incoming.logicalName }
            ?? Table(logicalName: incoming.logicalName, schemaName: incoming.schemaName, isCustom: incoming.isCustom)
        table.schemaName = incoming.schemaName
        if incoming.displayName != incoming.logicalName { table.displayName = incoming.displayName }
        if st.ownershipIsKnown { table.ownership = incoming.ownership }
        for (name, column) in incoming.columns {
            var c = table.columns[name] ?? column
            c.isSecured = column.isSecured
            if column.displayName != column.logicalName { c.displayName = column.displayName }
            table.columns[name] = c
        }
        env.tables[table.logicalName] = table
    }

    /// Adds a table the import refers to but the environment lacks: a known standard table, or
    /// the given (inferred) one.
    static func ensureTable(_ table: Table, inferred: Bool, in env: inout Environment, touched: inout TouchedIds) -> Table {
        if let t = env.tables[table.logicalName] { return t }
        let standard = BuiltInPrivileges.standardTables.first { $0.logicalName == table.logicalName }
        let t = standard ?? table
        env.tables[t.logicalName] = t
        touched.tables.insert(t.logicalName)
        // A standard table's ownership is known; only another one is a guess.
        if inferred && standard == nil { touched.inferredTables.insert(t.logicalName) }
        return t
    }

    // MARK: Roles

    /// Maps privilege names to table rows, miscellaneous and unmapped privileges.
    static func resolvePrivileges(
        _ privileges: [(name: String, level: AccessLevel, line: Int?)], roleName: String, file: String,
        names: PrivilegeNameMap, overrides: [String: PrivilegeMeaning] = [:], env: inout Environment,
        touched: inout TouchedIds, warnings: inout [ImportWarning]
    ) -> (rows: [String: PrivilegeRow], misc: [String: AccessLevel], unmapped: [String: AccessLevel]) {
        var rows: [String: PrivilegeRow] = [:]
        var misc: [String: AccessLevel] = [:]
        var unmapped: [String: AccessLevel] = [:]
        var unmappedNames: [(name: String, line: Int?)] = []
        var renamed: [(name: String, line: Int?)] = []
        // The names the environment's roles hold as miscellaneous, gathered once per role read
        // and only when a privilege names a table the environment lacks.
        var heldMiscellaneous: Set<String>?
        func miscellaneousNames(_ env: Environment) -> Set<String> {
            if let known = heldMiscellaneous { return known }
            let names = Set(env.roles.values.flatMap { $0.miscPrivileges.keys.map { $0.lowercased() } })
            heldMiscellaneous = names
            return names
        }
        // A miscellaneous privilege at a level it does not have counts as the next one it has
        // (Organization for all but a few) [I], as the console offers and loading reads it.
        func addMiscellaneous(_ p: (name: String, level: AccessLevel, line: Int?)) {
            let level = MiscellaneousPrivilegeNames.readLevel(p.level, for: p.name)
            if level != p.level {
                let levels = MiscellaneousPrivilegeNames.allowedLevels(for: p.name).map { $0.solutionName ?? "None" }
                let read = level.solutionName ?? ""
                warnings.append(
                    ImportWarning(
                        file: file, line: p.line,
                        message:
                            "'\(DataverseName.shown(p.name))' in role '\(DataverseName.shown(roleName))': level \(p.level.solutionName ?? "") on a miscellaneous privilege counts as \(read) "
                            + "(it has only \(levels.dropLast().joined(separator: ", ")) and \(levels.last ?? "")) [I]; imported as \(read)"
                    ))
            }
            misc[p.name] = max(misc[p.name] ?? .none, level)
        }
        for p in privileges {
            switch overrides[p.name.lowercased()] ?? names.meaning(of: p.name) {
            case .miscellaneous:
                addMiscellaneous(p)
            case .unmapped:
                unmapped[p.name] = p.level
                unmappedNames.append((DataverseName.shown(p.name), p.line))
            case .table(let t, _, _) where env.tables[t.logicalName] == nil && miscellaneousNames(env).contains(p.name.lowercased()):
                // The environment lacks the table and its roles hold this privilege as a
                // miscellaneous one (prvReadWebResource without a webresource table): kept so,
                // as the snapshot reads it, rather than adding the table under every such role
                // (an export imported back changed nothing but read as escalations).
                addMiscellaneous(p)
            case .table(let t, let op, let inferred):
                let table = ensureTable(t, inferred: inferred, in: &env, touched: &touched)
                guard let level = table.ownership.readLevel(p.level, for: op) else {
                    unmapped[p.name] = p.level
                    warnings.append(
                        ImportWarning(
                            file: file, line: p.line,
                            message:
                                "'\(DataverseName.shown(p.name))' in role '\(DataverseName.shown(roleName))': organization-owned table '\(DataverseName.shown(table.logicalName))' has no \(op.privilegeVerb) privilege; kept unmapped"
                        ))
                    continue
                }
                if level != p.level {
                    // Any level above None counts as Global on an organization-owned table.
                    warnings.append(
                        ImportWarning(
                            file: file, line: p.line,
                            message:
                                "'\(DataverseName.shown(p.name))' in role '\(DataverseName.shown(roleName))': level \(p.level.solutionName ?? "") on organization-owned table '\(DataverseName.shown(table.logicalName))' counts as Global [I]; imported as Global"
                        ))
                }
                if rows[table.logicalName]?[op] ?? .none != .none {
                    unmapped[p.name] = p.level
                    warnings.append(
                        ImportWarning(
                            file: file, line: p.line,
                            message:
                                "'\(DataverseName.shown(p.name))' in role '\(DataverseName.shown(roleName))' is a second name for \(op.privilegeVerb) on '\(DataverseName.shown(table.logicalName))'; kept unmapped"
                        ))
                    continue
                }
                rows[table.logicalName, default: .empty][op] = level
                let exported = PrivilegeNameMap.privilegeName(for: op, on: table)
                if exported != p.name { renamed.append(("\(DataverseName.shown(p.name)) → \(DataverseName.shown(exported))", p.line)) }
            }
        }
        // Every name, each with its line, and the warning at the first one's line: the list was
        // cut after five names and gave no line (an ALM review).
        func listed(_ entries: [(name: String, line: Int?)]) -> String {
            entries.map { e in e.line.map { "\(e.name) (line \($0))" } ?? e.name }.joined(separator: ", ")
        }
        if !unmappedNames.isEmpty {
            warnings.append(
                ImportWarning(
                    file: file, line: unmappedNames.compactMap(\.line).first,
                    message:
                        "role '\(DataverseName.shown(roleName))': \(unmappedNames.count) privilege\(unmappedNames.count == 1 ? "" : "s") not mapped to a table, kept and exported unchanged: \(listed(unmappedNames))"
                ))
        }
        if !renamed.isEmpty {
            warnings.append(
                ImportWarning(
                    file: file, line: renamed.compactMap(\.line).first,
                    message:
                        "role '\(DataverseName.shown(roleName))': \(renamed.count) privilege name\(renamed.count == 1 ? "" : "s") will be exported with the table's schema name: \(listed(renamed))"
                ))
        }
        return (rows, misc, unmapped)
    }

    static func resolveRole(
        _ sr: SolutionRole, existing: SecurityRole?, rootBusinessUnitId: String, names: PrivilegeNameMap,
        env: inout Environment, touched: inout TouchedIds, warnings: inout [ImportWarning]
    ) -> SecurityRole {
        let resolved = resolvePrivileges(
            sr.privileges.map { ($0.name, $0.level, $0.line) }, roleName: sr.name, file: sr.file,
            names: names, env: &env, touched: &touched, warnings: &warnings)
        var role = existing ?? SecurityRole(id: sr.id, name: sr.name, businessUnitId: rootBusinessUnitId)
        role.name = sr.name
        role.privileges = resolved.rows
        role.miscPrivileges = resolved.misc
        role.unmappedPrivileges = resolved.unmapped
        if let inherited = sr.isInherited {
            role.inheritsMemberPrivileges = inherited
            role.inheritsMemberPrivilegesKnown = true
        } else if existing == nil || existing?.inheritsMemberPrivilegesKnown == false {
            // Absent means unknown: Dataverse's default (1) unless the snapshot knew better.
            role.inheritsMemberPrivilegesKnown = false
        }
        // A snapshot that leaves IsCustomizable unknown reads as Dataverse's default, 1, and the
        // exporter writes that default: the file saying 1 tells it nothing new, so the value
        // stays unknown (an export imported back is no change); 0, or a new role, is recorded.
        if let customizable = sr.isCustomizable, !(customizable && existing != nil && existing?.isCustomizable == nil) {
            role.isCustomizable = customizable
        }
        role.isAutoAssigned = sr.isAutoAssigned ?? role.isAutoAssigned
        role.appliesTo = sr.appliesTo ?? role.appliesTo
        role.description = sr.description ?? role.description
        role.summaryOfCoreTablePermissions = sr.summaryOfCoreTablePermissions ?? role.summaryOfCoreTablePermissions
        return role
    }

    // MARK: Profiles

    static func mergeProfile(
        _ sp: SolutionProfile, unsecured: [ColumnReference: String] = [:], into env: inout Environment,
        touched: inout TouchedIds, warnings: inout [ImportWarning]
    ) {
        let incoming = sp.profile
        var permissions = incoming.permissions
        for ref in incoming.permissions.keys.sorted() {
            let kept = ensureSecuredColumn(
                ref, profileName: incoming.name, file: sp.file, line: sp.permissionLines[ref] ?? sp.line,
                unsecuredBy: unsecured[ref], in: &env, touched: &touched, warnings: &warnings)
            if !kept { permissions[ref] = nil }
        }
        var profile = env.fieldSecurityProfiles[incoming.id] ?? FieldSecurityProfile(id: incoming.id, name: incoming.name)
        profile.name = incoming.name
        profile.description = incoming.description ?? profile.description
        profile.permissions = permissions
        env.fieldSecurityProfiles[profile.id] = profile
        touched.profiles.insert(profile.id)
    }

    /// The columns the import's own table metadata (`Entity.xml`, `entitydefinitions.json`)
    /// lists as not secured, with the file that says so.
    static func unsecuredColumns(_ tables: [SolutionTable]) -> [ColumnReference: String] {
        var out: [ColumnReference: String] = [:]
        for t in tables {
            for column in t.table.columns.values where !column.isSecured {
                out[ColumnReference(table: t.table.logicalName, column: column.logicalName)] = t.file
            }
        }
        return out
    }

    /// A field permission needs its table and column, and the column must be secured: Dataverse
    /// keeps permissions only for secured columns (DATAVERSE.md §1.6), so a permission is
    /// evidence that its column is. A column the environment lacks is added as secured; one the
    /// snapshot holds as not secured is marked secured, with a warning at the permission's line
    /// (left out, a later export removed the permission from the file). Only when the import's
    /// own metadata says the column is not secured (`unsecuredBy`, the file saying so) is the
    /// permission left out, with a warning: the files contradict each other and the metadata
    /// decides what is secured. A column Dataverse cannot secure (`Table.canSecure(column:)`:
    /// the primary key, owner, audit and state columns) is never secured: its permission is left
    /// out, with a warning saying why. Returns whether the permission is kept.
    static func ensureSecuredColumn(
        _ ref: ColumnReference, profileName: String, file: String, line: Int?, unsecuredBy: String? = nil,
        in env: inout Environment, touched: inout TouchedIds, warnings: inout [ImportWarning]
    ) -> Bool {
        var table =
            env.tables[ref.table]
            ?? BuiltInPrivileges.standardTables.first { $0.logicalName == ref.table }
            ?? Table(logicalName: ref.table, isCustom: ref.table.contains("_"))
        // The console's rule (`Table.canSecure`): a key, owner, audit or state column is never
        // secured, so no permission on it exists in Dataverse, whatever the snapshot holds.
        guard table.canSecure(column: ref.column) else {
            warnings.append(
                ImportWarning(
                    file: file, line: line,
                    message:
                        "profile '\(DataverseName.shown(profileName))' has a permission for \(DataverseName.shown(ref.description)), a system column (a key, owner, audit or state column): Dataverse cannot secure it, and keeps permissions only for secured columns; left out [I]"
                ))
            return false
        }
        if var column = table.columns[ref.column] {
            if !column.isSecured {
                if let unsecuredBy {
                    warnings.append(
                        ImportWarning(
                            file: file, line: line,
                            message:
                                "profile '\(DataverseName.shown(profileName))' has a permission for \(DataverseName.shown(ref.description)), which \(unsecuredBy) lists as not secured: Dataverse keeps permissions only for secured columns; left out (secure the column, or remove the permission)"
                        ))
                    return false
                }
                warnings.append(
                    ImportWarning(
                        file: file, line: line,
                        message:
                            "profile '\(DataverseName.shown(profileName))' has a permission for \(DataverseName.shown(ref.description)), which the snapshot holds as not secured: Dataverse keeps permissions only for secured columns, so the column is imported as secured (only System Administrators and the members of profiles allowing it reach it now)"
                    ))
                column.isSecured = true
                table.columns[ref.column] = column
                env.tables[ref.table] = table
                touched.tables.insert(ref.table)
                return true
            }
            if env.tables[ref.table] == nil {
                env.tables[ref.table] = table
                touched.tables.insert(ref.table)
            }
            return true
        }
        // A table or column the environment lacks is added, as a new one may be; a name near one
        // it has is likely a typo, and said so (found by an editing review: `acount` made a table
        // silently, and the profile's permissions on account were gone).
        let isNewTable = env.tables[ref.table] == nil && !BuiltInPrivileges.standardTables.contains { $0.logicalName == ref.table }
        let near =
            isNewTable
            ? env.tableSuggestions(for: ref.table).map { "\($0).\(ref.column)" }
            : NameSuggestion.closest(to: ref.column, among: table.columns.keys.map { ($0, [$0]) }).map { "\(ref.table).\($0)" }
        if !near.isEmpty {
            warnings.append(
                ImportWarning(
                    file: file, line: line,
                    message:
                        "profile '\(DataverseName.shown(profileName))' has a permission for \(DataverseName.shown(ref.description)), \(isNewTable ? "a table" : "a column") the environment does not have\(NameSuggestion.hint(near)): "
                        + "added as a new secured column; check the name"
                ))
        }
        table.columns[ref.column] = Column(logicalName: ref.column, isSecured: true)
        env.tables[ref.table] = table
        touched.tables.insert(ref.table)
        return true
    }
}
