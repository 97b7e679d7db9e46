import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

@Suite("Import into snapshot files: new, existing, merging")
struct ImportTargetTests {
    static func importSolution(_ folder: String, into path: String, environment: String? = nil) throws -> ImportResult {
        try ImportTarget.run(snapshotPath: path, environment: environment, newName: "Contoso Security") {
            (env: inout Environment) throws(DataverseFileError) in
            SolutionImporter.merge(try SolutionReader.read(path: folder), into: &env)
        }
    }

    @Test("a snapshot path that does not exist gets a new snapshot")
    func newSnapshot() throws {
        let path = Fixture.temporaryFolder() + "/new.dvsec.json"
        var result = try Self.importSolution(Fixture.solutionFolder, into: path)
        #expect(result.report.createdSnapshot)
        #expect(result.snapshot.tenant == "Contoso Security")
        #expect(result.report.environmentName == "Contoso Security")
        #expect(!FileManager.default.fileExists(atPath: path), "run does not save")
        try result.file.save(result.snapshot)
        let (loaded, _) = try SnapshotFile.load(path: path)
        #expect(loaded == result.snapshot)
    }

    /// A column known only from a profile was written with `"displayName": ""` by the first
    /// import and without it by the second, which reported it unchanged: two byte forms of one
    /// snapshot. It is written in the one canonical form (no display name when it is the logical
    /// name), so a second import writes the same bytes and the model reads back equal.
    @Test("importing the same files twice writes the same bytes")
    func byteStable() throws {
        let folder = Fixture.temporaryFolder() + "/ProfilesOnly"
        try Fixture.write(
            String(decoding: try Fixture.data(Fixture.solutionFolder + "/Other/FieldSecurityProfiles.xml"), as: UTF8.self),
            to: folder + "/Other/FieldSecurityProfiles.xml")
        let path = Fixture.temporaryFolder() + "/t.json"
        var first = try Self.importSolution(folder, into: path)
        try first.file.save(first.snapshot)
        let written = try Fixture.data(path)
        #expect(!String(decoding: written, as: UTF8.self).contains("\"displayName\": \"\""))
        let (loaded, _) = try SnapshotFile.load(path: path)
        #expect(loaded == first.snapshot)
        var second = try Self.importSolution(folder, into: path)
        #expect(second.leavesFileUnchanged && !second.report.hasChanges)
        try second.file.save(second.snapshot)
        #expect(try Fixture.data(path) == written)
        // A column made without a display name shows its logical name, as a table does.
        #expect(Column(logicalName: "contoso_iban").displayName == "contoso_iban")
    }

