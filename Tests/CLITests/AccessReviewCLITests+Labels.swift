import Foundation
import SecurityModel
import Testing

/// What `effective`, `who-can` and `report` say of a rule where it applies, through the binary
/// (found by a docs review).
extension AccessReviewCLITests {
    /// The demo's Work Order Dispatcher is "Team privileges only" at Local and Global, held by
    /// Joni through Field Dispatch: `effective` says once that she gets no Basic level of her own
    /// from it (EffectiveAccessRules rule 4 says dvsec says so; only a Basic grant had said it).
    @Test func aTeamOnlyRoleAboveBasicIsSaidOnce() throws {
        let file = try demo { _ in }
        let r = try BinaryRunner.run(["effective", file, "--user", "Joni", "--explain"])
        #expect(r.status == 0, "\(r.stderr)")
        let note =
            "note: role \"Work Order Dispatcher\" is team-privileges-only: through team \"Field Dispatch\" it acts as the team"
            + " (a Basic level covers only the team's records), and the member gets no Basic level of their own from it\n"
        #expect(r.stdout.components(separatedBy: note).count == 2, "\(r.stdout)")
        // Without --explain too: the levels above follow it.
        let plain = try BinaryRunner.run(["effective", file, "--user", "Joni"])
        #expect(plain.stdout.contains(note), "\(plain.stdout)")
    }
}
