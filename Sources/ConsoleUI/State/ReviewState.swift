import SecurityModel

/// The snapshot `--baseline` named, to compare the open one with.
public struct Baseline: Hashable, Sendable {
    /// What the header shows (the file path).
    public var label: String
    public var snapshot: Snapshot
    /// Said over the changes while they are shown: the baseline looks like another organisation
    /// (``SnapshotDiff/organisationWarning(base:target:)``).
    public var warning: String?

    public init(label: String, snapshot: Snapshot, warning: String? = nil) {
        self.label = label
        self.snapshot = snapshot
        self.warning = warning
    }
}

/// The diff screen: what changed between the baseline and the open environment, escalations
/// first, narrowed by kind and by name.
public struct DiffState: Hashable, Sendable {
    /// What the screen shows: the comparison, narrowed to ``risk`` when one is chosen (nil when
    /// the baseline has no such environment).
    public var result: DiffResult? {
        didSet { positions = Self.positions(of: result) }
    }
    /// Where each entry is in ``result``: the screen looks one up for every row it draws.
    private var positions: [String: Int]
    /// The whole comparison of the open environment with its match in the baseline.
    public var full: DiffResult?
    /// Only lines of this risk class (`r` cycles); nil: every class.
    public var risk: RiskClass?
    /// ``AppState/modelGeneration`` the result was computed at.
    public var generation: Int
    /// Only entries of this kind (nil: every kind); Tab cycles.
    public var kind: DiffObjectKind?
    /// The changes that reach the most users first (`s`), instead of the result's order.
    public var byReach: Bool
    /// Entry ids (``DiffEntry/id``) shown, in the result's order (or by reach).
    public var entries: ListState
    /// The entry opened with Enter.
    public var openedEntry: String?
    /// The impacts the opened entry reaches, found once when it is opened (a change can reach
    /// thousands of the 100,000 impacts, and the screen is drawn on every key).
    public private(set) var openedImpacts: [UserImpact]
    /// `/` on the opened entry: its users narrowed by name or domain name (empty: all of them).
    public private(set) var usersFilter = ""
    /// ``openedImpacts`` narrowed by ``usersFilter``, kept rather than derived on each frame.
    public private(set) var shownImpacts: [UserImpact] = []
    /// On the opened entry, Tab moves `J`/`K` (and the cursor keys) between the users it reaches
    /// and its own lines; the panel not scrolled keeps its place here.
    public var linesFocused = false
    public var otherPanelScroll = 0
    /// Where the focused panel stood when Enter opened a user's effective access: Esc comes back
    /// to it.
    public var scrollOnReturn: Int?

    public init(result: DiffResult?, generation: Int) {
        self.result = result
        self.positions = Self.positions(of: result)
        self.full = result
        self.risk = nil
        self.generation = generation
        self.kind = nil
        self.byReach = false
        self.entries = ListState()
        self.openedEntry = nil
        self.openedImpacts = []
    }

    /// The entry with an id.
    public func entry(_ id: String) -> DiffEntry? { positions[id].flatMap { result?.entries[$0] } }

    private static func positions(of result: DiffResult?) -> [String: Int] {
        Dictionary((result?.entries ?? []).enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// The impacts an entry is behind: the users whose impact names it among its causes (the
    /// domain records which changed objects reach each user).
    ///
    /// Those whose lines the change itself moves come first; those it reaches only alongside
    /// another change that decides their lines (System Administrator granted too) come last.
    public func impacts(reachedBy id: String) -> [UserImpact] {
        guard let result, let entry = entry(id) else { return [] }
        let (moved, alongside) = result.impacts(reachedBy: entry, all: full?.entries)
        return moved + alongside
    }

    /// Opens an entry's users (``impacts(reachedBy:)``), narrowed by `filter`.
    public mutating func showOpened(_ impacts: [UserImpact], filter: String = "") {
        openedImpacts = impacts
        filterOpened(filter)
    }

    /// Narrows the opened entry's users to those whose name or domain name holds `filter`
    /// (any case): with 20,000 users reached, the one an admin asks about.
    public mutating func filterOpened(_ filter: String) {
        usersFilter = filter
        let needle = filter.lowercased()
        shownImpacts =
            needle.isEmpty
            ? openedImpacts : openedImpacts.filter { $0.name.lowercased().contains(needle) || $0.domainName.lowercased().contains(needle) }
    }

    /// Shows one risk class (nil: all): ``result`` is ``full`` narrowed by the domain's
    /// ``DiffFilter``, kept rather than derived on each frame.
    mutating func show(risk: RiskClass?) {
        self.risk = risk
        result = full.map { full in risk.map { DiffFilter(risks: [$0]).apply(to: full) } ?? full }
    }
}

/// Two users or two roles side by side (`v`), as the domain compares them.
public enum Comparison: Hashable, Sendable {
    case users(UserAccessComparison)
    case roles(RoleComparison)
}

/// The go-live findings of the open environment, errors first.
public struct FindingsState: Hashable, Sendable {
    public var findings: [Finding]
    public var generation: Int
    /// Indices into ``findings``, as strings, narrowed by the filter.
    public var list: ListState

    /// Findings the baseline did not have (``key(_:)``), when a baseline is loaded: marked new
    /// and listed first.
    public var newAgainstBaseline: Set<String> = []
    /// Findings the baseline had that are gone, when a baseline is loaded: listed last, as rows
    /// `r0`, `r1`, … (their places may no longer exist).
    public var resolvedAgainstBaseline: [Finding] = []

    /// The resolved finding of a row id `rN`.
    public func resolved(_ row: String) -> Finding? {
        guard row.hasPrefix("r"), let i = Int(row.dropFirst()), resolvedAgainstBaseline.indices.contains(i) else { return nil }
        return resolvedAgainstBaseline[i]
    }

    /// The checks running in the background for this state of the model (a large organisation:
    /// they took about 0.4 s on 100,000 users, keys unanswered); ``findings`` is empty meanwhile
    /// and the screen says "Checking…".
    public var checking: FindingsKey?

    public init(findings: [Finding], generation: Int) {
        self.findings = findings
        self.generation = generation
        self.list = ListState(rows: findings.indices.map(String.init))
    }

    /// The screen while the checks run in the background.
    public init(checking key: FindingsKey) {
        self.init(findings: [], generation: key.generation)
        checking = key
    }

    /// A finding by rule and place (ids), as the diff matches findings.
    public static func key(_ f: Finding) -> String { f.ruleId + "|" + f.place.key }
}

/// The go-live checks of one environment at one state of the model: what a background run
/// answers, its result dropped when the model has moved on.
public struct FindingsKey: Hashable, Sendable {
    public var environmentId: String
    public var generation: Int

    public init(environmentId: String, generation: Int) {
        self.environmentId = environmentId
        self.generation = generation
    }
}
