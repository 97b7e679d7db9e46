import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// An untouched folder comes back byte for byte, in whatever layout the tool that wrote it used
/// (the review's real GitHub solutions: ALM, Apollo, StaffBonus); a rewritten file keeps its
/// permissions' order and its choice of a final line break.
@Suite struct ByteForByteRoundTripTests {
    /// A role as the ALM solution lays it out: one-space indentation, `level` before `name`,
    /// `/>` without a space, `isinherited` before `name`.
    static let role = """
        <?xml version="1.0" encoding="utf-8"?>
        <Role id="{8865c084-ca59-eb11-a812-000d3a8b34a0}" isinherited="0" name="ALM Power App Access" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <IsCustomizable>1</IsCustomizable>
         <RolePrivileges>
          <RolePrivilege level="Basic" name="prvAppendcat_AppUserSetting"/>
          <RolePrivilege level="Global" name="prvReadAccount"/>
         </RolePrivileges>
        </Role>

        """

    /// Profiles as the StaffBonus solution lays them out (permissions not sorted) and as the
    /// Apollo one does (attributes split over lines, a description, no `CanReadUnmasked`), with
    /// no line break after the last line.
    static let profiles = """
        <?xml version="1.0" encoding="utf-8"?>
        <FieldSecurityProfiles xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <FieldSecurityProfile name="Approver Profile" fieldsecurityprofileid="{8c9e45a5-8906-f111-8407-7ced8dfee0fb}">
            <FieldPermissions>
              <FieldPermission>
                <EntityName>kfklaihk_contribution</EntityName>
                <AttributeName>kfklaihk_approver</AttributeName>
                <CanRead>4</CanRead>
                <CanUpdate>4</CanUpdate>
                <CanCreate>4</CanCreate>
                <CanReadUnmasked>0</CanReadUnmasked>
              </FieldPermission>
              <FieldPermission>
                <EntityName>kfklaihk_contribution</EntityName>
                <AttributeName>kfklaihk_status</AttributeName>
                <CanRead>4</CanRead>
                <CanUpdate>4</CanUpdate>
                <CanCreate>4</CanCreate>
                <CanReadUnmasked>0</CanReadUnmasked>
              </FieldPermission>
              <FieldPermission>
                <EntityName>kfklaihk_contribution</EntityName>
                <AttributeName>kfklaihk_approvalrejectioncomments</AttributeName>
                <CanRead>4</CanRead>
                <CanUpdate>4</CanUpdate>
                <CanCreate>4</CanCreate>
                <CanReadUnmasked>0</CanReadUnmasked>
              </FieldPermission>
            </FieldPermissions>
          </FieldSecurityProfile>
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

    static func folder() throws -> (folder: String, role: String, profiles: String) {
        let folder = Fixture.temporaryFolder() + "/Real"
        let rolePath = folder + "/Roles/ALM Power App Access.xml"
        let profilesPath = folder + "/Other/FieldSecurityProfiles.xml"
        try Fixture.write(role, to: rolePath)
        try Fixture.write(profiles, to: profilesPath)
        return (folder, rolePath, profilesPath)
    }

    /// Import, then export over the same folder: each file is reported `unchanged` and is
    /// byte for byte what it was (the permissions were re-sorted, the files rewritten in
    /// dvsec's layout, and a final line break added).
    @Test func anUntouchedFolderComesBackByteForByte() throws {
        let (folder, rolePath, profilesPath) = try Self.folder()
        let (env, _) = try Fixture.importedSolution(folder)
        let report = try SolutionExporter.exportReport(env, to: folder)
        #expect(report.files.map(\.change) == [.unchanged, .unchanged], "\(report.files)")
        #expect(String(decoding: try Fixture.data(rolePath), as: UTF8.self) == Self.role)
        #expect(String(decoding: try Fixture.data(profilesPath), as: UTF8.self) == Self.profiles)
    }

    /// A changed profile rewrites the file: the existing permissions keep the file's order, a
    /// new one comes after them, and the file still has no final line break.
    @Test func aRewrittenProfileFileKeepsItsOrderAndItsLastLine() throws {
        let (folder, _, profilesPath) = try Self.folder()
        var (env, _) = try Fixture.importedSolution(folder)
        let id = "8c9e45a5-8906-f111-8407-7ced8dfee0fb"
        let added = ColumnReference(table: "kfklaihk_contribution", column: "kfklaihk_amount")
        env.tables["kfklaihk_contribution"]?.columns["kfklaihk_amount"] = Column(logicalName: "kfklaihk_amount", isSecured: true)
        env.fieldSecurityProfiles[id]?.permissions[added] = ColumnPermission(canRead: true)
        let report = try SolutionExporter.exportReport(env, to: folder)
        #expect(report.files.map(\.change) == [.unchanged, .updated], "\(report.files)")
        let text = String(decoding: try Fixture.data(profilesPath), as: UTF8.self)
        let columns = text.components(separatedBy: "<AttributeName>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(
            columns == [
                "kfklaihk_approver", "kfklaihk_status", "kfklaihk_approvalrejectioncomments", "kfklaihk_amount", "apollo_apollopaymentmode",
            ], "\(columns)")
        #expect(text.hasSuffix("</FieldSecurityProfiles>"), "a final line break was added")
    }

    /// A changed role rewrites its file in Dataverse's layout, keeping a missing final line
    /// break; a forced layout (`--no-bom`) rewrites a file that says the same but is not in it.
    @Test func aRewrittenRoleKeepsItsLastLineAndAForcedLayoutRewrites() throws {
        let (folder, rolePath, _) = try Self.folder()
        try Fixture.write(String(Self.role.dropLast()), to: rolePath)
        var (env, _) = try Fixture.importedSolution(folder)
        let roleId = "8865c084-ca59-eb11-a812-000d3a8b34a0"
        env.roles[roleId]?.description = "Edited"
        _ = try SolutionExporter.exportReport(env, to: folder, options: .init(roles: [roleId]))
        let text = String(decoding: try Fixture.data(rolePath), as: UTF8.self)
        #expect(text.contains("<Description>Edited</Description>") && text.hasSuffix("</Role>"), "\(text)")

        var withMark = Data([0xEF, 0xBB, 0xBF])
        withMark.append(try Fixture.data(rolePath))
        try withMark.write(to: URL(fileURLWithPath: rolePath))
        let kept = try SolutionExporter.exportReport(env, to: folder, options: .init(roles: [roleId]))
        #expect(kept.files.map(\.change) == [.unchanged])
        let forced = try SolutionExporter.exportReport(
            env, to: folder, options: .init(roles: [roleId], byteOrderMark: false, lineEnding: nil))
        #expect(forced.files.map(\.change) == [.updated])
        #expect(!(try Fixture.data(rolePath)).starts(with: [0xEF, 0xBB, 0xBF]))
    }
}
