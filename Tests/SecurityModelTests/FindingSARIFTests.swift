import Foundation
import Testing

@testable import SecurityModel

/// `dvsec check --format sarif`: every finding on the line of its record, every rule described,
/// suppressed findings kept as dismissed.
@Suite("SARIF output of the checks")
struct FindingSARIFTests {
    static let snapshot = DemoOrganisation.snapshot
    static let data = SnapshotWriter.data(for: snapshot)
    static let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")

    /// What the line of a record must name: its id, or a table's or column's logical name.
    func naming(_ key: String, in env: Environment) -> String {
        let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "environment": return #""id": "\#(env.id)""#
        case "table": return #""logicalName": "\#(parts[1])""#
        case "column": return #""logicalName": "\#(parts[1].split(separator: ".").last ?? "")""#
        default: return #""id": "\#(parts[1])""#
        }
    }

    @Test func everyRecordIsFoundOnTheLineThatNamesIt() throws {
        let locations = SnapshotLocations(data: Self.data)
        var seen = Set<Int>()
        for env in Self.snapshot.sortedEnvironments {
            var keys = ["environment"]
            keys += env.roles.keys.map { "role:\($0)" } + env.users.keys.map { "user:\($0)" } + env.teams.keys.map { "team:\($0)" }
            keys += env.fieldSecurityProfiles.keys.map { "profile:\($0)" } + env.businessUnits.keys.map { "businessUnit:\($0)" }
            keys += env.entraGroups.keys.map { "entraGroup:\($0)" } + env.tables.keys.map { "table:\($0)" }
            keys += env.tables.values.flatMap { t in t.columns.keys.map { "column:\(t.logicalName).\($0)" } }
            for key in keys {
                let line = try #require(locations.line(environmentId: env.id, key: key), "\(env.name) \(key)")
                #expect(Self.lines[line - 1].contains(naming(key, in: env)), "\(env.name) \(key): \(Self.lines[line - 1])")
                // Roles keep their ids across environments: each environment's record is its own line.
                #expect(seen.insert(line).inserted || key.hasPrefix("column:"), "\(env.name) \(key) on line \(line) twice")
            }
        }
        #expect(locations.line(environmentId: "nowhere", key: "environment") == nil)
    }

    @Test func theDocumentDescribesEveryRuleAndEveryFinding() throws {
        let env = try #require(Self.snapshot.sortedEnvironments.first)
        let findings = GoLiveChecks.run(env)
        let accepted = Suppression(rule: "GL9", place: "*", reason: "accepted: the auditors asked for it")
        let outcome = SuppressionOutcome(findings: findings, suppressions: [accepted])
        #expect(!outcome.suppressed.isEmpty)
        let sarif = FindingSARIF.data(
            outcome, uri: "org.json", locations: SnapshotLocations(data: Self.data), toolVersion: "9.9.9", includeSuppressed: true)
        let root = try #require(try JSONSerialization.jsonObject(with: sarif) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "dvsec" && driver["version"] as? String == "9.9.9")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == CheckRule.catalogue.map(\.id))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == findings.count)
        var fingerprints = Set<String>()
        for (result, finding) in zip(results, outcome.findings + outcome.suppressed.map(\.finding)) {
            #expect(result["ruleId"] as? String == finding.ruleId)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == finding.ruleId)
            let level = ["error": "error", "warning": "warning", "info": "note"][finding.severity.rawValue]
            #expect(result["level"] as? String == level)
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            let physical = try #require(location["physicalLocation"] as? [String: Any])
            #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "org.json")
            let line = try #require((physical["region"] as? [String: Any])?["startLine"] as? Int)
            let record = String(finding.place.key.split(separator: "/").first ?? "")
            #expect(Self.lines[line - 1].contains(naming(record, in: env)), "\(finding.ruleId) \(finding.place.path)")
            let print = try #require((result["partialFingerprints"] as? [String: String])?["dvsecFinding/v1"])
            #expect(fingerprints.insert(print).inserted)
            let suppressions = result["suppressions"] as? [[String: String]]
            #expect((suppressions != nil) == (finding.ruleId == "GL9"))
            if let suppressions {
                #expect(suppressions == [["kind": "external", "status": "accepted", "justification": accepted.reason]])
            }
        }
        // GitHub shows a rule's security-severity: that of its most serious result, else its default.
        let scale: [FindingSeverity: String] = [.error: "8.0", .warning: "5.0", .info: "2.0"]
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            let worst = findings.filter { $0.ruleId == id }.map(\.severity).min() ?? CheckRule.rule(id: id)?.severity
            let severity = (rule["properties"] as? [String: Any])?["security-severity"] as? String
            #expect(severity == worst.flatMap { scale[$0] }, "\(id)")
        }
        #expect(findings.contains { $0.ruleId == "AP2" && $0.severity == .error } && CheckRule.credentialsInDataverse.severity != .error)
    }

    /// Found by a checks review: an alert of an inferred rule did not say so (code scanning shows
    /// the result's message and the rule's short description), and the full description said
    /// "[I]" twice.
    @Test func inferredRulesSayItOnceInEachPlaceCodeScanningShows() throws {
        var env = DiffFixtures.environment()
        env.users[DiffFixtures.carol]?.isDisabled = true  // GL8a, inferred
        let outcome = SuppressionOutcome(findings: GoLiveChecks.run(env), suppressions: [])
        let sarif = FindingSARIF.data(outcome, uri: "org.json", locations: SnapshotLocations(data: Data()), toolVersion: "1")
        let root = try #require(try JSONSerialization.jsonObject(with: sarif) as? [String: Any])
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let gl8a = try #require(rules.first { $0["id"] as? String == "GL8a" })
        #expect((gl8a["shortDescription"] as? [String: String])?["text"]?.hasSuffix(" [I]") == true)
        let full = try #require((gl8a["fullDescription"] as? [String: String])?["text"])
        #expect(full.components(separatedBy: "[I]").count == 2, "\(full)")
        let ap1 = try #require(rules.first { $0["id"] as? String == "AP1" })
        #expect((ap1["shortDescription"] as? [String: String])?["text"]?.contains("[I]") == false)
        let results = try #require(run["results"] as? [[String: Any]])
        let result = try #require(results.first { $0["ruleId"] as? String == "GL8a" })
        // Literal brackets are escaped in a result's message (SARIF §3.11.6).
        #expect((result["message"] as? [String: String])?["text"]?.hasSuffix(#" \[I\] inferred rule."#) == true)
    }

    /// Found by a review of hostile names: a role named like a Markdown link, or with a bidi
    /// override or an escape sequence, reached the alert's message as it was. SARIF reads
    /// `[text](target)` in a message as an embedded link; the text must show the name, not run it.
    @Test func namesInAMessageAreEscapedAndCannotBeLinks() throws {
        var env = DiffFixtures.environment()
        env.settings.name = "Prod \u{1B}[31mRED"
        let hostile = "[x](javascript:alert(1)) \u{202E}nimda"
        for id in env.roles.keys where env.roles[id]?.isSystemAdministrator == true {
            env.roles[id]?.name = hostile
        }
        for id in env.users.keys { env.users[id]?.isDisabled = true }  // GL8a names the role
        let outcome = SuppressionOutcome(findings: GoLiveChecks.run(env), suppressions: [])
        #expect(outcome.findings.contains { $0.message.contains(hostile) }, "the fixture must name the role in a finding")
        let sarif = FindingSARIF.data(outcome, uri: "org.json", locations: SnapshotLocations(data: Data()), toolVersion: "1")
        let text = String(decoding: sarif, as: UTF8.self)
        let root = try #require(try JSONSerialization.jsonObject(with: sarif) as? [String: Any])
        let results = try #require((root["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let messages = results.compactMap { ($0["message"] as? [String: String])?["text"] }
        #expect(messages.contains { $0.contains(#"\[x\](javascript:alert(1)) \u{202E}nimda"#) }, "\(messages)")
        #expect(!messages.contains { $0.contains("[x](") || $0.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B } })
        // The environment property keeps the exact name, its escape written `\u001b` by JSON.
        #expect(!text.contains("\u{1B}") && !text.unicodeScalars.contains { $0.value == 0x202E })
    }

    /// By default suppressed findings are left out (GitHub would show them as open alerts) and only counted.
    @Test func suppressedFindingsAreLeftOutUnlessAsked() throws {
        let env = try #require(Self.snapshot.sortedEnvironments.first)
        let findings = GoLiveChecks.run(env)
        let outcome = SuppressionOutcome(
            findings: findings, suppressions: [Suppression(rule: "GL9", place: "*", reason: "accepted")])
        let sarif = FindingSARIF.data(outcome, uri: "org.json", locations: SnapshotLocations(data: Self.data), toolVersion: "1")
        let run = try #require(((try JSONSerialization.jsonObject(with: sarif) as? [String: Any])?["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == outcome.findings.count && !outcome.suppressed.isEmpty)
        #expect(FindingSARIF.resultCount(outcome) == results.count)
        let included = FindingSARIF.data(
            outcome, uri: "org.json", locations: SnapshotLocations(data: Self.data), toolVersion: "1", includeSuppressed: true)
        let all = try #require(
            ((try JSONSerialization.jsonObject(with: included) as? [String: Any])?["runs"] as? [[String: Any]])?.first?["results"]
                as? [[String: Any]])
        #expect(FindingSARIF.resultCount(outcome, includeSuppressed: true) == all.count)
        #expect(!results.contains { $0["ruleId"] as? String == "GL9" || $0["suppressions"] != nil })
        let properties = try #require(run["properties"] as? [String: Any])
        #expect(properties["suppressed"] as? Int == outcome.suppressed.count)
        #expect(properties["suppressedIncluded"] as? Bool == false)
    }

    /// A byte-order mark, CRLF line ends, the environment's id after its records, and an `id` in a
    /// nested object before the record's own.
    @Test func linesOfAHandWrittenFile() throws {
        let text = [
            #"{"format": "dvsec-snapshot", "version": 1, "environments": ["#,
            #" {"roles": ["#,
            #"   {"extra": {"id": "nested"},"#,
            #"    "id": "r1"}],"#,
            #"  "tables": [{"columns": [{"logicalName": "c1"}],"#,
            #"              "logicalName": "t1"}],"#,
            #"  "id": "e1"}]}"#,
        ].joined(separator: "\r\n")
        let locations = SnapshotLocations(data: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
        #expect(locations.line(environmentId: "e1", key: "role:r1") == 4)
        #expect(locations.line(environmentId: "e1", key: "role:nested") == nil)
        #expect(locations.line(environmentId: "e1", key: "column:t1.c1") == 5)
        #expect(locations.line(environmentId: "e1", key: "table:t1") == 6)
        #expect(locations.line(environmentId: "e1", key: "environment") == 7)
        // A broken file gives no line rather than a wrong one.
        #expect(
            SnapshotLocations(data: Data(#"{"environments": [{"id": "e1", "roles": [{"id": "#.utf8)).line(
                environmentId: "e1", key: "role:r1") == nil)
    }

    @Test func pathsBecomeURIs() {
        #expect(FindingSARIF.artifactURI(forPath: "snapshots/org.json") == "snapshots/org.json")
        #expect(FindingSARIF.artifactURI(forPath: "./a b.json") == "a%20b.json")
        #expect(FindingSARIF.artifactURI(forPath: "/tmp/x y#1.json") == "file:///tmp/x%20y%231.json")
        #expect(FindingSARIF.artifactURI(forPath: "backup:prod.json") == "./backup:prod.json")
    }

    /// GitHub code scanning shows the 5,000 most severe results of a run and rejects a run of more
    /// than 25,000: `check --format sarif` warns before either happens silently.
    @Test func gitHubsResultLimitsAreWarnedAbout() {
        #expect(FindingSARIF.gitHubLimitWarning(results: 4_927) == nil)
        #expect(FindingSARIF.gitHubLimitWarning(results: 5_000) == nil)
        let dropped = FindingSARIF.gitHubLimitWarning(results: 5_001)
        #expect(dropped?.hasPrefix("5001 results: GitHub code scanning keeps only the 5000 most severe") == true)
        #expect(dropped?.contains("--environment") == true)
        #expect(FindingSARIF.gitHubLimitWarning(results: 25_000)?.contains("keeps only") == true)
        #expect(FindingSARIF.gitHubLimitWarning(results: 25_001)?.contains("rejects a run of more than 25000") == true)
    }
}

