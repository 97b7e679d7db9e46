import Dispatch

/// Which access lines a role, team, user, profile or table change moves (see
/// ``UserImpact/lines(through:)``), worked out once per change rather than once per user.
struct LineMover: Sendable {
    private struct Cell: Hashable {
        var table: String
        var operation: TableOperation
    }

    private enum Reach: Sendable {
        /// Every line the role decides.
        case wholeRole
        /// The lines the role decides on these cells.
        case roleCells(Set<Cell>)
        /// Member privilege inheritance turned on or off (besides privileges changed on `cells`):
        /// the lines the role decides through its inherited Basic on either side, and those whose
        /// level stays while the records reached move (a team's records for the user's own);
        /// not a rise that comes from joining a team that holds the role.
        case roleInheritance(Set<Cell>)
        /// The lines of `roles` decided through the team; every line through it when `whole` is
        /// (the team added, removed or reshaped), or for the users who `joined` or `left` it.
        case team(roles: Set<String>, whole: TeamMembershipMove, joined: Set<String>, left: Set<String>)
        /// A table's own change: the lines of these columns (secured or not, added, removed),
        /// and every line of the table when `whole` (its ownership, or the table added or gone).
        case table(name: String, columns: Set<ColumnReference>, whole: Bool)
        /// A user's own change: the lines the roles assigned to or removed from them directly
        /// decide, or every line when `whole` (their business unit, dormancy or access mode).
        case user(roles: Set<String>, whole: Bool)
        /// A user's access mode moved between Read and a mode that writes (Read-Write, Support
        /// User, Non-interactive, Delegated Admin), besides those roles: only the table lines of
        /// other operations than Read, falling to Read or rising from it (access mode Read keeps
        /// only the Read privilege; columns and miscellaneous privileges do not depend on it).
        /// `toRead` is nil when both modes write: no table line moves.
        case userAccessMode(roles: Set<String>, toRead: Bool?)
        /// A field security profile's change: the column lines it allows on either side (its
        /// members or its permissions); no table or miscellaneous line.
        case profile(ids: Set<String>)
        /// An Entra group's members joined or left: for those users, the lines that come through
        /// the group's teams (they give them roles and own records), and every line when their
        /// dormancy moved with it (the environment's security group).
        case entraGroup(members: Set<String>, joined: Set<String>, left: Set<String>, teams: Set<String>)
        /// A change that moves only what Local and Deep grants reach (a business unit moved to
        /// another parent, modernized business units turned on or off): the scope lines (same
        /// level, other units; or a reach lowered between Local and Deep).
        case scopes
        /// A change that lets users sign in or keeps them out (the environment's security group
        /// or admin mode, a business unit disabled or enabled), besides scope lines when
        /// `scopes`: every line of a user whose dormancy for one of `reasons` moved, and only the
        /// scope lines of the others (found by a review: a security group set to a group every
        /// user was in, a reduction, was credited with the rises a role change gave them).
        case dormancy(reasons: DormancyKinds, scopes: Bool)
    }

    private let id: String
    private let reach: Reach
    /// Whether secured columns and miscellaneous privileges count as moved.
    let columnsAndMisc: Bool

