import Foundation

/// An accepted finding: a rule and a place that `dvsec check` should stay quiet about, with the
/// reason it was accepted.
///
/// `place` matches a finding's place written as `Environment/path` (`Contoso Production/role/Sales
/// Manager`), the path alone (`role/Sales Manager`, any environment), or the id key (`role:<id>`).
/// `*` matches any run of characters. Rule and place compare case-insensitively; `rule` may be `*`.
public struct Suppression: Hashable, Sendable {
    /// A rule id (case-insensitive) or `*`.
    public var rule: String
    /// A place pattern: `Environment/path`, `path`, or an id key; `*` matches any run of characters.
    public var place: String
    /// Why the finding is accepted (required).
    public var reason: String

    public init(rule: String, place: String, reason: String) {
        self.rule = rule
        self.place = place
        self.reason = reason
    }

    /// Whether this suppression silences the finding.
    public func matches(_ finding: Finding) -> Bool {
        guard rule == "*" || rule.lowercased() == finding.ruleId.lowercased() else { return false }
        let p = finding.place
        let candidates = [
            p.description, p.path, p.environmentId + "/" + p.path, p.key, p.environmentName + "/" + p.key,
            p.environmentId + "/" + p.key,
        ]
        let pattern = place.lowercased()
        return candidates.contains { Suppression.glob(pattern, $0.lowercased()) }
    }

    /// `*` matches any run of characters (including `/`); everything else literally.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == text }
        var rest = Substring(text)
        guard let first = parts.first, rest.hasPrefix(first) else { return false }
        rest = rest.dropFirst(first.count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let r = rest.range(of: part) else { return false }
            rest = rest[r.upperBound...]
        }
        guard let last = parts.last else { return true }
        return last.isEmpty || rest.hasSuffix(last)
    }
}

/// A suppression file that could not be read, with the place of the problem.
public struct SuppressionFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file the suppressions came from.
    public var source: String
    /// JSON path of the problem, e.g. `[2].reason`.
    public var path: String
    /// What is wrong, in words a user can act on.
    public var message: String

    /// The line where the entry (or the value) with the problem starts, when known.
    public var line: Int?

    public init(source: String, path: String, message: String, line: Int? = nil) {
        self.source = source
        self.path = path
        self.message = message
        self.line = line
    }

    public var description: String {
        "\(source)\(path.isEmpty ? "" : " at \(path)")\(line.map { " (line \($0))" } ?? ""): \(message)"
    }
}

/// Reads suppression files: a JSON array of `{"rule": ..., "place": ..., "reason": ...}`, or an
/// object with that array under `"suppressions"`. Every entry needs a non-empty reason.
public enum SuppressionFile {
    /// Parses a suppression file; every problem names its JSON path.
    public static func parse(_ data: Data, source: String = "suppressions") throws(SuppressionFileError) -> [Suppression] {
        let root: Any
        if JSONNesting.depth(of: data, limit: JSONNesting.limit) > JSONNesting.limit {
            throw SuppressionFileError(
                source: source, path: "", message: "not valid JSON (nested more than \(JSONNesting.limit) levels deep)")
        }
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            // The snapshot's reader says where: line and column, and the JSON path.
            let problem = data.withUnsafeBytes { raw -> SnapshotProblem? in
                var reader = JSONReader(document: raw.bindMemory(to: UInt8.self))
                do throws(SnapshotProblem) {
                    try reader.skipValue()
                    reader.skipWhitespace()
                    return reader.position < reader.bytes.count ? reader.syntaxError("unexpected text after the JSON value") : nil
                } catch {
                    return error
                }
            }
            var place = problem?.path ?? ""
            if let line = problem?.line, let column = problem?.column {
                place += (place.isEmpty ? "" : " ") + "line \(line), column \(column)"
            }
            throw SuppressionFileError(
                source: source, path: place,
                message: "not valid JSON (" + (problem?.message ?? error.localizedDescription) + ")")
        }
        let list: [Any]
        var prefix = ""
        if let array = root as? [Any] {
            list = array
        } else if let object = root as? [String: Any], let array = object["suppressions"] as? [Any] {
            // Unknown keys are errors, as everywhere else: a misspelt key next to the real one
            // would be ignored.
            if let extra = object.keys.sorted().first(where: { $0 != "suppressions" }) {
                throw SuppressionFileError(source: source, path: extra, message: "unknown key '\(extra)'")
            }
            list = array
            prefix = "suppressions"
        } else {
            throw SuppressionFileError(
                source: source, path: "", message: "expected an array of {rule, place, reason} or {\"suppressions\": [...]}")
        }
        var out: [Suppression] = []
        // Each entry's line, worked out once a problem needs it (a file of 300 accepted findings
        // names the line to open, not only `[212]`).
        var lines: [Int]?
        func fail(_ i: Int, _ path: String, _ message: String) -> SuppressionFileError {
            if lines == nil { lines = entryLines(data) }
            return SuppressionFileError(source: source, path: path, message: message, line: lines.flatMap { i < $0.count ? $0[i] : nil })
        }
        for (i, item) in list.enumerated() {
            let at = "\(prefix)[\(i)]"
            guard let object = item as? [String: Any] else {
                throw fail(i, at, "expected an object with rule, place and reason")
            }
            func field(_ name: String) throws(SuppressionFileError) -> String {
                guard let value = object[name] else { throw fail(i, "\(at).\(name)", "missing '\(name)'") }
                guard let v = value as? String else {
                    let example = name == "rule" ? "\"GL3\"" : name == "place" ? "\"role/Sales Manager\"" : "\"accepted for the pilot\""
                    throw fail(i, "\(at).\(name)", "'\(name)' must be a string, like \(example)")
                }
                guard !v.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(i, "\(at).\(name)", "empty '\(name)'") }
                return v
            }
            let rule = try field("rule")
            if rule != "*" && CheckRule.rule(id: rule) == nil {
                // "AP4" names a family: its rules are AP4a ... AP4d.
                let family = CheckRule.catalogue.map(\.id).filter { $0.lowercased().hasPrefix(rule.lowercased()) && $0.count > rule.count }
                let near = NameSuggestion.closest(to: rule, among: CheckRule.catalogue.map { ($0.id, [$0.id]) })
                let hint =
                    family.isEmpty
                    ? NameSuggestion.hint(near) : " (did you mean \(family.joined(separator: ", "))? Rules are suppressed one by one)"
                throw fail(i, "\(at).rule", "unknown rule '\(rule)'\(hint)")
            }
            if let extra = object.keys.sorted().first(where: { !["rule", "place", "reason"].contains($0) }) {
                throw fail(i, "\(at).\(extra)", "unknown key '\(extra)'")
            }
            out.append(Suppression(rule: rule, place: try field("place"), reason: try field("reason")))
        }
        return out
    }

    /// The line where each entry of the file's array starts (the top-level array, or the one
    /// under `"suppressions"`), in order.
    static func entryLines(_ data: Data) -> [Int] {
        data.withUnsafeBytes { raw in
            var r = JSONReader(document: raw.bindMemory(to: UInt8.self))
            let index = LineIndex(r.bytes)
            var out: [Int] = []
            func entries(_ r: inout JSONReader) throws(SnapshotProblem) {
                try r.beginArray()
                while try r.nextElement() {
                    r.skipWhitespace()
                    out.append(index.line(at: r.position))
                    try r.skipValue()
                }
            }
            do throws(SnapshotProblem) {
                r.skipWhitespace()
                if r.position < r.bytes.count, r.bytes[r.position] == UInt8(ascii: "[") {
                    try entries(&r)
                } else {
                    try r.beginObject()
                    while let key = try r.nextKey() {
                        if case "suppressions" = key { try entries(&r) } else { try r.skipValue() }
                    }
                }
            } catch {
                return out
            }
            return out
        }
    }
}

