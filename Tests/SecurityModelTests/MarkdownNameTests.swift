import Testing

@testable import SecurityModel

/// Names in the Markdown outputs (diff, check, report): shown readably and inert, never with the
/// text output's backslash escapes. Found by a review: a quoted name leaked `\"` into review
/// documents, and an escape character showed as `\e`.
extension HostileNameTests {
    static let hostileRole = "Sales \"Rep\" | `x` *b* <i>\u{1B}[31m"
    static let hostileTeam = "Team \"Q\" |\u{1B}"
    /// How a cell shows each: quotes as they are, Markdown punctuation escaped, ESC as `␛`.
    static let hostileRoleCell = "Sales \"Rep\" \\| \\`x\\` \\*b\\* &lt;i&gt;␛\\[31m"
    static let hostileTeamCell = "Team \"Q\" \\|␛"

    @Test func markdownShowsControlCharactersWithoutBackslashes() {
        #expect(markdownReadable("a\u{1B}[2J\tb\n") == "a␛[2J␉b␊")
        #expect(markdownReadable("x\u{202E}y\u{7F}\u{85}") == "x⟨U+202E⟩y␡⟨U+0085⟩")
        #expect(markdownReadable("a\u{A0}\u{A0}\u{A0}b") == "a⟨U+00A0⟩×3b")
        #expect(markdownReadable("Ventes\u{A0}: Nord") == "Ventes\u{A0}: Nord")
        #expect(cell("a\\b") == "a\\\\b", "a backslash of the name is the name's, escaped for Markdown")
        #expect(codeSpan("role/x\u{1B}") == "`role/x␛`")
    }

    @Test func markdownTextDropsTheTextEscapesOfQuotedNames() {
        let via = "team \(quotedName(Self.hostileTeam)) -> role \(quotedName(Self.hostileRole))"
        #expect(markdownText(via) == "team \"\(Self.hostileTeamCell)\" -&gt; role \"\(Self.hostileRoleCell)\"")
        #expect(markdownText(quotedName("a\\b")) == "\"a\\\\b\"")
        // A quote that nothing closes is the text's own: left as it is.
        #expect(markdownText("team Team \"Q's records") == "team Team \"Q's records")
        #expect(markdownText("no names") == "no names")
    }

    @Test func diffCheckAndReportMarkdownShowHostileNamesReadably() throws {
        let role = "role-hostile"
        let team = "team-hostile"
        var target = F.environment()
        target.roles[role] = SecurityRole(
            id: role, name: Self.hostileRole, businessUnitId: F.root, privileges: ["account": PrivilegeRow([.delete: .organization])])
        target.teams[team] = Team(id: team, name: Self.hostileTeam, businessUnitId: F.root, memberIds: [F.bob], roleIds: [role])
        // Held by nobody: GL7b names it in its message.
        target.roles["role-unused"] = SecurityRole(id: "role-unused", name: Self.hostileRole + " 2", businessUnitId: F.root)
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions())
        let diff = DiffMarkdownRenderer().render(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: []))
        let check = FindingMarkdownRenderer().render(
            SuppressionOutcome(findings: GoLiveChecks.run(target), suppressions: []), environments: [target])
        let report = ReportMarkdownRenderer().render(try #require(UserAccessReport(environment: target, userId: F.bob)))
        let roleReport = ReportMarkdownRenderer().render(try #require(RoleReport(environment: target, roleId: role)))
        for (what, md) in [("diff", diff), ("check", check), ("report", report), ("role report", roleReport)] {
            #expect(md.contains(Self.hostileRoleCell), "\(what): \(md)")
            #expect(!md.contains("\u{1B}") && md.contains("␛"), "\(what): \(md)")
            // No text-style escape: `\"`, `\\`, `\e`.
            #expect(!md.contains("\\\"") && !md.contains("\\\\") && !md.contains("\\e"), "\(what): \(md)")
        }
        // The grant's path names the team and the role, each in quotes, as the text output does.
        #expect(diff.contains("| team \"\(Self.hostileTeamCell)\" -&gt; role \"\(Self.hostileRoleCell)\" |"), "\(diff)")
        #expect(diff.contains("Because: "), "\(diff)")
        #expect(check.contains(Self.hostileRoleCell + " 2"), "\(check)")
    }
}
