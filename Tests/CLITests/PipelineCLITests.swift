import Foundation
import SecurityModel
import Testing

/// What a CI gate needs, found by a review from a pipeline engineer's seat.
@Suite("CLI: pipeline gate options")
struct PipelineCLITests {
    /// The demo as the base, and a target with `edit` applied to its production environment.
    func pair(_ edit: (inout Environment) throws -> Void) throws -> (String, String) {
        try BinaryRunner.demoPair(editingProduction: edit)
    }

    /// Several roles raised: many objects, many users.
    func manyChanges() throws -> (String, String) {
        try pair { env in
            for role in env.roles.values where !role.isSystemAdministrator {
                env.roles[role.id]?.privileges["account", default: .empty][.read] = .organization
            }
        }
    }

    /// `--limit N` shows the first N objects and N users, says how many of how many, and changes
    /// neither the summary nor the exit code.
    @Test func limitShowsTheFirstObjectsAndUsersAndCountsEverything() throws {
        let (a, b) = try manyChanges()
        let all = try BinaryRunner.run(["diff", a, b, "-e", "prod", "--no-checks", "--format", "markdown"])
        let few = try BinaryRunner.run(["diff", a, b, "-e", "prod", "--no-checks", "--format", "markdown", "--limit", "3"])
        #expect(all.status == 3 && few.status == 3)
        let summary = { (s: String) in s.split(separator: "\n").first { $0.hasPrefix("**Summary:**") }.map(String.init) }
        #expect(summary(few.stdout) != nil && summary(few.stdout) == summary(all.stdout))
        let objects = try #require(
            try Regex(#"Shown \(--limit 3\): 3 of (\d+) changed objects, 3 of (\d+) users"#).firstMatch(in: few.stdout))
        #expect(Int(objects.output[1].substring ?? "") ?? 0 > 3 && Int(objects.output[2].substring ?? "") ?? 0 > 3)
        #expect(few.stdout.components(separatedBy: "\n#### ").count - 1 == 6, "3 objects and 3 users, each a heading")
        #expect(few.stdout.utf8.count < all.stdout.utf8.count / 2)
        let bad = try BinaryRunner.run(["diff", a, b, "--limit", "0"])
        #expect(bad.status == 2)
    }

    /// `--suppressions` on diff: an accepted finding is counted, not listed as new.
    @Test func diffSuppressionsSilenceAcceptedNewFindings() throws {
        let (a, b) = try pair { env in
            env.users["u-new"] = User(
                id: "u-new", name: "New Joiner", domainName: "new@contoso.com", businessUnitId: try #require(env.rootBusinessUnit?.id))
        }
        let plain = try BinaryRunner.run(["diff", a, b, "-e", "prod"])
        #expect(plain.stdout.contains("GL3"), "an enabled user with no role is a new finding: \(plain.stdout)")
        let dir = BinaryRunner.temporaryDirectory()
        let accepted = dir + "/accepted.json"
        let text = #"[{"rule": "GL3", "place": "user/new@contoso.com", "reason": "starts Monday, roles then"}]"#
        #expect(FileManager.default.createFile(atPath: accepted, contents: Data(text.utf8)))
        let quiet = try BinaryRunner.run(["diff", a, b, "-e", "prod", "--suppressions", accepted])
        #expect(quiet.status == plain.status)
        #expect(!quiet.stdout.contains("GL3 "), "\(quiet.stdout)")
        #expect(quiet.stdout.contains("1 more suppressed as accepted") || quiet.stdout.contains("(1 more suppressed as accepted)"))
        let json = try BinaryRunner.run(["diff", a, b, "-e", "prod", "--suppressions", accepted, "--format", "json"])
        #expect(json.stdout.contains(#""suppressed":1"#) || json.stdout.contains(#""suppressed": 1"#), "\(json.stdout.prefix(400))")
        let both = try BinaryRunner.run(["diff", a, b, "--no-checks", "--suppressions", accepted])
        #expect(both.status == 2)
    }

    /// `check --fail-on error` fails only on errors; `info` on anything; the listing is the same.
    @Test func checkFailOnChoosesTheSeverityThatFails() throws {
        let (a, _) = try pair { _ in }
        let dir = BinaryRunner.temporaryDirectory()
        func accepting(_ rules: [String]) -> String {
            let path = dir + "/accept-\(rules.count).json"
            let items = rules.map { #"{"rule": "\#($0)", "place": "*", "reason": "accepted for the test"}"# }
            #expect(FileManager.default.createFile(atPath: path, contents: Data(("[" + items.joined(separator: ",") + "]").utf8)))
            return path
        }
        // The demo's production has errors, warnings and info findings.
        let errors = accepting(["AP2", "GL1a", "GL7a"])
        let defaults = try BinaryRunner.run(["check", a, "-e", "prod", "--suppressions", errors])
        let errorsOnly = try BinaryRunner.run(["check", a, "-e", "prod", "--suppressions", errors, "--fail-on", "error"])
        #expect(defaults.status == 1, "warnings are left: \(defaults.stdout)")
        #expect(errorsOnly.status == 0)
        #expect(errorsOnly.stdout == defaults.stdout, "the listing is the same; only the exit code differs")
        let all = try BinaryRunner.run(["check", a, "-e", "prod", "--fail-on", "error"])
        #expect(all.status == 1, "errors fail with --fail-on error")
        // Only info findings left: they pass by default and fail with --fail-on info.
        let allButInfo = accepting(["AP2", "GL1a", "GL7a", "AP1", "AP4c", "AP4d", "AP5", "GL3", "GL4", "GL6a", "GL8a", "GL9"])
        let infoOnly = try BinaryRunner.run(["check", a, "-e", "prod", "--suppressions", allButInfo])
        let infoFails = try BinaryRunner.run(["check", a, "-e", "prod", "--suppressions", allButInfo, "--fail-on", "info"])
        #expect(infoOnly.status == 0 && infoFails.status == 1, "\(infoOnly.stdout)")
        let bad = try BinaryRunner.run(["check", a, "--fail-on", "fatal"])
        #expect(bad.status == 2)
        // One entry that silences everything is accepted, and said (it passed silently).
        let everything = accepting(["*"])
        let blanket = try BinaryRunner.run(["check", a, "-e", "prod", "--suppressions", everything])
        #expect(blanket.status == 0)
        #expect(blanket.stderr.contains("[0] suppresses every rule everywhere (accepted for the test): no finding can fail the gate"))
        let missing = try BinaryRunner.run(["check", a, "--suppressions", dir + "/nowhere.json"])
        #expect(missing.status == 2 && missing.stderr.contains("nowhere.json: no such suppression file"), "\(missing.stderr)")
    }

    /// `-` reads the snapshot from standard input, as other tools do.
    @Test func aDashReadsStandardInput() throws {
        let text = String(decoding: SnapshotWriter.data(for: DemoOrganisation.snapshot), as: UTF8.self)
        let r = try BinaryRunner.run(["validate", "-"], stdin: text)
        #expect(r.status == 0, "\(r.stderr)")
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let d = try BinaryRunner.run(["diff", file, "-"], stdin: text)
        #expect(d.status == 0, "\(d.stderr)")
    }

    /// An identical diff says so without the legend of symbols it does not use.
    @Test func anIdenticalDiffHasNoLegend() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let r = try BinaryRunner.run(["diff", file, file])
        #expect(r.status == 0 && !r.stdout.contains("Legend:") && r.stdout.contains("No differences"), "\(r.stdout)")
        let (a, b) = try pair { env in
            let cameron = try #require(env.users.values.first { $0.name == "Cameron White" })
            env.users[cameron.id]?.isDisabled = true
        }
        #expect(try BinaryRunner.run(["diff", a, b]).stdout.hasPrefix("Legend:"))
    }

    /// A suppression whose rule is not a string says so (it said "missing or empty").
    @Test func aSuppressionOfTheWrongTypeSaysWhatItMustBe() throws {
        let file = try BinaryRunner.demoFile(in: BinaryRunner.temporaryDirectory())
        let bad = BinaryRunner.temporaryDirectory() + "/bad.json"
        #expect(FileManager.default.createFile(atPath: bad, contents: Data(#"[{"rule": 3, "place": "*", "reason": "x"}]"#.utf8)))
        let r = try BinaryRunner.run(["check", file, "--suppressions", bad])
        #expect(r.status == 2 && r.stderr.contains("[0].rule") && r.stderr.contains("'rule' must be a string"), "\(r.stderr)")
    }

    /// Found by a new-user review: `--into -` made a file named "-"; standard input twice, or
    /// empty, was named "/dev/stdin".
    @Test func standardInputIsNamedAndGivenOnceAndNeverImportedInto() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        let twice = try BinaryRunner.run(["diff", "-", "-"], stdin: "")
        #expect(twice.status == 2 && twice.stderr.contains("standard input can be given only once"), "\(twice.stderr)")
        let empty = try BinaryRunner.run(["validate", "-"], stdin: "")
        #expect(empty.status == 2 && empty.stderr.contains("standard input: is empty"), "\(empty.stderr)")
        let into = try BinaryRunner.run(["import", "solution", dir, "--into", "-"])
        #expect(into.status == 2 && into.stderr.contains("--into names the snapshot file"), "\(into.stderr)")
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
        _ = file
    }

    /// A limit that cuts nothing shows the whole comparison without "Shown: 5 of 5".
    @Test func aLimitThatCutsNothingSaysNothing() throws {
        let (a, b) = try pair { env in
            let cameron = try #require(env.users.values.first { $0.name == "Cameron White" })
            env.users[cameron.id]?.isDisabled = true
        }
        let r = try BinaryRunner.run(["diff", a, b, "--limit", "100", "--no-checks"])
        #expect(r.status == 1 && !r.stdout.contains("Shown ("), "\(r.stdout)")
    }

    /// A value that is not one of the choices reads "unknown access level 'galactic' (none, …)".
    @Test func anUnknownLevelNamesTheValueThenTheChoices() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let file = try BinaryRunner.demoFile(in: dir)
        var text = try String(contentsOfFile: file, encoding: .utf8)
        let range = try #require(text.range(of: #""read": "local""#))
        text.replaceSubrange(range, with: #""read": "galactic""#)
        let bad = dir + "/bad.json"
        #expect(FileManager.default.createFile(atPath: bad, contents: Data(text.utf8)))
        let r = try BinaryRunner.run(["validate", bad])
        #expect(r.status == 2 && r.stderr.contains("unknown access level 'galactic' (none, basic, local, deep, global)"), "\(r.stderr)")
    }
}

extension PipelineCLITests {
    /// Found by a CLI review: `effective`, `who-can` and `show` printed through stdio's 4 KiB
    /// buffer, so a reader that stopped after the first line (`| head -n 1`) killed a 5–36 KB
    /// answer with SIGPIPE (exit 141) most runs, though the README says a short output is written
    /// whole and the command's own code stands. Each now leaves in one write.
    @Test func aShortOutputReadOnlyInPartKeepsTheCommandsOwnExitCode() throws {
        let dir = BinaryRunner.temporaryDirectory()
        let demo = try BinaryRunner.demoFile(in: dir)
        let commands = [
            "effective \"$F\" --user adele --all", "effective \"$F\" --user alex --explain",
            "who-can \"$F\" --table account", "show \"$F\" users",
        ]
        for command in commands {
            let full = try BinaryRunner.run(command.replacingOccurrences(of: "\"$F\"", with: demo).split(separator: " ").map(String.init))
            #expect(
                full.status == 0 && full.stdout.utf8.count > 4096 && full.stdout.utf8.count < 65536,
                "\(command): \(full.stdout.utf8.count) bytes")
            let script =
                "for i in 1 2 3 4 5 6 7 8; do \"$D\" \(command) 2>/dev/null | head -n 1 > /dev/null; printf '%s ' \"${PIPESTATUS[0]}\"; done"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", script]
            process.environment = ["D": BinaryRunner.binary, "F": demo, "PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let codes = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(codes == String(repeating: "0 ", count: 8), "\(command): exit codes \(codes)")
        }
    }
}
