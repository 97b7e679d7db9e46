/// A narrower view of a diff for review: only some risk classes, some users, some tables. A diff
/// of a 100,000-user organisation can move the access of 90,000 people; the reviewer who asks
/// "what rises?", "what changes for Adele?" or "who gains on `account`?" reads a filtered view.
///
/// A filter changes what is shown, never what is counted: the filtered result keeps the whole
/// comparison's summary and says how much it shows (``DiffShown``), and `dvsec diff` sets its exit
/// code from the whole comparison.
public struct DiffFilter: Hashable, Sendable {
    /// Only lines of these classes (empty: every class).
    public var risks: Set<RiskClass>
    /// Only these users: id, domain name or full name, compared without case (empty: everyone).
    public var users: [String]
    /// Ids the ``users`` were found under, matched as well (a user named by domain name still
    /// finds their own entry, which carries only the id and name); not shown.
    public var userIds: Set<String>
    /// Only these tables, by logical name, compared without case (empty: every table).
    public var tables: [String]
    /// At most this many changed objects and this many users' impacts, in the order shown
    /// (escalations first, the users whose access rises most first): a change review that fits a
    /// pull-request comment. `nil`: all.
    public var limit: Int?

    public init(
        risks: Set<RiskClass> = [], users: [String] = [], userIds: Set<String> = [], tables: [String] = [], limit: Int? = nil
    ) {
        self.risks = risks
        self.users = users
        self.userIds = userIds
        self.tables = tables
        self.limit = limit
    }

    /// Whether the filter lets everything through.
    public var isEmpty: Bool { risks.isEmpty && users.isEmpty && userIds.isEmpty && tables.isEmpty && limit == nil }

    /// `--risk escalation --table account --user adele@contoso.com`, as the command line spells it.
    public var description: String {
        var parts: [String] = []
        for r in RiskClass.allCases where risks.contains(r) { parts.append("--risk \(r.rawValue)") }
        func quoted(_ s: String) -> String { s.contains(" ") ? "\"\(s)\"" : s }
        for t in tables { parts.append("--table \(quoted(t))") }
        for u in users { parts.append("--user \(quoted(u))") }
        if let limit { parts.append("--limit \(limit)") }
        return parts.joined(separator: " ")
    }

