/// The command line's history: the `:` commands of this session, recalled with Up and Down as
/// in vim and k9s.
extension AppState {
    /// Keeps a command run from the command line: once (an earlier copy moves to the end, as in
    /// vim), and at most ``commandHistoryLimit`` of them.
    mutating func rememberCommand(_ text: String) {
        let command = text.trimmingCharacters(in: .whitespaces)
        guard !command.isEmpty else { return }
        commandHistory.removeAll { $0 == command }
        commandHistory.append(command)
        if commandHistory.count > Self.commandHistoryLimit {
            commandHistory.removeFirst(commandHistory.count - Self.commandHistoryLimit)
        }
    }

    /// Up (`earlier`) or Down on the command line: the previous or next command starting with
    /// what was typed before the first Up; Down past the newest gives the typed text back.
    mutating func stepCommandHistory(_ line: inout InputLine, earlier: Bool) {
        let prefix = line.historyIndex == nil ? line.text : line.draft
        let matches = commandHistory.indices.filter { commandHistory[$0].hasPrefix(prefix) && commandHistory[$0] != prefix }
        let found: Int?
        if earlier {
            let from = line.historyIndex ?? commandHistory.count
            found = matches.last { $0 < from }
        } else {
            guard let from = line.historyIndex else {
                status = StatusMessage("No later command: this is the line as typed")
                return
            }
            found = matches.first { $0 > from }
        }
        line.completions = []
        guard let found else {
            if earlier {
                let what = prefix.isEmpty ? "" : " starting with “\(prefix)”"
                status = StatusMessage(
                    commandHistory.isEmpty
                        ? "No earlier command: the history holds the commands run this session"
                        : "No earlier command\(what)")
            } else {
                line.text = line.draft
                line.historyIndex = nil
            }
            return
        }
        if line.historyIndex == nil { line.draft = line.text }
        line.historyIndex = found
        line.text = commandHistory[found]
    }
}
