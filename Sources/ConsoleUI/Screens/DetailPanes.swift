import SecurityModel
import TerminalCore

/// The "Details" column of the browser: facts about the selection, as Dataverse names them.
enum DetailPanes {
    static func block(for pane: Pane, id: String, env: Environment, counts: EnvironmentCounts?, width: Int, palette: Palette) -> TextBlock {
        switch pane {
        case .users: user(id, env: env, width: width, palette: palette)
        case .teams: team(id, env: env, width: width, palette: palette)
        case .roles: role(id, env: env, counts: counts, width: width, palette: palette)
        case .businessUnits: businessUnit(id, env: env, counts: counts, width: width, palette: palette)
        case .profiles: profile(id, env: env, width: width, palette: palette)
        case .tables: table(id, env: env, width: width, palette: palette)
        }
    }

    static func fact(_ label: String, _ value: String, _ palette: Palette, style: Style? = nil) -> [(String, Style)] {
        [(label + " ", palette[.dim]), (value, style ?? palette[.normal])]
    }

    static func bullet(_ palette: Palette) -> String { palette.glyphs.bullet + " " }

    /// `… 12 more`, after a list cut at `shown` items, so a count in a heading is never
    /// contradicted silently by the lines under it.
    static func more(_ count: Int, shown: Int, into b: inout TextBlock, palette: Palette) {
        guard count > shown else { return }
        b.add("\(palette.glyphs.ellipsis) \(count - shown) more", palette[.dim], indent: 1)
    }

    static func user(_ id: String, env: Environment, width: Int, palette: Palette) -> TextBlock {
        var b = TextBlock()
        guard let user = env.users[id] else { return b }
        b.add(user.name, palette[.title])
        if !user.domainName.isEmpty { b.add(user.domainName, palette[.dim]) }
        if let title = user.title { b.add(title, palette[.dim]) }
        b.blank()
        b.add(fact("Business unit", env.businessUnitPath(user.businessUnitId), palette))
        b.add(fact("Access mode", user.accessMode.label, palette))
        if let manager = user.managerId { b.add(fact("Manager", Labels.user(manager, env), palette)) }
        let teams = env.teams(of: user)
        let holdings = env.roleHoldings(of: user, teams: teams)
        let dormancy = env.dormancy(of: user, holdings: holdings)
        if dormancy.isEmpty {
            b.add(
                fact(
                    "Status",
                    "Enabled · "
                        + (user.isApplicationUser
                            ? "application user" + (Dormancy.noLicenceNeeded(by: user).map { " · " + $0 } ?? "")
                            : Dormancy.noLicenceNeeded(by: user) ?? "licensed"),
                    palette,
                    style: palette[.success]))
        } else {
            b.add("Dormant: grants exist but give no access", palette[.warning])
            for d in dormancy {
                b.addWrapped(bullet(palette) + d.label + (d.isInferred ? " [I]" : ""), palette[.dormant], width: width, indent: 1)
            }
        }
        b.blank()
        b.add("Security roles (direct)", palette[.header])
        let direct = user.roleIds.compactMap { env.roles[$0] }.sortedByName(\.name, id: \.id)
        if direct.isEmpty { b.add("none", palette[.dim], indent: 1) }
        for r in direct {
            b.addWrapped(
                bullet(palette) + r.name + copySuffix(r, named: user.roleBusinessUnitIds[r.id], holderUnit: user.businessUnitId, env),
                r.isSystemAdministrator ? palette[.warning] : palette[.normal], width: width, indent: 1)
        }
        b.add("Teams", palette[.header])
        if teams.isEmpty { b.add("none", palette[.dim], indent: 1) }
        for t in teams {
            let kind = t.isDefault ? "default team" : t.type.label
            let roles = t.type.holdsRoles ? t.roleIds.compactMap { env.roles[$0]?.name }.sorted() : []
            b.addWrapped(
                bullet(palette) + "\(t.name) (\(kind))" + (roles.isEmpty ? "" : " → " + roles.joined(separator: ", ")),
                palette[.normal], width: width, indent: 1)
        }
        let profiles = env.sortedProfiles.filter { p in p.userIds.contains(id) || teams.contains { p.teamIds.contains($0.id) } }
        b.add("Field security profiles", palette[.header])
        if profiles.isEmpty { b.add("none", palette[.dim], indent: 1) }
        for p in profiles {
            b.add(bullet(palette) + p.name + (p.userIds.contains(id) ? "" : " (through a team)"), palette[.normal], indent: 1)
        }
        b.blank()
        b.addWrapped(
            "Enter effective access · a assign role · x remove · t team · b business unit · f profile · d disable · m mode"
                + (env.settings.modernizedBusinessUnits ? " · c role copy" : "") + " · J/K scroll",
            palette[.dim], width: width)
        return b
    }

