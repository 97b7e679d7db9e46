/// One problem in a theme file, at a key path such as `roles.header.fg`.
public struct ThemeIssue: Hashable, Sendable, CustomStringConvertible {
    /// Dotted key path from the document root; list items as `attrs[1]`; empty for the root.
    public var path: String
    /// What is wrong, in words a user can act on.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `roles.header.fg: unknown colour "cyna" (did you mean "cyan"?)`
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}

/// A theme that cannot be used, with every problem found in it.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the theme came from: a file path or a theme name.
    public var source: String
    /// Each problem, in document order of the keys (sorted).
    public var issues: [ThemeIssue]

    public init(source: String, issues: [ThemeIssue]) {
        self.source = source
        self.issues = issues
    }

    /// `theme /path/x.json: roles.header.fg: unknown colour "cyna"`, one line per issue.
    public var description: String {
        issues.map { "theme \(source): \($0)" }.joined(separator: "\n")
    }
}
