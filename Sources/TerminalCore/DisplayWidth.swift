/// Columns a string occupies on a terminal, computed in pure Swift.
///
/// `wcwidth(3)` depends on the process locale and the C library's Unicode tables, so screens
/// rendered in tests would differ between machines; this table-driven version gives the same
/// answer everywhere. Control characters count as 0 here: ``ScreenBuffer/put(_:x:y:style:maxWidth:)``
/// sanitizes them into visible text before measuring.
public func displayWidth(of text: String) -> Int {
    var total = 0
    for character in text {
        total += displayWidth(of: character)
    }
    return total
}

/// Columns one grapheme cluster occupies: 0, 1 or 2.
///
/// Wide or fullwidth scalars (CJK, emoji with emoji presentation) take 2; a text-style
/// symbol followed by VARIATION SELECTOR-16 (`❤️`) and a regional-indicator flag take 2; a
/// cluster made only of combining marks or format characters (a lone U+0301, ZWJ, a variation
/// selector) takes 0; everything else takes 1. A ZWJ sequence (`👩‍💻`) takes the width of its
/// first scalar, which is how terminals draw it.
public func displayWidth(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if first.isASCII, scalars.count == 1 {
        return (0x20..<0x7F).contains(first.value) ? 1 : 0
    }
    var base: Unicode.Scalar?
    var hasEmojiSelector = false
    for scalar in scalars {
        if scalar.value == 0xFE0F { hasEmojiSelector = true }
        if base == nil, scalarWidth(scalar.value) > 0 { base = scalar }
    }
    guard let base else { return 0 }
    if scalarWidth(base.value) == 2 { return 2 }
    if hasEmojiSelector, contains(variationSelector16WideningRanges, base.value) { return 2 }
    return 1
}

/// Columns a single scalar takes on its own: 0 for controls and zero-width, 2 for wide, else 1.
func scalarWidth(_ value: UInt32) -> Int {
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    if contains(zeroWidthRanges, value) { return 0 }
    if contains(eastAsianWideRanges, value) { return 2 }
    return 1
}

/// Binary search in a sorted list of disjoint ranges.
func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
    var low = 0
    var high = ranges.count - 1
    while low <= high {
        let middle = (low + high) / 2
        let range = ranges[middle]
        if value < range.lowerBound {
            high = middle - 1
        } else if value > range.upperBound {
            low = middle + 1
        } else {
            return true
        }
    }
    return false
}

/// Cuts `text` to at most `width` columns, ending with `ellipsis` when anything was cut.
///
/// Never splits a grapheme: a wide character that would straddle the limit is dropped. When
/// even the ellipsis does not fit, the text is cut without one. The result is measured after
/// sanitizing nothing: pass display-safe text (see ``sanitizedForDisplay(_:)``).
///
/// The text is read only as far as `width` columns and one character more: a list row showing a
/// 2 MiB name measured all of it on every frame (found by a hostile-input review).
public func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    let ellipsisWidth = displayWidth(of: ellipsis)
    let budget = ellipsisWidth <= width ? width - ellipsisWidth : width
    // Where the text is cut if it is too wide: after the characters that fit in `budget`.
    var cut: String.Index?
    var used = 0
    var index = text.startIndex
    for character in text {
        let w = displayWidth(of: character)
        if cut == nil && used + w > budget { cut = index }
        used += w
        if used > width {
            let kept = String(text[..<(cut ?? index)])
            return ellipsisWidth <= width ? kept + ellipsis : kept
        }
        index = text.utf8.index(index, offsetBy: character.utf8.count)
    }
    return text
}

/// Where ``pad(_:toWidth:alignment:)`` puts the text inside the padded field.
public enum TextAlignment: Sendable {
    case left, right, center
}

/// Pads `text` with spaces to exactly `width` columns, truncating it (with `…`) when longer.
public func pad(_ text: String, toWidth width: Int, alignment: TextAlignment = .left) -> String {
    guard width > 0 else { return "" }
    let fitted = truncate(text, toWidth: width)
    let gap = max(0, width - displayWidth(of: fitted))
    switch alignment {
    case .left:
        return fitted + String(repeating: " ", count: gap)
    case .right:
        return String(repeating: " ", count: gap) + fitted
    case .center:
        let left = gap / 2
        return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
    }
}
