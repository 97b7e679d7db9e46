import Foundation
import SecurityModel
import Testing

/// What `effective`, `who-can` and `report` say of a rule where it applies, through the binary
/// (found by a docs review).
extension AccessReviewCLITests {
    /// The demo's Work Order Dispatcher is "Team privileges only" at Local and Global, held by
    /// Joni through Field Dispatch: `effective` says once that she gets no Basic level of her own
    /// from it (EffectiveAccessRules rule 4 says dvsec says so; only a Basic grant had said it).
    @Test func aTeamOnlyRoleAboveBasicIsSaidOnce() throws {
        let file = try demo { _ in }
        let r = try BinaryRunner.run(["effective", file, "--user", "Joni", "--explain"])
        #expect(r.status == 0, "\(r.stderr)")
        let note =
            "note: role \"Work Order Dispatcher\" is team-privileges-only: through team \"Field Dispatch\" it acts as the team"
            + " (a Basic level covers only the team's records), and the member gets no Basic level of their own from it\n"
        #expect(r.stdout.components(separatedBy: note).count == 2, "\(r.stdout)")
        // Without --explain too: the levels above follow it.
        let plain = try BinaryRunner.run(["effective", file, "--user", "Joni"])
        #expect(plain.stdout.contains(note), "\(plain.stdout)")
    }

    /// A member keeping a disabled unit's team roles is dvsec's own inferred rule
    /// (EffectiveAccessRules rule 10 [I]): `effective --explain`, `who-can` and `report` say so
    /// with the grant. Sales EU disabled; Christie Cline (Sales NA) added to Key Accounts EU.
    @Test func aTeamOfADisabledUnitIsLabelledWhereItsGrantIsShown() throws {
        let file = try christieInATeamOfADisabledUnit()
        let words = Self.disabledUnitWords
        let effective = try BinaryRunner.run(["effective", file, "--user", "Christie", "--table", "account", "--explain"])
        #expect(effective.status == 0, "\(effective.stderr)")
        #expect(
            effective.stdout.contains("team \"Key Accounts EU\" (Owner, BU \"Sales EU\") → role \"Salesperson\" \(words)"),
            "\(effective.stdout)")
        let who = try BinaryRunner.run(["who-can", file, "--table", "account", "--op", "read"])
        let lines = who.stdout.components(separatedBy: "\n")
        let at = try #require(lines.firstIndex { $0.hasPrefix("  Christie Cline") }, "\(who.stdout)")
        #expect(lines[at + 1].contains(words), "\(who.stdout)")
        let report = try BinaryRunner.run(["report", file, "--user", "Christie"])
        #expect(report.stdout.contains("Salesperson — team Key Accounts EU (Owner) \(words)"), "\(report.stdout)")
    }
}

extension AccessReviewCLITests {
    /// The diff names the same rule on its access lines: a member gaining a disabled unit's team
    /// role gains it [I] (the path's `note` in JSON, the end of its description in text).
    @Test func theDiffLabelsAPathThroughATeamOfADisabledUnit() throws {
        func disabled(_ env: inout Environment) throws {
            let unit = try #require(env.businessUnits.values.first { $0.name == "Sales EU" })
            env.businessUnits[unit.id]?.isDisabled = true
        }
        let dir = BinaryRunner.temporaryDirectory()
        let base = BinaryRunner.write(try BinaryRunner.editedDemo(disabled), to: dir + "/base.json")
        let target = BinaryRunner.write(
            try BinaryRunner.editedDemo { env in
                try disabled(&env)
                let christie = try user(env, "Christie Cline")
                let team = try #require(env.teams.values.first { $0.name == "Key Accounts EU" })
                env.teams[team.id]?.memberIds.insert(christie.id)
            }, to: dir + "/target.json")
        let words = "team's BU \"Sales EU\" is disabled: members who sign in keep what it holds [I]"
        let text = try BinaryRunner.run(["diff", base, target, "-e", "prod", "--no-checks", "--user", "Christie"])
        #expect(text.status == 3, "\(text.stderr)")
        #expect(text.stdout.contains("team \"Key Accounts EU\" -> role \"Salesperson\" [\(words)]"), "\(text.stdout)")
        let json = try BinaryRunner.run(["diff", base, target, "-e", "prod", "--no-checks", "--user", "Christie", "--format", "json"])
        #expect(json.stdout.contains("\"note\": \"team's BU \\\"Sales EU\\\" is disabled"), "\(json.stdout.prefix(3000))")
    }
}

extension AccessReviewCLITests {
    /// A field security profile held through a team of a disabled unit: the same inferred rule,
    /// said where the profile is named (effective --explain, report).
    @Test func aProfileThroughATeamOfADisabledUnitIsLabelled() throws {
        let file = try christieInATeamOfADisabledUnit()
        let words = Self.disabledUnitWords
        let effective = try BinaryRunner.run(["effective", file, "--user", "Christie", "--table", "account", "--explain"])
        let line = try #require(effective.stdout.split(separator: "\n").first { $0.contains("account.creditlimit:") })
        #expect(line.contains("profile Sales Credit Profile through team Key Accounts EU \(words)"), "\(line)")
        let report = try BinaryRunner.run(["report", file, "--user", "Christie"])
        #expect(report.stdout.contains("profile Sales Credit Profile (team Key Accounts EU) \(words)"), "\(report.stdout)")
    }
}

extension AccessReviewCLITests {
    /// The demo with Sales EU disabled and Christie Cline (Sales NA) added to Key Accounts EU, a
    /// team of Sales EU holding Salesperson and the Sales Credit Profile.
    func christieInATeamOfADisabledUnit() throws -> String {
        try demo { env in
            let christie = try user(env, "Christie Cline")
            let team = try #require(env.teams.values.first { $0.name == "Key Accounts EU" })
            let unit = try #require(env.businessUnits.values.first { $0.name == "Sales EU" })
            env.businessUnits[unit.id]?.isDisabled = true
            env.teams[team.id]?.memberIds.insert(christie.id)
        }
    }

    static let disabledUnitWords = "[team's BU \"Sales EU\" is disabled: members who sign in keep what it holds [I]]"
}
