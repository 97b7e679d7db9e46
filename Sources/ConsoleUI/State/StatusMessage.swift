/// A message on the status line, until the next key press.
public struct StatusMessage: Hashable, Sendable {
    /// How the message is drawn.
    public enum Kind: Hashable, Sendable {
        case info, success, warning, error
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }

    public static func error(_ text: String) -> StatusMessage { StatusMessage(text, kind: .error) }
    public static func warning(_ text: String) -> StatusMessage { StatusMessage(text, kind: .warning) }
    public static func success(_ text: String) -> StatusMessage { StatusMessage(text, kind: .success) }
}
