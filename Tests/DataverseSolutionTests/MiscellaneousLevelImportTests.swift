import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// Found by an ALM review: `<RolePrivilege name="prvExportToExcel" level="Basic" />` was imported
/// as User without a word, and the console's role editor then showed a level it calls not
/// allowed. A miscellaneous privilege at a level it does not have is now imported at the level it
/// counts as, with a warning at its line, as a level below Global on an organization-owned table.
@Suite struct MiscellaneousLevelImportTests {
    @Test func aLevelThePrivilegeDoesNotHaveIsReadAsTheNextOneItHas() throws {
        let folder = Fixture.temporaryFolder()
        let file = folder + "/Roles/a.xml"
        try Fixture.write(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Role id="{55555555-5555-5555-5555-555555555557}" name="MiscB">
              <RolePrivileges>
                <RolePrivilege name="prvActivateSynchronousWorkflow" level="Basic" />
                <RolePrivilege name="prvBulkEdit" level="Local" />
                <RolePrivilege name="prvExportToExcel" level="Basic" />
                <RolePrivilege name="prvPrint" level="Global" />
              </RolePrivileges>
            </Role>
            """, to: file)
        let (snapshot, report) = try SolutionImporter.snapshot(from: try SolutionReader.read(folder: folder))
        let role = try #require(snapshot.environments.values.first?.roles["55555555-5555-5555-5555-555555555557"])
        #expect(
            role.miscPrivileges == [
                "prvActivateSynchronousWorkflow": .user, "prvBulkEdit": .organization, "prvExportToExcel": .organization,
                "prvPrint": .organization,
            ])
        #expect(
            report.warnings.map(\.description) == [
                "\(file):5: 'prvBulkEdit' in role 'MiscB': level Local on a miscellaneous privilege counts as Global (it has only None and Global) [I]; imported as Global",
                "\(file):6: 'prvExportToExcel' in role 'MiscB': level Basic on a miscellaneous privilege counts as Global (it has only None and Global) [I]; imported as Global",
            ])
        // Loading the result finds nothing to read differently.
        #expect(try SnapshotReader.read(SnapshotWriter.data(for: snapshot)).readDifferently.isEmpty)
    }
}
