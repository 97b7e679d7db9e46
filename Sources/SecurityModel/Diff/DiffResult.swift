/// Which environment a side of a comparison is.
public struct EnvironmentReference: Hashable, Sendable {
    public var id: String
    public var name: String
    public var type: EnvironmentType

    public init(_ env: Environment) {
        id = env.id
        name = env.name
        type = env.type
    }
}

/// The outcome of comparing two environments: the changed objects, the access they move, the
/// go-live findings that appeared or disappeared, and a summary.
public struct DiffResult: Hashable, Sendable {
    public var base: EnvironmentReference
    public var target: EnvironmentReference
    /// Changed objects, escalations first.
    public var entries: [DiffEntry]
    /// Users whose effective access changes, escalations first, biggest rise first.
    public var impacts: [UserImpact]
    /// Findings present in the target but not in the base (empty when checks were not run).
    public var newFindings: [Finding]
    /// Findings present in the base but no longer in the target.
    public var resolvedFindings: [Finding]
    /// Whether go-live checks were run for this comparison.
    public var findingsEvaluated: Bool
    /// What the impact does not evaluate, stated with every result.
    public var notEvaluated: [String]
    /// Counts for the closing line (of the whole comparison, also when filtered).
    public var summary: DiffSummary
    /// How much a filtered result shows (``DiffFilter/apply(to:)-(DiffResult)``); `nil` when it shows everything.
    public var shown: DiffShown?
    /// New findings left out of ``newFindings`` because an accepted finding (a suppression)
    /// matches them.
    public var newFindingsSuppressed = 0

    public init(
        base: EnvironmentReference, target: EnvironmentReference, entries: [DiffEntry], impacts: [UserImpact],
        newFindings: [Finding] = [], resolvedFindings: [Finding] = [], findingsEvaluated: Bool = false,
        notEvaluated: [String] = DiffResult.defaultNotEvaluated
    ) {
        self.init(
            base: base, target: target, sortedEntries: DiffEntry.sorted(entries), impacts: impacts, newFindings: newFindings,
            resolvedFindings: resolvedFindings, findingsEvaluated: findingsEvaluated, notEvaluated: notEvaluated, summary: nil)
    }

    /// For entries already in display order (the diff sorts them before deriving the impact), and
    /// for a filtered view that keeps the whole comparison's `summary` (nil: counted here).
    init(
        base: EnvironmentReference, target: EnvironmentReference, sortedEntries: [DiffEntry], impacts: [UserImpact],
        newFindings: [Finding], resolvedFindings: [Finding], findingsEvaluated: Bool, notEvaluated: [String],
        summary: DiffSummary?
    ) {
        self.base = base
        self.target = target
        self.entries = sortedEntries
        self.impacts = UserImpact.sorted(consume impacts)
        self.newFindings = newFindings
        self.resolvedFindings = resolvedFindings
        self.findingsEvaluated = findingsEvaluated
        self.notEvaluated = notEvaluated
        self.summary = summary ?? DiffSummary(entries: self.entries, impacts: self.impacts, newFindings: newFindings.count)
    }

    /// No object differs (in the whole comparison, also when filtered).
    public var isIdentical: Bool { shown.map { $0.totalEntries == 0 } ?? entries.isEmpty }
    /// At least one entry or impact line is an escalation.
    public var hasEscalation: Bool {
        shown?.escalation ?? (entries.contains { $0.risk == .escalation } || impacts.contains { $0.risk == .escalation })
    }

    /// The impact on one user, if any.
    public func impact(ofUser id: String) -> UserImpact? { impacts.first { $0.userId == id } }
    /// The entry for one object, if it changed.
    public func entry(_ kind: DiffObjectKind, _ id: String) -> DiffEntry? {
        entries.first { $0.kind == kind && $0.objectId == id }
    }

    /// Stated with every result.
    public static let defaultNotEvaluated: [String] =
        NotEvaluated.forTablePrivileges.map(\.label) + [
            NotEvaluated.perRecordColumnSharing.label
        ]
}

/// Counts for the closing line of a plan.
public struct DiffSummary: Hashable, Sendable {
    /// Entries per kind and action.
    public var byKind: [DiffObjectKind: [DiffAction: Int]]
    public var added: Int
    public var removed: Int
    public var modified: Int
    public var renamed: Int
    /// Entries per risk class.
    public var entriesByRisk: [RiskClass: Int]
    /// Impact lines (table and column) per risk class.
    public var impactLinesByRisk: [RiskClass: Int]
    public var usersAffected: Int
    public var usersWithEscalation: Int
    /// Up to five users whose access rises the most, with their score.
    public var topRisingUsers: [RisingUser]
    public var newFindings: Int

