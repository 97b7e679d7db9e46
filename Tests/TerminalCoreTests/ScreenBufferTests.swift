import Testing

@testable import TerminalCore

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test func putWritesTextAndReturnsColumnsUsed() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        let used = buffer.put("hello", x: 1, y: 0)
        #expect(used == 5)
        #expect(buffer.lines == [" hello", ""])
        #expect(buffer.text(row: 0, trimmingTrailingSpaces: false) == " hello    ")
    }

    @Test func putClipsAtTheRightEdgeAndNeverWraps() {
        var buffer = ScreenBuffer(width: 6, height: 2)
        let used = buffer.put("overflowing text", x: 2, y: 0)
        #expect(used == 4)
        #expect(buffer.lines == ["  over", ""])
    }

    @Test func putHonoursMaxWidth() {
        var buffer = ScreenBuffer(width: 20, height: 1)
        let used = buffer.put("Business Unit", x: 0, y: 0, maxWidth: 8)
        #expect(used == 8)
        #expect(buffer.lines == ["Business"])
        #expect(buffer.put("x", x: 0, y: 0, maxWidth: 0) == 0)
    }

    @Test func wideCharacterThatDoesNotFitBecomesASpace() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        buffer.fill(buffer.bounds, style: .plain, character: ".")
        // "ab" takes 2 columns, "日" 2 more, "本" would need columns 4 and 5: only 4 exists.
        let used = buffer.put("ab日本", x: 0, y: 0)
        #expect(used == 5)
        #expect(buffer.text(row: 0, trimmingTrailingSpaces: false) == "ab日 ")
        #expect(buffer.cell(atX: 2, y: 0) == Cell(text: "日", width: 2))
        #expect(buffer.cell(atX: 3, y: 0)?.isContinuation == true)
        #expect(buffer.cell(atX: 4, y: 0) == Cell.blank())
    }

    @Test func wideCharacterClippedByMaxWidthIsNeverHalfDrawn() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        buffer.fill(buffer.bounds, style: .plain, character: ".")
        buffer.put("日本語", x: 0, y: 0, maxWidth: 3)
        #expect(buffer.text(row: 0) == "日 .......")
        #expect(buffer.cells.filter(\.isContinuation).count == 1)
    }

    @Test func negativeXSkipsColumnsLeftOfTheGrid() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        #expect(buffer.put("abcdef", x: -2, y: 0) == 4)
        #expect(buffer.lines == ["cdef"])
        var wide = ScreenBuffer(width: 4, height: 1)
        wide.put("日本", x: -1, y: 0)
        #expect(wide.text(row: 0, trimmingTrailingSpaces: false) == " 本 ")
    }

    @Test func outOfRangeRowsDrawNothing() {
        var buffer = ScreenBuffer(width: 4, height: 2)
        #expect(buffer.put("x", x: 0, y: 2) == 0)
        #expect(buffer.put("x", x: 0, y: -1) == 0)
        #expect(buffer.put("x", x: 4, y: 0) == 0)
        #expect(buffer == ScreenBuffer(width: 4, height: 2))
    }

    @Test func putSanitizesEscapeSequences() {
        var buffer = ScreenBuffer(width: 30, height: 1)
        buffer.put("evil\u{1B}[31mred", x: 0, y: 0)
        #expect(buffer.lines == ["evil\\e[31mred"])
        #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B } })
    }

    @Test func putKeepsCombiningMarksWithTheirBase() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        #expect(buffer.put("Ame\u{301}lie", x: 0, y: 0) == 6)
        #expect(buffer.cell(atX: 2, y: 0)?.text == "e\u{301}")
        #expect(buffer.lines == ["Ame\u{301}lie"])
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("日本語", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)  // right half of 日
        #expect(buffer.text(row: 0) == " x本語")
        buffer.put("y", x: 2, y: 0)  // left half of 本
        #expect(buffer.text(row: 0) == " xy 語")
        #expect(buffer.cells.filter(\.isContinuation).count == 1)
    }

    @Test func fillAndRestyleUseTheStyle() {
        let red = Style(foreground: .red)
        var buffer = ScreenBuffer(width: 4, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 10, height: 10), style: red, character: "#")
        #expect(buffer.lines == ["", " ###", " ###"])
        #expect(buffer.cell(atX: 0, y: 1)?.style == .plain)
        #expect(buffer.cell(atX: 3, y: 2)?.style == red)
        buffer.restyle(Rect(x: 0, y: 0, width: 4, height: 1), style: red)
        #expect(buffer.cell(atX: 0, y: 0) == Cell(text: " ", style: red, width: 1))
        #expect(buffer.lines[0] == "")
    }

    @Test func boxWithTitleUnicodeAndASCII() {
        var buffer = ScreenBuffer(width: 12, height: 4)
        buffer.box(buffer.bounds, style: .plain, glyphs: .unicode, title: "Roles")
        #expect(
            buffer.lines == [
                "┌─ Roles ──┐",
                "│          │",
                "│          │",
                "└──────────┘",
            ])
        var ascii = ScreenBuffer(width: 8, height: 3)
        ascii.box(ascii.bounds, style: .plain, glyphs: .ascii, title: "Long title")
        #expect(ascii.lines == ["+- Lon-+", "|      |", "+------+"])
    }

    @Test func linesAreClipped() {
        var buffer = ScreenBuffer(width: 4, height: 3)
        buffer.horizontalLine(x: -2, y: 1, length: 10, style: .plain, glyphs: .ascii)
        buffer.verticalLine(x: 3, y: -1, length: 10, style: .plain, glyphs: .ascii)
        #expect(buffer.lines == ["   |", "---|", "   |"])
    }

    @Test func diffNamesTheCellsThatDiffer() {
        var expected = ScreenBuffer(width: 5, height: 2)
        expected.put("abc", x: 0, y: 0)
        var actual = expected
        actual.put("X", x: 1, y: 0, style: Style(foreground: .red))
        actual.put("!", x: 4, y: 1)
        let differences = actual.diff(against: expected)
        #expect(differences.count == 2)
        #expect(
            differences.map(\.description) == [
                #"(1,0): expected "b" fg=default bg=default [], got "X" fg=red bg=default []"#,
                #"(4,1): expected " " fg=default bg=default [], got "!" fg=default bg=default []"#,
            ])
        #expect(expected.diff(against: expected).isEmpty)
        #expect(
            ScreenBuffer(width: 2, height: 2).diff(against: expected).map(\.description) == [
                "size: expected 5x2, got 2x2"
            ])
    }

    @Test func drawableScalarsDropSequenceTails() {
        #expect(Cell(text: "e\u{301}").drawableScalars == ["e", "\u{301}"])
        #expect(Cell(text: "👩‍💻", width: 2).drawableScalars == ["👩"])
        #expect(Cell(text: "\u{2764}\u{FE0F}", width: 2).drawableScalars == ["\u{2764}"])
        #expect(Cell.continuation().drawableScalars == [" "])
    }

    @Test func accessLevelGlyphsByIndex() {
        #expect((0...4).map { GlyphSet.unicode.accessLevel($0) } == ["○", "◔", "◑", "◕", "●"])
        #expect((0...4).map { GlyphSet.ascii.accessLevel($0) } == ["-", "u", "b", "p", "o"])
        #expect(GlyphSet.unicode.accessLevel(9) == "●")
        #expect(GlyphSet.ascii.accessLevel(-1) == "-")
        #expect(ThemeRole.accessLevel(2) == .accessBusinessUnit)
    }

    @Test func glyphSetsKeepTheSameColumnWidths() {
        let pairs: [(KeyPath<GlyphSet, String>, String)] = [
            (\.horizontal, "horizontal"), (\.vertical, "vertical"), (\.topLeft, "topLeft"),
            (\.treeBranch, "treeBranch"), (\.treeLastBranch, "treeLastBranch"),
            (\.treeContinuation, "treeContinuation"), (\.treeSpace, "treeSpace"), (\.collapsed, "collapsed"),
            (\.expanded, "expanded"), (\.checkMark, "checkMark"), (\.crossMark, "crossMark"),
            (\.arrowUp, "arrowUp"), (\.arrowRight, "arrowRight"),
        ]
        for (path, name) in pairs {
            #expect(
                displayWidth(of: GlyphSet.unicode[keyPath: path]) == displayWidth(of: GlyphSet.ascii[keyPath: path]),
                "\(name)")
        }
        #expect(GlyphSet.ascii.accessLevels.allSatisfy { $0.allSatisfy(\.isASCII) && displayWidth(of: $0) == 1 })
    }
}
