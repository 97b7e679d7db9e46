/// The rule for the name of a record (environment, business unit, user, team, role, field
/// security profile) and for a display name: not empty, not only white space, and no white space
/// at either end. Dataverse trims names when it saves them, so `Salesperson ` is not a name it
/// holds; a snapshot that has one shows a role that reads exactly as `Salesperson` in `show` and
/// `check`. Loading refuses an empty or blank name with its path and reads an untrimmed one trimmed
/// (with a note, so a save repairs the file), the console's edits refuse it, and imports trim what
/// the files hold. White space is Unicode's (`Character.isWhitespace`): the no-break
/// space and the other space separators too.
public enum RecordName {
    /// Why `name` cannot name a record, in words that follow its place (`environments[0].roles[3].name: ...`),
    /// or `nil` when it can.
    public static func problem(_ name: String) -> String? {
        guard mayNeedTrimming(name) else { return nil }
        if let blank = loadProblem(name) { return blank }
        let trimmed = Self.trimmed(name)
        guard trimmed != name else { return nil }
        return
            "the name \(readableQuotedName(name)) has white space at its start or end, and would read as \(readableQuotedName(trimmed)): Dataverse trims names (remove it)"
    }

    /// Why a file's `name` cannot be read, or `nil`: only an empty or blank one. White space at
    /// its ends is trimmed as the file is read, with a note (``Environment/readDifferently``),
    /// so a snapshot saved before names were checked still opens, and a save repairs it.
    public static func loadProblem(_ name: String) -> String? {
        if let first = name.utf8.first, first > 0x20, first < 0x7F { return nil }
        if name.isEmpty { return "the name is empty: a name is required" }
        if name.allSatisfy(\.isWhitespace) {
            return "the name \(readableQuotedName(name)) is only white space: a name is required"
        }
        // Characters drawn as nothing (the Braille blank, the Hangul fillers), alone or with white
        // space: the name would read as empty in every list (a robustness review).
        if name.unicodeScalars.allSatisfy({ blankGlyphs.contains($0.value) || $0.properties.isWhitespace }) {
            return "the name \(readableQuotedName(name)) is only blank characters: a name is required"
        }
        return nil
    }

    /// Whether `name` may be empty or have white space at an end: `false` for the usual name, a
    /// printable ASCII character that is not a space at each end, found without decoding it.
    static func mayNeedTrimming(_ name: String) -> Bool {
        guard let first = name.utf8.first, let last = name.utf8.last else { return true }
        return !(first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F)
    }

    /// `name` without the white space at its ends, as Dataverse saves it.
    public static func trimmed(_ name: String) -> String {
        guard name.first?.isWhitespace == true || name.last?.isWhitespace == true else { return name }
        return String(name.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

/// Characters a terminal draws as nothing that are neither white space nor invisible formatting
/// (which output escapes anyway): U+2800 BRAILLE PATTERN BLANK and the Hangul fillers (U+115F,
/// U+1160, U+3164, U+FFA0). Output escapes them too (``printable(_:keepingLineBreaks:)``), so
/// `Sales\u{2800}Manager` cannot pass for `Sales Manager`.
let blankGlyphs: Set<UInt32> = [0x2800, 0x115F, 0x1160, 0x3164, 0xFFA0]
