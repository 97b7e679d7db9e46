import SecurityModel

/// Names for ids, as the screens and messages show them (the id itself when the entity is gone).
enum Labels {
    static func user(_ id: String, _ env: Environment?) -> String { env?.users[id]?.name ?? id }
    static func team(_ id: String, _ env: Environment?) -> String { env?.teams[id]?.name ?? id }
    static func role(_ id: String, _ env: Environment?) -> String { env?.roles[id]?.name ?? id }
    static func businessUnit(_ id: String, _ env: Environment?) -> String { env?.businessUnits[id]?.name ?? id }
    static func profile(_ id: String, _ env: Environment?) -> String { env?.fieldSecurityProfiles[id]?.name ?? id }
    static func group(_ id: String, _ env: Environment?) -> String { env?.entraGroups[id]?.name ?? id }

    /// What an empty list says when a filter is what empties it: `No neutral change matches
    /// "Test"`. "No neutral change (r: next class)" read as if there were none (found by a
    /// console review).
    static func noMatch(_ what: String, filter: String) -> String { "No \(what) matches \"\(filter)\"" }

    /// The environment's type as the console shows it. A solution folder has none: its import
    /// makes a Sandbox environment to hold it (`ImportTarget.newEnvironment`), which the snapshot
    /// keeps, but "Sandbox" would say it came from one; `long` adds that it is read-only.
    static func environmentType(_ env: Environment, _ document: Document, long: Bool = true) -> String {
        guard case .solutionFolder = document.source else { return env.type.label }
        return long ? "solution folder, read-only" : "solution folder"
    }

    /// The main text and the detail column of a picker item.
    static func describe(_ item: PickerItem, in env: Environment?) -> (label: String, detail: String) {
        switch item.kind {
        case .user:
            let user = env?.users[item.id]
            return (user?.name ?? item.id, "user · " + (user.map { businessUnit($0.businessUnitId, env) } ?? ""))
        case .team:
            let team = env?.teams[item.id]
            return (team?.name ?? item.id, "team · " + (team.map { "\($0.type.label), \(businessUnit($0.businessUnitId, env))" } ?? ""))
        case .role:
            let role = env?.roles[item.id]
            return (role?.name ?? item.id, "role · " + (role.map { businessUnit($0.businessUnitId, env) } ?? ""))
        case .businessUnit:
            return (businessUnit(item.id, env), env?.businessUnitPath(item.id) ?? "")
        case .profile:
            return (profile(item.id, env), "field security profile")
        case .entraGroup:
            return (group(item.id, env), "Entra group · \(env?.entraGroups[item.id]?.members.count ?? 0) members")
        case .table:
            let table = env?.tables[item.id]
            return (item.id, table.map { "\($0.displayName) · \($0.ownership.label)\($0.isCustom ? " · custom" : "")" } ?? "")
        case .column:
            guard let ref = ColumnReference(rowId: item.id) else { return (item.id, "") }
            let column = env?.tables[ref.table]?.columns[ref.column]
            return (ref.column, (column.map { $0.displayName + " · " } ?? "") + (column?.isSecured == true ? "secured" : "not secured"))
        case .environment, .environmentType:
            return (EnvironmentType(rawValue: item.id)?.label ?? item.id, "")
        case .accessMode:
            let mode = Int(item.id).flatMap(AccessMode.init(rawValue:))
            return (mode?.label ?? item.id, mode.map(accessModeDetail) ?? "")
        case .none:
            return ("(none)", "no security group: everyone in the tenant may be added")
        case .defaultRoleCopy:
            return ("(default copy)", "the copy dvsec reads when the snapshot names none [I]")
        }
    }

    /// What an access mode means for the user's access (DATAVERSE.md §1.2, §2 rule 4 [I]).
    static func accessModeDetail(_ mode: AccessMode) -> String {
        switch mode {
        case .readWrite: "the roles' privileges as granted"
        case .administrative: "administration only, no business data (no licence used)"
        case .read: "read-only: only Read and privileges that read apply [I]"
        case .supportUser: "Microsoft support"
        case .nonInteractive: "API only, no sign-in to apps"
        case .delegatedAdmin: "a partner's delegated administrator"
        }
    }

    /// Lower-cased text a picker filter matches.
    static func searchKey(of item: PickerItem, in env: Environment?) -> String {
        let d = describe(item, in: env)
        return (d.label + " " + d.detail).lowercased()
    }

    /// "Sales EU (Owner, BU Sales EU)".
    static func teamWithKind(_ id: String, _ env: Environment?) -> String {
        guard let team = env?.teams[id] else { return id }
        let kind = team.isDefault ? "default team" : team.type.label
        return "\(team.name) (\(kind), BU \(businessUnit(team.businessUnitId, env)))"
    }
}
