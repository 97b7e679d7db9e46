import SecurityModel

extension WebAPIImporter {
    /// A role from `roles.json` over the one the snapshot has: privileges stay (they come from
    /// `roleprivileges.json`), and so does every attribute the query did not select.
    static func mergedRole(_ row: WebAPIRoleRow, old: SecurityRole?) -> SecurityRole {
        let new = row.role
        guard var role = old else { return new }
        func take<T>(_ column: String, _ keyPath: WritableKeyPath<SecurityRole, T>) {
            if row.columns.contains(column) { role[keyPath: keyPath] = new[keyPath: keyPath] }
        }
        role.name = new.name
        role.businessUnitId = new.businessUnitId
        take("_roletemplateid_value", \.templateId)
        if row.columns.contains("isinherited") {
            role.inheritsMemberPrivileges = new.inheritsMemberPrivileges
            role.inheritsMemberPrivilegesKnown = true
        }
        take("isautoassigned", \.isAutoAssigned)
        take("iscustomizable", \.isCustomizable)
        take("ismanaged", \.isManaged)
        take("appliesto", \.appliesTo)
        take("description", \.description)
        take("summaryofcoretablepermissions", \.summaryOfCoreTablePermissions)
        return role
    }

    /// Upserts business units. When the payloads bring a root and the snapshot's root is not in
    /// them (a placeholder made by a solution import), everything under the old root moves to
    /// the new one and the old root goes.
    static func mergeBusinessUnits(
        _ p: WebAPIPayloads, into env: inout Environment, touched: inout TouchedIds,
        warnings: inout [ImportWarning]
    ) {
        guard let units = p.businessUnits else { return }
        let oldRoot = env.rootBusinessUnit
        for bu in units {
            env.businessUnits[bu.id] = bu
            touched.businessUnits.insert(bu.id)
        }
        guard let old = oldRoot, !touched.businessUnits.contains(old.id),
            let newRoot = units.first(where: { $0.parentId == nil })
        else { return }
        for (id, var bu) in env.businessUnits where bu.parentId == old.id {
            bu.parentId = newRoot.id
            env.businessUnits[id] = bu
        }
        for (id, var u) in env.users where u.businessUnitId == old.id {
            u.businessUnitId = newRoot.id
            env.users[id] = u
        }
        for (id, var t) in env.teams where t.businessUnitId == old.id {
            t.businessUnitId = newRoot.id
            env.teams[id] = t
        }
        for (id, var r) in env.roles where r.businessUnitId == old.id {
            r.businessUnitId = newRoot.id
            env.roles[id] = r
        }
        env.businessUnits[old.id] = nil
        // The placeholder a new environment starts with (ImportTarget.newEnvironment) is no one's
        // unit: replacing it is the documented flow, not news (a new snapshot said its root
        // "was replaced").
        guard old.id != DeterministicID.guid("businessunit:" + old.name) else { return }
        warnings.append(
            ImportWarning(
                file: p.source + "/" + WebAPIFile.businessUnits.fileName,
                message: "the snapshot's root business unit '\(old.name)' is not in the payloads; it was replaced by '\(newRoot.name)'"))
    }

    /// Replaces the privileges of every role that has rows (and of every root role in
    /// `roles.json`), mapping names through the same table as solution import.
    static func mergeRolePrivileges(
        _ rows: [WebAPIRolePrivilege], names: [String: String], _ p: WebAPIPayloads, root: (String) -> String,
        into env: inout Environment, touched: inout TouchedIds, warnings: inout [ImportWarning], skip: (String) -> Void
    ) {
        var byRole: [String: [(name: String, level: AccessLevel, line: Int?)]] = [:]
        var seen: [String: Set<String>] = [:]
        for r in rows {
            let roleId = root(r.roleId)
            guard env.roles[roleId] != nil else {
                skip("role privileges (unknown role)")
                continue
            }
            guard let name = names[r.privilegeId] else {
                skip("role privileges (privilege not in privileges.json)")
                continue
            }
            if seen[roleId, default: []].insert(name.lowercased()).inserted {
                byRole[roleId, default: []].append((name, r.level, nil))
            } else if let i = byRole[roleId]?.firstIndex(where: { $0.name.lowercased() == name.lowercased() }),
                let existing = byRole[roleId]?[i], r.level > existing.level
            {
                byRole[roleId]?[i].level = r.level
            }
        }
        let map = PrivilegeNameMap(tables: env.tables.values)
        var overrides: [String: PrivilegeMeaning] = [:]
        if let tables = p.privilegeTables {
            for (id, logical) in tables {
                guard let name = names[id] else { continue }
                if logical == "none" || logical.isEmpty {
                    overrides[name.lowercased()] = .miscellaneous
                    continue
                }
                let op = p.privilegeAccessRights[id].flatMap { right in TableOperation.allCases.first { $0.accessRight == right } }
                guard let table = map.table(logicalName: logical) ?? env.tables[logical],
                    let operation = op ?? { if case .table(_, let o, _) = map.meaning(of: name) { return o } else { return nil } }()
                else { continue }
                overrides[name.lowercased()] = .table(table, operation, inferred: false)
            }
        }
        let described = Set(byRole.keys).union((p.roles ?? []).filter { $0.rootId == $0.role.id }.map(\.role.id))
        for id in described.sorted() {
            guard var role = env.roles[id] else { continue }
            let resolved = SolutionImporter.resolvePrivileges(
                byRole[id] ?? [], roleName: role.name, file: p.source + "/" + WebAPIFile.rolePrivileges.fileName, names: map,
                overrides: overrides, env: &env, touched: &touched, warnings: &warnings)
            role.privileges = resolved.rows
            role.miscPrivileges = resolved.misc
            role.unmappedPrivileges = resolved.unmapped
            env.roles[id] = role
            touched.roles.insert(id)
        }
    }

