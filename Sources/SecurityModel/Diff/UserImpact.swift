import Dispatch

/// The route by which a user holds a level, named for display ("via team Sales EU -> role Seller").
///
/// A class, not a struct: a diff of 100,000 users has over half a million access lines and a few
/// thousand distinct paths, so lines share them (one reference instead of five strings each).
/// Equality and hashing are by value.
public final class ImpactPath: Hashable, Sendable, CustomStringConvertible {
    /// How the role reaches the user.
    public enum Kind: String, Sendable, Hashable {
        /// The role is assigned to the user.
        case direct
        /// The role is held through an owner or group team.
        case team
        /// The team role's Basic grant, held directly through member privilege inheritance.
        case inherited
    }

    public let kind: Kind
    public let roleId: String
    public let roleName: String
    public let teamId: String?
    public let teamName: String?
    /// The grant comes from System Administrator.
    public let isSystemAdministrator: Bool
    /// The business unit Local and Deep refer to (its path).
    public let scope: String
    /// ``scope`` is not the user's own business unit (a team's unit, a modernized role copy's):
    /// the lines then name it beside a Local or Deep level (``TableAccessChange/shownScope(old:)``).
    public let scopeIsAnotherUnit: Bool
    /// What an inferred rule says of the route: a team of a disabled business unit, whose members
    /// who sign in keep what it holds [I] (``Environment/disabledTeamUnitWords(_:)``).
    public let note: String?

    public init(
        kind: Kind, roleId: String, roleName: String, teamId: String? = nil, teamName: String? = nil,
        isSystemAdministrator: Bool = false, scope: String = "", scopeIsAnotherUnit: Bool = false, note: String? = nil
    ) {
        self.kind = kind
        self.roleId = roleId
        self.roleName = roleName
        self.teamId = teamId
        self.teamName = teamName
        self.isSystemAdministrator = isSystemAdministrator
        self.scope = scope
        self.scopeIsAnotherUnit = scopeIsAnotherUnit
        self.note = note
        let said = note.map { " [\($0)]" } ?? ""
        switch kind {
        case .direct: description = "role \(quotedName(roleName))"
        case .team: description = "team \(quotedName(teamName ?? teamId ?? "?")) -> role \(quotedName(roleName))" + said
        case .inherited:
            description = "team \(quotedName(teamName ?? teamId ?? "?")) -> role \(quotedName(roleName)) (inherited Basic)" + said
        }
    }

    /// `role "Seller"`, `team "Sales EU" -> role "Seller"`, `team "Sales EU" -> role "Seller" (inherited Basic)`:
    /// names in quotes (``quotedName(_:)``), so that a name cannot pass for the words around it.
    public let description: String

    public static func == (a: ImpactPath, b: ImpactPath) -> Bool {
        a === b
            || (a.kind == b.kind && a.roleId == b.roleId && a.roleName == b.roleName && a.teamId == b.teamId
                && a.teamName == b.teamName && a.isSystemAdministrator == b.isSystemAdministrator && a.scope == b.scope
                && a.scopeIsAnotherUnit == b.scopeIsAnotherUnit && a.note == b.note)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(roleId)
        hasher.combine(roleName)
        hasher.combine(teamId)
        hasher.combine(teamName)
        hasher.combine(isSystemAdministrator)
        hasher.combine(scope)
        hasher.combine(scopeIsAnotherUnit)
        hasher.combine(note)
    }
}

/// A user's effective level for one table operation, before and after.
public struct TableAccessChange: Hashable, Sendable {
    public var table: String
    public var operation: TableOperation
    /// Runtime level in the base (the granted level for a dormant line).
    public var old: AccessLevel
    public var new: AccessLevel
    /// The winning grant in the base and in the target, when there is one.
    public var oldPath: ImpactPath?
    public var newPath: ImpactPath?
    /// The business units Local/Deep refer to, when the level is Local or Deep; set on scope lines.
    public var oldScope: [String]
    public var newScope: [String]
    /// The user is dormant (disabled, outside the security group, unlicensed, admin mode) on both
    /// sides: the grants change but nothing changes at run time.
    public var isDormant: Bool
    public var risk: RiskClass
    public var reasons: [RiskReason]
    /// On an owner line (same level, other owners' records reached): the record-owning teams the
    /// user joined or left that moved it, by id.
    public var ownerTeamsMoved: Set<String> = []
    /// The user is in access mode Read in the base (``oldReadAccessMode``) or the target
    /// (``newReadAccessMode``) and the operation is not Read: that side's level is None by that
    /// rule whatever the roles grant [I] (DATAVERSE.md §2 rule 4). The lines an access mode
    /// change moves say so (a docs review found them unlabelled).
    public var oldReadAccessMode = false
    public var newReadAccessMode = false

