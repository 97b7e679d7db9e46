/// Why the curses console could not start; each message says what to do instead.
public enum NCursesTerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, CI).
    case notATerminal(standardInput: Bool, standardOutput: Bool)
    /// `TERM` is not set.
    case terminalTypeUnset
    /// `TERM` is `dumb`, which cannot position the cursor.
    case dumbTerminal
    /// curses has no description for this `TERM` (`newterm` failed).
    case unknownTerminalType(String)

    public var description: String {
        switch self {
        case .notATerminal(let input, let output):
            let which: String
            switch (input, output) {
            case (false, false): which = "standard input and standard output are not terminals"
            case (false, true): which = "standard input is not a terminal"
            default: which = "standard output is not a terminal"
            }
            return "the console needs an interactive terminal, but \(which); "
                + "use a command such as `dvsec effective` or `dvsec check` in scripts"
        case .terminalTypeUnset:
            return "the console needs a terminal type, but TERM is not set; try TERM=xterm-256color"
        case .dumbTerminal:
            return "the console cannot draw on a dumb terminal (TERM=dumb); try TERM=xterm-256color"
        case .unknownTerminalType(let term):
            return "the terminal type TERM=\(term) is unknown to curses (no terminfo entry); "
                + "try TERM=xterm-256color or install the ncurses-term package"
        }
    }
}
