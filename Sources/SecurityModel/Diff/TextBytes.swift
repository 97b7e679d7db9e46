/// UTF-8 text built by appending bytes: how the diff's per-user lines are written. A 100,000-user
/// diff has over half a million of them; building each as a `String` of interpolated pieces cost
/// more than computing the impact.
struct TextBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func append(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends a string's bytes as they are (for text that is already printable).
    mutating func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: s.utf8) }
    }

    /// Appends data from a snapshot as ``readable(_:)`` shows it: control characters escaped,
    /// runs of spaces shown by their codes.
    mutating func appendPrintable(_ s: String) {
        let done = s.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            var spaces = 0
            for b in utf8 {
                if b < 0x20 || b >= 0x7F { return false }
                spaces = b == 0x20 ? spaces + 1 : 0
                if spaces > 3 { return false }
            }
            bytes.append(contentsOf: utf8)
            return true
        }
        if done != true { append(readable(s)) }
    }

    mutating func append(_ n: Int) {
        if n >= 0 && n < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(n))
        } else {
            append(String(n))
        }
    }

    /// Opens an ANSI style (`ESC[1;31m`) when the style is enabled.
    mutating func open(_ style: ANSIStyle, _ code: StaticString) {
        guard style.enabled else { return }
        bytes.append(0x1B)
        bytes.append(UInt8(ascii: "["))
        append(code)
        bytes.append(UInt8(ascii: "m"))
    }

    /// Closes what ``open(_:_:)`` opened.
    mutating func close(_ style: ANSIStyle) {
        guard style.enabled else { return }
        append("\u{1B}[0m")
    }

    /// Opens the risk's style; returns whether it opened one (to close it).
    mutating func openRisk(_ style: ANSIStyle, _ r: RiskClass) -> Bool {
        guard style.enabled, let code = ANSIStyle.Code.risk(r) else { return false }
        open(style, code)
        return true
    }

    /// ``ANSIStyle/tag(_:)``: ` [ESCALATION]`, ` [reduction]`, or nothing.
    mutating func appendTag(_ style: ANSIStyle, _ r: RiskClass) {
        guard let text = ANSIStyle.tagText(r) else { return }
        append(" ")
        let styled = openRisk(style, r)
        append(text)
        if styled { close(style) }
    }
}
