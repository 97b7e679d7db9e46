import Foundation
import SecurityModel
import Testing

/// Solution export from the command line, typed JSON output, hostile names and the errors a user
/// meets.
extension EngineCLITests {
    /// Exporting into a folder that holds a role file or profile the environment does not have
    /// (deleted since) warns that an import brings it back; --prune removes it. It was silent.
    @Test func exportWarnsOfLeftoversAndPrunesThem() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        var older = DemoOrganisation.snapshot
        var env = try #require(older.environment(matching: "prod"))
        var old = try #require(env.roles.values.first { $0.name == "Salesperson" })
        old.id = "11111111-2222-4333-8444-555555555555"
        old.name = "Old Role"
        env.roles[old.id] = old
        older.environments[env.id] = env
        let olderFile = dir + "/older.json"
        #expect(FileManager.default.createFile(atPath: olderFile, contents: SnapshotWriter.data(for: older)))
        let folder = dir + "/solution"
        #expect(try BinaryRunner.run(["export", "solution", olderFile, "-e", "prod", "--out", folder]).status == 0)
        let again = try BinaryRunner.run(["export", "solution", file, "-e", "prod", "--out", folder])
        #expect(
            again.status == 0
                && again.stderr.contains("holds a role or profile that environment 'Contoso Production' does not have (Roles/Old Role.xml)"),
            "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/Roles/Old Role.xml"))
        let pruned = try BinaryRunner.run(["export", "solution", file, "-e", "prod", "--out", folder, "--prune"])
        #expect(pruned.status == 0 && pruned.stdout.contains("removed \(folder)/Roles/Old Role.xml") && pruned.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder + "/Roles/Old Role.xml"))
        #expect(FileManager.default.fileExists(atPath: folder + "/Roles/Salesperson.xml"))
    }

    /// Found by an editing review: column security edits were lost on export without a word.
    /// Into a folder of its own the export writes them in Entity.xml; into a real solution (it has
    /// Other/Solution.xml, where a new Entities/ folder would add a table) it names on standard
    /// error the columns its files do not carry.
    @Test func exportCarriesColumnSecurityOrSaysWhatItDoesNotCarry() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let own = dir + "/own"
        let first = try BinaryRunner.run(["export", "solution", file, "-e", "prod", "--out", own])
        #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
        #expect(first.stdout.contains("wrote \(own)/Entities/contoso_Payment/Entity.xml"), "\(first.stdout)")
        let real = dir + "/real"
        try FileManager.default.createDirectory(atPath: real + "/Other", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: real + "/Other/Solution.xml", contents: Data("<ImportExportXml />".utf8)))
        let second = try BinaryRunner.run(["export", "solution", file, "-e", "prod", "--out", real])
        #expect(second.status == 0 && !FileManager.default.fileExists(atPath: real + "/Entities"))
        #expect(second.stderr.contains("do not carry the security of"), "\(second.stderr)")
        #expect(second.stderr.contains("not exported: contoso_payment.contoso_cvv (secured): no profile permits it"), "\(second.stderr)")
    }

    /// Found by an import review: a second export said "wrote" for files it left as they were,
    /// and a renamed role's old file went without a word. Each file is said as it went, and an
    /// unchanged one is not rewritten (its time stamp stays).
    @Test func anExportSaysWhatItMadeChangedLeftAndRemoved() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let folder = dir + "/solution"
        let first = try BinaryRunner.run(["export", "solution", file, "-e", "prod", "--out", folder])
        #expect(first.status == 0 && first.stdout.contains("wrote \(folder)/Roles/Salesperson.xml"), "\(first.stdout)")
        let role = folder + "/Roles/Salesperson.xml"
        let stamp = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: role)
        let second = try BinaryRunner.run(["export", "solution", file, "-e", "prod", "--out", folder])
        #expect(second.stdout.contains("unchanged \(role)") && !second.stdout.contains("wrote "), "\(second.stdout)")
        #expect((try FileManager.default.attributesOfItem(atPath: role)[.modificationDate] as? Date) == stamp)
        // Renamed: the new file is written and the old one removed, both said.
        var snapshot = try SnapshotFile.load(path: file).0
        var env = try #require(snapshot.environment(matching: "prod"))
        let id = try #require(env.roles.values.first { $0.name == "Salesperson" }?.id)
        env.roles[id]?.name = "Seller"
        snapshot.environments[env.id] = env
        #expect(FileManager.default.createFile(atPath: file, contents: SnapshotWriter.data(for: snapshot)))
        let renamed = try BinaryRunner.run(["export", "solution", file, "-e", "prod", "--out", folder])
        #expect(
            renamed.stdout.contains("wrote \(folder)/Roles/Seller.xml") && renamed.stdout.contains("removed \(role)"), "\(renamed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: role))
    }

    /// `--roles X --prune` writes no profile file, so it removes no profile from it: found by a
    /// review, it printed "removed profile …" for profiles still in the file. What stays is
    /// warned about, with how to prune it.
    @Test func pruneRemovesOnlyFromTheFilesItWrites() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        var older = DemoOrganisation.snapshot
        var env = try #require(older.environment(matching: "prod"))
        var profile = try #require(env.fieldSecurityProfiles.values.first { !$0.isSystemAdministratorProfile })
        profile.id = "22222222-3333-4444-8555-666666666666"
        profile.name = "Old Profile"
        env.fieldSecurityProfiles[profile.id] = profile
        older.environments[env.id] = env
        let olderFile = dir + "/older.json"
        #expect(FileManager.default.createFile(atPath: olderFile, contents: SnapshotWriter.data(for: older)))
        let folder = dir + "/solution"
        #expect(try BinaryRunner.run(["export", "solution", olderFile, "-e", "prod", "--out", folder]).status == 0)
        let profilesFile = folder + "/Other/FieldSecurityProfiles.xml"
        let before = try Data(contentsOf: URL(fileURLWithPath: profilesFile))
        let r = try BinaryRunner.run(["export", "solution", file, "-e", "prod", "--out", folder, "--roles", "Salesperson", "--prune"])
        #expect(r.status == 0 && !r.stdout.contains("removed profile"), "\(r.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: profilesFile)) == before)
        #expect(r.stderr.contains("(profile Old Profile)") && r.stderr.contains("export the profiles too"), "\(r.stderr)")
        let all = try BinaryRunner.run(["export", "solution", file, "-e", "prod", "--out", folder, "--prune"])
        #expect(all.status == 0 && all.stdout.contains("removed profile Old Profile from FieldSecurityProfiles.xml") && all.stderr.isEmpty)
    }

    /// An impossible question is an error, and an unknown environment names the file it was
    /// looked for in (a diff reads two).
    @Test func impossibleQuestionsAndUnknownEnvironmentsAreErrorsThatSayWhy() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let assign = try BinaryRunner.run(["who-can", file, "--table", "product", "--op", "assign"])
        #expect(assign.status == 2 && assign.stderr.contains("product is organization-owned: it has no Assign privilege"))
        let env = try BinaryRunner.run(["diff", file, file, "-e", "nope"])
        #expect(env.status == 2 && env.stderr.contains("\(file): no environment matches 'nope'"), "\(env.stderr)")
    }

    /// The rows of `dvsec show FILE KIND --format json`.
    func showRows(_ file: String, _ kind: String, _ more: String...) throws -> [[String: Any]] {
        let r = try BinaryRunner.run(["show", file, kind, "--format", "json"] + more)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    }

    /// `show --format json` is typed: counts are numbers, switches booleans, lists arrays and an
    /// absent value null (it was a table of strings: "27", "on", "Basic User; Salesperson").
    @Test func showJSONIsTyped() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        func rows(_ kind: String) throws -> [[String: Any]] { try showRows(file, kind) }
        let alex = try #require(try rows("users").first { $0["name"] as? String == "Alex Wilber" })
        #expect(alex["roles"] as? [String] == ["Basic User", "Salesperson"])
        #expect(alex["state"] as? [String] == [])
        let roles = try rows("roles")
        let basic = try #require(roles.first { $0["name"] as? String == "Basic User" })
        #expect(basic["users"] as? Int == 27 && basic["teams"] as? Int == 1 && basic["builtIn"] as? String == "Basic User")
        let auditor = try #require(roles.first { $0["name"] as? String == "Auditor" })
        #expect(auditor["builtIn"] is NSNull)
        let admin = try #require(roles.first { $0["name"] as? String == "System Administrator" })
        #expect(admin["misc"] as? String == "all")
        let prod = try #require(try rows("environments").first { $0["type"] as? String == "production" })
        #expect(prod["adminMode"] as? Bool == false && (prod["users"] as? Int ?? 0) > 0)
        let units = try rows("business-units")
        #expect(units.contains { $0["parent"] is NSNull } && units.allSatisfy { $0["users"] is Int })
    }

    /// `show`'s text table lists the copy a user names beside the role (it was in the JSON only),
    /// as the console's detail pane says it, and roles in natural order.
    @Test func showTextNamesRoleCopies() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let sandbox = try BinaryRunner.run(["show", file, "users", "--environment", "sandbox"])
        #expect(sandbox.status == 0)
        let lines = sandbox.stdout.split(separator: "\n")
        let diego = try #require(lines.first { $0.hasPrefix("Diego Siciliani") })
        #expect(diego.contains("Basic User; Salesperson · copy of Contoso / Europe"))
        let alex = try #require(lines.first { $0.hasPrefix("Alex Wilber") })
        #expect(alex.contains("Basic User; Salesperson") && !alex.contains("copy of"))
        // Production names no copy: nobody's row mentions one.
        let prod = try BinaryRunner.run(["show", file, "users", "--environment", "prod"])
        #expect(prod.status == 0 && !prod.stdout.contains("copy of") && prod.stdout.contains("Diego Siciliani"))
        // Environment chosen: nothing on stderr. Not chosen, of three: stderr says which is listed.
        #expect(prod.stderr.isEmpty)
        let first = try BinaryRunner.run(["show", file, "users"])
        #expect(first.stdout == prod.stdout)
        #expect(
            first.stderr == "dvsec: Contoso Production (Production), 1 of 3 environments; -e for another (Contoso Dev, Contoso Sandbox)\n")
    }

    /// `show --format json` gave access modes, team types, membership types and ownership only as
    /// display labels (`Read-Write`, `Entra security group`), where the snapshot and the other
    /// JSON outputs say `read-write`, `entra-security-group`: the snapshot names come alongside,
    /// the labels stay.
    @Test func showJSONCarriesSnapshotNamesBesideLabels() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        func rows(_ kind: String) throws -> [[String: Any]] { try showRows(file, kind) }
        let alex = try #require(try rows("users").first { $0["name"] as? String == "Alex Wilber" })
        #expect(alex["accessMode"] as? String == "Read-Write" && alex["snapshotAccessMode"] as? String == "read-write")
        #expect(alex["roleCopies"] as? [String] == [])
        // The sandbox names Diego's copy of Salesperson: Europe's.
        let sandbox = try showRows(file, "users", "--environment", "sandbox")
        let diego = try #require(sandbox.first { $0["name"] as? String == "Diego Siciliani" })
        #expect(diego["roleCopies"] as? [String] == ["Salesperson: Contoso / Europe"])
        let teams = try rows("teams")
        let group = try #require(teams.first { $0["name"] as? String == "Finance (Entra)" })
        #expect(group["type"] as? String == "Entra security group" && group["snapshotType"] as? String == "entra-security-group")
        #expect(group["snapshotMembershipType"] as? String != nil && group["default"] as? Bool == false)
        let defaultTeam = try #require(teams.first { $0["type"] as? String == "Owner (default)" })
        #expect(defaultTeam["snapshotType"] as? String == "owner" && defaultTeam["default"] as? Bool == true)
        #expect(defaultTeam["snapshotMembershipType"] is NSNull)
        let product = try #require(try rows("tables").first { $0["logicalName"] as? String == "product" })
        #expect(product["ownership"] as? String == "Organization" && product["snapshotOwnership"] as? String == "organization")
        let account = try #require(try rows("tables").first { $0["logicalName"] as? String == "account" })
        #expect(account["snapshotOwnership"] as? String == "user")
        let roles = try rows("roles")
        #expect(roles.allSatisfy { $0["inheritsMemberPrivileges"] is Bool && $0["inheritsMemberPrivilegesUnknown"] is Bool })
        #expect(roles.contains { $0["inheritsMemberPrivileges"] as? Bool == false }, "the demo's team-only role")
        let admin = try #require(roles.first { $0["name"] as? String == "System Administrator" })
        #expect(admin["inheritsMemberPrivileges"] as? Bool == true && admin["inheritsMemberPrivilegesUnknown"] as? Bool == false)
        // The text table is as it was.
        let text = try BinaryRunner.run(["show", file, "users"]).stdout
        #expect(!text.contains("read-write") && text.contains("Read-Write"))
    }

    @Test func hostileNamesAreEscapedInOutput() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"name\": \"Alex Wilber\"", with: "\"name\": \"Alex \\u001b[2J\\u001b]0;pwned\\u0007Wilber\"")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["show", file, "users"])
        #expect(r.status == 0)
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(r.stdout.contains("Alex \\e[2J\\e]0;pwned^GWilber"))
        // CSV keeps line breaks (quoted) but no escape sequence either.
        let csv = try BinaryRunner.run(["report", file, "--user", "alex@contoso.com", "--format", "csv"])
        #expect(csv.status == 0 && !csv.stdout.contains("\u{1B}") && csv.stdout.contains("Alex \\e[2J"))
        // Errors name what is wrong without sending it to the terminal: a dangling role id with
        // an escape sequence, and a name that matches several users.
        var dangling = text
        let alex = try #require(dangling.range(of: "\"domainName\": \"alex@contoso.com\""))
        let userRoles = try #require(dangling.range(of: "\"roles\": [", range: alex.upperBound..<dangling.endIndex))
        dangling.insert(contentsOf: "\"\\u001b[2Jevil\", ", at: userRoles.upperBound)
        try dangling.write(toFile: dir + "/dangling.json", atomically: true, encoding: .utf8)
        let invalid = try BinaryRunner.run(["validate", dir + "/dangling.json"])
        #expect(
            invalid.status == 2 && !invalid.stderr.contains("\u{1B}") && invalid.stderr.contains("unknown role '\\e[2Jevil'"),
            "\(invalid.stderr)")
        let loaded = try BinaryRunner.run(["effective", dir + "/dangling.json", "--user", "alex"])
        #expect(loaded.status == 2 && !loaded.stderr.contains("\u{1B}"))
        let ambiguous = try BinaryRunner.run(["effective", file, "--user", "contoso.com"])
        #expect(ambiguous.status == 2 && !ambiguous.stderr.contains("\u{1B}") && ambiguous.stderr.contains("Alex \\e[2J"))
        // JSON outputs keep the exact name, with bidi and C1 characters as escapes (found by a
        // review of hostile names: they reached the terminal raw through `show --format json`).
        let bidi = text.replacingOccurrences(of: "\"name\": \"Adele Vance\"", with: "\"name\": \"Adele \\u202e\\u009bVance\"")
        try bidi.write(toFile: dir + "/bidi.json", atomically: true, encoding: .utf8)
        for args in [["show", dir + "/bidi.json", "users", "--format", "json"], ["check", dir + "/bidi.json", "--format", "json"]] {
            let r = try BinaryRunner.run(args)
            #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B || $0.value == 0x1B }, "\(args)")
        }
        let shown = try BinaryRunner.run(["show", dir + "/bidi.json", "users", "--format", "json"])
        #expect(shown.stdout.contains(#"Adele \u202e\u009bVance"#))
    }

    /// Every kind of bad input: a one-line error naming the place, exit code 2, the file untouched.
    @Test(arguments: [
        ("truncated", "truncated"),
        ("version", "unsupported snapshot version 9"),
        ("duplicate", "duplicate role id"),
        ("dangling", "unknown business unit 'nowhere'"),
        ("orgOwnedLevel", "invalid level for organization-owned table 'product'"),
        ("empty", "the file is empty (0 bytes)"),
        ("directory", "is a directory"),
        ("noEnvironment", "environments: the snapshot has no environment"),
    ])
    func badInputGivesAOneLineErrorAndExitCode2(_ kind: String, _ expected: String) throws {
        let dir = BinaryRunner.temporaryDirectory()
        let demo = try BinaryRunner.demoFile(in: dir)
        var text = try String(contentsOfFile: demo, encoding: .utf8)
        var path = dir + "/bad.json"
        switch kind {
        case "truncated": text = String(text.prefix(text.count / 2))
        case "version":
            // Whichever version the demo is written as (2: its sandbox names a role copy).
            text = text.replacingOccurrences(of: #""version": \d+"#, with: "\"version\": 9", options: .regularExpression)
            #expect(text.contains("\"version\": 9"))
        case "duplicate":
            let salesperson = try #require(text.range(of: "\"name\": \"Salesperson\""))
            let idLine = text[..<salesperson.lowerBound].range(of: "\"id\": \"", options: .backwards)
            let idStart = try #require(idLine).upperBound
            let id = String(text[idStart...].prefix(36))
            let basic = try #require(text.range(of: "\"name\": \"Basic User\""))
            let basicId = try #require(text[..<basic.lowerBound].range(of: "\"id\": \"", options: .backwards)).upperBound
            text.replaceSubrange(basicId..<text.index(basicId, offsetBy: 36), with: id)
        case "dangling":
            let r = try #require(text.range(of: "\"businessUnit\": \""))
            text.replaceSubrange(r.upperBound..<text.index(r.upperBound, offsetBy: 36), with: "nowhere")
        case "orgOwnedLevel":
            text = text.replacingOccurrences(of: "\"product\": {\"read\": \"global\"}", with: "\"product\": {\"read\": \"local\"}")
        case "empty": text = ""
        case "noEnvironment": text = "{\"format\": \"dvsec-snapshot\", \"version\": 1}"
        case "directory": path = dir
        default: break
        }
        if kind != "directory" { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        let before = kind == "directory" ? nil : try Data(contentsOf: URL(fileURLWithPath: path))
        for command in [["validate", path], ["show", path, "users"], ["effective", path, "--user", "alex"]] {
            let r = try BinaryRunner.run(command)
            #expect(r.status == 2, "\(command) \(kind): \(r.stderr)")
            #expect(r.stderr.contains(expected), "\(kind): \(r.stderr)")
            #expect(r.stderr.contains(path), "names the file")
            if command[0] != "validate" {
                #expect(r.stderr.split(separator: "\n").count == 1, "one line: \(r.stderr)")
            }
        }
        if let before { #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before) }
    }

    @Test func syntaxErrorsNameLineAndColumn() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let path = dir + "/broken.json"
        try "{\n  \"format\": \"dvsec-snapshot\",\n  \"version\": 1\n  \"tenant\": \"x\"\n}\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let r = try BinaryRunner.run(["validate", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("line 4, column 3: expected ',' or '}'"))
        // A file that is not JSON at all: no stray ": (" where the path would be.
        let text = dir + "/notes.md"
        try "# Notes\n".write(toFile: text, atomically: true, encoding: .utf8)
        let md = try BinaryRunner.run(["validate", text])
        #expect(md.status == 2 && md.stderr.contains("notes.md: line 1, column 1: "), "\(md.stderr)")
    }

    /// A name that finds nothing says which are near, in every command that takes one.
    @Test func typosSayWhatIsNear() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let cases: [([String], String)] = [
            (
                ["effective", file, "--user", "Alex Wilbur"],
                "no user matches 'Alex Wilbur' in Contoso Production (did you mean 'Alex Wilber <alex@contoso.com>'?)"
            ),
            (["who-can", file, "--table", "acount", "--op", "read"], "no table 'acount' in Contoso Production (did you mean 'account'?)"),
            (["report", file, "--role", "Salesperzon"], "no role 'Salesperzon' in Contoso Production (did you mean 'Salesperson'?)"),
            (
                ["export", "solution", file, "-e", "prod", "--out", dir + "/out", "--roles", "Salesperzon"],
                "no role 'Salesperzon' in environment 'Contoso Production' (did you mean 'Salesperson'?)"
            ),
            (
                ["diff", file, "--base-environment", "prod", "--environment", "sandbox", "--user", "Diegp"],
                "--user 'Diegp': no user has that id, domain name or name in the compared environments (did you mean 'Diego Siciliani <diego@contoso.com>'?)"
            ),
            (
                ["diff", file, "--base-environment", "prod", "--environment", "sandbox", "--table", "acount"],
                "(did you mean 'account'?)"
            ),
        ]
        for (arguments, message) in cases {
            let r = try BinaryRunner.run(arguments)
            #expect(r.status == 2 && r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
        // Nothing near: no suggestion.
        let far = try BinaryRunner.run(["effective", file, "--user", "Nobody At All"])
        #expect(far.status == 2 && !far.stderr.contains("did you mean"))
    }

    /// `diff --user` takes a unique part of a name, as `effective --user` does; several matches
    /// are an error naming them.
    @Test func diffUserTakesAUniquePartOfAName() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let diego = try BinaryRunner.run(["diff", file, "--base-environment", "prod", "--environment", "sandbox", "--user", "Diego"])
        #expect(diego.status == 3, "\(diego.stderr)")
        #expect(diego.stdout.contains("~ user \"Diego Siciliani\""))
        #expect(!diego.stdout.contains("~ user \"Alex Wilber\" <"), "only Diego's impact")
        let many = try BinaryRunner.run(["diff", file, "--base-environment", "prod", "--environment", "sandbox", "--user", "a"])
        #expect(many.status == 2 && many.stderr.contains("--user 'a' matches") && many.stderr.contains("use the id or domain name"))
    }

    /// A file-size limit (`ulimit -f`) fails a write with the system's words and exit 2: SIGXFSZ
    /// killed dvsec (exit 153) mid-write, with a temporary copy of the model left beside the file,
    /// and the export said "NSCocoaErrorDomain error 512" (a data-safety review). The console's
    /// save is the same process and the same write.
    @Test func aFileSizeLimitFailsTheWriteInWords() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        func limited(_ arguments: [String]) throws -> BinaryRunner.Result {
            // (With SIGXFSZ at its default, as a login shell has it: the test runner may ignore it,
            // and an ignored signal stays ignored across exec.)
            try BinaryRunner.run(
                ["-c", "ulimit -f 16; exec env --default-signal=XFSZ \"$0\" \"$@\"", BinaryRunner.binary] + arguments,
                executable: "/bin/sh")
        }
        let demo = try limited(["demo", "--out", dir + "/big.json"])
        #expect(
            demo.status == 2 && demo.stderr.contains("could not save (write: File too large); nothing was written"),
            "\(demo.status) \(demo.stderr)")
        let export = try limited(["export", "solution", file, "--out", dir + "/sol"])
        #expect(export.status == 2 && export.stderr.contains("cannot write: File too large"), "\(export.status) \(export.stderr)")
        let left = try FileManager.default.subpathsOfDirectory(atPath: dir).filter { $0.contains("tmp") }
        #expect(left.isEmpty, "\(left)")
    }

    /// A full name two people of one environment share is refused by `diff --user` as by
    /// `effective --user`: a CLI review found the diff showed both without a word (one of them
    /// renamed to the other's name).
    @Test func diffUserRefusesAFullNameTwoPeopleShare() throws {
        let dir = BinaryRunner.temporaryDirectory()
        var snapshot = DemoOrganisation.snapshot
        let base = dir + "/base.json"
        let target = dir + "/target.json"
        #expect(FileManager.default.createFile(atPath: base, contents: SnapshotWriter.data(for: snapshot)))
        let env = try #require(snapshot.sortedEnvironments.first)
        let megan = try #require(env.users.values.first { $0.name == "Megan Bowen" })
        snapshot.environments[env.id]?.users[megan.id]?.name = "Alex Wilber"
        #expect(FileManager.default.createFile(atPath: target, contents: SnapshotWriter.data(for: snapshot)))
        let both = try BinaryRunner.run(["diff", base, target, "--environment", "prod", "--user", "Alex Wilber"])
        #expect(both.status == 2, "\(both.stdout.prefix(400))")
        #expect(both.stderr.contains("--user 'Alex Wilber' matches 2 users in Contoso Production"), "\(both.stderr)")
        #expect(both.stderr.contains("<megan@contoso.com>") && both.stderr.contains("use the id or domain name"))
        // The domain name picks one of them; in the base, where the name is one person's, it is taken.
        let one = try BinaryRunner.run(["diff", base, target, "--environment", "prod", "--user", "megan@contoso.com"])
        #expect(
            one.status == 1 && one.stdout.contains("~ user \"Alex Wilber\" (renamed from \"Megan Bowen\")"), "\(one.status) \(one.stdout)")
        let inBase = try BinaryRunner.run(["diff", base, base, "--environment", "prod", "--user", "Alex Wilber"])
        #expect(inBase.status == 0, "\(inBase.stderr)")
    }

    @Test func unknownUsersAndTablesAreUsageErrors() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["effective", file, "--user", "Nobody At All"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no user matches 'Nobody At All'"))
        let t = try BinaryRunner.run(["who-can", file, "--table", "nosuchtable"])
        #expect(t.status == 2)
        let usage = try BinaryRunner.run(["who-can", file])
        #expect(usage.status != 0)
    }

    @Test func demoRefusesToOverwriteWithoutForce() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let r = try BinaryRunner.run(["demo", "--out", file])
        #expect(r.status == 2)
        #expect(r.stderr.contains("already exists"))
        // A folder is said to be one, with or without --force (it asked for --force, then failed
        // to write a backup).
        for extra in [[], ["--force"]] {
            let folder = try BinaryRunner.run(["demo", "--out", dir] + extra)
            #expect(folder.status == 2 && folder.stderr.contains("is a directory"), "\(folder.stderr)")
        }
        // A dangling symbolic link is an entry too: kept as it is without --force (found by a
        // hostile-input review: it was replaced by a file).
        let link = dir + "/dangling.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/nonexistent/dir/x")
        for command in [["demo"], ["generate", "--users", "10", "--teams", "2", "--roles", "3", "--tables", "2"]] {
            let dangling = try BinaryRunner.run(command + ["--out", link])
            #expect(dangling.status == 2 && dangling.stderr.contains("already exists"), "\(dangling.stderr)")
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "/nonexistent/dir/x")
        }
    }

    /// Found by a hostile-input review: a huge count aborted with exit 134 (an allocation).
    @Test func generateRefusesCountsNoOrganisationHas() throws {
        for (option, value) in [
            ("--users", "9223372036854775807"), ("--tables", "100000000"), ("--teams", "3000000"), ("--roles", "50000"),
        ] {
            let r = try BinaryRunner.run(["generate", option, value])
            #expect(r.status == 2, "\(option) \(value): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("at most --users 2000000"), "\(r.stderr)")
        }
    }
}