    /// Nil for a change that does not say line by line what it moves.
    init?(_ entry: DiffEntry) {
        id = entry.objectId
        let added = entry.action == .added || entry.action == .removed
        switch entry.kind {
        case .role:
            // A role added or removed, or one whose reach changes as a whole: every line it decides.
            let wholesale: Set<DiffField> = [.businessUnit, .template]
            let cells = Set(
                entry.lines.compactMap { l in
                    l.field == .privilege ? l.table.flatMap { t in l.operation.map { Cell(table: t, operation: $0) } } : nil
                })
            if added || entry.lines.contains(where: { wholesale.contains($0.field) }) {
                reach = .wholeRole
                columnsAndMisc = true
            } else if entry.lines.contains(where: { $0.field == .memberPrivilegeInheritance }) {
                // Found by a review: inheritance turned on claimed every line through the role,
                // also the rise a member got from joining its team in the same release.
                reach = .roleInheritance(cells)
                columnsAndMisc = true
            } else {
                reach = .roleCells(cells)
                columnsAndMisc = entry.lines.contains { $0.field == .miscPrivilege || $0.field == .unmappedPrivilege }
            }
        case .team:
            let wholesale: Set<DiffField> = [.businessUnit, .teamType, .entraGroup, .membershipType]
            // A team added is joined by its members, one removed left; one reshaped both.
            let reshaped = entry.lines.contains(where: { wholesale.contains($0.field) })
            let members = Self.membersJoinedAndLeft(entry)
            // A role held from another unit's copy moves the lines that role decides, as the role
            // assigned or removed does.
            reach = .team(
                roles: Set(entry.lines.compactMap { $0.field == .role || $0.field == .roleCopy ? $0.subjectId : nil }),
                whole: TeamMembershipMove(
                    joined: entry.action == .added || (!added && reshaped), left: entry.action == .removed || (!added && reshaped)),
                joined: members.joined, left: members.left)
            columnsAndMisc = true
        case .table:
            reach = .table(
                name: entry.objectId, columns: Set(entry.lines.compactMap(\.column)),
                whole: added || entry.lines.contains { $0.field == .ownership })
            columnsAndMisc = false
        case .user:
            // Only the roles held directly say which lines they move (found by a review: a user's
            // direct role removed, still held through a team, was shown moving the lines a change
            // to that role raised); anything else about a user can move any of their lines.
            let roleOnly: Set<DiffField> = [.role, .roleCopy, .name, .domainName, .title, .manager]
            let roles = Set(entry.lines.compactMap { $0.field == .role || $0.field == .roleCopy ? $0.subjectId : nil })
            let others = entry.lines.filter { !roleOnly.contains($0.field) }
            // An access mode that moves only which operations apply (found by a console review: a
            // user switched to Read was shown moving the rises their new team gave them).
            if !added, others.count == 1, let toRead = Self.readOnlyMove(others[0]) {
                reach = .userAccessMode(roles: roles, toRead: toRead)
                columnsAndMisc = !roles.isEmpty
            } else {
                let whole = added || !others.isEmpty
                reach = .user(roles: roles, whole: whole)
                columnsAndMisc = whole || !roles.isEmpty
            }
        case .fieldSecurityProfile:
            reach = .profile(ids: Set([entry.objectId] + (entry.baseObjectId.map { [$0] } ?? [])))
            columnsAndMisc = false
        case .entraGroup:
            // Found by a review: the group's own entry counted every line of the users it
            // reached (a role's rise too); the team it is bound to is listed apart, precisely.
            // Found by a review too: lines through any team counted, not only the group's teams.
            let members = Self.membersJoinedAndLeft(entry)
            reach = .entraGroup(
                members: Set(entry.lines.compactMap { $0.field == .member ? $0.subjectId : nil }), joined: members.joined,
                left: members.left, teams: entry.groupTeamIds)
            columnsAndMisc = true
        case .businessUnit, .environment:
            // A unit added or removed, or anything else (its type), can move any line of the
            // users it reaches: every line counts.
            let scopesOnly: Set<DiffField> =
                entry.kind == .businessUnit ? [.name, .parentBusinessUnit] : [.name, .region, .auditing, .modernizedBusinessUnits]
            // What lets users sign in or keeps them out: a unit disabled or enabled (also by a
            // move out from under a disabled one), the security group, admin mode.
            let signIn: Set<DiffField> = entry.kind == .businessUnit ? [.disabled] : [.securityGroup, .adminMode]
            let reasons: DormancyKinds = entry.kind == .businessUnit ? [.businessUnit] : [.securityGroup, .adminMode]
            guard !added, entry.lines.allSatisfy({ scopesOnly.contains($0.field) || signIn.contains($0.field) }) else { return nil }
            let enables = entry.lines.contains { $0.reasons.contains(.businessUnitEnabled) }
            if !enables && entry.lines.allSatisfy({ scopesOnly.contains($0.field) }) {
                reach = .scopes
            } else {
                reach = .dormancy(
                    reasons: reasons,
                    scopes: entry.lines.contains { $0.field == .parentBusinessUnit || $0.field == .modernizedBusinessUnits })
            }
            columnsAndMisc = false
        }
    }

