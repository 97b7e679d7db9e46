extension Key: CustomStringConvertible, LosslessStringConvertible {
    /// The key as help screens and key-map tables write it: `Ctrl-S`, `PgDn`, `Shift-Tab`,
    /// `F5`, `Space`, or the character itself (`?`, `G`).
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return String(character)
        case .ctrl(let character): return "Ctrl-" + character.uppercased()
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .insert: return "Ins"
        case .function(let number): return "F\(number)"
        }
    }

    /// Parses a key as written in a key-map table or by ``description``.
    ///
    /// A single character is that character (case kept: `G` is not `g`). Names are
    /// case-insensitive and accept common aliases: `Ctrl-S`, `ctrl+s`, `C-s`, `^S`; `Esc`,
    /// `Escape`; `Enter`, `Return`; `PgDn`, `PageDown`; `Del`, `Delete`; `Shift-Tab`, `BackTab`;
    /// `Ins`, `Insert`; `Space`; `F1`…`F63`. Returns nil for anything else.
    public init?(_ description: String) {
        if description.count == 1, let character = description.first {
            guard let key = Key.fromSingleCharacter(character) else { return nil }
            self = key
            return
        }
        let lowered = description.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lowered.hasPrefix(prefix) {
            let rest = lowered.dropFirst(prefix.count)
            guard rest.count == 1, let character = rest.first, Key.isControlable(character) else { return nil }
            self = .ctrl(character)
            return
        }
        if lowered.first == "f", let number = Int(lowered.dropFirst()), (1...63).contains(number),
            lowered.dropFirst().allSatisfy(\.isASCII)
        {
            self = .function(number)
            return
        }
        guard let key = Key.named[lowered] else { return nil }
        self = key
    }

    private static let named: [String: Key] = [
        "space": .char(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
        "tab": .tab, "shift-tab": .backTab, "shift+tab": .backTab, "s-tab": .backTab, "backtab": .backTab,
        "backspace": .backspace, "bs": .backspace, "del": .delete, "delete": .delete,
        "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        "ins": .insert, "insert": .insert,
    ]

    /// Characters that can follow `Ctrl-`: letters and `@ \ ] ^ _` (what a terminal can send).
    private static func isControlable(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || "@\\]^_".contains(character)
    }

    private static func fromSingleCharacter(_ character: Character) -> Key? {
        if character.unicodeScalars.contains(where: needsEscape) { return nil }
        return .char(character)
    }
}
