import PropertyBased
import Testing

@testable import SecurityModel

/// `dvsec diff --risk/--user/--table`: a narrower view that never changes what is counted.
@Suite struct DiffFilterTests {
    typealias F = DiffFixtures

    /// An escalation (Salesperson gets Organization Delete on account), a rename, a reduction
    /// (Hana loses Service Rep).
    func sample() throws -> DiffResult {
        try F.diff([
            .setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: .delete, level: .organization),
            .renameTeam(environment: F.env, team: F.salesTeam, name: "Sales Crew"),
            .removeUserRole(environment: F.env, user: F.hana, role: F.serviceRep),
        ])
    }

    @Test func anEmptyFilterShowsEverything() throws {
        let r = try sample()
        #expect(DiffFilter().apply(to: r) == r)
        #expect(r.shown == nil)
    }

    /// A narrowed view of two snapshots says what the whole comparison is: an environment on one
    /// side only is left out of a --table view but still makes the comparison not identical, and
    /// an escalation narrowed away is still one (what the exit code says, in JSON too).
    @Test func aNarrowedSnapshotDiffKeepsTheWholeVerdict() throws {
        var target = F.snapshot()
        let extra = Environment(id: "env-new", settings: EnvironmentSettings(name: "New", type: .sandbox))
        target.environments[extra.id] = extra
        let whole = SnapshotDiff.compare(base: F.snapshot(), target: target, options: DiffOptions(runChecks: false))
        #expect(!whole.isIdentical && whole.unmatchedEnvironments.count == 1)
        let tables = DiffFilter(tables: ["account"]).apply(to: whole)
        #expect(tables.unmatchedEnvironments.isEmpty && tables.comparisons.allSatisfy(\.isIdentical))
        #expect(!tables.isIdentical && tables.hasEscalation == whole.hasEscalation)
        var json = ""
        DiffJSON.write(tables) { json += String(decoding: $0, as: UTF8.self) }
        #expect(json.contains("\"identical\": false"))
        // An escalation narrowed away by --risk reduction is still one.
        var escalating = F.snapshot()
        try escalating.apply(
            .setPrivilege(environment: F.env, role: F.salesperson, table: "account", operation: .delete, level: .organization))
        let up = SnapshotDiff.compare(base: F.snapshot(), target: escalating, options: DiffOptions(runChecks: false))
        let down = DiffFilter(risks: [.reduction]).apply(to: up)
        #expect(up.hasEscalation && down.hasEscalation && !down.isIdentical)
    }

    @Test func riskShowsOnlyLinesOfThatClassAndKeepsTheWholeSummary() throws {
        let r = try sample()
        let up = DiffFilter(risks: [.escalation]).apply(to: r)
        #expect(up.entries.map(\.objectId) == [F.salesperson])
        #expect(up.entries.allSatisfy { $0.lines.allSatisfy { $0.risk == .escalation } })
        #expect(!up.impacts.isEmpty)
        for i in up.impacts {
            #expect(i.tableChanges.allSatisfy { $0.risk == .escalation })
            #expect(i.columnChanges.allSatisfy { $0.risk == .escalation } && i.miscChanges.allSatisfy { $0.risk == .escalation })
            #expect(i.risk == .escalation)
        }
        // Hana only loses access: she is not among the users shown.
        #expect(!up.impacts.contains { $0.userId == F.hana })
        #expect(up.summary == r.summary)
        // Each entry shown counts the users shown that it reaches (what its drill-down lists).
        for e in up.entries {
            #expect(e.usersReached == up.impacts.filter { $0.causeEntries.contains(e.id) }.count)
        }
        #expect(up.entries.first?.usersReached == r.entries.first { $0.objectId == F.salesperson }?.usersReached)
        #expect(up.hasEscalation && !up.isIdentical)
        let shown = try #require(up.shown)
        #expect(shown.entries == 1 && shown.totalEntries == r.entries.count)
        #expect(shown.users == up.impacts.count && shown.totalUsers == r.impacts.count)
        let down = DiffFilter(risks: [.reduction]).apply(to: r)
        #expect(down.entries.map(\.objectId) == [F.hana])
        #expect(down.impacts.map(\.userId).contains(F.hana))
        // The exit code's view is the whole comparison's, even when nothing escalates in view.
        #expect(down.hasEscalation)
    }

    @Test func userShowsThatUsersEntryAndImpactByIdDomainNameOrName() throws {
        let r = try sample()
        let hanaImpact = try #require(r.impact(ofUser: F.hana))
        for key in [F.hana, hanaImpact.name.uppercased(), hanaImpact.domainName] where !key.isEmpty {
            let ids: Set<String> = key == F.hana ? [] : [F.hana]
            let shown = DiffFilter(users: [key], userIds: ids).apply(to: r)
            #expect(shown.entries.map(\.objectId) == [F.hana], "\(key)")
            #expect(shown.impacts.map(\.userId) == [F.hana], "\(key)")
            #expect(shown.impacts.first == hanaImpact, "\(key)")
        }
        let nobody = DiffFilter(users: ["no such user"]).apply(to: r)
        #expect(nobody.entries.isEmpty && nobody.impacts.isEmpty && !nobody.isIdentical)
        let text = DiffTextRenderer().render(nobody)
        #expect(text.contains("Nothing in this comparison matches the filter."))
        #expect(!text.contains("No differences"))
        #expect(text.split(separator: "\n").last.map(String.init) == DiffTextRenderer().summaryLine(r))
    }

    /// The user filter also shows the changed objects that reach the user: Adele's access rises
    /// through Salesperson, so the role's entry is shown with her own impact.
    @Test func userAlsoShowsTheEntriesThatReachThem() throws {
        let r = try sample()
        let adele = DiffFilter(users: [F.adele]).apply(to: r)
        #expect(adele.impacts.map(\.userId) == [F.adele])
        #expect(adele.entries.map(\.id) == ["role:\(F.salesperson)"])
    }

    /// Every impact names the entries behind its causes, exactly: the ids of entries of the
    /// result, each once, and only those that touched the user (the team rename touches nobody).
    @Test func eachImpactNamesTheEntriesThatReachIt() throws {
        let r = try sample()
        let ids = Set(r.entries.map(\.id))
        for i in r.impacts {
            #expect(!i.causeEntries.isEmpty && Set(i.causeEntries).isSubset(of: ids), "\(i.name)")
            #expect(i.causeEntries.count == Set(i.causeEntries).count)
        }
        #expect(r.impact(ofUser: F.hana)?.causeEntries == ["user:\(F.hana)"])
        #expect(!r.impacts.contains { $0.causeEntries.contains("team:\(F.salesTeam)") })
        let throughRole = r.impacts.filter { $0.causeEntries.contains("role:\(F.salesperson)") }
        #expect(!throughRole.isEmpty && throughRole.allSatisfy { $0.causes.contains("role \"Salesperson\": privileges changed") })
    }

    @Test func tableShowsOnlyLinesAboutThatTable() throws {
        let r = try sample()
        let account = DiffFilter(tables: ["ACCOUNT"]).apply(to: r)
        #expect(!account.entries.isEmpty && !account.impacts.isEmpty)
        #expect(account.entries.allSatisfy { $0.lines.allSatisfy { ($0.table ?? $0.column?.table) == "account" } })
        for i in account.impacts {
            #expect(i.tableChanges.allSatisfy { $0.table == "account" })
            #expect(i.columnChanges.allSatisfy { $0.column.table == "account" })
            #expect(i.miscChanges.isEmpty)
        }
        // The team rename is about no table.
        #expect(!account.entries.contains { $0.objectId == F.salesTeam })
    }

    @Test func theFilterIsShownInEveryFormat() throws {
        let r = SnapshotDiffResult(
            comparisons: [DiffFilter(risks: [.escalation], tables: ["account"]).apply(to: try sample())], unmatchedEnvironments: [])
        let note = "Shown (--risk escalation --table account): 1 of 3 changed objects"
        #expect(DiffTextRenderer().render(r).contains(note))
        // (As a cell writes it: a colon that could start an autolink or an emoji is `&#58;`.)
        #expect(DiffMarkdownRenderer().render(r).contains(cell(note)))
        let json = String(decoding: DiffJSON.data(r), as: UTF8.self)
        #expect(json.contains("\"shown\": {") && json.contains("\"totalEntries\": 3"))
    }

    /// Filtering by each risk class in turn splits the impact lines and the entries' lines
    /// exactly: nothing is lost, nothing shown twice.
    @Test func theThreeRiskFiltersPartitionEveryLine() async {
        await propertyCheck(count: propertyCount(25), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            let (original, edited) = DiffPropertyTests.edited(seed, pick, edits: 5)
            guard let b = original.sortedEnvironments.first, let t = edited.environments[b.id] else { return }
            let r = SnapshotDiff.compare(base: b, target: t, options: DiffOptions(runChecks: false))
            func lines(_ d: DiffResult) -> Int {
                d.impacts.reduce(0) { $0 + $1.tableChanges.count + $1.columnChanges.count + $1.miscChanges.count }
            }
            let parts = RiskClass.allCases.map { DiffFilter(risks: [$0]).apply(to: r) }
            #expect(parts.map(lines).reduce(0, +) == lines(r))
            #expect(parts.map { $0.entries.reduce(0) { $0 + $1.lines.count } }.reduce(0, +) == r.entries.reduce(0) { $0 + $1.lines.count })
            #expect(parts.allSatisfy { $0.summary == r.summary && $0.hasEscalation == r.hasEscalation })
        }
    }
}
