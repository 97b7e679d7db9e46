/// A name from a snapshot in double quotes, with `"` and `\` inside it escaped (`\"`, `\\`), so
/// that the name ends where the closing quote is: a role named `Reader" removed [reduction]`
/// reads `"Reader\" removed [reduction]"`, not as a line that says the role was removed. Nothing
/// else is changed (text output then shows it through ``readable(_:)``, JSON keeps it as it is),
/// and a backslash of the name is told apart from an escape ``printable(_:keepingLineBreaks:)``
/// makes (`\\e` is a backslash and an `e`, `\e` an escape character).
public func quotedName(_ name: String) -> String { "\"" + escapingQuotes(name) + "\"" }

/// ``quotedName(_:)`` as text output shows it (``readable(_:)``), the name's own ends counting
/// as ends: a no-break space at the end of a name reads `"Sales\u{A0}"`.
public func readableQuotedName(_ name: String) -> String { "\"" + readable(escapingQuotes(name)) + "\"" }

/// `name` with `"` and `\` escaped as `\"` and `\\`.
private func escapingQuotes(_ name: String) -> String {
    guard name.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return name }
    var out = ""
    for ch in name {
        if ch == "\"" || ch == "\\" { out.append("\\") }
        out.append(ch)
    }
    return out
}

/// Data from a snapshot as the text outputs show it (diff, check, report, the CLI's tables, and
/// Markdown cells): ``printable(_:keepingLineBreaks:)`` (control and invisible characters
/// escaped), and spaces that would look like nothing, or push the rest of a line out of sight,
/// shown by their code:
///
/// - a space other than the ASCII one (no-break space U+00A0, U+1680, U+2000–U+200A, U+202F,
///   U+205F, U+3000) is shown as it is when it stands alone between two other characters
///   (`Ventes : Nord` with a no-break space before the colon); next to another space, or at
///   either end, it is shown as its code, `\u{A0}`;
/// - a run of more than three spaces of any kind is shown as codes throughout (`\u{20}` for the
///   ASCII space); up to three ASCII spaces stay as they are;
/// - a code repeated is written once with its count: 120 no-break spaces read `\u{A0}×120`.
///
/// So a name padded with 120 no-break spaces can no longer push what follows it (` added`,
/// `[ESCALATION]`) off the line while its own text looks like the line's end.
public func readable(_ s: String) -> String {
    showingSpaces(printable(s)) { "\\u{" + String($0.value, radix: 16, uppercase: true) + "}" }
}

/// ``readable(_:)``'s spaces rule on `text` (already printable), each space shown by its code
/// written as `code` writes it.
func showingSpaces(_ text: String, code codeOf: (Unicode.Scalar) -> String) -> String {
    if !needsSpacesShown(text) { return text }
    let scalars = Array(text.unicodeScalars)
    var out = EscapedText(capacity: text.utf8.count)
    var i = 0
    while i < scalars.count {
        guard isSpace(scalars[i]) else {
            out.append(scalars[i])
            i += 1
            continue
        }
        var j = i
        while j < scalars.count && isSpace(scalars[j]) { j += 1 }
        let runLength = j - i
        let atEdge = i == 0 || j == scalars.count
        var k = i
        while k < j {
            let s = scalars[k]
            // Shown as its code: in a long run, or a space other than the ASCII one that is
            // not alone between two characters. (Equal spaces of one run are shown alike.)
            guard runLength > 3 || (s != " " && (runLength > 1 || atEdge)) else {
                out.append(s)
                k += 1
                continue
            }
            var n = 1
            while k + n < j && scalars[k + n] == s { n += 1 }
            out.append(contentsOf: codeOf(s))
            if n > 1 { out.append(contentsOf: "×\(n)") }
            k += n
        }
        i = j
    }
    return out.text
}

/// The spaces ``readable(_:)`` looks at: the ASCII space and the other space separators that
/// draw as blank.
func isSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
    default: false
    }
}

/// Whether ``readable(_:)`` has anything to show in `text` (already printable): a non-ASCII
/// byte (a space other than the ASCII one may be there) or four ASCII spaces in a row.
private func needsSpacesShown(_ text: String) -> Bool {
    var run = 0
    for b in text.utf8 {
        if b >= 0x80 { return true }
        run = b == 0x20 ? run + 1 : 0
        if run > 3 { return true }
    }
    return false
}
