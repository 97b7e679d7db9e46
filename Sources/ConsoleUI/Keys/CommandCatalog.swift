import SecurityModel

/// One `:` command: its names, what it takes and what it does. The help screen lists this table.
public struct CommandSpec: Hashable, Sendable {
    public var name: String
    public var aliases: [String]
    /// How the argument is written in help, e.g. `[PATH]`.
    public var argument: String
    public var summary: String
}

/// The `:` commands, their completion and their parsing.
public enum CommandCatalog {
    /// Every command, in the order help lists them.
    public static let commands: [CommandSpec] = [
        CommandSpec(name: "users", aliases: [], argument: "", summary: "Show the users of the environment"),
        CommandSpec(name: "teams", aliases: [], argument: "", summary: "Show the teams"),
        CommandSpec(name: "roles", aliases: [], argument: "", summary: "Show the security roles"),
        CommandSpec(name: "bu", aliases: ["bus", "business-units"], argument: "", summary: "Show the business-unit tree"),
        CommandSpec(name: "profiles", aliases: ["fsp"], argument: "", summary: "Show the field security profiles"),
        CommandSpec(name: "tables", aliases: [], argument: "", summary: "Show the tables"),
        CommandSpec(
            name: "env", aliases: ["environment"], argument: "[NAME|prod|sandbox…]",
            summary: "Open an environment by name or type; without a name, list them"),
        CommandSpec(name: "role", aliases: [], argument: "NAME", summary: "Open a role in the role editor"),
        CommandSpec(name: "user", aliases: [], argument: "NAME", summary: "Show a user's effective access"),
        CommandSpec(
            name: "compare", aliases: ["vs"], argument: "NAME",
            summary: "Compare the selected user or role with another (v picks from a list)"),
        CommandSpec(
            name: "who-can", aliases: ["whocan"], argument: "[TABLE] [OPERATION] [LEVEL]",
            summary:
                "Who can do an operation on a table at a minimum level; TABLE.COLUMN [PERMISSION]: who can read, create, update a column"),
        CommandSpec(name: "settings", aliases: ["env-settings"], argument: "", summary: "Edit the environment's attributes"),
        CommandSpec(name: "pending", aliases: ["changes"], argument: "", summary: "List the unsaved changes and their impact"),
        CommandSpec(name: "diff", aliases: ["baseline"], argument: "", summary: "Changes against the baseline (--baseline FILE)"),
        CommandSpec(name: "findings", aliases: ["check"], argument: "", summary: "Go-live findings of the environment"),
        CommandSpec(
            name: "holders", aliases: [], argument: "", summary: "Who holds the selected role: users directly, teams and their members (H)"),
        CommandSpec(
            name: "new", aliases: ["create"], argument: "role|team|profile|bu [NAME]",
            summary: "Create a role (root business unit), owner team or business unit (in or under the selected business unit), or profile"),
        CommandSpec(
            name: "copy", aliases: [], argument: "role [NAME]",
            summary: "Copy the selected role: a new custom role with the same privileges"),
        CommandSpec(name: "rename", aliases: [], argument: "[NAME]", summary: "Rename the selected role, team, profile or business unit"),
        CommandSpec(
            name: "delete", aliases: ["del"], argument: "", summary: "Delete the selected role, team, profile or business unit (asks, y/N)"),
        CommandSpec(name: "undo", aliases: [], argument: "", summary: "Undo the last edit"),
        CommandSpec(name: "redo", aliases: [], argument: "", summary: "Redo the last undone edit"),
        CommandSpec(name: "w", aliases: ["write", "save"], argument: "[PATH]", summary: "Save (to PATH: save as, then edit it)"),
        CommandSpec(name: "wq", aliases: ["x"], argument: "", summary: "Save and quit"),
        CommandSpec(
            name: "reload", aliases: [], argument: "",
            summary: "Read the file again from disk (a colleague saved it) and make your unsaved changes again on it"),
        CommandSpec(name: "q", aliases: ["quit"], argument: "", summary: "Quit (asks when there are unsaved changes)"),
        CommandSpec(name: "q!", aliases: ["quit!"], argument: "", summary: "Quit and discard unsaved changes"),
        CommandSpec(name: "theme", aliases: [], argument: "NAME|PATH", summary: "Switch the colour theme"),
        CommandSpec(name: "custom", aliases: [], argument: "", summary: "Toggle “custom tables only” in a matrix"),
        CommandSpec(name: "help", aliases: ["h"], argument: "", summary: "Show every key and command"),
        CommandSpec(
            name: "messages", aliases: ["mes", "log"], argument: "",
            summary: "Show the status messages so far, newest first, whole (the status line cuts a long one)"),
    ]

