import Foundation
import Testing

/// `dvsec diff` of two environments whose ids all differ, with an owner team renamed: a rename,
/// exit code 1, both ways (found by a domain review: it was a removal and an addition that
/// escalated, exit code 3, a false stop for a pipeline gated on the diff).
@Suite("CLI: a team renamed across environments")
struct TeamRenameCLITests {
    /// Prod and a sandbox copy of it with new ids for business units, teams and users (users
    /// matched by domain name), where owner team "Sales" is "Sales Europe".
    static func environment(_ id: String, _ type: String, suffix s: String, team: String) -> String {
        """
        {"id": "\(id)", "name": "\(id)", "type": "\(type)",
         "businessUnits": [{"id": "bu-root\(s)", "name": "Root"}, {"id": "bu-eu\(s)", "name": "EU", "parent": "bu-root\(s)"}],
         "tables": [{"logicalName": "account", "ownership": "user", "schemaName": "Account"}],
         "roles": [{"id": "r-seller", "name": "Seller", "businessUnit": "bu-root\(s)",
                    "privileges": {"account": {"read": "local", "write": "basic"}}}],
         "teams": [{"id": "t-root\(s)", "name": "Root", "businessUnit": "bu-root\(s)", "default": true, "type": "owner"},
                   {"id": "t-eu\(s)", "name": "EU", "businessUnit": "bu-eu\(s)", "default": true, "type": "owner"},
                   {"id": "t-sales\(s)", "name": "\(team)", "businessUnit": "bu-eu\(s)", "type": "owner",
                    "roles": ["r-seller"], "members": ["u-bob\(s)"]}],
         "users": [{"id": "u-bob\(s)", "name": "Bob", "businessUnit": "bu-root\(s)", "domainName": "bob@example.com"}]}
        """
    }

    @Test func aTeamRenamedAcrossEnvironmentsIsARenameAndExitsOne() throws {
        let path = BinaryRunner.temporaryDirectory() + "/envs.json"
        let json = """
            {"format": "dvsec-snapshot", "version": 1, "environments": [
            \(Self.environment("prod", "production", suffix: "", team: "Sales")),
            \(Self.environment("sandbox", "sandbox", suffix: "-s", team: "Sales Europe"))]}
            """
        #expect(FileManager.default.createFile(atPath: path, contents: Data(json.utf8)))
        let forward = try BinaryRunner.run(["diff", path, "--base-environment", "prod", "--environment", "sandbox", "--no-checks"])
        #expect(forward.status == 1, "\(forward.stdout)\(forward.stderr)")
        #expect(forward.stdout.contains("~ team \"Sales Europe\" (renamed from \"Sales\") [base id t-sales]"), "\(forward.stdout)")
        #expect(!forward.stdout.contains("+ team") && !forward.stdout.contains("- team"))
        let back = try BinaryRunner.run(["diff", path, "--base-environment", "sandbox", "--environment", "prod", "--no-checks"])
        #expect(back.status == 1, "\(back.stdout)\(back.stderr)")
        #expect(back.stdout.contains("~ team \"Sales\" (renamed from \"Sales Europe\") [base id t-sales-s]"), "\(back.stdout)")
    }
}
