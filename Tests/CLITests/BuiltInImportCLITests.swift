import Foundation
import SecurityModel
import Testing

/// `dvsec import solution` of files that name the built-in System Administrator role and profile,
/// as an ALM review ran it: the import rewrote them, and `dvsec diff` then exited 3 on a change
/// that granted no one anything. They are now left as they are, and the snapshot is not written.
@Suite("CLI: import of built-in roles and profiles", .serialized)
struct BuiltInImportCLITests {
    @Test func theBuiltInSystemAdministratorRoleAndProfileAreNotImported() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let prod = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        let admin = try #require(prod.roles.values.first { $0.isSystemAdministrator })
        let solution = dir + "/sa"
        try FileManager.default.createDirectory(atPath: solution + "/Roles", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: solution + "/Other", withIntermediateDirectories: true)
        try Data(
            """
            <Role id="{\(admin.id)}" name="\(admin.name)">
              <RolePrivileges><RolePrivilege name="prvReadAccount" level="Basic" /></RolePrivileges>
            </Role>
            """.utf8
        ).write(to: URL(fileURLWithPath: solution + "/Roles/System Administrator.xml"))
        try Data(
            """
            <FieldSecurityProfiles>
              <FieldSecurityProfile name="System Administrator" fieldsecurityprofileid="{572329c1-a042-4e22-be47-367c6374ea45}">
                <FieldPermissions><FieldPermission><EntityName>account</EntityName><AttributeName>creditlimit</AttributeName>
                  <CanRead>0</CanRead><CanUpdate>0</CanUpdate><CanCreate>0</CanCreate></FieldPermission></FieldPermissions>
              </FieldSecurityProfile>
            </FieldSecurityProfiles>
            """.utf8
        ).write(to: URL(fileURLWithPath: solution + "/Other/FieldSecurityProfiles.xml"))
        let original = try Data(contentsOf: URL(fileURLWithPath: file))

        let r = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "prod"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains("Summary: nothing to import\n") && r.stdout.hasSuffix("No change; \(file) left as it was.\n"), "\(r.stdout)")
        #expect(r.stdout.contains("/Roles/System Administrator.xml:1: role 'System Administrator' is the built-in System Administrator"))
        #expect(r.stdout.contains("/Other/FieldSecurityProfiles.xml:2: field security profile 'System Administrator' is the built-in"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
        #expect(!FileManager.default.fileExists(atPath: file + ".bak"))
    }
}