    /// The members a team's or an Entra group's entry adds (`joined`) and removes (`left`); a
    /// member whose membership changed kind (an Entra group's owner or guest flag) is in both.
    private static func membersJoinedAndLeft(_ entry: DiffEntry) -> (joined: Set<String>, left: Set<String>) {
        var joined: Set<String> = []
        var left: Set<String> = []
        for line in entry.lines where line.field == .member {
            guard let id = line.subjectId else { continue }
            if line.symbol != .removed { joined.insert(id) }
            if line.symbol != .added { left.insert(id) }
        }
        return (joined, left)
    }

    /// For an access mode line between two modes that reach customer data (Administrative
    /// reaches none: a dormancy that moves every line): `.some(true)` to Read, `.some(false)`
    /// from Read, `.some(nil)` between two modes that write; `nil` for any other line.
    private static func readOnlyMove(_ line: DiffLine) -> Bool?? {
        guard line.field == .accessMode,
            let old = AccessMode.allCases.first(where: { $0.label == line.old }),
            let new = AccessMode.allCases.first(where: { $0.label == line.new }),
            old != .administrative, new != .administrative
        else { return nil }
        if (old == .read) == (new == .read) { return .some(nil) }
        return .some(new == .read)
    }

    /// Whether the change moves every line of `impact` whatever path decides it: an Entra
    /// group's member whose dormancy moved (the group is the environment's security group).
    func movesEverything(of impact: UserImpact) -> Bool {
        switch reach {
        case .entraGroup(let members, _, _, _): members.contains(impact.userId) && impact.oldDormancy != impact.newDormancy
        case .dormancy(let reasons, _):
            DormancyKinds(impact.oldDormancy).intersection(reasons) != DormancyKinds(impact.newDormancy).intersection(reasons)
        default: false
        }
    }

    /// Whether it moves a user's lines only where their dormancy moved (then every one), and
    /// otherwise no line but scope lines (``movesEverything(of:)``).
    var movesOnlyWithDormancy: Bool {
        if case .dormancy = reach { return true }
        return false
    }

    /// Whether it says column by column which column lines it moves (a table's or a profile's
    /// change); a role, team or user change moves all of a user's column lines or none
    /// (``columnsAndMisc``).
    var judgesColumns: Bool {
        switch reach {
        case .table, .profile: true
        default: false
        }
    }

    /// Whether the change moves this column line: a table's change the lines of its columns
    /// that changed (every column of the table when it changed as a whole); a role or team
    /// change, by ``columnsAndMisc``.
    func moves(_ c: ColumnAccessChange) -> Bool {
        switch reach {
        case .table(let name, let columns, let whole): columns.contains(c.column) || (whole && c.column.table == name)
        case .profile(let ids): c.oldProfileIds.contains(where: ids.contains) || c.newProfileIds.contains(where: ids.contains)
        default: columnsAndMisc
        }
    }

    /// Whether a team change moves every line through the team for `userId` (the team is new,
    /// gone or reshaped, or the user joined or left it), not only those of the roles it gained
    /// or lost; and on which side: the team joined brings its grants and records in, the team
    /// left takes them out.
    func movesEverythingThroughTeam(of userId: String) -> TeamMembershipMove {
        switch reach {
        case .team(_, let whole, let joined, let left):
            TeamMembershipMove(joined: whole.joined || joined.contains(userId), left: whole.left || left.contains(userId))
        case .entraGroup(_, let joined, let left, _): TeamMembershipMove(joined: joined.contains(userId), left: left.contains(userId))
        default: TeamMembershipMove()
        }
    }

