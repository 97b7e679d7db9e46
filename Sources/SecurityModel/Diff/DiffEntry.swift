import Dispatch

/// The kind of object a diff entry is about.
public enum DiffObjectKind: String, CaseIterable, Sendable, Hashable, Comparable {
    case environment
    case businessUnit
    case role
    case fieldSecurityProfile
    case table
    case team
    case user
    case entraGroup

    /// Display order: environment settings first, then the objects that carry access.
    public static func < (a: DiffObjectKind, b: DiffObjectKind) -> Bool {
        let order = DiffObjectKind.allCases
        return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
    }

    /// Singular label for headers.
    public var label: String {
        switch self {
        case .environment: "environment"
        case .businessUnit: "business unit"
        case .role: "role"
        case .fieldSecurityProfile: "field security profile"
        case .table: "table"
        case .team: "team"
        case .user: "user"
        case .entraGroup: "Entra group"
        }
    }

    /// Plural label for summaries.
    public var pluralLabel: String {
        switch self {
        case .environment: "environments"
        case .businessUnit: "business units"
        case .role: "roles"
        case .fieldSecurityProfile: "profiles"
        case .table: "tables"
        case .team: "teams"
        case .user: "users"
        case .entraGroup: "Entra groups"
        }
    }
}

/// What happened to an object between base and target.
public enum DiffAction: String, CaseIterable, Sendable, Hashable {
    case added
    case removed
    /// Matched, and something other than (or besides) the name differs.
    case modified
    /// Matched, and only the name differs.
    case renamed

    /// The `terraform plan` symbol: `+`, `-`, `~`.
    public var symbol: String {
        switch self {
        case .added: "+"
        case .removed: "-"
        case .modified, .renamed: "~"
        }
    }

    /// The action read backwards.
    public var mirrored: DiffAction {
        switch self {
        case .added: .removed
        case .removed: .added
        case .modified, .renamed: self
        }
    }
}

/// The attribute or relation a diff line is about. Raw values are the JSON names.
public enum DiffField: String, CaseIterable, Sendable, Hashable {
    // Any object
    case name, id
    // Environment settings
    case environmentType, region, securityGroup, adminMode, modernizedBusinessUnits, auditing
    // Business units
    case parentBusinessUnit, disabled
    // Roles
    case businessUnit, template, memberPrivilegeInheritance, description, summaryOfCoreTablePermissions
    case managed, customizable, autoAssigned, appliesTo
    case privilege, miscPrivilege, unmappedPrivilege
    // Users
    case domainName, accessMode, licensed, applicationUser, manager, title, role
    /// The business unit of the copy of a role a user or team holds, where the snapshot names
    /// one (modernized business units: Local and Deep follow it).
    case roleCopy
    // Teams
    case teamType, defaultTeam, entraGroup, membershipType, member
    /// A group team's membership as Dataverse cached it (users who signed in): not what access
    /// follows, which is the Entra group's.
    case cachedMember
    // Tables
    case ownership, schemaName, displayName, custom, column, columnSecured
    /// A column's display name (the label forms and checks read), when it is not its logical name.
    case columnDisplayName
    // Profiles
    case columnPermission, profileUser, profileTeam
}

/// One changed attribute or relation, `old -> new`; `nil` means absent.
public struct DiffLine: Hashable, Sendable {
    /// `+` added, `-` removed, `~` changed.
    public enum Symbol: String, Sendable, Hashable, CaseIterable {
        case added = "+"
        case removed = "-"
        case changed = "~"

        public var mirrored: Symbol {
            switch self {
            case .added: .removed
            case .removed: .added
            case .changed: .changed
            }
        }
    }

    public var symbol: Symbol
    public var field: DiffField
    /// What the line is about when the field alone does not say it: `account Delete`, a user's
    /// name, a column; empty for plain attributes.
    public var subject: String
    /// The id of the object the line refers to (a role assigned, a member added), when there is one.
    public var subjectId: String?
    /// The value in the base, as displayed; `nil` when absent there.
    public var old: String?
    /// The value in the target, as displayed; `nil` when absent there.
    public var new: String?
    /// Escalation, reduction or neutral.
    public var risk: RiskClass
    /// Why the line is an escalation (empty otherwise).
    public var reasons: [RiskReason]
    /// Something the reviewer should know that is not evaluated (for example that a manager
    /// changed moves hierarchy security, which dvsec does not evaluate).
    public var note: String?
    /// The table, operation, column and column permission a line is about, when it is about one
    /// (privilege and column lines), so that a screen can jump to the cell.
    public var table: String?
    public var operation: TableOperation?
    public var column: ColumnReference?
    public var permission: ColumnPermissionKind?

