import SecurityModel

/// Where the snapshot came from and how it may be saved.
public struct Document: Hashable, Sendable {
    /// The origin of the snapshot.
    public enum Source: Hashable, Sendable {
        /// The built-in demo organisation: no file until saved with `:w PATH`.
        case demo
        /// A snapshot file.
        case file(String)
        /// An unpacked Dataverse solution folder, imported read-only.
        case solutionFolder(String)
    }

    public var source: Source
    /// The file's fingerprint when loaded or last saved, to detect changes made by someone else.
    public var fingerprint: FileFingerprint?
    /// Nothing can be changed (`--read-only`, an imported solution, or edited elsewhere).
    public var isReadOnly: Bool
    /// Another dvsec session is editing this file (it holds the journal): read-only here.
    public var editedElsewhere = false
    /// How many names the file has when it has more than one (hard links): read-only, as a save
    /// replaces this name only and would split them (a data-safety review: two sessions edited
    /// the file through two names, each saved, and it became two files).
    public var hardLinks: Int?
    /// What the file is when it is not a regular file ("is a named pipe (FIFO)", "is a pipe"):
    /// read-only, as it cannot be saved in place; `:w PATH` saves a copy, which is then edited.
    public var notARegularFile: String?

    public init(source: Source, fingerprint: FileFingerprint? = nil, isReadOnly: Bool = false) {
        self.source = source
        self.fingerprint = fingerprint
        self.isReadOnly = isReadOnly
    }

    /// The snapshot file path, when there is one to save to.
    public var path: String? {
        if case .file(let p) = source { return p }
        return nil
    }

    /// What the status bar shows for the source.
    public var label: String {
        switch source {
        case .demo: "demo (no file)"
        case .file(let p): p
        case .solutionFolder(let p): p + " (solution)"
        }
    }
}