    /// The table a typed `:who-can` argument names (logical name, any case), if any.
    private static func whoCanTable(_ name: String, _ env: Environment?) -> Table? {
        let lower = name.lowercased()
        return env?.tables.values.first { $0.logicalName.lowercased() == lower }
    }

    /// The spec a typed name refers to.
    public static func spec(named name: String) -> CommandSpec? {
        let lower = name.lowercased()
        return commands.first { $0.name == lower || $0.aliases.contains(lower) }
    }

    /// Whole command lines that complete `text`: command names, then arguments (environments,
    /// themes, tables, operations, levels, roles).
    public static func completions(for text: String, in state: AppState) -> [String] {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else {
            let prefix = text.lowercased()
            // A command once: its name when the name fits, else the first alias that does
            // (`:wh` offered both who-can and whocan).
            return commands.compactMap { c -> String? in
                if c.name.hasPrefix(prefix) && c.name != prefix { return c.name }
                return c.aliases.first { $0.hasPrefix(prefix) && $0 != prefix }
            }
            .map { spec(named: $0)?.argument.isEmpty == false ? $0 + " " : $0 }
        }
        let head = parts.dropLast().joined(separator: " ") + " "
        let partial = parts.last?.lowercased() ?? ""
        let candidates: [String]
        let env = state.environment
        switch (spec(named: parts[0])?.name, parts.count) {
        case ("env", 2):
            candidates = state.snapshot.sortedEnvironments.map(\.name) + EnvironmentType.allCases.map(\.rawValue)
        case ("theme", 2):
            candidates = state.themeNames
        case ("who-can", 2) where partial.contains("."):
            // A table's secured columns once a dot follows its name.
            let table = String(partial.prefix { $0 != "." })
            let match = env?.tables.values.first { $0.logicalName.lowercased() == table }
            candidates = match.map { t in t.securedColumns.map { t.logicalName + "." + $0.logicalName } } ?? []
        case ("who-can", 2):
            candidates = state.catalog?.tables.ids ?? []
        case ("who-can", 3) where parts[1].contains("."):
            candidates = ColumnPermissionKind.allCases.map(\.rawValue)
        case ("who-can", 3):
            // The operations the table has: no Assign or Share on an organization-owned one.
            candidates = state.whoCan.operations(on: whoCanTable(parts[1], env)).map(\.snapshotName)
        case ("who-can", 4) where !parts[1].contains("."):
            // The levels a grant can have there: only global on an organization-owned table.
            var query = state.whoCan
            query.operation = TableOperation(name: parts[2]) ?? query.operation
            candidates = query.levels(on: whoCanTable(parts[1], env)).map(\.snapshotName)
        case ("new", 2):
            candidates = EntityKind.allCases.map(\.commandWord)
        case ("copy", 2):
            candidates = ["role"]
        case ("role", _):
            candidates = env?.sortedRoles.map(\.name) ?? []
            let typed = parts.dropFirst().joined(separator: " ").lowercased()
            return candidates.filter { $0.lowercased().hasPrefix(typed) }.prefix(50).map { "role " + $0 }
        case ("compare", _), ("user", _):
            // Names of the selected entity's kind: users for a user, roles for a role (`:user`:
            // users). In the catalog's order (by name), built when the environment opened: no
            // sort per Tab.
            if parts[0] == "compare", case .role? = state.comparisonSubject {
                candidates = (state.catalog?.roles.ids ?? []).compactMap { env?.roles[$0]?.name }
            } else {
                candidates = (state.catalog?.users.ids ?? []).compactMap { env?.users[$0]?.name }
            }
            let typed = parts.dropFirst().joined(separator: " ").lowercased()
            return candidates.filter { $0.lowercased().hasPrefix(typed) }.prefix(50).map { parts[0] + " " + $0 }
        default:
            candidates = []
        }
        return candidates.filter { $0.lowercased().hasPrefix(partial) }.prefix(50).map { head + $0 }
    }
}

extension AppState {
    /// A name that fits several records: never one picked at random (the CLI refuses too); the
    /// list is filtered by it instead, to choose from.
    mutating func showMatches(of argument: String, in pane: Pane, count: Int, noun: String) {
        returnToBrowser()
        self.pane = pane
        lists[pane, default: ListState()].filter = argument
        refreshBrowserRows(pane)
        status = .warning("“\(argument)” fits \(count) \(noun)s: choose one in the list (Enter opens it)")
    }

