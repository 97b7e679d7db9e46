import Dispatch

/// Makes the output of `count` independent items (a diff's per-user blocks) on both cores and
/// hands it over in item order: batches of `batch` items, each batch cut in two halves made at
/// the same time, then passed to `emit` first half first. Memory stays at one batch, and the
/// result is byte for byte what making the items one after the other gives.
///
/// Fewer than half a batch of items are made in one part, on the caller's thread.
func inOrderOnBothCores<Part>(count: Int, batch: Int, make: @Sendable (Range<Int>) -> Part, emit: (Part) -> Void) {
    guard count > batch / 2 else {
        if count > 0 { emit(make(0..<count)) }
        return
    }
    var halves = [Part?](repeating: nil, count: 2)
    for start in stride(from: 0, to: count, by: batch) {
        let end = min(start + batch, count)
        let middle = start + (end - start) / 2
        halves.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own half.
            nonisolated(unsafe) let parts = buffer
            DispatchQueue.concurrentPerform(iterations: 2) { h in
                parts[h] = make(h == 0 ? start..<middle : middle..<end)
            }
        }
        for h in halves.indices {
            if let part = halves[h] { emit(part) }
            halves[h] = nil
        }
    }
}