/// Found by a CLI review: a column found only by its exact logical name, with no suggestion and
/// no file in the error; `--level none` read as Basic; a folder given as the suppression file
/// said "permission denied?"; a mistyped command read as `open FILE`.
extension EngineCLITests {
    @Test func whoCanFindsAColumnByAnyOfItsNamesAndSaysWhatIsNear() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let exact = try BinaryRunner.run(["who-can", file, "--table", "account", "--column", "creditlimit", "--format", "json"])
        #expect(exact.status == 0)
        for name in ["CreditLimit", "Credit Limit"] {
            let r = try BinaryRunner.run(["who-can", file, "--table", "account", "--column", name, "--format", "json"])
            #expect(r.status == 0 && r.stdout == exact.stdout, "\(name): \(r.stderr)")
        }
        let typo = try BinaryRunner.run(["who-can", file, "--table", "account", "--column", "creditlimt"])
        #expect(typo.status == 2)
        #expect(
            typo.stderr
                == "dvsec: error: \(file): no column 'creditlimt' in table account of Contoso Production (did you mean 'creditlimit'?); its secured columns: creditlimit\n"
        )
    }

    @Test func whoCanRefusesLevelNone() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["who-can", file, "--table", "account", "--level", "none"])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr.contains("The value 'none' is invalid for '--level <level>'"), "\(r.stderr)")
        #expect(try BinaryRunner.run(["who-can", file, "--table", "account", "--level", "deep"]).status == 0)
    }

    @Test func aSuppressionPathThatIsNoFileSaysWhatItIs() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let folder = try BinaryRunner.run(["check", file, "--suppressions", dir])
        #expect(folder.status == 2 && folder.stderr == "dvsec: error: \(dir): is a directory, not a suppression file\n", "\(folder.stderr)")
        let device = try BinaryRunner.run(["check", file, "--suppressions", "/dev/zero"])
        #expect(device.status == 2 && device.stderr == "dvsec: error: /dev/zero: is a character device, not a suppression file\n")
        let missing = try BinaryRunner.run(["check", file, "--suppressions", dir + "/none.json"])
        #expect(missing.status == 2 && missing.stderr == "dvsec: error: \(dir)/none.json: no such suppression file\n")
    }

    @Test func aMistypedCommandIsNamedAsOne() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let r = try BinaryRunner.run(["validat", file])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == "dvsec: error: 'validat' is neither a command nor a file (did you mean 'validate'?)\n", "\(r.stderr)")
        let who = try BinaryRunner.run(["who-cam", file, "--table", "account"])
        #expect(who.status == 2 && who.stderr.contains("(did you mean 'who-can'?)") && !who.stderr.contains("--theme"))
        // A file of a command's name is still opened as one; a missing file is said so.
        let missing = try BinaryRunner.run([dir + "/missing.json", "-e", "prod"])
        #expect(missing.status == 2 && missing.stderr.contains("missing.json: no such file"), "\(missing.stderr)")
        #expect(try BinaryRunner.run(["validate", file]).status == 0)
    }
}

extension EngineCLITests {
    /// An organization-owned table has Organization only: who-can at the default minimum said "at
    /// User or above" of a table no grant reaches at User (found by a console review's follow-up).
    @Test func whoCanOnAnOrganizationOwnedTableSaysItsOnlyLevel() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["who-can", file, "--table", "contoso_region"])
        #expect(r.status == 0)
        let first = r.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(
            first.contains(
                "can Read contoso_region at Organization (its only level: contoso_region is organization-owned) in Contoso Production"),
            "\(first)")
        let json = try BinaryRunner.run(["who-can", file, "--table", "contoso_region", "--format", "json"])
        #expect(json.stdout.contains("\"minimumLevel\" : \"global\""))
        let explicit = try BinaryRunner.run(["who-can", file, "--table", "contoso_region", "--level", "global"])
        #expect(
            explicit.stdout.hasPrefix(first.replacingOccurrences(of: " (its only level: contoso_region is organization-owned)", with: "")))
    }
}
