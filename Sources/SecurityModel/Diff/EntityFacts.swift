/// The facts of each kind of object, read from the environment that holds it (names of referenced
/// objects come from that same environment).
extension Environment {
    func settingsFacts() -> [Fact] {
        let s = settings
        var out: [Fact] = [
            Fact(.name, .text(s.name)), Fact(.environmentType, .text(s.type.label)), Fact(.region, .text(s.region)),
            Fact(.adminMode, .flag(s.adminMode)), Fact(.modernizedBusinessUnits, .flag(s.modernizedBusinessUnits)),
            Fact(.auditing, .flag(s.auditingEnabled)),
        ]
        if let g = s.securityGroupId { out.append(Fact(.securityGroup, .reference(id: g, display: entraGroups[g]?.name ?? g))) }
        return out
    }

    func facts(of bu: BusinessUnit) -> [Fact] {
        var out = [Fact(.name, .text(bu.name)), Fact(.disabled, .flag(bu.isDisabled))]
        if let p = bu.parentId {
            out.append(Fact(.parentBusinessUnit, .reference(id: p, display: businessUnitPath(p))))
        }
        return out
    }

    /// - Parameter privileges: list the table privileges (one fact per granted cell); the
    ///   comparer compares them a row at a time instead.
    func facts(of role: SecurityRole, privileges: Bool = true) -> [Fact] {
        var out = [
            Fact(.name, .text(role.name)),
            Fact(.businessUnit, .reference(id: role.businessUnitId, display: businessUnitPath(role.businessUnitId))),
            Fact(.memberPrivilegeInheritance, .flag(role.inheritsMemberPrivileges)),
            Fact(.managed, .flag(role.isManaged)),
        ]
        // One spelling of the GUID (braces and case are not a change).
        if let t = role.normalizedTemplateId { out.append(Fact(.template, .text(role.builtIn?.rawValue ?? t))) }
        if let d = role.description { out.append(Fact(.description, .text(d))) }
        if let s = role.summaryOfCoreTablePermissions { out.append(Fact(.summaryOfCoreTablePermissions, .text(s))) }
        if let c = role.isCustomizable { out.append(Fact(.customizable, .flag(c))) }
        if let a = role.isAutoAssigned { out.append(Fact(.autoAssigned, .flag(a))) }
        if let a = role.appliesTo { out.append(Fact(.appliesTo, .text(a))) }
        for (table, row) in role.privileges where privileges {
            for (op, level) in row.grantedOperations {
                out.append(
                    Fact(
                        .privilege, .level(level), key: table + "|" + op.snapshotName, subject: "\(table) \(op.label)",
                        table: table, operation: op))
            }
        }
        for (name, level) in role.miscPrivileges where level > .none {
            out.append(Fact(.miscPrivilege, .level(level), key: name.lowercased(), subject: name))
        }
        for (name, level) in role.unmappedPrivileges where level > .none {
            out.append(Fact(.unmappedPrivilege, .level(level), key: name.lowercased(), subject: name))
        }
        return out
    }

    func facts(of user: User) -> [Fact] {
        var out = [
            Fact(.name, .text(user.name)), Fact(.domainName, .text(user.domainName)),
            Fact(.businessUnit, .reference(id: user.businessUnitId, display: businessUnitPath(user.businessUnitId))),
            Fact(.disabled, .flag(user.isDisabled)),
            // A line to or from access mode Read says the inferred rule it brings or lifts; to or
            // from Support User or Delegated Admin, that they are read as Read-Write [I] (found
            // by a domain review: unlabelled in the diff while `effective` said it).
            Fact(.accessMode, .text(user.accessMode.label), note: user.accessMode.inferredRule),
            Fact(.licensed, .flag(user.isLicensed)), Fact(.applicationUser, .flag(user.isApplicationUser)),
        ]
        if let m = user.managerId {
            out.append(
                Fact(
                    .manager, .reference(id: m, display: users[m]?.name ?? m),
                    note: "hierarchy security is not evaluated"))
        }
        if let t = user.title { out.append(Fact(.title, .text(t))) }
        for r in user.roleIds { out.append(.relation(.role, id: r, name: roles[r]?.name ?? r)) }
        out += roleCopyFacts(user.roleBusinessUnitIds)
        return out
    }

