import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

@Suite("Solution folder import")
struct SolutionFolderImportTests {
    @Test("reads every role file, including a non-ASCII file name, BOM, CRLF and split attributes")
    func readsAllRoles() throws {
        let content = try SolutionReader.read(folder: Fixture.solutionFolder)
        #expect(content.roles.map(\.name).sorted() == ["Field Service Dispatcher", "Legacy Auditor", "Vertriebsmitarbeiter Süd"])
        #expect(content.manifest?.uniqueName == "ContosoSecurity")
        #expect(content.manifest?.name == "Contoso Security")
        #expect(content.manifest?.version == "1.4.0.0")
        #expect(content.manifest?.rootComponents.filter { $0.type == 20 }.count == 3)
        let auditor = try #require(content.roles.first { $0.name == "Legacy Auditor" })
        #expect(auditor.id == FixtureID.auditor, "upper-case braced GUID is normalized")
        #expect(auditor.isInherited == false)
        #expect(auditor.privileges.first?.name == "prvReadAccount")
        #expect(auditor.privileges.first?.line == 14, "the parser's line for a split RolePrivilege element")
        #expect(auditor.description == "Reads accounts & work orders; nothing else.")
        #expect(auditor.appliesTo == "Auditors")
        let vertrieb = try #require(content.roles.first { $0.id == FixtureID.vertrieb })
        #expect(vertrieb.isInherited == nil, "absent isinherited is unknown")
        #expect(vertrieb.isAutoAssigned == false)
        #expect(vertrieb.file.hasSuffix("Roles/Vertriebsmitarbeiter Süd.xml"))
        #expect(content.tables.count == 3)
        #expect(content.profiles.count == 2)
    }

    @Test("maps irregular built-in names, misc privileges and custom tables")
    func mapsPrivileges() throws {
        let (env, _) = try Fixture.importedSolution()
        let role = try #require(env.roles[FixtureID.dispatcher])
        #expect(role.privileges["annotation"]?[.read] == .businessUnit, "prvReadNote → annotation")
        #expect(role.privileges["annotation"]?[.write] == .user)
        #expect(role.privileges["activitypointer"]?[.read] == .businessUnit, "prvReadActivity → activitypointer")
        #expect(role.privileges["systemuser"]?[.read] == .organization, "prvReadUser → systemuser")
        #expect(role.privileges["category"]?[.appendTo] == .organization, "prvAppendtoCategory, case-insensitive")
        #expect(role.privileges["account"]?[.read] == .parentChildBusinessUnits)
        #expect(role.privileges["contoso_workorder"]?[.assign] == .businessUnit)
        #expect(role.privileges["contoso_workorder"]?[.share] == .user)
        #expect(role.privileges["webresource"]?[.read] == .organization)
        #expect(role.miscPrivileges == ["prvExportToExcel": .organization, "prvActivateSynchronousWorkflow": .user])
        #expect(role.unmappedPrivileges.isEmpty)
        #expect(role.inheritsMemberPrivileges && role.inheritsMemberPrivilegesKnown)
    }

    @Test("keeps an unmappable privilege and reports it")
    func keepsUnmapped() throws {
        let (env, report) = try Fixture.importedSolution()
        let role = try #require(env.roles[FixtureID.auditor])
        #expect(role.unmappedPrivileges == ["prvReadFrobnicator": .organization])
        #expect(role.miscPrivileges == ["prvReadRecordAuditHistory": .organization])
        #expect(!role.inheritsMemberPrivileges && role.inheritsMemberPrivilegesKnown)
        #expect(role.isCustomizable == false)
        #expect(report.warnings.contains { $0.message.contains("prvReadFrobnicator") && $0.message.contains("not mapped") })
    }

