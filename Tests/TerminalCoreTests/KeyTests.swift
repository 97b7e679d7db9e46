import Testing

@testable import TerminalCore

@Suite("Keys")
struct KeyTests {
    static let characterCodes: [(UInt32, DecodedInput)] = [
        (10, .key(.enter)), (13, .key(.enter)), (27, .key(.escape)), (9, .key(.tab)),
        (127, .key(.backspace)), (8, .key(.backspace)), (0, .key(.ctrl("@"))),
        (1, .key(.ctrl("a"))), (3, .key(.ctrl("c"))), (18, .key(.ctrl("r"))), (19, .key(.ctrl("s"))),
        (26, .key(.ctrl("z"))), (28, .key(.ctrl("\\"))), (31, .key(.ctrl("_"))),
        (0x71, .key(.char("q"))), (0x3F, .key(.char("?"))), (0x20, .key(.char(" "))), (0x47, .key(.char("G"))),
        (0xE9, .key(.char("é"))), (0x65E5, .key(.char("日"))), (0x1F600, .key(.char("😀"))),
        (0x9B, .ignored), (0xD800, .ignored),
    ]

    @Test(arguments: characterCodes)
    func decodesCharacters(code: UInt32, expected: DecodedInput) {
        #expect(Key.decode(code: code, isKeyCode: false) == expected)
    }

    static let keyCodes: [(UInt32, DecodedInput)] = [
        (0o402, .key(.down)), (0o403, .key(.up)), (0o404, .key(.left)), (0o405, .key(.right)),
        (0o406, .key(.home)), (0o550, .key(.end)), (0o522, .key(.pageDown)), (0o523, .key(.pageUp)),
        (0o512, .key(.delete)), (0o513, .key(.insert)), (0o407, .key(.backspace)), (0o527, .key(.enter)),
        (0o541, .key(.backTab)), (0o632, .resize), (0o411, .key(.function(1))), (0o424, .key(.function(12))),
        (0o507, .key(.function(63))), (0o410, .ignored), (0o631, .ignored), (0o1000, .ignored),
    ]

    @Test(arguments: keyCodes)
    func decodesCursesKeyCodes(code: UInt32, expected: DecodedInput) {
        #expect(Key.decode(code: code, isKeyCode: true) == expected)
    }

    @Test func keyCodeFlagDisambiguatesTheSameNumber() {
        // 0o402 is KEY_DOWN as a key code but the character U+0102 (Ă) as a wide character.
        #expect(Key.decode(code: 0o402, isKeyCode: false) == .key(.char("\u{102}")))
        #expect(CursesKeyCode.function(5) == 0o415)
    }

    @Test func descriptionsForHelpScreens() {
        #expect(Key.ctrl("s").description == "Ctrl-S")
        #expect(Key.pageDown.description == "PgDn")
        #expect(Key.pageUp.description == "PgUp")
        #expect(Key.char("?").description == "?")
        #expect(Key.char(" ").description == "Space")
        #expect(Key.backTab.description == "Shift-Tab")
        #expect(Key.escape.description == "Esc")
        #expect(Key.function(5).description == "F5")
    }

    static let allKinds: [Key] = [
        .char("q"), .char("G"), .char("?"), .char("/"), .char(":"), .char(" "), .char("é"), .char("-"), .char("^"),
        .ctrl("s"), .ctrl("r"), .ctrl("@"), .ctrl("\\"), .ctrl("_"), .enter, .escape, .tab, .backTab, .backspace,
        .delete, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .function(1), .function(12),
    ]

    @Test(arguments: allKinds)
    func descriptionRoundTrips(key: Key) {
        #expect(Key(key.description) == key)
    }

    @Test func parsesAliasesFromKeyMapTables() {
        #expect(Key("ctrl+s") == .ctrl("s"))
        #expect(Key("C-r") == .ctrl("r"))
        #expect(Key("^S") == .ctrl("s"))
        #expect(Key("escape") == .escape)
        #expect(Key("Return") == .enter)
        #expect(Key("PageDown") == .pageDown)
        #expect(Key("delete") == .delete)
        #expect(Key("f10") == .function(10))
        #expect(Key("space") == .char(" "))
    }

    @Test func rejectsWhatIsNotAKey() {
        #expect(Key("") == nil)
        #expect(Key("Ctrl-") == nil)
        #expect(Key("Ctrl-ab") == nil)
        #expect(Key("Ctrl-1") == nil)
        #expect(Key("F0") == nil)
        #expect(Key("F64") == nil)
        #expect(Key("Hyper-X") == nil)
        #expect(Key("\u{1B}") == nil)
    }
}
