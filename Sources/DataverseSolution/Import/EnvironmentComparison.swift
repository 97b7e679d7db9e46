import SecurityModel

/// The ids an import touched, per kind, so the report lists exactly what the files describe.
struct TouchedIds {
    var roles: Set<String> = []
    var profiles: Set<String> = []
    var tables: Set<String> = []
    var businessUnits: Set<String> = []
    var users: Set<String> = []
    var teams: Set<String> = []
    /// Tables created from privilege names alone.
    var inferredTables: Set<String> = []
}

/// Builds report entries by comparing an environment before and after an import.
enum EnvironmentComparison {
    static func entries(before: Environment, after: Environment, touched: TouchedIds) -> [ImportReport.Entry] {
        var out: [ImportReport.Entry] = []
        func add<T: Equatable>(
            _ kind: ImportReport.EntityKind, _ ids: Set<String>, _ old: [String: T], _ new: [String: T],
            name: (T) -> String, details: (T?, T) -> [String]
        ) {
            for id in ids.sorted() {
                guard let n = new[id] else { continue }
                let o = old[id]
                let outcome: ImportReport.Outcome = o == nil ? .added : (o == n ? .unchanged : .updated)
                out.append(.init(kind: kind, id: id, name: name(n), outcome: outcome, details: outcome == .unchanged ? [] : details(o, n)))
            }
        }
        add(.role, touched.roles, before.roles, after.roles, name: \.name, details: roleDetails)
        add(.profile, touched.profiles, before.fieldSecurityProfiles, after.fieldSecurityProfiles, name: \.name, details: profileDetails)
        add(.table, touched.tables, before.tables, after.tables, name: \.logicalName) { o, n in
            var d = tableDetails(o, n)
            if o == nil && touched.inferredTables.contains(n.logicalName) { d.append("inferred from privilege names") }
            return d
        }
        add(.businessUnit, touched.businessUnits, before.businessUnits, after.businessUnits, name: \.name) { o, n in
            guard let o else { return [] }
            return changed([("name", o.name != n.name), ("parent", o.parentId != n.parentId), ("disabled", o.isDisabled != n.isDisabled)])
        }
        add(.team, touched.teams, before.teams, after.teams, name: \.name) { o, n in
            guard let o else { return countNote(n.memberIds.count, "member") + countNote(n.roleIds.count, "role") }
            return setChange("members", o.memberIds, n.memberIds) + setChange("roles", o.roleIds, n.roleIds)
                + changed([
                    ("name", o.name != n.name), ("business unit", o.businessUnitId != n.businessUnitId),
                    ("type", o.type != n.type),
                ])
        }
        add(.user, touched.users, before.users, after.users, name: \.name) { o, n in
            guard let o else { return countNote(n.roleIds.count, "role") }
            return setChange("roles", o.roleIds, n.roleIds)
                + changed([
                    ("name", o.name != n.name), ("business unit", o.businessUnitId != n.businessUnitId),
                    ("disabled", o.isDisabled != n.isDisabled), ("access mode", o.accessMode != n.accessMode),
                    ("licence", o.isLicensed != n.isLicensed),
                ])
        }
        annotateRisk(&out, before: before, after: after)
        return out
    }

    /// Tags added and updated entries with the risk class ``SnapshotDiff`` gives the same object,
    /// so escalations stand out in the summary.
    static func annotateRisk(_ entries: inout [ImportReport.Entry], before: Environment, after: Environment) {
        guard entries.contains(where: { $0.outcome != .unchanged }) else { return }
        let options = DiffOptions(computeImpact: false, explainPaths: false, runChecks: false, matchByName: false)
        let diff = SnapshotDiff.compare(base: before, target: after, options: options)
        var risk: [String: RiskClass] = [:]
        for e in diff.entries { risk[e.kind.rawValue + ":" + e.objectId] = e.risk }
        for i in entries.indices where entries[i].outcome != .unchanged {
            let kind: DiffObjectKind =
                switch entries[i].kind {
                case .role: .role
                case .profile: .fieldSecurityProfile
                case .table: .table
                case .businessUnit: .businessUnit
                case .team: .team
                case .user: .user
                }
            entries[i].risk = risk[kind.rawValue + ":" + entries[i].id] ?? .neutral
        }
    }

    private static func countNote(_ n: Int, _ noun: String) -> [String] {
        n == 0 ? [] : ["\(n) \(noun)\(n == 1 ? "" : "s")"]
    }

    private static func changed(_ fields: [(String, Bool)]) -> [String] {
        let names = fields.filter(\.1).map(\.0)
        return names.isEmpty ? [] : [names.joined(separator: ", ") + " changed"]
    }

