import Testing

@testable import SecurityModel

/// "Did you mean": names within a few edits of a typed one, nearest only.
@Suite("Name suggestions")
struct NameSuggestionTests {
    @Test func editDistanceCountsSingleCharacterEditsIgnoringCase() {
        #expect(NameSuggestion.editDistance("account", "acount") == 1)
        #expect(NameSuggestion.editDistance("Salesperzon", "salesperson") == 1)
        #expect(NameSuggestion.editDistance("kitten", "sitting") == 3)
        #expect(NameSuggestion.editDistance("", "abc") == 3)
        #expect(NameSuggestion.editDistance("same", "SAME") == 0)
    }

    @Test func onlyTheNearestWithinTheToleranceAreOffered() {
        let roles = [("Salesperson", ["Salesperson"]), ("Sales Manager", ["Sales Manager"]), ("Auditor", ["Auditor"])]
        #expect(NameSuggestion.closest(to: "Salesperzon", among: roles) == ["Salesperson"])
        // Nothing within two edits (or a quarter of the length): no suggestion rather than a wild one.
        #expect(NameSuggestion.closest(to: "Marketing", among: roles) == [])
        #expect(NameSuggestion.closest(to: "  ", among: roles) == [])
        // Equally near: both, in natural order; a farther one is left out.
        let near = [("Role 10", ["Role 10"]), ("Role 2", ["Role 2"]), ("Rule 300", ["Rule 300"])]
        #expect(NameSuggestion.closest(to: "Role 1", among: near) == ["Role 2", "Role 10"])
    }

    @Test func usersAreFoundByNameWordOrDomainName() {
        var org = TestOrganisation()
        org.add(User(id: "a", name: "Alex Wilber", domainName: "alex@contoso.com", businessUnitId: TestOrganisation.root))
        org.add(User(id: "l", name: "Lee Gu", domainName: "lee@contoso.com", businessUnitId: TestOrganisation.root))
        let env = org.environment
        #expect(env.userSuggestions(for: "Alex Wilbur") == ["Alex Wilber <alex@contoso.com>"])
        #expect(env.userSuggestions(for: "alex@contso.com") == ["Alex Wilber <alex@contoso.com>"])
        #expect(env.userSuggestions(for: "Wilbr") == ["Alex Wilber <alex@contoso.com>"])
        #expect(env.userSuggestions(for: "Nobody At All") == [])
        // A short name allows one edit: "xy" is not a typo of "Gu", "Ge" is.
        #expect(env.userSuggestions(for: "xy") == [])
        #expect(env.userSuggestions(for: "Ge") == ["Lee Gu <lee@contoso.com>"])
    }

    @Test func hintsReadAsASentence() {
        #expect(NameSuggestion.hint([]) == "")
        #expect(NameSuggestion.hint(["account"]) == " (did you mean 'account'?)")
        #expect(NameSuggestion.hint(["a", "b", "c"]) == " (did you mean 'a', 'b' or 'c'?)")
        #expect(NameSuggestion.hint(["Auditor"], open: "“", close: "”") == " (did you mean “Auditor”?)")
    }
}
