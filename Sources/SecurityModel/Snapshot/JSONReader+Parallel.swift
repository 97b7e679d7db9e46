import Foundation

extension JSONReader {
    /// Finds where each element of the array at the reader's position starts, and where the array
    /// ends, without parsing the elements: strings are skipped eight bytes at a time. `ends` has
    /// where each element ends when every element is one object or one array, and is empty
    /// otherwise. Returns `nil` when the array is not well-formed as far as this can tell (an
    /// empty element, a trailing comma, unbalanced brackets): the caller then parses it
    /// sequentially and reports the precise error. The reader does not move.
    func scanArrayElements() -> (starts: [Int], ends: [Int], end: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var p = position
        while p < count, base[p] == 0x20 || base[p] == 0x0A || base[p] == 0x0D || base[p] == 0x09 { p += 1 }
        guard p < count, base[p] == UInt8(ascii: "[") else { return nil }
        p += 1
        var starts: [Int] = []
        var ends: [Int] = []
        // Whether `ends` pairs with `starts`, one end per element, each after its own start.
        var endsPair = true
        var depth = 0
        var expectingElement = true
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// An object or array closed at the array's level: the end of the current element, unless
        /// that element already ended (`{}{}`, two values without a comma).
        func closeElement(at end: Int) {
            if ends.count == starts.count - 1 { ends.append(end) } else { endsPair = false }
        }
        while p < count {
            let b = base[p]
            switch b {
            case 0x20, 0x0A, 0x0D, 0x09:
                p += 1
                // Indentation: eight spaces at a time (a pretty-printed file is a third spaces).
                while p + 8 <= count && UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self) == ones &* 0x20 { p += 8 }
                continue
            default: break
            }
            if expectingElement && depth == 0 {
                // `[,` and `,,` (an empty element) and `,]` (a trailing comma) are not JSON.
                if b == UInt8(ascii: ",") || (b == UInt8(ascii: "]") && !starts.isEmpty) { return nil }
                if b != UInt8(ascii: "]") {
                    // The previous element must have ended (a scalar has no end here).
                    if ends.count != starts.count { endsPair = false }
                    starts.append(p)
                    expectingElement = false
                }
            }
            switch b {
            case UInt8(ascii: "\""):
                p += 1
                // Skip the string: eight bytes at a time until a quote or backslash may be near.
                while p + 8 <= count {
                    let w = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
                    let q = w ^ (ones &* 0x22)
                    let s = w ^ (ones &* 0x5C)
                    if (((q &- ones) & ~q) | ((s &- ones) & ~s)) & highs != 0 { break }
                    p += 8
                }
                while p < count, base[p] != UInt8(ascii: "\"") { p += base[p] == UInt8(ascii: "\\") ? 2 : 1 }
                guard p < count else { return nil }
                p += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                p += 1
            case UInt8(ascii: "}"):
                depth -= 1
                guard depth >= 0 else { return nil }
                p += 1
                if depth == 0 { closeElement(at: p) }
            case UInt8(ascii: "]"):
                if depth == 0 { return (starts, endsPair && ends.count == starts.count ? ends : [], p + 1) }
                depth -= 1
                p += 1
                if depth == 0 { closeElement(at: p) }
            case UInt8(ascii: ","):
                if depth == 0 { expectingElement = true }
                p += 1
            default:
                p += 1
            }
        }
        return nil
    }

    /// Reads the elements of the array at the reader's position on both cores, each element with
    /// `read`, and returns them in file order. Falls back to one core for small or malformed arrays.
    mutating func readArrayInParallel<T>(
        minimumCount: Int = 20_000, problems: inout [SnapshotProblem],
        _ read: @escaping (inout JSONReader, inout [SnapshotProblem]) throws(SnapshotProblem) -> T
    ) throws(SnapshotProblem) -> (values: [T], spans: [Range<Int>]) {
        let (parts, spans) = try readArrayPartsInParallel(minimumCount: minimumCount, problems: &problems, read)
        return (parts.count == 1 ? parts[0] : parts.flatMap { $0 }, spans)
    }

    /// ``readArrayInParallel(minimumCount:_:)`` without joining: the elements in file order, as
    /// consecutive parts. A caller that moves the elements somewhere else (a dictionary of
    /// 100,000 users) takes them part by part instead of copying every element into one array.
    ///
    /// `spans` has each element's bytes, in file order (empty when they are not all objects or
    /// arrays). While an element is read on both cores, ``elementSpan`` tells `read` where it ends,
    /// so that it can skip an element it already knows (see ``RecordReuse``).
    ///
    /// The elements' problems are added to `problems` in file order, and when an element cannot
    /// be read, those of the elements before it are added before the error is thrown: the same
    /// problems as reading the array on one core.
    mutating func readArrayPartsInParallel<T>(
        minimumCount: Int = 20_000, problems: inout [SnapshotProblem],
        _ read: @escaping (inout JSONReader, inout [SnapshotProblem]) throws(SnapshotProblem) -> T
    ) throws(SnapshotProblem) -> (parts: [[T]], spans: [Range<Int>]) {
        guard let (starts, ends, end) = scanArrayElements(), starts.count >= minimumCount else {
            var values: [T] = []
            var spans: [Range<Int>] = []
            // Known only on the parallel path; an outer element's span says nothing about these.
            let outer = elementSpan
            elementSpan = nil
            defer { elementSpan = outer }
            try beginArray()
            while try nextElement() {
                skipWhitespace()
                let start = position
                values.append(try read(&self, &problems))
                spans.append(start..<position)
            }
            return ([values], spans)
        }
        let halves = [0..<(starts.count / 2), (starts.count / 2)..<starts.count]
        let results = ParallelResults<T>(parts: halves.count)
        // The reader (a view of bytes that outlive this call) and the element reader are used from
        // both threads read-only; each thread has its own copy of the reader's position and path.
        let shared = UncheckedBox((self, read))
        DispatchQueue.concurrentPerform(iterations: halves.count) { part in
            let (template, read) = shared.value
            var reader = template
            reader.frames = []
            reader.keyStack = []
            reader.keySets = [:]
            var values: [T] = []
            values.reserveCapacity(halves[part].count)
            var partProblems: [SnapshotProblem] = []
            do throws(SnapshotProblem) {
                for i in halves[part] {
                    reader.position = starts[i]
                    reader.elementSpan = ends.isEmpty || ends[i] <= starts[i] ? nil : starts[i]..<ends[i]
                    reader.path = template.path + [.index(i)]
                    values.append(try read(&reader, &partProblems))
                    reader.skipWhitespace()
                    guard reader.position < reader.bytes.count,
                        reader.bytes[reader.position] == UInt8(ascii: ",") || reader.bytes[reader.position] == UInt8(ascii: "]")
                    else {
                        reader.path = template.path
                        throw reader.syntaxError("expected ',' or ']'")
                    }
                }
                results.store(part, values: values, problems: partProblems, error: nil)
            } catch {
                results.store(part, values: [], problems: partProblems, error: error)
            }
        }
        for (partProblems, error) in results.outcomes {
            problems += partProblems
            if let error { throw error }
        }
        position = end
        return (results.takeParts(), ends.isEmpty ? [] : zip(starts, ends).map { $0..<$1 })
    }
}

/// Per-part results of a parallel read; each part writes only its own slot.
private final class ParallelResults<T>: @unchecked Sendable {
    private var parts: [(values: [T], problems: [SnapshotProblem], error: SnapshotProblem?)]
    private let lock = NSLock()

    init(parts: Int) {
        self.parts = Array(repeating: ([], [], nil), count: parts)
    }

    func store(_ part: Int, values: [T], problems: [SnapshotProblem], error: SnapshotProblem?) {
        lock.lock()
        parts[part] = (values, problems, error)
        lock.unlock()
    }

    /// Each part's problems and the error that stopped it, in file order.
    var outcomes: [(problems: [SnapshotProblem], error: SnapshotProblem?)] { parts.map { ($0.problems, $0.error) } }
    /// The parts' values, handed over (the results keep none, so nothing is copied).
    func takeParts() -> [[T]] {
        lock.lock()
        defer { lock.unlock() }
        var out: [[T]] = []
        for i in parts.indices {
            out.append(parts[i].values)
            parts[i].values = []
        }
        return out
    }
}

/// Carries a value into `concurrentPerform`; the caller guarantees it is only read there.
final class UncheckedBox<V>: @unchecked Sendable {
    let value: V
    init(_ value: V) { self.value = value }
}
