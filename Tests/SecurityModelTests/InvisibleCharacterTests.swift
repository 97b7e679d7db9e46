import Foundation
import Testing

@testable import SecurityModel

/// Every character that draws as nothing is escaped in every output (found by a hostile-input
/// review): a list of particular characters missed variation selectors 17–256, the Mongolian
/// ones, the musical and shorthand format controls and the Egyptian hieroglyph format controls,
/// so `Audi\u{E0100}tor` read exactly like `Auditor` in every output and the console.
@Suite struct InvisibleCharacterTests {
    /// The review's names: each reads `Auditor` on a terminal when written raw.
    static let lookalikes: [(name: String, text: String, markdown: String, json: String)] = [
        ("Audi\u{E0100}tor", "Audi\\u{E0100}tor", "Audi⟨U+E0100⟩tor", #""Audi\udb40\udd00tor""#),
        ("Audi\u{E01EF}tor", "Audi\\u{E01EF}tor", "Audi⟨U+E01EF⟩tor", #""Audi\udb40\uddeftor""#),
        ("Audi\u{1D173}tor", "Audi\\u{1D173}tor", "Audi⟨U+1D173⟩tor", #""Audi\ud834\udd73tor""#),
        ("Audi\u{1BCA0}tor", "Audi\\u{1BCA0}tor", "Audi⟨U+1BCA0⟩tor", #""Audi\ud82f\udca0tor""#),
        ("Audi\u{180B}tor", "Audi\\u{180B}tor", "Audi⟨U+180B⟩tor", #""Audi\u180btor""#),
        ("Audi\u{180F}tor", "Audi\\u{180F}tor", "Audi⟨U+180F⟩tor", #""Audi\u180ftor""#),
        ("Audi\u{13430}tor", "Audi\\u{13430}tor", "Audi⟨U+13430⟩tor", #""Audi\ud80d\udc30tor""#),
        ("Audi\u{2065}tor", "Audi\\u{2065}tor", "Audi⟨U+2065⟩tor", #""Audi\u2065tor""#),
        ("Audi\u{FFF0}tor", "Audi\\u{FFF0}tor", "Audi⟨U+FFF0⟩tor", #""Audi\ufff0tor""#),
        ("Audi\u{E0FFF}tor", "Audi\\u{E0FFF}tor", "Audi⟨U+E0FFF⟩tor", #""Audi\udb43\udffftor""#),
        ("Audi\u{600}tor", "Audi\\u{600}tor", "Audi⟨U+0600⟩tor", #""Audi\u0600tor""#),
    ]

    @Test func theReviewsLookalikesAreEscapedInTextMarkdownAndJSON() {
        for (name, text, markdown, json) in Self.lookalikes {
            #expect(printable(name) == text)
            #expect(readable(name) == text)
            #expect(markdownReadable(name) == markdown)
            #expect(cell(name) == markdown)
            var w = JSONTextWriter()
            w.string(name)
            #expect(String(decoding: w.bytes, as: UTF8.self) == json, "\(text)")
            #expect(String(decoding: escapingInvisibleCharacters(inJSON: Data("[\"\(name)\"]".utf8)), as: UTF8.self) == "[\(json)]")
        }
    }

    /// The rule is Unicode's: every default-ignorable code point and every format character,
    /// but for the joiners and variation selectors 1–16, which depend on their neighbours.
    @Test func everyDefaultIgnorableAndFormatCharacterIsEscaped() {
        var wrongFastPath: [UInt32] = []
        var escaped: [Unicode.Scalar] = []
        // The planes that hold such characters (above them are ideographs and private use).
        for value in Array(UInt32(0xA0)...0x1FFFF) + Array(UInt32(0xE0000)...0xE0FFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let invisible = scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .format
            // The fast path for common letters answers as the properties do.
            if isInvisibleFormatting(scalar) != invisible { wrongFastPath.append(value) }
            if invisible && !(0x200C...0x200D).contains(value) && !(0xFE00...0xFE0F).contains(value) { escaped.append(scalar) }
        }
        #expect(wrongFastPath.isEmpty, "\(wrongFastPath.prefix(10).map { String($0, radix: 16) })")
        #expect(escaped.count > 4_000)
        let notEscaped = escaped.filter { printable("a" + String($0) + "b") != "a\\u{\(String($0.value, radix: 16, uppercase: true))}b" }
        #expect(notEscaped.isEmpty, "\(notEscaped.prefix(10).map { String($0.value, radix: 16) })")
        #expect(escaped.allSatisfy(isControlOrInvisible))
    }

    /// What a name needs to be drawn right is kept, as before: joiners in emoji sequences and
    /// joining scripts, an emoji's variation selector. Ideographic variation selectors (17–256)
    /// are escaped even after an ideograph: a terminal does not draw the variant they choose.
    @Test func joinersAndEmojiSelectorsAreKeptWhereTheyJoin() {
        for kept in ["👩\u{200D}💻", "❤\u{FE0F} team", "क\u{94D}\u{200D}ष", "می\u{200C}خواهم", "葛飾", "Ωmega é"] {
            #expect(printable(kept) == kept, "\(kept.debugDescription)")
        }
        #expect(printable("葛\u{E0100}飾") == "葛\\u{E0100}飾")
        #expect(printable("Admin\u{FE0F}") == "Admin\\u{FE0F}")
    }

    /// U+2800 BRAILLE PATTERN BLANK draws as nothing, and is neither white space nor a format
    /// character: "Sales\u{2800}Manager" passed for "Sales Manager" (a robustness review). The
    /// Hangul fillers, default-ignorable, already were escaped.
    @Test func theBrailleBlankAndTheHangulFillersAreEscaped() {
        #expect(printable("Sales\u{2800}Manager") == "Sales\\u{2800}Manager")
        for value: UInt32 in [0x115F, 0x1160, 0x3164, 0xFFA0] {
            let scalar = Unicode.Scalar(value)!
            #expect(printable("a" + String(scalar) + "b") == "a\\u{\(String(value, radix: 16, uppercase: true))}b")
        }
        #expect(printable("\u{2801}\u{28FF}") == "\u{2801}\u{28FF}")
    }
}
