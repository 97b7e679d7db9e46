import Foundation

/// A problem found while reading a snapshot, with the place it was found.
public struct SnapshotProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// A JSON path such as `environments[0].users[12].businessUnit`; empty for the document.
    public var path: String
    public var message: String
    /// 1-based line and column, known for syntax errors.
    public var line: Int?
    public var column: Int?

    public init(path: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        var place = path.isEmpty ? "" : path
        // "path (line 4, column 3)", or "line 4, column 3" where there is no path yet (a file that
        // is not JSON at all read "x.json: (line 1, column 1): …").
        if let line, let column {
            place += place.isEmpty ? "line \(line), column \(column)" : " (line \(line), column \(column))"
        } else if let line {
            // A problem found across records: the line where its record starts.
            place += place.isEmpty ? "line \(line)" : " (line \(line))"
        }
        return place.isEmpty ? message : "\(place): \(message)"
    }
}

/// A pull parser over UTF-8 JSON that builds model values directly, without an intermediate
/// tree: fast, low on memory, and it knows the JSON path and line/column of every error.
struct JSONReader {
    enum PathComponent {
        case key(JSONKey)
        case index(Int)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var path: [PathComponent] = []
    /// Keys of the objects being read, innermost last, to find duplicate keys without a set per
    /// object. An object past ``linearKeyLimit`` keys gets a set (`keySets`, by frame depth):
    /// scanning its keys for each new one was quadratic, and a role's `privileges` object holds
    /// one key per table (80,000 tables guessed from privilege names took 13.6 s to import).
    var keyStack: [JSONKey] = []
    var keySets: [Int: Set<JSONKey>] = [:]
    static let linearKeyLimit = 32
    /// The bytes of the array element being read, when ``readArrayPartsInParallel(minimumCount:_:)``
    /// knows them before it is parsed.
    var elementSpan: Range<Int>?

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A reader over a whole document, after its UTF-8 byte-order mark if it has one.
    init(document: UnsafeBufferPointer<UInt8>) {
        let bom = document.count >= 3 && document[0] == 0xEF && document[1] == 0xBB && document[2] == 0xBF
        self.init(bytes: UnsafeBufferPointer(rebasing: document[(bom ? 3 : 0)...]))
    }

    // MARK: Errors

    var pathString: String { Self.render(path) }

