import Foundation
import SecurityModel
import Testing

/// Findings of a domain review of `dvsec check` and `dvsec effective`, each driven through the
/// real binary on the demo with one edit.
@Suite("CLI: check and effective review")
struct CheckReviewCLITests {
    /// The demo with `edit` applied to its production environment, written to a new file.
    func demo(_ edit: (inout Environment) throws -> Void) throws -> String {
        var snapshot = DemoOrganisation.snapshot
        let prod = try #require(snapshot.environment(matching: "prod"))
        var env = prod
        try edit(&env)
        snapshot.environments[prod.id] = env
        let file = BinaryRunner.temporaryDirectory() + "/review.json"
        #expect(FileManager.default.createFile(atPath: file, contents: SnapshotWriter.data(for: snapshot)))
        return file
    }

    func findings(_ file: String) throws -> [[String: Any]] {
        let r = try BinaryRunner.run(["check", file, "-e", "prod", "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        return try #require(root["findings"] as? [[String: Any]])
    }

    /// `contact.password` and `contact.apitoken`, standard columns of a standard table, were
    /// reported by neither AP1 nor AP2: each is now one AP1 warning.
    @Test func credentialColumnsOfAStandardTableAreReportedOnce() throws {
        let file = try demo { env in
            env.tables["contact"]?.columns["password"] = Column(logicalName: "password")
            env.tables["contact"]?.columns["apitoken"] = Column(logicalName: "apitoken")
        }
        let text = try BinaryRunner.run(["check", file, "-e", "prod"])
        #expect(text.stdout.contains("warning AP1   Contoso Production/table/contact/column/password"), "\(text.stdout)")
        #expect(
            text.stdout.contains(
                "contact.password looks like a credential ('password') but is not secured: everyone who can read contact can read it."))
        let found = try findings(file)
        for column in ["password", "apitoken"] {
            let about = found.filter { $0["path"] as? String == "table/contact/column/\(column)" }
            #expect(about.map { $0["rule"] as? String } == ["AP1"], "\(column)")
            #expect(about.map { $0["severity"] as? String } == ["warning"], "\(column)")
        }
    }
}
