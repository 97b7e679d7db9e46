import SecurityModel

/// Creating, copying, renaming and deleting roles, teams, field security profiles and business
/// units. The console only gathers a name (or a y/N); every rule, from "a role needs a name" to
/// "the root business unit cannot be deleted", is the domain's, and its message is shown as is.
extension AppState {
    /// The role, team, profile or business unit that rename and delete act on: the browser's
    /// selection, or the role or profile open in its editor.
    var lifecycleTarget: (kind: EntityKind, id: String)? {
        switch screen {
        case .browser:
            guard let id = selectedId, let kind = EntityKind(pane: pane) else { return nil }
            return (kind, id)
        case .roleEditor: return roleEditor.map { (.role, $0.roleId) }
        case .profileEditor: return profileEditor.map { (.profile, $0.profileId) }
        default: return nil
        }
    }

    /// The business unit selected in the business-units list (the root until one is chosen):
    /// where a new team goes, and what a new business unit goes under.
    var chosenBusinessUnit: String? {
        guard let env = environment else { return nil }
        if let id = list(.businessUnits).selectedId, env.businessUnits[id] != nil { return id }
        return env.rootBusinessUnit?.id
    }

    /// `n`: asks for the name of a new entity of the pane's kind.
    mutating func requestCreation() {
        guard screen == .browser, let kind = EntityKind(pane: pane) else {
            status = StatusMessage("n creates a business unit, team, role or profile: open one of those lists (1, 3, 4, 5)")
            return
        }
        openCreationPrompt(kind)
    }

    /// Opens the name line for a new entity of `kind` (`:new KIND` without a name).
    mutating func openCreationPrompt(_ kind: EntityKind, text: String = "") {
        guard let prompt = creationPrompt(kind) else { return }
        input = InputLine(purpose: .name(prompt), text: text)
    }

    /// What creating a `kind` asks for a name of, and where it goes; `nil` (with the reason in the
    /// status line) when nothing can be created.
    private mutating func creationPrompt(_ kind: EntityKind) -> NamePrompt? {
        guard !refuseIfReadOnly(), let env = environment else { return nil }
        let parent: String?
        let label: String
        switch kind {
        case .role:
            parent = env.rootBusinessUnit?.id
            label = "New security role (business unit \(Labels.businessUnit(parent ?? "", env))): "
        case .team:
            parent = chosenBusinessUnit
            label = "New owner team in \(Labels.businessUnit(parent ?? "", env)): "
        case .businessUnit:
            parent = chosenBusinessUnit
            label = "New business unit under \(Labels.businessUnit(parent ?? "", env)): "
        case .profile:
            parent = nil
            label = "New field security profile: "
        }
        return NamePrompt(.create(kind, parent: parent), label: label)
    }

    /// `C`: asks for the name of a copy of the selected role.
    mutating func requestRoleCopy() {
        guard let target = lifecycleTarget, target.kind == .role else {
            status = StatusMessage("Select a role to copy (C, or :copy role NAME)")
            return
        }
        openCopyPrompt(target.id)
    }

    private mutating func openCopyPrompt(_ roleId: String, text: String? = nil) {
        guard !refuseIfReadOnly(), let env = environment else { return }
        let name = Labels.role(roleId, env)
        // A name no role has yet: "Copy of System Administrator" is often there already.
        let taken = Set(env.roles.values.map { $0.name.lowercased() })
        let free =
            (["Copy of \(name)"] + (2...99).map { "Copy of \(name) (\($0))" }).first { !taken.contains($0.lowercased()) }
            ?? "Copy of \(name)"
        input = InputLine(
            purpose: .name(NamePrompt(.copyRole(from: roleId), label: "Copy of role \(name), named: ")),
            text: text ?? free)
    }

    /// `R`: asks for a new name, starting from the current one.
    mutating func requestRename() {
        guard let target = lifecycleTarget else {
            status = StatusMessage("Select a business unit, team, role or profile to rename (R)")
            return
        }
        openRenamePrompt(target.kind, target.id)
    }