    /// Roles imported first take `contoso_WorkOrder` as user-owned; a later folder holding
    /// only its `Entity.xml`, saying `OrgOwned`, failed (exit 2) on a path inside the snapshot.
    /// The roles already there are read as the one-shot import reads them: Global for any level,
    /// Assign and Share kept unmapped, with the same [I] warnings, naming the Entity.xml.
    @Test("a table's organization ownership arriving after its roles is applied to them")
    func ownershipArrivesLater() throws {
        let solution = try Fixture.copy(Fixture.solutionFolder)
        let entity = solution + "/Entities/contoso_WorkOrder/Entity.xml"
        try Fixture.write(
            String(decoding: try Fixture.data(entity), as: UTF8.self).replacingOccurrences(of: "UserOwned", with: "OrgOwned"),
            to: entity)
        let rolesOnly = Fixture.temporaryFolder() + "/RolesOnly"
        try FileManager.default.createDirectory(atPath: rolesOnly, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: solution + "/Roles", toPath: rolesOnly + "/Roles")
        let entityOnly = Fixture.temporaryFolder() + "/EntityOnly"
        try FileManager.default.createDirectory(atPath: entityOnly + "/Entities", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: solution + "/Entities/contoso_WorkOrder", toPath: entityOnly + "/Entities/contoso_WorkOrder")

        let path = Fixture.temporaryFolder() + "/t.json"
        var first = try Self.importSolution(rolesOnly, into: path)
        try first.file.save(first.snapshot)
        let later = try Self.importSolution(entityOnly, into: path)
        let oneShot = try Self.importSolution(solution, into: Fixture.temporaryFolder() + "/o.json")

        let env = try #require(later.snapshot.environments.values.first)
        let once = try #require(oneShot.snapshot.environments.values.first)
        let dispatcher = try #require(env.roles[FixtureID.dispatcher])
        #expect(env.tables["contoso_workorder"]?.ownership == .organization)
        #expect(dispatcher.privileges["contoso_workorder"] == once.roles[FixtureID.dispatcher]?.privileges["contoso_workorder"])
        #expect(dispatcher.privileges["contoso_workorder"]?[.read] == .organization)
        #expect(dispatcher.privileges["contoso_workorder"]?[.assign] == AccessLevel.none)
        #expect(dispatcher.unmappedPrivileges["prvAssigncontoso_WorkOrder"] == .businessUnit)
        #expect(dispatcher.unmappedPrivileges["prvSharecontoso_WorkOrder"] == .user)
        #expect(dispatcher.unmappedPrivileges == once.roles[FixtureID.dispatcher]?.unmappedPrivileges)
        let warnings = later.report.warnings.map(\.description)
        #expect(
            warnings.contains(
                "\(entityOnly)/Entities/contoso_WorkOrder/Entity.xml:2: 'prvReadcontoso_WorkOrder' in role 'Field Service Dispatcher': level Deep on organization-owned table 'contoso_workorder' counts as Global [I]; imported as Global"
            ), "\(warnings)")
        #expect(
            warnings.contains {
                $0.hasSuffix(
                    "'prvSharecontoso_WorkOrder' in role 'Field Service Dispatcher': organization-owned table 'contoso_workorder' has no Share privilege; kept unmapped"
                )
            })
        #expect(later.report.entries.contains { $0.id == FixtureID.dispatcher && $0.outcome == .updated })
    }

    /// The Web API import gets the same rule: an entity definition saying `OrganizationOwned`,
    /// read after the roles, made the snapshot invalid (found by the import review's fixer as
    /// not covered).
    @Test func webAPIOwnershipArrivingLaterIsAppliedToTheRoles() throws {
        var env = Environment(
            id: "e", settings: EnvironmentSettings(name: "E", type: .sandbox),
            businessUnits: [BusinessUnit(id: "root", name: "Root")],
            roles: [
                SecurityRole(
                    id: "r", name: "Dispatcher", businessUnitId: "root",
                    privileges: ["contoso_workorder": PrivilegeRow([.read: .parentChildBusinessUnits, .share: .user])])
            ],
            tables: [Table(logicalName: "contoso_workorder", schemaName: "contoso_WorkOrder", isCustom: true)])
        var payloads = WebAPIPayloads(source: "/tmp/payloads")
        payloads.tables = [
            Table(logicalName: "contoso_workorder", schemaName: "contoso_WorkOrder", ownership: .organization, isCustom: true)
        ]
        let report = WebAPIImporter.merge(payloads, into: &env)
        let role = try #require(env.roles["r"])
        #expect(role.privileges["contoso_workorder"]?[.read] == .organization)
        #expect(role.unmappedPrivileges["prvSharecontoso_WorkOrder"] == .user)
        #expect(
            report.warnings.map(\.description).contains(
                "/tmp/payloads/entitydefinitions.json: 'prvReadcontoso_WorkOrder' in role 'Dispatcher': level Deep on organization-owned table 'contoso_workorder' counts as Global [I]; imported as Global"
            ), "\(report.warnings)")
    }

    /// A new role named as a role already in the environment (another id) was imported without
    /// a word; `export --roles NAME` then failed on the ambiguous name. It is warned of, at the
    /// file and line; re-importing the same role (same id) is not.
    @Test("a new role with the name of an existing role is warned of")
    func sameNameAnotherId() throws {
        let path = Fixture.temporaryFolder() + "/t.json"
        var first = try Self.importSolution(Fixture.solutionFolder, into: path)
        try first.file.save(first.snapshot)
        let folder = Fixture.temporaryFolder() + "/Twin"
        try Fixture.write(
            """
            <Role id="{22222222-2222-4222-8222-222222222222}" name="legacy auditor"><RolePrivileges><RolePrivilege name="prvReadAccount" level="Basic" /></RolePrivileges></Role>
            """, to: folder + "/Roles/Twin.xml")
        let second = try Self.importSolution(folder, into: path)
        #expect(
            second.report.warnings.map(\.description) == [
                "\(folder)/Roles/Twin.xml:1: role 'legacy auditor' (id 22222222-2222-4222-8222-222222222222) is new, and role id \(FixtureID.auditor) already has that name: two roles now share it, so naming it (export --roles) is ambiguous; rename one, or give the file that role's id if it is the same role"
            ])
        let again = try Self.importSolution(Fixture.solutionFolder, into: path)
        #expect(!again.report.warnings.contains { $0.message.contains("already has that name") })
    }

    @Test("re-importing an edited solution: added, updated and unchanged roles")
    func updates() throws {
        let path = Fixture.temporaryFolder() + "/t.json"
        var first = try Self.importSolution(Fixture.solutionFolder, into: path)
        try first.file.save(first.snapshot)

        let folder = try Fixture.copy(Fixture.solutionFolder)
        let dispatcher = folder + "/Roles/Field Service Dispatcher.xml"
        var text = String(decoding: try Fixture.data(dispatcher), as: UTF8.self)
        text = text.replacingOccurrences(of: "name=\"prvReadAccount\" level=\"Deep\"", with: "name=\"prvReadAccount\" level=\"Global\"")
        text = text.replacingOccurrences(of: "    <RolePrivilege name=\"prvWriteNote\" level=\"Basic\" />\r\n", with: "")
        try Fixture.write(text, to: dispatcher)
        try FileManager.default.removeItem(atPath: folder + "/Roles/Legacy Auditor.xml")
        try Fixture.write(
            """
            <Role id="{22222222-2222-4222-8222-222222222222}" name="Newcomer"><RolePrivileges><RolePrivilege name="prvReadAccount" level="Basic" /></RolePrivileges></Role>
            """, to: folder + "/Roles/Newcomer.xml")

        let second = try Self.importSolution(folder, into: path)
        let r = second.report
        #expect(!r.createdSnapshot)
        #expect(r.count(.role, .added) == 1 && r.count(.role, .updated) == 1 && r.count(.role, .unchanged) == 1)
        let updated = try #require(r.entries.first { $0.id == FixtureID.dispatcher })
        #expect(updated.details == ["privileges: 1 removed, 1 changed"])
        let env = try #require(second.snapshot.environments.values.first)
        #expect(env.roles[FixtureID.auditor] != nil, "a role the solution no longer lists is kept")
        let lines = r.textLines()
        #expect(lines.contains("  ~ role                    \"Field Service Dispatcher\" [ESCALATION]  (privileges: 1 removed, 1 changed)"))
        #expect(lines.contains("  = role                    \"Vertriebsmitarbeiter Süd\""))
        #expect(lines.contains { $0.hasPrefix("Summary: roles: 1 added, 1 updated, 1 unchanged") && $0.hasSuffix("; 2 escalations") })
        #expect(updated.risk == .escalation, "Read account Deep → Global")
    }

    @Test("several environments need --environment; an unknown name adds one")
    func environments() throws {
        let path = Fixture.temporaryFolder() + "/t.json"
        var first = try Self.importSolution(Fixture.solutionFolder, into: path, environment: "Contoso Sandbox")
        try first.file.save(first.snapshot)
        var second = try Self.importSolution(Fixture.solutionFolder, into: path, environment: "Contoso Production")
        #expect(second.report.createdEnvironment)
        #expect(second.report.textLines()[0].hasSuffix("into environment \"Contoso Production\" (new environment)"))
        #expect(
            second.report.warnings.first?.message
                == "no environment matches 'Contoso Production': a new sandbox environment 'Contoso Production' is added (the snapshot has 'Contoso Sandbox')"
        )
        #expect(second.newEnvironmentWarning == second.report.warnings.first)
        try second.file.save(second.snapshot)
        // A typo is added too, with a warning that names the environment meant.
        let typo = try Self.importSolution(Fixture.solutionFolder, into: path, environment: "Contoso Prodution")
        #expect(typo.report.warnings.first?.message.hasSuffix("is added (did you mean 'Contoso Production'?)") == true)
        #expect(throws: DataverseFileError.self) { _ = try Self.importSolution(Fixture.solutionFolder, into: path) }
        let third = try Self.importSolution(Fixture.solutionFolder, into: path, environment: "contoso s")
        #expect(third.report.environmentName == "Contoso Sandbox" && !third.report.hasChanges)
    }

    @Test("a snapshot that fails to load is reported with its path")
    func badSnapshot() throws {
        let path = Fixture.temporaryFolder() + "/broken.json"
        try Fixture.write("{\"format\": \"something-else\"}", to: path)
        let e = try #require(throws: DataverseFileError.self) { _ = try Self.importSolution(Fixture.solutionFolder, into: path) }
        #expect(e.file == path)
        #expect(e.message.contains("not a dvsec snapshot"))
    }

    @Test("a privilege on an organization-owned table counts as Global at any level; one it does not have stays unmapped")
    func orgOwnedBasic() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        try Fixture.write(
            """
            <Role id="{33333333-3333-4333-8333-333333333333}" name="Odd">
              <RolePrivileges>
                <RolePrivilege name="prvAssigncontoso_Region" level="Global" />
                <RolePrivilege name="prvReadcontoso_Region" level="Basic" />
                <RolePrivilege name="prvReadcontoso_workorder" level="Basic" />
                <RolePrivilege name="prvReadNote" level="Basic" />
                <RolePrivilege name="prvReadAnnotation" level="Global" />
              </RolePrivileges>
            </Role>
            """, to: folder + "/Roles/Odd.xml")
        let (env, report) = try Fixture.importedSolution(folder)
        let odd = try #require(env.roles["33333333-3333-4333-8333-333333333333"])
        #expect(
            odd.unmappedPrivileges == [
                "prvAssigncontoso_Region": .organization, "prvReadAnnotation": .organization,
            ])
        #expect(odd.privileges["contoso_region"]?[.read] == .organization)
        #expect(odd.privileges["contoso_workorder"]?[.read] == .user)
        #expect(report.warnings.contains { $0.line == 3 && $0.message.contains("has no Assign privilege") })
        #expect(
            report.warnings.contains {
                $0.line == 4 && $0.message.contains("level Basic on organization-owned table 'contoso_region' counts as Global [I]")
            })
        #expect(report.warnings.contains { $0.message.contains("second name for Read on 'annotation'") })
        #expect(report.warnings.contains { $0.message.contains("prvReadcontoso_workorder → prvReadcontoso_WorkOrder") })
    }
}
