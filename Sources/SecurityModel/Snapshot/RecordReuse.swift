import Foundation

/// The records of one snapshot file (a diff's base), found again by their exact bytes while a
/// second file (the diff's target) is read.
///
/// Two snapshots compared before go-live share almost every user, team, role and Entra group
/// record byte for byte. A record of the second file whose bytes equal one of the first file's is
/// not parsed again: it gets the value already parsed, which is what parsing it would give, since
/// a record's value depends only on its bytes. The bytes are compared in full (`memcmp`), never
/// trusted to a digest, so a crafted record cannot pass for another one. Besides the parsing
/// saved, the two snapshots then share those values' storage: comparing them is mostly comparing
/// a value with itself, and the second file costs little memory.
///
/// Only a file whose records all parsed without a problem is recorded; references to other
/// records (a user's roles and business unit) are still checked in the second file, where they
/// may point to records that are gone.
public final class RecordReuse: @unchecked Sendable {
    /// The kinds of record worth reusing: the large arrays of an environment.
    enum Kind: UInt8 {
        case user, team, role, entraGroup
    }

    // Made once by `init`, only read afterwards (from both cores).
    private let data: Data
    /// An open-addressing table (linear probing, a power of two, at most half full) of records.
    private let slots: [Slot]
    let users: [User]
    let teams: [Team]
    let roles: [SecurityRole]
    let entraGroups: [EntraGroup]

    private struct Slot {
        var digest: UInt64 = 0
        /// Where the record starts in `data`.
        var start = 0
        /// 0 for an empty slot (a record has at least two bytes).
        var count = 0
        var kind = Kind.user
        /// Index in the kind's array.
        var index = 0
    }

    /// Records the users, teams, roles and Entra groups of `environments`, read from the JSON that
    /// starts `offset` bytes into `data`.
    init(data: Data, offset: Int, environments: [RawEnvironment]) {
        self.data = data
        var users: [User] = []
        var teams: [Team] = []
        var roles: [SecurityRole] = []
        var entraGroups: [EntraGroup] = []
        var spans: [(span: Range<Int>, kind: Kind, index: Int)] = []
        for env in environments {
            // With two users of one id, the dictionary has the first's value for both spans.
            if env.userSpans.count == env.userOrder.count && env.duplicateUsers.isEmpty {
                for (span, id) in zip(env.userSpans, env.userOrder) {
                    guard let user = env.users[id] else { continue }
                    spans.append((span, .user, users.count))
                    users.append(user)
                }
            }
            func add<T>(_ records: [T], _ at: [Range<Int>], _ kind: Kind, to list: inout [T]) {
                guard at.count == records.count else { return }
                for (span, record) in zip(at, records) {
                    spans.append((span, kind, list.count))
                    list.append(record)
                }
            }
            add(env.teams, env.teamSpans, .team, to: &teams)
            add(env.roles, env.roleSpans, .role, to: &roles)
            add(env.entraGroups, env.entraGroupSpans, .entraGroup, to: &entraGroups)
        }
        var capacity = 16
        while capacity < spans.count * 2 { capacity *= 2 }
        var table = [Slot](repeating: Slot(), count: capacity)
        let mask = capacity - 1
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            // The digests of 100,000 records, on both cores.
            var digests = [UInt64](repeating: 0, count: spans.count)
            digests.withUnsafeMutableBufferPointer { out in
                // Each part writes only its own digests; the bytes and spans are only read.
                nonisolated(unsafe) let out = out
                nonisolated(unsafe) let base = base
                let spans = spans
                let size = raw.count
                let half = spans.count / 2
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    for i in (part == 0 ? 0..<half : half..<spans.count) {
                        let span = spans[i].span
                        if span.count >= 2 && offset + span.upperBound <= size {
                            out[i] = Self.digest(base + offset + span.lowerBound, span.count)
                        }
                    }
                }
            }
            for (n, (span, kind, index)) in spans.enumerated() where span.count >= 2 && offset + span.upperBound <= raw.count {
                let start = offset + span.lowerBound
                let digest = digests[n]
                var i = Int(truncatingIfNeeded: digest) & mask
                var skip = false
                var probes = 0
                while table[i].count != 0 {
                    probes += 1
                    // Already there, or too crowded a neighbourhood to be worth a place.
                    if probes > Self.maximumProbes
                        || (table[i].digest == digest && table[i].count == span.count && table[i].kind == kind
                            && memcmp(base + table[i].start, base + start, span.count) == 0)
                    {
                        skip = true
                        break
                    }
                    i = (i + 1) & mask
                }
                if !skip { table[i] = Slot(digest: digest, start: start, count: span.count, kind: kind, index: index) }
            }
        }
        slots = table
        self.users = users
        self.teams = teams
        self.roles = roles
        self.entraGroups = entraGroups
    }

    /// The most slots a record is looked for in. A table at most half full needs a handful; a
    /// base crafted so that many records share a digest gets its extra records parsed again
    /// instead of turning the load quadratic.
    static let maximumProbes = 64

    /// How many records can be reused.
    public var count: Int { users.count + teams.count + roles.count + entraGroups.count }

    /// Where the record of that kind whose bytes are exactly `bytes[span]` is in the kind's array,
    /// if the reference had one.
    func index(of kind: Kind, _ bytes: UnsafeBufferPointer<UInt8>, _ span: Range<Int>) -> Int? {
        guard let start = bytes.baseAddress.map({ UnsafeRawPointer($0 + span.lowerBound) }), span.count >= 2,
            span.lowerBound >= 0, span.upperBound <= bytes.count
        else { return nil }
        let digest = Self.digest(start, span.count)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: digest) & mask
        return data.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress else { return nil }
            var probes = 0
            while slots[i].count != 0 && probes <= Self.maximumProbes {
                probes += 1
                let slot = slots[i]
                if slot.digest == digest && slot.count == span.count && slot.kind == kind
                    && memcmp(base + slot.start, start, span.count) == 0
                {
                    return slot.index
                }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// A quick multiply-and-rotate digest of every eight bytes (a record of 600 bytes in well under
    /// a microsecond). It only picks where to look: a match is always compared byte for byte.
    static func digest(_ start: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var i = 0
        while i + 8 <= count {
            let w = start.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h = (h << 29) | (h >> 35)
            i += 8
        }
        var tail: UInt64 = 0
        while i < count {
            tail = (tail << 8) | UInt64(start.load(fromByteOffset: i, as: UInt8.self))
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}
