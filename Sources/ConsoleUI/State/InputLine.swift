/// A line of text being typed at the bottom of the screen: a live filter, a `:` command, or a value.
public struct InputLine: Hashable, Sendable {
    /// What the typed text is for.
    public enum Purpose: Hashable, Sendable {
        /// Narrows the list of the current screen as the user types.
        case filter
        /// A `:` command, run on Enter.
        case command
        /// A new value for an environment setting (name, region).
        case setting(SettingsField)
        /// The name of a role, team, profile or business unit to create, copy or rename.
        case name(NamePrompt)
    }

    public var purpose: Purpose
    public var text: String
    /// The filter text before typing began, restored by Esc.
    public var original: String
    /// Candidates offered by Tab on a command line, and which one is shown.
    public var completions: [String]
    public var completionIndex: Int
    /// What Ctrl-U leaves: the command a prompt opened with (`w ` when a path to save to is
    /// asked for), so that clearing a typed path does not turn it into an unknown command.
    public var kept: String
    /// The entry of ``AppState/commandHistory`` shown after Up or Down; nil while the line is
    /// the user's own text.
    public var historyIndex: Int?
    /// The text typed before Up recalled a command: Down past the newest entry gives it back, and
    /// only commands starting with it are recalled (as in vim).
    public var draft: String

    public init(purpose: Purpose, text: String = "", original: String = "", kept: String = "") {
        self.purpose = purpose
        self.text = text
        self.original = original
        self.completions = []
        self.completionIndex = 0
        self.kept = kept
        self.historyIndex = nil
        self.draft = ""
    }

    /// A `:w ` line asking for the path to save to.
    public static var savePath: InputLine { InputLine(purpose: .command, text: "w ", kept: "w ") }

    /// The prompt drawn before the text.
    public var prompt: String {
        switch purpose {
        case .filter: "/"
        case .command: ":"
        case .setting(let field): "\(field.label): "
        case .name(let prompt): prompt.label
        }
    }
}
