import SecurityModel

/// How a level key changes a level: `+`, `-`, Space, or a digit.
enum LevelStep: Hashable {
    case raise, lower, cycle
    case set(AccessLevel)

    /// The level to ask for, among the levels the table allows for the operation (lowest first);
    /// nil when the step goes nowhere (raising Organization). A digit asks for its level as is,
    /// so the domain can say why a level is not allowed.
    func target(from current: AccessLevel, allowed: [AccessLevel]) -> AccessLevel? {
        switch self {
        case .raise: allowed.first { $0 > current }
        case .lower: allowed.last { $0 < current }
        case .cycle: allowed.first { $0 > current } ?? allowed.first
        case .set(let level): level
        }
    }

    /// For a row or a column: the step applied to each cell, so every cell stays on a level its
    /// table allows (a digit that a cell does not allow leaves that cell as it is).
    func cellTarget(
        from current: AccessLevel, allowed: [AccessLevel], groupLevel: AccessLevel, groupAllowed: [AccessLevel]
    )
        -> AccessLevel
    {
        switch self {
        case .raise, .lower:
            return target(from: current, allowed: allowed) ?? current
        case .cycle:
            let next = LevelStep.cycle.target(from: groupLevel, allowed: groupAllowed) ?? .none
            return allowed.contains(next) ? next : (next == .none ? .none : current)
        case .set(let level):
            return allowed.contains(level) ? level : current
        }
    }
}

extension AppState {
    /// `+` `-` Space `0`-`4`: changes the level of the cell, row or column under the cursor.
    mutating func changeLevel(_ step: LevelStep) -> [Effect] {
        guard screen == .roleEditor, let editor = roleEditor, let env = environment, let role = env.roles[editor.roleId] else {
            if screen == .profileEditor, step == .cycle { return togglePermission() }
            status = StatusMessage("Levels are changed in the role editor: open a role with Enter")
            return []
        }
        // Read-only first: "already Organization" answered a key that could change nothing anyway.
        guard !isReadOnly else {
            status = .error("read-only: \(readOnlyReason); nothing can be changed")
            return []
        }
        // The domain's refusal before any level is worked out: `+` on System Administrator said
        // "already Organization" where `-` said why no key changes it (found by a console review).
        if let refusal = env.privilegeEditRefusal(ofRole: role.id) {
            status = .error(refusal.message)
            return []
        }
        if case .set = step, !editor.levelDigitsArmed {
            status = .warning(Self.levelDigitsHint)
            return []
        }
        if editor.tab == .miscellaneous {
            guard let name = editor.miscellaneous.selectedId else { return [] }
            let current = role.miscPrivileges[name] ?? .none
            let allowed = MiscellaneousPrivilegeNames.allowedLevels(for: name)
            if case .set(let level) = step, !allowed.contains(level) {
                status = .warning("\(name) is granted at " + allowed.map(\.label).joined(separator: " or ") + " only [I]")
                return []
            }
            guard let target = step.target(from: current, allowed: allowed), target != current else {
                status = StatusMessage("\(name) is already \(current.label)")
                return []
            }
            return applyEdit(.setMiscPrivilege(environment: env.id, role: role.id, privilege: name, level: target))
        }
        switch editor.scope {
        case .cell(let table, let op):
            let allowed = env.tables[table]?.ownership.allowedLevels(for: op) ?? AccessLevel.allCases
            let current = role.level(op, on: table)
            // An n/a cell (Assign or Share of an organization-owned table): said as the row edit
            // and the domain say it, not as "already None, the highest it allows".
            if allowed == [.none], let table = env.tables[table] {
                status = .error("\(table.logicalName) is organization-owned: it has no \(op.label) privilege")
                return []
            }
            guard let target = step.target(from: current, allowed: allowed) else {
                let top = allowed.last ?? .organization
                status = StatusMessage(
                    current == top
                        ? "\(op.label) on \(table) is already \(current.label), the highest \(table) allows"
                        : "\(op.label) on \(table) is already \(current.label)")
                return []
            }
            if target == current {
                status = StatusMessage("\(op.label) on \(table) is already \(current.label)")
                return []
            }
            return applyEdit(.setPrivilege(environment: env.id, role: role.id, table: table, operation: op, level: target))
        case .row(let table):
            guard let change = rowChange(role: role, table: table, env: env, step: step) else {
                // An organization-owned table takes None or Organization only, and has no Assign
                // or Share: say so, as a cell does, rather than "nothing to change".
                if env.tables[table]?.ownership == .organization, case .set(let level) = step, level != .none,
                    level != .organization
                {
                    status = .warning(
                        "\(table) is organization-owned: its privileges are None or Organization, and it has no Assign or Share")
                } else {
                    status = StatusMessage("Nothing to change on \(table)")
                }
                return []
            }
            return applyEdit(change)
        case .column(let op):
            let groupLevel = editor.tables.rows.map { role.level(op, on: $0) }.max() ?? .none
            // `+` and `-` on a column take each cell one level up or down the five levels, and a
            // table that cannot take that level is left as it is, as a digit leaves it (`+` took
            // organization-owned tables from None straight to Organization: found by an editing
            // review).
            var stepLeft = 0
            let changes = editor.tables.rows.compactMap { table -> Change? in
                guard let t = env.tables[table] else { return nil }
                let current = role.level(op, on: table)
                let allowed = t.ownership.allowedLevels(for: op)
                var target = step.cellTarget(
                    from: current, allowed: allowed, groupLevel: groupLevel, groupAllowed: AccessLevel.allCases)
                if step == .raise || step == .lower, let next = step.target(from: current, allowed: AccessLevel.allCases) {
                    target = allowed.contains(next) ? next : current
                    if !allowed.contains(next) { stepLeft += 1 }
                }
                return target == current
                    ? nil : .setPrivilege(environment: env.id, role: role.id, table: table, operation: op, level: target)
            }
            let effects = applyGroup(changes, nothing: "Nothing to change in the \(op.label) column")
            // The level asked of the whole column: a table that cannot take it is left as it is,
            // and said so (the status said "Delete on 5 tables → User" of 7 shown, nothing of
            // the 2 organization-owned ones; found by a console review).
            let asked: AccessLevel? =
                switch step {
                case .set(let level): level
                case .cycle: LevelStep.cycle.target(from: groupLevel, allowed: AccessLevel.allCases) ?? AccessLevel.none
                case .raise, .lower: nil
                }
            if let asked {
                let left = editor.tables.rows.filter { table in
                    guard let t = env.tables[table] else { return false }
                    return role.level(op, on: table) != asked && !t.ownership.allowedLevels(for: op).contains(asked)
                }
                noteTablesLeft(left.count, reason: op.existsOnOrganizationOwnedTables ? nil : op, changed: !changes.isEmpty)
            } else {
                noteTablesLeft(stepLeft, reason: op.existsOnOrganizationOwnedTables ? nil : op, changed: !changes.isEmpty)
            }
            return effects
        case .all:
            let changes = editor.tables.rows.compactMap { rowChange(role: role, table: $0, env: env, step: step) }
            let effects = applyGroup(changes, nothing: "Nothing to change")
            if case .set(let level) = step {
                // A row takes the level on every operation its table allows it for: an
                // organization-owned table takes no level but None or Organization.
                let left = editor.tables.rows.filter { table in
                    guard let t = env.tables[table] else { return false }
                    return !TableOperation.allCases.contains { t.ownership.allowedLevels(for: $0).contains(level) }
                }
                noteTablesLeft(left.count, reason: nil, changed: !changes.isEmpty)
            }
            return effects
        }
    }

