import Foundation

/// The field layout of each ``Change`` case in ``ChangeCodec``'s JSON.
enum ChangeFields {
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    static func encode(_ change: Change, to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: FieldKey.self)
        func kind(_ name: String, _ env: String) throws {
            try c.put("kind", name)
            try c.put("environment", env)
        }
        switch change {
        case .setPrivilege(let e, let role, let table, let op, let level):
            try kind("setPrivilege", e)
            try c.put("role", role)
            try c.put("table", table)
            try c.put("operation", op.snapshotName)
            try c.put("level", level)
        case .setPrivilegeRow(let e, let role, let table, let row):
            try kind("setPrivilegeRow", e)
            try c.put("role", role)
            try c.put("table", table)
            try c.put("row", row.codecFields)
        case .setMiscPrivilege(let e, let role, let privilege, let level):
            try kind("setMiscPrivilege", e)
            try c.put("role", role)
            try c.put("privilege", privilege)
            try c.put("level", level)
        case .setMemberPrivilegeInheritance(let e, let role, let inherits):
            try kind("setMemberPrivilegeInheritance", e)
            try c.put("role", role)
            try c.put("inherits", inherits)
        case .assignUserRole(let e, let user, let role):
            try kind("assignUserRole", e)
            try c.put("user", user)
            try c.put("role", role)
        case .removeUserRole(let e, let user, let role):
            try kind("removeUserRole", e)
            try c.put("user", user)
            try c.put("role", role)
        case .assignTeamRole(let e, let team, let role):
            try kind("assignTeamRole", e)
            try c.put("team", team)
            try c.put("role", role)
        case .removeTeamRole(let e, let team, let role):
            try kind("removeTeamRole", e)
            try c.put("team", team)
            try c.put("role", role)
        case .setUserRoleCopy(let e, let user, let role, let unit):
            try kind("setUserRoleCopy", e)
            try c.put("user", user)
            try c.put("role", role)
            try c.put("businessUnit", unit)
        case .setTeamRoleCopy(let e, let team, let role, let unit):
            try kind("setTeamRoleCopy", e)
            try c.put("team", team)
            try c.put("role", role)
            try c.put("businessUnit", unit)
        case .addTeamMember(let e, let team, let user):
            try kind("addTeamMember", e)
            try c.put("team", team)
            try c.put("user", user)
        case .removeTeamMember(let e, let team, let user):
            try kind("removeTeamMember", e)
            try c.put("team", team)
            try c.put("user", user)
        case .setUserBusinessUnit(let e, let user, let bu):
            try kind("setUserBusinessUnit", e)
            try c.put("user", user)
            try c.put("businessUnit", bu)
        case .setUserDisabled(let e, let user, let disabled):
            try kind("setUserDisabled", e)
            try c.put("user", user)
            try c.put("disabled", disabled)
        case .setUserAccessMode(let e, let user, let mode):
            try kind("setUserAccessMode", e)
            try c.put("user", user)
            try c.put("accessMode", mode.snapshotName)
        case .setColumnPermission(let e, let profile, let column, let permission):
            try kind("setColumnPermission", e)
            try c.put("profile", profile)
            try c.put("table", column.table)
            try c.put("column", column.column)
            if let permission { try c.encode(CodablePermission(permission), forKey: FieldKey("permission")) }
        case .addProfileUser(let e, let profile, let user):
            try kind("addProfileUser", e)
            try c.put("profile", profile)
            try c.put("user", user)
        case .removeProfileUser(let e, let profile, let user):
            try kind("removeProfileUser", e)
            try c.put("profile", profile)
            try c.put("user", user)
        case .addProfileTeam(let e, let profile, let team):
            try kind("addProfileTeam", e)
            try c.put("profile", profile)
            try c.put("team", team)
        case .removeProfileTeam(let e, let profile, let team):
            try kind("removeProfileTeam", e)
            try c.put("profile", profile)
            try c.put("team", team)
        case .setColumnSecured(let e, let column, let secured):
            try kind("setColumnSecured", e)
            try c.put("table", column.table)
            try c.put("column", column.column)
            try c.put("secured", secured)
        case .setEnvironmentSettings(let e, let settings):
            try kind("setEnvironmentSettings", e)
            try c.encode(CodableSettings(settings), forKey: FieldKey("settings"))
        case .createRole(let e, let role):
            try kind("createRole", e)
            try c.encode(CodableRole(role), forKey: FieldKey("role"))
        case .renameRole(let e, let role, let name):
            try kind("renameRole", e)
            try c.put("role", role)
            try c.put("name", name)
        case .deleteRole(let e, let role):
            try kind("deleteRole", e)
            try c.put("role", role)
        case .createTeam(let e, let team):
            try kind("createTeam", e)
            try c.encode(CodableTeam(team), forKey: FieldKey("team"))
        case .renameTeam(let e, let team, let name):
            try kind("renameTeam", e)
            try c.put("team", team)
            try c.put("name", name)
        case .deleteTeam(let e, let team):
            try kind("deleteTeam", e)
            try c.put("team", team)
        case .createProfile(let e, let profile):
            try kind("createProfile", e)
            try c.encode(CodableProfile(profile), forKey: FieldKey("profile"))
        case .renameProfile(let e, let profile, let name):
            try kind("renameProfile", e)
            try c.put("profile", profile)
            try c.put("name", name)
        case .deleteProfile(let e, let profile):
            try kind("deleteProfile", e)
            try c.put("profile", profile)
        case .createBusinessUnit(let e, let bu):
            try kind("createBusinessUnit", e)
            try c.encode(CodableBusinessUnit(bu), forKey: FieldKey("businessUnit"))
        case .renameBusinessUnit(let e, let bu, let name):
            try kind("renameBusinessUnit", e)
            try c.put("businessUnit", bu)
            try c.put("name", name)
        case .setBusinessUnitParent(let e, let bu, let parent):
            try kind("setBusinessUnitParent", e)
            try c.put("businessUnit", bu)
            try c.put("parent", parent)
        case .deleteBusinessUnit(let e, let bu):
            try kind("deleteBusinessUnit", e)
            try c.put("businessUnit", bu)
        case .compound(let changes):
            try c.put("kind", "compound")
            try c.encode(changes.map(CodableChange.init), forKey: FieldKey("changes"))
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    static func decode(from decoder: any Decoder) throws -> Change {
        let c = try decoder.container(keyedBy: FieldKey.self)
        let kind = try c.string("kind")
        if kind == "compound" {
            return .compound(try c.decode([CodableChange].self, forKey: FieldKey("changes")).map(\.change))
        }
        let e = try c.string("environment")
        func column() throws -> ColumnReference { ColumnReference(table: try c.string("table"), column: try c.string("column")) }
        switch kind {
        case "setPrivilege":
            return .setPrivilege(
                environment: e, role: try c.string("role"), table: try c.string("table"),
                operation: try c.parsed("operation", "operation", TableOperation.init(name:)),
                level: try c.level())
        case "setPrivilegeRow":
            let path = ChangeCodec.path(c.codingPath + [FieldKey("row")])
            return .setPrivilegeRow(
                environment: e, role: try c.string("role"), table: try c.string("table"),
                row: try PrivilegeRow(codecFields: try c.levelMap("row"), path: path))
        case "setMiscPrivilege":
            return .setMiscPrivilege(environment: e, role: try c.string("role"), privilege: try c.string("privilege"), level: try c.level())
        case "setMemberPrivilegeInheritance":
            return .setMemberPrivilegeInheritance(environment: e, role: try c.string("role"), inherits: try c.bool("inherits"))
        case "assignUserRole": return .assignUserRole(environment: e, user: try c.string("user"), role: try c.string("role"))
        case "removeUserRole": return .removeUserRole(environment: e, user: try c.string("user"), role: try c.string("role"))
        case "assignTeamRole": return .assignTeamRole(environment: e, team: try c.string("team"), role: try c.string("role"))
        case "removeTeamRole": return .removeTeamRole(environment: e, team: try c.string("team"), role: try c.string("role"))
        case "setUserRoleCopy":
            return .setUserRoleCopy(
                environment: e, user: try c.string("user"), role: try c.string("role"), businessUnit: try c.optionalString("businessUnit"))
        case "setTeamRoleCopy":
            return .setTeamRoleCopy(
                environment: e, team: try c.string("team"), role: try c.string("role"), businessUnit: try c.optionalString("businessUnit"))
        case "addTeamMember": return .addTeamMember(environment: e, team: try c.string("team"), user: try c.string("user"))
        case "removeTeamMember": return .removeTeamMember(environment: e, team: try c.string("team"), user: try c.string("user"))
        case "setUserBusinessUnit":
            return .setUserBusinessUnit(environment: e, user: try c.string("user"), businessUnit: try c.string("businessUnit"))
        case "setUserDisabled": return .setUserDisabled(environment: e, user: try c.string("user"), disabled: try c.bool("disabled"))
        case "setUserAccessMode":
            return .setUserAccessMode(
                environment: e, user: try c.string("user"),
                accessMode: try c.parsed("accessMode", "access mode", AccessMode.init(snapshotName:)))
        case "setColumnPermission":
            let permission = try c.decodeIfPresent(CodablePermission.self, forKey: FieldKey("permission"))?.permission
            return .setColumnPermission(environment: e, profile: try c.string("profile"), column: try column(), permission: permission)
        case "addProfileUser": return .addProfileUser(environment: e, profile: try c.string("profile"), user: try c.string("user"))
        case "removeProfileUser": return .removeProfileUser(environment: e, profile: try c.string("profile"), user: try c.string("user"))
        case "addProfileTeam": return .addProfileTeam(environment: e, profile: try c.string("profile"), team: try c.string("team"))
        case "removeProfileTeam": return .removeProfileTeam(environment: e, profile: try c.string("profile"), team: try c.string("team"))
        case "setColumnSecured": return .setColumnSecured(environment: e, column: try column(), secured: try c.bool("secured"))
        case "setEnvironmentSettings":
            return .setEnvironmentSettings(
                environment: e, settings: try c.decode(CodableSettings.self, forKey: FieldKey("settings")).settings)
        case "createRole": return .createRole(environment: e, role: try c.decode(CodableRole.self, forKey: FieldKey("role")).role)
        case "renameRole": return .renameRole(environment: e, role: try c.string("role"), name: try c.string("name"))
        case "deleteRole": return .deleteRole(environment: e, role: try c.string("role"))
        case "createTeam": return .createTeam(environment: e, team: try c.decode(CodableTeam.self, forKey: FieldKey("team")).team)
        case "renameTeam": return .renameTeam(environment: e, team: try c.string("team"), name: try c.string("name"))
        case "deleteTeam": return .deleteTeam(environment: e, team: try c.string("team"))
        case "createProfile":
            return .createProfile(environment: e, profile: try c.decode(CodableProfile.self, forKey: FieldKey("profile")).profile)
        case "renameProfile": return .renameProfile(environment: e, profile: try c.string("profile"), name: try c.string("name"))
        case "deleteProfile": return .deleteProfile(environment: e, profile: try c.string("profile"))
        case "createBusinessUnit":
            return .createBusinessUnit(
                environment: e, businessUnit: try c.decode(CodableBusinessUnit.self, forKey: FieldKey("businessUnit")).businessUnit)
        case "renameBusinessUnit":
            return .renameBusinessUnit(environment: e, businessUnit: try c.string("businessUnit"), name: try c.string("name"))
        case "setBusinessUnitParent":
            return .setBusinessUnitParent(environment: e, businessUnit: try c.string("businessUnit"), parent: try c.string("parent"))
        case "deleteBusinessUnit": return .deleteBusinessUnit(environment: e, businessUnit: try c.string("businessUnit"))
        default:
            throw ChangeDecodingError(path: ChangeCodec.path(c.codingPath + [FieldKey("kind")]), message: "unknown change kind '\(kind)'")
        }
    }
}
