/// How much of the per-user access impact a text or Markdown rendering shows. The JSON output
/// always carries every line.
public enum ImpactDetail: String, CaseIterable, Sendable {
    /// Every changed table operation and column permission of every user, with its path.
    case full
    /// One line per user: the causes, how many operations rise and fall, and on which tables.
    /// Sized by the users touched, not by users × cells: for a CI log of a large change.
    case summary
    /// Only the number of users; the objects, findings and summary line stay.
    case none
}

/// Renders a diff as a plan: a legend, one header per changed object with `old -> new` lines,
/// escalations first, the impact per user, new findings, and a closing summary line.
public struct DiffTextRenderer: Sendable {
    /// Colours, or none.
    public var style: ANSIStyle
    /// Longest value shown before it is cut with `…` (descriptions can be long).
    public var maxValueLength: Int
    /// How much of the per-user impact to show.
    public var impactDetail: ImpactDetail

    public init(style: ANSIStyle = .plain, maxValueLength: Int = 100, impactDetail: ImpactDetail = .full) {
        self.style = style
        self.maxValueLength = maxValueLength
        self.impactDetail = impactDetail
    }

    /// The plan for every compared environment, with a total when there are several.
    public func render(_ result: SnapshotDiffResult) -> String {
        var all: [UInt8] = []
        write(result) { all.append(contentsOf: $0) }
        return String(decoding: all, as: UTF8.self)
    }

