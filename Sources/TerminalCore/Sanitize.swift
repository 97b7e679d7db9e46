/// Makes data safe to draw: every control or invisible character becomes visible text.
///
/// Names, descriptions and ids come from files and tenants we do not control. A raw ESC could
/// recolour or move the cursor, clear the screen or retitle the window; a bidi override or a
/// zero-width space could make two different names look the same. So nothing of that kind
/// reaches the terminal:
///
/// - ESC → `\e`; TAB → `\t`; LF → `\n`; CR → `\r`
/// - other C0 controls → caret notation (`^@`, `^A` … `^_`); DEL → `^?`
/// - C1 controls (U+0080–U+009F) → `\u{9B}` style
/// - invisible formatting that can disguise text → `\u{202E}` style: bidi embeddings,
///   overrides, isolates and marks (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069),
///   zero-width space and word joiner (U+200B, U+2060), the BOM (U+FEFF), the line and
///   paragraph separators (U+2028, U+2029), and characters that draw as nothing: soft hyphen
///   (U+00AD), combining grapheme joiner (U+034F), invisible operators (U+2061–U+2064),
///   deprecated format controls (U+206A–U+206F), Hangul fillers (U+115F, U+1160, U+3164,
///   U+FFA0), Khmer inherent vowels (U+17B4, U+17B5), the Mongolian vowel separator (U+180E),
///   interlinear annotation marks (U+FFF9–U+FFFB) and tag characters (U+E0000–U+E007F)
///
/// ZWJ, ZWNJ and variation selectors are kept where emoji sequences and joining scripts need
/// them, and escaped elsewhere (``isStrayJoiner(_:at:)``). A backslash in the
/// data is left as is, so `\e` in a name can mean either; the console shows names, it does
/// not round-trip them.
public func sanitizedForDisplay(_ text: String) -> String {
    // Fast path: the common case has nothing to escape.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
    let hasJoiner = text.unicodeScalars.contains { (0x200C...0x200D).contains($0.value) || (0xFE00...0xFE0F).contains($0.value) }
    if !hasJoiner && !text.unicodeScalars.contains(where: needsEscape) { return text }
    let scalars = Array(text.unicodeScalars)
    // One byte buffer, appended to: appending each escape to a `String.UnicodeScalarView`
    // copied everything before it, so a description of 100,000 bidi overrides took seconds.
    var result: [UInt8] = []
    result.reserveCapacity(text.utf8.count + 16)
    for (i, scalar) in scalars.enumerated() {
        if needsEscape(scalar) || (hasJoiner && isStrayJoiner(scalars, at: i)) {
            appendEscapeSequence(for: scalar, to: &result)
        } else {
            UTF8.encode(scalar) { result.append($0) }
        }
    }
    return String(decoding: result, as: UTF8.self)
}

/// Joiners and variation selectors that join nothing they are made for: a zero-width non-joiner
/// or joiner (U+200C, U+200D) not between two characters of an emoji sequence or a script that
/// joins (Arabic, Syriac, the Indic scripts), or a variation selector (U+FE00–U+FE0F) not after
/// an emoji. Such a one draws as nothing, so "Sales\u{200D}person" would look like
/// "Salesperson" (found by a robustness review: three roles all read "Salesperson", the one
/// granting Delete Global among them); emoji sequences and conjuncts keep theirs.
///
/// SecurityModel has the same rule for the command line's output (a test keeps them in step).
func isStrayJoiner(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
    let v = scalars[i].value
    func joins(_ j: Int) -> Bool {
        guard j >= 0, j < scalars.count else { return false }
        let s = scalars[j]
        switch s.value {
        case 0..<0x80: return false
        case 0x0600...0x08FF, 0x0900...0x0DFF, 0xFE00...0xFE0F, 0x20E3: return true
        default: return s.properties.isEmoji
        }
    }
    switch v {
    case 0x200C, 0x200D: return !(joins(i - 1) && joins(i + 1))
    case 0xFE00...0xFE0F: return !(i > 0 && scalars[i - 1].value >= 0x80 && scalars[i - 1].properties.isEmoji)
    default: return false
    }
}

/// Whether a scalar must be shown escaped rather than sent to the terminal.
func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 || value == 0x7F { return true }
    if value < 0x80 { return false }
    if value < 0xA0 { return true }
    switch value {
    case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029,
        0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0x3164, 0xFEFF, 0xFFA0, 0xFFF9...0xFFFB, 0xE0000...0xE007F:
        return true
    default:
        return false
    }
}

/// Appends how `scalar` is shown escaped, as UTF-8.
private func appendEscapeSequence(for scalar: Unicode.Scalar, to out: inout [UInt8]) {
    let value = scalar.value
    switch value {
    case 0x1B: out.append(contentsOf: "\\e".utf8)
    case 0x09: out.append(contentsOf: "\\t".utf8)
    case 0x0A: out.append(contentsOf: "\\n".utf8)
    case 0x0D: out.append(contentsOf: "\\r".utf8)
    case 0x7F: out.append(contentsOf: "^?".utf8)
    case 0x00..<0x20:
        // Caret notation: the control code plus 0x40 is the letter, as `cat -v` shows it.
        out.append(UInt8(ascii: "^"))
        out.append(UInt8(value + 0x40))
    default:
        out.append(contentsOf: "\\u{".utf8)
        var digits = 1
        while digits < 8 && value >> (4 * UInt32(digits)) != 0 { digits += 1 }
        for i in stride(from: digits - 1, through: 0, by: -1) {
            let nibble = UInt8((value >> (4 * UInt32(i))) & 0xF)
            out.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
        }
        out.append(UInt8(ascii: "}"))
    }
}
