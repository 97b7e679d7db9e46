import Foundation

/// How deep objects and arrays nest in a JSON document, found without parsing it: Foundation's
/// `JSONSerialization` recurses per level and overflows the stack on a hostile file tens of
/// thousands of levels deep, so files read with it are measured first.
public enum JSONNesting {
    /// The greatest nesting depth of `data`, counting brackets outside strings; stops counting
    /// once it passes `limit`.
    public static func depth(of data: Data, limit: Int = .max) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for b in data {
            if inString {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > deepest {
                    deepest = depth
                    if deepest > limit { return deepest }
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// The limit the readers of dvsec's own JSON files share (a snapshot nests about 6 deep).
    public static let limit = 512
}
