/// The users a diff can touch, and for each how much to recompute, by principal number (see
/// ``DiffPrincipals``). Touching 100,000 users costs array writes: the cells are references to
/// shared sets of table operations, the causes references to shared texts, both kept as flat
/// (user, reference) pairs until ``finish()`` groups them per user.
struct ImpactTouches: Sendable {
    let principals: DiffPrincipals
    /// Touched users, in the order found.
    private(set) var users: [Int32] = []
    private var touched: [Bool]
    /// Recompute every table and, when what column security depends on moved, every secured column.
    private(set) var full: [Bool]
    /// Local/Deep grants may now refer to another business unit: compare scopes too.
    private(set) var scopeSensitive: [Bool]
    /// Compare miscellaneous privileges (always done for ``full``).
    private(set) var misc: [Bool]
    /// Recompute only these columns.
    private(set) var columns: [Int32: Set<ColumnReference>] = [:]
    /// Compare the scopes of only these cells (users not ``scopeSensitive`` as a whole).
    private(set) var scopeCells: [Int32: [String: UInt8]] = [:]
    /// Operations (bit `1 << rawValue`) per table that one change can move.
    private(set) var cellSets: [[String: UInt8]] = []
    /// The changes that touched someone, in words, each text once.
    private(set) var causeTexts: [String] = []
    private var textIds: [String: Int32] = [:]
    /// The entries (``DiffEntry/id``) causes come from, each once.
    private(set) var causeEntryIds: [String] = []
    /// Per cause (a text from an entry): its text and its entry, as indices.
    private var causeText: [Int32] = []
    private var causeEntry: [Int32] = []
    private var causeIds: [Int64: Int32] = [:]
    private var lastCellSet: [Int32]
    private var cellPairs: [(source: Int32, target: Int32)] = []
    private var causePairs: [(source: Int32, target: Int32)] = []
    /// Per user, after ``finish()``: indices into ``cellSets`` (their union counts) and into
    /// ``causeTexts`` (in the order found, repeats possible).
    private(set) var cells = Adjacency(count: 0, pairs: [])
    private(set) var causes = Adjacency(count: 0, pairs: [])
    /// Causes that touched users only for these columns (a column secured or not, a profile's
    /// permission or member): a user is reached by one only when a line of its columns moves
    /// (found by an output review: a column unsecured in a release counted every user whose
    /// access changed for another reason among those it reached).
    private var columnOnly: [Int32: Set<ColumnReference>] = [:]
    private var notColumnOnly: Set<Int32> = []

    /// A cause used for anything but columns.
    private mutating func notOnlyColumns(_ c: Int32) {
        if notColumnOnly.insert(c).inserted { columnOnly[c] = nil }
    }

    init(principals: DiffPrincipals) {
        self.principals = principals
        touched = [Bool](repeating: false, count: principals.count)
        full = touched
        scopeSensitive = touched
        misc = touched
        lastCellSet = [Int32](repeating: -1, count: principals.count)
    }

    mutating func touch(_ u: Int32) {
        if !touched[Int(u)] {
            touched[Int(u)] = true
            users.append(u)
        }
    }

    /// Starts reading an entry: the causes found next come from it.
    mutating func begin(_ entry: DiffEntry) {
        causeEntryIds.append(entry.id)
    }

    mutating func cause(_ text: String) -> Int32 {
        let t: Int32
        if let known = textIds[text] {
            t = known
        } else {
            t = Int32(causeTexts.count)
            textIds[text] = t
            causeTexts.append(text)
        }
        let e = Int32(causeEntryIds.count - 1)
        let key = Int64(e) << 32 | Int64(t)
        if let id = causeIds[key] { return id }
        let id = Int32(causeText.count)
        causeIds[key] = id
        causeText.append(t)
        causeEntry.append(e)
        return id
    }

