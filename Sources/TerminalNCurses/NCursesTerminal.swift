@preconcurrency import CNCursesW
import TerminalCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real ``Terminal``: ncursesw in raw mode, drawing ``ScreenBuffer``s and decoding keys.
///
/// curses only diffs and decodes; layout happens in the buffer. Start-up refuses (with a typed
/// error, never a hang or an exit) when stdin or stdout is not a terminal or `TERM` is unusable.
/// SIGINT, SIGTERM and SIGHUP only set ``terminationRequested``: the console loop checks it
/// after every event and shuts down in order. An `atexit` hook restores the screen if the
/// program exits some other way.
@MainActor
public final class NCursesTerminal: Terminal {
    /// Whether colour is in use: requested by the caller and supported by the terminal.
    public let colorEnabled: Bool
    /// Whether the locale's codeset is UTF-8 (`nl_langinfo(CODESET)`).
    public let unicodeEnabled: Bool

    private let styles: CursesStyles
    private var isActive = true
    private var currentTimeout: Int?
    /// Whether bracketed paste is on: turned on after a frame is out, off whenever the terminal
    /// is handed back (the next frame turns it on again).
    private var pasteModeOn = false

    private static var exitHookRegistered = false

    /// Takes over the terminal.
    ///
    /// - Parameter colorRequested: false for `NO_COLOR` or `--no-color` (decided by the
    ///   caller); colour is used only if this is true and the terminal has colours.
    /// - Throws: ``NCursesTerminalError`` when stdin/stdout is not a terminal or `TERM` is
    ///   unset, `dumb` or unknown to curses.
    public init(colorRequested: Bool) throws(NCursesTerminalError) {
        // Locale first: curses decides between UTF-8 and bytes when it starts.
        _ = setlocale(LC_ALL, "")
        let inputIsTerminal = isatty(STDIN_FILENO) == 1
        let outputIsTerminal = isatty(STDOUT_FILENO) == 1
        guard inputIsTerminal, outputIsTerminal else {
            throw .notATerminal(standardInput: inputIsTerminal, standardOutput: outputIsTerminal)
        }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            throw .terminalTypeUnset
        }
        guard term != "dumb" else { throw .dumbTerminal }

        TerminationSignals.installHandlers()
        if !Self.exitHookRegistered {
            TerminationSignals.registerExitRestore()
            Self.exitHookRegistered = true
        }
        guard dvsec_newterm() != nil else {
            TerminationSignals.restoreDefaultHandlers()
            throw .unknownTerminalType(term)
        }

        _ = raw()
        _ = noecho()
        _ = dvsec_keypad(1)
        _ = dvsec_scrollok(0)
        _ = set_escdelay(25)
        _ = curs_set(0)

