import SecurityModel
import TerminalCore

/// The `?` screen: every binding of ``KeyMap`` and every command of ``CommandCatalog``,
/// narrowed by what the user types.
public enum HelpContent {
    /// One line of help: a section title (no keys) or a key and what it does.
    public struct Line: Hashable, Sendable {
        public var section: String
        public var keys: String
        public var summary: String
    }

    /// All help lines, generated from the key map and the command table.
    public static var lines: [Line] {
        var out: [Line] = []
        for context in KeyContext.allCases {
            for binding in KeyMap.bindings where binding.context == context {
                out.append(Line(section: context.title, keys: binding.keyLabel, summary: binding.summary))
            }
        }
        // The users' Status column abbreviates in a narrow list: every word and code explained.
        for label in UserStatusLabel.allCases {
            let l = label.labels
            let names = [l.wide, l.medium, l.code].reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            out.append(Line(section: "Users' Status column", keys: names.joined(separator: " / "), summary: l.meaning))
        }
        for command in CommandCatalog.commands {
            let names = ([command.name] + command.aliases).map { ":" + $0 }.joined(separator: " ")
            out.append(
                Line(section: "Commands", keys: names + (command.argument.isEmpty ? "" : " " + command.argument), summary: command.summary))
        }
        return out
    }

    /// The lines matching a search (in the keys, the summary or the section title).
    public static func lines(matching search: String) -> [Line] {
        let needle = search.lowercased()
        guard !needle.isEmpty else { return lines }
        return lines.filter { ($0.section + " " + $0.keys + " " + $0.summary).lowercased().contains(needle) }
    }
}

enum HelpOverlay {
    static func draw(_ help: HelpState, state: AppState, into buffer: inout ScreenBuffer, size: Size, palette: Palette) {
        let rect = Rect(x: 2, y: 1, width: size.width - 4, height: size.height - 2)
        let title =
            help.messages
            ? "Messages: \(state.messageLog.count), newest first (type to search, Esc closes)"
            : "Help: every key and command (type to search, Esc closes)"
        buffer.panel(rect, title: title, palette: palette)
        let inner = rect.inset(by: 1).inset(x: 1)
        buffer.spans(
            [("Search: ", palette[.dim]), (help.search, palette[.filter]), ("▏", palette[.filter])], x: inner.x, y: inner.y,
            width: inner.width)
        text(help, log: state.messageLog, size: size, palette: palette).draw(into: &buffer, top: help.top, palette: palette)
    }

    /// The status messages matching the search, newest first, each wrapped whole.
    static func messageText(_ help: HelpState, log: [StatusMessage], inner: Rect, palette: Palette) -> TextBlock {
        var b = TextBlock()
        let needle = help.search.lowercased()
        let shown = log.reversed().filter { needle.isEmpty || $0.text.lowercased().contains(needle) }
        if shown.isEmpty { b.add(log.isEmpty ? "No messages yet." : "No message matches.", palette[.dim]) }
        for message in shown {
            let role: ThemeRole =
                switch message.kind {
                case .info: .info
                case .success: .success
                case .warning: .warning
                case .error: .error
                }
            b.addWrapped(message.text, palette[role], width: inner.width)
        }
        return b
    }

