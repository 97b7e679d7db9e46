import Foundation
import Testing

@testable import SecurityModel

/// Text, JSON and Markdown renderings of a diff.
@Suite struct DiffOutputTests {
    typealias F = DiffFixtures

    func sample() throws -> SnapshotDiffResult {
        let r = try F.diff(
            [
                .setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: .delete, level: .organization),
                .renameTeam(environment: F.env, team: F.salesTeam, name: "Sales Crew"),
                .removeUserRole(environment: F.env, user: F.hana, role: F.serviceRep),
            ], options: DiffOptions())
        return SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: [])
    }

    @Test func textIsAPlanWithLegendHeadersAndSummary() throws {
        let text = DiffTextRenderer().render(try sample())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Legend: + added  - removed  ~ changed  old -> new") == true)
        // Each change says how many users whose access changes it reaches; a cosmetic change (the
        // rename) reaches nobody, and a user's own change says nothing (it reaches that user).
        #expect(lines.contains("~ role \"Salesperson\" [ESCALATION]  (reaches 2 users whose access changes)"))
        #expect(lines.contains { $0.hasPrefix("    + privilege account Delete: Organization   ! level raised, new Delete/Assign/Share") })
        #expect(lines.contains("~ team \"Sales Crew\" (renamed from \"Sales Team\")"))
        #expect(lines.contains { $0.hasPrefix("~ user \"Hana HR\" [reduction]") })
        let escalation = try #require(lines.firstIndex { $0.hasPrefix("~ role \"Salesperson\"") })
        let reduction = try #require(lines.firstIndex { $0.hasPrefix("~ user \"Hana HR\"") })
        let neutral = try #require(lines.firstIndex { $0.hasPrefix("~ team \"Sales Crew\"") })
        #expect(escalation < reduction && reduction < neutral)
        let summary = try #require(lines.last)
        #expect(summary.hasPrefix("Summary: 0 to add, 0 to remove, 3 to change (1 renamed only) — roles 1, teams 1, users 1;"))
        #expect(summary.contains("objects: 1 escalation, 1 reduction, 1 neutral"))
        // Counts agree with their nouns: no "user(s)".
        #expect(summary.contains("; impact: 3 users, "))
        #expect(lines.contains("Access impact: 3 users"))
        #expect(!text.contains("(s)"))
        #expect(summary.contains("access rises most for \"Adele Vance\" (+4), \"Dan Jump\" (+4)"))
        #expect(!text.contains("\u{1B}["))
    }

    /// A one-line impact names its tables right after the operations they belong to; columns and
    /// miscellaneous privileges follow as parts of their own.
    @Test func aSummaryLineNamesTablesAfterTheirOperations() throws {
        var counts = try ImpactCounts(#require(try sample().comparisons.first?.impacts.first))
        (counts.raised, counts.lowered, counts.scopeMoves, counts.dormant) = (3, 1, 0, 0)
        (counts.columnsGained, counts.columnsLost, counts.miscRaised, counts.miscLowered) = (2, 0, 1, 0)
        #expect(
            counts.description(tables: "account, contact")
                == "3 operations up, 1 down on account, contact; 2 column permissions gained; 1 misc privilege up")
        (counts.raised, counts.lowered, counts.columnsGained, counts.columnsLost, counts.miscRaised) = (0, 0, 0, 1, 0)
        #expect(counts.description() == "1 column permission lost")
        (counts.columnsLost, counts.miscLowered) = (0, 0)
        #expect(counts.description() == "no change in levels")
    }

    /// The lines of the "Access impact" section (a user there is quoted as in the entries above).
    func impactLines(_ lines: [String]) -> [String] {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Access impact:") }) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty && !$0.hasPrefix("Not evaluated:") })
    }

    /// A user whose only lines are secured columns gained without the table operation they go
    /// with: the one-line impact says so, not "no change in levels" (found by a console review:
    /// "reaches 1 user whose access changes" then "user Cameron White: no change in levels").
    @Test func columnsGainedWithoutTheTableOperationAreSaid() throws {
        // Bob without Sales Team (Service Rep's Read on contact): no record to read the column on.
        var base = DiffFixtures.environment()
        base.teams[DiffFixtures.salesTeam]?.memberIds = []
        var target = base
        target.fieldSecurityProfiles[DiffFixtures.hrProfile]?.userIds.insert(DiffFixtures.bob)
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let bob = try #require(r.impact(ofUser: DiffFixtures.bob))
        #expect(bob.tableChanges.isEmpty && bob.columnChanges.count == 1 && bob.columnChanges.first?.withoutTableOperation == .read)
        #expect(ImpactCounts(bob).description() == "1 column permission gained without the table operation (no record to use it on)")
        let text = DiffTextRenderer(impactDetail: .summary).render(r)
        #expect(text.contains("~ user \"Bob Kelly\" <bob@fabrikam.com>: 1 column permission gained without the table operation"), "\(text)")
        var counts = ImpactCounts(bob)
        (counts.columnsGained, counts.unusableGained, counts.unusableLost, counts.columnsDormant) = (0, 2, 1, 3)
        #expect(
            counts.description()
                == "2 column permissions gained, 1 lost without the table operation (no record to use them on); 3 column permissions dormant"
        )
    }

    @Test func countsAgreeWithTheirNouns() {
        #expect(counted(1, "user") == "1 user")
        #expect(counted(0, "user") == "0 users")
        #expect(counted(2, "new finding") == "2 new findings")
        #expect(counted(3, "business unit") == "3 business units")
        #expect(counted(2, "child", plural: "children") == "2 children")
        let env = Environment(id: "e", settings: EnvironmentSettings(name: "E", type: .production))
        let place = FindingPlace(environment: env, path: "user/u", key: "user/u")
        let one = SuppressionOutcome(findings: [Finding(rule: .disabledUserHoldingAdminRole, place: place, message: "m")], suppressions: [])
        #expect(FindingTextRenderer().summaryLine(one) == "Summary: 0 errors, 1 warning, 0 info; 0 suppressed.")
    }

    /// `--impact summary`: one line per user (and its causes), counts instead of cells; `none`
    /// keeps the number of users only. Objects and the summary line are the same in all three.
    @Test func impactDetailSummaryAndNone() throws {
        let result = try sample()
        let full = DiffTextRenderer().render(result).split(separator: "\n").map(String.init)
        let summary = DiffTextRenderer(impactDetail: .summary).render(result).split(separator: "\n").map(String.init)
        let none = DiffTextRenderer(impactDetail: .none).render(result).split(separator: "\n").map(String.init)
        let impact = try #require(result.comparisons.first?.impacts)
        let adele = try #require(impact.first { $0.name == "Adele Vance" })
        let raised = adele.tableChanges.filter { !$0.isDormant && !$0.isScopeChange && $0.new > $0.old }.count
        #expect(raised > 0)
        let line = try #require(summary.first { $0.hasPrefix("~ user \"Adele Vance\" <") })
        #expect(line.contains("[ESCALATION] +\(adele.escalationScore): \(raised) operation\(raised == 1 ? "" : "s") up on account"))
        // Every user once, each followed only by its causes.
        #expect(impactLines(summary).filter { $0.hasPrefix("~ user ") }.count == impact.count)
        #expect(!summary.contains { $0.hasPrefix("    + account") || $0.hasPrefix("    - account") })
        #expect(full.contains { $0.hasPrefix("    + account Delete") })
        #expect(none.contains("(per-user lines left out: --impact summary or full shows them)"))
        #expect(!impactLines(none).contains { $0.hasPrefix("~ user ") })
        for lines in [summary, none] {
            #expect(lines.last == full.last)
            #expect(lines.contains("~ role \"Salesperson\" [ESCALATION]  (reaches 2 users whose access changes)"))
        }
        let md = DiffMarkdownRenderer(impactDetail: .summary).render(result)
        #expect(md.contains("| User | Risk | Score | Access | Tables | Because |"))
        #expect(md.contains("| Adele Vance"))
        #expect(!md.contains("| | Access | Old | New | Via | Risk |"))
    }

    @Test func colourOnlyWhenAsked() throws {
        let coloured = DiffTextRenderer(style: ANSIStyle(enabled: true)).render(try sample())
        #expect(coloured.contains("\u{1B}[1;31m[ESCALATION]\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32m+\u{1B}[0m"))
        // An escalation line is red after its symbol (the symbol's reset ended the red: a review).
        #expect(coloured.contains("    \u{1B}[32m+\u{1B}[0m \u{1B}[1;31mprivilege account Delete: Organization\u{1B}[0m"), "\(coloured)")
    }

    @Test func controlCharactersInDataAreEscaped() throws {
        var target = F.environment()
        target.roles[F.salesperson]?.name = "Evil\u{1B}[2Jrole"
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        let text = DiffTextRenderer(style: ANSIStyle(enabled: false)).render(r)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Evil\\e[2Jrole"))
    }

    /// Two long descriptions that differ near the end were cut alike on both sides of `->`
    /// (found by a review of hostile names): each side now shows the stretch where they differ.
    @Test func aCutValueKeepsWhereTheSidesDifferInSight() throws {
        let stem = String(repeating: "Sales Team Read Only Access Role for the European Region ", count: 3) + "Level Sales "
        var base = F.environment()
        var target = F.environment()
        base.roles[F.salesperson]?.description = stem + "A"
        target.roles[F.salesperson]?.description = stem + "B"
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let lines = DiffTextRenderer().render(r).split(separator: "\n").map(String.init)
        let line = try #require(lines.first { $0.hasPrefix("    ~ description: ") })
        #expect(line == "    ~ description: …" + stem.suffix(65) + "A -> …" + stem.suffix(65) + "B", "\(line)")
        // More after the difference: an ellipsis behind too, and each side within the width.
        base.roles[F.salesperson]?.description = stem + "A" + stem
        target.roles[F.salesperson]?.description = stem + "B" + stem
        let longer = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let renderer = DiffTextRenderer()
        let (old, new) = renderer.cut(stem + "A" + stem, stem + "B" + stem)
        #expect(old.count == renderer.maxValueLength && new.count == renderer.maxValueLength)
        #expect(old.hasPrefix("…") && old.hasSuffix("…") && old.contains("Level Sales A") && new.contains("Level Sales B"))
        #expect(renderer.render(longer).contains(": \(old) -> \(new)"))
        // A difference the usual cut shows is cut as before, from the start.
        #expect(renderer.cut("A" + stem + stem, "B" + stem + stem) == (renderer.cut("A" + stem + stem), renderer.cut("B" + stem + stem)))
        #expect(renderer.cut("short", "shorter") == ("short", "shorter"))
    }

    @Test func identicalSaysSo() {
        let r = SnapshotDiff.compare(base: F.snapshot(), target: F.snapshot())
        let text = DiffTextRenderer().render(r)
        #expect(text.contains("No differences: the target matches the base."))
        #expect(text.hasSuffix("Summary: no changes.\n"))
    }

    @Test func jsonFollowsTheDocumentedSchema() throws {
        let data = DiffJSON.data(try sample())
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["schema"] as? String == "dvsec-diff" && root["version"] as? Int == 1)
        #expect(root["escalation"] as? Bool == true && root["identical"] as? Bool == false)
        let c = try #require((root["comparisons"] as? [[String: Any]])?.first)
        let entries = try #require(c["entries"] as? [[String: Any]])
        #expect(entries.map { $0["risk"] as? String } == ["escalation", "reduction", "neutral"])
        let line = try #require((entries[0]["lines"] as? [[String: Any]])?.first)
        #expect(line["symbol"] as? String == "+" && line["field"] as? String == "privilege")
        #expect(line["table"] as? String == "account" && line["operation"] as? String == "delete")
        #expect(line["oldLevel"] as? String == "none" && line["newLevel"] as? String == "global")
        #expect(line["reasons"] as? [String] == ["levelRaised", "newDeleteAssignShare", "organizationLevelOnUserOwnedTable"])
        #expect(entries[2]["renamedFrom"] as? String == "Sales Team")
        // Absent values are left out, not written empty: a rename's line has no subject.
        let rename = try #require((entries[2]["lines"] as? [[String: Any]])?.first)
        #expect(rename["field"] as? String == "name" && rename["subject"] == nil)
        #expect(line["subject"] as? String == "account Delete")
        // Users whose access changes that each change reaches: the role's two holders, Hana's own
        // role removal, nobody for the rename; and each agrees with the impacts' causes.
        #expect(entries.map { $0["usersReached"] as? Int } == [2, 1, 0])
        let model = try #require(try sample().comparisons.first)
        for entry in model.entries {
            #expect(entry.usersReached == model.impacts.filter { $0.causeEntries.contains(entry.id) }.count, "\(entry.id)")
        }
        let impacts = try #require(c["impacts"] as? [[String: Any]])
        let adele = try #require(impacts.first { $0["userId"] as? String == F.adele })
        let cell = try #require((adele["tables"] as? [[String: Any]])?.first)
        #expect(cell["old"] as? String == "none" && cell["new"] as? String == "global" && cell["risk"] as? String == "escalation")
        #expect((cell["newPath"] as? [String: Any])?["roleName"] as? String == "Salesperson")
        let summary = try #require(c["summary"] as? [String: Any])
        #expect((summary["entriesByRisk"] as? [String: Int]) == ["escalation": 1, "reduction": 1, "neutral": 1])
        #expect((c["findings"] as? [String: Any])?["evaluated"] as? Bool == true)
    }

    /// Two environments matched by name, not id: the settings entry says which base it was.
    @Test func anEnvironmentMatchedByNameCarriesItsBaseId() throws {
        var base = F.environment()
        base.id = "env-old"
        var target = F.environment()
        target.settings.region = "Asia"
        let r = SnapshotDiff.compare(
            base: Snapshot(tenant: "t", environments: [base]), target: Snapshot(tenant: "t", environments: [target]),
            options: DiffOptions(runChecks: false))
        let entry = try #require(r.comparisons.first?.entries.first { $0.kind == .environment })
        #expect(entry.objectId == F.env && entry.baseObjectId == "env-old")
    }

    /// The streamed document is the same bytes as the one built in memory, and each access line
    /// of an impact is one line of text that parses on its own.
    @Test func jsonIsStreamedWithOneLinePerAccessLine() throws {
        let result = try sample()
        var streamed = Data()
        var chunks = 0
        DiffJSON.write(result) { chunk in
            streamed.append(contentsOf: chunk)
            chunks += 1
        }
        #expect(chunks >= 1 && streamed == DiffJSON.data(result))
        let text = String(decoding: streamed, as: UTF8.self)
        let rows = text.split(separator: "\n").filter { $0.contains("\"operation\": \"delete\"") && $0.contains("\"scopeChange\"") }
        #expect(!rows.isEmpty)
        for row in rows {
            var line = row.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix(",") { line.removeLast() }
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["table"] as? String == "account")
        }
    }

    @Test func markdownIsAChangeReview() throws {
        let md = DiffMarkdownRenderer().render(try sample())
        #expect(md.hasPrefix("# Security change review"))
        #expect(md.contains("### Escalations"))
        #expect(md.contains("| `+` | privilege account Delete |  | Organization | **escalation** (level raised, new Delete/Assign/Share"))
        #expect(md.contains("#### Adele Vance (adele&#64;fabrikam.com) — **escalation**, +4"))
        #expect(md.contains("- [ ] Every escalation is intended and approved"))
    }

    @Test func markdownEscapesPipes() {
        var target = F.environment()
        target.roles[F.salesperson]?.description = "a | b"
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        #expect(DiffMarkdownRenderer().render(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: [])).contains("a \\| b"))
    }

    /// Found by a review: a name from the snapshot went out as Markdown and HTML, so a change
    /// review posted on a pull request rendered an image, bold text or mentioned a team. Now it
    /// is inert text, and identifiers stay readable.
    @Test func markdownMakesNamesInert() {
        #expect(cell("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
        #expect(cell("@octo-org/admins") == "&#64;octo-org/admins")
        #expect(
            cell("**Approved** [here](http://x) `code` ~~gone~~ a|b")
                == "\\*\\*Approved\\*\\* \\[here\\](http&#58;//x) \\`code\\` \\~\\~gone\\~\\~ a\\|b")
        #expect(cell("contoso_payment") == "contoso_payment")
        #expect(cell("_emphasis_ here") == "\\_emphasis\\_ here")
        #expect(cell("line\u{1B}[31m") == "line␛\\[31m")
        #expect(codeSpan("role/a`b") == "``role/a`b``")

        var target = F.environment()
        target.roles[F.salesperson]?.name = "Seller <img src=x> @org/admins **ok**"
        target.roles[F.salesperson]?.privileges["account", default: .empty][.delete] = .organization
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        let md = DiffMarkdownRenderer().render(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: []))
        #expect(!md.contains("<img") && !md.contains("@org") && !md.contains("**ok**"), "\(md)")
        #expect(md.contains("Seller &lt;img src=x&gt; &#64;org/admins \\*\\*ok\\*\\*"), "\(md)")
    }

    /// Found by a domain review: a user's column line that is an escalation printed no `! reasons`
    /// as table and misc lines do, so without colour (`--no-color`, CI logs) an exposed column
    /// read like a neutral line. The way back, a reduction, carries none.
    @Test func anExposedColumnLineSaysWhy() throws {
        let r = try F.diff([.addProfileUser(environment: F.env, profile: F.hrProfile, user: F.dan)])
        let dan = try #require(r.impact(ofUser: F.dan)?.columnChanges.first)
        #expect(dan.risk == .escalation && dan.reasons == [.securedColumnExposed])
        let text = DiffTextRenderer().render(r)
        #expect(text.contains("+ column contact.contoso_ssn Read  via profile \"HR\"   ! secured column exposed\n"), "\(text)")
        let (base, target) = try F.edited([.addProfileUser(environment: F.env, profile: F.hrProfile, user: F.dan)])
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let lost = DiffTextRenderer().render(back)
        #expect(lost.contains("- column contact.contoso_ssn Read  via profile \"HR\"\n"), "\(lost)")
    }
}