    private static func setChange(_ what: String, _ old: Set<String>, _ new: Set<String>) -> [String] {
        let added = new.subtracting(old).count
        let removed = old.subtracting(new).count
        if added == 0 && removed == 0 { return [] }
        return [
            "\(what): "
                + [added > 0 ? "\(added) added" : nil, removed > 0 ? "\(removed) removed" : nil].compactMap { $0 }.joined(separator: ", ")
        ]
    }

    private static func counts(_ added: Int, _ removed: Int, _ changedCount: Int) -> String {
        [
            added > 0 ? "\(added) added" : nil, removed > 0 ? "\(removed) removed" : nil,
            changedCount > 0 ? "\(changedCount) changed" : nil,
        ].compactMap { $0 }.joined(separator: ", ")
    }

    private static func levelChanges(_ old: [String: AccessLevel], _ new: [String: AccessLevel]) -> (Int, Int, Int) {
        var a = 0
        var r = 0
        var c = 0
        for key in Set(old.keys).union(new.keys) {
            let o = old[key] ?? .none
            let n = new[key] ?? .none
            if o == n { continue }
            if o == .none { a += 1 } else if n == .none { r += 1 } else { c += 1 }
        }
        return (a, r, c)
    }

    /// Table privileges flattened to "table.operation" keys, plus miscellaneous and unmapped names.
    static func flatPrivileges(_ role: SecurityRole) -> [String: AccessLevel] {
        var out: [String: AccessLevel] = [:]
        for (table, row) in role.privileges {
            for (op, level) in row.grantedOperations { out["\(table).\(op.snapshotName)"] = level }
        }
        for (k, v) in role.miscPrivileges { out["misc:" + k.lowercased()] = v }
        for (k, v) in role.unmappedPrivileges { out["unmapped:" + k.lowercased()] = v }
        return out
    }

    static func roleDetails(_ old: SecurityRole?, _ new: SecurityRole) -> [String] {
        let newFlat = flatPrivileges(new)
        guard let old else { return countNote(newFlat.count, "privilege") }
        var d: [String] = []
        let (a, r, c) = levelChanges(flatPrivileges(old), newFlat)
        if a + r + c > 0 { d.append("privileges: " + counts(a, r, c)) }
        if old.name != new.name { d.append("renamed from \(quotedName(old.name))") }
        if old.inheritsMemberPrivileges != new.inheritsMemberPrivileges {
            d.append("isinherited \(old.inheritsMemberPrivileges ? 1 : 0) → \(new.inheritsMemberPrivileges ? 1 : 0)")
        }
        d += changed([
            ("customizable", old.isCustomizable != new.isCustomizable),
            ("auto-assigned", old.isAutoAssigned != new.isAutoAssigned),
            (
                "description",
                old.description != new.description || old.appliesTo != new.appliesTo
                    || old.summaryOfCoreTablePermissions != new.summaryOfCoreTablePermissions
            ),
            (
                "isinherited presence",
                old.inheritsMemberPrivilegesKnown != new.inheritsMemberPrivilegesKnown
                    && old.inheritsMemberPrivileges == new.inheritsMemberPrivileges
            ),
            ("business unit", old.businessUnitId != new.businessUnitId),
        ])
        return d
    }

    static func profileDetails(_ old: FieldSecurityProfile?, _ new: FieldSecurityProfile) -> [String] {
        guard let old else { return countNote(new.permissions.count, "column") }
        var a = 0
        var r = 0
        var c = 0
        for key in Set(old.permissions.keys).union(new.permissions.keys) {
            switch (old.permissions[key], new.permissions[key]) {
            case (nil, _?): a += 1
            case (_?, nil): r += 1
            case (let o?, let n?) where o != n: c += 1
            default: break
            }
        }
        var d: [String] = a + r + c > 0 ? ["columns: " + counts(a, r, c)] : []
        if old.name != new.name { d.append("renamed from \(quotedName(old.name))") }
        d += setChange("users", old.userIds, new.userIds) + setChange("teams", old.teamIds, new.teamIds)
        d += changed([("description", old.description != new.description)])
        return d
    }

    static func tableDetails(_ old: Table?, _ new: Table) -> [String] {
        let secured = new.securedColumns.count
        guard let old else {
            return [new.ownership == .organization ? "organization-owned" : "user-owned"] + countNote(secured, "secured column")
        }
        var d: [String] = []
        if old.ownership != new.ownership { d.append("ownership \(old.ownership.snapshotName) → \(new.ownership.snapshotName)") }
        let oldSecured = Set(old.securedColumns.map(\.logicalName))
        let newSecured = Set(new.securedColumns.map(\.logicalName))
        d += setChange("secured columns", oldSecured, newSecured)
        let addedColumns = Set(new.columns.keys).subtracting(old.columns.keys).count
        if addedColumns > 0 { d.append("\(addedColumns) column\(addedColumns == 1 ? "" : "s") added") }
        d += changed([("schema name", old.schemaName != new.schemaName), ("display name", old.displayName != new.displayName)])
        return d
    }
}
