import Testing

@testable import SecurityModel

/// Names that try to pass for the words around them in the text output (found by a review of
/// hostile names): a quote that ends the name early, spaces that push the real end of a line out
/// of sight.
@Suite struct HostileNameTests {
    typealias F = DiffFixtures

    static let nbsp = "\u{A0}"
    /// The review's name: a quote, words that read as the line's ending, then 120 no-break spaces.
    static let spoof = "Reader\" removed [reduction]" + String(repeating: nbsp, count: 120)

    @Test func aQuotedNameEscapesItsQuotesAndBackslashes() {
        #expect(quotedName("Salesperson") == "\"Salesperson\"")
        #expect(quotedName("Reader\" removed") == "\"Reader\\\" removed\"")
        #expect(quotedName("a\\b") == "\"a\\\\b\"")
        // A backslash of the name is not an escape printable made: `\\e` against `\e`.
        #expect(readable(quotedName("a\\e\u{1B}")) == "\"a\\\\e\\e\"")
        // Shown, the name's own ends are ends: a no-break space there is not taken for a space.
        #expect(readableQuotedName("Sales\u{A0}") == "\"Sales\\u{A0}\"")
        #expect(readableQuotedName("Ventes\u{A0}: \"Nord\"") == "\"Ventes\u{A0}: \\\"Nord\\\"\"")
    }

    /// One space of any kind between two characters is a name's own (French puts a no-break space
    /// before a colon); runs, and spaces at the ends, are shown by their codes.
    @Test func spacesThatLookLikeNothingAreShown() {
        #expect(readable("Ventes\(Self.nbsp): Nord") == "Ventes\(Self.nbsp): Nord")
        #expect(readable("山田\u{3000}太郎") == "山田\u{3000}太郎")
        #expect(readable("Sales  person") == "Sales  person")
        #expect(readable("a   b") == "a   b")
        #expect(readable("a    b") == "a\\u{20}×4b")
        #expect(readable("a\(Self.nbsp)\(Self.nbsp)b") == "a\\u{A0}×2b")
        #expect(readable("a \(Self.nbsp)b") == "a \\u{A0}b")
        #expect(readable("\(Self.nbsp)a") == "\\u{A0}a")
        #expect(readable("a\u{2009}") == "a\\u{2009}")
        #expect(readable("a" + String(repeating: Self.nbsp, count: 120) + "b") == "a\\u{A0}×120b")
        #expect(readable("a \u{2003}\u{2003} b") == "a\\u{20}\\u{2003}×2\\u{20}b")
        // What printable escapes still is.
        #expect(readable("x\u{202E}y\u{1B}") == "x\\u{202E}y\\e")
    }

