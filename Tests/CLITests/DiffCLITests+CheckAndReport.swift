import Foundation
import SecurityModel
import Testing

/// `dvsec check` (text and SARIF, suppressions, thresholds) and `dvsec report`, and the diff's
/// output formats from run to run.
extension DiffCLITests {
    @Test func checkFindsTheDemoMistakesAndExitsOne() throws {
        let (a, _) = try files { _ in }
        let r = try BinaryRunner.run(["check", a, "--environment", "production"])
        #expect(r.status == 1)
        for rule in ["GL1a", "GL3", "GL4", "GL7a", "GL8a", "GL9", "AP1", "AP2", "AP3", "AP4c", "GL6b"] {
            #expect(r.stdout.contains(" \(rule) "), "\(rule)")
        }
        #expect(r.stdout.contains("[I] inferred rule"))
        let json = try BinaryRunner.run(["check", a, "--environment", "production", "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(root["findings"] as? [[String: Any]])
        #expect(Set(findings.compactMap { $0["rule"] as? String }).isSuperset(of: ["GL1a", "GL3", "GL4", "GL7a", "GL8a", "GL9"]))
        #expect(root["fails"] as? Bool == true)
    }

    @Test func checkWritesSARIFEvenFromAPipe() throws {
        let (a, _) = try files { _ in }
        let bytes = try #require(FileManager.default.contents(atPath: a))
        let text = String(decoding: bytes, as: UTF8.self)
        let r = try BinaryRunner.run(["check", "/dev/stdin", "--format", "sarif"], stdin: text)
        #expect(r.status == 1, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let json = try BinaryRunner.run(["check", a, "--format", "json"])
        let findings = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["findings"] as? [Any])
        #expect(results.count == findings.count)
        // Each result is on a line of the file it was read from, past the first.
        let lines = results.compactMap {
            ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])?[
                "startLine"] as? Int
        }
        #expect(lines.count == results.count && lines.allSatisfy { $0 > 1 })
        let uris = Set(results.compactMap { uri(of: $0) })
        #expect(uris == ["file:///dev/stdin"])
        // ... with a warning that says how to name it (it was silent).
        let piped = try BinaryRunner.run(["check", "/dev/stdin", "--format", "sarif"], stdin: text)
        #expect(piped.stderr.contains("/dev/stdin is not a regular file") && piped.stderr.contains("--sarif-path"))
        // Named as it sits in the repository.
        let named = try BinaryRunner.run(["check", "/dev/stdin", "--format", "sarif", "--sarif-path", "snapshots/org.json"], stdin: text)
        let namedRoot = try #require(try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])
        let namedResults = try #require(((namedRoot["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        #expect(Set(namedResults.compactMap { uri(of: $0) }) == ["snapshots/org.json"])
        #expect(!named.stderr.contains("not a regular file"))
    }

    private func uri(of result: [String: Any]) -> String? {
        let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        return (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
    }

    /// Output that cannot be written (a full disk) is an error with exit code 2, not a crash
    /// (written bytes) nor a silent success (printed text).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskIsAnErrorNotACrash() throws {
        let (a, b) = try files { s in
            let env = try production(s)
            let role = try #require(env.sortedRoles.first { $0.name == "Salesperson" })
            try s.apply(.setPrivilege(environment: env.id, role: role.id, table: "account", operation: .delete, level: .organization))
        }
        for arguments in [["diff", a, b], ["check", a, "--format", "sarif"], ["show", a, "users"], ["demo"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
            let err = Pipe()
            process.standardError = err
            try process.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 2, "\(arguments)")
            #expect(message.contains("dvsec: error: cannot write the output: No space left on device"), "\(arguments): \(message)")
        }
    }

    /// Output to a closed stdout (`>&-`) is an error that says so: the file dvsec opened next took
    /// the descriptor, and the error read "Invalid argument" (found by a CI-integrator review);
    /// a closed stdin is said to be closed (it read as "empty": /dev/null had taken its place), and
    /// a command with nothing for stdout still succeeds.
    @Test func aClosedStandardOutputIsAnErrorThatSaysSo() throws {
        let (a, _) = try files { _ in }
        func shell(_ script: String) throws -> (status: Int32, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script, "sh", BinaryRunner.binary, a]
            let err = Pipe()
            process.standardError = err
            try process.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, message)
        }
        for command in [#""$1" show "$2" users >&-"#, #""$1" check "$2" --format sarif >&-"#] {
            let r = try shell(command)
            #expect(r.status == 2 && r.stderr.contains("cannot write the output: Bad file descriptor"), "\(command): \(r.stderr)")
        }
        for command in [#""$1" validate - <&-"#, #""$1" diff "$2" /dev/stdin <&-"#, #""$1" show - <&-"#] {
            let stdin = try shell(command)
            #expect(stdin.status == 2 && stdin.stderr.contains("is closed: nothing to read"), "\(command): \(stdin.stderr)")
        }
        let empty = try shell(#""$1" validate - < /dev/null"#)
        #expect(empty.status == 2 && empty.stderr.contains("standard input: is empty"), "\(empty.stderr)")
        let dir = BinaryRunner.temporaryDirectory()
        let quiet = try shell(#""$1" demo --out "# + dir + #"/demo.json >&-"#)
        #expect(quiet.status == 0 && FileManager.default.fileExists(atPath: dir + "/demo.json"), "\(quiet.stderr)")
        // A command that writes files and then reports them refuses before writing: an error
        // after a write broke "nothing is written on any error" (a regression review).
        let export = try shell(#""$1" export solution "$2" --out "# + dir + #"/solution >&-"#)
        #expect(export.status == 2 && export.stderr.contains("nothing was written"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/solution/Roles"))
    }

    /// A message that cannot be written (stderr full, or a terminal hung up) is dropped, never a
    /// crash: the exit code still says what happened.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func anUnwritableStderrIsNotACrash() throws {
        for arguments in [["validate", "/nonexistent.json"], ["diff", "/nonexistent.json", "/nonexistent.json"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryRunner.binary)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 2, "\(arguments)")
        }
    }

    /// Found by a review: a baseline of another organisation was compared without a word, its
    /// environment called "renamed" and every object a change. It is still compared (by name),
    /// with a warning that names both organisations.
    @Test func aBaselineOfAnotherOrganisationIsWarnedAbout() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let demo = try BinaryRunner.demoFile(in: dir)
        let other = dir + "/other.json"
        let gen = try BinaryRunner.run(["generate", "--users", "50", "--teams", "5", "--roles", "5", "--tables", "5", "--out", other])
        #expect(gen.status == 0, "\(gen.stderr)")
        let r = try BinaryRunner.run(["diff", other, demo, "--no-checks"])
        #expect(r.stderr.contains("warning: the base is organisation 'Generated"), "\(r.stderr)")
        #expect(r.stderr.contains("and the target 'Contoso'"))
        let same = try BinaryRunner.run(["diff", demo, demo])
        #expect(same.status == 0 && same.stderr.isEmpty)
        // Found by an output review: the text said nothing of the checks it skipped, and its
        // summary left out the neutral access lines JSON counts.
        #expect(r.stdout.contains("Not evaluated: the go-live checks were not run (--no-checks)."), "\(r.stdout.suffix(600))")
        let checked = try BinaryRunner.run(["diff", other, demo])
        #expect(!checked.stdout.contains("the go-live checks were not run"))
        let json = try BinaryRunner.run(["diff", other, demo, "--no-checks", "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let comparisons = document?["comparisons"] as? [[String: Any]] ?? []
        let neutral = comparisons.compactMap {
            (($0["summary"] as? [String: Any])?["impactLinesByRisk"] as? [String: Any])?["neutral"] as? Int
        }
        .reduce(0, +)
        if neutral > 0 { #expect(r.stdout.contains(" / \(neutral) neutral"), "\(neutral): \(r.stdout.suffix(400))") }
    }

    @Test func suppressionsSilenceAcceptedFindingsAndReportStaleOnes() throws {
        let (a, _) = try files { _ in }
        let dir = BinaryRunner.temporaryDirectory()
        let sup = dir + "/suppressions.json"
        let text =
            #"[{"rule": "*", "place": "Contoso Production/*", "reason": "accepted for the test"}, {"rule": "GL3", "place": "user/ghost@contoso.com", "reason": "stale"}]"#
        #expect(FileManager.default.createFile(atPath: sup, contents: Data(text.utf8)))
        let r = try BinaryRunner.run(["check", a, "--environment", "production", "--suppressions", sup])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("No findings left: every one is suppressed (listed below)."))
        #expect(r.stdout.contains("finding suppressed") || r.stdout.contains("findings suppressed"))
        #expect(r.stdout.contains("1 suppression matched nothing"))
        // A place with no environment about a finding of the environment not checked is not stale.
        let sandboxOnly = dir + "/sandbox-only.json"
        let groupTeam = #"[{"rule": "GL1b", "place": "team/Marketing (Office group)", "reason": "accepted"}]"#
        #expect(FileManager.default.createFile(atPath: sandboxOnly, contents: Data(groupTeam.utf8)))
        let prodOnly = try BinaryRunner.run(["check", a, "--environment", "production", "--suppressions", sandboxOnly])
        #expect(!prodOnly.stdout.contains("matched nothing"), "\(prodOnly.stdout)")
        let everywhere = try BinaryRunner.run(["check", a, "--suppressions", sandboxOnly])
        #expect(everywhere.stdout.contains("finding suppressed") && !everywhere.stdout.contains("matched nothing"), "\(everywhere.stdout)")
        let bad = dir + "/bad.json"
        #expect(FileManager.default.createFile(atPath: bad, contents: Data(#"[{"rule": "GL3", "place": "x"}]"#.utf8)))
        let e = try BinaryRunner.run(["check", a, "--suppressions", bad])
        #expect(e.status == 2 && e.stderr.contains("[0].reason"))
    }

    @Test func reportsForAUserAndARole() throws {
        let (a, _) = try files { _ in }
        let user = try BinaryRunner.run(["report", a, "--user", "Alex Wilber", "--format", "csv"])
        #expect(user.status == 0)
        #expect(user.stdout.hasPrefix("section,item,detail,value,via\r\n"))
        #expect(user.stdout.contains("access,account,read,local,"))
        let role = try BinaryRunner.run(["report", a, "--role", "Salesperson", "--format", "markdown"])
        #expect(role.status == 0 && role.stdout.hasPrefix("# Role report: Salesperson"))
        #expect(role.stdout.contains("Alex Wilber"))
        let text = try BinaryRunner.run(["report", a, "--user", "Tobias Keller"])
        #expect(text.status == 0 && text.stdout.contains("DORMANT: user is disabled [I]"))
        // --bom: the same CSV after a UTF-8 byte-order mark, for Excel; refused without CSV.
        let bom = try BinaryRunner.run(["report", a, "--user", "Alex Wilber", "--format", "csv", "--bom"])
        #expect(bom.status == 0 && Array(bom.stdout.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(bom.stdout == "\u{FEFF}" + user.stdout)
        #expect(!user.stdout.hasPrefix("\u{FEFF}"))
        let refused = try BinaryRunner.run(["report", a, "--user", "Alex Wilber", "--bom"])
        #expect(refused.status == 2 && refused.stderr.contains("--bom goes with --format csv"))
    }

    /// A user touched by several changes lists them in the order of the entries, whatever order
    /// the process's dictionaries walk in (each run of the binary hashes with a new seed).
    @Test func outputIsTheSameFromRunToRun() throws {
        let (a, b) = try files { s in
            let env = try production(s)
            for role in env.sortedRoles where !role.isSystemAdministrator {
                try s.apply(.setPrivilege(environment: env.id, role: role.id, table: "account", operation: .share, level: .organization))
            }
            // One user gains two more causes: a role held directly and a team.
            let ben = try #require(env.users.values.first { $0.name == "Ben Walters" })
            let role = try #require(env.sortedRoles.first { !$0.isSystemAdministrator && !ben.roleIds.contains($0.id) })
            try s.apply(.assignUserRole(environment: env.id, user: ben.id, role: role.id))
            let team = try #require(
                env.teams.values.sorted { $0.id < $1.id }.first {
                    $0.type == .owner && !$0.memberIds.contains(ben.id) && !$0.roleIds.isEmpty
                })
            try s.apply(.addTeamMember(environment: env.id, team: team.id, user: ben.id))
        }
        let first = try BinaryRunner.run(["diff", a, b, "--environment", "production", "--no-color"])
        #expect(first.status == 3)
        let because = first.stdout.split(separator: "\n").filter { $0.contains("because: ") }
        #expect(because.contains { $0.components(separatedBy: "; ").count >= 3 }, "no user with three causes: the test would prove nothing")
        for _ in 0..<4 {
            let again = try BinaryRunner.run(["diff", a, b, "--environment", "production", "--no-color"])
            #expect(again.stdout == first.stdout)
            let json = try BinaryRunner.run(["diff", a, b, "--environment", "production", "--format", "json"])
            let json2 = try BinaryRunner.run(["diff", a, b, "--environment", "production", "--format", "json"])
            #expect(json.stdout == json2.stdout)
        }
    }

    @Test func impactSummaryIsOneLinePerUserWithTheSameExitCode() throws {
        let (a, b) = try files { s in
            let env = try production(s)
            let role = try #require(env.sortedRoles.first { $0.name == "Salesperson" })
            try s.apply(.setPrivilege(environment: env.id, role: role.id, table: "account", operation: .delete, level: .organization))
            try s.apply(.setPrivilege(environment: env.id, role: role.id, table: "contact", operation: .delete, level: .organization))
        }
        let full = try BinaryRunner.run(["diff", a, b, "-e", "production", "--no-color"])
        let summary = try BinaryRunner.run(["diff", a, b, "-e", "production", "--no-color", "--impact", "summary"])
        #expect(full.status == 3 && summary.status == 3)
        // The users of the "Access impact" section (quoted, as in the entries above it).
        let lines = summary.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Access impact:") })
        let users = lines[(start + 1)...].prefix { !$0.isEmpty }.filter { $0.hasPrefix("~ user ") }
        #expect(!users.isEmpty)
        #expect(users.allSatisfy { $0.hasSuffix(" on account, contact") })
        #expect(users.filter { $0.contains("[ESCALATION] +6: 2 operations up on account, contact") }.count >= 5)
        // A disabled holder's grants change too, but nothing changes at run time.
        #expect(users.contains { $0.hasSuffix(": 2 dormant on account, contact") })
        #expect(summary.stdout.split(separator: "\n").count < full.stdout.split(separator: "\n").count)
        let bad = try BinaryRunner.run(["diff", a, b, "--impact", "some"])
        #expect(bad.status == 2)
    }

    @Test func thresholdsOnTheCommandLine() throws {
        let (a, _) = try files { _ in }
        let plain = try BinaryRunner.run(["check", a, "-e", "production", "--no-color"])
        let strict = try BinaryRunner.run(["check", a, "-e", "production", "--no-color", "--threshold", "max-system-administrators=0"])
        #expect(!plain.stdout.contains("AP4a"))
        #expect(strict.stdout.contains("warning AP4a  Contoso Production/role/System Administrator"))
        let bad = try BinaryRunner.run(["check", a, "--threshold", "clone-coverage=2"])
        #expect(bad.status == 2 && bad.stderr.contains("clone-coverage is a share between 0 and 1"))
        let diff = try BinaryRunner.run(["diff", a, a, "--threshold", "nope=1"])
        #expect(diff.status == 2 && diff.stderr.contains("unknown threshold 'nope'"))
    }
}