    init(entries: [DiffEntry], impacts: [UserImpact], newFindings: Int) {
        var byKind: [DiffObjectKind: [DiffAction: Int]] = [:]
        var byRisk: [RiskClass: Int] = [:]
        for e in entries {
            byKind[e.kind, default: [:]][e.action, default: 0] += 1
            byRisk[e.risk, default: 0] += 1
        }
        self.byKind = byKind
        added = entries.count { $0.action == .added }
        removed = entries.count { $0.action == .removed }
        modified = entries.count { $0.action == .modified }
        renamed = entries.count { $0.action == .renamed }
        entriesByRisk = byRisk
        // Counted in an array (hundreds of thousands of lines), then kept only for classes that occur.
        var counts = [0, 0, 0]
        func slot(_ r: RiskClass) -> Int {
            switch r {
            case .escalation: 0
            case .reduction: 1
            case .neutral: 2
            }
        }
        impacts.withUnsafeBufferPointer { all in
            for i in all.indices {
                all[i].tableChanges.withUnsafeBufferPointer { lines in for l in lines.indices { counts[slot(lines[l].risk)] += 1 } }
                all[i].columnChanges.withUnsafeBufferPointer { lines in for l in lines.indices { counts[slot(lines[l].risk)] += 1 } }
                for m in all[i].miscChanges { counts[slot(m.risk)] += 1 }
            }
        }
        var lines: [RiskClass: Int] = [:]
        for r in RiskClass.allCases where counts[slot(r)] > 0 { lines[r] = counts[slot(r)] }
        impactLinesByRisk = lines
        usersAffected = impacts.count
        // By index: `impacts[k].field` reads in place, a `for i in impacts` loop copies each impact.
        usersWithEscalation = impacts.indices.count { impacts[$0].risk == .escalation }
        // The five highest scores (then name, id), kept while scanning: no sort of every impact.
        var top: [RisingUser] = []
        func before(_ a: RisingUser, _ b: RisingUser) -> Bool {
            a.score != b.score ? a.score > b.score : NameOrder.less((a.name, a.userId), (b.name, b.userId))
        }
        for k in impacts.indices where impacts[k].escalationScore > 0 {
            let score = impacts[k].escalationScore
            if top.count == 5, let last = top.last, score < last.score { continue }
            let candidate = RisingUser(name: impacts[k].name, userId: impacts[k].userId, score: score)
            guard top.count < 5 || before(candidate, top[top.count - 1]) else { continue }
            let at = top.firstIndex { before(candidate, $0) } ?? top.count
            top.insert(candidate, at: at)
            if top.count > 5 { top.removeLast() }
        }
        topRisingUsers = top
        self.newFindings = newFindings
    }

}

/// A user whose access rises, for the summary line.
public struct RisingUser: Hashable, Sendable {
    public var name: String
    public var userId: String
    /// See ``UserImpact/escalationScore``.
    public var score: Int
}

/// The outcome of comparing two snapshots: one ``DiffResult`` per matched environment, plus
/// environments present on one side only.
public struct SnapshotDiffResult: Hashable, Sendable {
    /// One result per matched pair of environments, production first.
    public var comparisons: [DiffResult]
    /// Environments added or removed (entries of kind ``DiffObjectKind/environment``).
    public var unmatchedEnvironments: [DiffEntry]
    /// For a narrowed view (``DiffFilter``): whether the whole comparison was identical and had an
    /// escalation, which ``isIdentical`` and ``hasEscalation`` keep saying (a filter is for
    /// reading, never for passing a gate).
    var whole: (identical: Bool, escalation: Bool)?
    /// For a narrowed view: every environment on one side only, shown or not.
    var wholeUnmatchedEnvironments: [DiffEntry]?

    /// Every environment on one side only, also in a narrowed view that leaves them out (for a
    /// closing line that never reads as "no changes" when the exit code says otherwise).
    public var oneSideEnvironments: [DiffEntry] { wholeUnmatchedEnvironments ?? unmatchedEnvironments }

    /// The environments on one side only that a narrowed view leaves out (none otherwise).
    public var oneSideEnvironmentsNotShown: [DiffEntry] {
        guard let whole = wholeUnmatchedEnvironments else { return [] }
        let shown = Set(unmatchedEnvironments.map(\.objectId))
        return whole.filter { !shown.contains($0.objectId) }
    }

