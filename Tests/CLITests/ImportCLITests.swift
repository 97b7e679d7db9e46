import Foundation
import Testing

/// `dvsec import` as a user runs it: what it writes, what it leaves alone, what it says.
@Suite("CLI: import", .serialized)
struct ImportCLITests {
    static func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// The demo's production exported as `DIR/solution` (its roles, or only `roles`); the demo
    /// snapshot's path and the solution's.
    static func exportedDemo(in dir: String, roles: String? = nil) throws -> (file: String, solution: String) {
        let file = try BinaryRunner.demoFile(in: dir)
        let solution = dir + "/solution"
        let export = try BinaryRunner.run(
            ["export", "solution", file, "-e", "Contoso Production", "--out", solution] + (roles.map { ["--roles", $0] } ?? []))
        #expect(export.status == 0, "\(export.stderr)")
        return (file, solution)
    }

    /// Found by an editing review: an import wrote into a snapshot a console was editing. The
    /// console's lock (on its journal's `.lock`, taken here as a console takes it) now refuses it.
    @Test func anImportIntoASnapshotAConsoleIsEditingIsRefused() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let (file, solution) = try Self.exportedDemo(in: dir, roles: "Salesperson")
        let name = (file as NSString).lastPathComponent
        let lockPath = dir + "/." + name + ".dvsec-journal.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        let original = try Self.read(file)
        let refused = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Contoso Production"])
        #expect(refused.status == 2 && refused.stderr.contains("is open in a dvsec console session"), "\(refused.stderr)")
        #expect(try Self.read(file) == original)
        // A dry run writes nothing: allowed.
        let dry = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Contoso Production", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        close(fd)
        unlink(lockPath)
        let after = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Contoso Production"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(!FileManager.default.fileExists(atPath: lockPath))
    }

    /// An import that changed nothing rewrote the snapshot and rotated `.bak` onto a copy of
    /// it, so the second run of the same import lost the real previous version. It now says so
    /// and writes nothing: the file and its `.bak` stay as they were; an empty `Roles/` too.
    @Test func anImportThatChangesNothingWritesNothing() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let (file, solution) = try Self.exportedDemo(in: dir, roles: "Salesperson")
        let roleFile = try #require(try FileManager.default.contentsOfDirectory(atPath: solution + "/Roles").first)
        let rolePath = solution + "/Roles/" + roleFile
        let edited = try String(contentsOfFile: rolePath, encoding: .utf8)
            .replacingOccurrences(of: "name=\"prvReadAccount\" level=\"Local\"", with: "name=\"prvReadAccount\" level=\"Global\"")
        try edited.write(toFile: rolePath, atomically: true, encoding: .utf8)
        let original = try Self.read(file)

        let first = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Contoso Production"])
        #expect(first.status == 0 && first.stdout.hasSuffix("Saved \(file).\n"), "\(first.stdout)\(first.stderr)")
        let afterFirst = try Self.read(file)
        #expect(afterFirst != original)
        #expect(try Self.read(file + ".bak") == original)

        let second = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Contoso Production"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasSuffix("Summary: roles: 1 unchanged\nNo change; \(file) left as it was.\n"), "\(second.stdout)")
        #expect(try Self.read(file) == afterFirst)
        #expect(try Self.read(file + ".bak") == original)
        let json = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Contoso Production", "--format", "json"])
        #expect(json.status == 0 && json.stdout.contains("\"written\" : false"), "\(json.stdout)")

        // Nothing to import at all: no file is rewritten and no `.bak` appears.
        let empty = dir + "/empty"
        try FileManager.default.createDirectory(atPath: empty + "/Roles", withIntermediateDirectories: true)
        let fresh = dir + "/fresh.json"
        try FileManager.default.copyItem(atPath: file + ".bak", toPath: fresh)
        let none = try BinaryRunner.run(["import", "solution", empty, "--into", fresh, "-e", "Contoso Production"])
        #expect(
            none.status == 0 && none.stdout.hasSuffix("Summary: nothing to import\nNo change; \(fresh) left as it was.\n"), "\(none.stdout)"
        )
        #expect(try Self.read(fresh) == original)
        #expect(!FileManager.default.fileExists(atPath: fresh + ".bak"))
    }

    /// Found by an import review: `--into` a folder that does not exist ran the whole import,
    /// then said the previous file was unchanged. It is refused first, and nothing is made.
    @Test func aSnapshotInAFolderThatDoesNotExistIsRefusedBeforeImporting() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let (_, solution) = try Self.exportedDemo(in: dir)
        let r = try BinaryRunner.run(["import", "solution", solution, "--into", dir + "/no/such/x.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("the folder \(dir)/no/such does not exist"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/no"))
    }

    /// A privilege name with an invisible character failed with an error pointing into the
    /// snapshot (`environments[0].tables[9].logicalName`); it is refused at its file and line,
    /// exit 2, the snapshot and its absence of `.bak` untouched.
    @Test func anInvalidPrivilegeNameIsRefusedAtItsLine() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let original = try Self.read(file)
        try FileManager.default.createDirectory(atPath: dir + "/s/Roles", withIntermediateDirectories: true)
        try """
        <?xml version="1.0" encoding="utf-8"?>
        <Role id="{11111111-1111-4111-8111-111111111111}" name="Zero Width">
          <RolePrivileges>
            <RolePrivilege name="prvReadnew_&#x200b;zw" level="Global" />
          </RolePrivileges>
        </Role>
        """.write(toFile: dir + "/s/Roles/x.xml", atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["import", "solution", dir + "/s", "--into", file, "-e", "Contoso Production"])
        #expect(r.status == 2)
        #expect(
            r.stderr
                == "dvsec: error: \(dir)/s/Roles/x.xml:4: privilege name 'prvReadnew_\\u{200B}zw' holds a control or invisible character (U+200B): refused; Dataverse names are letters, digits and underscores\n",
            "\(r.stderr)")
        #expect(try Self.read(file) == original)
        #expect(!FileManager.default.fileExists(atPath: file + ".bak"))
    }

    /// `-e "Contoso Prodution"` (a typo) added a new environment with the warning only in the
    /// summary on stdout, which a script reading JSON never shows. It is on stderr too, with the
    /// closest name, or the snapshot's names when none is close.
    @Test func anEnvironmentNameThatMatchesNoneIsWarnedOfOnStandardError() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let (file, solution) = try Self.exportedDemo(in: dir, roles: "Salesperson")
        let typo = try BinaryRunner.run([
            "import", "solution", solution, "--into", file, "-e", "Contoso Prodution", "--format", "json", "--dry-run",
        ])
        #expect(typo.status == 0)
        #expect(
            typo.stderr.hasPrefix(
                "dvsec: warning: \(file): no environment matches 'Contoso Prodution': a new sandbox environment 'Contoso Prodution' is added (did you mean 'Contoso Production'?)\n"
            ), "\(typo.stderr)")
        let far = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Staging", "--dry-run"])
        #expect(far.status == 0 && far.stderr.contains("is added (the snapshot has '"), "\(far.stderr)")
        let known = try BinaryRunner.run(["import", "solution", solution, "--into", file, "-e", "Contoso Production", "--dry-run"])
        #expect(known.status == 0 && !known.stderr.contains("no environment matches"), "\(known.stderr)")
    }
}
