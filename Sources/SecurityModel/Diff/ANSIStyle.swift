/// Colours for text output: ANSI escapes when enabled, nothing otherwise. The caller decides
/// (colour only on a terminal, never with `NO_COLOR` or `--no-color`).
public struct ANSIStyle: Sendable, Hashable {
    /// Whether escapes are written at all.
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// No colour.
    public static let plain = ANSIStyle(enabled: false)

    /// The SGR codes, named once for the string writers here and the byte writer (``TextBytes``).
    enum Code {
        static let bold: StaticString = "1"
        static let dim: StaticString = "2"
        static let added: StaticString = "32"
        static let removed: StaticString = "31"
        static let changed: StaticString = "33"
        static let escalation: StaticString = "1;31"
        static let reduction: StaticString = "36"
        static let error = escalation
        static let warning = changed

        /// A risk's colour, or `nil` for neutral (no style).
        static func risk(_ r: RiskClass) -> StaticString? {
            switch r {
            case .escalation: escalation
            case .reduction: reduction
            case .neutral: nil
            }
        }
    }

    func wrap(_ s: String, _ code: StaticString) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func bold(_ s: String) -> String { wrap(s, Code.bold) }
    func dim(_ s: String) -> String { wrap(s, Code.dim) }
    func added(_ s: String) -> String { wrap(s, Code.added) }
    func removed(_ s: String) -> String { wrap(s, Code.removed) }
    func changed(_ s: String) -> String { wrap(s, Code.changed) }
    func escalation(_ s: String) -> String { wrap(s, Code.escalation) }
    func reduction(_ s: String) -> String { wrap(s, Code.reduction) }
    func error(_ s: String) -> String { wrap(s, Code.error) }
    func warning(_ s: String) -> String { wrap(s, Code.warning) }

    func symbol(_ s: String) -> String {
        switch s {
        case "+": added(s)
        case "-": removed(s)
        case "~": changed(s)
        default: s
        }
    }

    func risk(_ r: RiskClass, _ s: String) -> String { Code.risk(r).map { wrap(s, $0) } ?? s }

    /// ` [ESCALATION]`, ` [reduction]`, or nothing for neutral.
    func tag(_ r: RiskClass) -> String { Self.tagText(r).map { " " + risk(r, $0) } ?? "" }

    /// The words of ``tag(_:)``.
    static func tagText(_ r: RiskClass) -> String? {
        switch r {
        case .escalation: "[ESCALATION]"
        case .reduction: "[reduction]"
        case .neutral: nil
        }
    }

    func severity(_ s: FindingSeverity) -> String {
        switch s {
        case .error: error("error")
        case .warning: warning("warning")
        case .info: dim("info")
        }
    }
}

/// Data shown on a terminal: control and invisible characters (an escape in a role name, a
/// newline in a description, a right-to-left override that disguises a name) are shown escaped,
/// never sent to the terminal. The notation is the console's (TerminalCore's
/// `sanitizedForDisplay`, which a test keeps in step): ESC `\e`, TAB `\t`, LF `\n`, CR `\r`,
/// other C0 controls in caret notation (`^G`), DEL `^?`, C1 controls, the line and paragraph
/// separators and invisible formatting (every default-ignorable code point and format character:
/// bidi embeddings, overrides, isolates and marks, zero-width space, word joiner, BOM, soft
/// hyphen, invisible operators, Hangul fillers, variation selectors, tag characters; see
/// ``isControlOrInvisible(_:)``) as `\u{202E}`. With `keepingLineBreaks`, LF, CR LF and TAB
/// stay (for a format that quotes them, such as CSV); a CR not followed by LF is still `\r`.
public func printable(_ s: String, keepingLineBreaks: Bool = false) -> String {
    // Printable ASCII (the usual case) has nothing to escape: no lookup per scalar.
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
    guard let marked = scalarsToEscape(s) else { return s }
    // A carriage return is a line break only before a line feed: alone, it sends a terminal
    // back to the start of the line, over what came before (a CSV row read with `cat`).
    func kept(_ i: Int) -> Bool {
        guard keepingLineBreaks else { return false }
        switch marked[i].scalar {
        case "\n", "\t": return true
        case "\r": return i + 1 < marked.count && marked[i + 1].scalar == "\n"
        default: return false
        }
    }
    guard marked.indices.contains(where: { marked[$0].escaped && !kept($0) }) else { return s }
    // One buffer, appended to: appending each escape to a `String.UnicodeScalarView` copied
    // everything before it, so 100,000 bidi overrides in a description took 10 s.
    var out = EscapedText(capacity: s.utf8.count)
    for (i, (scalar, escaped)) in marked.enumerated() {
        guard escaped && !kept(i) else {
            out.append(scalar)
            continue
        }
        switch scalar.value {
        case 0x1B: out.append(contentsOf: "\\e")
        case 0x09: out.append(contentsOf: "\\t")
        case 0x0A: out.append(contentsOf: "\\n")
        case 0x0D: out.append(contentsOf: "\\r")
        case 0x7F: out.append(contentsOf: "^?")
        case 0..<0x20:
            out.append(contentsOf: "^")
            out.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
        default:
            out.append(contentsOf: "\\u{")
            out.appendHex(scalar.value)
            out.append(contentsOf: "}")
        }
    }
    return out.text
}

