import Testing

@testable import SecurityModel

/// `dvsec diff --format markdown --limit N`, the review posted as a pull-request comment: a
/// CI-integrator review found 120 added roles of 170 lines each made 1.8 MB with `--limit 100`,
/// which GitHub refuses (65,536 characters).
@Suite struct DiffMarkdownBudgetTests {
    /// A generated organisation where 120 new roles, each a copy of the widest job role, are
    /// assigned to a user each: every added role lists all its privilege lines.
    func wideChange() throws -> SnapshotDiffResult {
        let base = try #require(
            SnapshotGenerator.generate(users: 300, teams: 30, roles: 20, tables: 60, seed: 7).sortedEnvironments.first)
        var target = base
        let widest = try #require(base.roles.values.filter { !$0.isSystemAdministrator }.max { $0.privileges.count < $1.privileges.count })
        let users = base.sortedUsers.filter { !$0.isDisabled }
        for n in 0..<120 {
            var copy = widest
            copy.id = "copy-\(n)"
            copy.name = "Copy \(n) of \(widest.name)"
            copy.templateId = nil
            target.roles[copy.id] = copy
            target.users[users[n % users.count].id]?.roleIds.insert(copy.id)
        }
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions())
        return SnapshotDiffResult(comparisons: [DiffFilter(limit: 100).apply(to: r)], unmatchedEnvironments: [])
    }

    @Test func aBudgetKeepsTheSummaryTheTableAndTheFindingsAndCutsTheDetailsLast() throws {
        let result = try wideChange()
        let full = DiffMarkdownRenderer(impactDetail: .summary).render(result)
        let budget = DiffMarkdownRenderer.pullRequestCommentBudget
        #expect(full.utf8.count > 3 * budget, "the fixture must be too big for a comment: \(full.utf8.count)")
        let cut = DiffMarkdownRenderer(impactDetail: .summary, byteBudget: budget).render(result)
        #expect(cut.utf8.count <= budget, "\(cut.utf8.count)")
        // What is always there: the summary, every row of the table of changes, what was not
        // evaluated and the sign-off, word for word as without a budget.
        let c = try #require(result.comparisons.first)
        let parts = DiffMarkdownRenderer(impactDetail: .summary).parts(c)
        #expect(cut.hasPrefix(full.components(separatedBy: parts.head)[0] + parts.head))
        #expect(cut.contains(parts.tail) && cut.hasSuffix("with their managers\n"))
        // Then whole lines of the details and of the findings (the findings served first), each
        // the start of what is written without a budget; the note counts the lines left out.
        // The table of changes comes first, whole here (100 rows fit).
        let afterHead = cut.components(separatedBy: parts.head)[1]
        #expect(afterHead.hasPrefix(parts.table))
        let body = String(afterHead.dropFirst(parts.table.count)).components(separatedBy: parts.tail)[0]
        let findingsStart = try #require(body.range(of: "\n### New findings against the base"))
        let keptDetails = String(body[..<findingsStart.lowerBound])
        // Where the cut starts (in the findings here), one line says so, once.
        let cutHere = DiffMarkdownRenderer.cutHere
        let keptWithMark = String(body[findingsStart.lowerBound...])
        #expect(keptWithMark.hasSuffix(cutHere) && cut.components(separatedBy: cutHere).count == 2, "\(keptWithMark.suffix(300))")
        let keptFindings = String(keptWithMark.dropLast(cutHere.count))
        #expect(parts.details.joined().hasPrefix(keptDetails) && parts.findings.hasPrefix(keptFindings))
        #expect(keptFindings.utf8.count > 10_000, "the findings come before the details: \(keptFindings.utf8.count)")
        func lineCount(_ s: String) -> Int { s.split(separator: "\n", omittingEmptySubsequences: false).count - 1 }
        let cutDetails = lineCount(parts.details.joined()) - lineCount(keptDetails)
        let cutFindings = lineCount(parts.findings) - lineCount(keptFindings)
        #expect(cutDetails > 0)
        let note = try #require(cut.split(separator: "\n").first { $0.hasPrefix("_Cut to fit a pull-request comment") })
        #expect(note.contains("\(counted(cutDetails, "more line")) of the changes' details"), "\(note)")
        #expect(
            cutFindings == 0
                ? !note.contains("of the findings sections")
                : note.contains("\(counted(cutFindings, "more line")) of the findings sections"))
        // A budget too small for the table cuts its rows too, and says so (a regression review:
        // 3,150 changed objects with --limit 5000 made 194 KB).
        let tiny = DiffMarkdownRenderer(impactDetail: .summary, byteBudget: 6_000).render(result)
        #expect(tiny.utf8.count <= 6_000, "\(tiny.utf8.count)")
        let keptWithCut = tiny.components(separatedBy: parts.head)[1].components(separatedBy: parts.tail)[0]
        #expect(keptWithCut.hasSuffix(cutHere))
        let keptTable = String(keptWithCut.dropLast(cutHere.count))
        #expect(parts.table.hasPrefix(keptTable) && lineCount(keptTable) > 3)
        let cutRows = lineCount(parts.table) - lineCount(keptTable)
        #expect(cutRows > 0 && tiny.contains("\(counted(cutRows, "more row")) of the table of changes"), "\(tiny)")
        // Without a budget nothing is cut, and a small review is the same with or without one.
        #expect(!full.contains("Cut to fit"))
        let small = SnapshotDiffResult(
            comparisons: [try DiffFixtures.diff([.renameTeam(environment: DiffFixtures.env, team: DiffFixtures.salesTeam, name: "Crew")])],
            unmatchedEnvironments: [])
        #expect(DiffMarkdownRenderer(byteBudget: budget).render(small) == DiffMarkdownRenderer().render(small))
    }

    /// Every part of the review counts against the budget: a CLI review found forty comparisons of
    /// environments with 994-character names made 108,787 bytes with `--limit`, and 600
    /// environments on one side only 64,749 (the titles, summaries, lists of what was not
    /// evaluated and of environments on one side only were written whatever their size).
    @Test func aBudgetHoldsForManyComparisonsAndEnvironmentsOnOneSide() throws {
        let env = try #require(SnapshotGenerator.generate(users: 30, teams: 3, roles: 4, tables: 6, seed: 11).sortedEnvironments.first)
        let role = try #require(env.sortedRoles.first { !$0.isSystemAdministrator && !$0.privileges.isEmpty })
        let table = try #require(role.privileges.keys.sorted().first)
        func copies(_ count: Int, from first: Int, name: (Int) -> String, raise: Bool) -> [Environment] {
            (0..<count).map { i in
                var e = env
                e.id = "env-\(first + i)"
                e.settings.name = name(first + i)
                e.settings.type = .sandbox
                if raise { e.roles[role.id]?.privileges[table]?[.delete] = .organization }
                return e
            }
        }
        let long = { (i: Int) in String(format: "%03d ", i) + String(repeating: "E", count: 990) }
        let manyLong = SnapshotDiff.compare(
            base: Snapshot(tenant: "t", environments: copies(40, from: 0, name: long, raise: false)),
            target: Snapshot(tenant: "t", environments: copies(40, from: 0, name: long, raise: true)), options: DiffOptions())
        let budget = DiffMarkdownRenderer.pullRequestCommentBudget
        let full = DiffMarkdownRenderer(impactDetail: .summary).render(manyLong)
        #expect(full.utf8.count > 2 * budget, "\(full.utf8.count)")
        let cut = DiffMarkdownRenderer(impactDetail: .summary, byteBudget: budget).render(manyLong)
        #expect(cut.utf8.count <= budget, "\(cut.utf8.count)")
        // Titles name the environments cut at 80 characters; the first comparison is whole, the
        // note counts the summaries' lines left out, the sign-off closes the review.
        let shortName: String = String(long(0).prefix(79)) + "…"
        let title: String = "## \(shortName) -> \(shortName)\n"
        #expect(cut.contains(title))
        #expect(!cut.contains(String(repeating: "E", count: 100)))
        #expect(cut.contains("**Summary:**") && cut.hasSuffix("with their managers\n"))
        // Every comparison's summary fits once the names are cut; the details are cut.
        #expect(cut.components(separatedBy: "**Summary:**").count == 41)
        let note = try #require(cut.split(separator: "\n").first { $0.hasPrefix("_Cut to fit a pull-request comment") })
        #expect(note.contains("of the changes' details"), "\(note)")
        // A budget too small for forty summaries keeps the first ones whole and counts the rest.
        let small = DiffMarkdownRenderer(impactDetail: .summary, byteBudget: 15_000).render(manyLong)
        #expect(small.utf8.count <= 15_000, "\(small.utf8.count)")
        let summaries = small.components(separatedBy: "**Summary:**").count - 1
        #expect(summaries > 5 && summaries < 40, "\(summaries)")
        #expect(small.contains("of the comparisons' summaries") && small.hasSuffix("with their managers\n"))
        // 600 environments only in the target: the list is cut at a line, and the note says how
        // many of its lines were left out.
        let oneSide = SnapshotDiff.compare(
            base: Snapshot(tenant: "t", environments: copies(1, from: 0, name: { "Env \($0)" }, raise: false)),
            target: Snapshot(
                tenant: "t",
                environments: copies(1, from: 0, name: { "Env \($0)" }, raise: false)
                    + copies(600, from: 1, name: { "Developer environment of user \($0) with a longer name than most" }, raise: false)),
            options: DiffOptions())
        let all = DiffMarkdownRenderer().render(oneSide)
        #expect(all.utf8.count > budget && all.contains("user 600 with"))
        let listCut = DiffMarkdownRenderer(byteBudget: budget).render(oneSide)
        #expect(listCut.utf8.count <= budget, "\(listCut.utf8.count)")
        let listed = listCut.split(separator: "\n").filter { $0.hasPrefix("- `+` ") }.count
        #expect(listed > 100 && listed < 600, "\(listed)")
        #expect(listCut.contains("\(counted(600 - listed, "more line")) of the environments on one side only"), "\(listCut.suffix(600))")
    }

    /// `--limit N` keeps the escalations that matter most, not the first N by kind and name: a
    /// go-live review found a role that raised no one kept and System Administrator granted to a
    /// user cut, with nothing saying escalations were left out.
    @Test func aLimitKeepsTheAdministratorGrantAndTheBiggestRisesAndCountsTheRest() throws {
        let base = try #require(
            SnapshotGenerator.generate(users: 300, teams: 30, roles: 20, tables: 60, seed: 7).sortedEnvironments.first)
        var target = base
        let roles = base.sortedRoles.filter { !$0.isSystemAdministrator }
        // Five roles each raise one privilege (held by some users, or by nobody).
        for role in roles.prefix(5) {
            let table = try #require(role.privileges.keys.sorted().first)
            target.roles[role.id]?.privileges[table]?[.delete] = .organization
        }
        let admin = try #require(base.roles.values.first { $0.isSystemAdministrator })
        let user = try #require(base.sortedUsers.last { !$0.isDisabled && !$0.roleIds.contains(admin.id) })
        target.users[user.id]?.roleIds.insert(admin.id)
        let whole = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let escalations = whole.entries.filter { $0.risk == .escalation }
        #expect(escalations.count == 6, "\(escalations.map(\.name))")
        let view = DiffFilter(limit: 3).apply(to: whole)
        #expect(view.entries.count == 3)
        // The grant first, then the roles that raise the most users.
        #expect(view.entries.contains { $0.kind == .user && $0.objectId == user.id }, "\(view.entries.map(\.name))")
        let raised = escalations.filter { $0.kind == .role }.map { $0.usersRaised ?? 0 }.sorted(by: >)
        let kept = view.entries.filter { $0.kind == .role }.map { $0.usersRaised ?? 0 }.sorted(by: >)
        #expect(kept == Array(raised.prefix(2)), "\(kept) of \(raised)")
        #expect(view.shown?.escalationsLeftOut == 3)
        #expect(view.shown?.description.contains("3 more escalating objects are not shown.") == true)
        // Shown in the usual order (by kind: roles before users).
        #expect(view.entries.map(\.id) == DiffEntry.sorted(view.entries).map(\.id))
    }

    /// The heading counts every user the view has; when the budget leaves some out whole, the
    /// note says how many (a go-live review found "Access impact (100 users)" over 2 of them).
    @Test func theNoteCountsTheUsersTheBudgetLeftOut() throws {
        let result = try wideChange()
        let c = try #require(result.comparisons.first)
        let full = DiffMarkdownRenderer(impactDetail: .full).render(result)
        let cut = DiffMarkdownRenderer(impactDetail: .full, byteBudget: 20_000).render(result)
        let total = full.components(separatedBy: "\n#### ").count - 1 - c.entries.count
        let shown = cut.components(separatedBy: "\n#### ").count - 1 - (cut.components(separatedBy: "\n#### + ").count - 1)
        let users = c.impacts.count
        #expect(total == users, "\(total) \(users)")
        let leftOut = users - shown
        #expect(leftOut > 0)
        #expect(cut.contains("(\(counted(leftOut, "user")) left out whole)"), "\(cut.suffix(500))")
    }

    /// Without the checks the sign-off does not ask for new findings to be fixed as if there were
    /// none: it asks for the checks, and the findings section says they were not run.
    @Test func aReviewWithoutTheChecksSaysSo() throws {
        let changes: [Change] = [
            .setPrivilege(
                environment: DiffFixtures.env, role: DiffFixtures.salesperson, table: "account", operation: .delete, level: .organization)
        ]
        let unchecked = DiffMarkdownRenderer().render(
            SnapshotDiffResult(
                comparisons: [try DiffFixtures.diff(changes, options: DiffOptions(runChecks: false))], unmatchedEnvironments: []))
        #expect(unchecked.contains("Not evaluated: the go-live checks were not run (`--no-checks`)."))
        #expect(unchecked.contains("- [ ] The go-live checks were run (`dvsec check`)") && !unchecked.contains("New findings are fixed"))
        let checked = DiffMarkdownRenderer().render(
            SnapshotDiffResult(comparisons: [try DiffFixtures.diff(changes, options: DiffOptions())], unmatchedEnvironments: []))
        #expect(checked.contains("- [ ] New findings are fixed or suppressed with a reason") && !checked.contains("were not run"))
    }
}
