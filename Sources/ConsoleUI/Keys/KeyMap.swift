import SecurityModel
import TerminalCore

/// Every key the console understands, as one table: the loop resolves keys with it and the help
/// screen is generated from it, so the two cannot drift apart.
public enum KeyMap {
    private static func c(_ s: Character) -> Key { .char(s) }

    /// The bindings, most specific contexts first within each key.
    public static let bindings: [KeyBinding] = [
        // Everywhere
        KeyBinding([c("?"), .function(1)], .global, .helpRequested, "Show every key and command (type to search)"),
        KeyBinding([c(":")], .global, .commandLineOpened, "Command line: :users :roles :env prod :who-can :w :q … (Tab completes)"),
        KeyBinding([.escape], .global, .backRequested, "Back: close, clear the filter, or leave the screen"),
        KeyBinding([c("u")], .global, .undoRequested, "Undo the last edit"),
        KeyBinding([.ctrl("r")], .global, .redoRequested, "Redo"),
        KeyBinding([.ctrl("s")], .global, .saveRequested(path: nil), "Save (:w PATH saves as)"),
        KeyBinding([.ctrl("z")], .global, .suspendRequested, "Suspend to the shell (fg resumes; edits are journaled)"),
        KeyBinding(
            [], .global, nil,
            "Paste: into the open filter, command line, picker or help search as one line; ignored elsewhere, never run as keys",
            label: "(paste)"),
        KeyBinding([c("p")], .global, .screenRequested(.pendingChanges), "Pending changes (each readable, each revertable)"),
        KeyBinding([c("w")], .global, .screenRequested(.whoCan), "Who can … (table operation or secured column)"),
        KeyBinding([c("e")], .global, .screenRequested(.environmentPicker), "Environments"),
        KeyBinding([c("E")], .global, .screenRequested(.environmentSettings), "Environment settings (type, security group, admin mode …)"),
        KeyBinding(
            [c("B")], .global, .screenRequested(.diff), "Changes against the baseline (--baseline FILE), escalations first: the diff"),
        KeyBinding([c("F")], .global, .screenRequested(.findings), "Go-live findings of the environment"),
        KeyBinding([c("q"), .ctrl("c")], .global, .quitRequested(force: false), "Quit (asks when changes are unsaved; :q! discards)"),

        // Lists and matrices
        KeyBinding([c("j"), .down], .lists, .cursorMoved(.down), "Down"),
        KeyBinding([c("k"), .up], .lists, .cursorMoved(.up), "Up"),
        KeyBinding([c("h"), .left], .lists, .cursorMoved(.left), "Left: previous pane or column"),
        KeyBinding([c("l"), .right], .lists, .cursorMoved(.right), "Right: next pane or column"),
        KeyBinding([.pageDown, .ctrl("f")], .lists, .cursorMoved(.pageDown), "Page down"),
        KeyBinding([.pageUp, .ctrl("b")], .lists, .cursorMoved(.pageUp), "Page up"),
        KeyBinding([.ctrl("d")], .lists, .cursorMoved(.halfPageDown), "Half a page down (as in vim and less)"),
        KeyBinding([.ctrl("u")], .lists, .cursorMoved(.halfPageUp), "Half a page up"),
        KeyBinding([c("g"), .home], .lists, .cursorMoved(.top), "First row"),
        KeyBinding([c("G"), .end], .lists, .cursorMoved(.bottom), "Last row"),
        KeyBinding([.tab], .lists, .paneCycled(forward: true), "Next pane or tab"),
        KeyBinding([.backTab], .lists, .paneCycled(forward: false), "Previous pane or tab"),
        KeyBinding([c("/")], .lists, .filterStarted, "Live filter (Enter keeps it, Esc clears)"),
        KeyBinding([.enter], .lists, .selectionOpened, "Open the selection"),
        KeyBinding([c("J")], .lists, .detailScrolled(3), "Scroll the panel beside the list down (details, why, fix, lines, users, impact)"),
        KeyBinding([c("K")], .lists, .detailScrolled(-3), "Scroll that panel up"),

        // Browser
        KeyBinding(
            [c("1"), c("2"), c("3"), c("4"), c("5"), c("6")], .browser, nil,
            "Business units, users, teams, roles, profiles, tables"),
        KeyBinding([.enter, c(" ")], .browser, .selectionOpened, "Open; on a business unit, fold or unfold it"),
        KeyBinding([c("a")], .browser, .roleAssignmentRequested, "Assign a security role to the user or team"),
        KeyBinding([c("x")], .browser, .removalRequested, "Remove a role, membership or member"),
        KeyBinding([c("t")], .browser, .teamMembershipRequested, "Add the user to a team"),
        KeyBinding([c("+")], .browser, .memberAdditionRequested, "Add a member to the team or profile"),
        KeyBinding(
            [c("b")], .browser, .businessUnitChangeRequested,
            "Move the user to another business unit; on a business unit, move it (and those below) under another"),
        KeyBinding([c("f")], .browser, .profileMembershipRequested, "Add the user to a field security profile"),
        KeyBinding([c("d")], .browser, .userDisabledToggled, "Disable or enable the user"),
        KeyBinding([c("m")], .browser, .accessModeCycled, "Choose the access mode of the user (Read-Write, Read, Non-interactive …)"),
        KeyBinding(
            [c("c")], .browser, .roleCopyUnitRequested,
            "Which business unit's copy of a role the user or team holds (modernized business units: Local and Deep reach it)"),
        KeyBinding([c("i")], .browser, .memberInheritanceToggled, "Toggle the role's member privilege inheritance"),
        KeyBinding([c("n")], .browser, .creationRequested, "New role, team, profile or business unit (the list's kind; :new KIND NAME)"),
        KeyBinding([c("C")], .browser, .roleCopyRequested, "Copy the role: a new custom role with the same privileges"),
        KeyBinding([c("R")], .browser, .renameRequested, "Rename the role, team, profile or business unit"),
        KeyBinding([c("D")], .browser, .deletionRequested, "Delete the role, team, profile or business unit (asks, y/N)"),
        KeyBinding(
            [c("v")], .browser, .comparisonRequested, "Compare the user or role with another: what one has and the other lacks"),
        KeyBinding([c("H")], .browser, .roleHoldersRequested, "Who holds the role: users directly, teams and their members"),

        // Role editor
        KeyBinding([c("+"), c("=")], .roleEditor, .levelRaised, "Raise the level (cell; row on the table name; column on the header)"),
        KeyBinding([c("-")], .roleEditor, .levelLowered, "Lower the level"),
        KeyBinding([c(" ")], .roleEditor, .levelCycled, "Next level the table allows, then None"),
        KeyBinding(
            [c("0"), c("1"), c("2"), c("3"), c("4")], .roleEditor, nil,
            "Set None, User, Business Unit, Parent: Child Business Units, Organization (once moved to a cell: not after opening, a filter, Esc or Tab)"
        ),
        KeyBinding([c("i")], .roleEditor, .memberInheritanceToggled, "Toggle member privilege inheritance"),
        KeyBinding([c("c")], .roleEditor, .customTablesToggled, "Custom tables only"),
        KeyBinding([c("H")], .roleEditor, .roleHoldersRequested, "Who holds the role: users directly, teams and their members"),
        KeyBinding(
            [], .roleEditor, nil, "On a cell: who can do that on the table (Esc comes back); changes no level", label: "Enter"),
        KeyBinding([], .roleEditor, nil, "Table privileges, then miscellaneous privileges", label: "Tab / Shift-Tab"),
        KeyBinding([], .roleEditor, nil, "Filter the tables (or privileges) by name or prefix", label: "/"),

        // Effective access
        KeyBinding(
            [.tab], .effectiveAccess, .paneCycled(forward: true),
            "Next view: table privileges, column security, miscellaneous privileges"),
        KeyBinding([.backTab], .effectiveAccess, .paneCycled(forward: false), "Previous view"),
        KeyBinding([], .effectiveAccess, nil, "Show or hide the why panel: every grant and its path", label: "Enter"),
        KeyBinding([c("c")], .effectiveAccess, .customTablesToggled, "Custom tables only"),
        KeyBinding([c("a")], .effectiveAccess, .roleAssignmentRequested, "Assign a role to this user or team"),
        KeyBinding([c("x")], .effectiveAccess, .removalRequested, "Remove a role or membership"),
        KeyBinding([c("t")], .effectiveAccess, .teamMembershipRequested, "Add the user to a team"),
        KeyBinding([c("b")], .effectiveAccess, .businessUnitChangeRequested, "Move the user to another business unit"),
        KeyBinding([c("f")], .effectiveAccess, .profileMembershipRequested, "Add the user to a field security profile"),
        KeyBinding([c("d")], .effectiveAccess, .userDisabledToggled, "Disable or enable the user"),
        KeyBinding(
            [c("m")], .effectiveAccess, .accessModeCycled, "Choose the access mode of the user (Read-Write, Read, Non-interactive …)"),
        KeyBinding([c("v")], .effectiveAccess, .comparisonRequested, "Compare the user with another"),

        // Who can
        KeyBinding([c("t")], .whoCan, .tablePickerRequested, "Choose the table"),
        KeyBinding([c("o")], .whoCan, .whoCanOperationCycled(forward: true), "Next operation"),
        KeyBinding([c("O")], .whoCan, .whoCanOperationCycled(forward: false), "Previous operation"),
        KeyBinding([c("m")], .whoCan, .whoCanLevelCycled(forward: true), "Next minimum level"),
        KeyBinding([c("M")], .whoCan, .whoCanLevelCycled(forward: false), "Previous minimum level"),
        KeyBinding([c("D")], .whoCan, .dormantUsersToggled, "Show or hide dormant users (disabled, unlicensed …)"),
        KeyBinding([c("c")], .whoCan, .whoCanModeToggled, "Column mode: who can read, create, update a secured column (again: table mode)"),
        KeyBinding([c("s")], .whoCan, .columnPickerRequested, "Choose the secured column (column mode)"),
        KeyBinding([c("r")], .whoCan, .whoCanPermissionCycled, "Next column permission: Read, Create, Update, Read unmasked"),
        KeyBinding(
            [], .whoCan, nil,
            "On a user: their why, every grant and its path; on a field of the form: choose the table or column, or the next value",
            label: "Enter"),

        // Pending changes
        KeyBinding([c("x"), c("d"), .delete], .pendingChanges, .revertRequested, "Revert the selected change"),

        // Profile editor
        KeyBinding([c(" ")], .profileEditor, .levelCycled, "Allow or disallow (Read unmasked: none, one record, all)"),
        KeyBinding([c("s")], .profileEditor, .columnSecuredToggled, "Secure or unsecure the column"),
        KeyBinding([c("A")], .profileEditor, .allColumnsToggled, "Show every column, not only secured ones"),
        KeyBinding([c("+")], .profileEditor, .memberAdditionRequested, "Add a user or team to the profile"),
        KeyBinding([c("x")], .profileEditor, .removalRequested, "Remove a member"),

        // Environment settings
        KeyBinding([.enter, c(" ")], .environmentSettings, .selectionOpened, "Toggle, choose or edit the setting"),

        // Diff
        KeyBinding([c("r")], .diff, .diffRiskCycled, "Only escalations, then reductions, then neutral changes, then all"),
        KeyBinding(
            [c("s")], .diff, .diffReachSortToggled, "The changes that move the most users' access first, or escalations first again"),

        KeyBinding([], .diff, nil, "Narrow to one kind of object (roles, teams, users …)", label: "Tab / Shift-Tab"),
        KeyBinding([], .diff, nil, "Filter the changes by name", label: "/"),
        KeyBinding([], .diff, nil, "The users the change reaches, each with the lines it moves (J/K scroll)", label: "Enter"),
        KeyBinding(
            [], .diff, nil,
            "On a change: the effective access of the user at the top of its users (after /, the first match); Esc comes back",
            label: "Enter (on a change)"),

        // Findings (keys of lists; listed here so that the section says what they do)
        KeyBinding(
            [], .findings, nil, "Go to the place to fix it: role editor, effective access, profile … (Esc comes back)", label: "Enter"),
        KeyBinding([], .findings, nil, "Filter the findings by rule, place or text", label: "/"),
        KeyBinding([], .findings, nil, "Scroll the finding's fix", label: "J / K"),

        // Holders of a role (keys of lists, listed so that the section says what they do)
        KeyBinding([], .roleHolders, nil, "The user's effective access (Esc comes back)", label: "Enter"),
        KeyBinding([], .roleHolders, nil, "Filter by name, domain name or team", label: "/"),

        // Typing
        KeyBinding([], .textInput, nil, "Type the filter, command or name", typesText: true),
        KeyBinding([.backspace], .textInput, .textErased, "Delete a character"),
        KeyBinding([.ctrl("u")], .textInput, .textCleared, "Clear the line"),
        KeyBinding([.tab], .textInput, .completionRequested, "Complete the command (again: next candidate)"),
        KeyBinding([.enter], .textInput, .inputSubmitted, "Run the command / keep the filter / take the name"),
        KeyBinding([.escape], .textInput, .inputCancelled, "Cancel"),
        KeyBinding(
            [.up], .textInput, .lineHistoryStepped(earlier: true),
            "Command line: the previous command of this session's history (only those starting with what is typed, as in vim); the list behind never moves"
        ),
        KeyBinding([.down], .textInput, .lineHistoryStepped(earlier: false), "Command line: the next command, then the line as typed"),

        KeyBinding([], .picker, nil, "Type to narrow the choices", typesText: true),
        KeyBinding([.up, .ctrl("p")], .picker, .cursorMoved(.up), "Up"),
        KeyBinding([.down, .ctrl("n")], .picker, .cursorMoved(.down), "Down"),
        KeyBinding([.pageUp], .picker, .cursorMoved(.pageUp), "Page up"),
        KeyBinding([.pageDown], .picker, .cursorMoved(.pageDown), "Page down"),
        KeyBinding([.backspace], .picker, .textErased, "Delete a character"),
        KeyBinding([.ctrl("u")], .picker, .textCleared, "Clear the filter"),
        KeyBinding([.enter], .picker, .inputSubmitted, "Choose"),
        KeyBinding([.escape], .picker, .inputCancelled, "Cancel"),

        KeyBinding([], .help, nil, "Type to search the keys and commands", typesText: true),
        KeyBinding([.up, .down, .pageUp, .pageDown], .help, nil, "Scroll"),
        KeyBinding([.backspace], .help, .textErased, "Delete a search character"),
        KeyBinding([.ctrl("u")], .help, .textCleared, "Clear the search"),
        KeyBinding([.escape, .enter, .function(1)], .help, .backRequested, "Close the help"),

        KeyBinding([], .dialog, nil, "The letter shown before each answer; Esc cancels (y/N: Enter is no)", typesText: true),
    ]