    mutating func touchFull<S: Sequence>(_ users: S, _ cause: String) where S.Element == Int32 {
        let c = self.cause(cause)
        notOnlyColumns(c)
        for u in users {
            touch(u)
            full[Int(u)] = true
            causePairs.append((u, c))
        }
    }

    mutating func touchCells<S: Sequence>(_ users: S, _ masks: [String: UInt8], _ cause: String) where S.Element == Int32 {
        guard !masks.isEmpty else { return }
        let set = Int32(cellSets.count)
        cellSets.append(masks)
        let c = self.cause(cause)
        notOnlyColumns(c)
        for u in users {
            touch(u)
            if lastCellSet[Int(u)] != set {
                lastCellSet[Int(u)] = set
                cellPairs.append((u, set))
            }
            causePairs.append((u, c))
        }
    }

    mutating func touchColumns<S: Sequence>(_ users: S, _ refs: Set<ColumnReference>, _ cause: String) where S.Element == Int32 {
        guard !refs.isEmpty else { return }
        let c = self.cause(cause)
        if !notColumnOnly.contains(c) { columnOnly[c, default: []].formUnion(refs) }
        for u in users {
            touch(u)
            columns[u, default: []].formUnion(refs)
            causePairs.append((u, c))
        }
    }

    /// Users whose roles' miscellaneous privileges changed.
    mutating func touchMisc<S: Sequence>(_ users: S, _ cause: String) where S.Element == Int32 {
        let c = self.cause(cause)
        notOnlyColumns(c)
        for u in users {
            touch(u)
            misc[Int(u)] = true
            causePairs.append((u, c))
        }
    }

    /// Users whose scopes a change can move while no level does (a business unit moved in the
    /// tree): touched, and compared scope by scope.
    mutating func touchScopes<S: Sequence>(_ users: S, _ cause: String) where S.Element == Int32 {
        let c = self.cause(cause)
        notOnlyColumns(c)
        for u in users {
            touch(u)
            scopeSensitive[Int(u)] = true
            causePairs.append((u, c))
        }
    }

    mutating func markScopeSensitive<S: Sequence>(_ users: S) where S.Element == Int32 {
        for u in users { scopeSensitive[Int(u)] = true }
    }

    /// Compare the scopes of these operations per table (a bit per operation) for these users,
    /// where only a role's cells can have moved (a role a team gained or lost).
    mutating func markScopeSensitive<S: Sequence>(_ users: S, cells: [String: UInt8]) where S.Element == Int32 {
        guard !cells.isEmpty else { return }
        for u in users where !scopeSensitive[Int(u)] { scopeCells[u, default: [:]].merge(cells) { $0 | $1 } }
    }

    /// Groups the cells and causes per user.
    mutating func finish() {
        cells = Adjacency(count: principals.count, pairs: cellPairs)
        causes = Adjacency(count: principals.count, pairs: causePairs)
        cellPairs = []
        causePairs = []
    }

    /// The causes of a user in words, in the order found, each text once; and the entries they
    /// come from, in the same order, each once.
    func causes(of u: Int, columnChanges: [ColumnAccessChange]) -> (texts: [String], entries: [String]) {
        let all = causes[u]
        var ids = Array(all)
        if !columnOnly.isEmpty {
            // A column-only cause reaches the user only when a line of its columns moved; kept
            // all the same when no other cause is left.
            let kept = ids.filter { c in columnOnly[c].map { refs in columnChanges.contains { refs.contains($0.column) } } ?? true }
            if !kept.isEmpty { ids = kept }
        }
        var texts: [Int32] = []
        var entries: [Int32] = []
        texts.reserveCapacity(ids.count)
        entries.reserveCapacity(ids.count)
        for i in ids.indices {
            let c = Int(ids[i])
            if !texts.contains(causeText[c]) { texts.append(causeText[c]) }
            if !entries.contains(causeEntry[c]) { entries.append(causeEntry[c]) }
        }
        return (texts.map { causeTexts[Int($0)] }, entries.map { causeEntryIds[Int($0)] })
    }