extension FindingSARIFTests {
    /// A minified snapshot (`jq -c`) has every record on line 1: each SARIF result pointed at line
    /// 1, one place to a code-scanning tool. Each record now has its column too (UTF-16 code
    /// units: an emoji in a name before it counts two), walked once through the line.
    @Test func columnsTellRecordsApartInAMinifiedFile() throws {
        let text = #"{"environments":[{"id":"e1","users":[{"name":"Zoë 👩‍💻","id":"u1"},{"id":"u2"}],"roles":[{"id":"r1"}]}]}"#
        let locations = SnapshotLocations(data: Data(text.utf8))
        func column(of needle: String) -> Int {
            // 1-based UTF-16 column of the value after `needle` in the text.
            let range = text.range(of: needle)!
            return text[..<range.upperBound].utf16.count + 1
        }
        let u1 = try #require(locations.position(environmentId: "e1", key: "user:u1"))
        let u2 = try #require(locations.position(environmentId: "e1", key: "user:u2"))
        let r1 = try #require(locations.position(environmentId: "e1", key: "role:r1"))
        #expect(u1.line == 1 && u2.line == 1 && r1.line == 1)
        #expect(u1.column < u2.column && u2.column < r1.column)
        #expect(u1.column == column(of: #""name":"Zoë 👩‍💻","id":"#))
        #expect(u2.column == column(of: #"{"id":"u2"#) - 3)  // at the value's opening quote
        #expect(r1.column == column(of: #""roles":[{"id":"#))
        // In SARIF: a minified demo's results are each at their record's column on line 1.
        let pretty = try JSONSerialization.jsonObject(with: Self.data)
        let minified = try JSONSerialization.data(withJSONObject: pretty)
        let env = try #require(Self.snapshot.sortedEnvironments.first)
        let findings = GoLiveChecks.run(env)
        let sarif = FindingSARIF.data(
            SuppressionOutcome(findings: findings, suppressions: []), uri: "org.json",
            locations: SnapshotLocations(data: minified), toolVersion: "1")
        let root = try #require(try JSONSerialization.jsonObject(with: sarif) as? [String: Any])
        let results = try #require((root["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let regions = results.compactMap {
            (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        }
        #expect(regions.count == findings.count && findings.count > 10)
        #expect(regions.allSatisfy { $0["startLine"] as? Int == 1 })
        let places = Set(findings.map { $0.place.key.split(separator: "/").first.map(String.init) ?? "" })
        #expect(Set(regions.compactMap { $0["startColumn"] as? Int }).count == places.count)
    }
}