    /// The contexts that apply in a state, most specific first.
    public static func contexts(for state: AppState) -> [KeyContext] {
        if state.dialog != nil { return [.dialog] }
        if state.picker != nil { return [.picker] }
        if state.help != nil { return [.help] }
        if state.input != nil { return [.textInput] }
        let screen: KeyContext? =
            switch state.screen {
            case .environmentPicker: nil
            case .browser: .browser
            case .roleEditor: .roleEditor
            case .effectiveAccess: .effectiveAccess
            case .whoCan: .whoCan
            case .pendingChanges: .pendingChanges
            case .profileEditor: .profileEditor
            case .environmentSettings: .environmentSettings
            case .diff: .diff
            case .findings: .findings
            case .roleHolders: .roleHolders
            case .diffEntry, .comparison: nil
            }
        return (screen.map { [$0] } ?? []) + [.lists, .global]
    }

    /// What a paste does: text for the line, picker or help search that is open, nothing while a
    /// question waits (no answer is pasted), and a refusal anywhere else, where its letters would
    /// be commands.
    public static func action(forPaste text: String, in state: AppState) -> Action? {
        guard state.dialog == nil else { return nil }
        guard let context = contexts(for: state).first, context.takesText else { return .pasteRefused }
        var line = BracketedPaste.singleLine(text)
        // Into an empty line, leading spaces mean nothing; after typed text they separate.
        if currentText(of: state).isEmpty { line = String(line.drop(while: \.isWhitespace)) }
        return line.isEmpty ? nil : .textPasted(line)
    }

