/// Renders a diff as a Markdown change-review document: summary, escalations first, the access
/// impact per user, new findings, what was not evaluated, and a sign-off checklist.
public struct DiffMarkdownRenderer: Sendable {
    /// How much of the per-user impact to show.
    public var impactDetail: ImpactDetail
    /// The most UTF-8 bytes the document may take, `nil` for no limit. The title and the sign-off
    /// are always written; the budget goes first to the environments on one side only, each
    /// comparison's summary and what it did not evaluate (environment names cut at 80
    /// characters), then to the table of changed objects, the new findings, and each object's
    /// lines and the users' impact, each cut at a line; a note says how many rows and lines did
    /// not fit. `dvsec diff --limit` sets it under GitHub's 65,536
    /// characters for a pull-request comment (a byte is at most a character).
    public var byteBudget: Int?

    /// What `dvsec diff --format markdown --limit N` keeps the document under: GitHub takes
    /// 65,536 characters in a comment, less a margin for a header a pipeline adds.
    public static let pullRequestCommentBudget = 60_000

    public init(impactDetail: ImpactDetail = .full, byteBudget: Int? = nil) {
        self.impactDetail = impactDetail
        self.byteBudget = byteBudget
    }

    /// The whole review document for a comparison.
    public func render(_ result: SnapshotDiffResult) -> String {
        var head = "# Security change review\n\n"
        head += "Symbols: `+` added, `-` removed, `~` changed; values read `old -> new`. "
        head += "**Escalation**: someone can do more; *reduction*: someone can do less; neutral otherwise.\n"
        // Listed even in a narrowed view: one line each, and what the exit code may rest on.
        var oneSide: [String] = []
        if !result.oneSideEnvironments.isEmpty {
            var intro = "\n## Environments on one side only\n\n"
            if !result.oneSideEnvironmentsNotShown.isEmpty {
                intro += "Listed whatever the filter (it narrows the comparisons only).\n\n"
            }
            oneSide.append(intro)
            for e in result.oneSideEnvironments {
                let risk = e.risk == .escalation ? " **escalation**" : e.risk == .reduction ? " *reduction*" : ""
                let note = e.lines.compactMap(\.note).first.map { ": \(markdownText($0))" } ?? ""
                // The symbol as code: "- +" or "- -" would read as a list inside the list.
                oneSide.append("- `\(e.action.symbol)` \(cell(budgeted(e.name))) (\(e.action.rawValue))\(risk)\(note)\n")
            }
        }
        let parts = result.comparisons.map(parts)
        let checked = result.comparisons.contains(where: \.findingsEvaluated) || result.comparisons.isEmpty
        var signOff = "\n## Sign-off\n\n- [ ] Every escalation is intended and approved\n"
        signOff +=
            checked
            ? "- [ ] New findings are fixed or suppressed with a reason\n"
            : "- [ ] The go-live checks were run (`dvsec check`): this review was made without them (`--no-checks`)\n"
        signOff += "- [ ] Users whose access rises the most were checked with their managers\n"
        // The budget serves, in this order: the environments on one side only, each comparison's
        // title and summary, what each did not evaluate (all of them, short, whenever they fit:
        // forty comparisons of environments with 994-character names took a `--limit` review to
        // 108 KB while these were written whatever their size), then the tables of changed
        // objects, the new findings and the details; each cut at a line, and nothing after that.
        var left = byteBudget.map { $0 - head.utf8.count - signOff.utf8.count - Self.cutNoteReserve } ?? Int.max
        // Once something is cut, what comes after it in that order is left out whole, counted.
        var stopped = false
        var cutRows = 0
        // Where the cut starts, a line says so (a heading above it may count more users than are
        // listed under it); the note at the end counts what was left out.
        func take(_ chunks: [String], cut: inout Int) -> String {
            let wasStopped = stopped
            let taken = Self.take(chunks, left: &left, cut: &cut, stopped: &stopped)
            return !wasStopped && stopped ? taken + Self.cutHere : taken
        }
        var cutEnvironments = 0
        let oneSideKept = take(oneSide, cut: &cutEnvironments)
        var cutSummaries = 0
        let heads = parts.map { take([$0.head], cut: &cutSummaries) }
        let tails = parts.map { take([$0.tail], cut: &cutSummaries) }
        let tables = parts.map { take([$0.table], cut: &cutRows) }
        var cutFindings = 0
        let findings = parts.map { take([$0.findings], cut: &cutFindings) }
        var cutLines = 0
        let details = parts.map { take($0.details, cut: &cutLines) }
        // Users whose impact block was cut whole or in part: the heading counts every user the
        // view has (a go-live review found "Access impact (100 users)" over 2 of them, the note
        // counting only lines).
        var cutUsers = 0
        for (i, part) in parts.enumerated() {
            guard let impact = part.details.last, impact.hasPrefix("\n### Access impact") else { continue }
            let kept = details[i].range(of: "\n### Access impact").map { String(details[i][$0.lowerBound...]) } ?? ""
            cutUsers += impact.components(separatedBy: "\n#### ").count - max(1, kept.components(separatedBy: "\n#### ").count)
        }
        var out = head + oneSideKept
        for i in parts.indices {
            out += heads[i] + tables[i] + details[i] + findings[i] + tails[i]
        }
        if cutEnvironments > 0 || cutSummaries > 0 || cutRows > 0 || cutLines > 0 || cutFindings > 0 {
            let what = [
                cutEnvironments > 0 ? "\(counted(cutEnvironments, "more line")) of the environments on one side only" : nil,
                cutSummaries > 0 ? "\(counted(cutSummaries, "more line")) of the comparisons' summaries" : nil,
                cutRows > 0 ? "\(counted(cutRows, "more row")) of the table of changes" : nil,
                cutFindings > 0 ? "\(counted(cutFindings, "more line")) of the findings sections" : nil,
                cutLines > 0
                    ? "\(counted(cutLines, "more line")) of the changes' details and the users' impact"
                        + (cutUsers > 0 ? " (\(counted(cutUsers, "user")) left out whole)" : "") : nil,
            ].compactMap { $0 }.joined(separator: ", ")
            out +=
                "\n_Cut to fit a pull-request comment (`--limit`): \(what) not shown; `dvsec diff` without `--limit` "
                + "writes them all. The summary counts every change._\n"
        }
        return out + signOff
    }

