import Dispatch

/// What a comparison computes beyond the object diff.
public struct DiffOptions: Hashable, Sendable {
    /// Compute the change in effective access per touched user.
    public var computeImpact: Bool
    /// Name the winning grant (role, team) of every changed cell; costs one engine call per cell.
    public var explainPaths: Bool
    /// Run the go-live checks on both sides and report findings that are new against the base.
    public var runChecks: Bool
    /// Thresholds for the checks.
    public var checkOptions: CheckOptions
    /// Match objects whose ids differ by path, name, domain name or role template. Off for an
    /// environment compared with an edited copy of itself.
    public var matchByName: Bool
    /// Stops the comparison early when cancelled (its result is then incomplete).
    public var cancellation: DiffCancellation?
    /// Accepted findings (`dvsec check --suppressions`): a new finding one of them matches is not
    /// listed as new, only counted (``DiffResult/newFindingsSuppressed``).
    public var suppressions: [Suppression]

    public init(
        computeImpact: Bool = true, explainPaths: Bool = true, runChecks: Bool = true,
        checkOptions: CheckOptions = CheckOptions(), matchByName: Bool = true, cancellation: DiffCancellation? = nil,
        suppressions: [Suppression] = []
    ) {
        self.computeImpact = computeImpact
        self.explainPaths = explainPaths
        self.runChecks = runChecks
        self.checkOptions = checkOptions
        self.matchByName = matchByName
        self.cancellation = cancellation
        self.suppressions = suppressions
    }

    var isCancelled: Bool { cancellation?.isCancelled ?? false }
}

/// The go-live review: compares a target (what is about to ship) with a base (the last production
/// snapshot, or another environment), like `terraform plan` with the effect on people.
public enum SnapshotDiff {
    /// Compares two environments: changed objects, the effective access they move per user, and the
    /// go-live findings new against the base.
    public static func compare(base: Environment, target: Environment, options: DiffOptions = DiffOptions()) -> DiffResult {
        compare(base: base, target: target, scope: .everything, options: options)
    }

