import Testing

@testable import TerminalCore

@Suite("Sanitizing data for display")
struct SanitizeTests {
    @Test func plainTextIsUnchanged() {
        #expect(sanitizedForDisplay("Sales Manager") == "Sales Manager")
        #expect(sanitizedForDisplay("日本語 é 👩‍💻") == "日本語 é 👩‍💻")
        #expect(sanitizedForDisplay("CONTOSO\\alice") == "CONTOSO\\alice")
    }

    /// Found by a robustness review: three roles read "Salesperson", two with a joiner inside.
    @Test func joinersAreKeptOnlyWhereTheyJoin() {
        #expect(sanitizedForDisplay("Sales\u{200D}person") == "Sales\\u{200D}person")
        #expect(sanitizedForDisplay("Sales\u{200C}person") == "Sales\\u{200C}person")
        #expect(sanitizedForDisplay("Прод\u{200D}авец") == "Прод\\u{200D}авец")
        #expect(sanitizedForDisplay("Admin\u{FE0F}") == "Admin\\u{FE0F}")
        #expect(sanitizedForDisplay("\u{200D}") == "\\u{200D}")
        for kept in ["👩\u{200D}💻", "❤\u{FE0F} team", "👩\u{200D}❤\u{FE0F}\u{200D}👨", "क\u{94D}\u{200D}ष", "می\u{200C}خواهم"] {
            #expect(sanitizedForDisplay(kept) == kept, "\(kept.debugDescription)")
        }
    }

    /// U+2800 BRAILLE PATTERN BLANK draws as nothing and is neither white space nor a format
    /// character: "Sales\u{2800}Manager" passed for "Sales Manager" (a robustness review). The
    /// visible Braille patterns are kept.
    @Test func theBrailleBlankIsEscaped() {
        #expect(sanitizedForDisplay("Sales\u{2800}Manager") == "Sales\\u{2800}Manager")
        #expect(sanitizedForDisplay("\u{2801}\u{28FF}") == "\u{2801}\u{28FF}")
    }

    @Test func escapeSequencesBecomeVisibleText() {
        #expect(sanitizedForDisplay("evil\u{1B}[31mred") == "evil\\e[31mred")
        #expect(sanitizedForDisplay("\u{1B}]0;pwned\u{07}") == "\\e]0;pwned^G")
    }

    @Test func c0ControlsUseCaretNotation() {
        #expect(sanitizedForDisplay("a\u{00}b") == "a^@b")
        #expect(sanitizedForDisplay("\u{01}\u{1A}\u{1F}") == "^A^Z^_")
        #expect(sanitizedForDisplay("bell\u{07}") == "bell^G")
        #expect(sanitizedForDisplay("back\u{08}space") == "back^Hspace")
    }

    @Test func whitespaceControlsUseBackslashNames() {
        #expect(sanitizedForDisplay("a\tb\nc\rd") == "a\\tb\\nc\\rd")
        #expect(sanitizedForDisplay("line\r\nbreak") == "line\\r\\nbreak")
    }

    @Test func deleteAndC1Controls() {
        #expect(sanitizedForDisplay("x\u{7F}") == "x^?")
        #expect(sanitizedForDisplay("\u{9B}31m") == "\\u{9B}31m")  // 8-bit CSI
        #expect(sanitizedForDisplay("\u{85}") == "\\u{85}")
    }

    @Test func invisibleFormattingThatCanDisguiseNamesIsShown() {
        #expect(sanitizedForDisplay("admin\u{202E}txt.exe") == "admin\\u{202E}txt.exe")
        #expect(sanitizedForDisplay("ad\u{200B}min") == "ad\\u{200B}min")
        #expect(sanitizedForDisplay("\u{FEFF}name") == "\\u{FEFF}name")
        #expect(sanitizedForDisplay("a\u{2028}b") == "a\\u{2028}b")
    }

    @Test func zwjAndVariationSelectorsSurviveForEmoji() {
        #expect(sanitizedForDisplay("👩‍💻") == "👩‍💻")
        #expect(sanitizedForDisplay("\u{2764}\u{FE0F}") == "\u{2764}\u{FE0F}")
    }

    @Test func sanitizedOutputNeverContainsControls() {
        var everything = ""
        for value in UInt32(0)...0x9F {
            if let scalar = Unicode.Scalar(value) { everything.unicodeScalars.append(scalar) }
        }
        let safe = sanitizedForDisplay(everything)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
}

/// Escaping is linear in the length of the text (found by a hostile-input review: each escape
/// was appended to a `String.UnicodeScalarView`, which copied everything before it, so a
/// description of 100,000 bidi overrides froze the console for seconds). No time is asserted:
/// before the fix this took minutes, after it well under a second.
extension SanitizeTests {
    @Test func aLongTextWithAnEscapeInEveryCharacterIsSanitizedWhole() {
        let n = 100_000
        #expect(sanitizedForDisplay(String(repeating: "\u{202E}", count: n)) == String(repeating: "\\u{202E}", count: n))
        #expect(sanitizedForDisplay(String(repeating: "a\u{0}\u{1B}\u{85}", count: n)) == String(repeating: "a^@\\e\\u{85}", count: n))
        #expect(sanitizedForDisplay("\u{80}\u{9F}\u{AD}\u{FEFF}\u{E0041}") == "\\u{80}\\u{9F}\\u{AD}\\u{FEFF}\\u{E0041}")
    }
}

/// Found by a hostile-input review: a list of particular characters missed some that draw as
/// nothing, so `Audi\u{E0100}tor` looked exactly like `Auditor` in the console. Every
/// default-ignorable code point and format character is escaped now.
extension SanitizeTests {
    @Test func everyCharacterThatDrawsAsNothingIsShown() {
        for value: UInt32 in [
            0xE0100, 0xE01EF, 0x180B, 0x180C, 0x180D, 0x180F, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0x13430, 0x2065, 0xFFF0, 0xE0FFF,
        ] {
            let scalar = Unicode.Scalar(value)!
            let hex = String(value, radix: 16, uppercase: true)
            #expect(sanitizedForDisplay("Audi" + String(scalar) + "tor") == "Audi\\u{\(hex)}tor")
        }
        #expect(sanitizedForDisplay("葛\u{E0100}飾") == "葛\\u{E0100}飾")
        for kept in ["👩\u{200D}💻", "❤\u{FE0F}", "葛飾", "Ωmega é"] { #expect(sanitizedForDisplay(kept) == kept) }
    }
}
