import SecurityModel

extension AppState {
    /// Opens the effective-access screen of a user or team, optionally on one cell with its "why".
    mutating func openEffectiveAccess(_ principal: Principal, table: String? = nil, operation: TableOperation? = nil) {
        guard let env = environment else { return }
        switch principal {
        case .user(let id) where env.users[id] == nil: return
        case .team(let id) where env.teams[id] == nil: return
        default: break
        }
        var view = EffectiveAccessState(principal: principal)
        if let operation { view.column = operation.rawValue }
        if table != nil { view.showWhy = true }
        show(view, selecting: table, in: \.tables)
    }

    /// Opens a user's effective access on the column-security tab, on one column and permission,
    /// with its "why".
    mutating func openColumnWhy(_ userId: String, column ref: ColumnReference, kind: ColumnPermissionKind) {
        guard environment?.users[userId] != nil else { return }
        var view = EffectiveAccessState(principal: .user(userId))
        view.tab = .columns
        view.columnKind = ColumnPermissionKind.allCases.firstIndex(of: kind) ?? 0
        view.showWhy = true
        show(view, selecting: ref.rowId, in: \.columns)
    }

    /// Pushes the effective-access screen with `view`, computed, on `row` of one of its lists.
    private mutating func show(
        _ view: EffectiveAccessState, selecting row: String?, in list: WritableKeyPath<EffectiveAccessState, ListState>
    ) {
        effective = view
        push(.effectiveAccess)
        refreshEffective()
        if let row, let index = effective?[keyPath: list].rows.firstIndex(of: row) {
            let height = visibleRows(on: .effectiveAccess)
            effective?[keyPath: list].moveTo(index, height: height)
            refreshWhy()
        }
    }

    /// Recomputes the effective matrix of the open principal from the domain.
    mutating func refreshEffective() {
        guard var view = effective, let env = environment else { return }
        switch view.principal {
        case .user(let id):
            guard let user = env.users[id] else { return }
            let teams = env.teams(of: user)
            let holdings = env.roleHoldings(of: user, teams: teams)
            view.teamIds = teams.map(\.id)
            view.dormancy = env.dormancy(of: user, holdings: holdings)
            // One user's answer from the domain, once per model change: no index of every user.
            view.misc = env.miscPrivileges(of: user, holdings: holdings)
            view.matrix = Dictionary(uniqueKeysWithValues: env.effectiveRows(of: user, teams: teams).map { ($0.table, $0) })
            // With the table operation's level: allowed without it is no record to use it on.
            let context = env.accessContext(of: user, teams: teams)
            view.columnMatrix = Self.columnMatrix(env) { env.columnAccessOnRecords(of: context, column: $0, kind: $1) }
        case .team(let id):
            guard let team = env.teams[id] else { return }
            view.matrix = Dictionary(uniqueKeysWithValues: env.effectiveRows(ofTeam: team).map { ($0.table, $0) })
            // What the team gives its members: its profiles' columns and its roles' privileges.
            view.columnMatrix = Self.columnMatrix(env) { env.columnAccess(ofTeam: team, column: $0, kind: $1) }
            view.misc = env.miscPrivileges(ofTeam: team)
            view.teamIds = []
            view.dormancy = []
        }
        effective = view
        refreshEffectiveRows()
    }

    /// Every secured column of `env`, with the answer for each permission kind in
    /// `ColumnPermissionKind.allCases` order.
    static func columnMatrix(
        _ env: Environment, _ answer: (ColumnReference, ColumnPermissionKind) -> ColumnAccessAnswer
    ) -> [ColumnReference: [ColumnAccessAnswer]] {
        var out: [ColumnReference: [ColumnAccessAnswer]] = [:]
        for table in env.sortedTables {
            for column in table.securedColumns {
                let ref = ColumnReference(table: table.logicalName, column: column.logicalName)
                out[ref] = ColumnPermissionKind.allCases.map { answer(ref, $0) }
            }
        }
        return out
    }

