import SecurityModel
import Testing

/// Lists are in natural order: case-insensitive, numbers by value.
@Suite("Name order")
struct NameOrderTests {
    @Test func numbersSortByValueAndCaseIsIgnored() {
        let names = ["User 10", "user 2", "User 1", "User 100", "Sales 9", "sales 10", "User 02", "Zoë", "alex", "Bob"]
        let sorted = names.sortedByName({ $0 }, id: { $0 })
        #expect(sorted == ["alex", "Bob", "Sales 9", "sales 10", "User 1", "User 02", "user 2", "User 10", "User 100", "Zoë"])
    }

    @Test func longDigitRunsAndTiesStayTotal() {
        // A longer number sorts after every shorter one, whatever its digits; equal keys fall back to the
        // name as written, then the id.
        #expect(NameOrder.less(("n 99999999999999999999", "a"), ("n 123456789012345678901", "b")))
        #expect(NameOrder.less(("Ann", "2"), ("ann", "1")))
        #expect(NameOrder.less(("ann", "1"), ("ann", "2")))
        #expect(!NameOrder.less(("ann", "2"), ("ann", "1")))
    }

    /// The natural order is a strict weak order consistent with `sortedByName`, on random names
    /// made of letters, digits and spaces.
    @Test func agreesWithSortedByNameOnRandomNames() {
        var rng = SeededGenerator(seed: 7)
        let alphabet = Array("aAbB 0123456789")
        for _ in 0..<200 {
            let items = (0..<12).map { i in
                (name: String((0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }), id: String(i))
            }
            let sorted = items.sortedByName(\.name, id: \.id)
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(NameOrder.less(a, b) && !NameOrder.less(b, a), "\(a) before \(b)")
            }
        }
    }
}