    /// Which unit's copy of a role a user or team holds, when it is not their own unit's: named
    /// by the snapshot, or read by default with modernized business units ([I]); with classic
    /// business units a copy named is not used, and said so.
    static func copySuffix(_ role: SecurityRole, named: String?, holderUnit: String, _ env: Environment) -> String {
        guard env.settings.modernizedBusinessUnits else {
            guard let named, named != holderUnit else { return "" }
            return " · names \(env.businessUnitPath(named))'s copy, not used: classic business units"
        }
        let unit = env.assignedCopyBusinessUnitId(of: role, principalBusinessUnitId: holderUnit, heldCopy: named)
        if named != nil { return " · copy of \(env.businessUnitPath(unit))" }
        return unit == holderUnit ? "" : " · copy of \(env.businessUnitPath(unit)) [I]"
    }

    static func team(_ id: String, env: Environment, width: Int, palette: Palette) -> TextBlock {
        var b = TextBlock()
        guard let team = env.teams[id] else { return b }
        b.add(team.name, palette[.title])
        b.add(fact("Type", team.isDefault ? "\(team.type.label) (default team of its business unit)" : team.type.label, palette))
        b.add(fact("Business unit", env.businessUnitPath(team.businessUnitId), palette))
        if let gid = team.entraGroupId {
            b.add(fact("Entra group", Labels.group(gid, env) + (env.entraGroups[gid] == nil ? " (not in the snapshot)" : ""), palette))
            b.add(fact("Membership", (team.membershipType ?? .membersAndGuests).label, palette))
        }
        if !team.type.holdsRoles {
            b.addWrapped("Access team: holds no roles, only receives record shares", palette[.dim], width: width)
        }
        b.blank()
        b.add("Security roles", palette[.header])
        let roles = team.roleIds.compactMap { env.roles[$0] }.sortedByName(\.name, id: \.id)
        if roles.isEmpty { b.add("none", palette[.dim], indent: 1) }
        for r in roles {
            let inherit = r.inheritsMemberPrivileges ? "" : " (team privileges only)"
            b.addWrapped(
                bullet(palette) + r.name + inherit
                    + copySuffix(r, named: team.roleBusinessUnitIds[r.id], holderUnit: team.businessUnitId, env),
                palette[.normal], width: width, indent: 1)
        }
        if team.isDefault {
            b.add("Members: every user of the business unit", palette[.header])
        } else {
            let members = env.members(of: team).compactMap { env.users[$0] }.sortedByName(\.name, id: \.id)
            b.add("Members (\(members.count))", palette[.header])
            for m in members.prefix(50) { b.add(bullet(palette) + m.name, palette[.normal], indent: 1) }
            more(members.count, shown: 50, into: &b, palette: palette)
        }
        b.blank()
        // Only keys the team takes (found by a review: a group or default team offered "+ add
        // member", then refused): members of a group team come from its Entra group, those of a
        // default team from its business unit; an access team holds no role.
        let fixedMembers = team.isDefault || team.type.isGroupTeam
        let keys =
            ["Enter team's access"] + (team.type.holdsRoles ? ["a assign role"] : [])
            + (team.type.holdsRoles && env.settings.modernizedBusinessUnits ? ["c role copy"] : [])
            + (fixedMembers ? ["x remove a role"] : ["+ add member", "x remove"])
        b.addWrapped(keys.joined(separator: " · "), palette[.dim], width: width)
        if team.type.isGroupTeam {
            b.addWrapped("Members come from the Entra group: change them there", palette[.dim], width: width)
        }
        return b
    }