    /// The help's lines for a search and where they are drawn; the reducer bounds scrolling with it.
    static func text(_ help: HelpState, log: [StatusMessage] = [], size: Size, palette: Palette) -> ScrolledText {
        let inner = Rect(x: 2, y: 1, width: size.width - 4, height: size.height - 2).inset(by: 1).inset(x: 1)
        let body = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        if help.messages {
            return ScrolledText(
                block: messageText(help, log: log, inner: inner, palette: palette), rect: body, scrollKey: ScrolledText.arrowKey)
        }
        var b = TextBlock()
        var section = ""
        let keyWidth = min(30, max(14, inner.width / 3))
        // A description wraps onto lines under its own text column (at 80×24 the long ones were
        // cut: "Command line: :users :roles :env prod :who-ca…"; found by a console review).
        let textIndent = 1 + keyWidth + 1
        let textWidth = max(10, inner.width - textIndent)
        let matching = HelpContent.lines(matching: help.search)
        if matching.isEmpty {
            b.add("No key or command matches '\(help.search)'", palette[.warning])
        }
        for line in matching {
            if line.section != section {
                if !section.isEmpty { b.blank() }
                section = line.section
                b.add(section, palette[.header])
            }
            let summary = ScreenBuffer.wrap(line.summary, width: textWidth)
            if displayWidth(of: line.keys) <= keyWidth {
                b.add([(pad(line.keys, toWidth: keyWidth), palette[.helpKey]), (" " + (summary.first ?? ""), palette[.help])], indent: 1)
            } else {
                // Keys longer than their column (`:who-can TABLE.COLUMN PERMISSION`) get a line of their own.
                b.add(line.keys, palette[.helpKey], indent: 1)
                if let first = summary.first { b.add(first, palette[.help], indent: textIndent) }
            }
            for rest in summary.dropFirst() { b.add(rest, palette[.help], indent: textIndent) }
        }
        b.blank()
        b.add("Access levels", palette[.header])
        // The legend's entries (a glyph and its label) onto as many lines as they need.
        let legend = LevelMatrix.legend(palette: palette, long: true)
        var line: [(String, Style)] = []
        var used = 0
        for entry in stride(from: 0, to: legend.count, by: 2).map({ Array(legend[$0..<min($0 + 2, legend.count)]) }) {
            let width = entry.reduce(0) { $0 + displayWidth(of: $1.0) }
            if used > 0 && used + width > inner.width - 1 {
                b.add(line, indent: 1)
                line = []
                used = 0
            }
            line += entry
            used += width
        }
        if !line.isEmpty { b.add(line, indent: 1) }
        for text in ScreenBuffer.wrap(
            "[I] marks a rule dvsec infers rather than reads in Microsoft's documentation", width: inner.width - 1)
        {
            b.add(text, palette[.inferred], indent: 1)
        }
        return ScrolledText(block: b, rect: body, scrollKey: ScrolledText.arrowKey)
    }
}

enum DialogOverlay {
    static func draw(_ dialog: Dialog, into buffer: inout ScreenBuffer, size: Size, palette: Palette) {
        let width = min(size.width - 4, 72)
        let (title, message) = text(for: dialog)
        var lines = ScreenBuffer.wrap(message, width: width - 4)
        let answers = dialog.answers
        if case .recoverJournal(let r) = dialog, !r.summaries.isEmpty {
            // What the edits are, as many as fit; the rest counted.
            let room = max(1, size.height - lines.count - answers.count - 7)
            // The summaries are the pending list the journal gives back, not its records.
            let total = r.pendingCount ?? r.editCount
            // Grouped under their environment's name when the file has several (an edit to
            // "Salesperson" did not say which environment's).
            var listed: [String] = []
            var shown = 0
            var group: String?
            for (i, summary) in r.summaries.enumerated() {
                let environment = r.summaryEnvironments.indices.contains(i) ? r.summaryEnvironments[i] : ""
                let heading = !environment.isEmpty && environment != group
                let needed = listed.count + (heading ? 1 : 0) + 1 + (shown + 1 < total ? 1 : 0)
                if needed > room { break }
                if heading {
                    listed.append(environment + ":")
                    group = environment
                }
                listed.append((group == nil ? "" : "  ") + palette.glyphs.bullet + " " + summary)
                shown += 1
            }
            lines += listed
            if shown < total { lines.append("\(palette.glyphs.ellipsis) \(total - shown) more") }
        }
        let height = lines.count + answers.count + 5
        let rect = Rect(x: (size.width - width) / 2, y: max(0, (size.height - height) / 2), width: width, height: min(height, size.height))
        buffer.panel(rect, title: title, palette: palette)
        var y = rect.y + 2
        for line in lines {
            buffer.text(line, x: rect.x + 2, y: y, width: width - 4, style: palette[.normal])
            y += 1
        }
        y += 1
        for answer in answers where y < rect.maxY - 1 {
            buffer.spans(
                [(" \(answer.key) ", palette[.statusKey]), ("  " + label(answer, in: dialog), palette[.normal])],
                x: rect.x + 2, y: y, width: width - 4)
            y += 1
        }
    }

