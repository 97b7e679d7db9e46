/// Each record of an environment read from its JSON object: the keys it knows, the problems
/// (missing keys, unknown values) collected rather than thrown, so one run lists them all.
extension RawEnvironment {
    static func required(_ r: JSONReader, _ present: [(String, Bool)], _ problems: inout [SnapshotProblem]) {
        for (key, ok) in present where !ok {
            problems.append(SnapshotProblem(path: r.pathString, message: "missing '\(key)'"))
        }
    }

    /// A record's `name`: a problem at its path when it is empty or only white space
    /// (``RecordName``); white space at its ends is trimmed when the environment is made
    /// (``Environment/trimNamesReadWithWhiteSpace(users:)``).
    static func readName(_ r: inout JSONReader, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) -> String {
        let name = try r.readString()
        if let problem = RecordName.loadProblem(name) { problems.append(SnapshotProblem(path: r.pathString, message: problem)) }
        return name
    }

    /// A table's or column's `displayName`: as ``readName(_:_:)``, empty allowed (the logical name).
    static func readDisplayName(_ r: inout JSONReader, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) -> String {
        let name = try r.readString()
        if !name.isEmpty, let problem = RecordName.loadProblem(name) {
            problems.append(SnapshotProblem(path: r.pathString, message: problem))
        }
        return name
    }

