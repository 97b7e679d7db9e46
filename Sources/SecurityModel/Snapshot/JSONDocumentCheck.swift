import Foundation

/// The snapshot reader's syntax checks for any JSON document (a Web API payload): the first
/// syntax error or duplicate key, with its path, line and column, as a snapshot's are reported
/// (found by a robustness review: a payload's errors said "around character 4488", and a
/// duplicate key was taken silently).
public enum JSONDocumentCheck {
    /// The first problem of `data` (a UTF-8 byte-order mark is allowed), or `nil` when it is
    /// well-formed JSON without duplicate keys.
    public static func firstProblem(in data: Data) -> SnapshotProblem? {
        data.withUnsafeBytes { raw -> SnapshotProblem? in
            var reader = JSONReader(document: raw.bindMemory(to: UInt8.self))
            do throws(SnapshotProblem) {
                try walk(&reader)
                try reader.expectEnd()
                return nil
            } catch {
                return error
            }
        }
    }

    private static func walk(_ r: inout JSONReader) throws(SnapshotProblem) {
        switch r.peekKind() {
        case .object:
            try r.beginObject()
            while try r.nextKey() != nil { try walk(&r) }
        case .array:
            try r.beginArray()
            while try r.nextElement() { try walk(&r) }
        case .number: try r.skipNumber()
        default: try r.skipValue()
        }
    }
}

extension JSONReader {
    /// Skips a number of any JSON form (`-12.5e3`): `-`? digits (no leading zero) `.digits`?
    /// exponent?.
    mutating func skipNumber() throws(SnapshotProblem) {
        skipWhitespace()
        func digit(_ i: Int) -> Bool { i < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) }
        let start = position
        var p = position
        if p < bytes.count && bytes[p] == UInt8(ascii: "-") { p += 1 }
        var ok = digit(p)
        if ok && bytes[p] == UInt8(ascii: "0") {
            p += 1
        } else {
            while digit(p) { p += 1 }
        }
        if ok && p < bytes.count && bytes[p] == UInt8(ascii: ".") {
            p += 1
            ok = digit(p)
            while digit(p) { p += 1 }
        }
        if ok && p < bytes.count && (bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E")) {
            p += 1
            if p < bytes.count && (bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-")) { p += 1 }
            ok = digit(p)
            while digit(p) { p += 1 }
        }
        // What follows a number is a delimiter: `01`, `1.2.3` and `12abc` are not numbers.
        if ok && p < bytes.count && !" \t\r\n,]}".utf8.contains(bytes[p]) { ok = false }
        guard ok else {
            position = start
            throw syntaxError("malformed number")
        }
        position = p
    }
}
