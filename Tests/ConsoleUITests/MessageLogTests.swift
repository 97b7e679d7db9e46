import ConsoleUI
import TerminalCore
import Testing

/// `:messages`: the status line cuts a long message at the terminal's width (a reviewer could not
/// read the rest at 120 columns); every message is kept and listed whole, newest first.
@Suite("Reducer and screen: the message log")
struct MessageLogTests {
    @Test func everyNewMessageIsLoggedOnceAndListedWholeNewestFirst() throws {
        var state = Fixture.browserState()
        let long = "A long warning " + String(repeating: "that keeps going ", count: 12) + "and ends here."
        reduce(&state, .themeLoaded(.builtInDefault, warnings: [long]))
        reduce(&state, .suspendFinished(resumed: false))
        // The same message again (the key pressed twice) is logged once.
        reduce(&state, .suspendFinished(resumed: false))
        #expect(state.messageLog.count == 2)
        #expect(state.messageLog.first?.text.hasSuffix("and ends here.; kept theme default") == true)

        // The status line at 80 columns says where to read it whole.
        reduce(&state, .themeLoaded(.builtInDefault, warnings: [long]))
        let line = try #require(render(state, width: 80, height: 24).first { $0.hasPrefix("A long warning") })
        #expect(line.hasSuffix(":messages"), "\(line)")

        reduce(&state, .commandLineOpened)
        for c in "messages" { reduce(&state, .textTyped(c)) }
        reduce(&state, .inputSubmitted)
        let screen = render(state, width: 80, height: 24).joined(separator: "\n")
        #expect(screen.contains("Messages: 3, newest first"))
        #expect(screen.contains("and ends here.; kept theme default"), "\(screen)")
        let shell = try #require(screen.range(of: "this shell has no job control"))
        let theme = try #require(screen.range(of: "A long warning"))
        #expect(theme.lowerBound < shell.lowerBound, "newest first")
        // Typing searches the messages.
        for c in "shell" { reduce(&state, .textTyped(c)) }
        let found = render(state, width: 80, height: 24).joined(separator: "\n")
        #expect(found.contains("job control") && !found.contains("A long warning"))
        reduce(&state, .backRequested)
        #expect(state.help == nil)
    }

    @Test func theLogKeepsTheLastMessagesOnly() {
        var state = Fixture.browserState()
        for i in 0..<(AppState.messageLogLimit + 5) {
            let previous = state.status
            state.status = .warning("message \(i)")
            state.logStatus(previous: previous)
        }
        #expect(state.messageLog.count == AppState.messageLogLimit)
        #expect(state.messageLog.last?.text == "message \(AppState.messageLogLimit + 4)")
        #expect(state.messageLog.first?.text == "message 5")
    }

    func render(_ state: AppState, width: Int, height: Int) -> [String] {
        var s = state
        s.size = Size(width: width, height: height)
        return screen(s).lines
    }
}