    public init(
        field: DiffField, subject: String = "", subjectId: String? = nil, old: String?, new: String?,
        risk: RiskClass = .neutral, reasons: [RiskReason] = [], note: String? = nil, table: String? = nil,
        operation: TableOperation? = nil, column: ColumnReference? = nil, permission: ColumnPermissionKind? = nil
    ) {
        self.symbol = old == nil ? .added : (new == nil ? .removed : .changed)
        self.field = field
        self.subject = subject
        self.subjectId = subjectId
        self.old = old
        self.new = new
        self.risk = risk
        self.reasons = reasons
        self.note = note
        self.table = table
        self.operation = operation
        self.column = column
        self.permission = permission
    }

    /// Deterministic order inside an entry: by field, then subject.
    static func order(_ a: DiffLine, _ b: DiffLine) -> Bool {
        let fa = DiffField.allCases.firstIndex(of: a.field) ?? 0
        let fb = DiffField.allCases.firstIndex(of: b.field) ?? 0
        if fa != fb { return fa < fb }
        return (a.subject, a.subjectId ?? "") < (b.subject, b.subjectId ?? "")
    }
}

/// One changed object: a header in the plan, with its lines.
public struct DiffEntry: Hashable, Sendable, Identifiable {
    public var kind: DiffObjectKind
    /// The object's id in the target (in the base for a removed object).
    public var objectId: String
    /// The matched object's id in the base when it differs (matched by name, path, domain name
    /// or role template); `nil` when the ids are the same or the object was added.
    public var baseObjectId: String?
    /// Display name (target name; base name for a removed object).
    public var name: String
    /// The base name when the object was renamed.
    public var renamedFrom: String?
    public var action: DiffAction
    /// The changed facts, in field then subject order.
    public var lines: [DiffLine]
    /// The worst risk of the lines.
    public var risk: RiskClass
    /// How many of the users whose effective access changes this change reaches (it is among
    /// their impact's causes, ``UserImpact/causeEntries``); `nil` when the impact was not
    /// computed. A change that moves nobody's access (a rename, a description) has 0.
    public var usersReached: Int?
    /// How many of those users have a line this change itself decides (``UserImpact/lines(through:)``
    /// keeps one); the others it reaches only alongside another change that decides their lines
    /// (System Administrator granted in the same release). Equal to ``usersReached`` for changes
    /// that do not say line by line what they move (a business unit, the environment).
    public var usersMoved: Int?
    /// How many of the users in ``usersMoved`` have an escalation among the lines this change
    /// raises, deciding the side that brings a level or records in (a direct role given up moves
    /// a line whose scope moved; the team joined whose grant reaches the other unit raises it):
    /// 0 for an escalation that raises no one's access now (a role assigned that the user also holds
    /// through a team, privileges raised on a role whose holders are all kept from signing in).
    public var usersRaised: Int?
    /// For an Entra group: the group teams bound to it on either side, by their target ids (the
    /// lines its members' joining or leaving moves are those through these teams).
    var groupTeamIds: Set<String> = []

    public var id: String { kind.rawValue + ":" + objectId }

    public init(
        kind: DiffObjectKind, objectId: String, baseObjectId: String? = nil, name: String, renamedFrom: String? = nil,
        action: DiffAction, lines: [DiffLine]
    ) {
        self.kind = kind
        self.objectId = objectId
        self.baseObjectId = baseObjectId
        self.name = name
        self.renamedFrom = renamedFrom
        self.action = action
        self.lines = lines.sorted(by: DiffLine.order)
        self.risk = RiskClass.worst(lines.map(\.risk))
    }

    /// `reaches 25 users whose access changes`, or, when some of them change only alongside
    /// another change, `moves the access of 3 users; reaches 22 more alongside other changes`.
    public static func reachWords(reached: Int, moved: Int) -> String {
        if moved >= reached { return "reaches \(counted(reached, "user")) whose access changes" }
        return "moves the access of \(counted(moved, "user")); reaches \(reached - moved) more alongside other changes"
    }

