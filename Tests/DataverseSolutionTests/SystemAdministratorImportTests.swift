import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// Found by an ALM review: a `FieldSecurityProfiles.xml` holding the built-in System Administrator
/// profile, or a role file of the built-in System Administrator role, was imported and rewrote
/// them. The snapshot then contradicted itself (the console and `show` still showed every column)
/// and `dvsec diff` exited 3 on a change that granted nothing. Neither can be edited (DATAVERSE.md
/// §1.4, §1.6): the import now leaves them as they are, with a warning at the file and line.
@Suite struct SystemAdministratorImportTests {
    static let adminRoleId = "0faf4a16-0000-4000-8000-4cd44d5b7a09"

    /// The fixture's environment with a System Administrator role and profile, as Dataverse has them.
    static func environment() throws -> Environment {
        var (env, _) = try Fixture.importedSolution()
        env.roles[adminRoleId] = SecurityRole(
            id: adminRoleId, name: "System Administrator", businessUnitId: env.rootBusinessUnit?.id ?? "",
            templateId: SecurityRole.systemAdministratorTemplateId)
        env.fieldSecurityProfiles[FieldSecurityProfile.systemAdministratorProfileId] = FieldSecurityProfile(
            id: FieldSecurityProfile.systemAdministratorProfileId, name: "System Administrator",
            permissions: [ColumnReference(table: "contoso_payment", column: "contoso_iban"): .all])
        return env
    }

    static func profileFile(in folder: String) throws -> String {
        let path = folder + "/Other/FieldSecurityProfiles.xml"
        try Fixture.write(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <FieldSecurityProfiles>
              <FieldSecurityProfile name="System Administrator" fieldsecurityprofileid="{572329C1-A042-4E22-BE47-367C6374EA45}">
                <FieldPermissions>
                  <FieldPermission>
                    <EntityName>account</EntityName><AttributeName>creditlimit</AttributeName>
                    <CanRead>0</CanRead><CanUpdate>0</CanUpdate><CanCreate>0</CanCreate>
                  </FieldPermission>
                </FieldPermissions>
              </FieldSecurityProfile>
            </FieldSecurityProfiles>
            """, to: path)
        return path
    }

    static func roleFile(in folder: String, id: String) throws -> String {
        let path = folder + "/Roles/System Administrator.xml"
        try Fixture.write(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Role id="{\(id)}" name="System Administrator">
              <RolePrivileges>
                <RolePrivilege name="prvReadAccount" level="Basic" />
              </RolePrivileges>
            </Role>
            """, to: path)
        return path
    }

    @Test func theBuiltInProfileIsLeftAsItIs() throws {
        let folder = Fixture.temporaryFolder()
        let file = try Self.profileFile(in: folder)
        var env = try Self.environment()
        let before = env
        let report = SolutionImporter.merge(try SolutionReader.read(folder: folder), into: &env)
        #expect(env == before)
        #expect(report.entries.isEmpty && !report.hasChanges)
        #expect(
            report.warnings.map(\.description) == [
                "\(file):3: field security profile 'System Administrator' is the built-in System Administrator profile "
                    + "(built in: every secured column, not editable): not imported, as no solution file can change it; "
                    + "left as it is; the file's 1 permission is not read"
            ])
        #expect(!report.textLines().contains { $0.contains("~") || $0.contains("+ field") })
    }

    @Test(arguments: [adminRoleId, "aaaaaaaa-0000-4000-8000-000000000001"])
    func theBuiltInRoleIsLeftAsItIs(fileId: String) throws {
        let folder = Fixture.temporaryFolder()
        let file = try Self.roleFile(in: folder, id: fileId)
        var env = try Self.environment()
        let before = env
        let report = SolutionImporter.merge(try SolutionReader.read(folder: folder), into: &env)
        #expect(env == before)
        #expect(report.entries.isEmpty && !report.hasChanges)
        let otherId =
            fileId == Self.adminRoleId
            ? "" : " (id \(Self.adminRoleId) here, \(fileId) in the file: built-in roles have another id in each environment [I])"
        #expect(
            report.warnings.map(\.description) == [
                "\(file):2: role 'System Administrator' is the built-in System Administrator\(otherId) "
                    + "(built in: every privilege, not editable): not imported, as no solution file can change it; "
                    + "left as it is; the file's 1 privilege is not read"
            ])
    }

    /// A role recognised by its template (another name) is the built-in System Administrator too.
    @Test func aRenamedBuiltInRoleIsLeftAsItIs() throws {
        let folder = Fixture.temporaryFolder()
        _ = try Self.roleFile(in: folder, id: Self.adminRoleId)
        var env = try Self.environment()
        env.roles[Self.adminRoleId]?.name = "Systemadministrator"
        let before = env
        let report = SolutionImporter.merge(try SolutionReader.read(folder: folder), into: &env)
        #expect(env == before && report.entries.isEmpty)
    }

    /// In an environment without them (a new snapshot), the built-in role and profile are added
    /// as what they are, without the privileges and permissions the file gives them.
    @Test func newBuiltInsHoldNothingOfTheFile() throws {
        let folder = Fixture.temporaryFolder()
        _ = try Self.profileFile(in: folder)
        _ = try Self.roleFile(in: folder, id: Self.adminRoleId)
        let (snapshot, report) = try SolutionImporter.snapshot(from: try SolutionReader.read(folder: folder))
        let env = try #require(snapshot.environments.values.first)
        let role = try #require(env.roles[Self.adminRoleId])
        #expect(role.isSystemAdministrator && role.privileges.isEmpty && role.unmappedPrivileges.isEmpty)
        let profile = try #require(env.fieldSecurityProfiles[FieldSecurityProfile.systemAdministratorProfileId])
        #expect(profile.permissions.isEmpty)
        #expect(env.tables["account"]?.columns["creditlimit"] == nil)
        #expect(report.warnings.contains { $0.message.hasSuffix("not editable): the file's 1 permission is not read") })
        #expect(report.warnings.contains { $0.message.hasSuffix("not editable): the file's 1 privilege is not read") })
    }

    /// A System Administrator whose stored privileges name a table this import makes
    /// organization-owned is read against the new ownership like any role the files do not
    /// describe, so the import stays valid: skipping its file must not skip that.
    @Test func aSkippedBuiltInRoleIsStillReadAgainstNewOwnership() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        _ = try Self.roleFile(in: folder, id: Self.adminRoleId)
        var env = try Self.environment()
        env.tables["contoso_region"]?.ownership = .userOrTeam
        env.roles[Self.adminRoleId]?.privileges["contoso_region"] = PrivilegeRow([.read: .user])
        _ = SolutionImporter.merge(try SolutionReader.read(folder: folder), into: &env)
        #expect(env.tables["contoso_region"]?.ownership == .organization)
        #expect(env.roles[Self.adminRoleId]?.privileges["contoso_region"]?[.read] == .organization)
        try ImportTarget.validate(Snapshot(tenant: "t", environments: [env]), source: "t.json")
    }
}