    /// What follows a side's level when a rule rather than the grants sets it:
    /// ` (access mode Read [I])`, or `""`.
    public func ruleMark(old side: Bool) -> String {
        (side ? oldReadAccessMode : newReadAccessMode) ? " (\(Self.readAccessModeRule))" : ""
    }

    /// The rule said in words for a note (JSON `note`): `access mode Read in the base: only the
    /// Read privilege applies [I]`; `nil` when no rule sets either side.
    public var note: String? {
        let sides = [(oldReadAccessMode, "the base"), (newReadAccessMode, "the target")].filter(\.0).map(\.1)
        guard !sides.isEmpty else { return nil }
        return "access mode Read in \(sides.joined(separator: " and ")): only the Read privilege applies [I]"
    }

    /// `access mode Read [I]`: the words a line puts after a level that access mode Read sets.
    public static let readAccessModeRule = "access mode Read [I]"

    /// Whether the level is the same and only the scope business unit moved.
    public var isScopeChange: Bool { old == new }

    /// The path shown with the line: the grant that decides the new level for a rise, and for a
    /// scope moved or widened (the grant whose units came into reach); the one that decided the
    /// old level for a fall, and for a scope narrowed (the grant whose units went out of reach).
    /// The business units a side's level reaches, as the lines show them: a scope line's units;
    /// for a Local or Deep level whose deciding grant is scoped to another unit than the user's
    /// own (a team's grant takes the team's unit, DATAVERSE.md §2 rule 2), that unit (found by a
    /// domain review: `User -> Business Unit via team "Sales"` read as the user's own unit; only
    /// the JSON's path said which); `[]` otherwise.
    public func shownScope(old side: Bool) -> [String] {
        let scope = side ? oldScope : newScope
        if !scope.isEmpty { return scope }
        let level = side ? old : new
        guard level == .businessUnit || level == .parentChildBusinessUnits, let path = side ? oldPath : newPath,
            path.scopeIsAnotherUnit, !path.scope.isEmpty
        else { return [] }
        return [path.scope]
    }

    public var shownPath: ImpactPath? {
        if isScopeChange || reasons.contains(.scopeChanged) || reasons.contains(.ownersChanged) {
            return risk == .reduction ? (oldPath ?? newPath) : (newPath ?? oldPath)
        }
        return new > old ? newPath : (oldPath ?? newPath)
    }
}

/// A user's access to a secured column for one permission kind, before and after.
public struct ColumnAccessChange: Hashable, Sendable {
    public var column: ColumnReference
    public var kind: ColumnPermissionKind
    public var old: Bool
    public var new: Bool
    /// Read unmasked: how far it goes on each side that has it (One record, All records), `nil`
    /// on a side without it (and on every other permission). Both set: allowed on both sides,
    /// reaching further or less far.
    public var oldUnmasked: UnmaskedRead? = nil
    public var newUnmasked: UnmaskedRead? = nil

    /// The values in words: `allowed` or `no`, or the Read unmasked scopes ("One record").
    public var oldLabel: String { oldUnmasked?.label ?? (old ? "allowed" : "no") }
    public var newLabel: String { newUnmasked?.label ?? (new ? "allowed" : "no") }
    /// `+` the user can do more, `-` less, `~` dormant (only the grants move).
    public var symbol: String {
        if isDormant { return "~" }
        if let o = oldUnmasked, let n = newUnmasked { return n.rawValue > o.rawValue ? "+" : "-" }
        return new ? "+" : "-"
    }
    /// The routes of the side that allows it: the new one when it is gained, else the old one.
    public var shownVia: [String] { new ? newVia : oldVia }
    /// How the side that allows it allows it: `System Administrator`, `profile HR (direct)`,
    /// `profile HR (team Payroll)`, or `column not secured`.
    public var oldVia: [String]
    public var newVia: [String]
    /// The field security profiles (ids) that allow it on each side, as ``oldVia`` and ``newVia``
    /// name them: which profile's change moves the line (``UserImpact/lines(through:)``).
    public var oldProfileIds: [String] = []
    public var newProfileIds: [String] = []
    public var isDormant: Bool
    public var risk: RiskClass
    public var reasons: [RiskReason]
    /// The secured column is gained (or lost) where the user has no table operation it goes with
    /// (Read for read, Create, Write for update): no record to use it on, so the line is neutral,
    /// as who-can lists such a user without counting them. `nil` for every other line.
    public var withoutTableOperation: TableOperation? = nil