    /// `chunks` as far as `left` bytes go: whole chunks, then the lines of the first that does
    /// not fit, one by one; `cut` counts the lines left out. Once a line is left out `stopped` is
    /// set, and every later line (here or in a later call) is left out and counted.
    static func take(_ chunks: [String], left: inout Int, cut: inout Int, stopped: inout Bool) -> String {
        var out = ""
        for chunk in chunks {
            let size = chunk.utf8.count
            if !stopped && size <= left {
                out += chunk
                left -= size
                continue
            }
            var lines = chunk.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            for line in lines {
                if !stopped && line.utf8.count + 1 <= left {
                    out += line + "\n"
                    left -= line.utf8.count + 1
                } else {
                    stopped = true
                    cut += 1
                }
            }
        }
        return out
    }

    /// Room kept for the note that says what was cut.
    static let cutNoteReserve = 800

    /// The line written where the cut starts.
    static let cutHere = "\n_… cut here to fit a pull-request comment (`--limit`): see the note at the end._\n"

    /// One comparison's document: `head` (title, summary), `table` (the changed objects, one row
    /// each), `details` (each object's lines, then the users' impact), `findings` (the new
    /// findings) and `tail` (what was not evaluated). A budget serves the table first, then the
    /// findings, then the details.
    /// A name as the summary line names it: whole up to 80 characters, then cut with `…` (the
    /// summary is always written, so five 4,000-character names took a `--limit` document past
    /// its byte budget).
    static func shortened(_ name: String) -> String {
        name.count <= 80 ? name : String(name.prefix(79)) + "…"
    }

