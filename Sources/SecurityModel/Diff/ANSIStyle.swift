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
/// other C0 controls in caret notation (`^G`), DEL `^?`, C1 controls and invisible formatting
/// (bidi embeddings, overrides, isolates and marks, zero-width space, word joiner, BOM, line and
/// paragraph separators, soft hyphen, invisible operators, Hangul fillers, tag characters) as
/// `\u{202E}`. With `keepingLineBreaks`, LF, CR and TAB stay (for a
/// format that quotes them, such as CSV).
public func printable(_ s: String, keepingLineBreaks: Bool = false) -> String {
    // Printable ASCII (the usual case) has nothing to escape: no lookup per scalar.
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
    func escaped(_ scalar: Unicode.Scalar) -> Bool {
        if keepingLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t") { return false }
        return isControlOrInvisible(scalar)
    }
    guard s.unicodeScalars.contains(where: escaped) else { return s }
    var out = String.UnicodeScalarView()
    for scalar in s.unicodeScalars {
        guard escaped(scalar) else {
            out.append(scalar)
            continue
        }
        let text: String =
            switch scalar.value {
            case 0x1B: "\\e"
            case 0x09: "\\t"
            case 0x0A: "\\n"
            case 0x0D: "\\r"
            case 0x7F: "^?"
            case 0..<0x20: "^" + String(Character(Unicode.Scalar(UInt8(scalar.value + 0x40))))
            default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        out.append(contentsOf: text.unicodeScalars)
    }
    return String(out)
}

/// Whether output shows `scalar` escaped (``printable(_:keepingLineBreaks:)``) rather than as it
/// is: a C0 or C1 control, DEL, or an invisible formatting character (bidi controls, zero-width
/// and joiner characters, separators, fillers, tag characters). JSON output writes the same
/// characters as `\u` escapes, so a file `cat` to a terminal cannot carry them either.
func isControlOrInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x20, 0x7F..<0xA0: true
    case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029,
        0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0x3164, 0xFEFF, 0xFFA0, 0xFFF9...0xFFFB, 0xE0000...0xE007F:
        true
    default: false
    }
}
