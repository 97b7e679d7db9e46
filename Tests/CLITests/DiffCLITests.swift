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
        #expect(r.stdout.contains("Base: \"Contoso Production\" (Production)  ->  Target: \"Contoso Sandbox\" (Sandbox)"))
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
            // Also the default's name: it was taken and ignored (a CLI review).
            (["diff", a, a, "--impact", "full", "--format", "json"], "JSON always has the whole impact"),
            (["who-can", a, "--table", "account", "--permission", "update"], "--permission goes with --column"),
            (["who-can", a, "--table", "account", "--column", "creditlimit", "--op", "delete"], "with --column, give --permission"),
        ] {
            let refused = try BinaryRunner.run(arguments)
            #expect(refused.status == 2 && refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }
        let missing = try BinaryRunner.run(["validate", "/nonexistent.json", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(missing.stdout.utf8)) as? [String: Any]
        #expect(missing.status == 2 && json?["valid"] as? Bool == false)
        // Only the document: the problem is in it, without the file name it already gives.
        let problem = (json?["problems"] as? [[String: Any]])?.first?["message"] as? String
        #expect(problem == "no such file" && missing.stderr.isEmpty, "\(missing.stderr)")
        #expect(try BinaryRunner.run(["report", a]).status == 2)
        #expect(try BinaryRunner.run(["report", a, "--user", "nobody-at-all"]).status == 2)
    }

    /// An environment or tenant name is data: its escape sequences and line breaks are shown
    /// escaped in every text output, so a snapshot cannot forge "No differences" in a CI log.
    @Test func environmentAndTenantNamesCannotForgeTheLog() throws {
        // (A name may not end in a line break, which is white space: it ends in the forged summary.)
        let forged = "Prod\u{1B}]0;pwned\u{7}\n\nNo differences: the target matches the base.\n\nSummary: no changes."
        let (a, b) = try files { s in
            s.tenant = "Contoso\u{1B}[31m\nFAKE"
            let env = try production(s)
            s.environments[env.id]?.settings.name = forged
            let role = try #require(env.sortedRoles.first { $0.name == "Salesperson" })
            try s.apply(.setPrivilege(environment: env.id, role: role.id, table: "account", operation: .delete, level: .organization))
        }
        let diff = try BinaryRunner.run(["diff", a, b, "--environment", "production", "--impact", "none"])
        #expect(diff.status == 3)
        #expect(
            diff.stdout.contains(
                "Target: \"Prod\\e]0;pwned^G\\n\\nNo differences: the target matches the base.\\n\\nSummary: no changes.\" (Production)"))
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
        #expect(markdown.stdout.contains("- `+` Contoso Sandbox (added) **escalation**: 40 users (38 enabled), 15 roles, 13 teams"))
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
}
