import Foundation
import SecurityModel
import Testing

/// Who has access at run time, through the binary: licences, disabled business units and access
/// mode Administrative (EffectiveAccessRules rules 6, 9 and 10).
extension AccessReviewCLITests {
    /// An unlicensed non-interactive user needs no licence: active in `effective` and `who-can`,
    /// said why, without [I] (Microsoft states it).
    @Test func anUnlicensedNonInteractiveUserIsActive() throws {
        let file = try demo { env in
            let omar = try user(env, "Omar Haddad")
            #expect(!omar.isLicensed)
            env.users[omar.id]?.accessMode = .nonInteractive
        }
        let r = try BinaryRunner.run(["effective", file, "--user", "Omar Haddad"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("note: unlicensed, but a non-interactive user needs no licence: not dormant\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("DORMANT"), "\(r.stdout)")
        let who = try BinaryRunner.run(["who-can", file, "--table", "systemuser", "--include-dormant"])
        let line = try #require(who.stdout.split(separator: "\n").first { $0.contains("Omar Haddad") })
        #expect(!line.contains("dormant"), "\(line)")
        let report = try BinaryRunner.run(["report", file, "--user", "Omar Haddad"])
        #expect(report.stdout.contains("a non-interactive user needs no licence"), "\(report.stdout)")
    }
}
