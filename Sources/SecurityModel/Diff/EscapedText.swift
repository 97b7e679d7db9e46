/// Text built by appending to one UTF-8 buffer, which grows by doubling: the escaping
/// functions' output, in time linear in its length however many escapes it holds.
struct EscapedText {
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity + 16) }

    mutating func append(_ scalar: Unicode.Scalar) { UTF8.encode(scalar) { bytes.append($0) } }

    mutating func append(contentsOf text: String) { bytes.append(contentsOf: text.utf8) }

    /// `value` in upper-case hexadecimal, at least `minimumDigits` digits.
    mutating func appendHex(_ value: UInt32, minimumDigits: Int = 1) {
        var digits = 1
        while digits < 8 && value >> (4 * UInt32(digits)) != 0 { digits += 1 }
        for _ in digits..<max(digits, minimumDigits) { bytes.append(UInt8(ascii: "0")) }
        for i in stride(from: digits - 1, through: 0, by: -1) {
            let nibble = UInt8((value >> (4 * UInt32(i))) & 0xF)
            bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10)
        }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
