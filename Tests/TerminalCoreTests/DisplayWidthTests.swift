import Testing

@testable import TerminalCore

@Suite("Display width")
struct DisplayWidthTests {
    @Test func asciiIsOneColumnPerCharacter() {
        #expect(displayWidth(of: "") == 0)
        #expect(displayWidth(of: "account") == 7)
        #expect(displayWidth(of: "Sales Manager (BU: Contoso)") == 27)
    }

    @Test func cjkAndFullwidthAreTwoColumns() {
        #expect(displayWidth(of: "日本語") == 6)
        #expect(displayWidth(of: "한국어") == 6)
        #expect(displayWidth(of: "ＡＢ") == 4)  // fullwidth Latin
        #expect(displayWidth(of: "a日b") == 4)
        #expect(displayWidth(of: Character("\u{3000}")) == 2)  // ideographic space
    }

    @Test func combiningMarksAddNoWidth() {
        #expect(displayWidth(of: "e\u{301}") == 1)
        #expect(displayWidth(of: "Ame\u{301}lie") == 6)
        #expect(displayWidth(of: "a\u{300}\u{301}\u{302}") == 1)
        // A lone combining mark at the start of a string has nothing to sit on.
        #expect(displayWidth(of: Character("\u{301}")) == 0)
        // Decomposed Hangul: leading consonant is wide, vowel and final are zero width.
        #expect(displayWidth(of: "\u{1100}\u{1161}\u{11A8}") == 2)
    }

    @Test func zeroWidthFormatCharacters() {
        #expect(displayWidth(of: Character("\u{200D}")) == 0)  // ZWJ
        #expect(displayWidth(of: Character("\u{FE0F}")) == 0)  // variation selector 16
        #expect(displayWidth(of: Character("\u{200B}")) == 0)  // zero-width space
    }

    @Test func emojiAreTwoColumns() {
        #expect(displayWidth(of: "😀") == 2)
        #expect(displayWidth(of: "👍🏽") == 2)  // with skin-tone modifier
        #expect(displayWidth(of: "🇩🇪") == 2)  // regional-indicator flag
        #expect(displayWidth(of: "ok 👍") == 5)
    }

    @Test func zwjSequencesTakeTheWidthOfOneEmoji() {
        #expect(displayWidth(of: "👩‍💻") == 2)
        #expect(displayWidth(of: "👨‍👩‍👧‍👦") == 2)
        #expect(displayWidth(of: "🏳️‍🌈") == 2)
    }

    @Test func variationSelector16WidensTextSymbols() {
        #expect(displayWidth(of: "\u{2764}") == 1)  // heavy black heart, text presentation
        #expect(displayWidth(of: "\u{2764}\u{FE0F}") == 2)  // emoji presentation
        #expect(displayWidth(of: "1\u{FE0F}\u{20E3}") == 2)  // keycap
    }

    @Test func boxDrawingAndAccessGlyphsAreNarrow() {
        for glyph in ["─", "│", "┌", "├", "○", "◔", "◑", "◕", "●", "✓", "→", "…"] {
            #expect(displayWidth(of: glyph) == 1, "\(glyph)")
        }
    }

    @Test func controlCharactersHaveNoWidthOfTheirOwn() {
        #expect(displayWidth(of: "\u{1B}") == 0)
        #expect(displayWidth(of: "\r\n") == 0)
        #expect(displayWidth(of: "\u{9B}") == 0)
    }

    @Test func truncateAddsEllipsisOnlyWhenCutting() {
        #expect(truncate("Account", toWidth: 10) == "Account")
        #expect(truncate("Account", toWidth: 7) == "Account")
        #expect(truncate("Accounts Payable", toWidth: 8) == "Account…")
        #expect(truncate("Accounts Payable", toWidth: 8, ellipsis: "...") == "Accou...")
        #expect(truncate("Accounts", toWidth: 0) == "")
        // Too narrow for the ellipsis: cut without one.
        #expect(truncate("Accounts", toWidth: 2, ellipsis: "...") == "Ac")
    }

    @Test func truncateNeverSplitsAWideCharacter() {
        // "日本語" is 6 columns; in 4 columns only "日" plus the ellipsis fits (2 + 1).
        let cut = truncate("日本語", toWidth: 4)
        #expect(cut == "日…")
        #expect(displayWidth(of: cut) == 3)
        #expect(truncate("日本語", toWidth: 5) == "日本…")
    }

    /// truncate reads a text only as far as the width and one character more (a list row showing
    /// a 2 MiB name measured all of it on every frame): the cuts are those it made before.
    @Test func truncateCutsWhereItDidWhenReadingOnlyTheStart() {
        #expect(truncate(String(repeating: "S", count: 1 << 21), toWidth: 10) == "SSSSSSSSS…")
        // Zero-width characters: kept up to the cut, and a text whose width is exactly the
        // limit is whole however many follow.
        #expect(truncate("ab\u{301}cd", toWidth: 3) == "ab\u{301}…")
        #expect(truncate("abc\u{200B}\u{200B}", toWidth: 3) == "abc\u{200B}\u{200B}")
        #expect(truncate("abcd", toWidth: 4, ellipsis: "…") == "abcd")
        #expect(truncate("abcde", toWidth: 4, ellipsis: "") == "abcd")
        #expect(truncate("日本語", toWidth: 1) == "…")
        #expect(truncate("日本語", toWidth: 1, ellipsis: "") == "")
    }

    @Test func padFillsToExactWidth() {
        #expect(pad("ab", toWidth: 5) == "ab   ")
        #expect(pad("ab", toWidth: 5, alignment: .right) == "   ab")
        #expect(pad("ab", toWidth: 6, alignment: .center) == "  ab  ")
        #expect(pad("日本", toWidth: 6) == "日本  ")
        #expect(pad("Accounts Payable", toWidth: 8) == "Account…")
        #expect(displayWidth(of: pad("日本語", toWidth: 4)) == 4)
    }
}