    public init(comparisons: [DiffResult], unmatchedEnvironments: [DiffEntry]) {
        self.comparisons = comparisons
        self.unmatchedEnvironments = unmatchedEnvironments.sorted(by: DiffEntry.order)
    }

    /// No environment is on one side only and every comparison is identical (of the whole
    /// comparison, in a narrowed view too).
    public var isIdentical: Bool { whole?.identical ?? (unmatchedEnvironments.isEmpty && comparisons.allSatisfy(\.isIdentical)) }
    /// At least one escalation anywhere (of the whole comparison, in a narrowed view too).
    public var hasEscalation: Bool {
        whole?.escalation ?? (unmatchedEnvironments.contains { $0.risk == .escalation } || comparisons.contains(where: \.hasEscalation))
    }

    public static func == (a: SnapshotDiffResult, b: SnapshotDiffResult) -> Bool {
        a.comparisons == b.comparisons && a.unmatchedEnvironments == b.unmatchedEnvironments && a.whole?.identical == b.whole?.identical
            && a.whole?.escalation == b.whole?.escalation && a.wholeUnmatchedEnvironments == b.wholeUnmatchedEnvironments
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(comparisons)
        hasher.combine(unmatchedEnvironments)
        hasher.combine(whole?.identical)
        hasher.combine(whole?.escalation)
        hasher.combine(wholeUnmatchedEnvironments)
    }
}

extension DiffResult {
    /// The users a change reaches (its id is among their impact's ``UserImpact/causeEntries``):
    /// first those with a line it decides itself, then those it reaches only alongside another
    /// change that decides their lines. Their numbers are the entry's ``DiffEntry/usersMoved``
    /// and ``DiffEntry/usersReached``.
    ///
    /// `all` are the whole comparison's entries when this result is a narrowed view: a change's
    /// reach is read from all its lines (``DiffEntry/countUsersReached(_:impacts:all:)``).
    public func impacts(reachedBy entry: DiffEntry, all: [DiffEntry]? = nil) -> (moved: [UserImpact], alongside: [UserImpact]) {
        let whole = all ?? entries
        let byId = Dictionary(whole.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let mover = LineMover(byId[entry.id] ?? entry)
        var movers: [String: LineMover?] = [:]
        var moved: [UserImpact] = []
        var alongside: [UserImpact] = []
        for impact in impacts where impact.causeEntries.contains(entry.id) {
            if impact.isMoved(by: mover) {
                moved.append(impact)
                continue
            }
            // Moved all the same when no other cause claims a line either.
            if Self.anotherCauseClaims(impact, besides: entry.id, byId: byId, movers: &movers) {
                alongside.append(impact)
            } else {
                moved.append(impact)
            }
        }
        return (moved, alongside)
    }

    /// The lines of `impact` that `entry` moves (``UserImpact/lines(through:)``), or all of them
    /// when none of the user's causes claims a line (as ``impacts(reachedBy:all:)`` counts them).
    public func lines(of impact: UserImpact, through entry: DiffEntry, all: [DiffEntry]? = nil) -> (impact: UserImpact, otherLines: Int) {
        let whole = all ?? entries
        let byId = Dictionary(whole.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let full = byId[entry.id] ?? entry
        let own = impact.lines(through: full)
        let nothing = own.impact.tableChanges.isEmpty && own.impact.columnChanges.isEmpty && own.impact.miscChanges.isEmpty
        guard nothing else { return own }
        var movers: [String: LineMover?] = [:]
        return Self.anotherCauseClaims(impact, besides: entry.id, byId: byId, movers: &movers) ? own : (impact, 0)
    }

    /// Whether a cause of `impact` other than `entryId` decides one of its lines: when none does,
    /// the user counts as moved by each of their changes (the rule ``DiffEntry/countUsersReached(_:impacts:all:)``
    /// applies to every entry at once). `movers` keeps each entry's ``LineMover`` across users.
    static func anotherCauseClaims(
        _ impact: UserImpact, besides entryId: String, byId: [String: DiffEntry], movers: inout [String: LineMover?]
    ) -> Bool {
        impact.causeEntries.contains { id in
            guard id != entryId, let other = byId[id] else { return false }
            if movers[id] == nil { movers[id] = LineMover(other) }
            return impact.isMoved(by: movers[id] ?? nil)
        }
    }
}
