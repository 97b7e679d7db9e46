import Foundation

// The entities a create or settings change carries, in ``ChangeCodec``'s JSON. Optional and
// empty values are left out, as in snapshots.

struct CodablePermission: Codable {
    var permission: ColumnPermission
    init(_ permission: ColumnPermission) { self.permission = permission }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FieldKey.self)
        let unmasked = try c.optionalString("readUnmasked").map { raw throws -> UnmaskedRead in
            guard let v = UnmaskedRead(snapshotName: raw) else {
                throw ChangeDecodingError(
                    path: ChangeCodec.path(c.codingPath + [FieldKey("readUnmasked")]),
                    message: "unknown unmasked-read value '\(raw)'")
            }
            return v
        }
        permission = ColumnPermission(
            canRead: try c.bool("read"), canCreate: try c.bool("create"), canUpdate: try c.bool("update"),
            canReadUnmasked: unmasked ?? .notAllowed)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.put("read", permission.canRead)
        try c.put("create", permission.canCreate)
        try c.put("update", permission.canUpdate)
        try c.put("readUnmasked", permission.canReadUnmasked.snapshotName)
    }
}

struct CodableSettings: Codable {
    var settings: EnvironmentSettings
    init(_ settings: EnvironmentSettings) { self.settings = settings }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FieldKey.self)
        settings = EnvironmentSettings(
            name: try c.string("name"), type: try c.parsed("type", "environment type", EnvironmentType.init(rawValue:)),
            region: try c.optionalString("region") ?? "", securityGroupId: try c.optionalString("securityGroup"),
            adminMode: try c.bool("adminMode"), modernizedBusinessUnits: try c.bool("modernizedBusinessUnits"),
            auditingEnabled: try c.bool("auditing"))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.put("name", settings.name)
        try c.put("type", settings.type.rawValue)
        if !settings.region.isEmpty { try c.put("region", settings.region) }
        try c.put("securityGroup", settings.securityGroupId)
        try c.put("adminMode", settings.adminMode)
        try c.put("modernizedBusinessUnits", settings.modernizedBusinessUnits)
        try c.put("auditing", settings.auditingEnabled)
    }
}

struct CodableBusinessUnit: Codable {
    var businessUnit: BusinessUnit
    init(_ businessUnit: BusinessUnit) { self.businessUnit = businessUnit }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FieldKey.self)
        businessUnit = BusinessUnit(
            id: try c.string("id"), name: try c.string("name"), parentId: try c.optionalString("parent"),
            isDisabled: try c.bool("disabled"))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.put("id", businessUnit.id)
        try c.put("name", businessUnit.name)
        try c.put("parent", businessUnit.parentId)
        if businessUnit.isDisabled { try c.put("disabled", true) }
    }
}

struct CodableTeam: Codable {
    var team: Team
    init(_ team: Team) { self.team = team }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FieldKey.self)
        let membership = try c.optionalString("membershipType").map { raw throws -> GroupMembershipType in
            guard let v = GroupMembershipType(snapshotName: raw) else {
                throw ChangeDecodingError(
                    path: ChangeCodec.path(c.codingPath + [FieldKey("membershipType")]),
                    message: "unknown membership type '\(raw)'")
            }
            return v
        }
        team = Team(
            id: try c.string("id"), name: try c.string("name"), businessUnitId: try c.string("businessUnit"),
            type: try c.parsed("type", "team type", TeamType.init(snapshotName:)), isDefault: try c.bool("default"),
            entraGroupId: try c.optionalString("entraGroup"), membershipType: membership,
            memberIds: Set(try c.strings("members")), roleIds: Set(try c.strings("roles")),
            roleBusinessUnitIds: try c.decodeIfPresent([String: String].self, forKey: FieldKey("roleBusinessUnits")) ?? [:])
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.put("id", team.id)
        try c.put("name", team.name)
        try c.put("businessUnit", team.businessUnitId)
        try c.put("type", team.type.snapshotName)
        if team.isDefault { try c.put("default", true) }
        try c.put("entraGroup", team.entraGroupId)
        try c.put("membershipType", team.membershipType?.snapshotName)
        if !team.memberIds.isEmpty { try c.put("members", team.memberIds.sorted()) }
        if !team.roleIds.isEmpty { try c.put("roles", team.roleIds.sorted()) }
        if !team.roleBusinessUnitIds.isEmpty { try c.encode(team.roleBusinessUnitIds, forKey: FieldKey("roleBusinessUnits")) }
    }
}