/// A finding silenced by a suppression.
public struct SuppressedFinding: Hashable, Sendable {
    public var finding: Finding
    public var suppression: Suppression
}

/// Findings after suppressions: what is left, what was silenced, and suppressions that matched nothing.
public struct SuppressionOutcome: Hashable, Sendable {
    /// Findings left after suppression.
    public var findings: [Finding]
    /// Findings silenced, each with the suppression that silenced it.
    public var suppressed: [SuppressedFinding]
    /// Suppressions that matched no finding: stale, or a typo that leaves the finding reported.
    public var unused: [Suppression]

    /// Applies suppressions to findings; a finding is attributed to the first suppression that
    /// matches it, and every matching suppression counts as used. A suppression whose place names
    /// one of `notChecked` (`Contoso Sandbox/...` when only production was checked) is not unused:
    /// it is about findings this run did not look for; nor is one that matches a finding of
    /// `elsewhere` (the findings of the environments not checked): `role/Sales Manager` with no
    /// environment may be about the sandbox.
    public init(
        findings all: [Finding], suppressions: [Suppression], notChecked: [Environment] = [], elsewhere otherFindings: [Finding] = []
    ) {
        var kept: [Finding] = []
        var silenced: [SuppressedFinding] = []
        var used = Set<Int>()
        for f in all {
            let matching = suppressions.indices.filter { suppressions[$0].matches(f) }
            if let i = matching.first {
                silenced.append(SuppressedFinding(finding: f, suppression: suppressions[i]))
                used.formUnion(matching)
            } else {
                kept.append(f)
            }
        }
        findings = kept
        suppressed = silenced
        let elsewhere = Set(notChecked.flatMap { [$0.name.lowercased() + "/", $0.id.lowercased() + "/"] })
        unused = suppressions.enumerated().filter { !used.contains($0.offset) }.map(\.element)
            .filter { s in
                let place = s.place.lowercased()
                return !elsewhere.contains(where: { place.hasPrefix($0) })
            }
            .filter { s in !otherFindings.contains(where: s.matches) }
    }

    /// Whether `dvsec check` should fail: an unsuppressed finding at warning or above.
    public var fails: Bool { findings.contains { $0.severity.failsCheck } }

    /// Whether an unsuppressed finding is at `severity` or more serious (`--fail-on error`: only
    /// errors fail; `info`: any finding does).
    public func fails(at severity: FindingSeverity) -> Bool { findings.contains { $0.severity <= severity } }
}