    /// Sets each entry's ``usersReached``, ``usersMoved`` and ``usersRaised`` from the impacts'
    /// ``UserImpact/causeEntries``, on both cores. `all` are the whole comparison's entries when
    /// `entries` is a narrowed view: what a change moves is read from all its lines, and every
    /// cause counts, shown or not.
    ///
    /// A user none of whose causes claims a line (a team moved while the same role is also held
    /// directly: the direct path decides, yet the team moved the scope) counts as moved by each.
    static func countUsersReached(_ entries: inout [DiffEntry], impacts: [UserImpact], all: [DiffEntry]? = nil) {
        let whole = all ?? entries
        var positions: [String: Int] = [:]
        positions.reserveCapacity(whole.count)
        for (i, e) in whole.enumerated() { positions[e.id] = i }
        let position = positions
        let movers = whole.map(LineMover.init)
        // Where each entry of `whole` is among the entries counted (-1: not shown).
        var shownAt = [Int](repeating: -1, count: whole.count)
        for (i, e) in entries.enumerated() { if let w = positions[e.id] { shownAt[w] = i } }
        let shown = shownAt
        let parts = impacts.count < 4_000 ? 1 : 2
        let zeros = [Int](repeating: 0, count: entries.count)
        var counts = [(reached: [Int], moved: [Int], raised: [Int])](repeating: (zeros, zeros, zeros), count: parts)
        counts.withUnsafeMutableBufferPointer { buffer in
            // Each part counts into its own arrays.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let range = impacts.count * part / parts..<impacts.count * (part + 1) / parts
                var (reached, moved, raised) = out[part]
                out[part] = ([], [], [])
                for impact in impacts[range] {
                    let causes = impact.causeEntries.compactMap { position[$0] }
                    // The rule of DiffResult.anotherCauseClaims, for every cause at once: when
                    // none claims a line, each counts the user as moved.
                    // Raised by a cause: an escalation among the lines it moves, which moves the
                    // user too (one look at the lines for a cause that raises them).
                    let escalates = impact.risk == .escalation
                    var claims = causes.map { w -> (moved: Bool, raised: Bool) in
                        escalates && impact.isRaised(by: movers[w]) ? (true, true) : (impact.isMoved(by: movers[w]), false)
                    }
                    // All of the user's lines when no cause claims one.
                    if !claims.contains(where: \.moved) { claims = claims.map { _ in (true, escalates) } }
                    for (w, claim) in zip(causes, claims) {
                        let i = shown[w]
                        guard i >= 0 else { continue }
                        reached[i] += 1
                        if claim.moved { moved[i] += 1 }
                        if claim.raised { raised[i] += 1 }
                    }
                }
                out[part] = (reached, moved, raised)
            }
        }
        for i in entries.indices {
            entries[i].usersReached = counts.reduce(0) { $0 + $1.reached[i] }
            entries[i].usersMoved = counts.reduce(0) { $0 + $1.moved[i] }
            entries[i].usersRaised = counts.reduce(0) { $0 + $1.raised[i] }
        }
    }

    /// Display order: escalations first, then by kind and name (``NameOrder``).
    static func order(_ a: DiffEntry, _ b: DiffEntry) -> Bool {
        if a.risk != b.risk { return a.risk < b.risk }
        if a.kind != b.kind { return a.kind < b.kind }
        return (NameOrder.key(a.name), a.name, a.objectId) < (NameOrder.key(b.name), b.name, b.objectId)
    }

    /// Sorts in ``order(_:_:)`` with each name's key (``NameOrder``) computed once.
    static func sorted(_ entries: [DiffEntry]) -> [DiffEntry] {
        let names = entries.map { NameOrder.key($0.name) }
        return entries.indices.sorted { x, y in
            let a = entries[x]
            let b = entries[y]
            if a.risk != b.risk { return a.risk < b.risk }
            if a.kind != b.kind { return a.kind < b.kind }
            return (names[x], a.name, a.objectId) < (names[y], b.name, b.objectId)
        }.map { entries[$0] }
    }
}

extension DiffField {
    /// Words for text and Markdown output.
    public var label: String {
        switch self {
        case .environmentType: "type"
        case .securityGroup: "security group"
        case .adminMode: "admin mode"
        case .modernizedBusinessUnits: "modernized business units"
        case .parentBusinessUnit: "parent business unit"
        case .businessUnit: "business unit"
        case .memberPrivilegeInheritance: "member privilege inheritance"
        case .summaryOfCoreTablePermissions: "summary of core table permissions"
        case .autoAssigned: "auto-assigned"
        case .appliesTo: "applies to"
        case .miscPrivilege: "misc privilege"
        case .unmappedPrivilege: "unmapped privilege"
        case .domainName: "domain name"
        case .accessMode: "access mode"
        case .applicationUser: "application user"
        case .teamType: "team type"
        case .defaultTeam: "default team"
        case .entraGroup: "Entra group"
        case .membershipType: "membership type"
        case .cachedMember: "cached member"
        case .roleCopy: "role copy"
        case .schemaName: "schema name"
        case .displayName: "display name"
        case .columnSecured: "column secured"
        case .columnDisplayName: "column display name"
        case .columnPermission: "column permission"
        case .profileUser: "user"
        case .profileTeam: "team"
        default: rawValue
        }
    }

    /// A relation (shown as `+ role Seller`) rather than an attribute (`~ disabled: yes -> no`).
    public var isRelation: Bool {
        switch self {
        case .role, .profileUser, .profileTeam: true
        case .member, .cachedMember: true
        default: false
        }
    }
}