    /// The units of the role copies a user or team holds where the snapshot names them.
    func roleCopyFacts(_ copies: [String: String]) -> [Fact] {
        copies.map { role, unit in
            Fact(
                .roleCopy, .reference(id: unit, display: businessUnitPath(unit)), key: role, subject: roles[role]?.name ?? role,
                subjectId: role,
                note: settings.modernizedBusinessUnits ? nil : "not used: with classic business units the holder's own unit's copy is held")
        }
    }

    func facts(of team: Team) -> [Fact] {
        var out = [
            Fact(.name, .text(team.name)),
            Fact(.businessUnit, .reference(id: team.businessUnitId, display: businessUnitPath(team.businessUnitId))),
            Fact(.teamType, .text(team.type.label)), Fact(.defaultTeam, .flag(team.isDefault)),
        ]
        if let g = team.entraGroupId { out.append(Fact(.entraGroup, .reference(id: g, display: entraGroups[g]?.name ?? g))) }
        if let m = team.membershipType { out.append(Fact(.membershipType, .text(m.label))) }
        for r in team.roleIds { out.append(.relation(.role, id: r, name: roles[r]?.name ?? r)) }
        out += roleCopyFacts(team.roleBusinessUnitIds)
        // Default teams hold every user of their business unit: the users' business-unit lines say it.
        if !team.isDefault {
            let resolved = team.type.isGroupTeam && team.entraGroupId.map { entraGroups[$0] != nil } == true
            for u in members(of: team) {
                out.append(.relation(.member, id: u, name: users[u]?.name ?? u, note: resolved ? "through the Entra group" : nil))
            }
            // The file's list for a group team is Dataverse's cache (users who signed in): a
            // change to it is in the file, and said, but access follows the group.
            if resolved {
                for u in team.memberIds {
                    out.append(
                        .relation(.cachedMember, id: u, name: users[u]?.name ?? u, note: "not used: access follows the Entra group"))
                }
            }
        }
        return out
    }

    func facts(of table: Table) -> [Fact] {
        var out = [
            Fact(.displayName, .text(table.displayName)), Fact(.schemaName, .text(table.schemaName)),
            Fact(.ownership, .text(table.ownership.label)), Fact(.custom, .flag(table.isCustom)),
        ]
        for c in table.columns.values {
            let ref = ColumnReference(table: table.logicalName, column: c.logicalName)
            out.append(
                Fact(
                    .column, .text(c.isSecured ? "secured" : "not secured"), key: c.logicalName, subject: c.logicalName,
                    table: table.logicalName, column: ref))
            // A relabelled column is a rename: "Credit Limit" shown as "Public Notes" on forms,
            // and what the checks read. A fact only when the label is not the logical name, as a
            // snapshot writes it, so a new table's columns do not each get a second line.
            if c.displayName != c.logicalName {
                out.append(
                    Fact(
                        .columnDisplayName, .text(c.displayName), key: c.logicalName, subject: c.logicalName, table: table.logicalName,
                        column: ref))
            }
        }
        return out
    }

    func facts(of profile: FieldSecurityProfile) -> [Fact] {
        var out = [Fact(.name, .text(profile.name))]
        if let d = profile.description { out.append(Fact(.description, .text(d))) }
        for (ref, p) in profile.permissions {
            for kind in [ColumnPermissionKind.read, .create, .update] where p.allows(kind) {
                out.append(
                    Fact(
                        .columnPermission, .flag(true), key: ref.description + "|" + kind.rawValue,
                        subject: "\(ref.description) \(kind.label)", table: ref.table, column: ref, permission: kind))
            }
            if p.canReadUnmasked != .notAllowed {
                out.append(
                    Fact(
                        .columnPermission, .rank(p.canReadUnmasked.rawValue, p.canReadUnmasked.label),
                        key: ref.description + "|readUnmasked", subject: "\(ref.description) Read unmasked",
                        table: ref.table, column: ref, permission: .readUnmasked))
            }
        }
        for u in profile.userIds { out.append(.relation(.profileUser, id: u, name: users[u]?.name ?? u)) }
        for t in profile.teamIds { out.append(.relation(.profileTeam, id: t, name: teams[t]?.name ?? t)) }
        return out
    }

    func facts(of group: EntraGroup) -> [Fact] {
        var out = [Fact(.name, .text(group.name))]
        for (u, m) in group.members {
            let kind = (m.isGuest ? "guest" : "member") + (m.isOwner ? ", owner" : "")
            out.append(Fact(.member, .text(kind), key: u, subject: users[u]?.name ?? u, subjectId: u))
        }
        return out
    }
}