    private mutating func openRenamePrompt(_ kind: EntityKind, _ id: String) {
        guard !refuseIfReadOnly(), let env = environment else { return }
        let current = currentName(kind, id, in: env)
        // Asked of the domain before a name is typed, as D asks before the question: what cannot
        // be renamed (System Administrator, a default team) is refused at once, not after typing.
        var copy = snapshot
        do {
            _ = try copy.apply(Self.rename(kind, id, to: current, in: env.id))
        } catch {
            status = .error(error.message)
            return
        }
        input = InputLine(
            purpose: .name(NamePrompt(.rename(kind, id: id), label: "Rename \(kind.label) \(current) to: ")),
            text: current)
    }

    private func currentName(_ kind: EntityKind, _ id: String, in env: Environment) -> String {
        switch kind {
        case .role: Labels.role(id, env)
        case .team: Labels.team(id, env)
        case .profile: Labels.profile(id, env)
        case .businessUnit: Labels.businessUnit(id, env)
        }
    }

    /// Enter on the name line: the change goes through the domain like any edit.
    mutating func submitName(_ prompt: NamePrompt, _ text: String) -> [Effect] {
        guard let env = environment else { return [] }
        // Trimmed as Dataverse trims names (a no-break space too); what is left the domain checks.
        let name = RecordName.trimmed(text)
        let e = env.id
        switch prompt.intent {
        case .create(let kind, let parent):
            var ids = newIds
            let id = ids.next(in: env)
            let change: Change =
                switch kind {
                case .role: .createRole(environment: e, role: SecurityRole(id: id, name: name, businessUnitId: parent ?? ""))
                case .team: .createTeam(environment: e, team: Team(id: id, name: name, businessUnitId: parent ?? "", type: .owner))
                case .profile: .createProfile(environment: e, profile: FieldSecurityProfile(id: id, name: name))
                case .businessUnit:
                    // With its default team, which Dataverse makes with every business unit
                    // (DATAVERSE.md §1.1): one edit, undone as one.
                    .compound([
                        .createBusinessUnit(environment: e, businessUnit: BusinessUnit(id: id, name: name, parentId: parent)),
                        .createTeam(environment: e, team: Team(id: ids.next(in: env), name: name, businessUnitId: id, isDefault: true)),
                    ])
                }
            return applyCreation(change, kind: kind, id: id, ids: ids)
        case .copyRole(let source):
            var ids = newIds
            let id = ids.next(in: env)
            do {
                return applyCreation(try env.copyOfRole(source, id: id, name: name), kind: .role, id: id, ids: ids)
            } catch {
                status = .error(error.message)
                return []
            }
        case .rename(let kind, let id):
            // Enter on the name as it was is no edit: nothing pending, journaled or to undo.
            if name == currentName(kind, id, in: env) {
                status = StatusMessage("Name unchanged: \(kind.label) \(name) keeps its name")
                return []
            }
            let effects = applyEdit(Self.rename(kind, id, to: name, in: e))
            if !effects.isEmpty { warnIfNameIsShared(kind, id) }
            return effects
        }
    }

    /// The change that renames the `kind` of `id`.
    private static func rename(_ kind: EntityKind, _ id: String, to name: String, in e: String) -> Change {
        switch kind {
        case .role: .renameRole(environment: e, role: id, name: name)
        case .team: .renameTeam(environment: e, team: id, name: name)
        case .profile: .renameProfile(environment: e, profile: id, name: name)
        case .businessUnit: .renameBusinessUnit(environment: e, businessUnit: id, name: name)
        }
    }

    /// Applies a creation; when the domain accepts it, the id is used up and the browser shows
    /// the new entity selected.
    private mutating func applyCreation(_ change: Change, kind: EntityKind, id: String, ids: NewIDSource) -> [Effect] {
        let effects = applyEdit(change)
        guard !effects.isEmpty else { return effects }
        newIds = ids
        if screen != .browser { returnToBrowser() }
        pane = kind.pane
        selectInBrowser(id)
        warnIfNameIsShared(kind, id)
        return effects
    }

