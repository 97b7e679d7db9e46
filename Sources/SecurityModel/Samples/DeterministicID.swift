/// Deterministic GUID-shaped ids, so the demo and generated snapshots are byte-for-byte stable.
public enum DeterministicID {
    /// A lowercase GUID derived from a name (FNV-1a, two rounds).
    public static func guid(_ name: String) -> String {
        var h1: UInt64 = 0xcbf2_9ce4_8422_2325
        var h2: UInt64 = 0x8422_2325_cbf2_9ce4
        for b in name.utf8 {
            h1 = (h1 ^ UInt64(b)) &* 0x100_0000_01b3
            h2 = (h2 ^ UInt64(b)) &* 0x100_0000_01b3 &+ 0x9e37_79b9
        }
        return format(h1, h2)
    }

    /// A GUID from two 64-bit numbers.
    public static func format(_ a: UInt64, _ b: UInt64) -> String {
        func hex(_ v: UInt64, _ digits: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, digits - s.count)) + s.suffix(digits)
        }
        let p1 = hex(a >> 32, 8)
        let p2 = hex((a >> 16) & 0xFFFF, 4)
        let p3 = hex(0x4000 | (a & 0x0FFF), 4)
        let p4 = hex(0x8000 | ((b >> 48) & 0x3FFF), 4)
        let p5 = hex(b & 0xFFFF_FFFF_FFFF, 12)
        return "\(p1)-\(p2)-\(p3)-\(p4)-\(p5)"
    }
}
