/// A terminal size in columns and rows.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// A size of `width` columns by `height` rows.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// `80x24`.
    public var description: String {
        "\(width)x\(height)"
    }
}

/// A rectangle of cells: origin at the top-left, x to the right, y down.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    /// The leftmost column.
    public var x: Int
    /// The top row.
    public var y: Int
    /// Columns covered.
    public var width: Int
    /// Rows covered.
    public var height: Int

    /// A rectangle from its top-left corner and size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The rectangle at the origin covering a whole screen of `size`.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// Whether the rectangle covers no cell.
    public var isEmpty: Bool {
        width <= 0 || height <= 0
    }

    /// One past the last column.
    public var maxX: Int { x + width }

    /// One past the last row.
    public var maxY: Int { y + height }

    /// The part of this rectangle that lies inside `other`; empty (zero size) when disjoint.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// This rectangle shrunk by `amount` on every side (never below zero size).
    public func inset(by amount: Int) -> Rect {
        Rect(
            x: x + amount, y: y + amount,
            width: max(0, width - 2 * amount), height: max(0, height - 2 * amount))
    }

    /// `(x,y wxh)`.
    public var description: String {
        "(\(x),\(y) \(width)x\(height))"
    }
}
