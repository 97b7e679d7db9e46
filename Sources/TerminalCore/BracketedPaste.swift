/// Bracketed paste (xterm's private mode 2004, also in tmux, kitty, iTerm2, Windows Terminal,
/// GNOME Terminal): while it is on, the terminal wraps pasted text in `Esc [200~` … `Esc [201~`,
/// so a paste is told from typing.
///
/// Without it a pasted line break submits the filter or command being typed, and text pasted
/// where no line is open runs letter by letter as commands (`d` disables a user). With it, a
/// paste goes into the open line as text, line breaks included as spaces, or is refused whole.
public enum BracketedPaste {
    /// Turns the mode on (sent once the screen is set up).
    public static let enable = "\u{1B}[?2004h"
    /// Turns the mode off (sent whenever the terminal is handed back).
    public static let disable = "\u{1B}[?2004l"
    /// What follows the Esc that opens a paste.
    static let start: [UInt32] = "[200~".unicodeScalars.map(\.value)
    /// The Esc and what follows it that close a paste.
    public static let closing: [UInt32] = "\u{1B}[201~".unicodeScalars.map(\.value)

    /// Whether the characters read after an Esc open a paste.
    public static func opensPaste(_ afterEscape: [UInt32]) -> Bool {
        afterEscape.starts(with: start)
    }

    /// The pasted text, from the characters read after the opening Esc; nil while the closing
    /// marker has not arrived. Characters after the closing marker are not part of it.
    public static func text(afterEscape codes: [UInt32]) -> String? {
        guard opensPaste(codes) else { return nil }
        let body = codes[start.count...]
        guard let close = body.firstRange(of: closing) else { return nil }
        return string(body[..<close.lowerBound])
    }

    /// The text of a paste whose closing marker never came (the read gave up waiting).
    public static func unfinishedText(afterEscape codes: [UInt32]) -> String {
        string(codes.dropFirst(start.count))
    }

    /// A paste as one line of a filter or command: line breaks and tabs become one space each,
    /// other control characters (an escape sequence in the clipboard among them) are dropped,
    /// and the end is trimmed (a copied line's break). The start is kept: pasted after typed
    /// text (`:w` then ` /tmp/x.json`), its leading space separates the two; the line drops it
    /// when it is empty.
    public static func singleLine(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { previousWasCarriageReturn = scalar == "\r" }
            switch scalar.value {
            case 0x0A where previousWasCarriageReturn: continue
            case 0x09, 0x0A, 0x0D: scalars.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0: continue
            default: scalars.append(scalar)
            }
        }
        let line = String(scalars)
        return String(line.reversed().drop(while: \.isWhitespace).reversed())
    }

    private static func string<C: Collection<UInt32>>(_ codes: C) -> String {
        var scalars = String.UnicodeScalarView()
        for code in codes {
            if let scalar = Unicode.Scalar(code) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}