    /// The text of the line, picker filter or help search a paste would go into.
    private static func currentText(of state: AppState) -> String {
        state.picker?.filter ?? state.help?.search ?? state.input?.text ?? ""
    }

    /// The action a key sends in a state, or nil when it means nothing there.
    public static func action(for key: Key, in state: AppState) -> Action? {
        let contexts = contexts(for: state)
        // Ctrl-Z suspends from anywhere, as the help's "Everywhere" says; Ctrl-C, which quits
        // from a screen, cancels what is open on top of it.
        if key == .ctrl("z") { return .suspendRequested }
        if key == .ctrl("c") && (state.dialog != nil || state.picker != nil || state.help != nil || state.input != nil) {
            return state.dialog != nil ? .backRequested : .inputCancelled
        }
        if let dialog = state.dialog {
            if key == .escape { return .backRequested }
            if key == .enter { return .inputSubmitted }
            if case .char(let ch) = key, let answer = dialog.answers.first(where: { $0.key == Character(ch.lowercased()) }) {
                return .dialogAnswered(answer)
            }
            // Typing meant for elsewhere (":messages") reached the question silently, until a
            // letter of it answered (found by a console review): the other letters say so.
            if case .char = key { return .dialogKeyIgnored }
            return nil
        }
        for context in contexts {
            if let special = parameterised(key, context) { return special }
            if let binding = bindings.first(where: { $0.context == context && $0.action != nil && $0.keys.contains(key) }) {
                return binding.action
            }
            if context.takesText {
                if key == .up || key == .down || key == .pageUp || key == .pageDown || key == .home || key == .end {
                    return context == .help ? .cursorMoved(move(key)) : nil
                }
                if case .char(let ch) = key { return .textTyped(ch) }
                return nil
            }
        }
        return nil
    }

    /// Keys whose action carries the key itself: digits.
    private static func parameterised(_ key: Key, _ context: KeyContext) -> Action? {
        guard case .char(let ch) = key, let digit = ch.wholeNumberValue, ch.isASCII else { return nil }
        switch context {
        case .browser where (1...6).contains(digit): return Pane(rawValue: digit - 1).map { .paneChosen($0) }
        case .roleEditor where (0...4).contains(digit): return AccessLevel(rawValue: UInt8(digit)).map { .levelChosen($0) }
        default: return nil
        }
    }

    private static func move(_ key: Key) -> CursorMove {
        switch key {
        case .up: .up
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .home: .top
        case .end: .bottom
        default: .down
        }
    }
}