    /// Whether the change moves this table line of `userId`: a raised level when what it
    /// changed decides the new level, a lowered one when it decided the old level, a moved scope
    /// either; a line judged by the records it reaches also when it decides the side that brings
    /// records in, or the side whose records go out.
    func moves(_ c: TableAccessChange, of userId: String) -> Bool {
        moves(c, throughTeam: movesEverythingThroughTeam(of: userId))
    }

    /// ``moves(_:of:)`` with the per-user part worked out once for all of a user's lines.
    func moves(_ c: TableAccessChange, throughTeam: TeamMembershipMove) -> Bool {
        let (old, new) = sides(of: c, throughTeam: throughTeam)
        // A level raised is the new side's doing, and a level lowered the old side's; but a line
        // judged by the records it reaches moves on both sides when records come into reach on
        // one and go out of reach on the other (Deep on the user's unit given up for a team's
        // Local on the unit above, DATAVERSE.md §2 rule 2: the team brought the records in).
        if c.new > c.old { return new || (old && c.takesRecordsOutOfReach) }
        if c.new < c.old { return old || (new && c.bringsRecordsIntoReach) }
        return old || new
    }

    /// Whether the change raises this line of the user: an escalation whose new side (the grant
    /// that brings a level or records in) it decides. A change that only decided the old side of
    /// an escalating line (a direct role removed while a team's grant reaches other records)
    /// moves the line but raises nothing (found by a domain review: the role removed was
    /// credited with the rise the team joined gave).
    func raises(_ c: TableAccessChange, throughTeam: TeamMembershipMove) -> Bool {
        guard c.risk == .escalation else { return false }
        let (old, new) = sides(of: c, throughTeam: throughTeam)
        // A same-level line judged by its level alone (no records moved) keeps either side.
        if c.new == c.old && !c.bringsRecordsIntoReach { return old || new }
        return new
    }

    /// ``raises(_:throughTeam:)`` when `raising`, else ``moves(_:throughTeam:)``.
    func claims(_ c: TableAccessChange, throughTeam: TeamMembershipMove, raising: Bool) -> Bool {
        raising ? raises(c, throughTeam: throughTeam) : moves(c, throughTeam: throughTeam)
    }

    /// Whether the change decides the old and the new side of this table line (the grant shown
    /// on that side is its own, or it moves every line there).
    private func sides(of c: TableAccessChange, throughTeam: TeamMembershipMove) -> (old: Bool, new: Bool) {
        let old: Bool
        let new: Bool
        switch reach {
        case .wholeRole:
            old = c.oldPath?.roleId == id
            new = c.newPath?.roleId == id
        case .roleCells(let cells):
            old = c.oldPath?.roleId == id
            new = c.newPath?.roleId == id
            guard old || new, cells.contains(Cell(table: c.table, operation: c.operation)) else { return (false, false) }
        case .roleInheritance(let cells):
            old = c.oldPath?.roleId == id
            new = c.newPath?.roleId == id
            guard old || new else { return (false, false) }
            let inherited = c.oldPath?.kind == .inherited || c.newPath?.kind == .inherited
            guard inherited || c.old == c.new || cells.contains(Cell(table: c.table, operation: c.operation)) else {
                return (false, false)
            }
        case .team(let roles, _, _, _):
            // The user joined or left this team, which owns records their Basic grants reach:
            // joined, its records come into reach (the new side); left, they go out (the old).
            if throughTeam.any && c.ownerTeamsMoved.contains(id) { return (throughTeam.left, throughTeam.joined) }
            if let p = c.oldPath, p.teamId == id { old = throughTeam.left || roles.contains(p.roleId) } else { old = false }
            if let p = c.newPath, p.teamId == id { new = throughTeam.joined || roles.contains(p.roleId) } else { new = false }
        case .table(let name, _, let whole):
            // Its ownership (the levels it takes) moves every line of the table; a column
            // secured or not moves no table line.
            let all = whole && c.table == name
            return (all, all)
        case .user(let roles, let whole):
            if whole { return (true, true) }
            old = c.oldPath.map { $0.kind == .direct && roles.contains($0.roleId) } ?? false
            new = c.newPath.map { $0.kind == .direct && roles.contains($0.roleId) } ?? false
        case .userAccessMode(let roles, let toRead):
            if let toRead, c.operation != .read, toRead ? c.new < c.old : c.new > c.old { return (true, true) }
            old = c.oldPath.map { $0.kind == .direct && roles.contains($0.roleId) } ?? false
            new = c.newPath.map { $0.kind == .direct && roles.contains($0.roleId) } ?? false
        case .profile:
            return (false, false)
        case .entraGroup(_, _, _, let teams):
            // Through one of the group's teams on the side that decides, or the records of one
            // joined or left.
            if throughTeam.any && !c.ownerTeamsMoved.isDisjoint(with: teams) { return (throughTeam.left, throughTeam.joined) }
            old = throughTeam.left && c.oldPath?.teamId.map(teams.contains) == true
            new = throughTeam.joined && c.newPath?.teamId.map(teams.contains) == true
        case .scopes, .dormancy(_, true):
            // Scope lines carry their units (owner lines, also at the same level, do not).
            let all = c.oldScope != c.newScope || c.reasons.contains(.scopeChanged) || c.reasons.contains(.scopeWidened)
            return (all, all)
        case .dormancy(_, false):
            // (A user whose dormancy moved has every line: ``movesEverything(of:)``.)
            return (false, false)
        }
        return (old, new)
    }
}

