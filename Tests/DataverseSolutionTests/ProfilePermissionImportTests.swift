import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// A field permission is evidence that its column is secured (Dataverse keeps permissions only
/// for secured columns, DATAVERSE.md §1.6).
@Suite("Profile permissions on columns the snapshot holds as not secured")
struct ProfilePermissionImportTests {
    static let profileId = "f47b2cd8-8865-4c8d-b713-d056e40f3b2b"

    /// The review's `fsp1`: a profile allowing account.creditlimit (secured) and account.revenue
    /// (not secured in the snapshot).
    static let profiles = """
        <?xml version="1.0" encoding="utf-8"?>
        <FieldSecurityProfiles xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <FieldSecurityProfile name="Sales Credit Profile" fieldsecurityprofileid="{f47b2cd8-8865-4c8d-b713-d056e40f3b2b}">
            <FieldPermissions>
              <FieldPermission>
                <EntityName>account</EntityName>
                <AttributeName>creditlimit</AttributeName>
                <CanRead>4</CanRead>
                <CanUpdate>0</CanUpdate>
                <CanCreate>0</CanCreate>
              </FieldPermission>
              <FieldPermission>
                <EntityName>account</EntityName>
                <AttributeName>revenue</AttributeName>
                <CanRead>4</CanRead>
                <CanUpdate>4</CanUpdate>
                <CanCreate>4</CanCreate>
              </FieldPermission>
            </FieldPermissions>
          </FieldSecurityProfile>
        </FieldSecurityProfiles>

        """

    /// An environment whose account table has creditlimit secured and revenue not, and whose
    /// profile allows creditlimit only.
    static func environment() -> Environment {
        var env = ImportTarget.newEnvironment(named: "Contoso")
        env.tables["account"] = Table(
            logicalName: "account", schemaName: "Account",
            columns: [
                Column(logicalName: "creditlimit", displayName: "Credit Limit", isSecured: true),
                Column(logicalName: "revenue", displayName: "Annual Revenue"),
            ])
        var profile = FieldSecurityProfile(id: profileId, name: "Sales Credit Profile")
        profile.permissions[ColumnReference(table: "account", column: "creditlimit")] = ColumnPermission(canRead: true)
        env.fieldSecurityProfiles[profileId] = profile
        return env
    }

    static func folder(profiles text: String = profiles) throws -> String {
        let folder = Fixture.temporaryFolder() + "/fsp1"
        try Fixture.write(text, to: folder + "/Other/FieldSecurityProfiles.xml")
        return folder
    }

    /// It was left out ("unchanged"), with a warning at the profile's line, and the next export
    /// removed it from the file. It is imported: the column is secured, the table and the profile
    /// are reported as updated, and the warning names the permission's own line.
    @Test func thePermissionIsImportedAndTheColumnSecured() throws {
        let folder = try Self.folder()
        var env = Self.environment()
        let report = SolutionImporter.merge(try SolutionReader.read(folder: folder), into: &env)
        #expect(env.tables["account"]?.columns["revenue"]?.isSecured == true)
        #expect(env.fieldSecurityProfiles[Self.profileId]?.permissions[ColumnReference(table: "account", column: "revenue")] != nil)
        let file = folder + "/Other/FieldSecurityProfiles.xml"
        #expect(
            report.warnings.map(\.description) == [
                "\(file):12: profile 'Sales Credit Profile' has a permission for account.revenue, which the snapshot holds as not secured: Dataverse keeps permissions only for secured columns, so the column is imported as secured (only System Administrators and the members of profiles allowing it reach it now)"
            ], "\(report.warnings)")
        let table = try #require(report.entries.first { $0.kind == .table && $0.id == "account" })
        #expect(table.outcome == .updated && table.details == ["secured columns: 1 added"], "\(table)")
        let profile = try #require(report.entries.first { $0.kind == .profile })
        #expect(profile.outcome == .updated && profile.details == ["columns: 1 added"], "\(profile)")

