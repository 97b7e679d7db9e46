import Testing

@testable import TerminalCore

@MainActor
@Suite("Fake terminal")
struct FakeTerminalTests {
    /// A miniature console loop, as the real one is: render, present, read, react.
    func runLoop(on terminal: any Terminal) -> [String] {
        var typed: [String] = []
        while !terminal.terminationRequested {
            var frame = ScreenBuffer(size: terminal.size)
            frame.put("typed: " + typed.joined(separator: " "), x: 0, y: 0)
            terminal.present(frame)
            switch terminal.nextEvent(timeoutMilliseconds: 100) {
            case .key(.char("q")):
                terminal.shutdown()
                return typed
            case .key(let key):
                typed.append(key.description)
            case .resize, .tick, .paste:
                continue
            }
        }
        terminal.shutdown()
        return typed
    }

    @Test func replaysEventsAndRecordsEveryFrame() {
        let terminal = FakeTerminal(
            size: Size(width: 20, height: 2), events: [.key(.down), .tick, .key(.ctrl("s"))])
        let typed = runLoop(on: terminal)
        #expect(typed == ["Down", "Ctrl-S"])
        #expect(terminal.frames.count == 4)
        #expect(
            terminal.frames.map { $0.text(row: 0) } == ["typed:", "typed: Down", "typed: Down", "typed: Down Ctrl-S"])
        #expect(terminal.lastFrame?.lines == ["typed: Down Ctrl-S", ""])
        #expect(terminal.exhaustedReads == 1)  // the default `q` ended the loop
        #expect(terminal.requestedTimeouts == [100, 100, 100, 100])
        #expect(terminal.shutdownCount == 1)
    }

    @Test func queuedResizeChangesTheSizeWhenDelivered() {
        let terminal = FakeTerminal(size: Size(width: 10, height: 3))
        terminal.queueResize(width: 30, height: 5)
        terminal.enqueue(keys: [.char("x")])
        #expect(terminal.size == Size(width: 10, height: 3))
        #expect(terminal.nextEvent(timeoutMilliseconds: 0) == .resize(width: 30, height: 5))
        #expect(terminal.size == Size(width: 30, height: 5))
        #expect(terminal.nextEvent(timeoutMilliseconds: 0) == .key(.char("x")))
        _ = runLoop(on: terminal)
        #expect(terminal.lastFrame?.size == Size(width: 30, height: 5))
    }

    @Test func exhaustedScriptReturnsTheConfiguredEvent() {
        let terminal = FakeTerminal(size: Size(width: 5, height: 1), eventWhenExhausted: .tick)
        #expect(terminal.nextEvent(timeoutMilliseconds: 10) == .tick)
        #expect(terminal.nextEvent(timeoutMilliseconds: 10) == .tick)
        #expect(terminal.exhaustedReads == 2)
        terminal.enqueue(.key(.enter))
        #expect(terminal.nextEvent(timeoutMilliseconds: 10) == .key(.enter))
    }

    @Test func simulatedTerminationStopsTheLoop() {
        let terminal = FakeTerminal(size: Size(width: 5, height: 1), eventWhenExhausted: .tick)
        terminal.terminationRequested = true
        #expect(runLoop(on: terminal).isEmpty)
        #expect(terminal.frames.isEmpty)
        #expect(terminal.shutdownCount == 1)
    }

    @Test func glyphsFollowTheUnicodeSetting() {
        #expect(FakeTerminal(size: Size(width: 1, height: 1)).glyphs == .unicode)
        #expect(FakeTerminal(size: Size(width: 1, height: 1), unicodeEnabled: false).glyphs == .ascii)
    }
}
