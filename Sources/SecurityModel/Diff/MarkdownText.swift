/// Data from a snapshot as Markdown shows it: ``readable(_:)``'s rules, in a notation with no
/// backslash, since Markdown reads a backslash as an escape (a text-style `\e` rendered as `\e`
/// only because the backslash was escaped in turn, and `\"` leaked into review documents).
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
/// as a Markdown cell: each name the text quotes with ``quotedName(_:)`` keeps its quotes but
/// loses the text escapes inside them (`"Sales \"Rep\""` reads `"Sales "Rep""`), and the whole
/// is then made inert by ``cell(_:)``. A quote with no closing one (a name written without
/// quotes) is left as it is, and so is everything after it.
func markdownText(_ s: String) -> String {
    guard s.utf8.contains(UInt8(ascii: "\"")) else { return cell(s) }
    let chars = Array(s)
    var out = ""
    var i = 0
    while i < chars.count {
        guard chars[i] == "\"" else {
            out.append(chars[i])
            i += 1
            continue
        }
        // The name's end: the next quote that no backslash escapes.
        var name = ""
        var j = i + 1
        var closed = false
        while j < chars.count {
            if chars[j] == "\\" && j + 1 < chars.count && (chars[j + 1] == "\"" || chars[j + 1] == "\\") {
                name.append(chars[j + 1])
                j += 2
            } else if chars[j] == "\"" {
                closed = true
                break
            } else {
                name.append(chars[j])
                j += 1
            }
        }
        guard closed else {
            out += String(chars[i...])
            break
        }
        out += "\"" + name + "\""
        i = j + 1
    }
    return cell(out)
}