    /// Filters the effective screen's table and column rows.
    mutating func refreshEffectiveRows() {
        guard var view = effective, let env = environment, let catalog else { return }
        let rows = visibleRows(on: .effectiveAccess)
        view.tables.replaceRows(
            tableRows(catalog: catalog, env: env, filter: view.tables.filter, customOnly: view.customTablesOnly),
            height: rows)
        let columnIds = view.columnMatrix.keys.sorted()
            .filter { !view.customTablesOnly || env.tables[$0.table]?.isCustom == true }.map(\.rowId)
        view.columns.replaceRows(FilterRank.ranked(ids: columnIds, filter: view.columns.filter) { $0.lowercased() }, height: rows)
        let miscIds = view.misc.values.sorted { ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name) }
            .map { $0.name.lowercased() }
        view.miscellaneous.replaceRows(FilterRank.ranked(ids: miscIds, filter: view.miscellaneous.filter) { $0 }, height: rows)
        effective = view
        refreshWhy()
    }

    /// Asks the domain why the cell under the cursor has its level.
    mutating func refreshWhy() {
        guard var view = effective, let env = environment else { return }
        view.why = nil
        switch view.tab {
        case .tables:
            if let table = view.tables.selectedId {
                switch view.principal {
                case .user(let id):
                    if let user = env.users[id] {
                        let teams = view.teamIds.compactMap { env.teams[$0] }
                        view.why = .user(env.effectiveAccess(of: user, table: table, operation: view.operation, teams: teams))
                    }
                case .team(let id):
                    if let team = env.teams[id] {
                        view.why = .team(env.effectiveAccess(ofTeam: team, table: table, operation: view.operation))
                    }
                }
            }
        case .columns:
            if let row = view.columns.selectedId, let ref = ColumnReference(rowId: row), let answers = view.columnMatrix[ref],
                answers.indices.contains(view.columnKind)
            {
                view.why = .column(answers[view.columnKind])
            }
        case .miscellaneous:
            if let key = view.miscellaneous.selectedId, let grant = view.misc[key] {
                let readOnly =
                    view.principal.userId.flatMap { environment?.users[$0] }?.readAccessModeBlocks(miscPrivilege: grant.name) ?? false
                view.why = .miscellaneous(
                    grant, dormancy: Dormancy.forMiscellaneousPrivileges(view.dormancy), readOnlyBlocked: readOnly)
            }
        }
        effective = view
    }

    /// Table logical names in catalog order, narrowed by a name/prefix filter and "custom only".
    func tableRows(catalog: EnvironmentCatalog, env: Environment, filter: String, customOnly: Bool) -> [String] {
        let matching = catalog.tables.matching(filter)
        return customOnly ? matching.filter { env.tables[$0]?.isCustom == true } : matching
    }

    /// Recounts after an edit made the counts stale, when the details pane needs them.
    mutating func refreshCounts() {
        guard counts == nil, screen == .browser, pane == .roles || pane == .businessUnits, let env = environment else { return }
        counts = EnvironmentCounts(environment: env)
    }

    /// Keeps the wide browser's third column in step with the selection and the model.
    mutating func refreshPreview() {
        guard screen == .browser, layout.isWide, let env = environment, let id = selectedId, pane == .users || pane == .teams else {
            preview = nil
            return
        }
        let principal: Principal = pane == .users ? .user(id) : .team(id)
        if let preview, preview.principal == principal, preview.generation == modelGeneration { return }
        switch principal {
        case .user(let uid):
            guard let user = env.users[uid] else {
                preview = nil
                return
            }
            let teams = env.teams(of: user)
            let rows = env.effectiveRows(of: user, teams: teams)
            preview = BrowserPreview(
                principal: principal, generation: modelGeneration,
                rows: Dictionary(uniqueKeysWithValues: rows.map { ($0.table, $0) }),
                isDormant: !env.dormancy(of: user).isEmpty)
        case .team(let tid):
            guard let team = env.teams[tid] else {
                preview = nil
                return
            }
            preview = BrowserPreview(
                principal: principal, generation: modelGeneration,
                rows: Dictionary(uniqueKeysWithValues: env.effectiveRows(ofTeam: team).map { ($0.table, $0) }),
                isDormant: false)
        }
    }

    // MARK: Who can

    mutating func openWhoCan(table: String) {
        whoCan.table = table
        whoCan.field = .results
        push(.whoCan)
        refreshWhoCan()
    }

    /// Runs the who-can query (table or column) through the domain's index: an answer kept for
    /// the same question at the same model generation is shown again; in a large organisation a
    /// new one is computed in the background (the results say "Computing…" and keys are
    /// answered meanwhile: a table most of 100,000 users reach took 1.0–1.5 s); in a small one
    /// at once.
    mutating func refreshWhoCan() {
        whoCan.answer = nil
        whoCan.columnAnswer = nil
        guard let env = environment, let table = whoCan.table, env.tables[table] != nil else {
            whoCan.computing = nil
            whoCan.results.replaceRows([], height: visibleRows(on: .whoCan))
            return
        }
        if whoCan.mode == .table, let reason = env.tables[table]?.missingPrivilegeReason(whoCan.operation) {
            // A table chosen while Assign or Share was asked about, and organization-owned: it has
            // neither, so the question becomes Read, the screen's first one, and says so.
            whoCan.operation = .read
            status = .warning(reason + ": asking who can Read instead")
        }
        guard let key = whoCan.key(in: env, generation: modelGeneration) else { return }
        if let kept = whoCan.answers.answer(for: key) {
            whoCan.computing = nil
            showWhoCan(kept)
            return
        }
        if env.users.count >= backgroundImpactUsers {
            // Already on its way: not asked for twice.
            if whoCan.computing == key { return }
            whoCan.computing = key
            whoCan.results.replaceRows([], height: visibleRows(on: .whoCan))
            requestedEffects.append(.computeWhoCan(key))
            return
        }
        whoCan.computing = nil
        let result = key.answer(from: whoCan.index.index(of: env, generation: modelGeneration))
        whoCan.answers.countComputed()
        whoCan.answers.keep(result, for: key)
        showWhoCan(result)
    }

    /// Shows an answer and its rows.
    private mutating func showWhoCan(_ result: WhoCanResult) {
        switch result {
        case .table(let answer): whoCan.answer = answer
        case .column(let answer): whoCan.columnAnswer = answer
        }
        refreshWhoCanRows()
    }

    /// A who-can answer computed in the background: kept for the question asked again while the
    /// model is the same, and shown only when it answers the question the form asks now (an
    /// answer to an earlier question, or from before an edit, is not shown). The index it was
    /// computed from is kept for the next question.
    mutating func whoCanComputed(_ key: WhoCanKey, _ result: WhoCanResult, index: CachedIndex) {
        guard let env = environment, key.environmentId == env.id, key.generation == modelGeneration else { return }
        keepAccessIndex(index, of: env)
        whoCan.answers.countComputed()
        whoCan.answers.keep(result, for: key)
        guard whoCan.computing == key, whoCan.key(in: env, generation: modelGeneration) == key else { return }
        whoCan.computing = nil
        whoCan.answer = nil
        whoCan.columnAnswer = nil
        showWhoCan(result)
    }

    /// An access index built in the background (for who-can or the findings), kept for the next
    /// question when it is of the model on display and none is kept for it yet.
    mutating func keepAccessIndex(_ index: CachedIndex, of env: Environment) {
        guard index.environmentId == env.id, index.generation == modelGeneration,
            whoCan.index.environmentId != env.id || whoCan.index.generation != modelGeneration
        else { return }
        whoCan.index = index
    }

    /// Result rows: active users, then dormant ones when shown, narrowed by the filter.
    mutating func refreshWhoCanRows() {
        guard let env = environment else { return }
        var ids: [String]
        switch whoCan.mode {
        case .table:
            guard let answer = whoCan.answer else { return }
            // D shows those who hold it but cannot use it: dormant, or access mode Read.
            ids =
                answer.users.map(\.userId)
                + (whoCan.includeDormant ? (answer.dormantUsers + answer.readAccessModeUsers).map(\.userId) : [])
        case .column:
            guard let answer = whoCan.columnAnswer else {
                whoCan.results.replaceRows([], height: visibleRows(on: .whoCan))
                return
            }
            ids =
                answer.users.map(\.userId)
                + (whoCan.includeDormant ? (answer.dormantUsers + answer.readAccessModeUsers).map(\.userId) : [])
        }
        // The users list's own search keys (name and domain name, lower-cased once per model), and
        // its byte search: lower-casing 98,000 rows at every key cost 115-169 ms (found by a scale
        // review). A user the list does not have is keyed as the list keys them.
        let needle = FilterRank.Needle(whoCan.results.filter)
        if !needle.isEmpty {
            let keys = catalog?.environmentId == env.id ? catalog?.users : nil
            ids = ids.filter { id in
                if let key = keys?.key(of: id) { return FilterRank.contains(key, needle) }
                return env.users[id].map { FilterRank.contains(($0.name + " " + $0.domainName).lowercased(), needle) } ?? false
            }
        }
        whoCan.results.replaceRows(ids, height: visibleRows(on: .whoCan))
    }

    /// `c`: between table operations and column security. Column mode starts on the table's first
    /// secured column (as the domain lists them).
    mutating func toggleWhoCanMode() {
        switch whoCan.mode {
        case .table:
            whoCan.mode = .column
            whoCan.column = whoCan.table.flatMap { environment?.tables[$0]?.securedColumns.first?.logicalName }
        case .column:
            // An unsecured column is decided by a table operation: table mode asks about that one.
            // At any level (User): who can read the column at all, the question asked; the level
            // kept from before listed fewer users.
            if let answer = whoCan.columnAnswer, !answer.isSecured {
                whoCan.operation = answer.tableOperation
                whoCan.minimumLevel = .user
            }
            whoCan.mode = .table
            whoCan.column = nil
        }
        if whoCan.field != .results { whoCan.field = .table }
        refreshWhoCan()
    }

    /// The secured columns of the chosen table, in the domain's order.
    private var whoCanSecuredColumns: [String] {
        guard let table = whoCan.table, let t = environment?.tables[table] else { return [] }
        return t.securedColumns.map(\.logicalName)
    }

    mutating func cycleWhoCanColumn(forward: Bool = true) {
        let all = whoCanSecuredColumns
        guard whoCan.mode == .column, !all.isEmpty else { return }
        whoCan.column = all.cycling(from: whoCan.column, forward: forward, missing: forward ? all.count - 1 : 0)
        refreshWhoCan()
    }

    mutating func cycleWhoCanPermission(forward: Bool = true) {
        guard whoCan.mode == .column else {
            status = StatusMessage("The permission applies to columns: c switches to column mode")
            return
        }
        whoCan.permission = ColumnPermissionKind.allCases.cycling(from: whoCan.permission, forward: forward)
        refreshWhoCan()
    }

    /// `s`: a picker of the table's secured columns.
    mutating func openWhoCanColumnPicker() {
        guard whoCan.mode == .column else {
            status = StatusMessage("Columns are chosen in column mode: c switches to it")
            return
        }
        guard let table = whoCan.table, let t = environment?.tables[table] else {
            status = StatusMessage("Choose a table first (t)")
            return
        }
        let columns = t.securedColumns
        guard !columns.isEmpty else {
            status = .warning("\(table) has no secured column: t chooses another table")
            return
        }
        picker = PickerState(
            title: "Who can: choose a secured column of \(table)", purpose: .whoCanColumn,
            items: columns.map { PickerItem(.column, table + "." + $0.logicalName) },
            keys: columns.map { ($0.logicalName + " " + $0.displayName).lowercased() })
    }

    mutating func cycleWhoCanOperation(forward: Bool = true) {
        guard whoCan.mode == .table else {
            status = StatusMessage("Operations apply to tables: c switches back to table mode")
            return
        }
        // Only the operations the table has: none of Assign and Share on an organization-owned one.
        whoCan.operation = whoCan.operations(on: whoCanTable).cycling(from: whoCan.operation, forward: forward)
        refreshWhoCan()
    }

    /// The table the who-can form asks about, when it is in the environment.
    private var whoCanTable: Table? { whoCan.table.flatMap { environment?.tables[$0] } }

    mutating func cycleWhoCanLevel(forward: Bool = true) {
        guard whoCan.mode == .table else {
            status = StatusMessage("Levels apply to tables: c switches back to table mode")
            return
        }
        let levels = whoCan.levels(on: whoCanTable)
        if levels.count == 1, let t = whoCanTable {
            status = StatusMessage("\(t.logicalName) is organization-owned: its only level is \(levels[0].label)")
            return
        }
        whoCan.minimumLevel = levels.cycling(from: whoCan.askedLevel(on: whoCanTable), forward: forward)
        refreshWhoCan()
    }

    mutating func toggleDormantUsers() {
        whoCan.includeDormant.toggle()
        refreshWhoCanRows()
    }

    /// `t`: a picker of the tables; in column mode, of the tables that have secured columns.
    mutating func openWhoCanTablePicker() {
        guard let catalog, let env = environment else { return }
        var ids = catalog.tables.ids
        var keys = catalog.tables.keys
        if whoCan.mode == .column {
            let kept = ids.indices.filter { env.tables[ids[$0]]?.securedColumns.isEmpty == false }
            ids = kept.map { ids[$0] }
            keys = kept.map { keys[$0] }
        }
        picker = PickerState(
            title: whoCan.mode == .column ? "Who can: choose a table with secured columns" : "Who can: choose a table",
            purpose: .whoCanTable, items: ids.map { PickerItem(.table, $0) }, keys: keys)
    }

    // MARK: Role and profile editors

    mutating func openRoleEditor(_ roleId: String) {
        guard let role = environment?.roles[roleId], let env = environment, let catalog else { return }
        let misc = Self.miscellaneousRows(of: role)
        roleEditor = RoleEditorState(
            roleId: roleId, tables: tableRows(catalog: catalog, env: env, filter: "", customOnly: false),
            miscellaneous: misc)
        push(.roleEditor)
    }

    /// The role editor's miscellaneous rows: every documented privilege and the role's own, one
    /// row per name whatever its case, spelled as the role spells it (so an edit changes the
    /// role's entry rather than adding a second one), in case-insensitive order.
    static func miscellaneousRows(of role: SecurityRole) -> [String] {
        let own = Set(role.miscPrivileges.keys.map { $0.lowercased() })
        let known = knownMiscellaneousPrivileges.filter { !own.contains($0.lowercased()) }
        return (known + role.miscPrivileges.keys).sorted { ($0.lowercased(), $0) < ($1.lowercased(), $1) }
    }

    /// Re-filters the role editor's rows (tables by name or prefix, custom only; misc by name).
    mutating func refreshRoleEditorRows() {
        guard var editor = roleEditor, let env = environment, let catalog, let role = env.roles[editor.roleId] else { return }
        let rows = visibleRows(on: .roleEditor)
        editor.tables.replaceRows(
            tableRows(catalog: catalog, env: env, filter: editor.tables.filter, customOnly: editor.customTablesOnly),
            height: rows)
        let misc = FilterRank.ranked(ids: Self.miscellaneousRows(of: role), filter: editor.miscellaneous.filter) { $0.lowercased() }
        editor.miscellaneous.replaceRows(misc, height: rows)
        roleEditor = editor
    }

    mutating func openProfileEditor(_ profileId: String) {
        guard environment?.fieldSecurityProfiles[profileId] != nil else { return }
        profileEditor = ProfileEditorState(profileId: profileId, columns: [])
        push(.profileEditor)
        refreshProfileEditorRows()
    }

    /// Secured columns (or every column) of every table, as `table.column`, filtered.
    mutating func refreshProfileEditorRows() {
        guard var editor = profileEditor, let env = environment else { return }
        var ids: [String] = []
        for table in env.sortedTables {
            let columns = editor.showAllColumns ? table.columns.values.sorted { $0.logicalName < $1.logicalName } : table.securedColumns
            for column in columns { ids.append(table.logicalName + "." + column.logicalName) }
        }
        editor.columns.replaceRows(
            FilterRank.ranked(ids: ids, filter: editor.columns.filter) { $0.lowercased() }, height: visibleRows(on: .profileEditor))
        profileEditor = editor
    }

    mutating func toggleCustomTables() {
        // Miscellaneous privileges belong to no table: there `c` changed nothing and still showed
        // the mode on (found by a console review).
        let miscellaneous = screen == .roleEditor ? roleEditor?.tab == .miscellaneous : effective?.tab == .miscellaneous
        if (screen == .roleEditor || screen == .effectiveAccess) && miscellaneous {
            status = StatusMessage(
                "“custom tables only” narrows the \(screen == .roleEditor ? "Tables tab" : "Tables and Columns tabs"): miscellaneous privileges belong to no table"
            )
            return
        }
        switch screen {
        case .roleEditor:
            roleEditor?.customTablesOnly.toggle()
            refreshRoleEditorRows()
        case .effectiveAccess:
            effective?.customTablesOnly.toggle()
            refreshEffectiveRows()
        default:
            status = StatusMessage("“custom tables only” applies to the role editor and effective access")
        }
    }

    mutating func toggleAllColumns() {
        guard screen == .profileEditor else { return }
        profileEditor?.showAllColumns.toggle()
        refreshProfileEditorRows()
    }
}
