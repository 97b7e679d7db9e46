extension ScreenBuffer {
    /// The plain text of one row (continuation cells contribute nothing, since the wide
    /// grapheme before them already stands for both columns).
    ///
    /// Trailing spaces are trimmed unless `trimmingTrailingSpaces` is false. An out-of-range
    /// row gives an empty string.
    public func text(row: Int, trimmingTrailingSpaces: Bool = true) -> String {
        guard (0..<height).contains(row) else { return "" }
        var line = ""
        for cell in cells[(row * width)..<((row + 1) * width)] where !cell.isContinuation {
            line += cell.text
        }
        guard trimmingTrailingSpaces else { return line }
        while line.last == " " {
            line.removeLast()
        }
        return line
    }

    /// Every row's plain text with trailing spaces trimmed: compare with string literals in tests.
    public var lines: [String] {
        (0..<height).map { text(row: $0) }
    }

    /// The cells where this buffer (the actual screen) differs from `expected`.
    ///
    /// When the sizes differ the only difference reported is the size. Compare text with
    /// ``lines`` first; use this for styles and for failures that name the exact cells.
    public func diff(against expected: ScreenBuffer) -> [ScreenBufferDifference] {
        guard size == expected.size else {
            return [.size(expected: expected.size, actual: size)]
        }
        var differences: [ScreenBufferDifference] = []
        for (index, (mine, theirs)) in zip(cells, expected.cells).enumerated() where mine != theirs {
            differences.append(.cell(x: index % width, y: index / width, expected: theirs, actual: mine))
        }
        return differences
    }
}

/// One way two screen buffers differ, described for a test failure message.
public enum ScreenBufferDifference: Hashable, Sendable, CustomStringConvertible {
    /// The buffers have different dimensions.
    case size(expected: Size, actual: Size)
    /// The cell at (`x`, `y`) differs in text, width or style.
    case cell(x: Int, y: Int, expected: Cell, actual: Cell)

    public var description: String {
        switch self {
        case .size(let expected, let actual):
            return "size: expected \(expected), got \(actual)"
        case .cell(let x, let y, let expected, let actual):
            return "(\(x),\(y)): expected \(Self.describe(expected)), got \(Self.describe(actual))"
        }
    }

    private static func describe(_ cell: Cell) -> String {
        let text = cell.isContinuation ? "<continuation>" : "\"\(cell.text)\""
        return "\(text) \(cell.style)"
    }
}