    /// "no Read on contoso_employee: no record to read it on".
    public var withoutTableOperationWords: String? {
        withoutTableOperation.map { _ in kind.withoutTableOperationWords(table: column.table) }
    }
}

/// Miscellaneous-privilege lines of one user that move alike (same levels, same path, same risk),
/// shown as one line: System Administrator granted moves every documented privilege at once, and
/// 54 lines saying the same thing hide the rest of the impact.
public struct MiscPrivilegeChangeGroup: Hashable, Sendable {
    /// The first line; the others differ from it only by name.
    public var first: MiscPrivilegeChange
    /// Every privilege of the group, in the order of the lines.
    public var names: [String]

    /// `prvBulkDelete`, or `54 privileges (prvActivateSynchronousWorkflow, prvActOnBehalfOfAnotherUser,
    /// prvAddressBook, … 51 more)`.
    public var label: String {
        guard names.count > 1 else { return names.first ?? first.name }
        let shown = names.prefix(3).joined(separator: ", ")
        return "\(names.count) privileges (\(shown)\(names.count > 3 ? ", … \(names.count - 3) more" : ""))"
    }

    /// Consecutive and non-consecutive lines that move alike, grouped in the order they first appear.
    public static func grouping(_ changes: [MiscPrivilegeChange]) -> [MiscPrivilegeChangeGroup] {
        var groups: [MiscPrivilegeChangeGroup] = []
        var index: [MiscPrivilegeChange: Int] = [:]
        for c in changes {
            var key = c
            key.name = ""
            if let g = index[key] {
                groups[g].names.append(c.name)
            } else {
                index[key] = groups.count
                groups.append(MiscPrivilegeChangeGroup(first: c, names: [c.name]))
            }
        }
        return groups
    }
}

/// A user's level for one miscellaneous privilege (`prvExportToExcel`), before and after.
public struct MiscPrivilegeChange: Hashable, Sendable {
    /// The privilege as the roles spell it.
    public var name: String
    /// Runtime level (the granted level for a dormant line).
    public var old: AccessLevel
    public var new: AccessLevel
    /// The role (and team) granting it on each side, when one does: `team Sales -> role Seller`.
    public var oldVia: String?
    public var newVia: String?
    public var isDormant: Bool
    public var risk: RiskClass
    public var reasons: [RiskReason]
    /// The privilege writes and the user is in access mode Read in the base (``oldReadAccessMode``)
    /// or the target (``newReadAccessMode``): granted there but not effective [I]
    /// (EffectiveAccessRules rule 13).
    public var oldReadAccessMode = false
    public var newReadAccessMode = false

    /// `+` the level rises, `-` it falls, `~` dormant (only the grants move).
    public var symbol: String { isDormant ? "~" : (new > old ? "+" : "-") }

    /// What follows a side's level when access mode Read keeps the privilege from working there:
    /// ` (access mode Read [I])`, as on a table line, or `""`.
    public func ruleMark(old side: Bool) -> String {
        (side ? oldReadAccessMode : newReadAccessMode) ? " (\(TableAccessChange.readAccessModeRule))" : ""
    }

    /// The rule in words for a note (JSON `note`), `nil` when access mode Read sets neither side.
    public var note: String? {
        let sides = [(oldReadAccessMode, "the base"), (newReadAccessMode, "the target")].filter(\.0).map(\.1)
        guard !sides.isEmpty else { return nil }
        return "access mode Read in \(sides.joined(separator: " and ")): a privilege that writes is not effective [I]"
    }
    /// The role that grants the level shown: the new one for a rise, else the old one (or the new
    /// one when only it is known).
    public var shownVia: String? { new > old ? newVia : (oldVia ?? newVia) }
}

/// How one user's effective access changes: the impact of a diff on a person.
public struct UserImpact: Hashable, Sendable, Identifiable {
    public var userId: String
    public var name: String
    public var domainName: String
    /// The changes that touched this user, in words ("role Seller assigned", "added to team Sales").
    public var causes: [String]
    /// The entries (``DiffEntry/id``) behind ``causes``, in the same order, each once: which
    /// changed objects reach this user.
    public var causeEntries: [String]
    /// Table operations whose level (or scope) changes, by table then operation.
    public var tableChanges: [TableAccessChange]
    /// Secured-column permissions gained or lost.
    public var columnChanges: [ColumnAccessChange]
    /// Miscellaneous privileges whose level changes, by name.
    public var miscChanges: [MiscPrivilegeChange]
    /// Dormancy before and after (empty = active).
    public var oldDormancy: [Dormancy]
    public var newDormancy: [Dormancy]
    /// The worst risk of the lines.
    public var risk: RiskClass
    /// How much access rises: the sum of level steps gained (table and miscellaneous privileges),
    /// plus two per secured column permission gained and one per scope move. Used to name the users whose access rises the most.
    public var escalationScore: Int

