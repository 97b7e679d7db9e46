import Foundation
import Testing

/// `dvsec import solution` on files that are not what they seem: each is refused (exit 2) with
/// the file and the line, and the snapshot is left as it was.
@Suite("CLI: solution files that are refused", .serialized)
struct SolutionFileSafetyCLITests {
    /// A folder `DIR/s` with `Roles/a.xml` holding `bytes`, and the demo snapshot.
    static func solution(_ bytes: Data, in dir: String) throws -> (file: String, solution: String) {
        let file = try BinaryRunner.demoFile(in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/s/Roles", withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: dir + "/s/Roles/a.xml"))
        return (file, dir + "/s")
    }

    /// Runs the import and checks that it failed with exit 2 and left the snapshot untouched;
    /// returns standard error.
    static func refusedImport(_ solution: String, into file: String) throws -> String {
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        let r = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Contoso Production"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
        #expect(!FileManager.default.fileExists(atPath: file + ".bak"))
        return r.stderr
    }

    /// The review's `intattl`: `<!ATTLIST RolePrivilege level CDATA "Global">` imported
    /// `<RolePrivilege name="prvDeleteAccount"/>` as Global (an escalation no file line shows).
    @Test func aDocumentTypeDeclarationIsRefused() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let (file, solution) = try Self.solution(
            Data(
                """
                <?xml version="1.0"?>
                <!DOCTYPE Role [
                <!ATTLIST RolePrivilege level CDATA "Global">
                ]>
                <Role id="{11111111-2222-3333-4444-555555555555}" name="EvilB">
                  <RolePrivileges>
                    <RolePrivilege name="prvDeleteAccount" />
                  </RolePrivileges>
                </Role>
                """.utf8), in: dir)
        let stderr = try Self.refusedImport(solution, into: file)
        #expect(
            stderr
                == "dvsec: error: \(solution)/Roles/a.xml:2: the file has a document type declaration (<!DOCTYPE>), which can change what it says unseen (default attribute values, entities): solution files have none; refused\n",
            "\(stderr)")
    }

    /// The review's `ucs4`: the parser read a UCS-4 file the old scan could not, and imported
    /// its role with the declaration in it. Any encoding but UTF-8 and UTF-16 is refused.
    @Test func aFileInUCS4IsRefused() throws {
        let dir = BinaryRunner.temporaryDirectory()
        var ucs4 = Data()
        for scalar in "<?xml version=\"1.0\"?><Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"E\"/>".unicodeScalars {
            let v = scalar.value
            ucs4.append(contentsOf: [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)])
        }
        let (file, solution) = try Self.solution(ucs4, in: dir)
        let stderr = try Self.refusedImport(solution, into: file)
        #expect(
            stderr
                == "dvsec: error: \(solution)/Roles/a.xml: the file is in UCS-4 (UTF-32), by its first bytes: solution files are UTF-8 or UTF-16, the encodings Dataverse writes; refused (save it as UTF-8)\n",
            "\(stderr)")
    }

    /// The review's `fsp1`: the demo's "Sales Credit Profile" with a permission on
    /// account.revenue, which the demo holds as not secured. The import said "unchanged" and the
    /// next export removed the permission from the file; the column is now secured, the change
    /// reported, and the export keeps the permission.
    @Test func aPermissionOnAColumnHeldAsNotSecuredIsImported() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let profiles = dir + "/fsp1/Other/FieldSecurityProfiles.xml"
        try FileManager.default.createDirectory(atPath: dir + "/fsp1/Other", withIntermediateDirectories: true)
        try """
        <?xml version="1.0" encoding="utf-8"?>
        <FieldSecurityProfiles xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <FieldSecurityProfile name="Sales Credit Profile" fieldsecurityprofileid="{f47b2cd8-8865-4c8d-b713-d056e40f3b2b}">
            <FieldPermissions>
              <FieldPermission>
                <EntityName>account</EntityName>
                <AttributeName>creditlimit</AttributeName>
                <CanRead>4</CanRead>
                <CanUpdate>0</CanUpdate>
                <CanCreate>0</CanCreate>
              </FieldPermission>
              <FieldPermission>
                <EntityName>account</EntityName>
                <AttributeName>revenue</AttributeName>
                <CanRead>4</CanRead>
                <CanUpdate>4</CanUpdate>
                <CanCreate>4</CanCreate>
              </FieldPermission>
            </FieldPermissions>
          </FieldSecurityProfile>
        </FieldSecurityProfiles>

        """.write(toFile: profiles, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["import", "solution", dir + "/fsp1", "--into", file, "-e", "Contoso Production"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("~ field security profile  \"Sales Credit Profile\""), "\(r.stdout)")
        #expect(r.stdout.contains("secured columns: 1 added"), "\(r.stdout)")
        #expect(
            r.stdout.contains(
                "\(profiles):12: profile 'Sales Credit Profile' has a permission for account.revenue, which the snapshot holds as not secured"
            ), "\(r.stdout)")
        let export = try BinaryRunner.run(["export", "solution", file, "-e", "Contoso Production", "--out", dir + "/fsp1"])
        #expect(export.status == 0, "\(export.stderr)")
        let written = try String(contentsOfFile: profiles, encoding: .utf8)
        #expect(written.contains("<AttributeName>revenue</AttributeName>"), "\(written)")
    }

    /// The review's `tworp` and `fsptypo`: a role's second `<RolePrivileges>` block and a
    /// misspelled `<FieldSecurityProfle>` were skipped without a word. The block is read, the
    /// typo warned of at its line.
    @Test func aSecondPrivilegeBlockIsReadAndAMisspelledProfileWarnedOf() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let (file, solution) = try Self.solution(
            Data(
                """
                <?xml version="1.0"?>
                <Role id="{11111111-2222-3333-4444-555555555555}" name="TwoRP">
                  <RolePrivileges>
                    <RolePrivilege name="prvReadAccount" level="Basic" />
                  </RolePrivileges>
                  <RolePrivileges>
                    <RolePrivilege name="prvDeleteAccount" level="Global" />
                  </RolePrivileges>
                </Role>
                """.utf8), in: dir)
        try FileManager.default.createDirectory(atPath: solution + "/Other", withIntermediateDirectories: true)
        try """
        <?xml version="1.0" encoding="utf-8"?>
        <FieldSecurityProfiles xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <FieldSecurityProfle name="B" fieldsecurityprofileid="{bbbbbbbb-2222-3333-4444-555555555555}">
            <FieldPermissions />
          </FieldSecurityProfle>
        </FieldSecurityProfiles>
        """.write(toFile: solution + "/Other/FieldSecurityProfiles.xml", atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Contoso Production", "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("+ role  \"TwoRP\" [ESCALATION]  (2 privileges)"), "\(r.stdout)")
        #expect(
            r.stdout.contains(
                "\(solution)/Other/FieldSecurityProfiles.xml:3: unknown element FieldSecurityProfle in FieldSecurityProfiles: not read; did you mean FieldSecurityProfile?"
            ), "\(r.stdout)")
    }

    /// The demo's System Administrator was written as Roles/System Administrator.xml with
    /// IsCustomizable 1 and no privileges, and its built-in profile too. Both are skipped, and
    /// the export says so; `--roles "System Administrator"` is refused with the reason.
    @Test func theBuiltInSystemAdministratorIsNotExported() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let r = try BinaryRunner.run(["export", "solution", file, "-e", "Contoso Production", "--out", dir + "/x"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x/Roles/System Administrator.xml"))
        let profiles = try String(contentsOfFile: dir + "/x/Other/FieldSecurityProfiles.xml", encoding: .utf8)
        #expect(!profiles.contains("name=\"System Administrator\""))
        #expect(r.stdout.contains("\nskipped: System Administrator (built in: every privilege, not editable)\n"), "\(r.stdout)")
        #expect(
            r.stdout.contains("\nskipped: field security profile System Administrator (built in: every secured column, not editable)\n"),
            "\(r.stdout)")
        let named = try BinaryRunner.run([
            "export", "solution", file, "-e", "Contoso Production", "--out", dir + "/y", "--roles", "System Administrator",
        ])
        #expect(named.status == 2)
        #expect(
            named.stderr
                == "dvsec: error: role 'System Administrator' is the built-in System Administrator (built in: every privilege, not editable): it is not exported, as no solution file can change it\n",
            "\(named.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/y"))
    }

    /// A FIFO as a role file read as "You don't have permission." (the review's `fifo`).
    @Test func aFIFOIsRefusedSayingWhatItIs() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/s/Roles", withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/s/Roles/a.xml", 0o600) == 0)
        let stderr = try Self.refusedImport(dir + "/s", into: file)
        #expect(stderr == "dvsec: error: \(dir)/s/Roles/a.xml: is a named pipe (FIFO), not a regular file: refused\n", "\(stderr)")
    }

    /// A 9 MB role name was imported whole (the review's `big9`); more than 1,000 characters is
    /// refused at its line.
    @Test func aRoleNameOverTheLimitIsRefused() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let name = String(repeating: "A", count: 5_000)
        let (file, solution) = try Self.solution(
            Data("<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"\(name)\"><RolePrivileges /></Role>".utf8), in: dir)
        let stderr = try Self.refusedImport(solution, into: file)
        #expect(
            stderr
                == "dvsec: error: \(solution)/Roles/a.xml:1: Role '11111111-2222-3333-4444-555555555555' has a name of 5000 characters ('\(name.prefix(40))…'): Dataverse allows 100; dvsec reads at most 1000; refused\n",
            "\(stderr)")
    }
}
