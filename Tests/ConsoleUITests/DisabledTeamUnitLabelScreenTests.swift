import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// A member keeping the roles of a team whose business unit is disabled is dvsec's own inferred
/// rule (EffectiveAccessRules rule 10 [I]); the why panel says so with the grant, in the domain's
/// words, as `effective --explain` does (found by a docs review).
@Suite struct DisabledTeamUnitLabelScreenTests {
    @Test func theWhyPanelLabelsATeamGrantOfADisabledUnit() {
        var s = Fixture.browserState(size: Size(width: 200, height: 50))
        // Sales EU (the team, Seller: account Read Deep) moves to Service, which is disabled;
        // Alex stays in Sales EU, enabled. The cursor starts on account Read.
        s.snapshot.environments[Fixture.prod]?.teams[Fixture.salesTeam]?.businessUnitId = Fixture.service
        s.snapshot.environments[Fixture.prod]?.businessUnits[Fixture.service]?.isDisabled = true
        for action: Action in [.commandEntered("user alex"), .selectionOpened] { reduce(&s, action) }
        let text = screen(s).lines.joined(separator: "\n")
        // Wrapped in the panel: the words, then the [I] that closes them.
        #expect(text.contains("BU \"Service\" is disabled: members who sign in keep what it"), "\(text)")
        #expect(text.contains("[I]]"), "\(text)")
    }
}
