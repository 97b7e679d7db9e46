/// A screen that presents buffers and delivers input: curses in the binary, a fake in tests.
///
/// Main-actor isolated because curses is one global state that must only be touched from one
/// thread; the console loop runs on the main actor anyway.
@MainActor
public protocol Terminal: AnyObject {
    /// The current size in columns and rows.
    var size: Size { get }
    /// Whether styles may use colour (the terminal has colours and the user did not turn them off).
    var colorEnabled: Bool { get }
    /// Whether the locale is UTF-8, so ``GlyphSet/unicode`` can be used.
    var unicodeEnabled: Bool { get }
    /// Whether SIGINT, SIGTERM or SIGHUP arrived: the loop should save what it must and quit.
    var terminationRequested: Bool { get }

    /// Shows `buffer` (clipped to ``size`` if it differs).
    func present(_ buffer: ScreenBuffer)
    /// Waits for the next input: a key, a resize, or ``InputEvent/tick`` after the timeout
    /// (a negative timeout waits indefinitely).
    func nextEvent(timeoutMilliseconds: Int) -> InputEvent
    /// Restores the terminal for the shell; safe to call more than once.
    func shutdown()
    /// Stops the program as Ctrl-Z does in a shell and returns when it is resumed (`fg`), with
    /// the screen restored; false when the shell has no job control (nothing happened).
    func suspend() -> Bool
}

extension Terminal {
    /// The glyphs this terminal can show.
    public var glyphs: GlyphSet {
        GlyphSet.forUnicode(unicodeEnabled)
    }
}