/// Whether output shows `scalar` escaped (``printable(_:keepingLineBreaks:)``) wherever it
/// stands: a C0 or C1 control, DEL, the line and paragraph separators, and every character that
/// draws as nothing or steers the text around it, that is every Unicode default-ignorable code
/// point (bidi controls, zero-width characters, fillers, variation selectors 17–256, the
/// Mongolian ones, tag characters, and those not yet assigned) and every format character
/// (general category Cf). JSON output writes the same characters as `\u` escapes, so a file
/// `cat` to a terminal cannot carry them either.
///
/// A list of particular characters missed some (found by a hostile-input review:
/// `Audi\u{E0100}tor`, `Audi\u{180B}tor` and `Audi\u{1D173}tor` all read `Auditor`), so the rule
/// is Unicode's properties. The exceptions are the joiners and variation selectors that emoji
/// sequences and joining scripts need (ZWNJ, ZWJ, U+FE00–U+FE0F): they are escaped by what
/// stands around them (``isStrayJoiner(_:at:)``), not here. TerminalCore's `needsEscape` is the
/// same rule (a test keeps them in step).
func isControlOrInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x2800: true
    case 0x20..<0x7F, 0x200C, 0x200D, 0xFE00...0xFE0F: false
    default: isInvisibleFormatting(scalar)
    }
}

/// A default-ignorable code point or a format character (Cf). The letters of the scripts met
/// most (Latin, Greek, Cyrillic, Hebrew, kana, CJK ideographs, Hangul syllables) hold none, and
/// are answered without looking their properties up.
func isInvisibleFormatting(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0xA0...0xAC, 0xAE...0x33F, 0x350...0x5FF, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3: false
    default: scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .format
    }
}

/// Joiners and variation selectors that join nothing they are made for: a zero-width non-joiner
/// or joiner (U+200C, U+200D) not between two characters of an emoji sequence or a script that
/// joins (Arabic, Syriac, the Indic scripts), or a variation selector (U+FE00–U+FE0F) not after
/// an emoji. Such a one draws as nothing, so "Sales\u{200D}person" would look like
/// "Salesperson" (found by a robustness review: three roles all read "Salesperson", the one
/// granting Delete Global among them); emoji sequences and conjuncts keep theirs.
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

/// `s`'s scalars, each with whether output shows it escaped: ``isControlOrInvisible(_:)``, or a
/// stray joiner (``isStrayJoiner(_:at:)``). `nil` when none is.
func scalarsToEscape(_ s: String) -> [(scalar: Unicode.Scalar, escaped: Bool)]? {
    let hasJoiner = s.unicodeScalars.contains { (0x200C...0x200D).contains($0.value) || (0xFE00...0xFE0F).contains($0.value) }
    guard hasJoiner || s.unicodeScalars.contains(where: isControlOrInvisible) else { return nil }
    let scalars = Array(s.unicodeScalars)
    let marked = scalars.indices.map {
        (scalar: scalars[$0], escaped: isControlOrInvisible(scalars[$0]) || (hasJoiner && isStrayJoiner(scalars, at: $0)))
    }
    return marked.contains(where: \.escaped) ? marked : nil
}
