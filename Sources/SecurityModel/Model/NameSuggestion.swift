/// "Did you mean" for a name typed by a person that finds nothing: the names within a few
/// single-character edits of it (case ignored), nearest first. One rule for the CLI's users,
/// roles and tables, the solution import's environments and elements, and the export's roles and
/// profiles.
public enum NameSuggestion {
    /// The number of single-character edits (insertions, deletions, substitutions) between two
    /// names, case-insensitively.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased())
        let y = Array(b.lowercased())
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// How many edits still count as a typo of `key`: one for a name of three characters or
    /// fewer (two edits would turn "xy" into "Gu"), else two, or a quarter of its length when longer.
    public static func tolerance(for key: String) -> Int { key.count <= 3 ? 1 : max(2, key.count / 4) }

    /// Whether `candidate` is within ``tolerance(for:)`` of `key`.
    public static func isNear(_ candidate: String, to key: String) -> Bool {
        editDistance(candidate, key) <= tolerance(for: key)
    }

    /// Up to `limit` of `candidates` within ``tolerance(for:)`` of `key` and nearest of those (a
    /// one-letter typo is not offered a name three letters away), in ``NameOrder``; each name
    /// once. A candidate is a label (what to show) with the names it answers to (a user's name,
    /// each word of it, and domain name): its distance is that of its nearest name.
    public static func closest(to key: String, among candidates: [(label: String, names: [String])], limit: Int = 3) -> [String] {
        let key = key.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return [] }
        let tolerance = tolerance(for: key)
        var best: [String: Int] = [:]
        for c in candidates {
            // Far longer or shorter names are no typo: skip the table.
            guard let d = c.names.filter({ abs($0.count - key.count) <= tolerance }).map({ editDistance($0, key) }).min(),
                d <= tolerance
            else { continue }
            best[c.label] = min(best[c.label] ?? d, d)
        }
        guard let nearest = best.values.min() else { return [] }
        return best.filter { $0.value == nearest }.keys.sorted { (NameOrder.key($0), $0) < (NameOrder.key($1), $1) }.prefix(limit).map {
            $0
        }
    }

    /// " (did you mean 'a' or 'b'?)", or "" when nothing is near; the console quotes as its
    /// messages do (`open: "“", close: "”"`).
    public static func hint(_ suggestions: [String], open: String = "'", close: String = "'") -> String {
        guard !suggestions.isEmpty else { return "" }
        let quoted = suggestions.map { open + $0 + close }
        let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
        return " (did you mean \(list)?)"
    }
}

extension Environment {
    /// Users whose name or domain name is near `key`, as "Name <domain name>".
    public func userSuggestions(for key: String) -> [String] {
        NameSuggestion.closest(to: key, among: users.values.map(Self.suggestionNames))
    }

    /// A user as suggested ("Name <domain name>") and the names they answer to: their name, each
    /// word of it (a first name typed alone finds them, as a unique part does), their domain name.
    public static func suggestionNames(_ u: User) -> (label: String, names: [String]) {
        ("\(u.name) <\(u.domainName)>", [u.name, u.domainName] + u.name.split(separator: " ").map(String.init))
    }

    /// Roles whose name is near `key`.
    public func roleSuggestions(for key: String) -> [String] {
        NameSuggestion.closest(to: key, among: roles.values.map { ($0.name, [$0.name]) })
    }

    /// Tables whose logical, schema or display name is near `key`, as logical names.
    public func tableSuggestions(for key: String) -> [String] {
        NameSuggestion.closest(to: key, among: tables.values.map { ($0.logicalName, [$0.logicalName, $0.schemaName, $0.displayName]) })
    }

    /// Field security profiles whose name is near `key`.
    public func profileSuggestions(for key: String) -> [String] {
        NameSuggestion.closest(to: key, among: fieldSecurityProfiles.values.map { ($0.name, [$0.name]) })
    }
}
