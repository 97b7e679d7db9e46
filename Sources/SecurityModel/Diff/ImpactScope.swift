/// Who and what is worth recomputing on each side of a comparison: the relations the impact needs
/// to find the users a change can touch.
struct PrincipalIndex: Sendable {
    let environment: Environment
    let access: AccessIndex
    /// Member ids per team (every kind of team, resolved like the engine does).
    let membersByTeam: [String: [String]]
    /// Users with a role assigned directly, per role.
    let directHolders: [String: [String]]
    /// Teams holding a role, per role (only teams that hold roles).
    let teamsByRole: [String: [String]]

    init(_ env: Environment) {
        environment = env
        access = AccessIndex(environment: env)
        var members: [String: [String]] = [:]
        for (u, teams) in access.teamsByUser { for t in teams { members[t, default: []].append(u) } }
        membersByTeam = members
        var direct: [String: [String]] = [:]
        for u in env.users.values { for r in u.roleIds { direct[r, default: []].append(u.id) } }
        directHolders = direct
        var byRole: [String: [String]] = [:]
        for t in env.teams.values where t.type.holdsRoles { for r in t.roleIds { byRole[r, default: []].append(t.id) } }
        teamsByRole = byRole
    }

    /// Users holding a role directly or through a team.
    func holders(ofRole id: String) -> Set<String> {
        var out = Set(directHolders[id] ?? [])
        for t in teamsByRole[id] ?? [] { out.formUnion(membersByTeam[t] ?? []) }
        return out
    }

    /// Users of a profile, directly or through its teams.
    func members(ofProfile id: String) -> Set<String> {
        guard let p = environment.fieldSecurityProfiles[id] else { return [] }
        var out = p.userIds
        for t in p.teamIds { out.formUnion(membersByTeam[t] ?? []) }
        return out
    }

    /// Teams of a user, from the index.
    func teams(of user: User) -> [Team] { access.teams(of: user) }
}

/// The users a diff can touch, and for each how much to recompute.
struct ImpactTouches: Sendable {
    /// Recompute every table and every secured column.
    var full: Set<String> = []
    /// Recompute only these cells: operations (bit `1 << rawValue`) per table.
    var cells: [String: [String: UInt8]] = [:]
    /// Recompute only these columns.
    var columns: [String: Set<ColumnReference>] = [:]
    /// Local/Deep grants may now refer to another business unit: compare scopes too.
    var scopeSensitive: Set<String> = []
    var causes: [String: [String]] = [:]

    var users: Set<String> { full.union(cells.keys).union(columns.keys) }

    mutating func touchFull<S: Sequence>(_ users: S, _ cause: String) where S.Element == String {
        for u in users {
            full.insert(u)
            addCause(u, cause)
        }
    }

    mutating func touchCells<S: Sequence>(_ users: S, _ masks: [String: UInt8], _ cause: String) where S.Element == String {
        guard !masks.isEmpty else { return }
        for u in users {
            for (t, m) in masks { cells[u, default: [:]][t, default: 0] |= m }
            addCause(u, cause)
        }
    }

    /// The cells a role grants something on: the only ones its assignment or removal can move.
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

    mutating func touchColumns<S: Sequence>(_ users: S, _ refs: Set<ColumnReference>, _ cause: String) where S.Element == String {
        guard !refs.isEmpty else { return }
        for u in users {
            columns[u, default: []].formUnion(refs)
            addCause(u, cause)
        }
    }

    mutating func addCause(_ user: String, _ cause: String) {
        if causes[user]?.contains(cause) == true { return }
        causes[user, default: []].append(cause)
    }
}

