import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// The warnings about privilege names name every one, each with its line (an ALM review, rev5:
/// the list stopped after five names, and the warning had no line).
@Suite struct UnmappedPrivilegeWarningTests {
    /// Every unmapped privilege name is listed with its line, and the warning has the first
    /// one's line (it listed five names, then `…`, and had no line).
    @Test func everyUnmappedPrivilegeIsListedWithItsLine() throws {
        let names = (1...8).map { "prvFrobnicate\($0)" }
        let body = names.map { "    <RolePrivilege name=\"\($0)\" level=\"Global\" />" }.joined(separator: "\n")
        let folder = Fixture.temporaryFolder() + "/Unmapped"
        try Fixture.write(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Role id="{aaaaaaaa-0000-0000-0000-0000000000a1}" name="Std">
              <RolePrivileges>
            \(body)
                <RolePrivilege name="prvReadSavedQuery" level="Global" />
              </RolePrivileges>
            </Role>
            """, to: folder + "/Roles/S.xml")
        let (_, report) = try Fixture.importedSolution(folder)
        let unmapped = try #require(report.warnings.first { $0.message.contains("not mapped to a table") })
        #expect(unmapped.line == 4)
        #expect(unmapped.message.hasSuffix(names.enumerated().map { "\($1) (line \($0 + 4))" }.joined(separator: ", ")), "\(unmapped)")
        let renamed = try #require(report.warnings.first { $0.message.contains("schema name") })
        #expect(renamed.line == 12 && renamed.message.hasSuffix("prvReadSavedQuery → prvReadQuery (line 12)"), "\(renamed)")
    }
}
