import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// A change skipped on "reload theirs and re-apply mine" says what their file lacks by its name
/// from before the reload (found by a review: it said "does not apply: unknown role
/// '1748ef84-…'").
@Suite("Reload: why a change was skipped, in words")
struct ReloadSkipReasonTests {
    let mine = Fixture.snapshot

    /// Their file: mine with `changes` made.
    func theirs(_ changes: [Change]) throws -> Snapshot {
        var s = mine
        for c in changes { try s.apply(c) }
        return s
    }

    /// The reason for `change`, made on `mine` (its inverse from there), against `theirs`.
    func reason(_ change: Change, theirs: Snapshot) throws -> String? {
        var copy = mine
        let inverse = try copy.apply(change)
        return ReloadSkipReason.missing(change, inverse: inverse, mine: mine, theirs: theirs)
    }

    @Test func eachKindIsNamedAsItWasBeforeTheReload() throws {
        let p = Fixture.prod
        let noSeller = try theirs([.deleteRole(environment: p, role: Fixture.seller)])
        #expect(
            try reason(.assignUserRole(environment: p, user: Fixture.diego, role: Fixture.seller), theirs: noSeller)
                == "their file has no role Seller")
        let noTeam = try theirs([.deleteTeam(environment: p, team: Fixture.salesTeam)])
        #expect(
            try reason(.addTeamMember(environment: p, team: Fixture.salesTeam, user: Fixture.megan), theirs: noTeam)
                == "their file has no team Sales EU")
        let noProfile = try theirs([.deleteProfile(environment: p, profile: Fixture.financeProfile)])
        #expect(
            try reason(.addProfileUser(environment: p, profile: Fixture.financeProfile, user: Fixture.diego), theirs: noProfile)
                == "their file has no field security profile Finance Profile")
        var noUser = mine
        noUser.environments[p]?.users[Fixture.megan] = nil
        #expect(
            try reason(.setUserDisabled(environment: p, user: Fixture.megan, disabled: true), theirs: noUser)
                == "their file has no user Megan Bowen")
        var noUnit = mine
        noUnit.environments[p]?.businessUnits[Fixture.service] = nil
        #expect(
            try reason(.renameBusinessUnit(environment: p, businessUnit: Fixture.service, name: "Care"), theirs: noUnit)
                == "their file has no business unit Service")
        let noEnvironment = Snapshot(tenant: "Fabrikam", environments: [Fixture.sandboxEnvironment])
        #expect(
            try reason(.renameRole(environment: p, role: Fixture.seller, name: "Seller EU"), theirs: noEnvironment)
                == "their file has no environment Fabrikam Production")
        // Everything is there: the domain's refusal is about something else.
        #expect(try reason(.renameRole(environment: p, role: Fixture.seller, name: "Seller EU"), theirs: mine) == nil)
    }

    /// My deletion of a role they deleted too: the name comes from the deletion's inverse, since
    /// the snapshot before the reload no longer has the role.
    @Test func aDeletionOfMineIsNamedFromItsInverse() throws {
        let p = Fixture.prod
        var before = mine
        let inverse = try before.apply(.deleteRole(environment: p, role: Fixture.seller))
        let theirs = try theirs([.deleteRole(environment: p, role: Fixture.seller)])
        #expect(
            ReloadSkipReason.missing(.deleteRole(environment: p, role: Fixture.seller), inverse: inverse, mine: before, theirs: theirs)
                == "their file has no role Seller")
    }
}
