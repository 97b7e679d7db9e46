import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// System Administrator is not editable and takes no member privilege inheritance (DATAVERSE.md
/// §1.4): its screens offer neither (found by a console review: "Inherit yes", "i member
/// privilege inheritance" and "Allowed here: None, User, …" on a role that refuses them).
@Suite("Screens: System Administrator is not editable")
struct SystemAdministratorScreenTests {
    func browser(size: Size) -> AppState {
        var state = Fixture.browserState(size: size)
        reduce(&state, .paneChosen(.roles))
        state.selectInBrowser(Fixture.sysadmin)
        return state
    }

    func text(_ state: AppState) -> String { screen(state).lines.joined(separator: "\n") }

    @Test func theDetailsAndTheListSayInheritanceIsNotSet() throws {
        let state = browser(size: Size(width: 140, height: 40))
        let shown = text(state)
        let row = try #require(shown.split(separator: "\n").first { $0.contains("→System Administrator") })
        #expect(row.contains("fixed") && !row.contains("yes"), "\(row)")
        #expect(shown.contains("Member's privilege inheritance: cannot be set"), "\(shown)")
        #expect(shown.contains("Enter privileges (not editable) · H holders") && !shown.contains("i member privilege"), "\(shown)")
        // Another role keeps its setting and its key.
        var seller = state
        seller.selectInBrowser(Fixture.seller)
        let other = text(seller)
        #expect(other.contains("i member privilege inheritance") && other.contains("Team privileges only"), "\(other)")
    }

    @Test func theEditorOffersNoLevelAndNoEditKey() throws {
        var state = browser(size: Size(width: 200, height: 40))
        reduce(&state, .selectionOpened)
        #expect(state.screen == .roleEditor)
        let shown = text(state)
        #expect(shown.contains("Not editable: System Administrator has every") && !shown.contains("Allowed here"), "\(shown)")
        #expect(!shown.contains("raise") && !shown.contains("edits change the row"), "\(shown)")
        reduce(&state, .paneCycled(forward: true))
        let misc = text(state)
        #expect(!misc.contains("i switches") && !misc.contains("change the level"), "\(misc)")
    }

    /// Found by a console review: `+` on a cell said "Read on account is already Organization,
    /// the highest account allows" where `-`, `i` and `4` said the role is not editable. Every
    /// level key says why, on a cell, a row, a column, every cell, and a miscellaneous privilege.
    @Test func everyLevelKeySaysTheRoleIsNotEditable() {
        let keys: [Action] = [.levelRaised, .levelLowered, .levelCycled] + AccessLevel.allCases.map { .levelChosen($0) }
        let scopes: [(String, [Action])] = [
            ("cell", []), ("row", [.cursorMoved(.left)]), ("column", [.cursorMoved(.up)]),
            ("every cell", [.cursorMoved(.left), .cursorMoved(.up)]), ("miscellaneous", [.paneCycled(forward: true)]),
        ]
        for (scope, moves) in scopes {
            for key in keys {
                var state = browser(size: Size(width: 200, height: 40))
                reduce(&state, .selectionOpened)
                for move in moves { reduce(&state, move) }
                reduce(&state, key)
                let said = state.status?.text ?? ""
                #expect(said.hasPrefix("System Administrator is not editable"), "\(scope), \(key): \(said)")
                #expect(state.status?.kind == .error, "\(scope), \(key)")
                #expect(state.history.pendingCount == 0)
            }
        }
    }
}
