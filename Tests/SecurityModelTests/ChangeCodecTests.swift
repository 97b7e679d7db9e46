import Foundation
import SecurityModel
import Testing

@Suite("Change JSON codec")
struct ChangeCodecTests {
    static let role = SecurityRole(
        id: "r1", name: "Seller \"EU\"", businessUnitId: "bu", templateId: "t", inheritsMemberPrivileges: false, description: "d",
        summaryOfCoreTablePermissions: "s", isManaged: true, isCustomizable: false, isAutoAssigned: true, appliesTo: "x",
        privileges: [
            "account": PrivilegeRow([.read: .organization, .appendTo: .user]), "lead": PrivilegeRow([.share: .parentChildBusinessUnits]),
        ],
        miscPrivileges: ["prvExportToExcel": .organization], unmappedPrivileges: ["prvOdd": .businessUnit],
        inheritsMemberPrivilegesKnown: false)
    static let team = Team(
        id: "t1", name: "Sales", businessUnitId: "bu", type: .entraSecurityGroup, isDefault: false, entraGroupId: "g",
        membershipType: .owners, memberIds: ["u1", "u2"], roleIds: ["r1"])
    static let profile = FieldSecurityProfile(
        id: "p1", name: "Finance", description: nil,
        permissions: [
            ColumnReference(table: "pay", column: "iban"): ColumnPermission(canRead: true, canReadUnmasked: .oneRecord),
            ColumnReference(table: "pay", column: "amount"): ColumnPermission(canCreate: true, canUpdate: true),
        ],
        userIds: ["u1"], teamIds: ["t1"])
    static let settings = EnvironmentSettings(
        name: "Prod", type: .production, region: "Europe", securityGroupId: "g", adminMode: true,
        modernizedBusinessUnits: true, auditingEnabled: true)
    static let column = ColumnReference(table: "pay", column: "iban")

    /// One of every case, with every field set to something other than its default.
    static let all: [Change] = [
        .setPrivilege(environment: "e", role: "r", table: "account", operation: .appendTo, level: .parentChildBusinessUnits),
        .setPrivilegeRow(environment: "e", role: "r", table: "account", row: PrivilegeRow([.create: .user, .share: .organization])),
        .setPrivilegeRow(environment: "e", role: "r", table: "account", row: .empty),
        .setMiscPrivilege(environment: "e", role: "r", privilege: "prvBulkDelete", level: .none),
        .setMemberPrivilegeInheritance(environment: "e", role: "r", inherits: false),
        .assignUserRole(environment: "e", user: "u", role: "r"),
        .removeUserRole(environment: "e", user: "u", role: "r"),
        .assignTeamRole(environment: "e", team: "t", role: "r"),
        .removeTeamRole(environment: "e", team: "t", role: "r"),
        .addTeamMember(environment: "e", team: "t", user: "u"),
        .removeTeamMember(environment: "e", team: "t", user: "u"),
        .setUserBusinessUnit(environment: "e", user: "u", businessUnit: "b"),
        .setUserDisabled(environment: "e", user: "u", disabled: true),
        .setUserAccessMode(environment: "e", user: "u", accessMode: .nonInteractive),
        .setColumnPermission(
            environment: "e", profile: "p", column: column, permission: ColumnPermission(canUpdate: true, canReadUnmasked: .allRecords)),
        .setColumnPermission(environment: "e", profile: "p", column: column, permission: nil),
        .addProfileUser(environment: "e", profile: "p", user: "u"),
        .removeProfileUser(environment: "e", profile: "p", user: "u"),
        .addProfileTeam(environment: "e", profile: "p", team: "t"),
        .removeProfileTeam(environment: "e", profile: "p", team: "t"),
        .setColumnSecured(environment: "e", column: column, secured: true),
        .setEnvironmentSettings(environment: "e", settings: settings),
        .setEnvironmentSettings(environment: "e", settings: EnvironmentSettings(name: "Dev", type: .developer)),
        .createRole(environment: "e", role: role),
        .createRole(environment: "e", role: SecurityRole(id: "r2", name: "Plain", businessUnitId: "bu")),
        .renameRole(environment: "e", role: "r", name: "New"),
        .deleteRole(environment: "e", role: "r"),
        .createTeam(environment: "e", team: team),
        .createTeam(environment: "e", team: Team(id: "t2", name: "Default", businessUnitId: "bu", isDefault: true)),
        .renameTeam(environment: "e", team: "t", name: "New"),
        .deleteTeam(environment: "e", team: "t"),
        .createProfile(environment: "e", profile: profile),
        .renameProfile(environment: "e", profile: "p", name: "New"),
        .deleteProfile(environment: "e", profile: "p"),
        .createBusinessUnit(environment: "e", businessUnit: BusinessUnit(id: "b", name: "EU", parentId: "root", isDisabled: true)),
        .createBusinessUnit(environment: "e", businessUnit: BusinessUnit(id: "root", name: "Root")),
        .renameBusinessUnit(environment: "e", businessUnit: "b", name: "New"),
        .deleteBusinessUnit(environment: "e", businessUnit: "b"),
        .setBusinessUnitParent(environment: "e", businessUnit: "b", parent: "root"),
        .compound([]),
        .compound([
            .assignUserRole(environment: "e", user: "u", role: "r"),
            .compound([.setUserDisabled(environment: "e", user: "u", disabled: false)]),
        ]),
    ]

    @Test(arguments: all)
    func everyChangeRoundTrips(_ change: Change) throws {
        let data = ChangeCodec.encode(change)
        #expect(try ChangeCodec.decode(data) == change)
        #expect(!data.contains(0x0A), "one change is one line")
        #expect(ChangeCodec.encode(change) == data, "deterministic")
    }

    @Test func theFormatIsReadable() {
        let change = Change.setPrivilege(environment: "e1", role: "r1", table: "account", operation: .delete, level: .businessUnit)
        #expect(
            String(decoding: ChangeCodec.encode(change), as: UTF8.self)
                == #"{"environment":"e1","kind":"setPrivilege","level":"local","operation":"delete","role":"r1","table":"account"}"#)
    }

    @Test func errorsNameTheField() {
        func error(_ json: String) -> String {
            do {
                _ = try ChangeCodec.decode(Data(json.utf8))
                return "decoded"
            } catch {
                return error.description
            }
        }
        #expect(error(#"{"kind":"fly","environment":"e"}"#) == "change: kind: unknown change kind 'fly'")
        #expect(
            error(#"{"kind":"setPrivilege","environment":"e","role":"r","table":"t","operation":"delete","level":"huge"}"#)
                == "change: level: unknown access level 'huge'")
        #expect(error(#"{"kind":"assignUserRole","environment":"e","role":"r"}"#) == "change: user: missing")
        #expect(error(#"{"kind":"compound","changes":[{"kind":"deleteRole","environment":"e"}]}"#).hasPrefix("change: changes.[0].role"))
        #expect(
            error(#"{"kind":"setPrivilegeRow","environment":"e","role":"r","table":"t","row":{"fly":"global"}}"#)
                == "change: row.fly: unknown operation 'fly'")
        #expect(error("not json").hasPrefix("change: "))
    }
}
