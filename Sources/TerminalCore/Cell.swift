/// One column of a ``ScreenBuffer``: a grapheme, its style and its display width.
///
/// A wide grapheme (CJK, most emoji) has width 2 and is followed by a continuation cell
/// (width 0, empty text) that the terminal backend skips, because the wide grapheme already
/// covers that column.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn in this column; empty for a continuation cell.
    public var text: String
    /// How the grapheme is drawn.
    public var style: Style
    /// Columns this grapheme covers: 1 or 2, or 0 for a continuation cell.
    public var width: Int

    /// A cell holding `text` (one grapheme, already sanitized) of the given width.
    public init(text: String, style: Style = .plain, width: Int = 1) {
        self.text = text
        self.style = style
        self.width = width
    }

    /// A space in the given style.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(text: " ", style: style, width: 1)
    }

    /// The right half of a wide grapheme.
    public static func continuation(_ style: Style = .plain) -> Cell {
        Cell(text: "", style: style, width: 0)
    }

    /// Whether this cell is the right half of the wide grapheme to its left.
    public var isContinuation: Bool {
        width == 0
    }

    /// The scalars a terminal backend should send for this cell: the base scalar and the
    /// combining marks on it, without the rest of a ZWJ, flag or skin-tone sequence and without
    /// variation selectors.
    ///
    /// Terminals disagree on the width of those sequences (tmux draws `👩‍💻` as two glyphs), and
    /// curses computes widths per scalar; sending only the base keeps the screen aligned with
    /// the buffer's own widths. An empty or continuation cell gives a space.
    public var drawableScalars: [Unicode.Scalar] {
        var scalars = text.unicodeScalars.makeIterator()
        guard !isContinuation, let base = scalars.next() else { return [" "] }
        var result = [base]
        while let next = scalars.next(), Cell.isCombining(next) {
            result.append(next)
        }
        return result
    }

    private static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return !(0xFE00...0xFE0F).contains(scalar.value)
        default:
            // Hangul medial vowels and final consonants (conjoining jamo) belong to the syllable.
            return (0x1160...0x11FF).contains(scalar.value) || (0xD7B0...0xD7FF).contains(scalar.value)
        }
    }
}
