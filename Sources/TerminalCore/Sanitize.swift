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
/// - the line and paragraph separators (U+2028, U+2029) → `\u{2028}` style
/// - everything that draws as nothing or steers the text around it → `\u{202E}` style: every
///   Unicode default-ignorable code point and every format character (general category Cf).
///   That is bidi embeddings, overrides, isolates and marks, zero-width space and word joiner,
///   the BOM, soft hyphen, combining grapheme joiner, invisible operators, Hangul fillers, Khmer
///   inherent vowels, the Mongolian vowel separator and variation selectors, variation
///   selectors 17–256 (U+E0100–U+E01EF), tag characters, the musical and shorthand format
///   controls, Egyptian hieroglyph format controls, and the code points Unicode reserves as
///   default-ignorable. A list of particular characters missed some (found by a hostile-input
///   review: `Audi\u{E0100}tor` drew as `Auditor`), so the rule is Unicode's properties.
///
/// The exceptions are the characters a name needs to be drawn right: ZWJ and ZWNJ between two
/// characters of an emoji sequence or a joining script (`👩\u{200D}💻`, `क\u{94D}\u{200D}ष`),
/// and variation selectors 1–16 (U+FE00–U+FE0F) after an emoji (`❤\u{FE0F}`); elsewhere they
/// are escaped too (``isStrayJoiner(_:at:)``). Variation selectors 17–256 choose among
/// ideograph glyphs, which a terminal does not do: they are escaped wherever they stand. A
/// backslash in the data is left as is, so `\e` in a name can mean either; the console shows
/// names, it does not round-trip them.
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

/// Whether a scalar must be shown escaped rather than sent to the terminal, wherever it stands:
/// a C0 or C1 control, DEL, the line and paragraph separators, and every default-ignorable code
/// point or format character (general category Cf), which draw as nothing or steer the text
/// around them. The joiners and variation selectors that emoji and joining scripts need (ZWNJ,
/// ZWJ, U+FE00–U+FE0F) are left to ``isStrayJoiner(_:at:)``, which looks at their neighbours.
func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x20 || value == 0x7F { return true }
    if value < 0x80 { return false }
    if value < 0xA0 { return true }
    switch value {
    // (U+2800 BRAILLE PATTERN BLANK draws as nothing and is neither: `Sales\u{2800}Manager` passed for `Sales Manager`.)
    case 0x2028, 0x2029, 0x2800: return true
    case 0x200C, 0x200D, 0xFE00...0xFE0F: return false
    // Letters of the scripts met most hold no invisible character: no property lookup.
    case 0xA0...0xAC, 0xAE...0x33F, 0x350...0x5FF, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
        return false
    default:
        return scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .format
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