    static func mergeProfiles(
        _ p: WebAPIPayloads, unsecured: [ColumnReference: String] = [:], into env: inout Environment, touched: inout TouchedIds,
        warnings: inout [ImportWarning], skip: (String) -> Void
    ) {
        for incoming in p.profiles ?? [] {
            var profile = env.fieldSecurityProfiles[incoming.id] ?? incoming
            profile.name = incoming.name
            profile.description = incoming.description
            env.fieldSecurityProfiles[profile.id] = profile
            touched.profiles.insert(profile.id)
        }
        let listed = p.profiles.map { Set($0.map(\.id)) }
        if let rows = p.fieldPermissions {
            var byProfile: [String: [ColumnReference: ColumnPermission]] = [:]
            for r in rows {
                guard let profile = env.fieldSecurityProfiles[r.profileId] else {
                    skip("field permissions (unknown profile)")
                    continue
                }
                guard
                    SolutionImporter.ensureSecuredColumn(
                        r.column, profileName: profile.name, file: r.file, line: nil, unsecuredBy: unsecured[r.column],
                        in: &env, touched: &touched, warnings: &warnings)
                else { continue }
                byProfile[r.profileId, default: [:]][r.column] = r.permission
            }
            for id in (listed ?? Set(byProfile.keys)).sorted() {
                guard var profile = env.fieldSecurityProfiles[id] else { continue }
                profile.permissions = byProfile[id] ?? [:]
                env.fieldSecurityProfiles[id] = profile
                touched.profiles.insert(id)
            }
        }
        func members(_ links: [WebAPILink]?, users: Bool) {
            guard let links else { return }
            var byProfile: [String: Set<String>] = [:]
            for l in links {
                let known = users ? env.users[l.from] != nil : env.teams[l.from] != nil
                guard known else {
                    skip(users ? "profile members (unknown user)" : "profile members (unknown team)")
                    continue
                }
                guard env.fieldSecurityProfiles[l.to] != nil else {
                    skip("profile members (unknown profile)")
                    continue
                }
                byProfile[l.to, default: []].insert(l.from)
            }
            for id in (listed ?? Set(byProfile.keys)).sorted() {
                guard var profile = env.fieldSecurityProfiles[id] else { continue }
                if users { profile.userIds = byProfile[id] ?? [] } else { profile.teamIds = byProfile[id] ?? [] }
                env.fieldSecurityProfiles[id] = profile
                touched.profiles.insert(id)
            }
        }
        members(p.userProfiles, users: true)
        members(p.teamProfiles, users: false)
    }

    /// A group team whose Entra group is not in the snapshot and whose cached membership is
    /// empty gets an empty Entra group, so the snapshot stays valid and says what is known:
    /// no member has signed in yet.
    static func ensureGroupTeamsResolvable(_ env: inout Environment, touched: TouchedIds, warnings: inout [ImportWarning]) {
        for id in touched.teams.sorted() {
            guard let t = env.teams[id], t.type.isGroupTeam, let gid = t.entraGroupId, env.entraGroups[gid] == nil,
                t.memberIds.isEmpty
            else { continue }
            env.entraGroups[gid] = EntraGroup(id: gid, name: t.name)
            warnings.append(
                ImportWarning(
                    file: "",
                    message:
                        "group team '\(t.name)': Entra group {\(gid)} is not in the snapshot and Dataverse lists no members; added as an empty group (import an Entra snapshot to resolve members)"
                ))
        }
    }
}