        var colorEnabled = false
        var defaultColors = false
        if colorRequested, has_colors(), start_color() != dvsec_ERR() {
            colorEnabled = true
            defaultColors = use_default_colors() != dvsec_ERR()
        }
        self.colorEnabled = colorEnabled
        self.unicodeEnabled = Self.localeIsUTF8()
        self.styles = CursesStyles(
            colorEnabled: colorEnabled, colorCount: Int(dvsec_colors()), pairCount: Int(dvsec_color_pairs()),
            defaultColorsSupported: defaultColors)
    }

    /// Whether a termination signal arrived (readable from anywhere, e.g. a save routine).
    public nonisolated static var terminationRequested: Bool {
        TerminationSignals.received != nil
    }

    /// The signal that asked the program to stop (to exit with 128 + signal), or nil.
    public nonisolated static var terminationSignal: Int32? {
        TerminationSignals.received
    }

    /// Whether SIGINT, SIGTERM or SIGHUP arrived; see ``terminationSignal``.
    public var terminationRequested: Bool {
        Self.terminationRequested
    }

    /// The screen size curses currently knows (updated on `KEY_RESIZE`).
    public var size: Size {
        Size(width: Int(dvsec_cols()), height: Int(dvsec_lines()))
    }

    /// Draws every cell of `buffer` that fits the screen, then refreshes (curses sends only
    /// what changed). Wide graphemes use the wide-character API and skip their continuation
    /// cell; the bottom-right cell is inserted rather than added so the screen never scrolls.
    public func present(_ buffer: ScreenBuffer) {
        guard isActive else { return }
        let rows = min(Int(dvsec_lines()), buffer.height)
        let columns = Int(dvsec_cols())
        let lastRow = Int(dvsec_lines()) - 1
        _ = dvsec_erase()
        for y in 0..<max(0, rows) {
            var x = 0
            while x < min(columns, buffer.width) {
                guard let cell = buffer.cell(atX: x, y: y) else { break }
                if cell.isContinuation {
                    x += 1
                    continue
                }
                var drawn = cell
                if cell.width == 2 && x + 1 >= columns {
                    // The real screen is narrower than the buffer: never draw half a glyph.
                    drawn = .blank(cell.style)
                }
                let isBottomRight = y == lastRow && x + drawn.width >= columns
                draw(drawn, x: x, y: y, insert: isBottomRight)
                x += max(1, drawn.width)
            }
        }
        _ = dvsec_refresh()
        if !pasteModeOn {
            dvsec_bracketed_paste(1)
            pasteModeOn = true
        }
    }

    /// Reads one key with `get_wch`, waiting at most `timeoutMilliseconds` (negative: no
    /// limit); a timeout, an interrupted read or an unmapped code gives `.tick`. A terminal whose
    /// other end closed counts as SIGHUP (``terminationRequested``).
    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent {
        guard isActive else { return .tick }
        let timeout = max(-1, timeoutMilliseconds)
        if currentTimeout != timeout {
            dvsec_timeout(Int32(clamping: timeout))
            currentTimeout = timeout
        }
        var value: UInt32 = 0
        let result = dvsec_get_wch(&value)
        switch Key.fromCursesCode(result: result, value: value) {
        case nil:
            // A timeout, an interrupted read, or a terminal that is gone (then every read fails
            // at once: stop as on SIGHUP rather than spin).
            TerminationSignals.noteHangUpIfInputClosed()
            return .tick
        case .key(.escape):
            // Esc followed at once by more input is no Esc: Alt with a key (readline's Alt-d) or
            // a sequence this terminal's entry does not know. Taken as Esc and keys, it closed a
            // filter and then ran the letters as commands (d disables a user). Dropped whole.
            // The look ahead set a zero timeout: the next read sets the loop's own again, or every
            // read would return at once and the loop spin.
            // A paste (see BracketedPaste) opens with Esc too: its text is read whole.
            currentTimeout = nil
            let following = Self.waitingInput()
            if following.isEmpty { return .key(.escape) }
            return BracketedPaste.opensPaste(following) ? .paste(Self.restOfPaste(following)) : .tick
        case .key(let key):
            return .key(key)
        case .resize:
            return .resize(width: Int(dvsec_cols()), height: Int(dvsec_lines()))
        case .ignored:
            return .tick
        }
    }

    /// The characters already waiting (what followed an Esc), read without waiting; curses key
    /// codes among them are dropped.
    private static func waitingInput() -> [UInt32] {
        dvsec_timeout(0)
        var value: UInt32 = 0
        var characters: [UInt32] = []
        while true {
            let result = dvsec_get_wch(&value)
            if result == dvsec_ERR() { break }
            if result == dvsec_OK() { characters.append(value) }
        }
        return characters
    }

    /// Reads a paste up to its closing marker, waiting up to half a second for each further
    /// piece (a long paste arrives in several). Everything up to the marker is read, so nothing
    /// of the paste is taken for keys, but at most a million characters are kept.
    private static func restOfPaste(_ start: [UInt32]) -> String {
        if let text = BracketedPaste.text(afterEscape: start) { return text }
        let limit = 1_000_000
        var codes = start
        var recent = Array(start.suffix(BracketedPaste.closing.count))
        dvsec_timeout(500)
        var value: UInt32 = 0
        while true {
            let result = dvsec_get_wch(&value)
            if result == dvsec_ERR() { break }
            guard result == dvsec_OK() else { continue }
            if codes.count < limit { codes.append(value) }
            recent.append(value)
            if recent.count > BracketedPaste.closing.count { recent.removeFirst() }
            if recent == BracketedPaste.closing { break }
        }
        return BracketedPaste.text(afterEscape: codes) ?? BracketedPaste.unfinishedText(afterEscape: codes)
    }

    /// Restores the terminal (once: a second `endwin` would garble the shell) and gives SIGINT,
    /// SIGTERM and SIGHUP their default action back.
    public func shutdown() {
        guard isActive else { return }
        isActive = false
        if dvsec_isendwin() == 0 {
            _ = endwin()
        }
        if pasteModeOn { dvsec_bracketed_paste(0) }
        pasteModeOn = false
        TerminationSignals.restoreDefaultHandlers()
    }

    /// Hands the terminal back to the shell while `body` runs (e.g. to run `$PAGER`), then
    /// repaints.
    public func withScreenSuspended<T>(_ body: () throws -> T) rethrows -> T {
        guard isActive else { return try body() }
        if dvsec_isendwin() == 0 {
            _ = endwin()
        }
        if pasteModeOn { dvsec_bracketed_paste(0) }
        pasteModeOn = false
        defer { _ = dvsec_redraw() }
        return try body()
    }

    /// Stops the process as Ctrl-Z would in a shell (raw mode delivers Ctrl-Z as a key, so the
    /// console calls this when it wants job control); repaints when resumed with `fg`.
    ///
    /// Returns false, doing nothing, when the shell has no job control.
    @discardableResult
    public func suspend() -> Bool {
        guard isActive else { return false }
        guard TerminationSignals.suspendProcess() else { return false }
        // Stopped with the mode off; the next frame turns it on again.
        pasteModeOn = false
        return true
    }

    private func draw(_ cell: Cell, x: Int, y: Int, insert: Bool) {
        var scalars = cell.drawableScalars
        if !unicodeEnabled, let base = scalars.first, !base.isASCII {
            // curses cannot encode it in this locale and would draw a blank: show that
            // something is there.
            scalars = ["?"]
        }
        var characters = scalars.map { scalar -> wchar_t in
            // Defence in depth: the buffer only holds sanitized text, but a control character
            // must never reach curses, which would print it as `^[` or act on it.
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F..<0xA0).contains(value)
            return wchar_t(bitPattern: isControl ? 0x3F : value)
        }
        _ = dvsec_put_cell(
            Int32(y), Int32(x), &characters, Int32(characters.count), styles.attributes(for: cell.style),
            styles.pair(for: cell.style), insert ? 1 : 0)
    }

    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