extension DiffEntry {
    /// Which access lines of `userId` this change moves, for a role or team entry; `nil` when the
    /// entry does not say it line by line.
    func movesLine(of userId: String) -> (table: (TableAccessChange) -> Bool, columnsAndMisc: Bool)? {
        guard let mover = LineMover(self) else { return nil }
        return ({ mover.moves($0, of: userId) }, mover.columnsAndMisc)
    }
}

extension TableAccessChange {
    /// The reasons that say the line is judged by the records it reaches, not by its level.
    private static let reachGained: Set<RiskReason> = [
        .scopeChanged, .scopeWidened, .ownersChanged, .ownersWidened, .businessUnitScopesMoved,
    ]

    /// Records of other business units or owners come into reach on the new side (also when the
    /// level falls: Deep on one unit given up for Local on another).
    var bringsRecordsIntoReach: Bool { risk == .escalation && reasons.contains(where: Self.reachGained.contains) }

    /// Records go out of reach on the old side: the scope or owners moved, or fewer records are
    /// reached although the level rose (Local on two units given up for Deep on one of them).
    var takesRecordsOutOfReach: Bool { reasons.contains(.scopeChanged) || reasons.contains(.ownersChanged) || risk == .reduction }
}

/// For one user, how a team's change moves every line through the team: the user joined it (or
/// the team is new) and its grants and records come in on the new side; left it (or the team
/// is gone) and they go out on the old side; both when the team was reshaped (its business
/// unit, type, Entra group or membership type) or the membership changed kind.
struct TeamMembershipMove: Hashable, Sendable {
    var joined = false
    var left = false
    var any: Bool { joined || left }
}

/// The dormancy reasons a business unit's or an environment's change can move, told apart by
/// kind (a disabled unit's name aside).
struct DormancyKinds: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let businessUnit = DormancyKinds(rawValue: 1)
    static let securityGroup = DormancyKinds(rawValue: 2)
    static let adminMode = DormancyKinds(rawValue: 4)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The kinds among a user's dormancy reasons.
    init(_ reasons: [Dormancy]) {
        var kinds: DormancyKinds = []
        for r in reasons {
            switch r {
            case .businessUnitDisabled: kinds.insert(.businessUnit)
            case .outsideSecurityGroup: kinds.insert(.securityGroup)
            case .adminMode: kinds.insert(.adminMode)
            default: break
            }
        }
        self = kinds
    }
}
