/// Why a Dataverse file could not be read or written: the file, the line when the parser knows
/// it, and a message an admin can act on. The description is one line, `file:line: message`.
public struct DataverseFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or folder, or zip entry as `archive.zip!/customizations.xml`) the problem is in.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong, phrased so an admin can fix it.
    public var message: String

    /// An error about `file` (at `line`, when known).
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` without a line.
    public var description: String {
        if file.isEmpty { return message }
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