    /// The cells a role grants something on: the only ones its assignment or removal can move.
    /// The cells where the roles grant Local or Deep: where, beside another grant at the same
    /// or a higher level, they can reach other records without moving the level.
    static func scopedCells(of roles: [SecurityRole]) -> [String: UInt8] {
        var out: [String: UInt8] = [:]
        for role in roles where !role.isSystemAdministrator {
            for (t, row) in role.privileges {
                var m: UInt8 = 0
                for (op, level) in row.grantedOperations where level == .businessUnit || level == .parentChildBusinessUnits {
                    m |= 1 << op.rawValue
                }
                if m != 0 { out[t, default: 0] |= m }
            }
        }
        return out
    }

    static func cells(of roles: [SecurityRole]) -> [String: UInt8] {
        var out: [String: UInt8] = [:]
        for role in roles {
            for (t, row) in role.privileges {
                var m: UInt8 = 0
                for (op, _) in row.grantedOperations { m |= 1 << op.rawValue }
                if m != 0 { out[t, default: 0] |= m }
            }
        }
        return out
    }
}

extension ImpactTouches {
    /// Derives the touched users from the entries of a comparison, looking up holders and members
    /// on both sides (someone who held a changed role in the base is touched as much as someone who
    /// holds it in the target).
    init(entries: [DiffEntry], base: PrincipalIndex, target: PrincipalIndex) {
        let principals = DiffPrincipals(base: base.access, target: target.access)
        self.init(principals: principals)
        // Both sides' answers in principal numbers (a user on both sides may appear twice).
        func both(_ side: (PrincipalIndex) -> [Int32]) -> [Int32] {
            side(target) + side(base).map { principals.fromBase[Int($0)] }
        }
        func holders(ofRole r: String) -> [Int32] { both { $0.holders(ofRole: r) } }
        func adminHolders() -> [Int32] {
            Set([base, target].flatMap { side in side.environment.roles.values.filter(\.isSystemAdministrator).map(\.id) }).flatMap(
                holders(ofRole:))
        }
        func members(ofTeam t: String) -> [Int32] { both { Array($0.members(ofTeam: t)) } }
        func members(ofProfile p: String) -> [Int32] {
            var out = both { side in
                guard let profile = side.environment.fieldSecurityProfiles[p] else { return [] }
                var m: [Int32] = []
                for t in profile.teamIds { m += side.members(ofTeam: t) }
                return m
            }
            for side in [base, target] {
                if let profile = side.environment.fieldSecurityProfiles[p] { out += profile.userIds.compactMap(principals.number(of:)) }
            }
            return out
        }
        func user(_ id: String?) -> [Int32] { id.flatMap(principals.number(of:)).map { [$0] } ?? [] }
        let sides = [base, target]
        let everyone = principals.everyone
        for e in entries {
            let id = e.objectId
            begin(e)
            switch e.kind {
            case .environment:
                for line in e.lines {
                    switch line.field {
                    case .modernizedBusinessUnits:
                        // Only the holders of a role with Local or Deep levels made outside their
                        // unit and those above it: the others hold their own unit's copy either
                        // way (a regression review found the switch named as a cause of every
                        // user reached by other changes).
                        // Read on the side that has them on: the classic side uses no copy but
                        // the holder's own (a model-based fuzz found a copy named only there
                        // judged as moved).
                        let moved = sides.filter(\.environment.settings.modernizedBusinessUnits)
                            .flatMap { $0.environment.holdersOutsideTheirRolesSubtree() }.compactMap(principals.number(of:))
                        touchFull(moved, "environment \(line.field.label): \(line.old ?? "none") -> \(line.new ?? "none")")
                        markScopeSensitive(moved)
                    case .securityGroup, .adminMode:
                        touchFull(everyone, "environment \(line.field.label): \(line.old ?? "none") -> \(line.new ?? "none")")
                    default: break
                    }
                }
            case .businessUnit:
                // A unit disabled or enabled, or moved under or out from under a disabled one:
                // the users of the units that now are (or no longer are) disabled or under a
                // disabled one gain or lose sign-in (EffectiveAccessRules rule 10).
                if e.action == .modified, let line = e.lines.first(where: { $0.field == .disabled || $0.field == .parentBusinessUnit }) {
                    let units = sides.reduce(into: Set<String>()) { $0.formUnion($1.environment.subtree(of: id)) }.filter { unit in
                        (base.environment.disablingBusinessUnit(of: unit) == nil)
                            != (target.environment.disablingBusinessUnit(of: unit) == nil)
                    }
                    if !units.isEmpty {
                        let what =
                            line.field == .disabled
                            ? (line.new == "no" ? "enabled" : "disabled") : "moved: \(line.old ?? "none") -> \(line.new ?? "none")"
                        touchFull(both { $0.users(inBusinessUnits: units) }, "business unit \(quotedName(e.name)) \(what)")
                    }
                }
                // A unit moved in the tree leaves the Deep reach of its old ancestors and enters
                // that of its new ones: whoever holds a role scoped to one of them is compared
                // scope by scope (ImpactAnalysis, TreeReshape).
                guard e.action == .modified, let line = e.lines.first(where: { $0.field == .parentBusinessUnit }) else { break }
                let units = TreeReshape.reshapedUnits(moving: id, base: base.environment, target: target.environment)
                guard !units.isEmpty else { break }
                touchScopes(
                    both { $0.holders(withScopeIn: units) },
                    "business unit \(quotedName(e.name)) moved: \(line.old ?? "none") -> \(line.new ?? "none")")
            case .role:
                let holders = holders(ofRole: id)
                var masks: [String: UInt8] = [:]
                var scopeMasks: [String: UInt8] = [:]
                for l in e.lines where l.field == .privilege {
                    guard let t = l.table, let op = l.operation else { continue }
                    masks[t, default: 0] |= 1 << op.rawValue
                    let levels = sides.map { $0.environment.roles[id]?.level(op, on: t) ?? .none }
                    if levels.contains(where: { $0 == .businessUnit || $0 == .parentChildBusinessUnits }) {
                        scopeMasks[t, default: 0] |= 1 << op.rawValue
                    }
                }
                // A Local or Deep privilege given or taken beside another grant at the same level
                // reaches other units without moving the level, for a holder whose grants can
                // name another unit than their own (a team's, or the role's) — also when the
                // same change turns member privilege inheritance on or off (found by a review:
                // the full recompute compared levels only, and the wider scope went unseen).
                func markScopes() {
                    if !scopeMasks.isEmpty { markScopeSensitive(both { $0.holdersReachingOtherUnits(ofRole: id) }, cells: scopeMasks) }
                }
                // A rename alone moves nobody's access (the role's other lines say what does).
                if e.action == .added || e.action == .removed
                    || e.lines.contains(where: { [.template, .memberPrivilegeInheritance, .businessUnit].contains($0.field) })
                {
                    touchFull(holders, "role \(quotedName(e.name)) \(e.action.rawValue)")
                    if e.lines.contains(where: { $0.field == .businessUnit }) { markScopeSensitive(holders) } else { markScopes() }
                } else {
                    if !masks.isEmpty { touchCells(holders, masks, "role \(quotedName(e.name)): privileges changed") }
                    markScopes()
                    if e.lines.contains(where: { $0.field == .miscPrivilege }) {
                        touchMisc(holders, "role \(quotedName(e.name)): miscellaneous privileges changed")
                        // System Administrator holds every privilege some role names: a name
                        // appearing or disappearing moves its holders too.
                        touchMisc(adminHolders(), "role \(quotedName(e.name)): miscellaneous privileges changed")
                    }
                }
            case .team:
                let teamMembers = members(ofTeam: id)
                // A team deleted or created moves its members once, for that reason (its lines
                // are every fact, "business unit changed; team type changed; ..." for each member).
                if e.action == .added || e.action == .removed {
                    touchFull(teamMembers, "team \(quotedName(e.name)) \(e.action.rawValue)")
                    if sides.contains(where: { $0.environment.teams[id].map { !$0.roleIds.isEmpty } ?? false }) {
                        markScopeSensitive(teamMembers)
                    }
                    continue
                }
                for line in e.lines {
                    switch line.field {
                    case .member:
                        touchFull(
                            user(line.subjectId),
                            line.symbol == .added
                                ? "added to team \(quotedName(e.name))" + ImpactTouches.administratorGranted(line)
                                : "removed from team \(quotedName(e.name))")
                        // The team's roles reach records of its business unit: a level the user
                        // already had may now reach other records.
                        markScopeSensitive(user(line.subjectId))
                    case .role:
                        guard let r = line.subjectId else { continue }
                        let roles = sides.compactMap { $0.environment.roles[r] }
                        let what =
                            "team \(quotedName(e.name)): role \(quotedName(line.subject)) \(line.symbol == .added ? "assigned" : "removed")"
                        // System Administrator changes everything; in admin mode System
                        // Customizer decides who can sign in at all.
                        let adminMode = sides.contains { $0.environment.settings.adminMode }
                        if roles.contains(where: { $0.isSystemAdministrator || (adminMode && $0.builtIn == .systemCustomizer) })
                            || roles.isEmpty
                        {
                            touchFull(teamMembers, what)
                        } else {
                            touchCells(teamMembers, ImpactTouches.cells(of: roles), what)
                            if roles.contains(where: { !$0.miscPrivileges.isEmpty }) { touchMisc(teamMembers, what) }
                        }
                        // A role the members hold at the same level elsewhere also reaches the
                        // team's business unit now (or no longer does): compared for the cells of
                        // that role only, in ImpactAnalysis.
                        markScopeSensitive(teamMembers, cells: ImpactTouches.cells(of: roles))
                    case .name: break
                    default:
                        touchFull(teamMembers, "team \(quotedName(e.name)): \(line.field.label) changed")
                        if line.field == .businessUnit || line.field == .roleCopy { markScopeSensitive(teamMembers) }
                    }
                }
            case .user:
                if e.action == .added || e.action == .removed {
                    touchFull(user(id), "user \(e.action.rawValue)")
                    continue
                }
                for line in e.lines where ![.name, .domainName, .title, .manager].contains(line.field) {
                    touchFull(user(id), userCause(line))
                    if line.field == .businessUnit { markScopeSensitive(user(id)) }
                    // A role's Local or Deep grants beside another grant reach other records at
                    // the same level.
                    if line.field == .role || line.field == .roleCopy, let r = line.subjectId {
                        markScopeSensitive(user(id), cells: ImpactTouches.scopedCells(of: sides.compactMap { $0.environment.roles[r] }))
                    }
                }
            case .fieldSecurityProfile:
                let profileMembers = members(ofProfile: id)
                // The System Administrator profile holds every secured column, listed or not.
                let refs = Set(
                    sides.flatMap { side -> [ColumnReference] in
                        guard let profile = side.environment.fieldSecurityProfiles[id] else { return [] }
                        return profile.isSystemAdministratorProfile
                            ? side.environment.securedColumnReferences : Array(profile.permissions.keys)
                    })
                for line in e.lines {
                    switch line.field {
                    case .columnPermission:
                        if let c = line.column {
                            touchColumns(profileMembers, [c], "profile \(quotedName(e.name)): \(line.subject) changed")
                        }
                    case .profileUser:
                        touchColumns(
                            user(line.subjectId), refs,
                            line.symbol == .added ? "added to profile \(quotedName(e.name))" : "removed from profile \(quotedName(e.name))")
                    case .profileTeam:
                        guard let t = line.subjectId else { continue }
                        touchColumns(
                            members(ofTeam: t), refs,
                            "team \(quotedName(line.subject)) \(line.symbol == .added ? "added to" : "removed from") profile \(quotedName(e.name))"
                        )
                    default: break
                    }
                }
            case .table:
                // Ownership decides which levels count (organization-owned: any level is Organization).
                if e.lines.contains(where: { $0.field == .ownership }) {
                    let holders = both { side in
                        side.environment.roles.values.filter { $0.privileges[id] != nil || $0.isSystemAdministrator }
                            .flatMap { side.holders(ofRole: $0.id) }
                    }
                    touchCells(holders, [id: 0xFF], "table \(e.name): ownership changed")
                }
                // Only secured columns: a new plain column is open to everyone with table access by design.
                for line in e.lines where line.field == .column && (line.old == "secured" || line.new == "secured") {
                    guard let c = line.column else { continue }
                    touchColumns(everyone, [c], "column \(c.description): \(line.old ?? "absent") -> \(line.new ?? "absent")")
                }
            case .entraGroup:
                for line in e.lines where line.field == .member {
                    touchFull(
                        user(line.subjectId),
                        line.symbol == .added
                            ? "added to Entra group \(quotedName(e.name))" + ImpactTouches.administratorGranted(line)
                            : line.symbol == .removed
                                ? "removed from Entra group \(quotedName(e.name))"
                                : "Entra group \(quotedName(e.name)): \(line.old ?? "") -> \(line.new ?? "")")
                }
            }
        }
        finish()
    }

