import SecurityModel
import TerminalCore

/// The console's main loop: input event → key map → action → reduce → effects → render.
///
/// Runs unchanged on the curses terminal and on ``FakeTerminal`` in tests.
@MainActor
public final class ConsoleLoop {
    /// Why the loop ended.
    public enum Ending: Hashable, Sendable {
        /// The user quit.
        case quit
        /// SIGINT, SIGTERM or SIGHUP arrived; every edit is already in the journal.
        case terminated
    }

    public private(set) var state: AppState
    private let terminal: any Terminal
    private let runner: EffectRunner
    /// How long to wait for a key before checking for signals, in milliseconds.
    public var tickMilliseconds = 250

    public init(state: AppState, terminal: any Terminal, runner: EffectRunner) {
        self.state = state
        self.terminal = terminal
        self.runner = runner
    }

    /// Runs until the user quits or a termination signal arrives. Does not shut the terminal down.
    public func run() -> Ending {
        dispatch(.terminalResized(terminal.size))
        draw()
        while !state.hasQuit {
            if terminal.terminationRequested { return .terminated }
            // Background results are looked for between keys, more often while some are due.
            let busy = runner.hasBackgroundWork
            let event = terminal.nextEvent(timeoutMilliseconds: busy ? min(tickMilliseconds, 50) : tickMilliseconds)
            let finished = runner.collectBackgroundResults()
            for action in finished { dispatch(action) }
            // Drawn after anything that can change the screen: an action, a resize, or a result
            // that arrived (even with a key that does nothing, or none).
            var changed = !finished.isEmpty
            switch event {
            case .tick:
                break
            case .resize(let width, let height):
                dispatch(.terminalResized(Size(width: width, height: height)))
                changed = true
            case .key(let key):
                if let action = KeyMap.action(for: key, in: state) {
                    dispatch(action)
                    changed = true
                }
            case .paste(let text):
                if let action = KeyMap.action(forPaste: text, in: state) {
                    dispatch(action)
                    changed = true
                }
            }
            // A stop asked for while suspended ends here, before drawing (see `suspend()`).
            if state.hasQuit || terminal.terminationRequested { break }
            if changed { draw() }
        }
        return terminal.terminationRequested ? .terminated : .quit
    }

    /// Reduces an action and runs its effects, feeding their results back in.
    public func dispatch(_ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in reduce(&state, next) {
                if effect == .suspend {
                    // The terminal is the loop's: stop until `fg`, then lay out for its size again.
                    let resumed = terminal.suspend()
                    queue += [.suspendFinished(resumed: resumed), .terminalResized(terminal.size)]
                    continue
                }
                if effect.drawsFirst { draw() }
                queue += runner.perform(effect, state: state)
            }
        }
    }

    private func draw() {
        terminal.present(
            render(
                state, size: terminal.size, theme: state.theme, glyphs: terminal.glyphs,
                colorEnabled: terminal.colorEnabled))
    }
}
