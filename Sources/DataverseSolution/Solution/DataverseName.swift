import SecurityModel

/// The names Dataverse makes identifiers of: privilege names, table schema and logical names,
/// column logical names. They hold letters, digits and underscores only (`prv` + verb + schema
/// name; a schema name is a publisher prefix, `_` and letters or digits).
///
/// A solution file holding another character is damaged or hostile: `prvReadnew_a b` made a table
/// `new_a b`, `prvReadnew_&lt;script&gt;` a table `new_<script>`, and an invisible character
/// (U+200B) a table the snapshot then refused, with an error pointing into the snapshot instead of
/// the file. Such names are refused where they are read, with the file and line.
enum DataverseName {
    /// Why `name` cannot be a Dataverse identifier, or `nil` when it can. `what` says what the
    /// name is, e.g. "privilege name".
    static func problem(_ name: String, _ what: String) -> String? {
        guard let bad = name.first(where: { !($0 == "_" || $0.isLetter || $0.isNumber) }) else { return nil }
        let codes = bad.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
            .joined(separator: " ")
        let shown = "'\(printable(name))'"
        if printable(String(bad)) != String(bad) {
            return
                "\(what) \(shown) holds a control or invisible character (\(codes)): refused; Dataverse names are letters, digits and underscores"
        }
        return
            "\(what) \(shown) holds '\(bad)' (\(codes)): refused; Dataverse names are letters, digits and underscores"
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