    /// An environment's name in a title or a list under a budget: ``shortened(_:)``; whole without one.
    func budgeted(_ name: String) -> String { byteBudget == nil ? name : Self.shortened(name) }

    func parts(_ r: DiffResult) -> (head: String, table: String, details: [String], findings: String, tail: String) {
        var head = "\n## \(cell(budgeted(r.base.name))) -> \(cell(budgeted(r.target.name)))\n\n"
        // Inert like every cell: it names the users whose access rises most.
        head +=
            "**Summary:** "
            + markdownText(
                DiffTextRenderer(style: .plain).summaryLine(r, quote: { quotedName(Self.shortened($0)) }).replacingPrefix(
                    "Summary: ", with: "")) + "\n"
        if let shown = r.shown { head += "\n_\(cell(shown.description))_\n" }
        var table = ""
        var details: [String] = []
        var findings = ""
        var tail = ""
        if !r.isIdentical {
            // With the impact: how many users whose access changes each change reaches.
            let reach = r.entries.contains { $0.usersReached != nil }
            table +=
                "\n| Risk | Kind | Object | Action | Lines |"
                + (reach ? " Users moved | Users reached |\n|---|---|---|---|---|---|---|\n" : "\n|---|---|---|---|---|\n")
            for e in r.entries {
                var name = cell(e.name)
                if let from = e.renamedFrom { name += " (was \(cell(from)))" }
                table += "| \(risk(e.risk)) | \(e.kind.label) | \(name) | \(e.action.rawValue) | \(e.lines.count) |"
                table += reach ? " \(e.usersMoved ?? e.usersReached ?? 0) | \(e.usersReached ?? 0) |\n" : "\n"
            }
            for group in RiskClass.allCases {
                let entries = r.entries.filter { $0.risk == group }
                guard !entries.isEmpty else { continue }
                details.append("\n### \(group == .escalation ? "Escalations" : group == .reduction ? "Reductions" : "Neutral changes")\n")
                for e in entries {
                    var block =
                        "\n#### \(e.action.symbol) \(e.kind.label) \(cell(e.name))\n\n| | Field | Old | New | Risk |\n|---|---|---|---|---|\n"
                    for l in e.lines {
                        let field = cell(l.field.label + (l.subject.isEmpty ? "" : " " + l.subject))
                        // The line's note (`through the Entra group`, a copy not used) after its risk,
                        // as the text and JSON carry it.
                        let note = l.note.map { " (\(markdownText($0)))" } ?? ""
                        block +=
                            "| `\(l.symbol.rawValue)` | \(field) | \(cell(l.old ?? "")) | \(cell(l.new ?? "")) | \(risk(l.risk, l.reasons))\(note) |\n"
                    }
                    details.append(block)
                }
            }
            if !r.impacts.isEmpty && impactDetail != .full {
                var block = "\n### Access impact (\(counted(r.impacts.count, "user")))\n\n"
                if impactDetail == .summary {
                    block += "| User | Risk | Score | Access | Tables | Because |\n|---|---|---|---|---|---|\n"
                    block += Self.joined(r.impacts) { summaryRow($0) }
                } else {
                    block += "Per-user lines left out (`--impact summary` or `full` shows them).\n"
                }
                details.append(block)
            }
            if !r.impacts.isEmpty && impactDetail == .full {
                details.append("\n### Access impact (\(counted(r.impacts.count, "user")))\n" + Self.joined(r.impacts) { impactBlock($0) })
            }
            if r.findingsEvaluated {
                findings += "\n### New findings against the base (\(r.newFindings.count))\n\n"
                if r.newFindingsSuppressed > 0 {
                    findings += "\(counted(r.newFindingsSuppressed, "more new finding")) suppressed as accepted.\n\n"
                }
                findings += r.newFindings.isEmpty ? "None.\n" : FindingMarkdownRenderer().table(r.newFindings)
                if !r.resolvedFindings.isEmpty {
                    findings +=
                        "\nResolved since the base: "
                        + r.resolvedFindings.map { "\($0.ruleId) \(cell($0.place.path))" }.joined(separator: "; ")
                        + "\n"
                }
            } else {
                findings += "\n### New findings against the base\n\nNot evaluated: the go-live checks were not run (`--no-checks`).\n"
            }
            tail += "\n### Not evaluated\n\n" + r.notEvaluated.map { "- \($0)\n" }.joined()
        }
        return (head, table, details, findings, tail)
    }

