import TerminalCore

/// One row of the key map: keys, where they apply, the action they send, and what help says.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var context: KeyContext
    /// The action sent; nil for rows that only document typed text (see ``typesText``).
    public var action: Action?
    public var summary: String
    /// Printable characters not bound otherwise are typed (filters, pickers, help search).
    public var typesText: Bool
    /// What help writes instead of keys, for input that is no key (a paste).
    public var label: String?

    public init(
        _ keys: [Key], _ context: KeyContext, _ action: Action?, _ summary: String, typesText: Bool = false, label: String? = nil
    ) {
        self.keys = keys
        self.context = context
        self.action = action
        self.summary = summary
        self.typesText = typesText
        self.label = label
    }

    /// How help writes the keys: `j Down`, `0-4`, `Ctrl-S`.
    public var keyLabel: String {
        if let label { return label }
        if typesText { return "letters" }
        let names = keys.map(\.description)
        if names.count >= 3, let digits = rangeLabel(names) { return digits }
        return names.joined(separator: " ")
    }

    private func rangeLabel(_ names: [String]) -> String? {
        let numbers = names.compactMap { Int($0) }
        guard numbers.count == names.count, let first = numbers.first, let last = numbers.last,
            numbers == Array(first...last)
        else { return nil }
        return "\(first)-\(last)"
    }
}
