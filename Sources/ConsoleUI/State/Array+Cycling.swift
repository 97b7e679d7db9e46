extension Array where Element: Equatable {
    /// The element after `current` (before it when `forward` is false), wrapping around. Tab,
    /// Shift-Tab and the ← → choices step this way. When `current` is not in the array, the step
    /// starts from position `missing`.
    func cycling(from current: Element?, forward: Bool = true, missing: Int = 0) -> Element {
        let i = current.flatMap { firstIndex(of: $0) } ?? missing
        return self[(i + (forward ? 1 : count - 1)) % count]
    }
}
