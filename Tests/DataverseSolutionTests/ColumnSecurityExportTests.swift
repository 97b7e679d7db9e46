import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// Found by an editing review: a column secured or unsecured in the console (`s` in the profile
/// editor) was lost on `export solution` → `import solution`, because the export wrote no
/// `Entity.xml` (`IsSecured`) and said nothing.
@Suite("Solution export: column security")
struct ColumnSecurityExportTests {
    /// The demo's production environment with `contoso_employee.contoso_ssn` secured (no profile
    /// permits it yet) and `account.creditlimit` unsecured (its permissions gone with it).
    static func edited() throws -> (before: Environment, after: Environment) {
        let before = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        #expect(before.tables["contoso_employee"]?.columns["contoso_ssn"]?.isSecured == false)
        #expect(before.tables["account"]?.columns["creditlimit"]?.isSecured == true)
        var after = before
        after.tables["contoso_employee"]?.columns["contoso_ssn"]?.isSecured = true
        after.tables["account"]?.columns["creditlimit"]?.isSecured = false
        let creditLimit = ColumnReference(table: "account", column: "creditlimit")
        for id in after.fieldSecurityProfiles.keys { after.fieldSecurityProfiles[id]?.permissions[creditLimit] = nil }
        return (before, after)
    }

    @Test("a column secured or unsecured since comes back from an export imported into the old state")
    func securedFlagsRoundTrip() throws {
        let (before, after) = try Self.edited()
        let out = Fixture.temporaryFolder()
        let report = try SolutionExporter.exportReport(after, to: out)
        #expect(report.notCarried.isEmpty, "\(report.notCarried)")
        var again = before
        _ = SolutionImporter.merge(try SolutionReader.read(folder: out), into: &again)
        #expect(again.tables["contoso_employee"]?.columns["contoso_ssn"]?.isSecured == true)
        #expect(again.tables["account"]?.columns["creditlimit"]?.isSecured == false)
        #expect(again.tables == after.tables)
        // The built-in System Administrator profile is not exported (it holds every secured column).
        #expect(
            again.fieldSecurityProfiles.filter { !$0.value.isSystemAdministratorProfile }
                == after.fieldSecurityProfiles.filter { !$0.value.isSystemAdministratorProfile })
        // Exported again over itself, nothing changes.
        let second = try SolutionExporter.exportReport(after, to: out)
        #expect(second.files.allSatisfy { $0.change == .unchanged }, "\(second.files.filter { $0.change != .unchanged })")
    }

    @Test("the table metadata written carries ownership, so a new snapshot keeps organization-owned tables")
    func ownershipRoundTrips() throws {
        let (_, after) = try Self.edited()
        let out = Fixture.temporaryFolder()
        try SolutionExporter.export(after, to: out)
        let (snapshot, _) = try SolutionImporter.snapshot(from: try SolutionReader.read(folder: out))
        let env = try #require(snapshot.sortedEnvironments.first)
        #expect(env.tables["contoso_region"]?.ownership == .organization)
        #expect(env.tables["contoso_integrationsetting"]?.ownership == .organization)
        #expect(env.tables["contoso_employee"]?.columns["contoso_ssn"]?.isSecured == true)
    }

    /// A real solution (it has `Other/Solution.xml`) gets no new `Entities/` folder (a new
    /// folder there adds a table to the solution), and its own `Entity.xml` is not rewritten:
    /// the columns the files then do not carry are reported, not dropped.
    @Test("into a real solution, the column security the files cannot carry is reported")
    func realSolutionReportsWhatIsNotCarried() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        var (env, _) = try Fixture.importedSolution(folder)
        env.tables["contoso_payment"]?.columns["contoso_amount"]?.isSecured = true
        env.tables["contoso_asset"] = Table(
            logicalName: "contoso_asset", schemaName: "contoso_Asset",
            columns: [Column(logicalName: "contoso_serial", isSecured: true)])
        let entity = folder + "/Entities/contoso_Payment/Entity.xml"
        let original = try Fixture.data(entity)
        let report = try SolutionExporter.exportReport(env, to: folder)
        #expect(try Fixture.data(entity) == original)
        #expect(!FileManager.default.fileExists(atPath: folder + "/Entities/contoso_Asset"))
        #expect(report.notCarried.contains { $0.hasPrefix("contoso_payment.contoso_amount (secured") }, "\(report.notCarried)")
        #expect(report.notCarried.contains { $0.hasPrefix("contoso_asset.contoso_serial (secured") }, "\(report.notCarried)")
        #expect(report.notCarried.count == 2, "\(report.notCarried)")
    }

    /// Found by an ALM review: `export --profiles X` said "no profile permits it" of a column a
    /// profile it did not export permits. It says which profile does, and that it is not exported.
    @Test("a column another, unexported, profile permits is said to be permitted by it")
    func anUnexportedProfileThatPermitsAColumnIsNamed() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        var (env, _) = try Fixture.importedSolution(folder)
        env.tables["contoso_payment"]?.columns["contoso_memo"] = Column(logicalName: "contoso_memo", isSecured: true)
        env.tables["contoso_asset"] = Table(
            logicalName: "contoso_asset", schemaName: "contoso_Asset",
            columns: [Column(logicalName: "contoso_serial", isSecured: true)])
        let memo = ColumnReference(table: "contoso_payment", column: "contoso_memo")
        env.fieldSecurityProfiles["bbbbbbbb-2222-3333-4444-555555555555"] = FieldSecurityProfile(
            id: "bbbbbbbb-2222-3333-4444-555555555555", name: "Payments Clerk", permissions: [memo: .all])
        let report = try SolutionExporter.exportReport(env, to: folder, options: .init(profiles: ["Finance Profile"]))
        #expect(
            report.notCarried.sorted() == [
                "contoso_asset.contoso_serial (secured): no profile permits it, and the solution has no Entity.xml for contoso_Asset",
                "contoso_payment.contoso_memo (secured): no exported profile permits it ('Payments Clerk' does, and is not exported), "
                    + "and \(folder)/Entities/contoso_Payment/Entity.xml does not list it",
            ], "\(report.notCarried)")
    }
}
