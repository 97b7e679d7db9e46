import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a review: the warning that the baseline is another organisation was on the status
/// line only until the next key, cut, and not in `:messages`. The diff screen now says it over the
/// counts it makes meaningless.
@Suite("Screen: a baseline of another organisation")
struct BaselineWarningTests {
    @Test func theDiffScreenSaysTheBaselineIsAnotherOrganisation() {
        var state = Fixture.browserState()
        state.baseline = Baseline(label: "other.json", snapshot: Fixture.snapshot, warning: "the base is organisation 'X'")
        reduce(&state, .screenRequested(.diff))
        let top = screen(state, Size(width: 120, height: 40)).lines.prefix(3).joined(separator: "\n")
        #expect(top.contains("Against other.json  another organisation (:messages)"), "\(top)")
        var same = Fixture.browserState()
        same.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        reduce(&same, .screenRequested(.diff))
        #expect(!screen(same, Size(width: 120, height: 40)).lines.prefix(3).joined().contains("another organisation"))
    }
}
