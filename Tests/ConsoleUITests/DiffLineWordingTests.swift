import SecurityModel
import TerminalCore
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

    /// A column relabelled against the baseline is a change the diff screen lists and shows
    /// (found by a review of hostile names: it was no difference at all).
    @Test func aRelabelledColumnIsShownOnTheDiffScreen() {
        var target = Fixture.snapshot
        target.environments[Fixture.prod]?.tables["fab_payment"]?.columns["fab_iban"]?.displayName = "Public Notes"
        var state = AppState(
            snapshot: target, document: Document(source: .file("/tmp/fabrikam.json")), environmentId: Fixture.prod,
            size: Size(width: 120, height: 30))
        state.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        reduce(&state, .screenRequested(.diff))
        #expect(screen(state).lines.contains { $0.contains("fab_payment") }, "\(screen(state).lines.joined(separator: "\n"))")
        reduce(&state, .selectionOpened)
        let text = screen(state).lines.joined(separator: "\n")
        #expect(text.contains("~ column display name fab_iban: IBAN → Public Notes"), "\(text)")
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
