@preconcurrency import CNCursesW
import TerminalCore

extension Key {
    /// Decodes what `get_wch` returned: its result code (`OK`, `KEY_CODE_YES` or `ERR`) and the
    /// value it stored. Nil for `ERR` (timeout or interrupted read).
    ///
    /// The mapping itself is ``Key/decode(code:isKeyCode:)`` in TerminalCore, which is unit
    /// tested without a terminal; this only reads curses' result codes.
    public static func fromCursesCode(result: Int32, value: UInt32) -> DecodedInput? {
        if result == dvsec_ERR() { return nil }
        return Key.decode(code: value, isKeyCode: result == dvsec_KEY_CODE_YES())
    }
}
