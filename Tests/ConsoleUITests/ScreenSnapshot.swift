import ConsoleUI
import Foundation
import TerminalCore
import Testing

/// Compares a rendered screen with text stored next to this file in `__Snapshots__/NAME.txt`.
///
/// Set `DVSEC_RECORD=1` to (re)write the stored text. A missing file is recorded and the test
/// fails, so a new screen is always looked at once. A failure names every differing row.
func assertScreen(
    _ buffer: ScreenBuffer, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let actual = buffer.lines.joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["DVSEC_RECORD"] == "1"
    guard !record, let stored = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        if !record { Issue.record("recorded new screen \(name).txt: check it, then run again", sourceLocation: sourceLocation) }
        return
    }
    guard stored != actual else { return }
    let expectedRows = stored.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let actualRows = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var report: [String] = []
    for row in 0..<max(expectedRows.count, actualRows.count) {
        let e = row < expectedRows.count ? expectedRows[row] : "<none>"
        let a = row < actualRows.count ? actualRows[row] : "<none>"
        if e != a { report.append("row \(row):\n  expected |\(e)|\n  actual   |\(a)|") }
    }
    let message = "screen \(name) differs (DVSEC_RECORD=1 re-records):\n" + report.joined(separator: "\n")
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}

/// Renders with the default theme, no colour, Unicode glyphs.
func screen(_ state: AppState, _ size: Size? = nil, glyphs: GlyphSet = .unicode) -> ScreenBuffer {
    render(state, size: size ?? state.size, theme: .builtInDefault, glyphs: glyphs, colorEnabled: false)
}
