import Foundation
import SecurityModel
import Testing

/// The real binary: demo, generate, validate, show, effective, who-can; bad input and exit codes.
@Suite("CLI: engine commands", .serialized)
struct EngineCLITests {
    @Test func demoWritesAValidSnapshotAndValidateSaysSo() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let r = try BinaryRunner.run(["validate", file])
        #expect(r.status == 0)
        #expect(r.stdout.contains("valid snapshot of Contoso"))
        #expect(r.stdout.contains("Contoso Production (Production): 8 business units, 40 users"))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// `--help` in a pipe is 80 columns: the help is laid out for them, so no line of ours is
    /// broken in two by the wrapping (lists keep one item a line, examples one command a line).
    @Test func helpIsLaidOutForEightyColumns() throws {
        let commands = [
            [], ["diff"], ["check"], ["report"], ["open"], ["export"], ["import"], ["import", "solution"], ["import", "webapi"],
        ]
        for command in commands {
            let help = try BinaryRunner.run(command + ["--help"]).stdout
            let lines = help.split(separator: "\n").filter { !$0.hasPrefix("USAGE:") }
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(command)")
            // An over-long line wraps into a fragment that starts a line of its own: none of these.
            #expect(
                !lines.contains { $0.hasPrefix("escalation;") || $0.hasPrefix("DevOps)") || $0.hasPrefix("3 differences") }, "\(command)")
        }
        let top = try BinaryRunner.run(["--help"]).stdout
        #expect(top.contains("\n  3  differences with at least one escalation (diff)\n"))
        // The signal codes too (a review found them in the README only).
        #expect(top.contains("\n  128+N  ended by signal N: 141 the output's reader stopped early;\n"))
        let diff = try BinaryRunner.run(["diff", "--help"]).stdout
        #expect(diff.contains("\n  dvsec diff FILE --base-environment prod --environment sandbox\n      two environments of one file\n"))
        let check = try BinaryRunner.run(["check", "--help"]).stdout
        #expect(check.contains("\n  max-system-administrators [5]\n      AP4a: enabled people holding System Administrator"))
    }

    /// Errors that say what is wrong in the user's words: names of levels and operations, not
    /// raw numbers; a device is not a snapshot; a file in the way of an export folder is named.
    @Test func errorsNameTheProblemInTheUsersWords() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let level = try BinaryRunner.run(["who-can", file, "--table", "account", "--level", "bogus"])
        #expect(level.status != 0 && level.stderr.contains("'basic', 'local', 'deep' or 'global'"))
        let help = try BinaryRunner.run(["who-can", "--help"])
        #expect(help.stdout.contains("(default: basic)") && !help.stdout.contains("default: 1"))
        // A pipe is read to its end: `dvsec diff <(git show HEAD:org.json) org.json` works.
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let piped = try BinaryRunner.run(["diff", "/dev/stdin", file, "--no-checks"], stdin: text)
        #expect(piped.status == 0 && piped.stdout.contains("No differences"), "\(piped.stderr)")
        let device = try BinaryRunner.run(["validate", "/dev/null"])
        #expect(device.status == 2 && device.stderr.contains("/dev/null: is empty: nothing was read"))
        let export = try BinaryRunner.run(["export", "solution", file, "--environment", "prod", "--out", file + "/solution"])
        #expect(export.status == 2 && export.stderr.contains("\(file) is a file, not a folder"))
        let deep = try BinaryRunner.run(["who-can", file, "--table", "account", "--op", "delete", "-l", "deep"])
        #expect(deep.status == 0 && deep.stdout.contains("can Delete account at Parent: Child Business Units or above"))
    }

    @Test func generateIsDeterministic() throws {
        let a = try BinaryRunner.run(["generate", "--users", "300", "--teams", "30", "--roles", "10", "--tables", "20", "--seed", "5"])
        let b = try BinaryRunner.run(["generate", "--users", "300", "--teams", "30", "--roles", "10", "--tables", "20", "--seed", "5"])
        let c = try BinaryRunner.run(["generate", "--users", "300", "--teams", "30", "--roles", "10", "--tables", "20", "--seed", "6"])
        #expect(a.status == 0 && !a.stdout.isEmpty)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
    }

    @Test func effectiveExplainsEveryGrantAndWhatIsNotEvaluated() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["effective", file, "--user", "Alex Wilber", "--table", "account", "--explain"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("account Read: Business Unit"))
        #expect(r.stdout.contains("* Business Unit                direct role Salesperson; scope: records in BU Sales EU"))
        #expect(r.stdout.contains("team Key Accounts EU (Owner, BU Sales EU) → role Salesperson"))
        #expect(r.stdout.contains("inherited from team Key Accounts EU"))
        #expect(r.stdout.contains("Not evaluated: record sharing"))
        #expect(r.stdout.contains("profiles combine as a union [I]"))
    }

    @Test func effectiveListsMiscellaneousPrivilegesWithTheirRole() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["effective", file, "--user", "Alex Wilber"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Miscellaneous privileges:"))
        #expect(lines.contains { $0.hasPrefix("  prvExportToExcel") && $0.hasSuffix("Organization  via role Salesperson") })
        // Asked about one table, the user-wide list is left out.
        let one = try BinaryRunner.run(["effective", file, "--user", "Alex Wilber", "--table", "account"])
        #expect(!one.stdout.contains("Miscellaneous privileges"))
        let json = try BinaryRunner.run(["effective", file, "--user", "Alex Wilber", "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let misc = try #require(root["miscPrivileges"] as? [[String: Any]])
        #expect(misc.contains { $0["privilege"] as? String == "prvExportToExcel" && $0["level"] as? String == "global" })
    }

    @Test func effectiveJSONCarriesLevelsAndPaths() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["effective", file, "--user", "alex@contoso.com", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let tables = try #require(json["tables"] as? [[String: Any]])
        let account = try #require(tables.first { $0["table"] as? String == "account" })
        let read = try #require((account["operations"] as? [String: Any])?["read"] as? [String: Any])
        #expect(read["level"] as? String == "local")
        let grants = try #require(read["grants"] as? [[String: Any]])
        #expect((grants.first?["path"] as? [String: Any])?["kind"] as? String == "direct")
    }

    @Test func dormantUsersShowTheirGrantsMarkedDormant() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["effective", file, "--user", "Tobias Keller", "--table", "account"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("DORMANT: user is disabled [I]"))
        #expect(r.stdout.contains("Org"))
    }

    @Test func whoCanListsUsersWithPaths() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["who-can", file, "--table", "account", "--op", "delete", "--level", "global"])
        #expect(r.status == 0)
        #expect(
            r.stdout.contains("users can Delete account at Organization in Contoso Production;"),
            "nothing is above Organization; the environment is named")
        #expect(r.stdout.contains("Brian Johnson — Organization"))
        #expect(r.stdout.contains("Org: direct role Copy of System Administrator; all records"))
        // Which records a level covers, and the inferred rule of modernized business units.
        let sandbox = try BinaryRunner.run(["who-can", file, "--table", "account", "--op", "write", "-e", "sandbox"])
        #expect(sandbox.stdout.contains("User: direct role Salesperson; own records and those of the user's teams"))
        #expect(sandbox.stdout.contains("Note: modernized business units: Local/Deep refer to the role's business unit;"))
        #expect(!r.stdout.contains("Alex Wilber"))
        // Dormant holders are worded for people, with the inferred rule marked.
        let dormant = try BinaryRunner.run(["who-can", file, "--table", "account", "--include-dormant"])
        #expect(dormant.stdout.contains("Pradeep Gupta — Business Unit [dormant: disabled [I]]"))
        let column = try BinaryRunner.run([
            "who-can", file, "--table", "contoso_payment", "--column", "contoso_iban", "--permission", "update",
        ])
        #expect(column.stdout.contains("Zrinka Makovac"))
        #expect(column.stdout.contains("Ben Walters [") == false)
        // A profile member without the table privilege is listed, and told apart: no record to use it on.
        var snapshot = DemoOrganisation.snapshot
        let prod = try #require(snapshot.sortedEnvironments.first)
        let finance = try #require(prod.fieldSecurityProfiles.values.first { $0.name == "Finance Profile" })
        snapshot.environments[prod.id]?.users["u-nora"] = User(
            id: "u-nora", name: "Nora Noread", domainName: "nora@contoso.com", businessUnitId: try #require(prod.rootBusinessUnit?.id))
        snapshot.environments[prod.id]?.fieldSecurityProfiles[finance.id]?.userIds.insert("u-nora")
        let noRead = BinaryRunner.temporaryDirectory() + "/no-read.json"
        #expect(FileManager.default.createFile(atPath: noRead, contents: SnapshotWriter.data(for: snapshot)))
        let nora = try BinaryRunner.run(["who-can", noRead, "--table", "contoso_payment", "--column", "contoso_iban"])
        #expect(
            nora.stdout.contains(
                "  Nora Noread [no Read on contoso_payment: no record to read it on]: profile Finance Profile (direct member)"),
            "\(nora.stdout)")
        // Listed, not counted among those who can.
        #expect(
            nora.stdout.hasPrefix(
                "7 users can read contoso_payment.contoso_iban in Contoso Production; 1 more holds it without Read on the table"))
        // An unsecured column lists nobody: the table operation decides, and the answer says so.
        let open = try BinaryRunner.run(["who-can", file, "--table", "account", "--column", "name", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(open.stdout.utf8)) as? [String: Any])
        #expect(open.status == 0 && json["secured"] as? Bool == false && (json["users"] as? [Any])?.isEmpty == true)
        #expect(json["tableOperation"] as? String == "read")
        let text = try BinaryRunner.run(["who-can", file, "--table", "account", "--column", "name"])
        #expect(text.stdout.hasPrefix("account.name is not secured") && !text.stdout.contains("Alex Wilber"))
        // Permissions are read as the console reads them; a wrong one lists the right ones.
        let unmasked = try BinaryRunner.run([
            "who-can", file, "--table", "contoso_payment", "--column", "contoso_iban", "--permission", "read-unmasked",
        ])
        #expect(unmasked.status == 0 && unmasked.stdout.contains("can read unmasked contoso_payment.contoso_iban"))
        let bogus = try BinaryRunner.run(["who-can", file, "--table", "contoso_payment", "--column", "contoso_iban", "--permission", "all"])
        #expect(bogus.status == 2 && bogus.stderr.contains("read, create, update or readUnmasked"))
    }

    /// A table privilege listed as miscellaneous is read as the table privilege: the commands
    /// say so on stderr (their output is unchanged), and validate lists every such value.
    @Test func valuesReadDifferentlyFromTheFileAreWarnedAbout() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        var text = try String(contentsOfFile: file, encoding: .utf8)
        let clean = try BinaryRunner.run(["check", file])
        #expect(!clean.stderr.contains("read differently"))
        text = text.replacingOccurrences(
            of: "\"prvMailMerge\": \"global\"", with: "\"prvMailMerge\": \"global\", \"prvReadWebResource\": \"basic\"")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let validate = try BinaryRunner.run(["validate", file])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("3 values read differently from the file (a save writes them as read):"))
        #expect(
            validate.stdout.contains(
                "role “Salesperson” (74ef4fa3-7980-4a9e-b8de-0e8cef3d182b): miscellaneous privilege prvReadWebResource (User) is the Read privilege of table webresource"
            ), "\(validate.stdout)")
        let check = try BinaryRunner.run(["check", file])
        #expect(
            check.stderr.hasPrefix(
                "dvsec: warning: \(file): 3 values read differently from the file (a save writes them as read):\n  environment “Contoso Production”"
            ), "\(check.stderr)")
        #expect(check.stdout == clean.stdout && check.status == clean.status)
        let diff = try BinaryRunner.run(["diff", file, file])
        #expect(diff.status == 0 && diff.stderr.components(separatedBy: "read differently").count == 3)
        // Importing into such a file saves it: said too.
        let solution = dir + "/solution"
        #expect(try BinaryRunner.run(["export", "solution", file, "-e", "Contoso Production", "--out", solution]).status == 0)
        let imported = try BinaryRunner.run(["import", "solution", solution, "--into", file, "--environment", "Contoso Production"])
        #expect(imported.status == 0 && imported.stderr.contains("3 values read differently from the file"), "\(imported.stderr)")
    }

    /// `show FILE -e NAME` lists that environment; a name that matches none is an error (it
    /// listed every environment and exited 0).
    @Test func showEnvironmentsHonoursTheEnvironmentOption() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let one = try BinaryRunner.run(["show", file, "-e", "sandbox"])
        #expect(one.status == 0 && one.stdout.contains("Sandbox") && !one.stdout.contains("Contoso Production"))
        let bogus = try BinaryRunner.run(["show", file, "-e", "bogus"])
        #expect(bogus.status == 2 && bogus.stderr.contains("bogus"))
    }

    /// Found by a console review: a 500-character name widened every row of `show users` to
    /// 700 columns; and a wide (CJK) name was padded by characters, not columns. A column is at
    /// most 48 wide (a longer value runs on, on its own row), and wide characters count two.
    @Test func showTablesKeepTheirColumnsWhateverTheNames() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        var snapshot = try SnapshotFile.load(path: file).0
        var env = try #require(snapshot.environment(matching: "prod"))
        let ids = env.users.keys.sorted()
        env.users[ids[0]]?.name = String(repeating: "Long", count: 125)
        env.users[ids[1]]?.name = "山田太郎"
        snapshot.environments[env.id] = env
        #expect(FileManager.default.createFile(atPath: file, contents: SnapshotWriter.data(for: snapshot)))
        let r = try BinaryRunner.run(["show", file, "users", "-e", "prod"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        let domain = try #require(header.range(of: "DOMAINNAME")).lowerBound
        #expect(header.distance(from: header.startIndex, to: domain) == 50, "\(header)")
        // The wide name's next column starts at the same terminal column as the header's.
        let yamada = try #require(lines.first { $0.hasPrefix("山田太郎") })
        let after = yamada.dropFirst(4).prefix { $0 == " " }.count
        #expect(8 + after == 50, "\(yamada)")
    }

    /// Lists are in natural order: "User 2" before "User 10" (they sorted as text: 0, 1, 10, 11...).
    @Test func showListsNumberedNamesByValue() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = dir + "/g.json"
        #expect(try BinaryRunner.run(["generate", "--users", "30", "--out", file]).status == 0)
        let r = try BinaryRunner.run(["show", file, "users", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["name"] as? String } == (0..<30).map { "User \($0)" })
    }

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

    /// `show --format json` is typed: counts are numbers, switches booleans, lists arrays and an
    /// absent value null (it was a table of strings: "27", "on", "Basic User; Salesperson").
    @Test func showJSONIsTyped() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        func rows(_ kind: String) throws -> [[String: Any]] {
            let r = try BinaryRunner.run(["show", file, kind, "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        }
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
        case "version": text = text.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 9")
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
    }
}
