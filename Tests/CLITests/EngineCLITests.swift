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
        // JSON counts what the text counts (business units and profiles were missing: a review).
        let json = try BinaryRunner.run(["validate", file, "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let production = try #require((root["environments"] as? [[String: Any]])?.first)
        #expect(production["businessUnits"] as? Int == 8 && production["users"] as? Int == 40 && production["profiles"] as? Int == 4)
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
        // The header quotes team names as the paths do (a name may hold a comma).
        #expect(r.stdout.contains(#"access mode Read-Write; teams: "Key Accounts EU", "Sales EU""#))
        #expect(r.stdout.contains(#"* Business Unit                direct role "Salesperson"; scope: records in BU Sales EU"#))
        #expect(r.stdout.contains(#"team "Key Accounts EU" (Owner, BU "Sales EU") → role "Salesperson""#))
        #expect(r.stdout.contains(#"inherited from team "Key Accounts EU""#))
        #expect(r.stdout.contains("Not evaluated: record sharing"))
        #expect(r.stdout.contains("profiles combine as a union [I]"))
    }

    @Test func effectiveListsMiscellaneousPrivilegesWithTheirRole() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["effective", file, "--user", "Alex Wilber"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Miscellaneous privileges:"))
        #expect(lines.contains { $0.hasPrefix("  prvExportToExcel") && $0.hasSuffix(#"Organization  via role "Salesperson""#) })
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
        // roleId/teamId repeat role/team under the names the miscellaneous privileges and the
        // diff use (keys are only added).
        for grant in grants {
            let path = try #require(grant["path"] as? [String: Any])
            #expect(path["roleId"] as? String == path["role"] as? String && path["roleId"] != nil)
            #expect(path["teamId"] as? String == path["team"] as? String)
        }
        #expect(grants.contains { ($0["path"] as? [String: Any])?["teamId"] != nil })
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
        #expect(r.stdout.contains(#"Org: direct role "Copy of System Administrator"; all records"#))
        // Which records a level covers, and the inferred rule of modernized business units.
        let sandbox = try BinaryRunner.run(["who-can", file, "--table", "account", "--op", "write", "-e", "sandbox"])
        #expect(sandbox.stdout.contains(#"User: direct role "Salesperson"; own records and those of the user's teams"#))
        #expect(
            sandbox.stdout.contains("Note: modernized business units: Local/Deep refer to the business unit of the role's copy assigned;"))
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
                #"  Nora Noread [no Read on contoso_payment: no record to read it on]: profile "Finance Profile" (direct member)"#),
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
}
