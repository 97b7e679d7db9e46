import Foundation

/// The Web API payload files dvsec reads from a folder, one per query. Every file is optional;
/// a large collection can be saved in pages as `name.json`, `name.2.json`, `name.3.json` ...
public enum WebAPIFile: String, CaseIterable, Sendable {
    case businessUnits = "businessunits"
    case users = "systemusers"
    case teams = "teams"
    case teamMembership = "teammembership"
    case roles = "roles"
    case privileges = "privileges"
    case privilegeObjectTypeCodes = "privilegeobjecttypecodes"
    case rolePrivileges = "roleprivileges"
    case userRoles = "systemuserroles"
    case teamRoles = "teamroles"
    case profiles = "fieldsecurityprofiles"
    case fieldPermissions = "fieldpermissions"
    case userProfiles = "systemuserprofiles"
    case teamProfiles = "teamprofiles"
    case entityDefinitions = "entitydefinitions"

    /// `businessunits.json` ...
    public var fileName: String { rawValue + ".json" }

    /// The request, relative to `$ORG/api/data/v9.2/`, whose response the file holds.
    public var query: String {
        switch self {
        case .businessUnits: "businessunits?$select=businessunitid,name,_parentbusinessunitid_value,isdisabled"
        case .users:
            "systemusers?$select=systemuserid,fullname,domainname,_businessunitid_value,isdisabled,accessmode,islicensed,applicationid,_parentsystemuserid_value,title"
        case .teams: "teams?$select=teamid,name,_businessunitid_value,teamtype,isdefault,azureactivedirectoryobjectid,membershiptype"
        case .teamMembership: "teammemberships?$select=teamid,systemuserid"
        case .roles:
            "roles?$select=roleid,name,_businessunitid_value,_parentrootroleid_value,_roletemplateid_value,isinherited,isautoassigned,iscustomizable,ismanaged,appliesto,description,summaryofcoretablepermissions"
        case .privileges: "privileges?$select=privilegeid,name,accessright"
        case .privilegeObjectTypeCodes: "privilegeobjecttypecodeses?$select=privilegeid,objecttypecode"
        case .rolePrivileges: "roleprivilegescollection?$select=roleid,privilegeid,privilegedepthmask"
        case .userRoles: "systemuserrolescollection?$select=systemuserid,roleid"
        case .teamRoles: "teamrolescollection?$select=teamid,roleid"
        case .profiles: "fieldsecurityprofiles?$select=fieldsecurityprofileid,name,description"
        case .fieldPermissions:
            "fieldpermissions?$select=_fieldsecurityprofileid_value,entityname,attributelogicalname,canread,cancreate,canupdate,canreadunmasked"
        case .userProfiles: "systemuserprofilescollection?$select=systemuserid,fieldsecurityprofileid"
        case .teamProfiles: "teamprofilescollection?$select=teamid,fieldsecurityprofileid"
        case .entityDefinitions:
            "EntityDefinitions?$select=LogicalName,SchemaName,OwnershipType,IsCustomEntity,DisplayName&$expand=Attributes($select=LogicalName,IsSecured,DisplayName)"
        }
    }

    /// The rows of this file in `folder`, every page in order; `nil` when the file is absent.
    func rows(in folder: String) throws(DataverseFileError) -> [WebAPIRow]? {
        let first = folder + "/" + fileName
        guard FileManager.default.fileExists(atPath: first) else { return nil }
        var rows: [WebAPIRow] = []
        var page = 1
        var path = first
        while true {
            let value = try JSONValue.parse(try SolutionReader.bytes(path), file: path)
            guard case .object(let top) = value, case .array(let items)? = top["value"] else {
                throw DataverseFileError(
                    file: path, message: "not a Web API collection: expected {\"value\": [...]} (save the response of GET \(query))")
            }
            for (i, item) in items.enumerated() {
                guard case .object(let fields) = item else {
                    throw DataverseFileError(file: path, message: "value[\(i)]: expected an object")
                }
                rows.append(WebAPIRow(fields: fields, file: path, index: i))
            }
            page += 1
            let next = folder + "/" + rawValue + ".\(page).json"
            let exists = FileManager.default.fileExists(atPath: next)
            // A page is read only when the one before asked for it: a leftover page of an
            // earlier pull would bring back rows that are gone.
            if exists && top["@odata.nextLink"] == nil {
                throw DataverseFileError(
                    file: next,
                    message:
                        "\((path as NSString).lastPathComponent) has no @odata.nextLink, so this is not one of its pages (left from an earlier pull?): remove it, or save every page of one response"
                )
            }
            if exists {
                path = next
                continue
            }
            if top["@odata.nextLink"] != nil {
                throw DataverseFileError(
                    file: path,
                    message:
                        "the response has @odata.nextLink: more pages exist; save them as \(rawValue).\(page).json, \(rawValue).\(page + 1).json ... (see the README)"
                )
            }
            return rows
        }
    }
}
