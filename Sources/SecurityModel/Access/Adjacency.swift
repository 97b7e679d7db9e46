/// A one-to-many relation between numbered things (users to teams, roles to users ...), stored
/// as two flat arrays: the targets of source `i` are `targets[starts[i]..<starts[i + 1]]`. One
/// allocation for 100,000 lists instead of 100,000, and no hashing to follow it.
struct Adjacency: Sendable {
    let starts: [Int32]
    let targets: [Int32]

    /// Groups `pairs` (source, target) by source; each source keeps its targets in the order of `pairs`.
    init(count: Int, pairs: [(source: Int32, target: Int32)]) {
        var starts = [Int32](repeating: 0, count: count + 1)
        for p in pairs { starts[Int(p.source) + 1] += 1 }
        for i in 0..<count { starts[i + 1] += starts[i] }
        var next = starts
        var targets = [Int32](repeating: 0, count: pairs.count)
        for p in pairs {
            let s = Int(p.source)
            targets[Int(next[s])] = p.target
            next[s] += 1
        }
        self.starts = starts
        self.targets = targets
    }

    /// How many sources the relation has.
    var count: Int { starts.count - 1 }

    /// The targets of source `i`.
    subscript(_ i: Int) -> ArraySlice<Int32> { targets[Int(starts[i])..<Int(starts[i + 1])] }

    /// Sorts each source's targets by `key`.
    func sortingEachList(by key: [Int32]) -> Adjacency {
        var copy = targets
        for source in 0..<count {
            let lo = Int(starts[source])
            let hi = Int(starts[source + 1])
            // Lists are short (a user's roles): insertion sort.
            var i = lo + 1
            while i < hi {
                let x = copy[i]
                var j = i - 1
                while j >= lo && key[Int(copy[j])] > key[Int(x)] {
                    copy[j + 1] = copy[j]
                    j -= 1
                }
                copy[j + 1] = x
                i += 1
            }
        }
        return Adjacency(starts: starts, targets: copy)
    }

    private init(starts: [Int32], targets: [Int32]) {
        self.starts = starts
        self.targets = targets
    }
}