    /// Writes the plan for every compared environment in pieces, in order, as they are ready: the
    /// text of a large diff runs to tens of MB, and is never held whole. `sink` is called on the
    /// caller's thread.
    public func write(_ result: SnapshotDiffResult, to sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        var out = TextBytes()
        // Nothing to read symbols in when nothing differs.
        if !result.isIdentical { out.append(legend()) }
        for e in result.unmatchedEnvironments { out.append(entry(e)) }
        for c in result.comparisons { write(c, into: &out, sink: sink) }
        // Whenever the last comparison's summary is not the whole story.
        if result.comparisons.count != 1 || !result.oneSideEnvironments.isEmpty {
            let n = result.comparisons.count
            let oneSide = result.oneSideEnvironments
            let hidden = result.oneSideEnvironmentsNotShown.count
            var notes = [RiskClass.escalation, .reduction].compactMap { r -> String? in
                let k = oneSide.count { $0.risk == r }
                return k == 0 ? nil : counted(k, r.rawValue)
            }
            if hidden > 0 { notes.append("\(hidden) not shown in this view") }
            out.append(
                "\n" + style.bold("Total:")
                    + " \(counted(n, "environment comparison")), \(counted(oneSide.count, "environment")) on one side only"
                    + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"))
            out.append(result.hasEscalation ? "; " + style.escalation("escalations present") + "\n" : "\n")
        }
        out.bytes.withUnsafeBufferPointer(sink)
    }

    /// The plan for one comparison.
    public func render(_ result: DiffResult) -> String {
        var all: [UInt8] = []
        var out = TextBytes()
        if !result.isIdentical { out.append(legend()) }
        write(result, into: &out) { all.append(contentsOf: $0) }
        all.append(contentsOf: out.bytes)
        return String(decoding: all, as: UTF8.self)
    }

    func legend() -> String {
        "Legend: \(style.added("+")) added  \(style.removed("-")) removed  \(style.changed("~")) changed  old -> new"
            + " (on a user's access lines: + rises, - falls, ~ same level, other records);"
            + " \(style.escalation("[ESCALATION]")) someone can do more, \(style.reduction("[reduction]")) someone can do less,"
            + " untagged is neutral (tags are on objects and users; on a line, ! with its reasons marks an escalation)."
            + " Escalations are listed first; +N after a user is how much their access rises"
            + " (levels gained, 2 per secured column permission, 1 per scope moved), not a count of lines.\n"
    }

    /// Appends one comparison to `out`; the per-user impact, the bulk of a large diff, goes to
    /// `sink` as it is rendered (after what `out` held so far).
    func write(_ r: DiffResult, into out: inout TextBytes, sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        out.append(
            "\n"
                + style.bold(
                    "Base: \(quoted(r.base.name)) (\(r.base.type.label))  ->  Target: \(quoted(r.target.name)) (\(r.target.type.label))"
                ) + "\n")
        if let shown = r.shown { out.append(style.dim(readable(shown.description)) + "\n") }
        if r.isIdentical {
            out.append("\nNo differences: the target matches the base.\n")
        } else if r.shown != nil && r.entries.isEmpty && r.impacts.isEmpty {
            out.append("\nNothing in this comparison matches the filter.\n")
        } else {
            if !r.entries.isEmpty { out.append("\n") }
            for e in r.entries { out.append(entry(e)) }
            if !r.impacts.isEmpty {
                out.append("\n" + style.bold("Access impact: \(counted(r.impacts.count, "user"))") + "\n")
                switch impactDetail {
                case .full: writeImpacts(r.impacts, after: &out, sink: sink) { writeImpact($0, into: &$1) }
                case .summary: writeImpacts(r.impacts, after: &out, sink: sink) { $1.append(impactSummary($0)) }
                case .none: out.append(style.dim("(per-user lines left out: --impact summary or full shows them)") + "\n")
                }
            }
        }
        if r.findingsEvaluated && (!r.newFindings.isEmpty || !r.resolvedFindings.isEmpty || r.newFindingsSuppressed > 0) {
            let suppressed = r.newFindingsSuppressed > 0 ? " (\(r.newFindingsSuppressed) more suppressed as accepted)" : ""
            out.append("\n" + style.bold("New findings against the base: \(r.newFindings.count)") + suppressed + "\n")
            for f in r.newFindings { out.append(FindingTextRenderer(style: style).line(f)) }
            if !r.resolvedFindings.isEmpty {
                out.append(style.bold("Resolved since the base: \(r.resolvedFindings.count)") + "\n")
                for f in r.resolvedFindings { out.append("  " + style.dim(readable("\(f.ruleId) \(f.place.path): \(f.message)")) + "\n") }
            }
        }
        if !r.isIdentical { out.append("\n" + style.dim("Not evaluated: " + r.notEvaluated.joined(separator: "; ") + ".") + "\n") }
        // A CI log tells "no new finding" from "not checked" (found by an output review).
        if !r.isIdentical && !r.findingsEvaluated {
            out.append(style.dim("Not evaluated: the go-live checks were not run (--no-checks).") + "\n")
        }
        out.append("\n" + summaryLine(r) + "\n")
    }

    func entry(_ e: DiffEntry) -> String {
        var header = "\(style.symbol(e.action.symbol)) \(e.kind.label) \(style.bold(quoted(e.name)))"
        if let from = e.renamedFrom { header += " (renamed from \(quoted(from)))" }
        if e.action == .added || e.action == .removed { header += " \(e.action.rawValue)" }
        if let b = e.baseObjectId { header += style.dim(" [base id \(b)]") }
        var out = header + style.tag(e.risk)
        // A user's own change reaches at most that user: the count says nothing there.
        // An escalation that raises no one's access now (a role assigned that the user also
        // holds through a team; holders kept from signing in) says so: what it grants is still
        // the escalation, for the day that changes.
        let raisesNobody = e.risk == .escalation && e.usersRaised == 0
        if let n = e.usersReached, n > 0, e.kind != .user {
            let reach = DiffEntry.reachWords(reached: n, moved: e.usersMoved ?? n)
            out += style.dim("  (\(reach)\(raisesNobody ? "; raises no one's access now" : ""))")
        } else if raisesNobody {
            out += style.dim(e.kind == .user ? "  (raises none of their access now)" : "  (raises no one's access now)")
        }
        out += "\n"
        for l in e.lines where !(l.field == .name && e.renamedFrom != nil) { out += "    " + line(l) + "\n" }
        return out
    }

    func line(_ l: DiffLine) -> String {
        var s = l.field.label
        if l.field.isRelation {
            s += " " + quoted(l.subject)
            let value = l.new ?? l.old ?? ""
            if l.symbol == .changed {
                let (old, new) = cut(l.old ?? "", l.new ?? "")
                s += ": \(old) -> \(new)"
            } else if value != l.subject && !value.isEmpty {
                s += " (\(readable(value)))"
            }
        } else {
            if !l.subject.isEmpty { s += " " + (l.field == .roleCopy ? quoted(l.subject) : readable(l.subject)) }
            // A name in quotes, as in the entry's header; so is a business unit's path, whose
            // unit names may hold " -> " or " / " (a regression review: `Sales "NA" -> X`).
            let quotedValue = l.field == .name || l.field == .businessUnit || l.field == .parentBusinessUnit || l.field == .roleCopy
            let shown = quotedValue ? cutQuoted : cut
            switch l.symbol {
            case .changed where !quotedValue:
                let (old, new) = cut(l.old ?? "", l.new ?? "")
                s += ": \(old) -> \(new)"
            case .changed: s += ": \(shown(l.old ?? "")) -> \(shown(l.new ?? ""))"
            case .added: s += ": \(shown(l.new ?? ""))"
            case .removed: s += ": \(shown(l.old ?? ""))"
            }
        }
        // The symbol in its colour, then the line in its risk's (the symbol's reset inside the
        // risk colour left the rest of an escalation line uncoloured).
        s = style.symbol(l.symbol.rawValue) + " " + style.risk(l.risk, s)
        if !l.reasons.isEmpty { s += "   " + style.risk(l.risk, "! " + l.reasons.map(\.label).joined(separator: ", ")) }
        if let n = l.note { s += style.dim("   (\(readable(n)))") }
        return s
    }

    /// Every user's block, in order, after what `out` holds (which goes to `sink` first). Blocks
    /// are independent: with many users, batches are written on two cores, each half into its own
    /// buffer, and handed to `sink` in order while the next batch waits (memory stays at one batch).
    func writeImpacts(
        _ all: [UserImpact], after out: inout TextBytes, sink: (UnsafeBufferPointer<UInt8>) -> Void,
        render: @Sendable (UserImpact, inout TextBytes) -> Void
    ) {
        guard all.count > 2_000 else {
            for i in all.indices { render(all[i], &out) }
            return
        }
        out.bytes.withUnsafeBufferPointer(sink)
        out = TextBytes()
        inOrderOnBothCores(count: all.count, batch: 4_000) { range in
            var text = TextBytes()
            all.withUnsafeBufferPointer { users in for i in range { render(users[i], &text) } }
            return text
        } emit: { part in
            part.bytes.withUnsafeBufferPointer(sink)
        }
    }

    /// One user's block: who, why, then a line per changed operation group, column and
    /// miscellaneous privilege.
    func writeImpact(_ i: UserImpact, into out: inout TextBytes) {
        out.open(style, ANSIStyle.Code.changed)
        out.append("~")
        out.close(style)
        out.append(" user ")
        out.open(style, ANSIStyle.Code.bold)
        out.append(readableQuotedName(i.name))
        if !i.domainName.isEmpty {
            out.append(" <")
            out.appendPrintable(i.domainName)
            out.append(">")
        }
        out.close(style)
        out.appendTag(style, i.risk)
        if i.escalationScore > 0 {
            out.append(" +")
            out.append(i.escalationScore)
        }
        out.append("\n")
        if !i.causes.isEmpty {
            out.append("    ")
            out.open(style, ANSIStyle.Code.dim)
            out.append("because: ")
            out.appendPrintable(cutList(i.causes, 6))
            out.close(style)
            out.append("\n")
        }
        if i.oldDormancy != i.newDormancy {
            let d: ([Dormancy]) -> String = { $0.isEmpty ? "active" : Dormancy.words($0) }
            out.append("    ~ runtime: \(d(i.oldDormancy)) -> \(d(i.newDormancy))\n")
        }
        for g in i.groupedTableChanges {
            out.append("    ")
            writeTableLine(g, into: &out)
            out.append("\n")
        }
        for c in i.columnChanges { out.append("    " + columnLine(c) + "\n") }
        for g in MiscPrivilegeChangeGroup.grouping(i.miscChanges) { out.append("    " + miscLine(g.first, name: g.label) + "\n") }
    }

    /// One user in one line (two with the causes): `~ user Adele Vance [ESCALATION] +4: 3 up, 1
    /// down on account, contact; 1 column permission gained`.
    func impactSummary(_ i: UserImpact) -> String {
        let who = quoted(i.name) + (i.domainName.isEmpty ? "" : " <\(readable(i.domainName))>")
        var out = "\(style.changed("~")) user \(style.bold(who))" + style.tag(i.risk)
        if i.escalationScore > 0 { out += " +\(i.escalationScore)" }
        let counts = ImpactCounts(i)
        out += ": " + counts.description(tables: counts.tables.isEmpty ? nil : readable(cutList(counts.tables, 4, separator: ", ")))
        if i.oldDormancy != i.newDormancy {
            out += "; runtime: " + (i.newDormancy.isEmpty ? "active" : Dormancy.words(i.newDormancy))
        }
        out += "\n"
        if !i.causes.isEmpty { out += "    " + style.dim("because: " + readable(cutList(i.causes, 6))) + "\n" }
        return out
    }

    /// `+ account Create, Read: Basic -> Organization  via role Seller   ! organization-wide on a user-owned table`, or
    /// `~ account Read: Local in Sales -> Local in Sales, Service  via ...` when the units reached move.
    func writeTableLine(_ g: TableAccessChangeGroup, into out: inout TextBytes) {
        let c = g.change
        let styled = out.openRisk(style, c.risk)
        out.append(c.isScopeChange || c.isDormant ? "~ " : (c.new > c.old ? "+ " : "- "))
        out.appendPrintable(c.table)
        out.append(" ")
        for (k, op) in g.operations.enumerated() {
            if k > 0 { out.append(", ") }
            out.append(op.label)
        }
        // Each side whole, `old in its units -> new in its units`: a line whose level stays the
        // same reads as what it reached before and what it reaches now.
        out.append(": ")
        out.append(c.old.label)
        let oldScope = c.shownScope(old: true)
        if !oldScope.isEmpty {
            out.append(" in ")
            appendPrintableList(oldScope, into: &out)
        }
        // The rule that set a side, when one did: `None (access mode Read [I])`.
        if c.oldReadAccessMode { out.append(c.ruleMark(old: true)) }
        out.append(" -> ")
        out.append(c.new.label)
        let newScope = c.shownScope(old: false)
        if !newScope.isEmpty {
            out.append(" in ")
            appendPrintableList(newScope, into: &out)
        }
        if c.newReadAccessMode { out.append(c.ruleMark(old: false)) }
        if c.isDormant { out.append(" (dormant)") }
        if let p = c.shownPath {
            out.append("  via ")
            out.appendPrintable(p.description)
        }
        if styled { out.close(style) }
        if !c.reasons.isEmpty {
            out.append("   ")
            let styledReasons = out.openRisk(style, c.risk)
            out.append("! ")
            for (k, reason) in c.reasons.enumerated() {
                if k > 0 { out.append(", ") }
                out.append(reason.label)
            }
            if styledReasons { out.close(style) }
        }
    }

    /// `items` joined with `, `, each shown printable.
    func appendPrintableList(_ items: [String], into out: inout TextBytes) {
        for (k, item) in items.enumerated() {
            if k > 0 { out.append(", ") }
            out.appendPrintable(item)
        }
    }

    func miscLine(_ m: MiscPrivilegeChange, name: String? = nil) -> String {
        var s =
            "\(m.symbol) misc \(readable(name ?? m.name)): \(m.old.label)\(m.ruleMark(old: true)) -> \(m.new.label)\(m.ruleMark(old: false))"
        if m.isDormant { s += " (dormant)" }
        if let via = m.shownVia { s += "  via " + readable(via) }
        s = style.risk(m.risk, s)
        if !m.reasons.isEmpty { s += "   " + style.risk(m.risk, "! " + m.reasons.map(\.label).joined(separator: ", ")) }
        return s
    }

    func columnLine(_ c: ColumnAccessChange) -> String {
        var s = "\(c.symbol) column \(readable(c.column.description)) \(c.kind.label)"
        if c.oldUnmasked != nil || c.newUnmasked != nil { s += ": \(c.oldLabel) -> \(c.newLabel)" }
        if c.isDormant { s += " (dormant)" }
        if let words = c.withoutTableOperationWords { s += " (\(readable(words)))" }
        let via = c.shownVia
        if !via.isEmpty { s += "  via " + readable(via.joined(separator: ", ")) }
        s = style.risk(c.risk, s)
        // As table and misc lines do, so an exposed column reads as an escalation without colour
        // (a domain review found `--no-color` and CI logs showing it as a neutral line).
        if !c.reasons.isEmpty { s += "   " + style.risk(c.risk, "! " + c.reasons.map(\.label).joined(separator: ", ")) }
        return s
    }

    /// `3 to add, 1 to remove, 5 to change (roles 2, users 3); 4 escalations, ...; access rises most for ...`.
    public func summaryLine(_ r: DiffResult) -> String { summaryLine(r, quote: quoted) }

    /// ``summaryLine(_:)`` with the names written by `quote` (Markdown takes ``quotedName(_:)``
    /// and makes the line inert with ``markdownText(_:)``, the escapes in names kept).
    func summaryLine(_ r: DiffResult, quote: (String) -> String) -> String {
        let s = r.summary
        if r.isIdentical { return style.bold("Summary:") + " no changes." }
        var kinds: [String] = []
        for kind in DiffObjectKind.allCases {
            let n = s.byKind[kind]?.values.reduce(0, +) ?? 0
            if n > 0 { kinds.append("\(kind.pluralLabel) \(n)") }
        }
        var text = "\(s.added) to add, \(s.removed) to remove, \(s.modified + s.renamed) to change"
        if s.renamed > 0 { text += " (\(s.renamed) renamed only)" }
        text += " — " + kinds.joined(separator: ", ")
        let esc = s.entriesByRisk[.escalation] ?? 0
        let red = s.entriesByRisk[.reduction] ?? 0
        let neu = s.entriesByRisk[.neutral] ?? 0
        text += "; objects: " + style.escalation("\(esc) escalation") + ", \(red) reduction, \(neu) neutral"
        let up = s.impactLinesByRisk[.escalation] ?? 0
        let down = s.impactLinesByRisk[.reduction] ?? 0
        // Neutral lines too, so the total is JSON's (found by an output review: 8,684 missing).
        let level = s.impactLinesByRisk[.neutral] ?? 0
        text +=
            "; impact: \(counted(s.usersAffected, "user")), \(s.usersWithEscalation) with escalation, access lines \(up) escalation / \(down) reduction"
            + (level > 0 ? " / \(level) neutral" : "")
        if r.findingsEvaluated { text += "; \(counted(s.newFindings, "new finding"))" }
        if !s.topRisingUsers.isEmpty {
            text += "; access rises most for " + s.topRisingUsers.map { "\(quote($0.name)) (+\($0.score))" }.joined(separator: ", ")
        }
        return style.bold("Summary:") + " " + text + "."
    }
}

/// The first `limit` items joined, then how many more: `a; b; and 3 more`.
func cutList(_ items: [String], _ limit: Int, separator: String = "; ") -> String {
    items.count <= limit
        ? items.joined(separator: separator)
        : items.prefix(limit).joined(separator: separator) + "\(separator)and \(items.count - limit) more"
}
