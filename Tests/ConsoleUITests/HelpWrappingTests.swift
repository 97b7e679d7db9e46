import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// The `?` help at 80×24: descriptions wrap under their text column, and a search that finds
/// nothing says so.
@Suite("Screens: help wrapping and no match")
struct HelpWrappingTests {
    private func help(_ search: String, size: Size = Size(width: 80, height: 24)) -> [String] {
        var state = Fixture.browserState(size: size)
        reduce(&state, .helpRequested)
        for ch in search { reduce(&state, .textTyped(ch)) }
        return screen(state).lines
    }

    /// Found by a console review: "Command line: :users :roles :env prod :who-ca…".
    @Test func aLongDescriptionWrapsUnderItsTextColumn() throws {
        let lines = help("command line:")
        let text = lines.joined(separator: "\n")
        #expect(!text.contains(":who-ca…"), "\(text)")
        let first = try #require(lines.firstIndex { $0.contains("Command line: :users :roles") }, "\(text)")
        let column = try #require(lines[first].range(of: "Command line:")).lowerBound
        let offset = lines[first].distance(from: lines[first].startIndex, to: column)
        // The next line goes on with the description, starting in the same column.
        let next = lines[first + 1]
        let start = next.index(next.startIndex, offsetBy: offset)
        #expect(next[..<start].allSatisfy { $0 == " " || $0 == "│" }, "\(text)")
        #expect(next[start...].first.map { $0 != " " } == true, "\(text)")
        let words = lines.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "│" }).joined(separator: " ")
        #expect(words.contains("Command line: :users :roles :env prod :who-can :w :q … (Tab completes)"), "\(text)")
    }

    /// Found by a console review: a search that matched nothing showed an empty list and the legend.
    @Test func aSearchWithNoMatchSaysSo() {
        let text = help("zzqx").joined(separator: "\n")
        #expect(text.contains("No key or command matches 'zzqx'"), "\(text)")
    }

    /// The command history is found by the word a user would search for.
    @Test func theHistoryIsFoundByName() {
        let text = help("histor").joined(separator: "\n")
        #expect(text.contains("Up") && text.contains("history"), "\(text)")
        #expect(!text.contains("No key or command matches"), "\(text)")
    }
}