    /// Compares two environments, looking only at the objects in `scope`.
    public static func compare(base: Environment, target: Environment, scope: DiffScope, options: DiffOptions) -> DiffResult {
        let mapping = options.matchByName ? EntityMatcher.match(base: base, target: target) : IdMapping()
        let b = base.remapped(mapping)
        // Independent pieces on the cores: the users' entries (in two halves), every other entry,
        // and (when the impact is wanted) each side's index, ready when the entries are known.
        let comparer = EnvironmentComparer(base: b, target: target, mapping: mapping, scope: scope, cancellation: options.cancellation)
        var before: [DiffEntry] = []
        var users: [DiffEntry] = []
        var moreUsers: [DiffEntry] = []
        var after: [DiffEntry] = []
        var baseIndex: PrincipalIndex?
        var targetIndex: PrincipalIndex?
        var jobs: [() -> Void] = []
        if options.computeImpact {
            jobs.append { baseIndex = PrincipalIndex(b) }
            jobs.append { targetIndex = PrincipalIndex(target) }
        }
        jobs.append { users = comparer.userEntries(share: 0, of: 2) }
        jobs.append { moreUsers = comparer.userEntries(share: 1, of: 2) }
        jobs.append {
            before = [.settings, .businessUnits, .roles, .profiles, .tables, .teams].flatMap(comparer.entries(of:))
            after = comparer.entries(of: .entraGroups)
        }
        runConcurrently(jobs)
        // In display order, so that each user's causes are listed in the order of the entries
        // (the comparer walks dictionaries, whose order changes from one run to the next).
        var entries = DiffEntry.sorted(before + users + moreUsers + after)
        var impacts: [UserImpact] = []
        var indexes: (PrincipalIndex, PrincipalIndex)?
        if options.computeImpact && !entries.isEmpty && !options.isCancelled {
            let pb = baseIndex ?? PrincipalIndex(b)
            let pt = targetIndex ?? PrincipalIndex(target)
            indexes = (pb, pt)
            // (Cancelled while the indexes were built: no touches, no impact.)
            if !options.isCancelled {
                let touches = ImpactTouches(entries: entries, base: pb, target: pt)
                impacts = ImpactAnalysis(
                    base: pb, target: pt, touches: touches, explainPaths: options.explainPaths, cancellation: options.cancellation
                ).impacts()
                if entries.contains(where: { $0.isTreeMove || $0.isScopeMove || $0.isModernizedSwitch }) {
                    DiffEntry.classifyMoves(&entries, impacts: impacts, base: b, target: target)
                    entries = DiffEntry.sorted(entries)
                }
                DiffEntry.countUsersReached(&entries, impacts: impacts)
            }
        }
        var newFindings: [Finding] = []
        var resolved: [Finding] = []
        // Identical models have identical findings: nothing new, nothing resolved.
        if options.runChecks && !entries.isEmpty && !options.isCancelled {
            // The two sides' checks are independent: one core each.
            var fb: [Finding] = []
            var ft: [Finding] = []
            runConcurrently([
                {
                    fb =
                        indexes.map { GoLiveChecks.run(b, index: $0.0.access, options: options.checkOptions) }
                        ?? GoLiveChecks.run(b, options: options.checkOptions)
                },
                {
                    ft =
                        indexes.map { GoLiveChecks.run(target, index: $0.1.access, options: options.checkOptions) }
                        ?? GoLiveChecks.run(target, options: options.checkOptions)
                },
            ])
            let keysB = Set(fb.map(\.baselineKey))
            let keysT = Set(ft.map(\.baselineKey))
            newFindings = ft.filter { !keysB.contains($0.baselineKey) }
            resolved = fb.filter { !keysT.contains($0.baselineKey) }
        }
        let unsuppressed = newFindings.filter { f in !options.suppressions.contains { $0.matches(f) } }
        var result = DiffResult(
            base: EnvironmentReference(base), target: EnvironmentReference(target), sortedEntries: entries,
            impacts: impacts, newFindings: unsuppressed, resolvedFindings: resolved,
            findingsEvaluated: options.runChecks, notEvaluated: DiffResult.defaultNotEvaluated, summary: nil)
        result.newFindingsSuppressed = newFindings.count - unsuppressed.count
        return result
    }

