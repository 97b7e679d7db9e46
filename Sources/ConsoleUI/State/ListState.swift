/// A scrollable, filterable list of ids with a cursor.
///
/// `rows` holds only what the current filter lets through, already in display order, so a frame
/// draws the visible slice without sorting or filtering 100,000 entries again.
public struct ListState: Hashable, Sendable {
    /// Ids of the rows shown, in order.
    public var rows: [String]
    /// Index of the selected row in ``rows`` (0 when empty).
    public var cursor: Int
    /// Index of the first row drawn; kept so scrolling does not jump.
    public var top: Int
    /// The live filter text ("" for none).
    public var filter: String

    public init(rows: [String] = [], cursor: Int = 0, top: Int = 0, filter: String = "") {
        self.rows = rows
        self.cursor = cursor
        self.top = top
        self.filter = filter
    }

    /// The id under the cursor, if any.
    public var selectedId: String? { rows.indices.contains(cursor) ? rows[cursor] : nil }

    /// Moves the cursor by `delta` rows, clamped, and scrolls to keep it in a view of `height` rows.
    public mutating func move(by delta: Int, height: Int) {
        guard !rows.isEmpty else {
            cursor = 0
            top = 0
            return
        }
        cursor = max(0, min(rows.count - 1, cursor + delta))
        scrollToCursor(height: height)
    }

    /// Puts the cursor on `index` (clamped).
    public mutating func moveTo(_ index: Int, height: Int) {
        move(by: index - cursor, height: height)
    }

    /// Adjusts ``top`` so the cursor is inside a view of `height` rows.
    public mutating func scrollToCursor(height: Int) {
        top = visibleTop(height: height)
    }

    /// The first row to draw in a view of `height` rows: ``top`` moved just enough to show the cursor.
    public func visibleTop(height: Int) -> Int {
        let h = max(1, height)
        var t = min(max(top, cursor - h + 1), cursor)
        t = min(t, max(0, rows.count - h))
        return max(0, t)
    }

    /// Replaces the rows, keeping the selection on the same id when it is still there.
    public mutating func replaceRows(_ newRows: [String], height: Int) {
        let selected = selectedId
        rows = newRows
        if let selected, let index = newRows.firstIndex(of: selected) {
            cursor = index
        } else {
            cursor = min(cursor, max(0, newRows.count - 1))
        }
        scrollToCursor(height: height)
    }
}
