/// Colours for text output: ANSI escapes when enabled, nothing otherwise. The caller decides
/// (colour only on a terminal, never with `NO_COLOR` or `--no-color`).
public struct ANSIStyle: Sendable, Hashable {
    /// Whether escapes are written at all.
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// No colour.
    public static let plain = ANSIStyle(enabled: false)

    func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func added(_ s: String) -> String { wrap(s, "32") }
    func removed(_ s: String) -> String { wrap(s, "31") }
    func changed(_ s: String) -> String { wrap(s, "33") }
    func escalation(_ s: String) -> String { wrap(s, "1;31") }
    func reduction(_ s: String) -> String { wrap(s, "36") }
    func error(_ s: String) -> String { wrap(s, "1;31") }
    func warning(_ s: String) -> String { wrap(s, "33") }

    func symbol(_ s: String) -> String {
        switch s {
        case "+": added(s)
        case "-": removed(s)
        case "~": changed(s)
        default: s
        }
    }

    func risk(_ r: RiskClass, _ s: String) -> String {
        switch r {
        case .escalation: escalation(s)
        case .reduction: reduction(s)
        case .neutral: s
        }
    }

    /// `[ESCALATION]`, `[reduction]`, or nothing for neutral.
    func tag(_ r: RiskClass) -> String {
        switch r {
        case .escalation: " " + escalation("[ESCALATION]")
        case .reduction: " " + reduction("[reduction]")
        case .neutral: ""
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

/// Data shown on a terminal: control characters (an escape in a role name, a newline in a
/// description) are shown escaped, never sent to the terminal.
public func printable(_ s: String) -> String {
    // Printable ASCII (the usual case) has no control character: no Unicode lookup per scalar.
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
    guard s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return s }
    var out = ""
    for scalar in s.unicodeScalars {
        if scalar.properties.generalCategory == .control {
            out += scalar == "\n" ? "\\n" : scalar == "\t" ? "\\t" : "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