    static func readBusinessUnit(_ r: inout JSONReader, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) -> BusinessUnit {
        var bu = BusinessUnit(id: "", name: "")
        var hasId = false
        var hasName = false
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "id":
                bu.id = try r.readString()
                hasId = true
            case "name":
                bu.name = try readName(&r, &problems)
                hasName = true
            case "parent": bu.parentId = try r.readString()
            case "disabled": bu.isDisabled = try r.readBool()
            default: try unknownKey(&r, key, &problems)
            }
        }
        if !(hasId && hasName) { required(r, [("id", hasId), ("name", hasName)], &problems) }
        return bu
    }

    static func readUser(_ r: inout JSONReader, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) -> User {
        var u = User(id: "", name: "", businessUnitId: "")
        var hasId = false
        var hasName = false
        var hasBU = false
        var copies: (path: String, units: [String: String])?
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "id":
                u.id = try r.readString()
                hasId = true
            case "name":
                u.name = try readName(&r, &problems)
                hasName = true
            case "domainName": u.domainName = try r.readString()
            case "businessUnit":
                u.businessUnitId = try r.readString()
                hasBU = true
            case "disabled": u.isDisabled = try r.readBool()
            case "accessMode":
                u.accessMode = try readEnum(&r, "access mode", &problems, fallback: .readWrite) { AccessMode(snapshotName: $0) }
            case "licensed": u.isLicensed = try r.readBool()
            case "applicationUser": u.isApplicationUser = try r.readBool()
            case "manager": u.managerId = try r.readString()
            case "title": u.title = try r.readString()
            case "roles": u.roleIds = try r.readStringSet()
            case "roleBusinessUnits": copies = (r.pathString, try r.readStringMap())
            default: try unknownKey(&r, key, &problems)
            }
        }
        if !(hasId && hasName && hasBU) { required(r, [("id", hasId), ("name", hasName), ("businessUnit", hasBU)], &problems) }
        if let copies { u.roleBusinessUnitIds = heldCopies(copies, roles: u.roleIds, of: "user", &problems) }
        return u
    }

    static func readTeam(_ r: inout JSONReader, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) -> Team {
        var t = Team(id: "", name: "", businessUnitId: "")
        var hasId = false
        var hasName = false
        var hasBU = false
        var copies: (path: String, units: [String: String])?
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "id":
                t.id = try r.readString()
                hasId = true
            case "name":
                t.name = try readName(&r, &problems)
                hasName = true
            case "businessUnit":
                t.businessUnitId = try r.readString()
                hasBU = true
            case "type": t.type = try readEnum(&r, "team type", &problems, fallback: .owner) { TeamType(snapshotName: $0) }
            case "default": t.isDefault = try r.readBool()
            case "entraGroup": t.entraGroupId = try r.readString()
            case "membershipType":
                t.membershipType = try readEnum(&r, "membership type", &problems, fallback: nil) { GroupMembershipType(snapshotName: $0) }
            case "members": t.memberIds = try r.readStringSet()
            case "roles": t.roleIds = try r.readStringSet()
            case "roleBusinessUnits": copies = (r.pathString, try r.readStringMap())
            default: try unknownKey(&r, key, &problems)
            }
        }
        if !(hasId && hasName && hasBU) { required(r, [("id", hasId), ("name", hasName), ("businessUnit", hasBU)], &problems) }
        if let copies { t.roleBusinessUnitIds = heldCopies(copies, roles: t.roleIds, of: "team", &problems) }
        return t
    }

    /// A record's `roleBusinessUnits`, read after its `roles` (keys come in any order): an entry
    /// for a role the record does not hold is a problem with its place, not silently dropped.
    static func heldCopies(
        _ copies: (path: String, units: [String: String]), roles: Set<String>, of what: String, _ problems: inout [SnapshotProblem]
    ) -> [String: String] {
        for role in copies.units.keys.sorted() where !roles.contains(role) {
            problems.append(
                SnapshotProblem(
                    path: copies.path + "." + role,
                    message:
                        "names the copy of role '\(role)', which is not among the \(what)'s roles: add it to roles, or remove this entry"))
        }
        return copies.units
    }

    static func readLevelMap(_ r: inout JSONReader, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) -> [String: AccessLevel] {
        var out: [String: AccessLevel] = [:]
        try r.beginObject()
        while let key = try r.nextKey() {
            // A privilege with no name cannot be written back to a role file (RolePrivilege name="").
            if key.string.allSatisfy(\.isWhitespace) {
                problems.append(SnapshotProblem(path: r.pathString, message: "a privilege name is empty"))
            }
            out[key.string] = try readEnum(&r, "access level (none, basic, local, deep, global)", &problems, fallback: .none) {
                AccessLevel(name: $0)
            }
        }
        return out
    }

    static func readRole(_ r: inout JSONReader, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) -> SecurityRole {
        var role = SecurityRole(id: "", name: "", businessUnitId: "")
        var hasId = false
        var hasName = false
        var hasBU = false
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "id":
                role.id = try r.readString()
                hasId = true
            case "name":
                role.name = try readName(&r, &problems)
                hasName = true
            case "businessUnit":
                role.businessUnitId = try r.readString()
                hasBU = true
            case "template": role.templateId = try r.readString().lowercased()
            case "inheritsMemberPrivileges": role.inheritsMemberPrivileges = try r.readBool()
            case "inheritsMemberPrivilegesUnknown": role.inheritsMemberPrivilegesKnown = !(try r.readBool())
            case "description": role.description = try r.readString()
            case "summaryOfCoreTablePermissions": role.summaryOfCoreTablePermissions = try r.readString()
            case "managed": role.isManaged = try r.readBool()
            case "customizable": role.isCustomizable = try r.readBool()
            case "autoAssigned": role.isAutoAssigned = try r.readBool()
            case "appliesTo": role.appliesTo = try r.readString()
            case "privileges":
                try r.beginObject()
                while let tableKey = try r.nextKey() {
                    let table = tableKey.string
                    var row = PrivilegeRow.empty
                    try r.beginObject()
                    while let opKey = try r.nextKey() {
                        let opName = opKey.string
                        guard let op = TableOperation(name: opName) else {
                            problems.append(
                                SnapshotProblem(
                                    path: r.pathString,
                                    message: "unknown operation '\(opName)' (create, read, write, delete, append, appendTo, assign, share)")
                            )
                            try r.skipValue()
                            continue
                        }
                        row[op] = try readEnum(&r, "access level (none, basic, local, deep, global)", &problems, fallback: .none) {
                            AccessLevel(name: $0)
                        }
                    }
                    role.privileges[table] = row.isEmpty ? nil : row
                }
            case "miscPrivileges": role.miscPrivileges = try readLevelMap(&r, &problems).filter { $0.value != .none }
            case "unmappedPrivileges": role.unmappedPrivileges = try readLevelMap(&r, &problems)
            default: try unknownKey(&r, key, &problems)
            }
        }
        if !(hasId && hasName && hasBU) { required(r, [("id", hasId), ("name", hasName), ("businessUnit", hasBU)], &problems) }
        return role
    }

    static func readTable(_ r: inout JSONReader, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) -> (Table, [String]) {
        var t = Table(logicalName: "")
        var schema: String?
        var display: String?
        var order: [String] = []
        var hasName = false
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "logicalName":
                t.logicalName = try r.readString()
                hasName = true
            case "schemaName": schema = try r.readString()
            case "displayName": display = try readDisplayName(&r, &problems)
            case "ownership":
                t.ownership = try readEnum(&r, "ownership (user, organization)", &problems, fallback: .userOrTeam) {
                    TableOwnership(snapshotName: $0)
                }
            case "custom": t.isCustom = try r.readBool()
            case "columns":
                try r.beginArray()
                while try r.nextElement() {
                    var c = Column(logicalName: "")
                    var hasColumnName = false
                    try r.beginObject()
                    while let key = try r.nextKey() {
                        switch key {
                        case "logicalName":
                            c.logicalName = try r.readString()
                            hasColumnName = true
                        case "displayName": c.displayName = try readDisplayName(&r, &problems)
                        case "secured": c.isSecured = try r.readBool()
                        default: try unknownKey(&r, key, &problems)
                        }
                    }
                    if !(hasColumnName) { required(r, [("logicalName", hasColumnName)], &problems) }
                    if c.displayName.isEmpty { c.displayName = c.logicalName }
                    order.append(c.logicalName)
                    if t.columns[c.logicalName] == nil { t.columns[c.logicalName] = c }
                }
            default: try unknownKey(&r, key, &problems)
            }
        }
        if !(hasName) { required(r, [("logicalName", hasName)], &problems) }
        t.schemaName = schema ?? t.logicalName
        t.displayName = display.flatMap { $0.isEmpty ? nil : $0 } ?? t.logicalName
        return (t, order)
    }

    static func readProfile(
        _ r: inout JSONReader, _ problems: inout [SnapshotProblem]
    ) throws(SnapshotProblem) -> (FieldSecurityProfile, [ColumnReference]) {
        var p = FieldSecurityProfile(id: "", name: "")
        var order: [ColumnReference] = []
        var hasId = false
        var hasName = false
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "id":
                p.id = try r.readString()
                hasId = true
            case "name":
                p.name = try readName(&r, &problems)
                hasName = true
            case "description": p.description = try r.readString()
            case "users": p.userIds = try r.readStringSet()
            case "teams": p.teamIds = try r.readStringSet()
            case "permissions":
                try r.beginArray()
                while try r.nextElement() {
                    var ref = ColumnReference(table: "", column: "")
                    var perm = ColumnPermission()
                    var hasTable = false
                    var hasColumn = false
                    try r.beginObject()
                    while let key = try r.nextKey() {
                        switch key {
                        case "table":
                            ref.table = try r.readString()
                            hasTable = true
                        case "column":
                            ref.column = try r.readString()
                            hasColumn = true
                        case "read": perm.canRead = try r.readBool()
                        case "create": perm.canCreate = try r.readBool()
                        case "update": perm.canUpdate = try r.readBool()
                        case "readUnmasked":
                            perm.canReadUnmasked = try readEnum(
                                &r, "read-unmasked value (not-allowed, one-record, all-records)", &problems, fallback: .notAllowed
                            ) {
                                UnmaskedRead(snapshotName: $0)
                            }
                        default: try unknownKey(&r, key, &problems)
                        }
                    }
                    if !(hasTable && hasColumn) { required(r, [("table", hasTable), ("column", hasColumn)], &problems) }
                    order.append(ref)
                    if p.permissions[ref] == nil { p.permissions[ref] = perm }
                }
            default: try unknownKey(&r, key, &problems)
            }
        }
        if !(hasId && hasName) { required(r, [("id", hasId), ("name", hasName)], &problems) }
        return (p, order)
    }

    static func readEntraGroup(_ r: inout JSONReader, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) -> EntraGroup {
        var g = EntraGroup(id: "", name: "")
        var hasId = false
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "id":
                g.id = try r.readString()
                hasId = true
            case "name": g.name = try r.readString()
            case "members":
                // An environment's security group can list every user: parsed on both cores.
                let (members, _) = try r.readArrayInParallel(problems: &problems) {
                    (r: inout JSONReader, p: inout [SnapshotProblem]) throws(SnapshotProblem) in
                    try Self.readEntraGroupMember(&r, &p)
                }
                g.members.reserveCapacity(members.count)
                for (i, (user, member)) in members.enumerated() where g.members.updateValue(member, forKey: user) != nil {
                    problems.append(SnapshotProblem(path: r.pathString + "[\(i)]", message: "user '\(user)' is listed twice in this group"))
                }
            default: try unknownKey(&r, key, &problems)
            }
        }
        if !(hasId) { required(r, [("id", hasId)], &problems) }
        return g
    }

    static func readEntraGroupMember(
        _ r: inout JSONReader, _ problems: inout [SnapshotProblem]
    ) throws(SnapshotProblem) -> (String, EntraGroupMember) {
        var user = ""
        var member = EntraGroupMember()
        var hasUser = false
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "user":
                user = try r.readString()
                hasUser = true
            case "type":
                member.isGuest = try readEnum(&r, "member type (member, guest)", &problems, fallback: false) { s -> Bool? in
                    switch s {
                    case "member": false
                    case "guest": true
                    default: s.lowercased() == "guest" ? true : (s.lowercased() == "member" ? false : nil)
                    }
                }
            case "owner": member.isOwner = try r.readBool()
            default: try unknownKey(&r, key, &problems)
            }
        }
        if !hasUser { required(r, [("user", hasUser)], &problems) }
        return (user, member)
    }
}
