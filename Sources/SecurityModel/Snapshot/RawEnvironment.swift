import Foundation

/// One environment as read, with entities in file order (for paths in error messages).
struct RawEnvironment {
    var id = ""
    var settings = EnvironmentSettings(name: "", type: .sandbox)
    var businessUnits: [BusinessUnit] = []
    /// Users by id, filled while parsing (one copy of each user in memory), and their ids in file order.
    var users: [String: User] = [:]
    var userOrder: [String] = []
    var duplicateUsers: [(index: Int, id: String)] = []
    /// Users' business-unit and role references were checked while parsing.
    var usersReferencesChecked = false
    var userReferenceProblems: [SnapshotProblem] = []
    /// Users whose name starts or ends with a space or a non-ASCII character (a few, if any):
    /// the ones ``Environment/trimNamesReadWithWhiteSpace(users:)`` looks at.
    var usersMaybeUntrimmed: [String] = []
    var teams: [Team] = []
    var roles: [SecurityRole] = []
    var tables: [Table] = []
    var tableColumnsInOrder: [[String]] = []
    var profiles: [FieldSecurityProfile] = []
    var profilePermissionsInOrder: [[ColumnReference]] = []
    var entraGroups: [EntraGroup] = []
    /// Where each user (in `userOrder`), team, role and Entra group is in the file, for
    /// ``RecordReuse``; empty when not known.
    var userSpans: [Range<Int>] = []
    var teamSpans: [Range<Int>] = []
    var roleSpans: [Range<Int>] = []
    var entraGroupSpans: [Range<Int>] = []

    var environment: Environment {
        var env = Environment(
            id: id, settings: settings, businessUnits: businessUnits, teams: teams, roles: roles,
            tables: tables, fieldSecurityProfiles: profiles, entraGroups: entraGroups)
        env.users = users
        env.trimNamesReadWithWhiteSpace(users: usersMaybeUntrimmed)
        return env
    }

