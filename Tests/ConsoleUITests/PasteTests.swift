import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// A paste is text for the line that is open, and never a run of keys.
@Suite("Paste")
struct PasteTests {
    @Test func aPasteWhereNoLineIsOpenIsRefusedWhole() {
        var state = Fixture.browserState()
        let before = state.snapshot
        let action = KeyMap.action(forPaste: "dd\nq", in: state)
        #expect(action == .pasteRefused)
        reduce(&state, action!)
        #expect(state.snapshot == before && !state.hasQuit && state.history.pendingCount == 0)
        #expect(state.status?.text.hasPrefix("Paste ignored") == true)
    }

    @Test func aPasteIntoAFilterFiltersAndDoesNotSubmit() {
        var state = Fixture.browserState()
        reduce(&state, .filterStarted)
        let action = KeyMap.action(forPaste: "Sales\r\nperson\n", in: state)
        #expect(action == .textPasted("Sales person"))
        reduce(&state, action!)
        #expect(state.input?.text == "Sales person")
        #expect(state.input != nil)
    }

    @Test func aPasteOnTheCommandLineAppendsToWhatIsTyped() {
        var state = Fixture.browserState()
        reduce(&state, .commandLineOpened)
        reduce(&state, .textTyped("w"))
        reduce(&state, KeyMap.action(forPaste: " /tmp/out.json\n", in: state)!)
        #expect(state.input?.text == "w/tmp/out.json")
    }

    @Test func aPasteWhileAQuestionWaitsAnswersNothing() {
        var state = Fixture.browserState()
        state.dialog = .confirmQuit(unsaved: 1)
        #expect(KeyMap.action(forPaste: "y", in: state) == nil)
    }

    @Test func anEmptyPasteDoesNothing() {
        var state = Fixture.browserState()
        reduce(&state, .filterStarted)
        #expect(KeyMap.action(forPaste: "\n", in: state) == nil)
    }
}
