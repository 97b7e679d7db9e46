import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Up and Down on the command line recall the session's commands; nothing behind the line moves.
@Suite("Command line: history, and a list that stays put")
struct CommandHistoryTests {
    /// Presses keys as the console does: through the key map, then the reducer.
    private func press(_ keys: [Key], _ state: inout AppState) {
        for key in keys {
            if let action = KeyMap.action(for: key, in: state) { reduce(&state, action) }
        }
    }

    private func type(_ text: String) -> [Key] { text.map { .char($0) } }

    /// Found by a console review: on Roles, row 3 selected, `:` Up Up `delete` Enter asked
    /// "Delete role …?" about row 1: the arrows moved the list behind the prompt, silently
    /// changing what :delete, :rename and :holders act on.
    @Test func upAndDownOnTheCommandLineLeaveTheSelectionAlone() {
        var state = Fixture.browserState()
        reduce(&state, .paneChosen(.roles))
        reduce(&state, .cursorMoved(.down))
        reduce(&state, .cursorMoved(.down))
        #expect(state.selectedId == Fixture.seller)
        press([.char(":"), .up, .up, .down], &state)
        press(type("delete") + [.enter], &state)
        #expect(state.list(.roles).cursor == 2)
        guard case .confirmDeletion(let question)? = state.dialog else {
            Issue.record("expected the delete question, got \(String(describing: state.dialog))")
            return
        }
        #expect(question.change == .deleteRole(environment: Fixture.prod, role: Fixture.seller))
    }

    @Test func theFilterLineDoesNotMoveTheListEither() {
        var state = Fixture.browserState()
        press([.char("/")] + type("a") + [.down, .down], &state)
        #expect(state.list(.users).cursor == 0)
        #expect(state.input?.text == "a")
        #expect(state.status == StatusMessage("Enter keeps the filter, then ↑↓ move in the list"))
        press([.enter, .down], &state)
        #expect(state.list(.users).cursor == 1, "after Enter the arrows move in the filtered list")
    }

    @Test func upRecallsEarlierCommandsAndDownLaterOnesThenTheTypedText() {
        var store = TestStore(Fixture.browserState())
        store.modify { state in
            press(type(":roles") + [.enter], &state)
            press(type(":users") + [.enter], &state)
            press(type(":roles") + [.enter], &state)  // once in the history, at the end
            reduce(&state, .commandLineOpened)
        }
        #expect(store.state.commandHistory == ["users", "roles"])
        store.send(.lineHistoryStepped(earlier: true)) {
            $0.input?.text = "roles"
            $0.input?.historyIndex = 1
        }
        store.send(.lineHistoryStepped(earlier: true)) {
            $0.input?.text = "users"
            $0.input?.historyIndex = 0
        }
        store.send(.lineHistoryStepped(earlier: true)) { $0.status = StatusMessage("No earlier command") }
        store.send(.lineHistoryStepped(earlier: false)) {
            $0.input?.text = "roles"
            $0.input?.historyIndex = 1
            $0.status = nil
        }
        store.send(.lineHistoryStepped(earlier: false)) {
            $0.input?.text = ""
            $0.input?.historyIndex = nil
        }
        store.send(.lineHistoryStepped(earlier: false)) { $0.status = StatusMessage("No later command: this is the line as typed") }
    }

    /// As in vim: what is typed before Up narrows the history to the commands starting with it.
    @Test func typedTextNarrowsTheRecalledCommands() {
        var state = Fixture.browserState()
        press(type(":roles") + [.enter], &state)
        press(type(":role Seller") + [.enter], &state)
        press(type(":users") + [.enter], &state)
        press([.escape, .escape, .escape], &state)
        press(type(":ro") + [.up], &state)
        #expect(state.input?.text == "role Seller")
        press([.up], &state)
        #expect(state.input?.text == "roles")
        press([.up], &state)
        #expect(state.input?.text == "roles")
        #expect(state.status == StatusMessage("No earlier command starting with “ro”"))
        press([.down, .down], &state)
        #expect(state.input?.text == "ro")
        // Typing after a recall edits that command; Up then starts from the new text.
        press([.up, .backspace], &state)
        #expect(state.input?.text == "role Selle")
        #expect(state.input?.historyIndex == nil)
    }

    @Test func anEmptyHistorySaysWhatItWillHold() {
        var state = Fixture.browserState()
        press([.char(":"), .up], &state)
        #expect(state.input?.text == "")
        #expect(state.status == StatusMessage("No earlier command: the history holds the commands run this session"))
        let screen = render(state, size: state.size, theme: .builtInDefault, glyphs: .unicode, colorEnabled: false)
        #expect(screen.text(row: 22).hasPrefix(":▏  No earlier command"))
    }

    @Test func theHistoryKeepsTheLatestCommandsUpToItsLimit() {
        var state = Fixture.browserState()
        for i in 0..<(AppState.commandHistoryLimit + 5) {
            reduce(&state, .commandLineOpened)
            state.input?.text = "messages \(i)"
            reduce(&state, .inputSubmitted)
            reduce(&state, .backRequested)
        }
        #expect(state.commandHistory.count == AppState.commandHistoryLimit)
        #expect(state.commandHistory.last == "messages \(AppState.commandHistoryLimit + 4)")
        #expect(state.commandHistory.first == "messages 5")
    }
}
