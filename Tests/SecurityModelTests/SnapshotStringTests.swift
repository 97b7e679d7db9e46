import Foundation
import Testing

@testable import SecurityModel

/// What a snapshot's strings may hold (found by a review of hostile names).
@Suite("Snapshot files: strings and names")
struct SnapshotStringTests {
    func problems(_ json: String) -> [SnapshotProblem] {
        do {
            _ = try SnapshotReader.read(Data(json.utf8), source: "x.json")
            return []
        } catch {
            return error.problems
        }
    }

    /// A document with one role named `name` (JSON text, escapes and all), on line 4.
    func document(roleName name: String) -> String {
        """
        {"format": "dvsec-snapshot", "version": 1, "environments": [
          {"id": "e", "name": "E", "type": "sandbox", "businessUnits": [{"id": "root", "name": "Root"}],
           "roles": [
            {"id": "r", "name": "\(name)", "businessUnit": "root"}]}]}
        """
    }

    /// A lone UTF-16 surrogate in a `\u` escape is half a character: it was read as U+FFFD, so
    /// `A\ud800`, `A\udc00` and `A\ufffd` were three roles that all showed `A�`, and a save wrote
    /// them back as `A�`. It is refused as a syntax error, with its path, line and column.
    @Test func aLoneSurrogateEscapeIsRefusedWithItsPlace() throws {
        for (escape, column) in [("A\\ud800", 27), ("A\\udc00", 27), ("A\\uD800\\u0041", 27), ("AB\\uDBFFx", 28)] {
            let p = problems(document(roleName: escape))
            #expect(p.count == 1, "\(escape): \(p)")
            let problem = try #require(p.first)
            #expect(problem.message.contains("surrogate"), "\(escape): \(problem.message)")
            #expect(problem.path == "environments[0].roles[0].name", "\(escape): \(problem.path)")
            #expect(
                problem.line == 4 && problem.column == column,
                "\(escape): \(String(describing: problem.line)):\(String(describing: problem.column))")
        }
        // A pair is one character, and U+FFFD written as such is U+FFFD.
        #expect(problems(document(roleName: "A\\ud83d\\ude00")).isEmpty)
        let read = try SnapshotReader.read(Data(document(roleName: "A\\ud83d\\ude00").utf8))
        #expect(read.environments["e"]?.roles["r"]?.name == "A😀")
        #expect(problems(document(roleName: "A\\ufffd")).isEmpty)
    }

    /// A document with every kind of named record, each named `name` (JSON text).
    func document(everyName name: String, displayName: String = "Account") -> String {
        """
        {"format": "dvsec-snapshot", "version": 1, "environments": [
          {"id": "e", "name": "\(name)", "type": "sandbox",
           "businessUnits": [{"id": "root", "name": "\(name)"}],
           "users": [{"id": "u", "name": "\(name)", "businessUnit": "root"}],
           "teams": [{"id": "t", "name": "\(name)", "businessUnit": "root"}],
           "roles": [{"id": "r", "name": "\(name)", "businessUnit": "root"}],
           "fieldSecurityProfiles": [{"id": "p", "name": "\(name)"}],
           "tables": [{"logicalName": "account", "displayName": "\(displayName)",
                       "columns": [{"logicalName": "name", "displayName": "\(displayName)"}]}]}]}
        """
    }

    static let namePaths = [
        "environments[0].name", "environments[0].businessUnits[0].name", "environments[0].users[0].name",
        "environments[0].teams[0].name", "environments[0].roles[0].name", "environments[0].fieldSecurityProfiles[0].name",
    ]

    /// `name` is required (SnapshotFormat.md): an empty or blank one was accepted, and `show`
    /// printed nothing for it. Each is refused with its path.
    @Test func emptyAndBlankNamesAreRefusedWithTheirPath() throws {
        for (written, words) in [
            ("", "is empty"), (" ", "is only white space"), ("\\u00a0\\t", "is only white space"),
            // Drawn as nothing, though not white space (a robustness review).
            ("\\u2800", "is only blank characters"), ("\\u3164 \\u2800", "is only blank characters"),
        ] {
            let p = problems(document(everyName: written))
            #expect(p.map(\.path) == Self.namePaths, "\(written): \(p)")
            #expect(p.allSatisfy { $0.message.contains(words) }, "\(written): \(p.map(\.message))")
        }
        // Inside a name, spaces of any kind are the name's own.
        #expect(problems(document(everyName: "Ventes\\u00a0: Nord  Est")).isEmpty)
    }

    /// `Salesperson ` and `Salesperson` read the same in `show` and `check`, and Dataverse trims
    /// names: a name with white space at its ends is read trimmed, with a note naming the record,
    /// and a save writes it trimmed. (Refusing it, as a first fix did, made every snapshot saved
    /// before unreadable, and every diff against such a baseline an error: a regression review.)
    @Test func untrimmedNamesAreReadTrimmedWithANote() throws {
        for written in ["Salesperson ", " Salesperson", "Salesperson\\u00a0", "Salesperson\\n"] {
            let data = Data(document(everyName: written).utf8)
            let snapshot = try SnapshotReader.read(data)
            let env = try #require(snapshot.sortedEnvironments.first)
            #expect(env.name == "Salesperson" && env.roles.values.first?.name == "Salesperson", "\(written)")
            #expect(env.users.values.first?.name == "Salesperson" && env.teams.values.first?.name == "Salesperson")
            #expect(env.businessUnits.values.first?.name == "Salesperson" && env.fieldSecurityProfiles.values.first?.name == "Salesperson")
            #expect(snapshot.readDifferently.count == 6, "\(snapshot.readDifferently)")
            #expect(
                snapshot.readDifferently.contains {
                    $0.contains(", role “Salesperson”") && $0.contains("has white space at its start or end")
                })
            // Saved, the names are trimmed, and the file reads with no note.
            let again = try SnapshotReader.read(SnapshotWriter.data(for: snapshot))
            #expect(again == snapshot && again.readDifferently.isEmpty)
        }
    }

    /// A display name may be empty (it stands for the logical name), not blank; an untrimmed
    /// one is read trimmed, as a name is.
    @Test func aDisplayNameMayBeEmptyButNotBlank() throws {
        #expect(problems(document(everyName: "N", displayName: "")).isEmpty)
        for written in [" ", "\\u2003"] {
            let p = problems(document(everyName: "N", displayName: written))
            #expect(
                p.map(\.path) == ["environments[0].tables[0].displayName", "environments[0].tables[0].columns[0].displayName"],
                "\(written): \(p)")
        }
        let env = try #require(
            try SnapshotReader.read(Data(document(everyName: "N", displayName: " Account").utf8)).sortedEnvironments.first)
        #expect(
            env.tables.values.first?.displayName == "Account" && env.tables.values.first?.columns.values.first?.displayName == "Account")
    }

    /// The domain refuses the same names, so an edit (from the console, or a journal) cannot
    /// make a snapshot that no longer loads; the demo and the generator make none.
    @Test func editsRefuseTheNamesLoadingRefuses() throws {
        var s = DemoOrganisation.snapshot
        let env = s.sortedEnvironments[0]
        let role = env.sortedRoles[0].id
        for bad in ["", " ", "Sales ", "\u{A0}Sales"] {
            #expect(throws: ChangeError.self) { try s.apply(.renameRole(environment: env.id, role: role, name: bad)) }
            var settings = env.settings
            settings.name = bad
            #expect(throws: ChangeError.self) { try s.apply(.setEnvironmentSettings(environment: env.id, settings: settings)) }
        }
        #expect(throws: Never.self) { try SnapshotReader.read(SnapshotWriter.data(for: DemoOrganisation.snapshot)) }
        let generated = SnapshotGenerator.generate(users: 300, teams: 20, roles: 15, tables: 30, seed: 4)
        #expect(throws: Never.self) { try SnapshotReader.read(SnapshotWriter.data(for: generated)) }
    }
}