    /// Adds to the status how many organization-owned tables a column or matrix edit left as
    /// they were: `reason` is the operation they lack (Assign, Share), nil when they take only
    /// None or Organization.
    private mutating func noteTablesLeft(_ count: Int, reason missing: TableOperation?, changed: Bool) {
        guard count > 0 else { return }
        let tables = count == 1 ? "1 organization-owned table" : "\(count) organization-owned tables"
        let why =
            missing.map { "\(count == 1 ? "it has" : "they have") no \($0.label) privilege" }
            ?? "\(count == 1 ? "it takes" : "they take") None or Organization only"
        let note = "\(tables) left as \(count == 1 ? "it is" : "they are"): \(why)"
        let text = status?.text ?? ""
        status = StatusMessage(text.isEmpty ? note : text + "; " + note, kind: changed ? (status?.kind ?? .info) : .warning)
    }

    /// One edit for several changes: a single change as is, more as one compound (one undo step).
    private mutating func applyGroup(_ changes: [Change], nothing: String) -> [Effect] {
        switch changes.count {
        case 0:
            status = StatusMessage(nothing)
            return []
        case 1: return applyEdit(changes[0])
        default: return applyEdit(.compound(changes))
        }
    }

    /// The whole-row edit of a step, or nil when it changes nothing.
    private func rowChange(role: SecurityRole, table: String, env: Environment, step: LevelStep) -> Change? {
        guard let t = env.tables[table] else { return nil }
        var current = PrivilegeRow.empty
        for op in TableOperation.allCases { current[op] = role.level(op, on: table) }
        let groupLevel = TableOperation.allCases.map { current[$0] }.max() ?? .none
        let groupAllowed = Set(TableOperation.allCases.flatMap { t.ownership.allowedLevels(for: $0) }).sorted()
        var row = current
        for op in TableOperation.allCases {
            row[op] = step.cellTarget(
                from: current[op], allowed: t.ownership.allowedLevels(for: op), groupLevel: groupLevel,
                groupAllowed: groupAllowed)
        }
        return row == current ? nil : .setPrivilegeRow(environment: env.id, role: role.id, table: table, row: row)
    }

    /// What a digit says in the role editor before the cursor has been moved to a cell.
    static let levelDigitsHint =
        "0-4 set the level once you have moved to a cell (j/k/h/l): nothing changed. Panes are 1-6 in the browser (Esc leaves the editor)"

    /// Enter in the role editor: on a cell, who can do that operation on the table (Esc comes
    /// back); elsewhere, which keys change a level. Never an edit.
    mutating func drillIntoRoleEditorCell() {
        guard let editor = roleEditor else { return }
        if editor.tab == .tables, case .cell(let table, let op) = editor.scope {
            whoCan.mode = .table
            whoCan.operation = op
            openWhoCan(table: table)
            return
        }
        status = StatusMessage("Enter changes no level: Space, + and - or 0-4 do; on a table's cell Enter shows who can do it")
    }

    /// `i`: flips member privilege inheritance of the role in the editor or selected in the browser.
    mutating func toggleInheritance() -> [Effect] {
        let roleId: String?
        switch screen {
        case .roleEditor: roleId = roleEditor?.roleId
        case .browser where pane == .roles: roleId = selectedId
        default: roleId = nil
        }
        guard let env = environment, let id = roleId, let role = env.roles[id] else {
            status = StatusMessage("Member privilege inheritance is a role setting: select a role")
            return []
        }
        return applyEdit(.setMemberPrivilegeInheritance(environment: env.id, role: id, inherits: !role.inheritsMemberPrivileges))
    }
}
