import TerminalCore

extension AppState {
    /// The lines the summary over a screen's list takes at `width` (the terminal's by default):
    /// two for the diff's and the findings' counts when one line cannot hold them, else one.
    func reviewSummaryLines(on screen: Screen, width: Int? = nil) -> Int {
        let width = width ?? size.width
        switch screen {
        case .diff: return max(1, DiffScreen.summaryLines(self, width: width).count)
        case .findings: return findings.map { FindingsScreen.summary($0).lines(width: width).count } ?? 1
        default: return 1
        }
    }
}
