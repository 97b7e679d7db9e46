import Foundation
import SecurityModel
import Testing

/// Found by an ALM review: a miscellaneous privilege at a level it does not have
/// (`prvExportToExcel` at Basic) was imported without a word, and `validate` and `check` passed
/// the snapshot while the console called the level not allowed.
@Suite("CLI: miscellaneous privileges at a level they do not have", .serialized)
struct MiscellaneousLevelCLITests {
    @Test func importWarnsAndValidateAndCheckSaySo() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/sol/Roles", withIntermediateDirectories: true)
        try Data(
            """
            <Role id="{55555555-5555-5555-5555-555555555557}" name="MiscB">
              <RolePrivileges><RolePrivilege name="prvExportToExcel" level="Basic" /></RolePrivileges>
            </Role>
            """.utf8
        ).write(to: URL(fileURLWithPath: dir + "/sol/Roles/a.xml"))
        let imported = try BinaryRunner.run(["import", "solution", dir + "/sol", "--into", file, "-e", "prod"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stdout.contains(
                "/sol/Roles/a.xml:2: 'prvExportToExcel' in role 'MiscB': level Basic on a miscellaneous privilege counts as Global"),
            "\(imported.stdout)")
        let saved = try SnapshotReader.read(try Data(contentsOf: URL(fileURLWithPath: file)))
        let role = saved.environment(matching: "prod")?.roles["55555555-5555-5555-5555-555555555557"]
        #expect(role?.miscPrivileges == ["prvExportToExcel": .organization] && saved.readDifferently.isEmpty)

        // A snapshot written before the rule (or by hand) still opens; validate lists the value.
        var salesperson = ""
        let older = try BinaryRunner.demoFile { env in
            let id = try #require(env.roles.values.first { $0.name == "Salesperson" }?.id)
            env.roles[id]?.miscPrivileges["prvExportToExcel"] = .user
            salesperson = id
        }
        let validate = try BinaryRunner.run(["validate", older])
        #expect(validate.status == 0)
        #expect(
            validate.stdout.contains(
                "role “Salesperson” (\(salesperson)): miscellaneous privilege prvExportToExcel at User, a level it does not have (only None and Organization) [I]: read as Organization"
            ), "\(validate.stdout)")
        let check = try BinaryRunner.run(["check", older])
        #expect(
            check.stderr.contains("read differently from the file") && check.stderr.contains("prvExportToExcel at User"), "\(check.stderr)")
    }
}