extension ImpactTouches {
    /// Derives the touched users from the entries of a comparison, looking up holders and members
    /// on both sides (someone who held a changed role in the base is touched as much as someone who
    /// holds it in the target).
    init(entries: [DiffEntry], base: PrincipalIndex, target: PrincipalIndex) {
        let sides = [base, target]
        let everyone = Set(base.environment.users.keys).union(target.environment.users.keys)
        for e in entries {
            let id = e.objectId
            switch e.kind {
            case .environment:
                for line in e.lines {
                    switch line.field {
                    case .securityGroup, .adminMode, .modernizedBusinessUnits:
                        touchFull(everyone, "environment \(line.field.label): \(line.old ?? "none") -> \(line.new ?? "none")")
                        if line.field == .modernizedBusinessUnits { scopeSensitive.formUnion(everyone) }
                    default: break
                    }
                }
            case .businessUnit:
                break
            case .role:
                let holders = sides.reduce(into: Set<String>()) { $0.formUnion($1.holders(ofRole: id)) }
                if e.action != .modified || e.lines.contains(where: { [.template, .memberPrivilegeInheritance, .businessUnit].contains($0.field) }) {
                    touchFull(holders, "role \(e.name) \(e.action.rawValue)")
                    if e.lines.contains(where: { $0.field == .businessUnit }) { scopeSensitive.formUnion(holders) }
                } else {
                    var masks: [String: UInt8] = [:]
                    for l in e.lines where l.field == .privilege {
                        if let t = l.table, let op = l.operation { masks[t, default: 0] |= 1 << op.rawValue }
                    }
                    touchCells(holders, masks, "role \(e.name): privileges changed")
                }
            case .team:
                let members = sides.reduce(into: Set<String>()) { $0.formUnion($1.membersByTeam[id] ?? []) }
                for line in e.lines {
                    switch line.field {
                    case .member:
                        if let u = line.subjectId {
                            touchFull([u], line.symbol == .added ? "added to team \(e.name)" : "removed from team \(e.name)")
                        }
                    case .role:
                        guard let r = line.subjectId else { continue }
                        let roles = sides.compactMap { $0.environment.roles[r] }
                        let what = "team \(e.name): role \(line.subject) \(line.symbol == .added ? "assigned" : "removed")"
                        if roles.contains(where: { $0.isSystemAdministrator }) || roles.isEmpty {
                            touchFull(members, what)
                        } else {
                            touchCells(members, ImpactTouches.cells(of: roles), what)
                        }
                    case .name: break
                    default:
                        touchFull(members, "team \(e.name): \(line.field.label) changed")
                        if line.field == .businessUnit { scopeSensitive.formUnion(members) }
                    }
                }
            case .user:
                if e.action == .added || e.action == .removed {
                    touchFull([id], "user \(e.action.rawValue)")
                    continue
                }
                for line in e.lines where ![.name, .domainName, .title, .manager].contains(line.field) {
                    touchFull([id], userCause(line))
                    if line.field == .businessUnit { scopeSensitive.insert(id) }
                }
            case .fieldSecurityProfile:
                let members = sides.reduce(into: Set<String>()) { $0.formUnion($1.members(ofProfile: id)) }
                let refs = Set(sides.compactMap { $0.environment.fieldSecurityProfiles[id] }.flatMap { $0.permissions.keys })
                for line in e.lines {
                    switch line.field {
                    case .columnPermission:
                        if let c = line.column { touchColumns(members, [c], "profile \(e.name): \(line.subject) changed") }
                    case .profileUser:
                        if let u = line.subjectId {
                            touchColumns([u], refs, line.symbol == .added ? "added to profile \(e.name)" : "removed from profile \(e.name)")
                        }
                    case .profileTeam:
                        guard let t = line.subjectId else { continue }
                        let users = sides.reduce(into: Set<String>()) { $0.formUnion($1.membersByTeam[t] ?? []) }
                        touchColumns(users, refs, "team \(line.subject) \(line.symbol == .added ? "added to" : "removed from") profile \(e.name)")
                    default: break
                    }
                }
            case .table:
                // Ownership decides which levels count (organization-owned: any level is Organization).
                if e.lines.contains(where: { $0.field == .ownership }) {
                    var holders: Set<String> = []
                    for side in sides {
                        for role in side.environment.roles.values where role.privileges[id] != nil || role.isSystemAdministrator {
                            holders.formUnion(side.holders(ofRole: role.id))
                        }
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
                    guard let u = line.subjectId else { continue }
                    touchFull([u], line.symbol == .added ? "added to Entra group \(e.name)" : line.symbol == .removed
                        ? "removed from Entra group \(e.name)" : "Entra group \(e.name): \(line.old ?? "") -> \(line.new ?? "")")
                }
            }
        }
    }

    func userCause(_ line: DiffLine) -> String {
        switch line.field {
        case .role: "role \(line.subject) \(line.symbol == .added ? "assigned" : line.symbol == .removed ? "removed" : "changed")"
        case .disabled: line.new == "no" ? "enabled" : "disabled"
        default: "\(line.field.label): \(line.old ?? "none") -> \(line.new ?? "none")"
        }
    }
}