    @Test("a role without isinherited is unknown and defaults to 1")
    func isInheritedAbsent() throws {
        let (env, _) = try Fixture.importedSolution()
        let role = try #require(env.roles[FixtureID.vertrieb])
        #expect(role.inheritsMemberPrivileges)
        #expect(!role.inheritsMemberPrivilegesKnown)
        #expect(role.isAutoAssigned == false)
    }

    @Test("organization-owned table: Global only, no Assign or Share")
    func organizationOwned() throws {
        let (env, _) = try Fixture.importedSolution()
        #expect(env.tables["contoso_region"]?.ownership == .organization)
        let row = try #require(env.roles[FixtureID.vertrieb]?.privileges["contoso_region"])
        for op in [TableOperation.create, .read, .write, .delete, .append, .appendTo] { #expect(row[op] == .organization) }
        #expect(row[.assign] == .none && row[.share] == .none)
    }

    @Test("tables: ownership and secured columns from Entity.xml; an inferred custom table")
    func tables() throws {
        let (env, report) = try Fixture.importedSolution()
        let workOrder = try #require(env.tables["contoso_workorder"])
        #expect(workOrder.schemaName == "contoso_WorkOrder")
        #expect(workOrder.displayName == "Work Order")
        #expect(workOrder.ownership == .userOrTeam)
        #expect(workOrder.columns["contoso_apikey"]?.isSecured == true)
        #expect(workOrder.columns["contoso_priority"]?.isSecured == false)
        #expect(env.tables["contoso_payment"]?.securedColumns.map(\.logicalName) == ["contoso_cardnumber", "contoso_iban"])
        let asset = try #require(env.tables["contoso_asset"])
        #expect(asset.schemaName == "contoso_Asset" && asset.isCustom)
        #expect(
            report.entries.contains {
                $0.kind == .table && $0.name == "contoso_asset" && $0.details.contains("inferred from privilege names")
            })
    }

    @Test("field security profiles: permissions, CanReadUnmasked, description")
    func profiles() throws {
        let (env, _) = try Fixture.importedSolution()
        let finance = try #require(env.fieldSecurityProfiles[FixtureID.financeProfile])
        #expect(finance.name == "Finance Profile")
        #expect(finance.description == "Payment details & bank data")
        #expect(
            finance.permissions[ColumnReference(table: "contoso_payment", column: "contoso_iban")]
                == ColumnPermission(canRead: true, canCreate: true, canUpdate: true))
        #expect(
            finance.permissions[ColumnReference(table: "contoso_payment", column: "contoso_cardnumber")]
                == ColumnPermission(canRead: true, canReadUnmasked: .allRecords))
        let secrets = try #require(env.fieldSecurityProfiles[FixtureID.secretsProfile])
        #expect(secrets.permissions.values.first?.canReadUnmasked == .oneRecord)
    }

    @Test("a new snapshot is named after the solution and has a root business unit")
    func newSnapshot() throws {
        let snapshot = try SolutionImporter.snapshot(fromFolder: Fixture.solutionFolder)
        #expect(snapshot.tenant == "Contoso Security")
        let env = try #require(snapshot.environments.values.first)
        #expect(env.name == "Contoso Security")
        #expect(env.rootBusinessUnit?.name == "Contoso Security")
        #expect(env.roles.values.allSatisfy { $0.businessUnitId == env.rootBusinessUnit?.id })
        #expect(env.roles.count == 3 && env.fieldSecurityProfiles.count == 2)
    }

    @Test("the report lists every role, profile and table as added")
    func report() throws {
        let (_, report) = try Fixture.importedSolution()
        #expect(report.count(.role, .added) == 3)
        #expect(report.count(.profile, .added) == 2)
        #expect(report.entries.filter { $0.kind == .role }.allSatisfy { $0.outcome == .added })
        let text = report.textLines().joined(separator: "\n")
        #expect(text.contains("+ role"))
        #expect(text.contains("Vertriebsmitarbeiter Süd"))
        #expect(text.contains("Summary: roles: 3 added; field security profiles: 2 added"))
    }
}
