import Foundation
import SecurityModel

/// A link between two records, from an intersect table or an expanded association.
struct WebAPILink: Hashable, Sendable {
    var from: String
    var to: String
}

/// A `role` row: the role and, for business-unit copies, the root role it copies.
struct WebAPIRoleRow: Sendable {
    var role: SecurityRole
    /// `_parentrootroleid_value`; the role itself for a root role.
    var rootId: String
    /// The columns the row has (selected), so a merge keeps what the query did not ask for.
    var columns: Set<String>
}

/// A `roleprivileges` row.
struct WebAPIRolePrivilege: Sendable {
    var roleId: String
    var privilegeId: String
    var level: AccessLevel
    var file: String
}

/// A `fieldpermission` row.
struct WebAPIFieldPermission: Sendable {
    var profileId: String
    var column: ColumnReference
    var permission: ColumnPermission
    var file: String
}

/// Everything read from a folder of Web API payloads, checked and typed, before merging.
/// Each collection is `nil` when its file is absent.
public struct WebAPIPayloads: Sendable {
    /// The folder read.
    public var source: String
    var businessUnits: [BusinessUnit]?
    var users: [User]?
    var teams: [Team]?
    var teamMembership: [WebAPILink]?
    var roles: [WebAPIRoleRow]?
    /// Privilege names by privilege id.
    var privilegeNames: [String: String]?
    /// `accessright` by privilege id, when selected.
    var privilegeAccessRights: [String: Int] = [:]
    /// Table logical names by privilege id (`privilegeobjecttypecodes`).
    var privilegeTables: [String: String]?
    var rolePrivileges: [WebAPIRolePrivilege]?
    var userRoles: [WebAPILink]?
    var teamRoles: [WebAPILink]?
    var profiles: [FieldSecurityProfile]?
    var fieldPermissions: [WebAPIFieldPermission]?
    var userProfiles: [WebAPILink]?
    var teamProfiles: [WebAPILink]?
    var tables: [Table]?

    /// The files that were present, in the documented order.
    public var filesRead: [WebAPIFile] = []