    public var id: String { userId }

    public init(
        userId: String, name: String, domainName: String, causes: [String], causeEntries: [String] = [],
        tableChanges: [TableAccessChange],
        columnChanges: [ColumnAccessChange], miscChanges: [MiscPrivilegeChange] = [], oldDormancy: [Dormancy],
        newDormancy: [Dormancy]
    ) {
        self.userId = userId
        self.name = name
        self.domainName = domainName
        self.causes = causes
        self.causeEntries = causeEntries
        self.tableChanges = tableChanges
        self.columnChanges = columnChanges
        self.miscChanges = miscChanges
        self.oldDormancy = oldDormancy
        self.newDormancy = newDormancy
        // Read in place: a diff builds 100,000 of these, and copying each line retains its strings.
        var worst = RiskClass.neutral
        var score = 0
        tableChanges.withUnsafeBufferPointer { lines in
            for i in lines.indices {
                let r = lines[i].risk
                if r < worst { worst = r }
                if r == .escalation {
                    // A scope moved counts one (also with a level lowered: records of another unit).
                    score += max(1, Int(lines[i].new.rawValue) - Int(lines[i].old.rawValue))
                }
            }
        }
        columnChanges.withUnsafeBufferPointer { lines in
            for i in lines.indices {
                let r = lines[i].risk
                if r < worst { worst = r }
                if r == .escalation { score += 2 }
            }
        }
        for m in miscChanges {
            if m.risk < worst { worst = m.risk }
            if m.risk == .escalation { score += Int(m.new.rawValue) - Int(m.old.rawValue) }
        }
        risk = worst
        escalationScore = score
    }

    /// Display order: escalations first, then the biggest rise, then by name (``NameOrder``).
    static func order(_ a: UserImpact, _ b: UserImpact) -> Bool {
        if a.risk != b.risk { return a.risk < b.risk }
        if a.escalationScore != b.escalationScore { return a.escalationScore > b.escalationScore }
        return (NameOrder.key(a.name), a.name, a.userId) < (NameOrder.key(b.name), b.name, b.userId)
    }

    /// Sorts in ``order(_:_:)`` with each name's key computed once (there can be 100,000 impacts):
    /// the keys go into plain arrays, only positions move, and each half is sorted on its own
    /// core before the two are merged (the order is total, so the result is the same).
    static func sorted(_ impacts: consuming [UserImpact]) -> [UserImpact] {
        // Read by index (in place), not mapped by key path (which copies each impact).
        let risks = impacts.indices.map { impacts[$0].risk }
        let scores = impacts.indices.map { impacts[$0].escalationScore }
        let ids = impacts.indices.map { impacts[$0].userId }
        let rawNames = impacts.indices.map { impacts[$0].name }
        var names = [String](repeating: "", count: impacts.count)
        let half = impacts.count / 2
        var low = Array(0..<half)
        var high = Array(half..<impacts.count)
        func before(_ x: Int, _ y: Int) -> Bool {
            if risks[x] != risks[y] { return risks[x] < risks[y] }
            if scores[x] != scores[y] { return scores[x] > scores[y] }
            return (names[x], rawNames[x], ids[x]) < (names[y], rawNames[y], ids[y])
        }
        names.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                for i in (part == 0 ? 0..<half : half..<rawNames.count) { out[i] = NameOrder.key(rawNames[i]) }
            }
        }
        runConcurrently([{ low.sort(by: before) }, { high.sort(by: before) }])
        var order: [Int] = []
        order.reserveCapacity(impacts.count)
        var i = 0
        var j = 0
        while i < low.count || j < high.count {
            if j == high.count || (i < low.count && before(low[i], high[j])) {
                order.append(low[i])
                i += 1
            } else {
                order.append(high[j])
                j += 1
            }
        }
        // The impacts move into place by swaps (cycle by cycle): none is copied, so none of their
        // hundreds of thousands of lines is retained and released again.
        var out = consume impacts
        var placed = [Bool](repeating: false, count: out.count)
        for start in out.indices where !placed[start] {
            // out[k] must become impacts[order[k]]; follow the cycle from `start`.
            var k = start
            while true {
                placed[k] = true
                let next = order[k]
                if next == start { break }
                out.swapAt(k, next)
                k = next
            }
        }
        return out
    }
}