        // The export over the same folder keeps the permission.
        _ = try SolutionExporter.exportReport(env, to: folder)
        let written = String(decoding: try Fixture.data(file), as: UTF8.self)
        #expect(written.contains("<AttributeName>revenue</AttributeName>"), "\(written)")
    }

    /// Found by an editing review: `<EntityName>acount</EntityName>` made a table silently. A
    /// table or column near one the environment has is still added (it may be new) but said.
    @Test func aTableOrColumnNearAnExistingOneIsSaidToBeNew() throws {
        let typo = Self.profiles.replacingOccurrences(
            of: "<EntityName>account</EntityName>\n        <AttributeName>revenue",
            with: "<EntityName>acount</EntityName>\n        <AttributeName>revenue"
        )
        .replacingOccurrences(of: "<AttributeName>creditlimit</AttributeName>", with: "<AttributeName>creditlimt</AttributeName>")
        #expect(typo.contains("acount") && typo.contains("creditlimt"))
        let folder = try Self.folder(profiles: typo)
        var env = Self.environment()
        let report = SolutionImporter.merge(try SolutionReader.read(folder: folder), into: &env)
        let file = folder + "/Other/FieldSecurityProfiles.xml"
        #expect(
            report.warnings.map(\.description)
                == [
                    "\(file):5: profile 'Sales Credit Profile' has a permission for account.creditlimt, a column the environment does not have (did you mean 'account.creditlimit'?): added as a new secured column; check the name",
                    "\(file):12: profile 'Sales Credit Profile' has a permission for acount.revenue, a table the environment does not have (did you mean 'account.revenue'?): added as a new secured column; check the name",
                ], "\(report.warnings)")
        // A new table or column with no name near is added without a word.
        let fresh = Self.profiles.replacingOccurrences(
            of: "<EntityName>account</EntityName>\n        <AttributeName>revenue",
            with: "<EntityName>new_payroll</EntityName>\n        <AttributeName>revenue")
        var other = Self.environment()
        let quiet = SolutionImporter.merge(try SolutionReader.read(folder: try Self.folder(profiles: fresh)), into: &other)
        #expect(quiet.warnings.isEmpty, "\(quiet.warnings)")
    }

    /// When the solution's own Entity.xml says the column is not secured, the files contradict
    /// each other and the metadata decides: the permission is left out, with a warning at its
    /// line naming the Entity.xml.
    @Test func thePermissionIsLeftOutWhenTheSolutionsOwnMetadataSaysNotSecured() throws {
        let folder = try Self.folder()
        let entity = folder + "/Entities/Account/Entity.xml"
        try Fixture.write(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Entity>
              <Name LocalizedName="Account">Account</Name>
              <EntityInfo>
                <entity Name="Account">
                  <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
                  <attributes>
                    <attribute PhysicalName="Revenue"><LogicalName>revenue</LogicalName><IsSecured>0</IsSecured></attribute>
                  </attributes>
                </entity>
              </EntityInfo>
            </Entity>
            """, to: entity)
        var env = Self.environment()
        let report = SolutionImporter.merge(try SolutionReader.read(folder: folder), into: &env)
        #expect(env.tables["account"]?.columns["revenue"]?.isSecured == false)
        #expect(env.fieldSecurityProfiles[Self.profileId]?.permissions[ColumnReference(table: "account", column: "revenue")] == nil)
        #expect(
            report.warnings.map(\.description) == [
                "\(folder)/Other/FieldSecurityProfiles.xml:12: profile 'Sales Credit Profile' has a permission for account.revenue, which \(entity) lists as not secured: Dataverse keeps permissions only for secured columns; left out (secure the column, or remove the permission)"
            ], "\(report.warnings)")
    }

    /// The review's `h3`: a permission on account.accountid (the primary key, in the snapshot
    /// as not secured) secured the column. Dataverse cannot secure a key, owner, audit or state
    /// column (DATAVERSE.md §1.6, `Table.canSecure`, as the console refuses): the permission is
    /// left out at its own line, saying why, and the column stays as it was; one on a system
    /// column the snapshot lacks (ownerid) is not added either.
    @Test func aPermissionOnAColumnDataverseCannotSecureIsLeftOut() throws {
        let permission = { (column: String) in
            """
                  <FieldPermission>
                    <EntityName>account</EntityName>
                    <AttributeName>\(column)</AttributeName>
                    <CanRead>4</CanRead>
                    <CanUpdate>0</CanUpdate>
                    <CanCreate>0</CanCreate>
                  </FieldPermission>
            """
        }
        let text = """
            <?xml version="1.0" encoding="utf-8"?>
            <FieldSecurityProfiles>
              <FieldSecurityProfile name="Sales Credit Profile" fieldsecurityprofileid="{f47b2cd8-8865-4c8d-b713-d056e40f3b2b}">
                <FieldPermissions>
            \(permission("creditlimit"))
            \(permission("accountid"))
            \(permission("ownerid"))
                </FieldPermissions>
              </FieldSecurityProfile>
            </FieldSecurityProfiles>

            """
        let folder = try Self.folder(profiles: text)
        var env = Self.environment()
        env.tables["account"]?.columns["accountid"] = Column(logicalName: "accountid")
        let report = SolutionImporter.merge(try SolutionReader.read(folder: folder), into: &env)
        #expect(env.tables["account"]?.columns["accountid"]?.isSecured == false)
        #expect(env.tables["account"]?.columns["ownerid"] == nil)
        let permissions = try #require(env.fieldSecurityProfiles[Self.profileId]?.permissions)
        #expect(permissions.keys.sorted() == [ColumnReference(table: "account", column: "creditlimit")])
        let file = folder + "/Other/FieldSecurityProfiles.xml"
        let why =
            "a system column (a key, owner, audit or state column): Dataverse cannot secure it, and keeps permissions only for secured columns; left out [I]"
        #expect(
            report.warnings.map(\.description) == [
                "\(file):12: profile 'Sales Credit Profile' has a permission for account.accountid, \(why)",
                "\(file):19: profile 'Sales Credit Profile' has a permission for account.ownerid, \(why)",
            ], "\(report.warnings)")
        #expect(!report.entries.contains { $0.kind == .table }, "\(report.entries)")
    }
}