    /// One user's row of the summary table.
    func summaryRow(_ i: UserImpact) -> String {
        let counts = ImpactCounts(i)
        let who = cell(i.name) + (i.domainName.isEmpty ? "" : " (\(cell(i.domainName)))")
        let tables = cutList(counts.tables, 4, separator: ", ")
        return
            "| \(who) | \(risk(i.risk)) | \(i.escalationScore > 0 ? "+\(i.escalationScore)" : "") | \(counts.description()) | \(cell(tables)) | \(markdownText(i.causes.joined(separator: "; "))) |\n"
    }

    /// One user's block: a heading, the causes, a table of access lines.
    func impactBlock(_ i: UserImpact) -> String {
        var out = ""
        out += "\n#### \(cell(i.name))\(i.domainName.isEmpty ? "" : " (\(cell(i.domainName)))") — \(risk(i.risk))"
        out += i.escalationScore > 0 ? ", +\(i.escalationScore)\n\n" : "\n\n"
        if !i.causes.isEmpty { out += "Because: " + markdownText(i.causes.joined(separator: "; ")) + "\n\n" }
        out += "| | Access | Old | New | Via | Risk |\n|---|---|---|---|---|---|\n"
        for g in i.groupedTableChanges {
            let c = g.change
            let sym = c.isScopeChange || c.isDormant ? "~" : (c.new > c.old ? "+" : "-")
            var old = c.old.label
            var new = c.new.label
            let (oldScope, newScope) = (c.shownScope(old: true), c.shownScope(old: false))
            if !oldScope.isEmpty { old += " in " + oldScope.joined(separator: ", ") }
            if !newScope.isEmpty { new += " in " + newScope.joined(separator: ", ") }
            old += c.ruleMark(old: true)
            new += c.ruleMark(old: false)
            let via = c.shownPath?.description ?? ""
            let what = "\(c.table) \(g.operationsLabel)" + (c.isDormant ? " (dormant)" : "")
            out +=
                "| `\(sym)` | \(cell(what)) | \(markdownText(old)) | \(markdownText(new)) | \(markdownText(via)) | \(risk(c.risk, c.reasons)) |\n"
        }
        for c in i.columnChanges {
            let what =
                "column \(c.column.description) \(c.kind.label)" + (c.isDormant ? " (dormant)" : "")
                + (c.withoutTableOperationWords.map { " (\($0))" } ?? "")
            let via = c.shownVia.joined(separator: ", ")
            out +=
                "| `\(c.symbol)` | \(cell(what)) | \(c.oldLabel) | \(c.newLabel) | \(markdownText(via)) | \(risk(c.risk, c.reasons)) |\n"
        }
        for g in MiscPrivilegeChangeGroup.grouping(i.miscChanges) {
            let m = g.first
            let what = "misc \(g.label)" + (m.isDormant ? " (dormant)" : "")
            let via = m.shownVia ?? ""
            out +=
                "| `\(m.symbol)` | \(cell(what)) | \(m.old.label)\(m.ruleMark(old: true)) | \(m.new.label)\(m.ruleMark(old: false)) | \(markdownText(via)) | \(risk(m.risk, m.reasons)) |\n"
        }
        return out
    }

    /// The blocks of many users, made on both cores and joined in order.
    static func joined(_ all: [UserImpact], _ render: @Sendable (UserImpact) -> String) -> String {
        var out = ""
        inOrderOnBothCores(count: all.count, batch: 4_000) { range in
            range.reduce(into: "") { $0 += render(all[$1]) }
        } emit: { part in
            out += part
        }
        return out
    }