    static func role(_ id: String, env: Environment, counts: EnvironmentCounts?, width: Int, palette: Palette) -> TextBlock {
        var b = TextBlock()
        guard let role = env.roles[id] else { return b }
        b.add(role.name, palette[.title])
        if role.isSystemAdministrator {
            b.addWrapped("System Administrator: every privilege at Organization; not editable", palette[.warning], width: width)
        }
        b.add(fact("Business unit", env.businessUnitPath(role.businessUnitId), palette))
        // It cannot be set on System Administrator (DATAVERSE.md §1.4): no value, no key.
        b.addWrapped(
            "Member's privilege inheritance: "
                + (role.isSystemAdministrator
                    ? "cannot be set on System Administrator"
                    : ChangeDescription.inheritanceLabel(role.inheritsMemberPrivileges)
                        + (role.inheritsMemberPrivilegesKnown ? "" : " (not in the file: the default)")),
            role.isSystemAdministrator ? palette[.dim] : palette[.normal], width: width)
        if let d = role.description { b.addWrapped(d, palette[.dim], width: width) }
        b.blank()
        b.add(fact("Tables with privileges", role.isSystemAdministrator ? "all" : "\(role.privileges.count)", palette))
        b.add(
            fact(
                "Miscellaneous privileges",
                role.isSystemAdministrator ? "all (\(MiscellaneousPrivilegeNames.known.count) known)" : "\(role.miscPrivileges.count)",
                palette))
        let teams = env.sortedTeams.filter { $0.roleIds.contains(id) }
        if let users = counts?.directHolders[id, default: 0] {
            b.add(fact("Held directly by", "\(users) user\(users == 1 ? "" : "s") · H lists all", palette))
        }
        b.add("Held by teams (\(teams.count))", palette[.header])
        for t in teams.prefix(50) { b.add(bullet(palette) + t.name, palette[.normal], indent: 1) }
        more(teams.count, shown: 50, into: &b, palette: palette)
        b.blank()
        b.addWrapped(
            role.isSystemAdministrator
                ? "Enter privileges (not editable) · H holders" : "Enter role editor · H holders · i member privilege inheritance",
            palette[.dim], width: width)
        return b
    }

    static func businessUnit(_ id: String, env: Environment, counts: EnvironmentCounts?, width: Int, palette: Palette) -> TextBlock {
        var b = TextBlock()
        guard let bu = env.businessUnits[id] else { return b }
        b.add(bu.name, palette[.title])
        b.addWrapped(env.businessUnitPath(id), palette[.dim], width: width)
        if bu.parentId == nil { b.add("Root business unit (cannot be deleted)", palette[.dim]) }
        if bu.isDisabled {
            b.addWrapped("Disabled: its users, and those of the units below it, can't sign in", palette[.warning], width: width)
        } else if let above = env.disablingBusinessUnit(of: id) {
            b.addWrapped("Under disabled business unit \(above.name): its users can't sign in", palette[.warning], width: width)
        }
        b.blank()
        if let users = counts?.usersPerBusinessUnit[id, default: 0] { b.add(fact("Users", "\(users)", palette)) }
        let children = env.childBusinessUnits(of: id)
        b.add(fact("Child business units", "\(children.count)", palette))
        let teams = env.sortedTeams.filter { $0.businessUnitId == id }
        b.add("Teams (\(teams.count))", palette[.header])
        for t in teams.prefix(50) { b.add(bullet(palette) + t.name + (t.isDefault ? " (default)" : ""), palette[.normal], indent: 1) }
        more(teams.count, shown: 50, into: &b, palette: palette)
        let roles = env.sortedRoles.filter { $0.businessUnitId == id }
        b.add("Roles created here (\(roles.count))", palette[.header])
        for r in roles.prefix(50) { b.add(bullet(palette) + r.name, palette[.normal], indent: 1) }
        more(roles.count, shown: 50, into: &b, palette: palette)
        b.blank()
        b.addWrapped("Enter or Space folds the tree", palette[.dim], width: width)
        return b
    }

    static func profile(_ id: String, env: Environment, width: Int, palette: Palette) -> TextBlock {
        var b = TextBlock()
        guard let p = env.fieldSecurityProfiles[id] else { return b }
        b.add(p.name, palette[.title])
        if let d = p.description { b.addWrapped(d, palette[.dim], width: width) }
        if p.isSystemAdministratorProfile {
            b.addWrapped("Built in: holds every secured column", palette[.dim], width: width)
        }
        b.blank()
        let permissions = env.columnPermissions(of: p)
        b.add("Column permissions (\(permissions.count))", palette[.header])
        for (ref, perm) in permissions.sorted(by: { $0.key < $1.key }).prefix(50) {
            b.addWrapped(
                bullet(palette) + ref.description + ": " + ChangeDescription.permissionLabel(perm), palette[.normal],
                width: width, indent: 1)
        }
        more(permissions.count, shown: 50, into: &b, palette: palette)
        b.add("Members", palette[.header])
        let teams = p.teamIds.compactMap { env.teams[$0]?.name }.sorted()
        let users = p.userIds.compactMap { env.users[$0]?.name }.sorted()
        if teams.isEmpty && users.isEmpty { b.add("none", palette[.dim], indent: 1) }
        for t in teams.prefix(50) { b.add(bullet(palette) + "team " + t, palette[.normal], indent: 1) }
        more(teams.count, shown: 50, into: &b, palette: palette)
        for u in users.prefix(50) { b.add(bullet(palette) + u, palette[.normal], indent: 1) }
        more(users.count, shown: 50, into: &b, palette: palette)
        b.blank()
        b.addWrapped("Enter permissions · + add member · x remove member", palette[.dim], width: width)
        return b
    }