    /// Runs a `:` command line.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func runCommand(_ line: String) -> [Effect] {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let name = String(trimmed.prefix { $0 != " " })
        let argument = String(trimmed.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
        guard let spec = CommandCatalog.spec(named: name) else {
            status = .error("Unknown command :\(name) (:help lists the commands)")
            return []
        }
        // A command whose argument is a name needs one: an empty name would match the first of all.
        if ["role", "user", "compare"].contains(spec.name) && argument.isEmpty {
            status = .error("Give a name: :\(spec.name) \(spec.argument)")
            return []
        }
        switch spec.name {
        case "users": choosePane(.users)
        case "teams": choosePane(.teams)
        case "roles": choosePane(.roles)
        case "bu": choosePane(.businessUnits)
        case "profiles": choosePane(.profiles)
        case "tables": choosePane(.tables)
        case "env":
            guard !argument.isEmpty else {
                requestScreen(.environmentPicker)
                return []
            }
            let found = snapshot.environments(matching: argument)
            if found.count > 1 {
                status = .error("“\(argument)” matches \(found.count) environments: \(found.map(\.name).joined(separator: ", "))")
                return []
            }
            guard let env = found.first else {
                status = .error("No environment matches “\(argument)”")
                return []
            }
            openEnvironment(env.id)
            status = StatusMessage("Environment \(env.name) (\(Labels.environmentType(env, document)))")
        case "role":
            guard let env = environment else { return [] }
            // The domain's lookup, as the CLI's --role: the exact name, then a unique prefix.
            switch env.role(named: argument) {
            case .found(let role):
                returnToBrowser()
                pane = .roles
                selectInBrowser(role.id)
                openRoleEditor(role.id)
            case .ambiguous(let roles): showMatches(of: argument, in: .roles, count: roles.count, noun: "role")
            case .notFound: status = .error("No role “\(argument)” in \(env.name)" + Self.nearby(env.roleSuggestions(for: argument)))
            }
        case "user":
            guard let env = environment else { return [] }
            // As the CLI's --user: id, domain name, full name, then a unique part of either.
            switch env.user(named: argument) {
            case .found(let user):
                returnToBrowser()
                pane = .users
                selectInBrowser(user.id)
                openEffectiveAccess(.user(user.id))
            case .ambiguous(let users): showMatches(of: argument, in: .users, count: users.count, noun: "user")
            case .notFound:
                status = .error("No user matches “\(argument)” in \(env.name)" + Self.nearby(env.userSuggestions(for: argument)))
            }
        case "compare":
            compare(with: argument)
        case "who-can":
            return runWhoCan(argument)
        case "settings": requestScreen(.environmentSettings)
        case "pending": requestScreen(.pendingChanges)
        case "diff": requestScreen(.diff)
        case "findings": requestScreen(.findings)
        case "holders": openRoleHolders()
        case "new", "copy", "rename", "delete": return runLifecycleCommand(spec.name, argument)
        case "undo": return undo()
        case "redo": return redo()
        case "w": return requestSave(path: argument.isEmpty ? nil : argument)
        case "wq":
            if history.pendingCount == 0 {
                hasQuit = true
                return [.quit]
            }
            quitAfterSave = true
            return requestSave(path: argument.isEmpty ? nil : argument)
        case "reload": return requestReload()
        case "q": return requestQuit(force: false)
        case "q!": return requestQuit(force: true)
        case "theme":
            guard !argument.isEmpty else {
                status = StatusMessage("Themes: \(themeNames.joined(separator: ", ")) (or a path to a .json file)")
                return []
            }
            return [.loadTheme(argument)]
        case "custom": toggleCustomTables()
        case "help": help = HelpState()
        case "messages": help = HelpState(messages: true)
        default: break
        }
        return []
    }

    /// " (did you mean “Salesperson”?)" after a name that finds nothing, as the CLI says it.
    static func nearby(_ suggestions: [String]) -> String { NameSuggestion.hint(suggestions, open: "“", close: "”") }