    static func render(_ path: [PathComponent]) -> String {
        // A hostile file 512 levels deep named its place in 1.5 KB of "[0]": the start, how many
        // levels are left out, and the end.
        if path.count > 24 {
            return render(Array(path.prefix(8))) + "…(\(path.count - 12) levels)…" + render(Array(path.suffix(4)))
        }
        var s = ""
        for c in path {
            switch c {
            case .key(let k): s += s.isEmpty ? k.string : ".\(k.string)"
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    func lineAndColumn(at offset: Int) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < offset && i < bytes.count {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        // Column counts characters, not bytes.
        var column = 1
        var j = lineStart
        while j < offset && j < bytes.count {
            if bytes[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        return (line, column)
    }

    func syntaxError(_ message: String) -> SnapshotProblem {
        let (l, c) = lineAndColumn(at: position)
        return SnapshotProblem(path: pathString, message: message, line: l, column: c)
    }

    /// Where a value should start: the end of the file (a truncated file) or something else.
    mutating func missingValue() -> SnapshotProblem {
        skipWhitespace()
        return syntaxError(
            position < bytes.count
                ? "expected a JSON value"
                : "unexpected end of file where a value should be (is the file truncated?)")
    }

    func typeError(_ expected: String) -> SnapshotProblem {
        let found: String
        switch peekKind() {
        case .object: found = "an object"
        case .array: found = "an array"
        case .string: found = "a string"
        case .number: found = "a number"
        case .bool: found = "true/false"
        case .null: found = "null"
        case .end: found = "the end of the file"
        case .invalid: found = "an invalid character"
        }
        let (l, c) = lineAndColumn(at: position)
        return SnapshotProblem(path: pathString, message: "expected \(expected), found \(found)", line: l, column: c)
    }

    // MARK: Tokens

    enum Kind { case object, array, string, number, bool, null, end, invalid }

    mutating func skipWhitespace() {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { return }
        }
    }

    func peekKind() -> Kind {
        var p = position
        while p < bytes.count, bytes[p] == 0x20 || bytes[p] == 0x0A || bytes[p] == 0x0D || bytes[p] == 0x09 { p += 1 }
        guard p < bytes.count else { return .end }
        switch bytes[p] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: return .invalid
        }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(SnapshotProblem) {
        skipWhitespace()
        guard position < bytes.count else { throw syntaxError("unexpected end of file: expected \(what) (is the file truncated?)") }
        guard bytes[position] == byte else { throw syntaxError("expected \(what)") }
        position += 1
    }

    /// Frames of the objects and arrays being read with ``beginObject()``/``nextKey()`` and
    /// ``beginArray()``/``nextElement()``: where their keys start on `keyStack`, and how many
    /// members were read so far.
    var frames: [(keyStart: Int, count: Int)] = []

    /// Objects and arrays nested deeper are refused (a snapshot nests about 6 deep).
    static let maximumDepth = 512

    /// Starts reading an object; then call ``nextKey()`` until it returns `nil`. No closures: the
    /// caller keeps its fields in local variables (measurably faster than callbacks).
    mutating func beginObject() throws(SnapshotProblem) {
        guard peekKind() == .object else {
            if peekKind() == .invalid || peekKind() == .end { throw missingValue() }
            throw typeError("an object")
        }
        // The readers recurse per level: a hostile file 30,000 levels deep overflowed the stack.
        if frames.count >= Self.maximumDepth { throw syntaxError("nested more than \(Self.maximumDepth) levels deep") }
        skipWhitespace()
        position += 1
        frames.append((keyStack.count, 0))
    }

    /// The next key of the current object (the reader is then at its value), or `nil` at its end.
    mutating func nextKey() throws(SnapshotProblem) -> JSONKey? {
        guard let frame = frames.last else { return nil }
        skipWhitespace()
        if frame.count > 0 {
            path.removeLast()
            guard position < bytes.count else {
                throw syntaxError("unexpected end of file in an object (missing '}'; is the file truncated?)")
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                keyStack.removeSubrange(frame.keyStart...)
                if frame.count >= Self.linearKeyLimit { keySets[frames.count - 1] = nil }
                frames.removeLast()
                return nil
            }
            guard bytes[position] == UInt8(ascii: ",") else { throw syntaxError("expected ',' or '}'") }
            position += 1
            skipWhitespace()
        } else {
            guard position < bytes.count else {
                throw syntaxError("unexpected end of file in an object (missing '}'; is the file truncated?)")
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                frames.removeLast()
                return nil
            }
        }
        guard position < bytes.count else { throw syntaxError("unexpected end of file in an object (missing '}'; is the file truncated?)") }
        guard peekKind() == .string else { throw syntaxError("expected a quoted key") }
        let keyStart = position
        let key = try readKey()
        // With the key's line and column (found by a robustness review: the path alone).
        func duplicate() -> SnapshotProblem {
            let (l, c) = lineAndColumn(at: keyStart)
            return SnapshotProblem(path: Self.render(path + [.key(key)]), message: "duplicate key '\(key.string)'", line: l, column: c)
        }
        if frame.count < Self.linearKeyLimit {
            for k in keyStack[frame.keyStart...] where k == key { throw duplicate() }
            keyStack.append(key)
            if frame.count + 1 == Self.linearKeyLimit { keySets[frames.count - 1] = Set(keyStack[frame.keyStart...]) }
        } else if keySets[frames.count - 1, default: []].insert(key).inserted == false {
            throw duplicate()
        }
        frames[frames.count - 1].count += 1
        try expect(UInt8(ascii: ":"), "':' after key")
        path.append(.key(key))
        return key
    }

    /// Starts reading an array; then call ``nextElement()`` until it returns `false`.
    mutating func beginArray() throws(SnapshotProblem) {
        guard peekKind() == .array else {
            if peekKind() == .invalid || peekKind() == .end { throw missingValue() }
            throw typeError("an array")
        }
        // The readers recurse per level: a hostile file 30,000 levels deep overflowed the stack.
        if frames.count >= Self.maximumDepth { throw syntaxError("nested more than \(Self.maximumDepth) levels deep") }
        skipWhitespace()
        position += 1
        frames.append((keyStack.count, 0))
    }

    /// Moves to the next element of the current array; `false` at its end.
    mutating func nextElement() throws(SnapshotProblem) -> Bool {
        guard let frame = frames.last else { return false }
        skipWhitespace()
        guard position < bytes.count else { throw syntaxError("unexpected end of file in an array (missing ']'; is the file truncated?)") }
        if frame.count > 0 {
            path.removeLast()
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                frames.removeLast()
                return false
            }
            guard bytes[position] == UInt8(ascii: ",") else { throw syntaxError("expected ',' or ']'") }
            position += 1
        } else if bytes[position] == UInt8(ascii: "]") {
            position += 1
            frames.removeLast()
            return false
        }
        path.append(.index(frame.count))
        frames[frames.count - 1].count += 1
        return true
    }

    /// Reads an object key without making a String when it has no escapes: keys are compared
    /// against literals byte by byte (`switch key { case "id": ... }`).
    private mutating func readKey() throws(SnapshotProblem) -> JSONKey {
        let start = position + 1
        var p = start
        let count = bytes.count
        guard let base = bytes.baseAddress else { throw syntaxError("unterminated string") }
        while p < count {
            let b = base[p]
            if b == 0x22 { break }
            if b == 0x5C || b < 0x20 || b >= 0x80 { return JSONKey(owned: try readRawString()) }
            p += 1
        }
        guard p < count else { throw syntaxError("unexpected end of file inside a key (is the file truncated?)") }
        position = p + 1
        return JSONKey(start: base + start, count: p - start)
    }

    mutating func readString() throws(SnapshotProblem) -> String {
        guard peekKind() == .string else {
            if peekKind() == .invalid || peekKind() == .end { throw missingValue() }
            throw typeError("a string")
        }
        skipWhitespace()
        return try readRawString()
    }

    /// Reads an array of strings straight into a set (duplicates collapse, as in Dataverse's
    /// association tables).
    mutating func readStringSet() throws(SnapshotProblem) -> Set<String> {
        var out: Set<String> = []
        try beginArray()
        while try nextElement() { out.insert(try readString()) }
        return out
    }

    /// An object of string values (`{"key": "value"}`); a repeated key keeps its last value, as
    /// for every object.
    mutating func readStringMap() throws(SnapshotProblem) -> [String: String] {
        var out: [String: String] = [:]
        try beginObject()
        while let key = try nextKey() { out[key.string] = try readString() }
        return out
    }

    mutating func readStringArray() throws(SnapshotProblem) -> [String] {
        var out: [String] = []
        try beginArray()
        while try nextElement() { out.append(try readString()) }
        return out
    }

    mutating func readBool() throws(SnapshotProblem) -> Bool {
        guard peekKind() == .bool else {
            if peekKind() == .invalid || peekKind() == .end { throw missingValue() }
            throw typeError("true or false")
        }
        skipWhitespace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        // A literal cut short by the end of the file (`tru`) is a truncated file, not a typo.
        let rest = bytes.count - position
        if rest < 5, "true".utf8.starts(with: bytes[position...]) || "false".utf8.starts(with: bytes[position...]) {
            throw syntaxError("unexpected end of file inside a literal (is the file truncated?)")
        }
        throw syntaxError("invalid literal")
    }

    mutating func readNull() -> Bool {
        guard peekKind() == .null else { return false }
        skipWhitespace()
        return matchLiteral("null")
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard position + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for k in 0..<n where bytes[position + k] != p[k] { return false }
        position += n
        return true
    }

    mutating func readInt() throws(SnapshotProblem) -> Int {
        guard peekKind() == .number else {
            if peekKind() == .invalid || peekKind() == .end { throw missingValue() }
            throw typeError("a number")
        }
        skipWhitespace()
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < bytes.count {
            let b = bytes[position]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e")
                || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
            {
                position += 1
            } else {
                break
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let v = Int(text) else {
            position = start
            let (l, c) = lineAndColumn(at: start)
            throw SnapshotProblem(path: pathString, message: "expected an integer, found \(text)", line: l, column: c)
        }
        return v
    }

    /// Skips any value (used to report unknown keys without losing the place).
    mutating func skipValue() throws(SnapshotProblem) {
        switch peekKind() {
        case .object:
            try beginObject()
            while try nextKey() != nil { try skipValue() }
        case .array:
            try beginArray()
            while try nextElement() { try skipValue() }
        case .string: _ = try readString()
        case .number: _ = try readInt()
        case .bool: _ = try readBool()
        case .null: _ = readNull()
        case .end:
            skipWhitespace()
            throw syntaxError("unexpected end of file (is the file truncated?)")
        case .invalid:
            skipWhitespace()
            throw syntaxError("unexpected character")
        }
    }

    /// After the document: only whitespace may follow.
    mutating func expectEnd() throws(SnapshotProblem) {
        skipWhitespace()
        if position < bytes.count { throw syntaxError("unexpected text after the end of the document") }
    }
}
