import SecurityModel
import TerminalCore

/// Where everything goes for a terminal size. The reducer uses it for page sizes, the renderer
/// to draw, so both agree on how many rows a list shows.
///
/// Rows: 0 header, 1 tabs, 2...h-3 body, h-2 message or input line, h-1 status bar.
public struct Layout: Hashable, Sendable {
    /// Below this the console draws only a note asking for a larger terminal.
    public static let minimumSize = Size(width: 60, height: 16)

    public let size: Size
    /// Lines the summary above a review list takes (the diff's counts, the findings' counts): one
    /// on the tabs row, or two when it does not fit there, the list and its panel then one row lower.
    public let reviewSummaryLines: Int

    public init(_ size: Size, reviewSummaryLines: Int = 1) {
        self.size = size
        self.reviewSummaryLines = max(1, reviewSummaryLines)
    }

    /// Whether the terminal is large enough to draw the console.
    public var fits: Bool { size.width >= Self.minimumSize.width && size.height >= Self.minimumSize.height }

    public var header: Rect { Rect(x: 0, y: 0, width: size.width, height: 1) }
    public var tabs: Rect { Rect(x: 0, y: 1, width: size.width, height: 1) }
    public var body: Rect { Rect(x: 0, y: 2, width: size.width, height: max(0, size.height - 4)) }
    public var message: Rect { Rect(x: 0, y: size.height - 2, width: size.width, height: 1) }
    public var statusBar: Rect { Rect(x: 0, y: size.height - 1, width: size.width, height: 1) }

    /// Rows of data inside a bordered box that also has `headerLines` lines of column titles.
    public static func dataRows(in box: Rect, headerLines: Int = 1) -> Int { max(1, box.height - 2 - headerLines) }

    // MARK: Browser

    /// Three columns (list, detail, preview) from 160 columns on; two below.
    public var isWide: Bool { size.width >= 160 }

    public var browserList: Rect {
        let b = body
        let width = isWide ? min(64, max(40, b.width * 30 / 100)) : max(28, b.width * 45 / 100)
        return Rect(x: b.x, y: b.y, width: width, height: b.height)
    }

    public var browserDetail: Rect {
        let b = body
        let list = browserList
        let width = isWide ? min(72, max(50, b.width * 32 / 100)) : b.width - list.width
        return Rect(x: list.maxX, y: b.y, width: width, height: b.height)
    }

    /// The third column on wide terminals: the selection's matrix.
    public var browserPreview: Rect? {
        guard isWide else { return nil }
        let detail = browserDetail
        return Rect(x: detail.maxX, y: body.y, width: size.width - detail.maxX, height: body.height)
    }

    // MARK: Matrices (role editor, effective access, profile editor)

    /// The line above a matrix: the role or principal and the tabs.
    public var matrixCaption: Rect { Rect(x: 0, y: body.y, width: size.width, height: 1) }

    /// Side panel (legend, role facts, why) from 120 columns on.
    public var hasSidePanel: Bool { size.width >= 120 }

    /// The bordered matrix below the caption, leaving room for a side panel or a why panel.
    public func matrixBox(bottomPanel: Bool = false) -> Rect {
        let top = body.y + 1
        let height = max(3, body.height - 1)
        // Wider than a name column of about 40 and eight full labels, a matrix only spreads out:
        // the side panel gets the rest.
        let width = hasSidePanel ? min(size.width - sidePanelWidth, 128) : size.width
        if bottomPanel && !hasSidePanel {
            return Rect(x: 0, y: top, width: width, height: max(5, height / 2))
        }
        return Rect(x: 0, y: top, width: width, height: height)
    }

    public var sidePanelWidth: Int { hasSidePanel ? min(70, max(44, size.width * 36 / 100)) : 0 }

    /// The side panel, or the lower half when narrow and `bottomPanel` is asked for.
    public func sidePanel(bottomPanel: Bool = false) -> Rect? {
        let top = body.y + 1
        let height = max(3, body.height - 1)
        if hasSidePanel {
            let x = matrixBox().maxX
            return Rect(x: x, y: top, width: size.width - x, height: height)
        }
        guard bottomPanel else { return nil }
        let matrix = matrixBox(bottomPanel: true)
        return Rect(x: 0, y: matrix.maxY, width: size.width, height: max(0, body.maxY - matrix.maxY))
    }

    /// Width of one operation column of a matrix drawn in `box`: full labels when there is room.
    /// 10 columns per operation from 110 inside the box, 7 while the table names keep 16, else 5
    /// (short headers: at the 60-column minimum, 7 pushed Share off the screen).
    public static func operationColumnWidth(in box: Rect) -> Int {
        let inner = box.width - 2
        if inner >= 110 { return 10 }
        return inner - 7 * TableOperation.allCases.count >= 16 ? 7 : 5
    }

    // MARK: Review lists (pending changes, diff, findings)

    /// The detail panel of a review screen beside its list: wider than the browser's, since it
    /// holds the longest lines (a change's impact, path by path); at 140 columns the impact had 48
    /// and wrapped nearly every line while the list of short sentences had 88.
    var reviewDetailWidth: Int { hasSidePanel ? min(100, max(44, size.width * 45 / 100)) : 0 }

    /// The rows below a review screen's summary.
    var reviewBody: Rect {
        let extra = min(reviewSummaryLines - 1, max(0, body.height - 6))
        return Rect(x: body.x, y: body.y + extra, width: body.width, height: body.height - extra)
    }

    /// The list of a review screen: left of the detail panel when wide, above it when narrow.
    public var reviewList: Rect {
        let b = reviewBody
        if hasSidePanel { return Rect(x: 0, y: b.y, width: size.width - reviewDetailWidth, height: b.height) }
        return Rect(x: 0, y: b.y, width: size.width, height: max(5, b.height * 55 / 100))
    }

    /// The detail panel of a review screen.
    public var reviewDetail: Rect {
        let b = reviewBody
        if hasSidePanel { return Rect(x: size.width - reviewDetailWidth, y: b.y, width: reviewDetailWidth, height: b.height) }
        let list = reviewList
        return Rect(x: 0, y: list.maxY, width: size.width, height: max(0, b.maxY - list.maxY))
    }

    // MARK: Who can

    /// The three query lines.
    public var whoCanForm: Rect { Rect(x: 0, y: body.y, width: size.width, height: 3) }
    public var whoCanResults: Rect {
        Rect(x: 0, y: body.y + 3, width: hasSidePanel ? size.width - sidePanelWidth : size.width, height: max(3, body.height - 3))
    }
    public var whoCanSide: Rect? {
        hasSidePanel ? Rect(x: size.width - sidePanelWidth, y: body.y + 3, width: sidePanelWidth, height: max(3, body.height - 3)) : nil
    }
}
