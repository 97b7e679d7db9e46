import SecurityModel
import Testing

@testable import ConsoleUI

/// Found by a review: the diff screen wrote a role assigned as "+ role Auditor: Auditor".
@Suite struct DiffLineWordingTests {
    @Test func aRelationIsItsSubjectOnce() {
        let added = DiffLine(field: .role, subject: "Auditor", subjectId: "r1", old: nil, new: "Auditor")
        #expect(DiffWords.line(added) == "+ role Auditor")
        let cached = DiffLine(
            field: .cachedMember, subject: "Alex Wilber", subjectId: "u1", old: "Alex Wilber", new: nil,
            note: "not used: access follows the Entra group")
        #expect(DiffWords.line(cached) == "- cached member Alex Wilber  (not used: access follows the Entra group)")
        let level = DiffLine(field: .privilege, subject: "account Delete", old: "Basic", new: "Local")
        #expect(DiffWords.line(level) == "~ privilege account Delete: Basic → Local")
    }
}

/// The why panel said a User (Basic) grant "reaches records the user owns or that are shared
/// with them", leaving out the records of the user's teams that `effective --explain` names
/// (DATAVERSE.md §2): both now take the domain's words.
@Suite struct WhyPanelScopeWordingTests {
    @Test func aBasicGrantIsWordedAsTheCommandLineWordsIt() {
        let env = Fixture.production
        for actsAs in [GrantPrincipal.user, .team(Fixture.salesTeam)] {
            let grant = Grant(
                table: "account", operation: .read, level: .user, scopeBusinessUnitId: Fixture.salesEU, actsAs: actsAs,
                path: .direct(roleId: Fixture.salesperson))
            #expect(GrantDescription.scope(grant, env: env) == env.describeScope(grant))
        }
        let user = Grant(
            table: "account", operation: .read, level: .user, scopeBusinessUnitId: Fixture.salesEU, actsAs: .user,
            path: .direct(roleId: Fixture.salesperson))
        #expect(GrantDescription.scope(user, env: env) == "own records and those of the user's teams")
    }
}
