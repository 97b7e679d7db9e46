import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// Found by a review: System Administrator exported from one environment and imported into
/// another (or into a new snapshot) became a second role named "System Administrator" that was
/// not one (no template id in a role file; role ids differ per environment, DATAVERSE.md §1.4).
@Suite struct BuiltInRoleImportTests {
    static func content(_ roles: [(id: String, name: String)]) -> SolutionContent {
        var c = SolutionContent(source: "sa")
        c.roles = roles.map { SolutionRole(id: $0.id, name: $0.name, privileges: [], file: "Roles/\($0.name).xml", line: 1) }
        return c
    }

    @Test func aBuiltInRoleFromAnotherEnvironmentIsThisEnvironmentsOwn() throws {
        var (env, _) = try Fixture.importedSolution()
        env.roles["sa-here"] = SecurityRole(
            id: "sa-here", name: "System Administrator", businessUnitId: env.rootBusinessUnit?.id ?? "",
            templateId: SecurityRole.systemAdministratorTemplateId)
        let count = env.roles.count
        let report = SolutionImporter.merge(
            Self.content([("aaaaaaaa-0000-4000-8000-000000000001", "System Administrator")]), into: &env)
        #expect(env.roles.count == count)
        #expect(env.roles.values.filter(\.isSystemAdministrator).map(\.id) == ["sa-here"])
        // Left as it is (SystemAdministratorImportTests): the file cannot change the built-in role.
        #expect(report.warnings.contains { $0.message.contains("is the built-in System Administrator (id sa-here here,") })
        #expect(report.entries.isEmpty)
    }

    @Test func aBuiltInRoleInANewSnapshotKeepsWhatItIs() throws {
        let (snapshot, report) = try SolutionImporter.snapshot(
            from: Self.content([
                ("aaaaaaaa-0000-4000-8000-000000000001", "System Administrator"),
                ("aaaaaaaa-0000-4000-8000-000000000002", "System Customizer"),
                ("aaaaaaaa-0000-4000-8000-000000000003", "System Administrators"),
            ]))
        let env = try #require(snapshot.environments.values.first)
        #expect(env.roles["aaaaaaaa-0000-4000-8000-000000000001"]?.builtIn == .systemAdministrator)
        #expect(env.roles["aaaaaaaa-0000-4000-8000-000000000002"]?.builtIn == .systemCustomizer)
        #expect(env.roles["aaaaaaaa-0000-4000-8000-000000000003"]?.builtIn == nil)
        #expect(report.warnings.filter { $0.message.contains("by its name") }.count == 2)
    }
}