    func risk(_ r: RiskClass, _ reasons: [RiskReason] = []) -> String {
        let base = r == .escalation ? "**escalation**" : r == .reduction ? "*reduction*" : "neutral"
        return reasons.isEmpty ? base : base + " (" + reasons.map(\.label).joined(separator: ", ") + ")"
    }
}

/// A Markdown table cell: pipes escaped, line breaks and control characters flattened.
/// Text from a snapshot (a name, a description) made inert in Markdown, for a table cell, a
/// heading or a line: control characters shown as ``markdownReadable(_:)`` shows them (control
/// pictures and `⟨U+202E⟩`, never a backslash escape Markdown would read), and nothing read as
/// Markdown or HTML. A change-review document is posted where people approve
/// releases (a pull request), so a role named `<img src=x onerror=…>`, `**Approved**` or
/// `@org/admins` must not render an image, bold text or mention a team: `|` and Markdown
/// punctuation (and `$`, which GitHub reads as math) are backslash-escaped, `<`, `>`, `&` and `@` written as HTML entities. An
/// underscore is escaped only where it could start or end emphasis (`contoso_payment` stays
/// readable in the raw text). Nor may it become a link or an emoji that GitHub makes of plain
/// text (a role named `Approved https://evil.example/approve`, `see www.evil.example`, `done
/// :white_check_mark:`): a colon is written `&#58;` and the dot after `www` `&#46;`, which render
/// as the same characters, and an email address has its `@` as `&#64;` already.
func cell(_ s: String) -> String {
    let text = markdownReadable(s)
    let special: Set<Character> = ["\\", "|", "*", "`", "[", "]", "~", "<", ">", "&", "@", "_", "#", "!", ":", ".", "$"]
    guard text.contains(where: { special.contains($0) }) else { return text }
    var out = ""
    let chars = Array(text)
    for (i, ch) in chars.enumerated() {
        switch ch {
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "&": out += "&amp;"
        case "@": out += "&#64;"
        case ":":
            // A colon that can start a link (`https://`, `mailto:x`) or an emoji (`:name:`) is an
            // entity; one followed by a space or the end ("objects: 3") is plain, as it reads.
            let next = i + 1 < chars.count ? chars[i + 1] : " "
            out += next.isWhitespace ? ":" : "&#58;"
        case ".":
            // `www.` starts an autolink wherever it stands; a dot elsewhere is plain.
            let www = i >= 3 && chars[(i - 3)..<i].allSatisfy { $0 == "w" || $0 == "W" }
            out += www ? "&#46;" : "."
        // `$` too: GitHub renders `$...$` as math (`$\\color{green}{APPROVED}$` in a role's name).
        case "\\", "|", "*", "`", "[", "]", "~", "#", "!", "$": out += "\\" + String(ch)
        case "_":
            // Inside a word (letters or digits on both sides) an underscore makes no emphasis.
            let inWord =
                i > 0 && i < chars.count - 1 && (chars[i - 1].isLetter || chars[i - 1].isNumber)
                && (chars[i + 1].isLetter || chars[i + 1].isNumber || chars[i + 1] == "_")
            out += inWord ? "_" : "\\_"
        default: out.append(ch)
        }
    }
    return out
}

/// Text from a snapshot as a Markdown code span: shown literally (no escape works inside one),
/// with a fence longer than any run of backticks in it.
func codeSpan(_ s: String) -> String {
    let text = markdownReadable(s)
    var longest = 0
    var run = 0
    for ch in text {
        run = ch == "`" ? run + 1 : 0
        longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
    return fence + pad + text.replacingAll("|", with: "\\|") + pad + fence
}

extension String {
    func replacingPrefix(_ prefix: String, with new: String) -> String {
        hasPrefix(prefix) ? new + dropFirst(prefix.count) : self
    }

    func replacingAll(_ target: Character, with new: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += new } else { out.append(ch) } }
        return out
    }
}
