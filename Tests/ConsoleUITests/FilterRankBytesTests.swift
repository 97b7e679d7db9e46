import SecurityModel
import Testing

@testable import ConsoleUI

/// The live filter searches UTF-8 bytes for a filter typed in ASCII (the Unicode-aware search
/// took 170–285 ms per key over 100,000 users; found by a scale review). These check that it
/// answers what the Unicode search answers, on random keys and filters full of the characters
/// where bytes and characters part: accents composed and combining, `\r\n`, the characters
/// canonically equivalent to ASCII ones, capitals, ß, İ, emoji.
@Suite("FilterRank: the byte search answers as the Unicode search does")
struct FilterRankBytesTests {
    /// A small deterministic generator (SplitMix64), so a failure names a case that comes back.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Pieces keys and filters are made of: mostly ASCII, as real names are, with the hard cases.
    static let pieces: [String] = [
        "a", "b", "e", "k", "s", "z", "1", "9", " ", " ", "-", ".", "@", ";", "`", "A", "E", "K",
        "é", "e\u{301}", "\u{301}", "É", "ü", "u\u{308}", "ß", "ss", "İ", "i\u{307}", "ﬁ", "fi",
        "\r", "\n", "\r\n", "\u{37E}", "\u{1FEF}", "\u{212A}", "ø", "Ω", "\u{2126}", "😀", "🇫🇷",
        "#\u{FE0F}\u{20E3}", "\u{600}1", "日", "\t",
    ]

    static func text(_ g: inout Generator, maxLength: Int) -> String {
        (0..<g.below(maxLength + 1)).map { _ in pieces[g.below(pieces.count)] }.joined()
    }

    /// A filter: mostly a piece of a key (as typed to find it), sometimes random.
    static func needle(_ g: inout Generator, in key: String) -> String {
        let scalars = Array(key.unicodeScalars)
        guard g.below(3) > 0, !scalars.isEmpty else { return text(&g, maxLength: 3) }
        let start = g.below(scalars.count)
        let end = start + 1 + g.below(min(4, scalars.count - start))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<end])
        return String(s)
    }

    @Test func ranksAndMatchesAsTheUnicodeSearchOnRandomStrings() {
        var g = Generator(state: 2024)
        var matched = 0
        for _ in 0..<30_000 {
            // Keys are lower-cased by the lists; the filter is lower-cased by FilterRank.
            let key = Self.text(&g, maxLength: 8).lowercased()
            let filter = Self.needle(&g, in: key)
            let lower = filter.lowercased()
            let needle = FilterRank.Needle(filter)
            let expected = lower.isEmpty ? nil : FilterRank.unicodeRank(key, lower)
            if expected != nil { matched += 1 }
            if !lower.isEmpty {
                #expect(FilterRank.rank(key, needle) == expected, "key \(key.debugDescription) filter \(filter.debugDescription)")
            }
            #expect(
                FilterRank.contains(key, needle) == FilterRank.unicodeContains(key, lower),
                "key \(key.debugDescription) filter \(filter.debugDescription)")
        }
        // The cases are not all misses.
        #expect(matched > 5_000)
    }

    /// Whole lists rank in the same order as ranking each key by the Unicode search.
    @Test func listsComeInTheSameOrder() {
        var g = Generator(state: 7)
        for _ in 0..<300 {
            let keys = (0..<60).map { _ in Self.text(&g, maxLength: 6).lowercased() }
            let filter = Self.needle(&g, in: keys[g.below(keys.count)])
            let lower = filter.lowercased()
            var buckets: [[Int]] = [[], [], [], []]
            for i in keys.indices {
                if let r = FilterRank.unicodeRank(keys[i], lower) { buckets[r].append(i) }
            }
            let expected = lower.isEmpty ? Array(keys.indices) : buckets.flatMap { $0 }
            #expect(FilterRank.ranked(keys.indices, filter: filter) { keys[$0] } == expected, "filter \(filter.debugDescription)")
        }
    }

    /// The cases the byte search must hand to the Unicode one, named.
    @Test func bytesThatAreNotCharacters() {
        let rank = { (key: String, filter: String) in FilterRank.rank(key, FilterRank.Needle(filter)) }
        // A match of bytes inside a character: the Unicode search decides.
        #expect(rank("cafe\u{301} x", "cafe") == FilterRank.unicodeRank("cafe\u{301} x", "cafe"))
        #expect(rank("a\r\nb", "\n") == FilterRank.unicodeRank("a\r\nb", "\n"))
        // No bytes in common but a canonically equivalent character: found as before.
        #expect(rank("x\u{37E}y", ";") == FilterRank.unicodeRank("x\u{37E}y", ";"))
        // Plain ASCII: every rank.
        #expect(rank("user 9", "user 9") == 0)
        #expect(rank("user 99 x", "user 99") == 0)
        #expect(rank("user 999", "user 99") == 1)
        #expect(rank("ada user 9", "user") == 2)
        #expect(rank("ada xuser", "user") == 3)
        #expect(rank("ada", "user") == nil)
        #expect(rank("josé user", "user") == 2)
    }

    /// ``FilterRank/asciiEquivalents`` lists every character other than an ASCII one that
    /// `String` holds equal to an ASCII character, lower-cased or not: the byte search relies on
    /// it to say "no match" without asking the Unicode search.
    @Test func theCharactersEquivalentToASCIIAreListed() {
        let ascii = Set((0..<0x80).compactMap { Unicode.Scalar($0).map { String(Character($0)) } })
        let listed = Set(FilterRank.asciiEquivalents.map { String(decoding: $0, as: UTF8.self) })
        var found: Set<String> = []
        for value in UInt32(0x80)...0x3_FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let s = String(Character(scalar))
            if ascii.contains(s) { found.insert(s) }
            let lower = s.lowercased()
            if ascii.contains(lower) && !lower.unicodeScalars.allSatisfy(\.isASCII) { found.insert(lower) }
        }
        #expect(found.isSubset(of: listed), "\(found.map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
    }

    /// The holders filter keeps its rows: those whose name, domain name and way of holding the
    /// role contain the filter; and the counts of the header are the holders'.
    @Test func holdersMatchAsBefore() throws {
        let env = Fixture.production
        for roleId in env.roles.keys.sorted() {
            let report = try #require(RoleReport(environment: env, roleId: roleId))
            var view = RoleHoldersState(report: report, generation: 0)
            #expect(view.directCount == report.holders.count { $0.path == RoleReport.directPath })
            #expect(view.userCount == Set(report.holders.map(\.userId)).count)
            for filter in ["", "a", "AL", "direct", "through", "sales eu", "@", "zz", "é", " d"] {
                let expected = report.holders.indices.filter { i in
                    let h = report.holders[i]
                    return filter.isEmpty || (h.name + " " + h.domainName + " " + h.path).lowercased().contains(filter.lowercased())
                }.map(String.init)
                #expect(view.rows(filter: filter) == expected, "\(roleId) \(filter)")
            }
        }
    }
}
