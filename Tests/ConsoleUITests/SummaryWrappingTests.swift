import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Summaries over the diff and the findings wrap onto a second line instead of hiding counts,
/// and the findings' Where column gives way before the titles.
extension ReviewedScreenTextTests {
    /// Found by a console review: at 80×24 the diff's summary ended "4 neutral · …", hiding the
    /// new and resolved findings README says it counts.
    @Test func theDiffSummaryWrapsRatherThanHidingTheFindings() throws {
        for size in [Size(width: 60, height: 16), Size(width: 80, height: 24), Size(width: 100, height: 30)] {
            let state = demoDiff(size)
            let rows = text(state)
            let summary = rows[1...2].joined(separator: "\n")
            // At 60 columns the findings' count takes its short wording ("+0 -0 findings (F)").
            #expect(
                (summary.contains("new finding") && summary.contains("resolved (F)")) || summary.contains("findings (F)"),
                "\(size): \(summary)")
            #expect(summary.contains("escalation") && summary.contains("neutral"), "\(size): \(summary)")
            // The list starts below the summary, and pages as many rows as it shows.
            let top = try #require(rows.firstIndex { $0.hasPrefix("┌─ Changed objects") }, "\(rows.joined(separator: "\n"))")
            #expect(top == 3 || (top == 2 && !rows[2].contains("resolved")), "\(size): \(rows.joined(separator: "\n"))")
            let bottom = try #require(rows[(top + 1)...].firstIndex { $0.hasPrefix("└") })
            #expect(state.visibleRows(on: .diff) == bottom - top - 2, "\(size)")
        }
    }

    /// Found by a review: at 60 columns the diff's second summary row was cut ("8 users
    /// affec…"); the last counts now take a short wording, and nothing is cut from 60 to 200.
    @Test func theDiffSummaryIsNotCutAtSixtyColumns() throws {
        for size in [Size(width: 60, height: 16), Size(width: 80, height: 24), Size(width: 120, height: 30), Size(width: 200, height: 50)] {
            let state = demoDiff(size)
            let rows = text(state)
            let top = try #require(rows.firstIndex { $0.hasPrefix("┌─ Changed objects") })
            let summary = rows[1..<top].map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(summary.allSatisfy { !$0.hasSuffix("…") }, "\(size): \(summary)")
            #expect(summary.last?.hasSuffix("7 escalated") == true, "\(size): \(summary)")
            #expect(summary.joined(separator: " ").contains("neutral"), "\(size): \(summary)")
        }
        let narrow = text(demoDiff(Size(width: 60, height: 16)))
        #expect(narrow[2] == " 0 neutral · +0 -0 findings (F) · 8 users, 7 escalated")
        // Wide enough, the words stay whole.
        #expect(text(demoDiff(Size(width: 80, height: 24)))[2].hasPrefix(" 0 new findings, 0 resolved (F) · 8 users affected"))
    }

    /// Found by a console review: at 60 columns the findings list cut the titles to
    /// "Credentials sto…" while Where kept 24 columns.
    @Test func theFindingsTitlesKeepTheirRoomBeforeWhere() throws {
        var state = Fixture.browserState(size: Size(width: 60, height: 24))
        state.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        reduce(&state, .commandEntered("new role Zeta"))
        reduce(&state, .screenRequested(.findings))
        let rows = text(state)
        let all = rows.joined(separator: "\n")
        #expect(rows.contains { $0.contains("Production environment with") }, "\(all)")
        // Every count said, over two lines if need be.
        let summary = rows[1...2].joined(separator: " ")
        #expect(summary.contains("error") && summary.contains("new against the baseline (first)"), "\(all)")
        let top = try #require(rows.firstIndex { $0.hasPrefix("┌─ Go-live findings") })
        let bottom = try #require(rows[(top + 1)...].firstIndex { $0.hasPrefix("└") })
        #expect(state.visibleRows(on: .findings) == bottom - top - 2)
    }
}
