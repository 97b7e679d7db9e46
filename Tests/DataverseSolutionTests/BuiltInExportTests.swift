import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// Found by a review: the built-in System Administrator role was exported as an editable role
/// with no privileges (`IsCustomizable` 1, empty `RolePrivileges`), and the built-in System
/// Administrator profile beside the solution's own. Neither is exported; the report says so.
@Suite struct BuiltInExportTests {
    static let salesProfile = "aaaaaaaa-0000-4000-8000-000000000010"

    /// The fixture's environment with the built-in System Administrator role and profile.
    static func environment() throws -> Environment {
        var (env, _) = try Fixture.importedSolution()
        env.roles["aaaaaaaa-0000-4000-8000-000000000001"] = SecurityRole(
            id: "aaaaaaaa-0000-4000-8000-000000000001", name: "System Administrator", businessUnitId: env.rootBusinessUnit?.id ?? "",
            templateId: SecurityRole.systemAdministratorTemplateId)
        env.fieldSecurityProfiles[FieldSecurityProfile.systemAdministratorProfileId] = FieldSecurityProfile(
            id: FieldSecurityProfile.systemAdministratorProfileId, name: "System Administrator")
        return env
    }

    @Test func theBuiltInSystemAdministratorRoleAndProfileAreSkipped() throws {
        let env = try Self.environment()
        let out = Fixture.temporaryFolder()
        let report = try SolutionExporter.exportReport(env, to: out)
        let roleFiles = try FileManager.default.contentsOfDirectory(atPath: out + "/Roles").sorted()
        #expect(roleFiles == ["Field Service Dispatcher.xml", "Legacy Auditor.xml", "Vertriebsmitarbeiter Süd.xml"], "\(roleFiles)")
        let profiles = String(decoding: try Fixture.data(out + "/Other/FieldSecurityProfiles.xml"), as: UTF8.self)
        #expect(!profiles.contains("System Administrator") && profiles.contains("Finance Profile"))
        #expect(
            report.skipped == [
                "System Administrator (built in: every privilege, not editable)",
                "field security profile System Administrator (built in: every secured column, not editable)",
            ], "\(report.skipped)")
    }

    /// Named on purpose, it is refused with the reason rather than written.
    @Test func namingTheBuiltInRoleOrProfileIsRefused() throws {
        let env = try Self.environment()
        let out = Fixture.temporaryFolder()
        let role = try #require(throws: DataverseFileError.self) {
            try SolutionExporter.exportReport(env, to: out, options: .init(roles: ["System Administrator"]))
        }
        #expect(
            role.message
                == "role 'System Administrator' is the built-in System Administrator (built in: every privilege, not editable): it is not exported, as no solution file can change it"
        )
        let profile = try #require(throws: DataverseFileError.self) {
            try SolutionExporter.exportReport(env, to: out, options: .init(profiles: [FieldSecurityProfile.systemAdministratorProfileId]))
        }
        #expect(profile.message.hasPrefix("field security profile 'System Administrator' is the built-in System Administrator profile"))
        #expect(!FileManager.default.fileExists(atPath: out + "/Roles"))
    }
}