    /// Dataverse accepts two roles (or teams) of one name in a business unit, but people and
    /// tools then tell them apart only by id: said at once, not found later by a `--role` that
    /// stops working. Teams and business units anywhere in the environment: the diff matches
    /// them by name (a unit by its path) when their ids differ, and two of one name match wrongly.
    mutating func warnIfNameIsShared(_ kind: EntityKind, _ id: String) {
        guard let env = environment else { return }
        // Roles share a name within a business unit; teams, units and profiles in the environment.
        let named: [(id: String, name: String, unit: String?)]
        switch kind {
        case .role: named = env.roles.values.map { ($0.id, $0.name, $0.businessUnitId) }
        case .team: named = env.teams.values.map { ($0.id, $0.name, nil) }
        case .profile: named = env.fieldSecurityProfiles.values.map { ($0.id, $0.name, nil) }
        case .businessUnit: named = env.businessUnits.values.map { ($0.id, $0.name, nil) }
        }
        guard let this = named.first(where: { $0.id == id }) else { return }
        let others = named.count { $0.id != id && $0.unit == this.unit && $0.name.lowercased() == this.name.lowercased() }
        guard others > 0, let done = status?.text else { return }
        let place = kind == .role ? "in the same business unit" : "in this environment"
        status = .warning(
            done + " — another \(kind.label) of this name is \(place); only the id tells them apart, "
                + "and the diff matches by name when ids differ (R renames)")
    }

    /// `D`: asks before deleting, saying what the domain says goes with it; a deletion the
    /// domain refuses is not asked about, its reason is shown.
    mutating func requestDeletion() {
        guard let target = lifecycleTarget else {
            status = StatusMessage("Select a business unit, team, role or profile to delete (D)")
            return
        }
        guard !refuseIfReadOnly(), let env = environment else { return }
        let e = env.id
        let change: Change =
            switch target.kind {
            case .role: .deleteRole(environment: e, role: target.id)
            case .team: .deleteTeam(environment: e, team: target.id)
            case .profile: .deleteProfile(environment: e, profile: target.id)
            case .businessUnit: .deleteBusinessUnit(environment: e, businessUnit: target.id)
            }
        var copy = snapshot
        do {
            let inverse = try copy.apply(change)
            dialog = .confirmDeletion(DeletionDescription.question(for: change, inverse: inverse, in: env))
        } catch {
            status = .error(error.message)
        }
    }

    /// "y" to a deletion question.
    mutating func confirmDeletion(_ question: DeletionQuestion) -> [Effect] {
        applyEdit(question.change)
    }

    /// `:new KIND [NAME]`, `:copy role [NAME]`, `:rename [NAME]`, `:delete`.
    mutating func runLifecycleCommand(_ command: String, _ argument: String) -> [Effect] {
        guard environment != nil else {
            status = .warning("Choose an environment first")
            return []
        }
        let word = String(argument.prefix { $0 != " " })
        let rest = Self.unquoted(String(argument.dropFirst(word.count)).trimmingCharacters(in: .whitespaces))
        switch command {
        case "new":
            guard let kind = EntityKind(commandWord: word) else {
                status = .error("What to create? :new role|team|profile|bu NAME")
                return []
            }
            if rest.isEmpty {
                openCreationPrompt(kind)
                return []
            }
            guard let prompt = creationPrompt(kind) else { return [] }
            return submitName(prompt, rest)
        case "copy":
            let name = word.lowercased() == "role" ? rest : Self.unquoted(argument)
            guard let target = lifecycleTarget, target.kind == .role else {
                status = StatusMessage("Select a role to copy (:copy role NAME copies the selected role)")
                return []
            }
            if name.isEmpty {
                openCopyPrompt(target.id)
                return []
            }
            return submitName(NamePrompt(.copyRole(from: target.id), label: ""), name)
        case "rename":
            guard let target = lifecycleTarget else {
                status = StatusMessage("Select a business unit, team, role or profile to rename")
                return []
            }
            if argument.isEmpty {
                openRenamePrompt(target.kind, target.id)
                return []
            }
            guard !refuseIfReadOnly() else { return [] }
            return submitName(NamePrompt(.rename(target.kind, id: target.id), label: ""), Self.unquoted(argument))
        default:
            requestDeletion()
            return []
        }
    }

    /// A name given on the command line in quotes, as a shell takes it: `:new role "  Q R  "` is
    /// the role `Q R` (trimmed as every name), not one whose name holds the quotes (a review).
    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast())
    }
}
