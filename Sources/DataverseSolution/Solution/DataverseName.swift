import SecurityModel

/// The names Dataverse makes identifiers of: privilege names, table schema and logical names,
/// column logical names. They hold letters, digits and underscores only (`prv` + verb + schema
/// name; a schema name is a publisher prefix, `_` and letters or digits).
///
/// A solution file holding another character is damaged or hostile: `prvReadnew_a b` made a table
/// `new_a b`, `prvReadnew_&lt;script&gt;` a table `new_<script>`, and an invisible character
/// (U+200B) a table the snapshot then refused, with an error pointing into the snapshot instead of
/// the file. Such names are refused where they are read, with the file and line.
///
/// They are also short: a name longer than ``maximumLength`` characters is refused, showing how it
/// starts (a 5 MB privilege name was stored, exported, and echoed whole in a 5 MB warning line).
enum DataverseName {
    /// The longest privilege, table or column name read, in characters: as lenient as the longest
    /// role or profile name (``SolutionElements/maximumNameLength``); Dataverse's own are far
    /// shorter (a schema name is a publisher prefix and a few dozen letters).
    static let maximumLength = DataverseIdentifier.maximumNameLength

    /// How many characters of a name a warning or error shows: a longer one is cut there and
    /// ends in "…", so that a long name cannot flood the output.
    static let shownLength = 80

    /// A name as a warning or error shows it: whole up to ``shownLength`` characters, else its
    /// start and "…".
    static func shown(_ name: String) -> String {
        // The UTF-8 size bounds the character count from above: most names need no count.
        guard name.utf8.count > shownLength, name.count > shownLength else { return name }
        return String(name.prefix(shownLength)) + "…"
    }

    /// Why `name` cannot be a Dataverse identifier, or `nil` when it can. `what` says what the
    /// name is, e.g. "privilege name".
    static func problem(_ name: String, _ what: String) -> String? {
        if DataverseIdentifier.isTooLong(name) {
            return tooLong(what, start: String(name.prefix(40)), length: name.count)
        }
        guard let bad = name.first(where: { !DataverseIdentifier.allows($0) }) else { return nil }
        let codes = bad.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
            .joined(separator: " ")
        let shown = "'\(printable(shown(name)))'"
        if printable(String(bad)) != String(bad) {
            return
                "\(what) \(shown) holds a control or invisible character (\(codes)): refused; Dataverse names are letters, digits and underscores"
        }
        return
            "\(what) \(shown) holds '\(bad)' (\(codes)): refused; Dataverse names are letters, digits and underscores"
    }

    /// The refusal of a name over ``maximumLength`` characters, showing how it starts.
    static func tooLong(_ what: String, start: String, length: Int) -> String {
        "\(what) '\(printable(start))…' is \(length) characters long: Dataverse names are far shorter; dvsec reads at most \(maximumLength); refused"
    }

    /// Throws ``problem(_:_:)`` as an error at `file:line`.
    static func check(_ name: String, _ what: String, file: String, line: Int) throws(DataverseFileError) {
        if let message = problem(name, what) { throw DataverseFileError(file: file, line: line, message: message) }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