    static func text(for dialog: Dialog) -> (String, String) {
        switch dialog {
        case .confirmQuit(let n):
            (
                "Unsaved changes",
                "\(n) change\(n == 1 ? " is" : "s are") not saved. Quitting without saving discards \(n == 1 ? "it" : "them")."
            )
        case .changedOnDisk(let path):
            (
                "File changed on disk",
                "\(path) changed since it was loaded (someone else saved it?)."
                    + " Reloading reads their file and makes your unsaved changes again on it (naming any that no longer"
                    + " apply); nothing is written until you save."
                    + " Overwriting loses what it holds; its previous version is kept as .bak."
            )
        case .fileExists(let path):
            (
                "File exists",
                "\(path) is another file, and it already exists. Overwriting replaces what it holds; its previous version is"
                    + " kept as .bak."
            )
        case .fileGone(let path):
            (
                "File deleted on disk",
                "\(path) was deleted (or moved away) since it was loaded. Saving recreates it with this session's"
                    + " snapshot; nothing on disk is lost."
            )
        case .notAFile(let path, let kind):
            (
                "Not a file any more",
                "\(path) \(kind) now, not the file that was opened: it cannot be reloaded nor overwritten."
                    + " Save elsewhere, or quit: the journal keeps your unsaved changes and offers them the next time this file is opened."
            )
        case .recoverJournal(let r):
            (
                "Unsaved edits found",
                "A previous session ended without saving: "
                    + (r.pendingCount.map {
                        "\($0) unsaved edit\($0 == 1 ? "" : "s") (from \(r.editCount) journaled change\(r.editCount == 1 ? "" : "s"))"
                    }
                        ?? "\(r.editCount) journaled change\(r.editCount == 1 ? "" : "s")")
                    + (r.started.map { " (journal started \($0))" } ?? "") + "."
                    + (r.writtenFor.map {
                        " The journal says it was written for \(printable($0)), not this file: apply it only if those are your edits."
                    }
                        ?? "")
                    + (r.refusedCount > 0
                        ? " \(r.refusedCount) no longer appl\(r.refusedCount == 1 ? "ies" : "y") to the file: "
                            + r.refusedSummaries.joined(separator: "; ") + (r.refusedCount > r.refusedSummaries.count ? "; …" : "")
                            + ". Recovering keeps the journal as it was beside the file." : "")
                    + (r.fileChangedSince ? " The file changed since then: some edits may no longer apply." : "")
                    + (r.conflictCount > 0
                        ? " \(r.conflictCount == 1 ? "One edit's target" : "\(r.conflictCount) edits' targets") changed in the file too"
                            + " (marked [conflict]): applying makes yours over theirs."
                        : "")
                    + damageSentence(r.damage, named: r.notAppliedSummaries)
            )
        case .confirmDeletion(let q):
            (q.title, "\(q.title) \(q.consequences) Undo (u) brings it back.")
        case .confirmAdministratorGrant(let q):
            (q.title, "\(q.body) \(q.then == .undo ? "Redo (Ctrl-R)" : "Undo (u)") takes it back.")
        case .confirmColumnExposure(let q):
            (q.title, "\(q.body) Undo (u) takes it back.")
        }
    }

    /// What of the journal is not recovered. The records after a damaged one were read (they are
    /// whole) but not applied, as they may depend on it: calling them unreadable was untrue.
    /// `named` says what the records not applied were to do, when known; recovering keeps them.
    static func damageSentence(_ damage: JournalDamage, named: [String] = []) -> String {
        guard damage.unreadable > 0 else { return "" }
        let n = damage.unreadable
        let unread = " \(counted(n, "journaled record")) could not be read (the journal is damaged)"
        guard damage.notApplied > 0 else { return unread + " and \(n == 1 ? "is" : "are") not recovered." }
        let m = damage.notApplied
        let notApplied =
            unread + "; the \(m == 1 ? "record" : "\(m) records") after \(n == 1 ? "it" : "them")"
            + " \(m == 1 ? "was" : "were") not applied, as \(m == 1 ? "it" : "they") may depend on \(n == 1 ? "it" : "them")"
        guard !named.isEmpty else { return notApplied + "." }
        return notApplied + ": " + named.joined(separator: "; ") + (m > named.count ? "; …" : "")
            + ". Recovering keeps the journal as it was beside the file."
    }

    static func label(_ answer: DialogAnswer, in dialog: Dialog) -> String {
        if case .recoverJournal = dialog, answer == .quitKeepingJournal { return "quit, and decide next time (the journal is kept)" }
        if case .fileGone = dialog, answer == .overwrite { return "save, recreating the file" }
        return answer.label
    }
}