    /// The review's spoof: `+ role "Reader" removed [reduction]   …" added` pushed the real
    /// ending out of sight, and the same name stood unquoted after `because:` and `via`.
    @Test func aNameCannotFakeTheEndOfADiffLine() throws {
        var target = F.environment()
        let id = "role-spoof"
        target.roles[id] = SecurityRole(
            id: id, name: Self.spoof, businessUnitId: F.root, templateId: SecurityRole.systemAdministratorTemplateId)
        target.users[F.bob]?.roleIds.insert(id)
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        let text = DiffTextRenderer().render(r)
        let lines = text.split(separator: "\n").map(String.init)
        let shown = "\"Reader\\\" removed [reduction]\\u{A0}×120\""
        #expect(!text.contains(Self.nbsp), "\(text)")
        #expect(lines.contains { $0.hasPrefix("+ role \(shown) added [ESCALATION]") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("    + role \(shown)") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("    + name: \(shown)") }, "\(text)")
        #expect(lines.contains("    because: role \(shown) added; role \(shown) assigned"), "\(text)")
        #expect(lines.contains { $0.contains("  via role \(shown)") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("~ user \"Bob Kelly\" <bob@fabrikam.com> [ESCALATION]") }, "\(text)")
        // JSON carries the name as it is, and the causes as the text shows them (quoted).
        let json = String(decoding: DiffJSON.data(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: [])), as: UTF8.self)
        #expect(json.contains("\"causes\": [\"role \\\"Reader\\\\\\\" removed [reduction]"), "\(json.prefix(3000))")
    }

    /// A business unit's path is quoted on a line as a name is: a unit named `Sales "NA" -> X`
    /// made `~ business unit: Fabrikam / Service -> Fabrikam / Sales "NA" -> X`, which reads as
    /// two moves (a regression review).
    @Test func aBusinessUnitPathIsQuotedOnItsLine() throws {
        var base = F.environment()
        base.businessUnits[F.sales]?.name = "Sales \"NA\" -> X"
        var target = base
        target.users[F.bob]?.businessUnitId = F.sales
        target.roles["role-new"] = SecurityRole(id: "role-new", name: "New", businessUnitId: F.sales)
        let text = DiffTextRenderer().render(SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false)))
        let lines = text.split(separator: "\n").map(String.init)
        let from = base.businessUnitPath(base.users[F.bob]?.businessUnitId ?? "")
        let to = #""Fabrikam / Sales \"NA\" -> X""#
        #expect(lines.contains { $0.hasPrefix("    ~ business unit: \(quotedName(from)) -> \(to)") }, "\(text)")
        #expect(lines.contains("    + business unit: \"Fabrikam / Sales \\\"NA\\\" -> X\""), "\(text)")
    }

    /// GitHub makes links of `https://…` and `www.…` and emoji of `:name:` in plain text, so a
    /// change review posted on a pull request showed a role named `Approved by security
    /// https://evil.example/approve` as a live link. Cells write a colon that something follows and
    /// the dot after `www` as entities: the same characters on the page, and neither a link nor
    /// an emoji.
    @Test func markdownCellsMakeNoLinksOrEmoji() {
        #expect(cell("https://evil.example/approve") == "https&#58;//evil.example/approve")
        #expect(cell("see www.evil.example") == "see www&#46;evil.example")
        #expect(cell("WWW.Evil.example") == "WWW&#46;Evil.example")
        #expect(cell("done :white_check_mark: :rocket:") == "done &#58;white_check_mark: &#58;rocket:")
        #expect(cell("mailto:x@evil.example") == "mailto&#58;x&#64;evil.example")
        #expect(cell("contact.contoso_ssn") == "contact.contoso_ssn")
        // A colon before a space or at the end starts nothing, and reads as it is (the raw
        // review showed "objects&#58; 3" and "Parent&#58; Child Business Units").
        #expect(cell("objects: 3 escalation; Parent: Child Business Units") == "objects: 3 escalation; Parent: Child Business Units")
        #expect(cell("ends with:") == "ends with:")

        let hostile = ["Approved https://evil.example/approve", "see www.evil.example", "done :white_check_mark:"]
        var target = F.environment()
        for (i, name) in hostile.enumerated() {
            target.roles["role-md-\(i)"] = SecurityRole(
                id: "role-md-\(i)", name: name, businessUnitId: F.root,
                privileges: ["account": PrivilegeRow([.delete: .organization])])
            target.users[F.bob]?.roleIds.insert("role-md-\(i)")
        }
        target.users[F.bob]?.name = "Bob https://evil.example"
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions())
        let diff = DiffMarkdownRenderer().render(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: []))
        let check = FindingMarkdownRenderer().render(
            SuppressionOutcome(findings: GoLiveChecks.run(target), suppressions: []), environments: [target])
        let report = ReportMarkdownRenderer().render(UserAccessReport(environment: target, userId: F.bob)!)
        let role = ReportMarkdownRenderer().render(RoleReport(environment: target, roleId: "role-md-0")!)
        for (what, md) in [("diff", diff), ("check", check), ("report", report), ("role report", role)] {
            #expect(md.contains("evil"), "\(what) names them")
            #expect(!md.contains("https://") && !md.contains("www.") && !md.contains(":white_check_mark:"), "\(what): \(md)")
        }
    }

    /// Found by a review: finding messages named records bare (`Reader" removed is assigned to
    /// no user ...`) where the diff quotes them; they now quote as the diff does.
    @Test func findingMessagesQuoteNamesAsTheDiffDoes() throws {
        var env = F.environment()
        env.roles["role-spoof"] = SecurityRole(id: "role-spoof", name: "Reader\" removed", businessUnitId: F.root)
        let found = try #require(GoLiveChecks.run(env).first { $0.ruleId == "GL7b" })
        #expect(found.message == "Role \(quotedName("Reader\" removed")) is assigned to no user and no team with members.")
        let text = FindingTextRenderer().line(found)
        #expect(text.contains(#"Role "Reader\" removed" is assigned to no user"#), "\(text)")
    }
}
