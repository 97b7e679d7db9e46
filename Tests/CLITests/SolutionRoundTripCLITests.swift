import Foundation
import Testing

/// `dvsec import solution` then `dvsec export solution` over the same folder, as a user keeps a
/// solution under git: an untouched folder comes back byte for byte.
@Suite("CLI: solution round trip", .serialized)
struct SolutionRoundTripCLITests {
    /// Files laid out as real solutions on GitHub lay them out (one-space indentation and
    /// `level` before `name`; a profile's attributes split over lines, no `CanReadUnmasked`, no
    /// final line break): each was rewritten, the profile file with a line break added.
    @Test func importThenExportLeavesEveryFileUnchanged() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let folder = dir + "/Real"
        try FileManager.default.createDirectory(atPath: folder + "/Roles", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/Other", withIntermediateDirectories: true)
        let role = """
            <?xml version="1.0" encoding="utf-8"?>
            <Role id="{8865c084-ca59-eb11-a812-000d3a8b34a0}" isinherited="0" name="ALM Power App Access" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
             <IsCustomizable>1</IsCustomizable>
             <RolePrivileges>
              <RolePrivilege level="Basic" name="prvAppendcat_AppUserSetting"/>
             </RolePrivileges>
            </Role>

            """
        let profiles = """
            <?xml version="1.0" encoding="utf-8"?>
            <FieldSecurityProfiles xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <FieldSecurityProfile
                name="Invoice Cols Restrictions"
                description="Restricting Currency fields"
                fieldsecurityprofileid="{adb74f5e-08d2-f011-8544-000d3a81a9a9}">
                <FieldPermissions>
                  <FieldPermission>
                    <EntityName>apollo_apolloinvoice</EntityName>
                    <AttributeName>apollo_apollopaymentmode</AttributeName>
                    <CanRead>4</CanRead>
                    <CanUpdate>0</CanUpdate>
                    <CanCreate>0</CanCreate>
                  </FieldPermission>
                </FieldPermissions>
              </FieldSecurityProfile>
            </FieldSecurityProfiles>
            """
        try role.write(toFile: folder + "/Roles/ALM Power App Access.xml", atomically: true, encoding: .utf8)
        try profiles.write(toFile: folder + "/Other/FieldSecurityProfiles.xml", atomically: true, encoding: .utf8)
        let snapshot = dir + "/real.json"
        let imported = try BinaryRunner.run(["import", "solution", folder, "--into", snapshot])
        #expect(imported.status == 0, "\(imported.stderr)")
        let exported = try BinaryRunner.run(["export", "solution", snapshot, "--out", folder])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(
            exported.stdout
                == "unchanged \(folder)/Roles/ALM Power App Access.xml\nunchanged \(folder)/Other/FieldSecurityProfiles.xml\nExported 2 files from environment 'Real' to \(folder).\n",
            "\(exported.stdout)")
        #expect(try String(contentsOfFile: folder + "/Roles/ALM Power App Access.xml", encoding: .utf8) == role)
        #expect(try String(contentsOfFile: folder + "/Other/FieldSecurityProfiles.xml", encoding: .utf8) == profiles)
    }
}
