import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Long text in the console (found by a hostile-input review): a role described with 200,000
/// letters took 13 s a frame to draw, since each line cut from a long word measured the whole
/// rest of it twice, and a role named with 2 MiB of letters never finished drawing. A long word
/// is now cut in one walk, and one text is wrapped only as far as a pane can need. No time is
/// asserted: these took minutes or hung before, and take well under a second now.
@Suite("Screens: long text is wrapped in linear time")
struct LongTextWrapTests {
    @Test func aLongWordIsCutAndWhatIsLeftIsCounted() {
        let lines = ScreenBuffer.wrap(String(repeating: "A", count: 200_000), width: 40)
        #expect(lines.count == ScreenBuffer.wrapLineLimit + 1)
        #expect(lines.dropLast().allSatisfy { $0 == String(repeating: "A", count: 40) })
        #expect(lines.last == "… (120000 more characters)")
        #expect(ScreenBuffer.wrap("abcdefgh" + "ij", width: 4, maxLines: 2) == ["abcd", "efgh", "… (2 more characters)"])
        #expect(ScreenBuffer.wrap("abcdefgh" + "i", width: 4, maxLines: 2) == ["abcd", "efgh", "… (1 more character)"])
        #expect(ScreenBuffer.wrap("abcdefgh", width: 4, maxLines: 2) == ["abcd", "efgh"])
    }

    /// The cuts are where they were: as many characters as fit, a combining mark with its
    /// letter, a wide character never split, words after a cut word on the cut's last line.
    @Test func wordsAreCutWhereTheyWere() {
        #expect(ScreenBuffer.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(ScreenBuffer.wrap("abcdef gh", width: 5) == ["abcde", "f gh"])
        #expect(ScreenBuffer.wrap("abcdef gh", width: 4) == ["abcd", "ef", "gh"])
        #expect(ScreenBuffer.wrap("ab 日本語 c", width: 3) == ["ab", "日", "本", "語", "c"])
        #expect(ScreenBuffer.wrap("e\u{301}e\u{301}e\u{301}", width: 2) == ["e\u{301}e\u{301}", "e\u{301}"])
        #expect(ScreenBuffer.wrap("Sales \u{1B}[31m", width: 6) == ["Sales", "\\e[31m"])
    }

    /// A character wider than the pane is a line of its own: cutting it to nothing went on forever.
    @Test func aCharacterWiderThanThePaneMovesOn() {
        #expect(ScreenBuffer.wrap("日本", width: 1) == ["日", "本"])
        #expect(ScreenBuffer.wrap("a日b", width: 1) == ["a", "日", "b"])
    }

    /// The review's two files: the roles pane with a role described with 200,000 letters, and a
    /// user's details with a role named with 1 MiB of letters (the review's had 2 MiB).
    @Test func aHugeNameOrDescriptionIsDrawnWithANote() throws {
        var state = Fixture.browserState(size: Size(width: 120, height: 30))
        state.snapshot.environments[Fixture.prod]?.roles[Fixture.seller]?.description = String(repeating: "A", count: 200_000)
        state.snapshot.environments[Fixture.prod]?.roles[Fixture.salesperson]?.name = String(repeating: "S", count: 1 << 20)
        reduce(&state, .paneChosen(.roles))
        state.selectInBrowser(Fixture.seller)
        let roles = screen(state).lines.joined(separator: "\n")
        #expect(roles.contains("AAAAAAAAAA") && roles.contains("more lines"), "\(roles)")

        reduce(&state, .paneChosen(.users))
        state.selectInBrowser(Fixture.alex)
        let user = screen(state).lines.joined(separator: "\n")
        #expect(user.contains("SSSSSSSSSS"), "\(user)")
        let env = try #require(state.snapshot.environments[Fixture.prod])
        let block = DetailPanes.block(
            for: .users, id: Fixture.alex, env: env, counts: nil, width: 40,
            palette: Palette(theme: .builtInDefault, colorEnabled: false, glyphs: .unicode))
        let text = block.lines.map { $0.pieces.map(\.0).joined() }
        #expect(text.contains { $0.hasSuffix(" more characters)") }, "\(text.suffix(20))")
        #expect(text.count < ScreenBuffer.wrapLineLimit + 100)
    }
}
