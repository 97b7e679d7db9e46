import Foundation

/// An object key as read: the bytes in the document (valid while the reader runs), or an owned
/// String when the key had escapes or non-ASCII characters.
struct JSONKey: Hashable {
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

    /// Hashes the key's UTF-8 bytes, borrowed or owned alike, as `==` compares them.
    func hash(into hasher: inout Hasher) {
        if var owned {
            owned.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        } else if let start {
            hasher.combine(bytes: UnsafeRawBufferPointer(start: start, count: count))
        }
    }

    /// Lets `switch key { case "id": ... }` compare bytes with a literal.
    static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        if let owned = key.owned { return owned == pattern.description }
        guard key.count == pattern.utf8CodeUnitCount, let start = key.start else { return false }
        return memcmp(start, pattern.utf8Start, key.count) == 0
    }
}