    /// The comparison narrowed to what the filter lets through:
    /// - **Objects:** with a user filter, only those users' own entries and the entries that reach
    ///   them (their impacts' ``UserImpact/causeEntries``); with a table filter, only lines about those
    ///   tables (privileges, columns, column permissions) and the tables' own entries; with a risk
    ///   filter, only lines of those classes. An entry left without lines is left out.
    /// - **Impact:** only the users named, and of their lines only those on the tables and of the
    ///   classes asked for (miscellaneous privileges belong to no table: a table filter leaves
    ///   them out). A user left without lines is left out.
    /// - **Findings** are kept: they are few, and a reviewer must see them whatever the question.
    public func apply(to result: DiffResult) -> DiffResult {
        guard !isEmpty else { return result }
        let userKeys = Set(users.map { $0.lowercased() } + userIds.map { $0.lowercased() })
        let tableKeys = Set(tables.map { $0.lowercased() })
        func riskPasses(_ r: RiskClass) -> Bool { risks.isEmpty || risks.contains(r) }
        func tablePasses(_ t: String?) -> Bool { tableKeys.isEmpty || t.map { tableKeys.contains($0.lowercased()) } == true }

        var impacts: [UserImpact] = []
        var matchedUserIds = Set<String>()
        var reachingEntries = Set<String>()
        for i in result.impacts.indices {
            let impact = result.impacts[i]
            if !userKeys.isEmpty {
                let keys = [impact.userId, impact.domainName, impact.name].map { $0.lowercased() }
                guard keys.contains(where: userKeys.contains) else { continue }
                matchedUserIds.insert(impact.userId)
                reachingEntries.formUnion(impact.causeEntries)
            }
            let tableLines = impact.tableChanges.filter { riskPasses($0.risk) && tablePasses($0.table) }
            let columnLines = impact.columnChanges.filter { riskPasses($0.risk) && tablePasses($0.column.table) }
            let miscLines = tableKeys.isEmpty ? impact.miscChanges.filter { riskPasses($0.risk) } : []
            let linesFiltered = !risks.isEmpty || !tableKeys.isEmpty
            let dormancyChanged = impact.oldDormancy != impact.newDormancy
            if tableLines.isEmpty && columnLines.isEmpty && miscLines.isEmpty && (linesFiltered || !dormancyChanged) { continue }
            impacts.append(
                UserImpact(
                    userId: impact.userId, name: impact.name, domainName: impact.domainName, causes: impact.causes,
                    causeEntries: impact.causeEntries,
                    tableChanges: tableLines, columnChanges: columnLines, miscChanges: miscLines,
                    oldDormancy: impact.oldDormancy, newDormancy: impact.newDormancy))
        }

        var entries: [DiffEntry] = []
        for e in result.entries {
            if !userKeys.isEmpty {
                let own =
                    e.kind == .user
                    && (matchedUserIds.contains(e.objectId) || userKeys.contains(e.objectId.lowercased())
                        || userKeys.contains(e.name.lowercased()))
                guard own || reachingEntries.contains(e.id) else { continue }
            }
            let wholeTable = e.kind == .table && tablePasses(e.objectId)
            let lines = e.lines.filter { line in
                riskPasses(line.risk) && (tableKeys.isEmpty || wholeTable || tablePasses(line.table ?? line.column?.table))
            }
            guard !lines.isEmpty else { continue }
            // The action and the base name stay as compared: a rename is still one when its name
            // line is filtered out.
            entries.append(
                DiffEntry(
                    kind: e.kind, objectId: e.objectId, baseObjectId: e.baseObjectId, name: e.name, renamedFrom: e.renamedFrom,
                    action: e.action, lines: lines))
        }
        // Each change's reach among the users shown, so that it agrees with the users its
        // drill-down lists (the summary line keeps the whole comparison's counts).
        if result.entries.contains(where: { $0.usersReached != nil }) {
            DiffEntry.countUsersReached(&entries, impacts: impacts, all: result.entries)
        }

        // Re-sorted: a narrowed entry's risk is that of the lines left. The summary stays the whole
        // comparison's. A limit keeps the first objects and users in that order (each object's
        // reach is still counted among every user the other filters let through).
        var sortedEntries = DiffEntry.sorted(entries)
        var escalationsLeftOut = 0
        if let limit, sortedEntries.count > limit {
            // The escalations first, and of them those that grant System Administrator or System
            // Customizer, then those that raise the most users; shown in the usual order (a
            // go-live review found the first N by kind and name: a role that raised no one kept,
            // System Administrator granted to a user cut).
            let ordered = sortedEntries.enumerated().sorted { a, b in
                DiffEntry.leftOutLast(a.element, b.element) || (!DiffEntry.leftOutLast(b.element, a.element) && a.offset < b.offset)
            }
            let chosen = Set(ordered.prefix(max(0, limit)).map(\.element.id))
            escalationsLeftOut = sortedEntries.filter { $0.risk == .escalation && !chosen.contains($0.id) }.count
            sortedEntries = sortedEntries.filter { chosen.contains($0.id) }
        }
        if let limit, impacts.count > limit { impacts = Array(UserImpact.sorted(impacts).prefix(max(0, limit))) }
        // A limit alone that cuts nothing shows the whole comparison: no "Shown: 5 of 5".
        if risks.isEmpty && userKeys.isEmpty && tableKeys.isEmpty && sortedEntries.count == result.entries.count
            && impacts.count == result.impacts.count && result.shown == nil
        {
            return result
        }
        entries = sortedEntries
        var narrowed = DiffResult(
            base: result.base, target: result.target, sortedEntries: sortedEntries, impacts: impacts,
            newFindings: result.newFindings, resolvedFindings: result.resolvedFindings,
            findingsEvaluated: result.findingsEvaluated, notEvaluated: result.notEvaluated, summary: result.summary)
        narrowed.newFindingsSuppressed = result.newFindingsSuppressed
        narrowed.shown = DiffShown(
            filter: self, entries: entries.count, totalEntries: result.shown?.totalEntries ?? result.entries.count,
            users: impacts.count, totalUsers: result.shown?.totalUsers ?? result.impacts.count,
            escalation: result.hasEscalation)
        narrowed.shown?.escalationsLeftOut = escalationsLeftOut
        return narrowed
    }

