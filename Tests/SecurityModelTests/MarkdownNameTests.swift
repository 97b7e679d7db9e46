import Foundation
import Testing

@testable import SecurityModel

/// Names in the Markdown outputs (diff, check, report): shown readably and inert. Found by a
/// review: an escape character showed as `\e`; control characters show as control pictures now.
/// A quote or backslash inside a quoted name keeps the text output's escape, which the page
/// shows: taken out, a name closed its own quotes (found by a hostile-input review).
extension HostileNameTests {
    static let hostileRole = "Sales \"Rep\" | `x` *b* <i>\u{1B}[31m"
    static let hostileTeam = "Team \"Q\" |\u{1B}"
    /// How a cell shows each: quotes as they are, Markdown punctuation escaped, ESC as `␛`.
    static let hostileRoleCell = "Sales \"Rep\" \\| \\`x\\` \\*b\\* &lt;i&gt;␛\\[31m"
    static let hostileTeamCell = "Team \"Q\" \\|␛"
    /// How a cell shows each inside quotes: the text output's `\"`, its backslash escaped.
    static let hostileRoleQuoted = "\"Sales \\\\\"Rep\\\\\" \\| \\`x\\` \\*b\\* &lt;i&gt;␛\\[31m\""
    static let hostileTeamQuoted = "\"Team \\\\\"Q\\\\\" \\|␛\""

    @Test func markdownShowsControlCharactersWithoutBackslashes() {
        #expect(markdownReadable("a\u{1B}[2J\tb\n") == "a␛[2J␉b␊")
        #expect(markdownReadable("x\u{202E}y\u{7F}\u{85}") == "x⟨U+202E⟩y␡⟨U+0085⟩")
        #expect(markdownReadable("a\u{A0}\u{A0}\u{A0}b") == "a⟨U+00A0⟩×3b")
        #expect(markdownReadable("Ventes\u{A0}: Nord") == "Ventes\u{A0}: Nord")
        #expect(cell("a\\b") == "a\\\\b", "a backslash of the name is the name's, escaped for Markdown")
        #expect(codeSpan("role/x\u{1B}") == "`role/x␛`")
    }

    @Test func markdownTextKeepsTheEscapesOfQuotedNamesVisible() {
        let via = "team \(quotedName(Self.hostileTeam)) -> role \(quotedName(Self.hostileRole))"
        #expect(markdownText(via) == "team \(Self.hostileTeamQuoted) -&gt; role \(Self.hostileRoleQuoted)")
        #expect(markdownText(quotedName("a\\b")) == "\"a\\\\\\\\b\"")
        #expect(rendered(markdownText(quotedName("a\\b"))) == "\"a\\\\b\"")
        #expect(rendered(markdownText(quotedName("Reader\" removed"))) == "\"Reader\\\" removed\"")
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
            #expect(md.contains(Self.hostileRoleCell) || md.contains(Self.hostileRoleQuoted), "\(what): \(md)")
            #expect(!md.contains("\u{1B}") && md.contains("␛"), "\(what): \(md)")
            // No text-style escape for a character (`\e`).
            #expect(!md.contains("\\e"), "\(what): \(md)")
        }
        // The grant's path names the team and the role, each in quotes, as the text output does.
        #expect(diff.contains("| team \(Self.hostileTeamQuoted) -&gt; role \(Self.hostileRoleQuoted) |"), "\(diff)")
        #expect(diff.contains("Because: "), "\(diff)")
        #expect(check.contains(Self.hostileRoleCell + " 2"), "\(check)")
    }
}

/// Markdown that quotes names, as a page shows it (found by a hostile-input review: a role named
/// `Reader" removed; role "Salesperson` read as a removed role and another in `diff`, `check`
/// and `report --format markdown`).
extension HostileNameTests {
    /// What a Markdown renderer shows of `md`: backslash escapes of ASCII punctuation and the
    /// entities `cell` writes replaced by their characters.
    func rendered(_ md: String) -> String {
        var out = ""
        var chars = Array(md)[...]
        while let c = chars.popFirst() {
            if c == "\\", let next = chars.first, next.isASCII, next.isPunctuation || next.isSymbol {
                out.append(next)
                chars = chars.dropFirst()
            } else {
                out.append(c)
            }
        }
        for (entity, text) in [("&lt;", "<"), ("&gt;", ">"), ("&#58;", ":"), ("&#46;", "."), ("&#64;", "@"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: text)
        }
        return out
    }

    @Test func aQuoteInsideANameCannotCloseItsQuotesInMarkdown() throws {
        let spoof = "Reader\" removed; role \"Salesperson"
        let id = "role-spoof"
        var target = F.environment()
        target.roles[id] = SecurityRole(
            id: id, name: spoof, businessUnitId: F.root,
            privileges: ["account": PrivilegeRow([.read: .businessUnit, .delete: .organization])])
        target.users[F.bob]?.roleIds.insert(id)
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions())
        let diff = rendered(DiffMarkdownRenderer().render(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: [])))
        let check = rendered(
            FindingMarkdownRenderer().render(
                SuppressionOutcome(findings: GoLiveChecks.run(target), suppressions: []), environments: [target]))
        let report = rendered(ReportMarkdownRenderer().render(try #require(UserAccessReport(environment: target, userId: F.bob))))
        let shown = #""Reader\" removed; role \"Salesperson""#
        #expect(diff.contains("Because: role \(shown) added; role \(shown) assigned"), "\(diff)")
        #expect(diff.contains("| role \(shown) |"), "\(diff)")
        #expect(check.contains("Role \(shown) lacks"), "\(check)")
        #expect(report.contains("| account | Read | Business Unit | direct role \(shown)"), "\(report)")
        for (what, page) in [("diff", diff), ("check", check), ("report", report)] {
            // The name's quote never ends it: no `role "Reader"`, no `"Salesperson"` but escaped.
            #expect(!page.contains(#"role "Reader" "#), "\(what): \(page)")
            #expect(!page.replacingOccurrences(of: #"\"Salesperson""#, with: "").contains(#""Salesperson""#), "\(what): \(page)")
        }
    }
}
