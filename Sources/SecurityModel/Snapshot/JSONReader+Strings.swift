/// Strings: the hot path of loading. Quotes, backslashes and control characters are found eight
/// bytes at a time; ASCII strings without escapes become a String with one copy.
extension JSONReader {
    mutating func readRawString() throws(SnapshotProblem) -> String {
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
                // A line break inside a string is most likely its closing quote missing (found by
                // a robustness review: "control character" at the line's end misled).
                if b == 0x0A || b == 0x0D {
                    let (l, c) = lineAndColumn(at: start - 1)
                    position = p
                    throw syntaxError(
                        "unterminated string: a line break before its closing quote (the string starts at line \(l), column \(c))")
                }
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

    mutating func unescape(_ slice: UnsafeBufferPointer<UInt8>, start: Int) throws(SnapshotProblem) -> String {
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
                // A surrogate left over is half of a character: refused, not read as U+FFFD (three
                // roles `A\ud800`, `A\udc00` and `A\ufffd` all became `A�`, and a save rewrote them).
                guard let u = Unicode.Scalar(scalar) else {
                    position = start + i - 6
                    let code = String(scalar, radix: 16, uppercase: true)
                    throw syntaxError(
                        (0xD800..<0xDC00).contains(scalar)
                            ? "invalid \\u\(code) escape: a high surrogate must be followed by a low one (\\uDC00-\\uDFFF); the string holds half a character"
                            : "invalid \\u\(code) escape: a low surrogate must follow a high one (\\uD800-\\uDBFF); the string holds half a character"
                    )
                }
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
}
