/// How well a row's search key matches a filter, so that every list (and picker) puts the best
/// matches first: the name typed in full, then names starting with it, then names with a word
/// starting with it, then the rest, each in the list's own order. "System Adm" landed on "Copy of
/// System Administrator", before System Administrator in the alphabet (found by a console review).
enum FilterRank {
    /// 0: the key is the text, or starts with it and a space (keys are "name detail"); 1: it
    /// starts with it; 2: a word of it does; 3: it is somewhere else; nil: no match. `needle` is
    /// lower-cased, as keys are.
    static func rank(_ key: String, _ needle: String) -> Int? {
        if key.hasPrefix(needle) {
            let rest = key.dropFirst(needle.count)
            return rest.isEmpty || rest.hasPrefix(" ") ? 0 : 1
        }
        if key.contains(" " + needle) { return 2 }
        return key.contains(needle) ? 3 : nil
    }

    /// The positions whose key matches `filter`, best rank first and in their order within a
    /// rank; every position, in order, for an empty filter. One pass: a filter over 100,000 users
    /// runs on each key typed.
    static func ranked(_ positions: some Sequence<Int>, filter: String, key: (Int) -> String) -> [Int] {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return Array(positions) }
        var buckets: [[Int]] = [[], [], [], []]
        for i in positions {
            if let r = rank(key(i), needle) { buckets[r].append(i) }
        }
        return buckets.flatMap { $0 }
    }

    /// The ids whose key (given by `key`, lower-cased) matches `filter`, ranked.
    static func ranked(ids: [String], filter: String, key: (String) -> String) -> [String] {
        ranked(ids.indices, filter: filter) { key(ids[$0]) }.map { ids[$0] }
    }

    /// Whether `first` matches `filter` better than `other`: the cursor leaves a row that still
    /// matches for the first row only then.
    static func ranksBetter(_ first: String, than other: String, filter: String) -> Bool {
        let needle = filter.lowercased()
        guard !needle.isEmpty, let a = rank(first, needle) else { return false }
        return a < (rank(other, needle) ?? 4)
    }
}
