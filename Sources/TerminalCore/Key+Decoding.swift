/// The numeric key codes ncurses returns from `get_wch` with `KEY_CODE_YES`.
///
/// These values are fixed by `<curses.h>` (they are part of the X/Open curses ABI), so the
/// decoder can live here without importing curses and be unit tested.
public enum CursesKeyCode {
    public static let down: UInt32 = 0o402
    public static let up: UInt32 = 0o403
    public static let left: UInt32 = 0o404
    public static let right: UInt32 = 0o405
    public static let home: UInt32 = 0o406
    public static let backspace: UInt32 = 0o407
    /// `KEY_F0`; `KEY_F(n)` is `functionBase + n`.
    public static let functionBase: UInt32 = 0o410
    public static let deleteCharacter: UInt32 = 0o512
    public static let insertCharacter: UInt32 = 0o513
    public static let nextPage: UInt32 = 0o522
    public static let previousPage: UInt32 = 0o523
    public static let enter: UInt32 = 0o527
    public static let backTab: UInt32 = 0o541
    public static let end: UInt32 = 0o550
    public static let resize: UInt32 = 0o632

    /// `KEY_F(n)` for n in 1...63.
    public static func function(_ number: Int) -> UInt32 {
        functionBase + UInt32(max(0, min(63, number)))
    }
}

/// What one raw code from the terminal means.
public enum DecodedInput: Hashable, Sendable {
    /// A key.
    case key(Key)
    /// The terminal was resized; ask the backend for the new size.
    case resize
    /// A code the console has no use for (mouse, an unmapped function key, a C1 control).
    case ignored
}

extension Key {
    /// Decodes one result of `get_wch`: a wide character (`isKeyCode` false) or a curses key
    /// code (`isKeyCode` true, the call returned `KEY_CODE_YES`).
    ///
    /// Characters: 10 and 13 are Enter, 27 Escape, 9 Tab, 8 and 127 Backspace, 0 Ctrl-@,
    /// 1–26 Ctrl-A…Ctrl-Z, 28–31 Ctrl-\ ] ^ _; other C0/C1 controls and invalid scalars are
    /// ignored; everything else is `.char`. Key codes map the `KEY_*` constants in
    /// ``CursesKeyCode``.
    public static func decode(code: UInt32, isKeyCode: Bool) -> DecodedInput {
        isKeyCode ? decodeKeyCode(code) : decodeCharacter(code)
    }

    private static func decodeCharacter(_ code: UInt32) -> DecodedInput {
        switch code {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 0: return .key(.ctrl("@"))
        case 1...26:
            return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60))))
        case 28...31:
            return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 0x40))))
        case 0x80..<0xA0:
            return .ignored
        default:
            guard let scalar = Unicode.Scalar(code) else { return .ignored }
            return .key(.char(Character(scalar)))
        }
    }

    private static func decodeKeyCode(_ code: UInt32) -> DecodedInput {
        switch code {
        case CursesKeyCode.down: return .key(.down)
        case CursesKeyCode.up: return .key(.up)
        case CursesKeyCode.left: return .key(.left)
        case CursesKeyCode.right: return .key(.right)
        case CursesKeyCode.home: return .key(.home)
        case CursesKeyCode.end: return .key(.end)
        case CursesKeyCode.backspace: return .key(.backspace)
        case CursesKeyCode.deleteCharacter: return .key(.delete)
        case CursesKeyCode.insertCharacter: return .key(.insert)
        case CursesKeyCode.nextPage: return .key(.pageDown)
        case CursesKeyCode.previousPage: return .key(.pageUp)
        case CursesKeyCode.enter: return .key(.enter)
        case CursesKeyCode.backTab: return .key(.backTab)
        case CursesKeyCode.resize: return .resize
        case (CursesKeyCode.functionBase + 1)...(CursesKeyCode.functionBase + 63):
            return .key(.function(Int(code - CursesKeyCode.functionBase)))
        default: return .ignored
        }
    }
}
