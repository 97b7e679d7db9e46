import Foundation
import PropertyBased
import Testing

@testable import SecurityModel

/// The snapshot reader on damaged files: a valid snapshot with random damage (bytes flipped,
/// cut, duplicated, JSON tokens swapped in) is either refused with problems that each name a
/// place, or read into a model that saves and reads back to the same model. It never traps: the
/// reader is our own byte-level parser, where an index off by one is a crash.
@Suite struct LoaderMutationTests {
    /// A small organisation written as the writer writes it (sorted keys, indented).
    static let valid: [UInt8] = Array(
        SnapshotWriter.data(for: SnapshotGenerator.generate(users: 12, teams: 4, roles: 4, tables: 5, seed: 7)))

    /// Pieces of JSON worth splicing in: structure, literals, escapes, numbers at the edges.
    static let tokens: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\uD800", "\\u0000", "null", "true", "false", "-", "0", "1e999",
        "-0.0e-7", "\"\"", "[]", "{}", "\u{00}", "\u{1B}[31m", "\u{FEFF}", "é", "\u{10FFFF}", " ", "\n", "\"id\"", "\"roles\"",
        "\"version\"", "\"environments\"", "9007199254740993",
    ]

    /// `count` random changes to `bytes`, picked by `seed`.
    static func damaged(_ bytes: [UInt8], seed: UInt64, count: Int) -> [UInt8] {
        var rng = SeededGenerator(seed: seed)
        var out = bytes
        for _ in 0..<count {
            guard !out.isEmpty else { break }
            let at = Int(rng.next() % UInt64(out.count))
            switch rng.next() % 6 {
            case 0: out[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: out.removeSubrange(at..<min(out.count, at + 1 + Int(rng.next() % 40)))
            case 2:
                let token = tokens[Int(rng.next() % UInt64(tokens.count))]
                out.insert(contentsOf: Array(token.utf8), at: at)
            case 3: out = Array(out[..<at])
            case 4:
                let end = min(out.count, at + 1 + Int(rng.next() % 200))
                out.insert(contentsOf: out[at..<end], at: at)
            default:
                // A digit made into a long number, or a quote taken away.
                if out[at] == UInt8(ascii: "\"") {
                    out.remove(at: at)
                } else {
                    out.insert(contentsOf: Array(repeating: UInt8(ascii: "9"), count: 30), at: at)
                }
            }
        }
        return out
    }

    @Test func aDamagedSnapshotIsRefusedWithItsPlacesOrReadWhole() async {
        await propertyCheck(count: propertyCount(400), input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...6)) { seed, changes in
            let bytes = Self.damaged(Self.valid, seed: UInt64(seed), count: changes)
            do {
                let snapshot = try SnapshotReader.read(Data(bytes), source: "damaged.json")
                // Read: what it holds saves and reads back the same.
                let again = try SnapshotReader.read(SnapshotWriter.data(for: snapshot))
                #expect(again == snapshot, "seed \(seed), \(changes) changes: read, but not the same after a save")
            } catch let error as SnapshotLoadError {
                #expect(!error.problems.isEmpty, "seed \(seed): refused without a problem")
                // Each problem says where: a JSON path, or a line and column for broken syntax.
                for p in error.problems {
                    #expect(!p.message.isEmpty, "seed \(seed): a problem without words")
                    let placed = !p.path.isEmpty || p.line != nil || bytes.isEmpty
                    #expect(placed, "seed \(seed), \(changes) changes: '\(p.message)' names no place")
                }
                #expect(error.description.contains("damaged.json"), "seed \(seed): the error does not name the file")
            } catch {
                Issue.record("seed \(seed): unexpected error \(error)")
            }
        }
    }

    /// Both sides of a pair read together (the diff's parallel reader, which reuses the base's
    /// records for the target) agree with reading each alone, damaged or not.
    @Test func readingAPairAgreesWithReadingEachFile() async {
        await propertyCheck(count: propertyCount(150), input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...3)) { seed, changes in
            let target = Self.damaged(Self.valid, seed: UInt64(seed), count: changes)
            let alone = Result { () throws(SnapshotLoadError) in try SnapshotReader.read(Data(target), source: "t.json") }
            let pair = Result { () throws(SnapshotLoadError) in
                try SnapshotReader.readPair(Data(Self.valid), source: "b.json", Data(target), source: "t.json")
            }
            switch (alone, pair) {
            case (.success(let a), .success(let p)): #expect(a == p.target, "seed \(seed)")
            case (.failure(let a), .failure(let p)): #expect(a.problems == p.problems, "seed \(seed)")
            default: Issue.record("seed \(seed): alone \(alone), as a pair \(pair)")
            }
        }
    }
}
