import TerminalCore
import Testing

@Suite("Bracketed paste")
struct BracketedPasteTests {
    func codes(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func aPasteIsTheTextBetweenItsMarkers() {
        let read = codes("[200~User 1\r\nrm -rf\u{1B}[201~q")
        #expect(BracketedPaste.opensPaste(read))
        #expect(BracketedPaste.text(afterEscape: read) == "User 1\r\nrm -rf")
    }

    @Test func aPasteWithoutItsClosingMarkerIsNotFinished() {
        let read = codes("[200~half a pas")
        #expect(BracketedPaste.text(afterEscape: read) == nil)
        #expect(BracketedPaste.unfinishedText(afterEscape: read) == "half a pas")
    }

    @Test func otherSequencesAfterEscAreNotPastes() {
        #expect(!BracketedPaste.opensPaste(codes("d")))
        #expect(!BracketedPaste.opensPaste(codes("[20~")))
        #expect(BracketedPaste.text(afterEscape: codes("[A")) == nil)
    }

    @Test func anEmptyPasteIsEmptyText() {
        #expect(BracketedPaste.text(afterEscape: codes("[200~\u{1B}[201~")) == "")
    }

    /// Line breaks (CR, LF or CRLF, as one) and tabs become a space; escape sequences and other
    /// controls go; the end is trimmed (the start separates a paste from typed text); the rest,
    /// accents and wide characters too, stays.
    @Test func aPasteBecomesOneLine() {
        #expect(BracketedPaste.singleLine("Sales\r\nManager\tEMEA\n") == "Sales Manager EMEA")
        #expect(BracketedPaste.singleLine("\u{1B}[31mred\u{7}\u{9B}") == "[31mred")
        #expect(BracketedPaste.singleLine("  Zoë 販売  ") == "  Zoë 販売")
        #expect(BracketedPaste.singleLine("\n\r\n") == "")
    }
}
