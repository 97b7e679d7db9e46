/// The order names are listed in everywhere (console lists, reports, checks, the diff's users):
/// case-insensitive, with numbers by value, so that "User 2" comes before "User 10" and "Sales 9"
/// before "sales 10", as a person reading an organisation's list expects.
public enum NameOrder {
    /// A key whose plain `<` is the natural order: the name lower-cased, and each run of digits
    /// without its leading zeros, preceded by its length in two digits, so that a shorter number
    /// sorts first and numbers of one length by their digits (a run of 99 digits or more counts
    /// as 99 long).
    public static func key(_ name: String) -> String {
        let lower = name.lowercased()
        guard lower.utf8.contains(where: isDigit) else { return lower }
        var out: [UInt8] = []
        out.reserveCapacity(lower.utf8.count + 8)
        var run: [UInt8] = []
        func flush() {
            guard !run.isEmpty else { return }
            let digits = run.drop { $0 == 0x30 }
            let length = min(digits.count, 99)
            out.append(0x30 + UInt8(length / 10))
            out.append(0x30 + UInt8(length % 10))
            out.append(contentsOf: digits)
            run.removeAll(keepingCapacity: true)
        }
        for byte in lower.utf8 {
            if isDigit(byte) {
                run.append(byte)
            } else {
                flush()
                out.append(byte)
            }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `a` comes before `b` in the natural order; equal keys fall back to the names as
    /// written, then to the ids, so that the order is total.
    public static func less(_ a: (name: String, id: String), _ b: (name: String, id: String)) -> Bool {
        let ka = key(a.name)
        let kb = key(b.name)
        if ka != kb { return ka < kb }
        return (a.name, a.id) < (b.name, b.id)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension Sequence {
    /// The elements in ``NameOrder``, each key computed once.
    public func sortedByName(_ name: (Element) -> String, id: (Element) -> String) -> [Element] {
        var keyed = map { (key: NameOrder.key(name($0)), name: name($0), id: id($0), element: $0) }
        keyed.sort { ($0.key, $0.name, $0.id) < ($1.key, $1.name, $1.id) }
        return keyed.map(\.element)
    }
}
