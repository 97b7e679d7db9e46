/// How a diff's text shows names and values: names in quotes, long values cut with `…`.
extension DiffTextRenderer {
    /// A name in quotes, `"` and `\` in it escaped (``quotedName(_:)``), shown ``readable(_:)``.
    func quoted(_ s: String) -> String { readableQuotedName(s) }

    /// ``quoted(_:)`` cut as ``cut(_:)`` cuts, keeping the closing quote: `"Sales Team Read…"`.
    func cutQuoted(_ s: String) -> String {
        let q = quoted(s)
        return q.count > maxValueLength ? String(q.prefix(maxValueLength - 2)) + "…\"" : q
    }

    func cut(_ s: String) -> String {
        let clean = readable(s)
        return clean.count > maxValueLength ? String(clean.prefix(maxValueLength - 1)) + "…" : clean
    }

    /// Both sides of `old -> new`, cut so that where they first differ is in sight on each: two
    /// long descriptions that differ near the end were cut alike, and read the same on both
    /// sides. When the usual cut would hide the difference, each side shows the same stretch
    /// around it, an ellipsis in front (and behind, when more follows): `…Level Sales A ->
    /// …Level Sales B`.
    func cut(_ old: String, _ new: String) -> (String, String) {
        let a = Array(readable(old))
        let b = Array(readable(new))
        guard a.count > maxValueLength || b.count > maxValueLength else { return (String(a), String(b)) }
        let first = zip(a, b).prefix { $0 == $1 }.count
        guard first >= maxValueLength - 1 else { return (cut(old), cut(new)) }
        // Two thirds of the room before the difference, to recognise the place; the rest after.
        let room = max(maxValueLength - 2, 1)
        let start = max(1, first - room * 2 / 3)
        func stretch(_ s: [Character]) -> String {
            let end = min(s.count, start + room)
            return "…" + String(s[min(start, end)..<end]) + (end < s.count ? "…" : "")
        }
        return (stretch(a), stretch(b))
    }
}