    /// Reads one environment. A user, team, role or Entra group whose bytes `reuse` knows is taken
    /// from it instead of being parsed again.
    mutating func read(_ r: inout JSONReader, problems: inout [SnapshotProblem], reuse: RecordReuse? = nil) throws(SnapshotProblem) {
        var hasId = false
        var hasName = false
        var hasType = false
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "id":
                id = try r.readString()
                hasId = true
            case "name":
                settings.name = try Self.readName(&r, &problems)
                hasName = true
            case "type":
                settings.type = try readEnum(&r, "environment type", &problems, fallback: .sandbox) {
                    EnvironmentType(rawValue: $0.lowercased())
                }
                hasType = true
            case "region": settings.region = try r.readString()
            case "securityGroup": settings.securityGroupId = try r.readString()
            case "adminMode": settings.adminMode = try r.readBool()
            case "modernizedBusinessUnits": settings.modernizedBusinessUnits = try r.readBool()
            case "auditing": settings.auditingEnabled = try r.readBool()
            case "businessUnits":
                try r.beginArray()
                while try r.nextElement() {
                    businessUnits.append(try Self.readBusinessUnit(&r, &problems))
                }
            case "users":
                // The largest array of a big organisation: parsed on both cores. When the business
                // units and roles came first (as dvsec writes them), each user's references are
                // checked right there, in parallel, instead of in a second pass.
                let known: (bus: Set<String>, roles: Set<String>)? =
                    businessUnits.isEmpty || roles.isEmpty ? nil : (Set(businessUnits.map(\.id)), Set(roles.map(\.id)))
                var parsed = try r.readArrayPartsInParallel(problems: &problems) {
                    (r: inout JSONReader, p: inout [SnapshotProblem]) throws(SnapshotProblem) in
                    let user: User
                    if let (known, i) = Self.reused(&r, reuse, .user) {
                        user = known.users[i]
                    } else {
                        user = try Self.readUser(&r, &p)
                    }
                    var references: [SnapshotProblem] = []
                    if let known {
                        if !known.bus.contains(user.businessUnitId) {
                            references.append(
                                SnapshotProblem(
                                    path: r.pathString + ".businessUnit", message: "unknown business unit '\(user.businessUnitId)'"))
                        }
                        for role in user.roleIds.sorted() where !known.roles.contains(role) {
                            references.append(SnapshotProblem(path: r.pathString + ".roles", message: "unknown role '\(role)'"))
                        }
                    }
                    return (user, references)
                }
                usersReferencesChecked = known != nil
                userSpans += parsed.spans
                // Each user is moved out of its part into the dictionary (reversed, then popped),
                // never copied: a copy retains every field of 100,000 users, and so does its release.
                let total = parsed.parts.reduce(0) { $0 + $1.count }
                users.reserveCapacity(total)
                userOrder.reserveCapacity(total)
                var references: [SnapshotProblem] = []
                for i in parsed.parts.indices {
                    var part = parsed.parts[i]
                    parsed.parts[i] = []
                    part.reverse()
                    while let (user, refs) = part.popLast() {
                        userOrder.append(user.id)
                        if !refs.isEmpty { references += refs }
                        // A name that may need trimming, looked at here where the user is in hand
                        // (a pass over the dictionary afterwards copied 100,000 users out).
                        if RecordName.mayNeedTrimming(user.name) { usersMaybeUntrimmed.append(user.id) }
                        // Keep the first of two users with the same id; report the second.
                        let id = user.id
                        if let first = users.updateValue(user, forKey: id) {
                            users[id] = first
                            duplicateUsers.append((userOrder.count - 1, id))
                        }
                    }
                }
                // Listed by the validator after duplicate ids (the likelier cause).
                userReferenceProblems = references
            case "teams":
                // Thousands of teams with their members, and roles with hundreds of privileges each:
                // worth both cores once there are enough of them.
                let (read, spans) = try Self.readRecords(&r, 2_000, reuse, .team, \.teams, &problems, Self.readTeam)
                teams += read
                teamSpans += spans
            case "roles":
                let (read, spans) = try Self.readRecords(&r, 200, reuse, .role, \.roles, &problems, Self.readRole)
                roles += read
                roleSpans += spans
            case "tables":
                try r.beginArray()
                while try r.nextElement() {
                    let (t, order) = try Self.readTable(&r, &problems)
                    tables.append(t)
                    tableColumnsInOrder.append(order)
                }
            case "fieldSecurityProfiles":
                try r.beginArray()
                while try r.nextElement() {
                    let (p, order) = try Self.readProfile(&r, &problems)
                    profiles.append(p)
                    profilePermissionsInOrder.append(order)
                }
            case "entraGroups":
                // Hundreds of groups with thousands of members each.
                let (read, spans) = try Self.readRecords(&r, 200, reuse, .entraGroup, \.entraGroups, &problems, Self.readEntraGroup)
                entraGroups += read
                entraGroupSpans += spans
            default: try unknownKey(&r, key, &problems)
            }
        }
        let here = r.pathString
        if !hasId { problems.append(SnapshotProblem(path: here, message: "missing 'id'")) }
        if !hasName { problems.append(SnapshotProblem(path: here, message: "missing 'name'")) }
        if !hasType { problems.append(SnapshotProblem(path: here, message: "missing 'type'")) }
    }

    /// Where `reuse` has the element at the reader's position (see ``RecordReuse``), the reader
    /// moved past it; `nil` when the element must be parsed.
    static func reused(_ r: inout JSONReader, _ reuse: RecordReuse?, _ kind: RecordReuse.Kind) -> (RecordReuse, Int)? {
        guard let reuse, let span = r.elementSpan, let index = reuse.index(of: kind, r.bytes, span) else { return nil }
        r.position = span.upperBound
        return (reuse, index)
    }

    /// Reads an array of records on both cores once it has `minimumCount` of them, taking each one
    /// `reuse` knows from it, and returns them in file order with their bytes.
    static func readRecords<T>(
        _ r: inout JSONReader, _ minimumCount: Int, _ reuse: RecordReuse?, _ kind: RecordReuse.Kind,
        _ known: KeyPath<RecordReuse, [T]>, _ problems: inout [SnapshotProblem],
        _ read: @escaping (inout JSONReader, inout [SnapshotProblem]) throws(SnapshotProblem) -> T
    ) throws(SnapshotProblem) -> ([T], [Range<Int>]) {
        nonisolated(unsafe) let known = known  // Read-only, from both cores.
        let (values, spans) = try r.readArrayInParallel(minimumCount: minimumCount, problems: &problems) {
            (r: inout JSONReader, p: inout [SnapshotProblem]) throws(SnapshotProblem) in
            if let (records, i) = Self.reused(&r, reuse, kind) { return records[keyPath: known][i] }
            return try read(&r, &p)
        }
        return (values, spans)
    }
}
