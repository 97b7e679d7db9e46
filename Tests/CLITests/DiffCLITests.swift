import Foundation
import SecurityModel
import Testing

/// The real binary: diff, check and report, their formats and exit codes.
@Suite("CLI: diff, check, report", .serialized)
struct DiffCLITests {
    /// Writes the demo organisation and an edited copy; returns (demo, edited) paths.
    func files(_ edit: (inout Snapshot) throws -> Void) throws -> (String, String) {
        let dir = BinaryRunner.temporaryDirectory()
        let base = dir + "/base.json"
        let target = dir + "/target.json"
        var snapshot = DemoOrganisation.snapshot
        #expect(FileManager.default.createFile(atPath: base, contents: SnapshotWriter.data(for: snapshot)))
        try edit(&snapshot)
        #expect(FileManager.default.createFile(atPath: target, contents: SnapshotWriter.data(for: snapshot)))
        return (base, target)
    }

    func production(_ s: Snapshot) throws -> Environment { try #require(s.sortedEnvironments.first) }

    @Test func identicalSnapshotsExitZero() throws {
        let (a, _) = try files { _ in }
        let r = try BinaryRunner.run(["diff", a, a])
        #expect(r.status == 0)
        #expect(r.stdout.contains("No differences: the target matches the base."))
        #expect(!r.stdout.contains("\u{1B}["))
    }

    @Test func differencesWithoutEscalationExitOne() throws {
        let (a, b) = try files { s in
            let env = try production(s)
            let role = try #require(env.sortedRoles.first { $0.name == "Salesperson" })
            try s.apply(.renameRole(environment: env.id, role: role.id, name: "Account Executive"))
        }
        let r = try BinaryRunner.run(["diff", a, b, "--environment", "production"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("~ role \"Account Executive\" (renamed from \"Salesperson\")"))
        #expect(r.stdout.contains("Summary: 0 to add, 0 to remove, 1 to change (1 renamed only)"))
    }

    @Test func escalationExitsThreeAndNamesTheUsers() throws {
        let (a, b) = try files { s in
            let env = try production(s)
            let role = try #require(env.sortedRoles.first { $0.name == "Salesperson" })
            try s.apply(.setPrivilege(environment: env.id, role: role.id, table: "account", operation: .delete, level: .organization))
        }
        let text = try BinaryRunner.run(["diff", a, b, "--environment", "production", "--no-color"])
        #expect(text.status == 3)
        #expect(text.stdout.contains("~ role \"Salesperson\" [ESCALATION]"))
        #expect(text.stdout.contains("access rises most for "))
        let json = try BinaryRunner.run(["diff", a, b, "--environment", "production", "--format", "json"])
        #expect(json.status == 3)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(root["schema"] as? String == "dvsec-diff" && root["escalation"] as? Bool == true)
        let md = try BinaryRunner.run(["diff", a, b, "--environment", "production", "--format", "markdown"])
        #expect(md.status == 3 && md.stdout.hasPrefix("# Security change review"))
        // Each change's reach: the role's holders whose access changes, in all three formats.
        let holders = try #require(
            ((root["comparisons"] as? [[String: Any]])?.first?["entries"] as? [[String: Any]])?.first?["usersReached"] as? Int)
        #expect(holders > 0)
        #expect(text.stdout.contains("~ role \"Salesperson\" [ESCALATION]  (reaches \(holders) users whose access changes)"))
        #expect(md.stdout.contains("| Risk | Kind | Object | Action | Lines | Users moved | Users reached |"))
        #expect(md.stdout.contains("| role | Salesperson | modified | 1 | \(holders) | \(holders) |"))
    }

    /// `--risk`, `--user`, `--table` narrow the view; the exit code and summary stay the whole
    /// comparison's; a user or table that is not there is an error, not an empty view.
    @Test func filtersNarrowTheViewNotTheExitCode() throws {
        let (a, b) = try files { s in
            let env = try production(s)
            let role = try #require(env.sortedRoles.first { $0.name == "Salesperson" })
            try s.apply(.setPrivilege(environment: env.id, role: role.id, table: "account", operation: .delete, level: .organization))
            let user = try #require(env.sortedUsers.first { !$0.isDisabled && !$0.roleIds.isEmpty && $0.isLicensed })
            try s.apply(.setUserDisabled(environment: env.id, user: user.id, disabled: true))
        }
        let all = try BinaryRunner.run(["diff", a, b, "-e", "production", "--no-checks"])
        let up = try BinaryRunner.run(["diff", a, b, "-e", "production", "--no-checks", "--risk", "escalation"])
        #expect(all.status == 3 && up.status == 3)
        #expect(up.stdout.contains("Shown (--risk escalation): 1 of 2 changed objects"))
        // The legend names both classes; the lines after it are what the filter let through.
        func tagged(_ text: String, _ tag: String) -> Bool { text.split(separator: "\n").dropFirst().contains { $0.contains(tag) } }
        #expect(tagged(all.stdout, "[reduction]") && !tagged(up.stdout, "[reduction]"))
        #expect(up.stdout.split(separator: "\n").last == all.stdout.split(separator: "\n").last)
        let down = try BinaryRunner.run(["diff", a, b, "-e", "production", "--no-checks", "--risk", "reduction", "--table", "account"])
        #expect(down.status == 3, "the whole comparison escalates")
        #expect(tagged(down.stdout, "[reduction]") && !tagged(down.stdout, "[ESCALATION]"))
        let typo = try BinaryRunner.run(["diff", a, b, "--table", "acount"])
        #expect(typo.status == 2 && typo.stderr.contains("--table 'acount': no table has that logical name"))
        let nobody = try BinaryRunner.run(["diff", a, b, "--user", "nobody@nowhere"])
        #expect(nobody.status == 2 && nobody.stderr.contains("--user 'nobody@nowhere'"))
    }

    /// `report --user A --compare B`: exit 1 when their access differs, 0 when it is the same.
    @Test func compareTwoUsers() throws {
        let (a, _) = try files { _ in }
        let differ = try BinaryRunner.run(["report", a, "--user", "Alex Wilber", "--compare", "Megan Bowen", "-e", "production"])
        #expect(differ.status == 1, "\(differ.stderr)")
        #expect(differ.stdout.hasPrefix("Access compared: Alex Wilber <alex@contoso.com>  vs  Megan Bowen <megan@contoso.com>"))
        #expect(differ.stdout.contains("  > System Customizer — direct"))
        let same = try BinaryRunner.run(["report", a, "--user", "Alex Wilber", "--compare", "Alex Wilber"])
        #expect(same.status == 2 && same.stderr.contains("both name Alex Wilber"))
        // An empty name would match the first user without a domain name: it is an error.
        let empty = try BinaryRunner.run(["report", a, "--user", "Alex Wilber", "--compare", ""])
        #expect(empty.status == 2 && empty.stderr.contains("not an empty string"))
        let emptyFilter = try BinaryRunner.run(["diff", a, a, "--user", " "])
        #expect(emptyFilter.status == 2 && emptyFilter.stderr.contains("--user needs a user"))
        let alone = try BinaryRunner.run(["report", a, "--compare", "Alex Wilber"])
        #expect(alone.status == 2 && alone.stderr.contains("--compare needs --user or --role"))
        let md = try BinaryRunner.run(["report", a, "--user", "Alex Wilber", "--compare", "Megan Bowen", "--format", "markdown"])
        #expect(md.status == 1 && md.stdout.hasPrefix("# Access compared: Alex Wilber and Megan Bowen"))
        let roles = try BinaryRunner.run(["report", a, "--role", "Sales Manager", "--compare", "Salesperson"])
        #expect(roles.status == 1 && roles.stdout.hasPrefix("Roles compared: Sales Manager  vs  Salesperson"))
        let csv = try BinaryRunner.run(["report", a, "--role", "Salesperson", "--compare", "Salesperson", "--format", "csv"])
        #expect(csv.status == 2)
    }

    /// Exit 0 only when nothing differs: the same levels from another business unit (Local reaches
    /// other records) or another way of holding the roles is a difference (both exited 0).
    @Test func compareExitsZeroOnlyWhenNothingDiffers() throws {
        let (_, b) = try files { s in
            var env = try production(s)
            let allan = try #require(env.users.values.first { $0.name == "Allan Deyoung" })
            var twin = User(
                id: "00000000-0000-4000-8000-00000000a11a", name: "Allan Twin", domainName: "twin@contoso.com",
                businessUnitId: allan.businessUnitId, roleIds: allan.roleIds)
            twin.accessMode = allan.accessMode
            env.users[twin.id] = twin
            for (id, team) in env.teams where team.memberIds.contains(allan.id) { env.teams[id]?.memberIds.insert(twin.id) }
            s.environments[env.id] = env
        }
        let twin = try BinaryRunner.run(["report", b, "--user", "Allan Deyoung", "--compare", "Allan Twin", "-e", "production"])
        #expect(twin.status == 0, "\(twin.stdout)")
        let units = try BinaryRunner.run(["report", b, "--user", "Johanna", "--compare", "Allan Deyoung", "-e", "production"])
        #expect(units.status == 1 && units.stdout.contains("Their business units differ"), "\(units.stdout)")
        let held = try BinaryRunner.run(["report", b, "--user", "Alex Wilber", "--compare", "Allan Deyoung", "-e", "production"])
        #expect(held.status == 1 && held.stdout.contains("< Salesperson — team Key Accounts EU (Owner)"), "\(held.stdout)")
    }

    @Test func colourIsNeverWrittenToAPipe() throws {
        let (a, b) = try files { s in
            let env = try production(s)
            try s.apply(.setUserDisabled(environment: env.id, user: try #require(env.sortedUsers.first?.id), disabled: true))
        }
        let r = try BinaryRunner.run(["diff", a, b], environment: ["NO_COLOR": ""])
        #expect(!r.stdout.contains("\u{1B}["))
        #expect(r.status == 1 || r.status == 3)
    }

    @Test func twoEnvironmentsOfOneFile() throws {
        let (a, _) = try files { _ in }
        let r = try BinaryRunner.run(["diff", a, "--base-environment", "prod", "--environment", "sandbox", "--no-checks"])
        #expect(r.status == 3)
        #expect(r.stdout.contains("Base: Contoso Production (Production)  ->  Target: Contoso Sandbox (Sandbox)"))
    }

    @Test func errorsExitTwo() throws {
        let (a, _) = try files { _ in }
        #expect(try BinaryRunner.run(["diff", a, "/nonexistent/b.json"]).status == 2)
        let one = try BinaryRunner.run(["diff", a])
        #expect(one.status == 2 && one.stderr.contains("--base-environment and --environment"))
        #expect(try BinaryRunner.run(["diff", a, a, "--environment", "nowhere"]).status == 2)
        // Two snapshots and --base-environment alone: the target side is not left to a default.
        let half = try BinaryRunner.run(["diff", a, a, "--base-environment", "sandbox"])
        #expect(half.status == 2 && half.stderr.contains("--base-environment needs --environment too"))
        #expect(try BinaryRunner.run(["check", "/nonexistent.json"]).status == 2)
        // Options that would be ignored are refused; a --format json command answers in JSON.
        let sarifOnly = try BinaryRunner.run(["check", a, "--sarif-path", "org.json"])
        #expect(sarifOnly.status == 2 && sarifOnly.stderr.contains("go with --format sarif"))
        for (arguments, message) in [
            (["diff", a, a, "--no-checks", "--threshold", "max-system-administrators=1"], "--no-checks runs none"),
            (["diff", a, a, "--impact", "summary", "--format", "json"], "JSON always has the whole impact"),
            (["who-can", a, "--table", "account", "--permission", "update"], "--permission goes with --column"),
            (["who-can", a, "--table", "account", "--column", "creditlimit", "--op", "delete"], "with --column, give --permission"),
        ] {
            let refused = try BinaryRunner.run(arguments)
            #expect(refused.status == 2 && refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }
        let missing = try BinaryRunner.run(["validate", "/nonexistent.json", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(missing.stdout.utf8)) as? [String: Any]
        #expect(missing.status == 2 && json?["valid"] as? Bool == false)
        #expect(try BinaryRunner.run(["report", a]).status == 2)
        #expect(try BinaryRunner.run(["report", a, "--user", "nobody-at-all"]).status == 2)
    }

    /// An environment or tenant name is data: its escape sequences and line breaks are shown
    /// escaped in every text output, so a snapshot cannot forge "No differences" in a CI log.
    @Test func environmentAndTenantNamesCannotForgeTheLog() throws {
        let forged = "Prod\u{1B}]0;pwned\u{7}\n\nNo differences: the target matches the base.\n"
        let (a, b) = try files { s in
            s.tenant = "Contoso\u{1B}[31m\nFAKE"
            let env = try production(s)
            s.environments[env.id]?.settings.name = forged
            let role = try #require(env.sortedRoles.first { $0.name == "Salesperson" })
            try s.apply(.setPrivilege(environment: env.id, role: role.id, table: "account", operation: .delete, level: .organization))
        }
        let diff = try BinaryRunner.run(["diff", a, b, "--environment", "production", "--impact", "none"])
        #expect(diff.status == 3)
        #expect(diff.stdout.contains("Target: Prod\\e]0;pwned^G\\n\\nNo differences: the target matches the base.\\n (Production)"))
        let check = try BinaryRunner.run(["check", b, "--environment", "production"])
        let validate = try BinaryRunner.run(["validate", b])
        #expect(validate.stdout.contains("valid snapshot of Contoso\\e[31m\\nFAKE"))
        for r in [diff, check, validate] {
            #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{7}"))
            #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("No differences") || $0 == "FAKE" })
        }
    }

    /// An environment only the target has brings its enabled users everything they hold there:
    /// an escalation (exit 3); one only the base has is a reduction.
    @Test func anEnvironmentOnOneSideOnlyIsAnEscalationOrAReduction() throws {
        let (full, productionOnly) = try files { s in
            let env = try production(s)
            s.environments = [env.id: env]
        }
        let added = try BinaryRunner.run(["diff", productionOnly, full, "--no-checks"])
        #expect(added.status == 3, "\(added.stdout)")
        #expect(added.stdout.contains("+ environment \"Contoso Sandbox\" added [ESCALATION]"))
        #expect(added.stdout.contains("! environment with enabled users added   (40 users (38 enabled), 15 roles, 13 teams)"))
        // The last line is the whole story, not the matched comparison's "no changes".
        #expect(
            added.stdout.hasSuffix(
                "Total: 1 environment comparison, 2 environments on one side only (2 escalations); escalations present\n"))
        // Narrowed to one user, the closing line still says what the exit code rests on.
        let narrowed = try BinaryRunner.run(["diff", productionOnly, full, "--no-checks", "--user", "megan@contoso.com"])
        #expect(narrowed.status == 3)
        #expect(
            narrowed.stdout.hasSuffix(
                "Total: 1 environment comparison, 2 environments on one side only (2 escalations; 2 not shown in this view); escalations present\n"
            ))
        let json = try BinaryRunner.run(["diff", productionOnly, full, "--no-checks", "--user", "megan@contoso.com", "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let notShown = try #require(root["unmatchedEnvironmentsNotShown"] as? [String: Any])
        #expect(notShown["count"] as? Int == 2 && (notShown["byRisk"] as? [String: Int])?["escalation"] == 2)
        // A --risk view shows some and hides others: only the hidden ones are counted as such.
        // Base: production and Dev; target: production, Sandbox and a trial copy of it (two left
        // on one side, so nothing is paired as "the last one left").
        let demo = DemoOrganisation.snapshot
        let dev = try #require(demo.environments.values.first { $0.type == .developer })
        let sandbox = try #require(demo.environments.values.first { $0.type == .sandbox })
        var trial = sandbox
        trial.id = "trial-copy"
        trial.settings.name = "Contoso Trial"
        trial.settings.type = .trial
        let prod = try production(demo)
        let dir = BinaryRunner.temporaryDirectory()
        let withDev = dir + "/with-dev.json"
        let withSandbox = dir + "/with-sandbox.json"
        #expect(
            FileManager.default.createFile(
                atPath: withDev, contents: SnapshotWriter.data(for: Snapshot(tenant: demo.tenant, environments: [prod, dev]))))
        #expect(
            FileManager.default.createFile(
                atPath: withSandbox,
                contents: SnapshotWriter.data(for: Snapshot(tenant: demo.tenant, environments: [prod, sandbox, trial]))))
        let mixed = try BinaryRunner.run(["diff", withDev, withSandbox, "--no-checks", "--risk", "escalation", "--format", "json"])
        let mixedRoot = try #require(try JSONSerialization.jsonObject(with: Data(mixed.stdout.utf8)) as? [String: Any])
        #expect((mixedRoot["unmatchedEnvironments"] as? [[String: Any]])?.count == 2)
        let notShownMixed = try #require(mixedRoot["unmatchedEnvironmentsNotShown"] as? [String: Any])
        #expect(notShownMixed["count"] as? Int == 1)
        #expect(notShownMixed["byRisk"] as? [String: Int] == ["escalation": 0, "reduction": 1, "neutral": 0])
        let markdown = try BinaryRunner.run(["diff", productionOnly, full, "--no-checks", "--risk", "reduction", "--format", "markdown"])
        #expect(markdown.stdout.contains("- + Contoso Sandbox (added) **escalation**: 40 users (38 enabled), 15 roles, 13 teams"))
        let removed = try BinaryRunner.run(["diff", full, productionOnly, "--no-checks"])
        #expect(removed.status == 1, "\(removed.stdout)")
        #expect(removed.stdout.contains("- environment \"Contoso Sandbox\" removed [reduction]"))
        #expect(removed.stdout.hasSuffix("Total: 1 environment comparison, 2 environments on one side only (2 reductions)\n"))
    }

    /// A name prefix that fits several environments is an error naming them, never the first.
    @Test func anAmbiguousEnvironmentIsAnError() throws {
        let (a, _) = try files { _ in }
        let r = try BinaryRunner.run(["check", a, "--environment", "Contoso"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("'Contoso' matches 3 environments: 'Contoso Production' (Production"), "\(r.stderr)")
        #expect(try BinaryRunner.run(["check", a, "--environment", "Contoso S"]).status == 1)
    }

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
        let users = summary.stdout.split(separator: "\n").filter { $0.hasPrefix("~ user ") && !$0.hasPrefix("~ user \"") }
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
