/// How well a row's search key matches a filter, so that every list (and picker) puts the best
/// matches first: the name typed in full, then names starting with it, then names with a word
/// starting with it, then the rest, each in the list's own order. "System Adm" landed on "Copy of
/// System Administrator", before System Administrator in the alphabet (found by a console review).
///
/// A filter over 100,000 users runs on every key typed, and the Unicode-aware `String` searches
/// took 170–285 ms per key there (found by a scale review). A filter typed in ASCII (almost every
/// one) is therefore searched for in the key's UTF-8 bytes, which gives the same answer as the
/// Unicode search whenever the key is ASCII too; a key with other characters is handed to the
/// Unicode search only when its bytes contain the filter (see ``Needle``), so which rows match
/// and their order are what ``unicodeRank(_:_:)`` says.
enum FilterRank {
    /// A lower-cased filter, prepared once per keystroke for searching many keys.
    struct Needle {
        /// The filter, lower-cased, as keys are.
        let text: String
        /// Its UTF-8 bytes when the byte search applies: every byte ASCII and no carriage return
        /// (`"\r\n"` is one character, so `"\r"` alone must not match half of it); nil otherwise.
        let bytes: [UInt8]?

        init(_ filter: String) {
            text = filter.lowercased()
            let utf8 = Array(text.utf8)
            bytes = utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? utf8 : nil
        }

        var isEmpty: Bool { text.isEmpty }
    }

    /// 0: the key is the text, or starts with it and a space (keys are "name detail"); 1: it
    /// starts with it; 2: a word of it does; 3: it is somewhere else; nil: no match. `needle` is
    /// lower-cased, as keys are.
    static func rank(_ key: String, _ needle: String) -> Int? { rank(key, Needle(needle)) }

    /// ``rank(_:_:)`` with the filter prepared once.
    static func rank(_ key: String, _ needle: Needle) -> Int? {
        guard let n = needle.bytes, !n.isEmpty else { return unicodeRank(key, needle.text) }
        let answer = key.utf8.withContiguousStorageIfAvailable { k -> Int? in
            switch byteRank(k, n) {
            case .exact(let r): r
            case .unicode: unicodeRank(key, needle.text)
            }
        }
        return answer ?? unicodeRank(key, needle.text)
    }

    /// Whether `key` contains the prepared filter, as `key.contains(needle.text)` says.
    static func contains(_ key: String, _ needle: Needle) -> Bool {
        guard let n = needle.bytes, !n.isEmpty else { return unicodeContains(key, needle.text) }
        let answer = key.utf8.withContiguousStorageIfAvailable { k -> Bool in
            switch byteRank(k, n) {
            case .exact(let r): r != nil
            case .unicode: unicodeContains(key, needle.text)
            }
        }
        return answer ?? unicodeContains(key, needle.text)
    }

    /// The rank by Unicode-aware `String` comparison: the meaning of every rank, and the answer
    /// for keys and filters the byte search does not settle.
    static func unicodeRank(_ key: String, _ needle: String) -> Int? {
        if key.hasPrefix(needle) {
            let rest = key.dropFirst(needle.count)
            return rest.isEmpty || rest.hasPrefix(" ") ? 0 : 1
        }
        if key.contains(" " + needle) { return 2 }
        return key.contains(needle) ? 3 : nil
    }

    /// `key.contains(needle)` by Unicode-aware `String` comparison.
    static func unicodeContains(_ key: String, _ needle: String) -> Bool { key.contains(needle) }

    /// What the bytes of a key say about an ASCII needle.
    private enum ByteAnswer {
        /// The rank (or no match), the same as the Unicode search's.
        case exact(Int?)
        /// Only the Unicode search can tell.
        case unicode
    }

    /// Searches the key's UTF-8 bytes for the needle's (ASCII, no carriage return, not empty).
    ///
    /// An ASCII key without a carriage return has one character per byte, so the byte answer is
    /// the Unicode one. In another key, a match of the bytes may not be one of characters (an
    /// "e" followed by a combining accent is the character "é"), so the Unicode search decides;
    /// but no match of the bytes is no match at all, since an ASCII character is canonically
    /// equivalent only to itself and to the three characters ``asciiEquivalents`` lists (a key
    /// holding one of those goes to the Unicode search too).
    private static func byteRank(_ k: UnsafeBufferPointer<UInt8>, _ n: [UInt8]) -> ByteAnswer {
        let m = n.count
        guard k.count >= m else { return plain(k) ? .exact(nil) : (hasASCIIEquivalent(k) ? .unicode : .exact(nil)) }
        let first = n[0]
        var found: Int?
        var start = 0
        let last = k.count - m
        search: while start <= last {
            if k[start] == first {
                var j = 1
                while j < m && k[start + j] == n[j] { j += 1 }
                if j == m {
                    if start == 0 {
                        found = m == k.count || k[m] == 0x20 ? 0 : 1
                        break search
                    }
                    if k[start - 1] == 0x20 {
                        found = 2
                        break search
                    }
                    if found == nil { found = 3 }
                }
            }
            start += 1
        }
        if let found { return plain(k) ? .exact(found) : .unicode }
        return hasASCIIEquivalent(k) ? .unicode : .exact(nil)
    }

    /// Whether every byte is ASCII and none a carriage return: one character per byte.
    private static func plain(_ k: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in k where b >= 0x80 || b == 0x0D { return false }
        return true
    }

    /// The characters other than ASCII ones that are canonically equivalent to an ASCII
    /// character, as UTF-8: U+037E Greek question mark (`;`), U+1FEF Greek varia (`` ` ``) and
    /// U+212A Kelvin sign (`K`; lower-casing makes it `k`). A test checks the list against
    /// every character.
    static let asciiEquivalents: [[UInt8]] = [[0xCD, 0xBE], [0xE1, 0xBF, 0xAF], [0xE2, 0x84, 0xAA]]

    /// Whether the key holds one of ``asciiEquivalents``.
    private static func hasASCIIEquivalent(_ k: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < k.count {
            let b = k[i]
            if b == 0xCD || b == 0xE1 || b == 0xE2 {
                for seq in asciiEquivalents where seq[0] == b && i + seq.count <= k.count {
                    var j = 1
                    while j < seq.count && k[i + j] == seq[j] { j += 1 }
                    if j == seq.count { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// The positions whose key matches `filter`, best rank first and in their order within a
    /// rank; every position, in order, for an empty filter. One pass: a filter over 100,000 users
    /// runs on each key typed.
    static func ranked(_ positions: some Sequence<Int>, filter: String, key: (Int) -> String) -> [Int] {
        let needle = Needle(filter)
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
        let needle = Needle(filter)
        guard !needle.isEmpty, let a = rank(first, needle) else { return false }
        return a < (rank(other, needle) ?? 4)
    }
}