    /// ` (System Administrator granted)` for a member line whose team holds the role, as the
    /// cause of a direct assignment names it (`role "System Administrator" assigned`); empty
    /// for any other line.
    static func administratorGranted(_ line: DiffLine) -> String {
        if line.reasons.contains(.systemAdministratorGranted) { return " (" + RiskReason.systemAdministratorGranted.label + ")" }
        return line.reasons.contains(.systemCustomizerGranted) ? " (" + RiskReason.systemCustomizerGranted.label + ")" : ""
    }

    func userCause(_ line: DiffLine) -> String {
        switch line.field {
        case .role:
            "role \(quotedName(line.subject)) \(line.symbol == .added ? "assigned" : line.symbol == .removed ? "removed" : "changed")"
        case .disabled: line.new == "no" ? "enabled" : "disabled"
        case .roleCopy:
            "role \(quotedName(line.subject)) held from \(line.new.map(quotedName) ?? "its default unit") (was \(line.old.map(quotedName) ?? "its default unit"))"
        default: "\(line.field.label): \(line.old ?? "none") -> \(line.new ?? "none")"
        }
    }
}

extension Environment {
    /// Users holding, directly or through a team that holds roles, a role with Local or Deep
    /// levels made outside the holder's business unit (the team's for a team role) and those
    /// above it, or another unit's copy the snapshot names: those whose scopes the modernized
    /// switch moves
    /// (``assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)``).
    func holdersOutsideTheirRolesSubtree() -> [String] {
        let scoped = Set(roles.keys.filter(grantsLocalOrDeep))
        guard !scoped.isEmpty else { return [] }
        var above: [String: Set<String>] = [:]
        func outside(_ roleIds: Set<String>, _ unit: String, _ heldCopies: [String: String]) -> Bool {
            roleIds.contains { id in
                guard scoped.contains(id), let made = roles[id]?.businessUnitId else { return false }
                // A copy the snapshot names: the switch moves the scope when it is another unit's.
                if let held = heldCopies[id] { return held != unit }
                guard made != unit else { return false }
                if above[unit] == nil { above[unit] = businessUnitAndAbove(unit) }
                return above[unit]?.contains(made) == false
            }
        }
        var out = users.values.filter { outside($0.roleIds, $0.businessUnitId, $0.roleBusinessUnitIds) }.map(\.id)
        for team in teams.values where team.type.holdsRoles && outside(team.roleIds, team.businessUnitId, team.roleBusinessUnitIds) {
            out += members(of: team)
        }
        return out
    }
}
