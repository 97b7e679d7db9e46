/// A key the user pressed, after the terminal's escape sequences have been decoded.
public enum Key: Hashable, Sendable {
    /// A printable character, e.g. `q`, `?`, `G`, `é`, a space.
    case char(Character)
    /// Control plus a letter (lowercase, `.ctrl("s")`) or one of `@ \ ] ^ _`.
    ///
    /// Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M send the same codes as Backspace, Tab and Enter, so
    /// the decoder reports those keys instead; `.ctrl("h")` etc. never arrive from a terminal.
    case ctrl(Character)
    /// Enter or Return.
    case enter
    /// Esc (a lone ESC; curses waits 25 ms to tell it from a sequence).
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Backspace (sent as DEL, ^H or `KEY_BACKSPACE`).
    case backspace
    /// The forward-delete key (`Del`).
    case delete
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page Up (`PgUp`).
    case pageUp
    /// Page Down (`PgDn`).
    case pageDown
    /// Insert (`Ins`).
    case insert
    /// A function key, `F1` … `F63` (Shift-F1 arrives as F13 on most terminals).
    case function(Int)
}

/// Something the console loop has to react to.
public enum InputEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// The terminal now has this size; render again.
    case resize(width: Int, height: Int)
    /// Text the user pasted (see ``BracketedPaste``), as the terminal sent it.
    case paste(String)
    /// No input arrived before the read timeout.
    case tick
}
