import Testing

@testable import SecurityModel

/// Escaping is linear in the length of the text, however many characters need an escape (found
/// by a hostile-input review: each escape was appended to a `String.UnicodeScalarView`, which
/// copied everything before it, so a description of 100,000 bidi overrides took 10 s in
/// `dvsec report --role` and 6,000,000 did not finish in 10 minutes). No time is asserted: before
/// the fix each of these took a minute or more, after it well under a second.
@Suite struct EscapingScaleTests {
    static let count = 100_000

    @Test func printableEscapesEveryCharacterOfALongText() {
        let n = Self.count
        #expect(printable(String(repeating: "\u{202E}", count: n)) == String(repeating: "\\u{202E}", count: n))
        #expect(printable(String(repeating: "a\u{0}", count: n)) == String(repeating: "a^@", count: n))
        #expect(printable(String(repeating: "\u{1B}\u{85}", count: n)) == String(repeating: "\\e\\u{85}", count: n))
        #expect(
            printable(String(repeating: "é\r\n\u{7F}", count: n), keepingLineBreaks: true) == String(repeating: "é\r\n^?", count: n))
    }

    @Test func readableShowsEverySpaceRunOfALongText() {
        let n = Self.count
        #expect(readable(String(repeating: "x\u{A0}\u{A0}", count: n) + "x") == String(repeating: "x\\u{A0}×2", count: n) + "x")
        #expect(readable(String(repeating: "\u{202E}", count: n)) == String(repeating: "\\u{202E}", count: n))
    }

    @Test func markdownEscapesEveryCharacterOfALongText() {
        let n = Self.count
        #expect(markdownReadable(String(repeating: "\u{202E}", count: n)) == String(repeating: "⟨U+202E⟩", count: n))
        #expect(markdownReadable(String(repeating: "\u{1B}\u{7F}", count: n)) == String(repeating: "␛␡", count: n))
        #expect(markdownReadable(String(repeating: "x\u{A0}\u{A0}", count: n)) == String(repeating: "x⟨U+00A0⟩×2", count: n))
    }

    /// The hexadecimal of an escape is written by hand now: the same digits as before.
    @Test func escapesKeepTheirNotation() {
        #expect(printable("\u{80}\u{9F}\u{AD}\u{202E}\u{FEFF}\u{E0041}") == "\\u{80}\\u{9F}\\u{AD}\\u{202E}\\u{FEFF}\\u{E0041}")
        #expect(markdownReadable("\u{80}\u{AD}\u{E0041}") == "⟨U+0080⟩⟨U+00AD⟩⟨U+E0041⟩")
        #expect(printable("\u{1}\u{1F}") == "^A^_")
    }
}