    static func table(_ id: String, env: Environment, width: Int, palette: Palette) -> TextBlock {
        var b = TextBlock()
        guard let t = env.tables[id] else { return b }
        b.add(t.displayName, palette[.title])
        b.add(fact("Logical name", t.logicalName, palette))
        b.add(fact("Schema name", t.schemaName, palette))
        b.add(fact("Ownership", t.ownership.label, palette))
        b.add(fact("Custom", t.isCustom ? "yes" : "no", palette))
        if t.ownership == .organization {
            b.addWrapped(
                "Organization-owned: a role grants only None or Organization, and there is no Assign or Share",
                palette[.dim], width: width)
        }
        b.blank()
        let columns = t.columns.values.sorted { $0.logicalName < $1.logicalName }
        b.add("Columns (\(columns.count)); secured ones marked", palette[.header])
        for c in columns.prefix(50) {
            b.add(
                [
                    (bullet(palette) + c.logicalName, c.isSecured ? palette[.secured] : palette[.normal]),
                    (c.isSecured ? "  secured" : "", palette[.secured]),
                ], indent: 1)
        }
        more(columns.count, shown: 50, into: &b, palette: palette)
        b.blank()
        b.addWrapped("Enter who can … on this table", palette[.dim], width: width)
        return b
    }
}

/// The third browser column on wide terminals.
enum PreviewPane {
    static func draw(_ state: AppState, env: Environment, into buffer: inout ScreenBuffer, rect: Rect, palette: Palette) {
        let rows = ListState(rows: state.catalog?.tables.ids ?? [])
        let visible = Layout.dataRows(in: rect)
        let legend = LevelMatrix.legend(palette: palette, long: false)
        switch state.pane {
        case .roles:
            guard let id = state.selectedId, let role = env.roles[id] else {
                return buffer.panel(rect, title: "Privileges", palette: palette)
            }
            let matrix = LevelMatrix(
                title: "Privileges of \(role.name)", rows: rows, visibleRows: visible,
                level: { table, op in level(env: env, table: table, op: op) { role.level(op, on: table) } },
                cursorColumn: nil, focused: false)
            matrix.draw(into: &buffer, rect: rect, palette: palette, footer: legend)
        case .users, .teams:
            guard let preview = state.preview else { return buffer.panel(rect, title: "Effective access", palette: palette) }
            let name =
                preview.principal == .user(preview.principal.id)
                ? Labels.user(preview.principal.id, env)
                : "team " + Labels.team(preview.principal.id, env)
            let title = "Effective access of \(name)" + (preview.isDormant ? " (dormant: granted, not effective)" : "")
            let matrix = LevelMatrix(
                title: title, rows: rows, visibleRows: visible,
                level: { table, op in
                    level(env: env, table: table, op: op) {
                        let row = preview.rows[table]
                        return (preview.isDormant ? row?.grantedLevels[op] : row?.levels[op]) ?? .none
                    }
                },
                cursorColumn: nil, focused: false, dormant: preview.isDormant)
            matrix.draw(into: &buffer, rect: rect, palette: palette, footer: legend)
        default:
            buffer.panel(rect, title: "Legend", palette: palette, focused: false)
            var b = TextBlock()
            b.add("Access levels, as the Dataverse role editor draws them", palette[.header])
            for level in AccessLevel.allCases {
                b.add(
                    [
                        (palette.glyphs.accessLevel(Int(level.rawValue)) + " ", palette.level(Int(level.rawValue))),
                        (level.label + (level.solutionName.map { " (\($0))" } ?? ""), palette[.normal]),
                    ], indent: 1)
            }
            b.add([("·  ", palette[.dim]), ("the operation does not exist on the table", palette[.dim])], indent: 1)
            b.blank()
            b.addWrapped(
                "[I] marks a rule dvsec infers from the documentation rather than reads in it.", palette[.inferred],
                width: rect.width - 4)
            b.draw(into: &buffer, rect: rect.inset(by: 1).inset(x: 1), palette: palette)
        }
    }

    /// The level to draw, or nil where the operation does not exist on the table.
    static func level(env: Environment, table: String, op: TableOperation, _ value: () -> AccessLevel) -> AccessLevel? {
        guard let t = env.tables[table] else { return nil }
        if t.ownership.allowedLevels(for: op).count <= 1 { return nil }
        return value()
    }
}