    /// Every comparison of a snapshot diff narrowed; environments on one side only are kept
    /// unless users or tables are asked for.
    public func apply(to result: SnapshotDiffResult) -> SnapshotDiffResult {
        guard !isEmpty else { return result }
        let unmatched =
            users.isEmpty && tables.isEmpty
            ? Array(result.unmatchedEnvironments.filter { risks.isEmpty || risks.contains($0.risk) }.prefix(limit ?? Int.max)) : []
        var narrowed = SnapshotDiffResult(comparisons: result.comparisons.map { apply(to: $0) }, unmatchedEnvironments: unmatched)
        narrowed.whole = (result.isIdentical, result.hasEscalation)
        narrowed.wholeUnmatchedEnvironments = result.oneSideEnvironments
        return narrowed
    }
}

/// How much of a comparison a filtered result shows.
public struct DiffShown: Hashable, Sendable {
    public var filter: DiffFilter
    /// Changed objects shown, of all the comparison's.
    public var entries: Int
    public var totalEntries: Int
    /// Users whose impact is shown, of all whose access changes.
    public var users: Int
    public var totalUsers: Int
    /// Whether the whole comparison has an escalation (what the exit code says).
    public var escalation: Bool
    /// Escalating objects `--limit` left out (said, so a review does not read the list as all).
    public var escalationsLeftOut = 0

    /// `Shown (--risk escalation): 12 of 1,744 changed objects, 820 of 91,389 users whose access
    /// changes. The summary counts the whole comparison.`
    public var description: String {
        "Shown (\(filter.description)): \(entries) of \(totalEntries) changed objects, \(users) of \(totalUsers) users whose access changes."
            + (escalationsLeftOut > 0
                ? " \(escalationsLeftOut) more escalating object\(escalationsLeftOut == 1 ? " is" : "s are") not shown." : "")
            + " The summary counts the whole comparison."
    }
}

extension DiffEntry {
    /// The order `--limit` keeps objects in: escalations, then reductions, then neutral changes;
    /// among escalations those granting System Administrator or System Customizer first, then
    /// by the users they raise, then by the users they move; then the usual order.
    static func leftOutLast(_ a: DiffEntry, _ b: DiffEntry) -> Bool {
        func rank(_ e: DiffEntry) -> Int { e.risk == .escalation ? 0 : e.risk == .reduction ? 1 : 2 }
        func administrator(_ e: DiffEntry) -> Bool {
            e.lines.contains { $0.reasons.contains(.systemAdministratorGranted) || $0.reasons.contains(.systemCustomizerGranted) }
        }
        if rank(a) != rank(b) { return rank(a) < rank(b) }
        if administrator(a) != administrator(b) { return administrator(a) }
        let (ra, rb) = (a.usersRaised ?? 0, b.usersRaised ?? 0)
        if ra != rb { return ra > rb }
        let (ma, mb) = (a.usersMoved ?? a.usersReached ?? 0, b.usersMoved ?? b.usersReached ?? 0)
        if ma != mb { return ma > mb }
        return false
    }
}