struct CodableRole: Codable {
    var role: SecurityRole
    init(_ role: SecurityRole) { self.role = role }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FieldKey.self)
        let rawPrivileges = try c.decodeIfPresent([String: [String: String]].self, forKey: FieldKey("privileges")) ?? [:]
        var privileges: [String: PrivilegeRow] = [:]
        for (table, fields) in rawPrivileges {
            var levels: [String: AccessLevel] = [:]
            for (op, name) in fields {
                guard let level = AccessLevel(name: name) else {
                    throw ChangeDecodingError(
                        path: ChangeCodec.path(c.codingPath) + ".privileges.\(table).\(op)",
                        message: "unknown access level '\(name)'")
                }
                levels[op] = level
            }
            privileges[table] = try PrivilegeRow(codecFields: levels, path: ChangeCodec.path(c.codingPath) + ".privileges.\(table)")
        }
        role = SecurityRole(
            id: try c.string("id"), name: try c.string("name"), businessUnitId: try c.string("businessUnit"),
            templateId: try c.optionalString("template"), inheritsMemberPrivileges: try c.optionalBool("inheritsMemberPrivileges") ?? true,
            description: try c.optionalString("description"), summaryOfCoreTablePermissions: try c.optionalString("summary"),
            isManaged: try c.bool("managed"), isCustomizable: try c.optionalBool("customizable"),
            isAutoAssigned: try c.optionalBool("autoAssigned"), appliesTo: try c.optionalString("appliesTo"),
            privileges: privileges, miscPrivileges: try c.levelMap("misc"), unmappedPrivileges: try c.levelMap("unmapped"),
            inheritsMemberPrivilegesKnown: !(try c.optionalBool("inheritsMemberPrivilegesUnknown") ?? false))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.put("id", role.id)
        try c.put("name", role.name)
        try c.put("businessUnit", role.businessUnitId)
        try c.put("template", role.templateId)
        try c.put("inheritsMemberPrivileges", role.inheritsMemberPrivileges)
        // An imported role whose file did not say (`isinherited` absent) stays "not known".
        if !role.inheritsMemberPrivilegesKnown { try c.put("inheritsMemberPrivilegesUnknown", true) }
        try c.put("description", role.description)
        try c.put("summary", role.summaryOfCoreTablePermissions)
        if role.isManaged { try c.put("managed", true) }
        try c.encodeIfPresent(role.isCustomizable, forKey: FieldKey("customizable"))
        try c.encodeIfPresent(role.isAutoAssigned, forKey: FieldKey("autoAssigned"))
        try c.put("appliesTo", role.appliesTo)
        let rows = role.privileges.filter { !$0.value.isEmpty }.mapValues(\.codecFields)
        if !rows.isEmpty { try c.encode(rows, forKey: FieldKey("privileges")) }
        if !role.miscPrivileges.isEmpty { try c.put("misc", role.miscPrivileges.mapValues(\.snapshotName)) }
        if !role.unmappedPrivileges.isEmpty { try c.put("unmapped", role.unmappedPrivileges.mapValues(\.snapshotName)) }
    }
}

struct CodableProfile: Codable {
    var profile: FieldSecurityProfile
    init(_ profile: FieldSecurityProfile) { self.profile = profile }

    private struct Entry: Codable {
        var table: String
        var column: String
        var permission: CodablePermission
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: FieldKey.self)
        let entries = try c.decodeIfPresent([Entry].self, forKey: FieldKey("permissions")) ?? []
        var permissions: [ColumnReference: ColumnPermission] = [:]
        for e in entries { permissions[ColumnReference(table: e.table, column: e.column)] = e.permission.permission }
        profile = FieldSecurityProfile(
            id: try c.string("id"), name: try c.string("name"), description: try c.optionalString("description"),
            permissions: permissions, userIds: Set(try c.strings("users")), teamIds: Set(try c.strings("teams")))
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        try c.put("id", profile.id)
        try c.put("name", profile.name)
        try c.put("description", profile.description)
        let entries = profile.permissions.sorted { $0.key < $1.key }
            .map { Entry(table: $0.key.table, column: $0.key.column, permission: CodablePermission($0.value)) }
        if !entries.isEmpty { try c.encode(entries, forKey: FieldKey("permissions")) }
        if !profile.userIds.isEmpty { try c.put("users", profile.userIds.sorted()) }
        if !profile.teamIds.isEmpty { try c.put("teams", profile.teamIds.sorted()) }
    }
}