    /// Compares two snapshots: environments match by id, then by name, then by type when only one
    /// of that type is left on each side, and finally the last one left on each side.
    public static func compare(base: Snapshot, target: Snapshot, options: DiffOptions = DiffOptions()) -> SnapshotDiffResult {
        let pairs = matchEnvironments(base: base, target: target)
        var comparisons: [DiffResult] = []
        var unmatched: [DiffEntry] = []
        for (b, t) in pairs {
            switch (b, t) {
            case (let b?, let t?): comparisons.append(compare(base: b, target: t, options: options))
            case (let b?, nil): unmatched.append(environmentEntry(b, added: false))
            case (nil, let t?): unmatched.append(environmentEntry(t, added: true))
            default: break
            }
        }
        // Production first, then by name, like everywhere else.
        let order = Dictionary(target.sortedEnvironments.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        comparisons.sort { (order[$0.target.id] ?? 0) < (order[$1.target.id] ?? 0) }
        return SnapshotDiffResult(comparisons: comparisons, unmatchedEnvironments: unmatched)
    }

    /// The base environment `dvsec diff BASE TARGET` pairs with the target's environment `id`
    /// (by id, then name, then type, then the last one left), so the console's `--baseline`
    /// compares what the CLI compares; `nil` when it pairs with none.
    public static func baseEnvironment(pairedWith id: String, base: Snapshot, target: Snapshot) -> Environment? {
        matchEnvironments(base: base, target: target).first { $0.1?.id == id }?.0
    }

    static func matchEnvironments(base: Snapshot, target: Snapshot) -> [(Environment?, Environment?)] {
        var pairs: [(Environment?, Environment?)] = []
        var restB = base.environments
        var restT = target.environments
        for id in restT.keys.sorted() where restB[id] != nil {
            pairs.append((restB.removeValue(forKey: id), restT.removeValue(forKey: id)))
        }
        for key in [{ (e: Environment) in e.name.lowercased() }, { (e: Environment) in e.type.rawValue }] {
            let byB = Dictionary(grouping: restB.values, by: key)
            let byT = Dictionary(grouping: restT.values, by: key)
            for (k, bs) in byB.sorted(by: { $0.key < $1.key }) where bs.count == 1 {
                guard let ts = byT[k], ts.count == 1 else { continue }
                pairs.append((restB.removeValue(forKey: bs[0].id), restT.removeValue(forKey: ts[0].id)))
            }
        }
        // One environment left on each side (a production snapshot against a sandbox snapshot).
        if restB.count == 1, restT.count == 1, let b = restB.values.first, let t = restT.values.first {
            pairs.append((b, t))
            return pairs
        }
        for b in restB.values.sorted(by: { $0.id < $1.id }) { pairs.append((b, nil)) }
        for t in restT.values.sorted(by: { $0.id < $1.id }) { pairs.append((nil, t)) }
        return pairs
    }

    static func environmentEntry(_ env: Environment, added: Bool) -> DiffEntry {
        let lines = FactDiff.lines(base: added ? nil : env.settingsFacts(), target: added ? env.settingsFacts() : nil) { _, _, _ in
            (.neutral, [])
        }
        // A whole environment gained or lost: its enabled users gain or lose everything they hold
        // there (an escalation, or a reduction, when there are any).
        let enabled = env.users.values.reduce(0) { $0 + ($1.isDisabled ? 0 : 1) }
        let counts =
            "\(counted(env.users.count, "user")) (\(enabled) enabled), \(counted(env.roles.count, "role")), "
            + counted(env.teams.count, "team")
        let risk: RiskClass = enabled == 0 ? .neutral : added ? .escalation : .reduction
        var all = lines
        all.append(
            DiffLine(
                field: .id, old: added ? nil : env.id, new: added ? env.id : nil, risk: risk,
                reasons: risk == .escalation ? [.environmentAdded] : [], note: counts))
        return DiffEntry(kind: .environment, objectId: env.id, name: env.name, action: added ? .added : .removed, lines: all)
    }
}

extension SnapshotDiff {
    /// A warning when two snapshots look like two organisations: other tenant names and no
    /// environment in common. Their environments are then paired by name or type and reported as
    /// renames, and every object differs: most likely the wrong baseline file. `nil` otherwise (a
    /// production snapshot against a sandbox one of the same tenant is a comparison dvsec makes).
    public static func organisationWarning(base: Snapshot, target: Snapshot) -> String? {
        let tb = base.tenant.trimmingCharacters(in: .whitespaces)
        let tt = target.tenant.trimmingCharacters(in: .whitespaces)
        guard !tb.isEmpty, !tt.isEmpty, tb.lowercased() != tt.lowercased(),
            Set(base.environments.keys).isDisjoint(with: target.environments.keys)
        else { return nil }
        return "the base is organisation '\(printable(tb))' and the target '\(printable(tt))', with no environment in common: "
            + "environments are paired by name or type, and every object compared by name (is it the right baseline?)"
    }
}

/// Runs independent pieces of work on the processor's cores (the first ones first) and waits for
/// all of them. Each job writes only its own results.
func runConcurrently(_ jobs: [() -> Void]) {
    jobs.withUnsafeBufferPointer { buffer in
        nonisolated(unsafe) let work = buffer
        DispatchQueue.concurrentPerform(iterations: work.count) { work[$0]() }
    }
}
