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
        if let line, let column { place += (place.isEmpty ? "" : " ") + "(line \(line), column \(column))" }
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
    /// Keys of the objects being read, innermost last, to find duplicate keys without a set per object.
    var keyStack: [JSONKey] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: Errors

    var pathString: String { Self.render(path) }

    static func render(_ path: [PathComponent]) -> String {
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
        guard position < bytes.count, bytes[position] == byte else { throw syntaxError("expected \(what)") }
        position += 1
    }

    /// Frames of the objects and arrays being read with ``beginObject()``/``nextKey()`` and
    /// ``beginArray()``/``nextElement()``: where their keys start on `keyStack`, and how many
    /// members were read so far.
    var frames: [(keyStart: Int, count: Int)] = []

    /// Starts reading an object; then call ``nextKey()`` until it returns `nil`. No closures: the
    /// caller keeps its fields in local variables (measurably faster than ``readObject(_:)``).
    mutating func beginObject() throws(SnapshotProblem) {
        guard peekKind() == .object else {
            if peekKind() == .invalid || peekKind() == .end { skipWhitespace(); throw syntaxError("expected a JSON value") }
            throw typeError("an object")
        }
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
            guard position < bytes.count else { throw syntaxError("unexpected end of file in an object (missing '}'; is the file truncated?)") }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                keyStack.removeSubrange(frame.keyStart...)
                frames.removeLast()
                return nil
            }
            guard bytes[position] == UInt8(ascii: ",") else { throw syntaxError("expected ',' or '}'") }
            position += 1
            skipWhitespace()
        } else {
            guard position < bytes.count else { throw syntaxError("unexpected end of file in an object (missing '}'; is the file truncated?)") }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                frames.removeLast()
                return nil
            }
        }
        guard peekKind() == .string else { throw syntaxError("expected a quoted key") }
        let key = try readKey()
        for k in keyStack[frame.keyStart...] where k == key {
            throw SnapshotProblem(path: Self.render(path + [.key(key)]), message: "duplicate key '\(key.string)'")
        }
        keyStack.append(key)
        frames[frames.count - 1].count += 1
        try expect(UInt8(ascii: ":"), "':' after key")
        path.append(.key(key))
        return key
    }

    /// Starts reading an array; then call ``nextElement()`` until it returns `false`.
    mutating func beginArray() throws(SnapshotProblem) {
        guard peekKind() == .array else {
            if peekKind() == .invalid || peekKind() == .end { skipWhitespace(); throw syntaxError("expected a JSON value") }
            throw typeError("an array")
        }
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

    /// Reads an object, calling `body` for each key with the reader positioned at the value.
    mutating func readObject(_ body: (inout JSONReader, JSONKey) throws(SnapshotProblem) -> Void) throws(SnapshotProblem) {
        guard peekKind() == .object else {
            if peekKind() == .invalid || peekKind() == .end { skipWhitespace(); throw syntaxError("expected a JSON value") }
            throw typeError("an object")
        }
        try expect(UInt8(ascii: "{"), "'{'")
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return
        }
        let frame = keyStack.count
        defer { keyStack.removeSubrange(frame...) }
        while true {
            skipWhitespace()
            guard peekKind() == .string else { throw syntaxError("expected a quoted key") }
            let key = try readKey()
            for k in keyStack[frame...] where k == key {
                throw SnapshotProblem(path: Self.render(path + [.key(key)]), message: "duplicate key '\(key.string)'")
            }
            keyStack.append(key)
            try expect(UInt8(ascii: ":"), "':' after key")
            path.append(.key(key))
            try body(&self, key)
            path.removeLast()
            skipWhitespace()
            guard position < bytes.count else { throw syntaxError("unexpected end of file in an object (missing '}'; is the file truncated?)") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return
            }
            throw syntaxError("expected ',' or '}'")
        }
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

    /// Reads an array, calling `body` for each element.
    mutating func readArray(_ body: (inout JSONReader, Int) throws(SnapshotProblem) -> Void) throws(SnapshotProblem) {
        guard peekKind() == .array else {
            if peekKind() == .invalid || peekKind() == .end { skipWhitespace(); throw syntaxError("expected a JSON value") }
            throw typeError("an array")
        }
        try expect(UInt8(ascii: "["), "'['")
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return
        }
        var index = 0
        while true {
            path.append(.index(index))
            try body(&self, index)
            path.removeLast()
            index += 1
            skipWhitespace()
            guard position < bytes.count else { throw syntaxError("unexpected end of file in an array (missing ']'; is the file truncated?)") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return
            }
            throw syntaxError("expected ',' or ']'")
        }
    }

    mutating func readString() throws(SnapshotProblem) -> String {
        guard peekKind() == .string else {
            if peekKind() == .invalid || peekKind() == .end { skipWhitespace(); throw syntaxError("expected a JSON value") }
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

    mutating func readStringArray() throws(SnapshotProblem) -> [String] {
        var out: [String] = []
        try beginArray()
        while try nextElement() { out.append(try readString()) }
        return out
    }

    private mutating func readRawString() throws(SnapshotProblem) -> String {
        position += 1  // opening quote
        let start = position
        var hasEscape = false
        var highBits: UInt8 = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { throw syntaxError("unterminated string") }
        var p = position
        // Eight bytes at a time while none is a quote, a backslash or a control character.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var highWords: UInt64 = 0
        while p + 8 <= count {
            let w = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)
            let quote = w ^ (ones &* 0x22)
            let backslash = w ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- ones &* 0x20) & ~w)
            if special & highs != 0 { break }
            highWords |= w
            p += 8
        }
        if highWords & highs != 0 { highBits = 0x80 }
        while p < count {
            let b = base[p]
            if b == 0x22 { break }
            if b == 0x5C {
                hasEscape = true
                p += 2
                continue
            }
            if b < 0x20 {
                position = p
                throw syntaxError("control character in a string (escape it)")
            }
            highBits |= b
            p += 1
        }
        guard p < count else {
            position = start
            throw syntaxError("unexpected end of file inside a string (is the file truncated?)")
        }
        position = p + 1
        let slice = UnsafeBufferPointer(start: base + start, count: p - start)
        if !hasEscape {
            if highBits < 0x80 { return String(decoding: slice, as: UTF8.self) }
            guard let s = String(validating: slice, as: UTF8.self) else {
                position = start
                throw syntaxError("invalid UTF-8 in a string")
            }
            return s
        }
        return try unescape(slice, start: start)
    }

    private mutating func unescape(_ slice: UnsafeBufferPointer<UInt8>, start: Int) throws(SnapshotProblem) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= slice.count else { return nil }
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = slice[k]
                v <<= 4
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v |= UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): v |= UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): v |= UInt32(c - UInt8(ascii: "A") + 10)
                default: return nil
                }
            }
            return v
        }
        while i < slice.count {
            let b = slice[i]
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < slice.count else { break }
            let e = slice[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(i) else {
                    position = start + i
                    throw syntaxError("invalid \\u escape")
                }
                i += 4
                if (0xD800..<0xDC00).contains(scalar), i + 6 <= slice.count, slice[i] == UInt8(ascii: "\\"),
                    slice[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                position = start + i - 2
                throw syntaxError("invalid escape in a string")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            position = start
            throw syntaxError("invalid UTF-8 in a string")
        }
        return s
    }

    mutating func readBool() throws(SnapshotProblem) -> Bool {
        guard peekKind() == .bool else {
            if peekKind() == .invalid || peekKind() == .end { skipWhitespace(); throw syntaxError("expected a JSON value") }
            throw typeError("true or false")
        }
        skipWhitespace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
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
            if peekKind() == .invalid || peekKind() == .end { skipWhitespace(); throw syntaxError("expected a JSON value") }
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
            throw SnapshotProblem(path: pathString, message: "expected an integer, found \(text)")
        }
        return v
    }

    /// Skips any value (used to report unknown keys without losing the place).
    mutating func skipValue() throws(SnapshotProblem) {
        switch peekKind() {
        case .object: try readObject { (r: inout JSONReader, _: JSONKey) throws(SnapshotProblem) in try r.skipValue() }
        case .array: try readArray { (r: inout JSONReader, _: Int) throws(SnapshotProblem) in try r.skipValue() }
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

/// An object key as read: the bytes in the document (valid while the reader runs), or an owned
/// String when the key had escapes or non-ASCII characters.
struct JSONKey: Equatable {
    private let start: UnsafePointer<UInt8>?
    private let count: Int
    private let owned: String?

    init(start: UnsafePointer<UInt8>, count: Int) {
        self.start = start
        self.count = count
        self.owned = nil
    }

    init(owned: String) {
        self.start = nil
        self.count = 0
        self.owned = owned
    }

    var string: String {
        if let owned { return owned }
        guard let start else { return "" }
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    static func == (a: JSONKey, b: JSONKey) -> Bool {
        if a.owned != nil || b.owned != nil { return a.string == b.string }
        guard a.count == b.count, let sa = a.start, let sb = b.start else { return a.count == b.count }
        return memcmp(sa, sb, a.count) == 0
    }

    /// Lets `switch key { case "id": ... }` compare bytes with a literal.
    static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        if let owned = key.owned { return owned == pattern.description }
        guard key.count == pattern.utf8CodeUnitCount, let start = key.start else { return false }
        return memcmp(start, pattern.utf8Start, key.count) == 0
    }
}
