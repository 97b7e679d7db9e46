/// Data from a snapshot as Markdown shows it: ``readable(_:)``'s rules, in a notation with no
/// backslash, since Markdown reads a backslash as an escape (a text-style `\e` rendered as `\e`
/// only because the backslash was escaped in turn).
///
/// A C0 control is shown as its control picture (ESC `␛`, TAB `␉`, LF `␊`; U+2400 + its code),
/// DEL as `␡`, any other control or invisible character (``isControlOrInvisible(_:)``: C1
/// controls, bidi overrides, zero-width characters) and the spaces ``readable(_:)`` shows by
/// their code as `⟨U+202E⟩`. None of these is Markdown punctuation, so ``cell(_:)`` leaves them.
func markdownReadable(_ s: String) -> String {
    var text = s
    if !s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), let marked = scalarsToEscape(s) {
        var out = EscapedText(capacity: s.utf8.count)
        for (scalar, escaped) in marked {
            guard escaped else {
                out.append(scalar)
                continue
            }
            switch scalar.value {
            case 0..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F: out.append("\u{2421}")
            default: out.appendMarkdownCode(scalar)
            }
        }
        text = out.text
    }
    return showingSpaces(text, code: markdownCode)
}

/// `⟨U+00A0⟩`: a character shown by its code in Markdown.
private func markdownCode(_ scalar: Unicode.Scalar) -> String {
    var out = EscapedText(capacity: 12)
    out.appendMarkdownCode(scalar)
    return out.text
}

extension EscapedText {
    /// ``markdownCode(_:)``'s notation.
    fileprivate mutating func appendMarkdownCode(_ scalar: Unicode.Scalar) {
        append(contentsOf: "⟨U+")
        appendHex(scalar.value, minimumDigits: 4)
        append(contentsOf: "⟩")
    }
}

/// Text dvsec wrote around names (a grant's path, a finding's message, the cause of a change)
/// as a Markdown cell: made inert by ``cell(_:)`` with the quoted names in it as the text output
/// writes them (``quotedName(_:)``), a quote or backslash inside a name escaped. ``cell(_:)``
/// escapes that backslash in turn, so the page shows it: a role named `Reader" removed; role
/// "Salesperson` reads `role "Reader\" removed; role \"Salesperson"`, as in the text output.
///
/// The escapes were once taken out here (`"Sales "Rep""`), and then such a name closed its own
/// quotes on the page: a diff read `role "Reader" removed; role "Salesperson" added` for one
/// new role (found by a hostile-input review).
func markdownText(_ s: String) -> String { cell(s) }