    /// Reads every known file in `folder`. A malformed file, a missing field or an unknown
    /// code throws, naming the file and the row.
    public static func read(folder: String) throws(DataverseFileError) -> WebAPIPayloads {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataverseFileError(file: folder, message: "no such folder")
        }
        var p = WebAPIPayloads(source: folder)
        func rows(_ f: WebAPIFile) throws(DataverseFileError) -> [WebAPIRow]? {
            let r = try f.rows(in: folder)
            if r != nil { p.filesRead.append(f) }
            return r
        }
        p.businessUnits = try rows(.businessUnits).map { (rs: [WebAPIRow]) throws(DataverseFileError) in try rs.map(businessUnit) }
        p.users = try rows(.users).map { (rs: [WebAPIRow]) throws(DataverseFileError) in try rs.map(user) }
        p.teams = try rows(.teams).map { (rs: [WebAPIRow]) throws(DataverseFileError) in try rs.map(team) }
        p.teamMembership = try rows(.teamMembership).map { (rs: [WebAPIRow]) throws(DataverseFileError) in
            try links(rs, from: "teamid", to: "systemuserid", expanded: "teammembership_association")
        }
        p.roles = try rows(.roles).map { (rs: [WebAPIRow]) throws(DataverseFileError) in try rs.map(role) }
        if let rs = try rows(.privileges) {
            var names: [String: String] = [:]
            for r in rs {
                let id = try r.id("privilegeid")
                names[id] = try r.dataverseName("name", "privilege name")
                if let right = try r.optionalInt("accessright") { p.privilegeAccessRights[id] = right }
            }
            p.privilegeNames = names
        }
        if let rs = try rows(.privilegeObjectTypeCodes) {
            var tables: [String: String] = [:]
            for r in rs { tables[try r.id("privilegeid")] = try r.dataverseName("objecttypecode", "table name").lowercased() }
            p.privilegeTables = tables
        }
        p.rolePrivileges = try rows(.rolePrivileges).map { (rs: [WebAPIRow]) throws(DataverseFileError) in try rs.map(rolePrivilege) }
        p.userRoles = try rows(.userRoles).map { (rs: [WebAPIRow]) throws(DataverseFileError) in
            try links(rs, from: "systemuserid", to: "roleid", expanded: "systemuserroles_association")
        }
        p.teamRoles = try rows(.teamRoles).map { (rs: [WebAPIRow]) throws(DataverseFileError) in
            try links(rs, from: "teamid", to: "roleid", expanded: "teamroles_association")
        }
        p.profiles = try rows(.profiles).map { (rs: [WebAPIRow]) throws(DataverseFileError) in
            try rs.map { (r: WebAPIRow) throws(DataverseFileError) in
                FieldSecurityProfile(
                    id: try r.id("fieldsecurityprofileid"), name: try r.name("name"),
                    description: try r.optionalString("description"))
            }
        }
        p.fieldPermissions = try rows(.fieldPermissions).map { (rs: [WebAPIRow]) throws(DataverseFileError) in try rs.map(fieldPermission) }
        p.userProfiles = try rows(.userProfiles).map { (rs: [WebAPIRow]) throws(DataverseFileError) in
            try links(rs, from: "systemuserid", to: "fieldsecurityprofileid", expanded: "systemuserprofiles_association")
        }
        p.teamProfiles = try rows(.teamProfiles).map { (rs: [WebAPIRow]) throws(DataverseFileError) in
            try links(rs, from: "teamid", to: "fieldsecurityprofileid", expanded: "teamprofiles_association")
        }
        p.tables = try rows(.entityDefinitions).map { (rs: [WebAPIRow]) throws(DataverseFileError) in try rs.map(table) }
        if p.filesRead.isEmpty {
            throw DataverseFileError(
                file: folder,
                message: "no Web API payload files found (expected \(WebAPIFile.allCases.map(\.fileName).joined(separator: ", ")))")
        }
        if p.rolePrivileges != nil && p.privilegeNames == nil {
            throw DataverseFileError(
                file: folder + "/" + WebAPIFile.rolePrivileges.fileName,
                message: "needs \(WebAPIFile.privileges.fileName) to name the privileges")
        }
        return p
    }

    // MARK: Rows

    static func businessUnit(_ r: WebAPIRow) throws(DataverseFileError) -> BusinessUnit {
        BusinessUnit(
            id: try r.id("businessunitid"), name: try r.name("name"),
            parentId: try r.optionalId("_parentbusinessunitid_value"), isDisabled: try r.optionalBool("isdisabled") ?? false)
    }

    static func user(_ r: WebAPIRow) throws(DataverseFileError) -> User {
        let id = try r.id("systemuserid")
        let domain = try r.optionalString("domainname") ?? ""
        // A full name is made by Dataverse from the first and last names: trimmed, and one left
        // empty is taken as absent.
        let name =
            try r.optionalString("fullname").map(RecordName.trimmed).flatMap { $0.isEmpty ? nil : $0 } ?? (domain.isEmpty ? id : domain)
        var u = User(
            id: id, name: name, domainName: domain, businessUnitId: try r.id("_businessunitid_value"),
            isDisabled: try r.optionalBool("isdisabled") ?? false, isLicensed: try r.optionalBool("islicensed") ?? true,
            isApplicationUser: try r.optionalString("applicationid") != nil,
            managerId: try r.optionalId("_parentsystemuserid_value"), title: try r.optionalString("title"))
        if let mode = try r.optionalInt("accessmode") {
            guard let m = AccessMode(rawValue: mode) else {
                throw DataverseFileError(file: r.file, message: "value[\(r.index)].accessmode: unknown value \(mode) (0...5)")
            }
            u.accessMode = m
        }
        return u
    }

    static func team(_ r: WebAPIRow) throws(DataverseFileError) -> Team {
        var t = Team(
            id: try r.id("teamid"), name: try r.name("name"), businessUnitId: try r.id("_businessunitid_value"),
            isDefault: try r.optionalBool("isdefault") ?? false)
        if let raw = try r.optionalInt("teamtype") {
            guard let type = TeamType(rawValue: raw) else {
                throw DataverseFileError(
                    file: r.file,
                    message: "value[\(r.index)].teamtype: unknown value \(raw) (0 Owner, 1 Access, 2 Security group, 3 Office group)")
            }
            t.type = type
        }
        if t.type.isGroupTeam {
            t.entraGroupId = try r.optionalId("azureactivedirectoryobjectid")
            if let raw = try r.optionalInt("membershiptype") {
                guard let m = GroupMembershipType(rawValue: raw) else {
                    throw DataverseFileError(file: r.file, message: "value[\(r.index)].membershiptype: unknown value \(raw) (0...3)")
                }
                t.membershipType = m
            }
        }
        return t
    }

    static func role(_ r: WebAPIRow) throws(DataverseFileError) -> WebAPIRoleRow {
        let id = try r.id("roleid")
        var role = SecurityRole(
            id: id, name: try r.name("name"), businessUnitId: try r.id("_businessunitid_value"),
            templateId: try r.optionalId("_roletemplateid_value"))
        if let inherited = try r.optionalInt("isinherited") {
            guard inherited == 0 || inherited == 1 else {
                throw DataverseFileError(file: r.file, message: "value[\(r.index)].isinherited: expected 0 or 1, not \(inherited)")
            }
            role.inheritsMemberPrivileges = inherited == 1
        }
        role.isAutoAssigned = try r.optionalInt("isautoassigned").map { $0 != 0 }
        role.isCustomizable = try r.optionalBool("iscustomizable")
        role.isManaged = try r.optionalBool("ismanaged") ?? false
        role.appliesTo = try r.optionalString("appliesto")
        role.description = try r.optionalString("description")
        role.summaryOfCoreTablePermissions = try r.optionalString("summaryofcoretablepermissions")
        return WebAPIRoleRow(role: role, rootId: try r.optionalId("_parentrootroleid_value") ?? id, columns: Set(r.fields.keys))
    }

    static func rolePrivilege(_ r: WebAPIRow) throws(DataverseFileError) -> WebAPIRolePrivilege {
        let mask = try r.int("privilegedepthmask")
        guard let level = AccessLevel(depthMask: mask) else {
            throw DataverseFileError(
                file: r.file, message: "value[\(r.index)].privilegedepthmask: unknown value \(mask) (1 Basic, 2 Local, 4 Deep, 8 Global)")
        }
        return WebAPIRolePrivilege(roleId: try r.id("roleid"), privilegeId: try r.id("privilegeid"), level: level, file: r.file)
    }

    static func fieldPermission(_ r: WebAPIRow) throws(DataverseFileError) -> WebAPIFieldPermission {
        func allowed(_ key: String) throws(DataverseFileError) -> Bool {
            let v = try r.int(key)
            guard v == 0 || v == 4 else {
                throw DataverseFileError(
                    file: r.file, message: "value[\(r.index)].\(key): expected 0 (not allowed) or 4 (allowed), not \(v)")
            }
            return v == 4
        }
        var permission = ColumnPermission(
            canRead: try allowed("canread"), canCreate: try allowed("cancreate"),
            canUpdate: try allowed("canupdate"))
        if let raw = try r.optionalInt("canreadunmasked") {
            guard let v = UnmaskedRead(rawValue: raw) else {
                throw DataverseFileError(file: r.file, message: "value[\(r.index)].canreadunmasked: expected 0, 1 or 3, not \(raw)")
            }
            permission.canReadUnmasked = v
        }
        let column = ColumnReference(
            table: try r.dataverseName("entityname", "table name").lowercased(),
            column: try r.dataverseName("attributelogicalname", "column name").lowercased())
        return WebAPIFieldPermission(
            profileId: try r.id("_fieldsecurityprofileid_value"), column: column, permission: permission, file: r.file)
    }

    static func table(_ r: WebAPIRow) throws(DataverseFileError) -> Table {
        let logical = try r.dataverseName("LogicalName", "table name").lowercased()
        var t = Table(
            logicalName: logical, schemaName: try r.dataverseName("SchemaName", "schema name"),
            displayName: RecordName.trimmed(label(r.fields["DisplayName"]) ?? ""),
            isCustom: try r.optionalBool("IsCustomEntity") ?? logical.contains("_"))
        if let ownership = try r.optionalString("OwnershipType") {
            switch ownership.lowercased() {
            case "userowned", "teamowned", "businessowned", "businessparented": t.ownership = .userOrTeam
            case "organizationowned", "orgowned", "none": t.ownership = .organization
            default:
                throw DataverseFileError(file: r.file, message: "value[\(r.index)].OwnershipType: unknown value '\(ownership)'")
            }
        }
        for a in try r.expanded("Attributes") ?? [] {
            let name = try a.dataverseName("LogicalName", "column name").lowercased()
            t.columns[name] = Column(
                logicalName: name, displayName: RecordName.trimmed(label(a.fields["DisplayName"]) ?? name),
                isSecured: try a.optionalBool("IsSecured") ?? false)
        }
        return t
    }

    /// `{"UserLocalizedLabel": {"Label": "Account"}}`.
    private static func label(_ v: JSONValue?) -> String? {
        guard case .object(let o)? = v, case .object(let l)? = o["UserLocalizedLabel"], case .string(let s)? = l["Label"] else {
            return nil
        }
        return s
    }

    /// Rows of an intersect table (`from`, `to` columns) or, when a row has the expanded
    /// association instead, one link per expanded row.
    static func links(_ rows: [WebAPIRow], from: String, to: String, expanded: String) throws(DataverseFileError) -> [WebAPILink] {
        var out: [WebAPILink] = []
        for r in rows {
            let a = try r.id(from)
            if let nested = try r.expanded(expanded) {
                for n in nested { out.append(WebAPILink(from: a, to: try n.id(to))) }
            } else {
                out.append(WebAPILink(from: a, to: try r.id(to)))
            }
        }
        return out
    }
}