extension UserImpact {
    /// The user's lines that one changed object moves, and how many other lines the user's other
    /// changes explain. A role's changed privilege moves a table line when that role decides the
    /// level after (a rise) or before (a fall); a team's changed role, the lines that role decides
    /// so through the team; a team the user joined or left, everything so through it. So a Basic
    /// User change does not explain the lines of System Administrator granted in the same
    /// release, even where Basic User decided the old level.
    ///
    /// A user's own entry moves the lines that a role assigned to or removed from them directly
    /// decides (every line when their business unit or dormancy changed, or access mode
    /// Administrative came or went; between Read and a mode that writes, the lines of other
    /// operations than Read that fall, or rise, with it); a
    /// profile's change, the column lines it allows on either side; a table's, the lines of its
    /// columns (all of its lines when its ownership changed).
    ///
    /// Secured columns and miscellaneous privileges count as moved unless the object is a role
    /// whose only access lines are table privileges (roles grant no column permission).
    ///
    /// An Entra group's change moves, for the members who joined or left, the lines through the
    /// group's teams and their records (every line when their dormancy moved: the
    /// environment's security group). An object that reaches users otherwise (a business unit,
    /// the environment) keeps every line. Paths are named only when the diff explained them
    /// (``DiffOptions/explainPaths``); without them every line is kept too.
    public func lines(through entry: DiffEntry) -> (impact: UserImpact, otherLines: Int) {
        guard let mover = LineMover(entry), !mover.movesEverything(of: self),
            mover.judgesColumns || mover.movesOnlyWithDormancy || tableChanges.contains(where: { $0.oldPath != nil || $0.newPath != nil })
        else { return (self, 0) }
        var kept = self
        kept.tableChanges = tableChanges.filter { mover.moves($0, of: userId) }
        // A table's change keeps the lines of its own columns; a role or team change all or none.
        kept.columnChanges = columnChanges.filter(mover.moves)
        if !mover.columnsAndMisc { kept.miscChanges = [] }
        let all = tableChanges.count + columnChanges.count + miscChanges.count
        return (kept, all - kept.tableChanges.count - kept.columnChanges.count - kept.miscChanges.count)
    }
}

extension UserImpact {
    /// Whether `entry` moves at least one of this user's lines (``lines(through:)`` keeps one);
    /// otherwise the entry only reaches the user alongside another change that decides them.
    func isMoved(by mover: LineMover?) -> Bool { movesLine(by: mover, raising: false) }

    /// Whether `entry` raises one of the user's lines: an escalation it moves on the side that
    /// brings something in (``LineMover/raises(_:throughTeam:)``). An escalation that
    /// moves a user without raising anything of theirs (access mode Read while their new team
    /// raises a level), or a change that decided only the old side of an escalating line (a
    /// direct role removed while a team's grant reaches other records), does not count as
    /// raising them.
    func isRaised(by mover: LineMover?) -> Bool { risk == .escalation && movesLine(by: mover, raising: true) }

    /// Whether `mover` moves one of the lines, or, when `raising`, raises one of the escalations.
    private func movesLine(by mover: LineMover?, raising: Bool) -> Bool {
        let counts: (RiskClass) -> Bool = { !raising || $0 == .escalation }
        // A table's change (a column secured) says which lines it moves: its columns' (found by
        // a review: securing one column "reached" 19,712 users, 2,217 of them only through other
        // changes, and listed their lines as its own).
        if let mover, mover.judgesColumns {
            let team = mover.movesEverythingThroughTeam(of: userId)
            return columnChanges.contains { counts($0.risk) && mover.moves($0) }
                || tableChanges.contains { counts($0.risk) && mover.claims($0, throughTeam: team, raising: raising) }
        }
        let columnsOrMisc = columnChanges.contains { counts($0.risk) } || miscChanges.contains { counts($0.risk) }
        // Sign-in moved (the security group, admin mode, a unit disabled): every line of a user
        // it let in or kept out, only scope lines of the others, whatever the paths say.
        if let mover, mover.movesOnlyWithDormancy, !mover.movesEverything(of: self) {
            return tableChanges.contains { counts($0.risk) && mover.claims($0, throughTeam: TeamMembershipMove(), raising: raising) }
        }
        guard let mover, !mover.movesEverything(of: self), tableChanges.contains(where: { $0.oldPath != nil || $0.newPath != nil })
        else {
            return tableChanges.contains { counts($0.risk) } || columnsOrMisc
        }
        if mover.columnsAndMisc && columnsOrMisc { return true }
        let everything = mover.movesEverythingThroughTeam(of: userId)
        return tableChanges.contains { counts($0.risk) && mover.claims($0, throughTeam: everything, raising: raising) }
    }
}