    /// `:who-can account delete global`, or `:who-can account.creditlimit update` for a column.
    private mutating func runWhoCan(_ argument: String) -> [Effect] {
        guard let env = environment else {
            status = .warning("Choose an environment first")
            return []
        }
        let words = argument.split(separator: " ").map(String.init)
        if let first = words.first, first.contains(".") { return runColumnWhoCan(words, env: env) }
        // The whole question is read before any of it is asked: a refused one leaves the form as it was.
        var table: Table?
        if let name = words.first {
            guard let named = self.table(named: name, in: env) else {
                status = .error("No table “\(name)” in \(env.name)" + Self.nearby(env.tableSuggestions(for: name)))
                return []
            }
            table = named
        }
        var operation: TableOperation?
        if words.count > 1 {
            guard let op = TableOperation(name: words[1]) else {
                status = .error("Unknown operation “\(words[1])” (create, read, write, delete, append, appendTo, assign, share)")
                return []
            }
            // As the CLI: Assign or Share of an organization-owned table is no question (nobody
            // "can" read as "nobody holds it").
            if let reason = table?.missingPrivilegeReason(op) {
                status = .error(reason)
                return []
            }
            operation = op
        }
        // A word past the level was dropped without a word (found by a console review).
        guard words.count <= 3 else {
            status = .error(
                "Too many words: :who-can TABLE [OPERATION] [LEVEL] (“\(words[3...].joined(separator: " "))” is not part of it)")
            return []
        }
        var level: AccessLevel?
        if words.count > 2 {
            guard let asked = AccessLevel(name: words[2]), asked != .none else {
                status = .error("Unknown level “\(words[2])” (basic, local, deep, global)")
                return []
            }
            level = asked
        }
        if let table {
            whoCan.mode = .table
            whoCan.column = nil
            whoCan.table = table.logicalName
            whoCan.field = .results
        }
        if let operation { whoCan.operation = operation }
        if let level { whoCan.minimumLevel = level }
        push(.whoCan)
        refreshWhoCan()
        return []
    }

    /// `:who-can TABLE.COLUMN [PERMISSION]`: column mode on that column (secured or not: the domain
    /// says what decides an unsecured one).
    private mutating func runColumnWhoCan(_ words: [String], env: Environment) -> [Effect] {
        let parts = words[0].split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let table = table(named: parts[0], in: env) else {
            let name = parts.first ?? words[0]
            status = .error("No table “\(name)” in \(env.name)" + Self.nearby(env.tableSuggestions(for: name)))
            return []
        }
        // The domain's lookup, as the CLI's --column: logical name, then display name, any case.
        let column: Column
        switch table.column(named: parts[1]) {
        case .found(let found): column = found
        case .ambiguous(let all):
            status = .error(
                "“\(parts[1])” names \(all.count) columns of \(table.logicalName) (\(all.map(\.logicalName).joined(separator: ", "))): use the logical name"
            )
            return []
        case .notFound:
            status = .error("No column “\(parts[1])” in \(table.logicalName)" + Self.nearby(table.columnSuggestions(for: parts[1])))
            return []
        }
        guard words.count <= 2 else {
            status = .error(
                "A column takes one permission: :who-can \(table.logicalName).\(column.logicalName) read|create|update|readUnmasked")
            return []
        }
        var permission = whoCan.permission
        if words.count > 1 {
            guard let kind = ColumnPermissionKind(name: words[1]) else {
                status = .error("Unknown column permission “\(words[1])” (read, create, update, readUnmasked)")
                return []
            }
            permission = kind
        }
        whoCan.mode = .column
        whoCan.table = table.logicalName
        whoCan.column = column.logicalName
        whoCan.permission = permission
        whoCan.field = .results
        push(.whoCan)
        refreshWhoCan()
        return []
    }

    /// A table by logical, schema or display name, any case.
    private func table(named name: String, in env: Environment) -> Table? {
        let lower = name.lowercased()
        return env.tables.values.first {
            $0.logicalName.lowercased() == lower || $0.schemaName.lowercased() == lower || $0.displayName.lowercased() == lower
        }
    }

    /// Puts the browser cursor on an id of the current pane, clearing a filter that hides it and
    /// unfolding the business units it is inside of.
    mutating func selectInBrowser(_ id: String) {
        if pane == .businessUnits { unfoldBusinessUnits(above: id) }
        if list(pane).rows.firstIndex(of: id) == nil {
            lists[pane, default: ListState()].filter = ""
            refreshBrowserRows(pane)
        }
        if let index = list(pane).rows.firstIndex(of: id) {
            let rows = visibleRows(on: .browser)
            lists[pane]?.moveTo(index, height: rows)
        }
    }

    /// A unit inside a folded one has no row: the cursor could not go to it (after a move under a
    /// folded unit it stayed on the row index, on another unit, which the next key then edited).
    private mutating func unfoldBusinessUnits(above id: String) {
        guard let env = environment else { return }
        var unfolded = false
        var seen: Set<String> = []
        var current = env.businessUnits[id]?.parentId
        while let parent = current, seen.insert(parent).inserted {
            if collapsedBusinessUnits.remove(parent) != nil { unfolded = true }
            current = env.businessUnits[parent]?.parentId
        }
        if unfolded { refreshBusinessUnitRows() }
    }
}
