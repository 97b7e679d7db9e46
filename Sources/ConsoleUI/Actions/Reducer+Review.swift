import SecurityModel

extension AppState {
    /// `B`, `:diff`: the changes against the baseline, computed by the domain's diff. From a
    /// change's screen it goes back to the list (the change's screen is closed, not left below).
    mutating func openDiff() {
        guard baseline != nil else {
            status = .warning("No baseline to compare with: start dvsec with --baseline FILE")
            return
        }
        guard environment != nil else {
            status = .warning("Choose an environment first")
            return
        }
        refreshDiff()
        screens.removeAll { $0 == .diffEntry }
        push(.diff)
        if diff?.result == nil, let env = environment { status = .warning("The baseline has no environment matching \(env.name)") }
    }

    /// `--baseline`: compares with `baseline`, opening the changes at once when an environment is
    /// open (`-e`) and nothing is asked first; otherwise once an environment is chosen or the
    /// journal's recovery question is answered (README, The console). The status says which.
    public mutating func startComparing(with baseline: Baseline) {
        self.baseline = baseline
        let warning = baseline.warning.map { StatusMessage.warning("Baseline \(baseline.label): \($0)") }
        if environmentId != nil, dialog == nil {
            reduce(&self, .screenRequested(.diff))
            if let warning {
                status = warning
                logStatus(previous: nil)
            }
            return
        }
        showBaselineWhenEnvironmentChosen = true
        guard status == nil else { return }
        // Under the recovery question with -e, the environment is chosen already: it opened on
        // Browse saying "choose an environment" (found by a console review).
        status =
            warning
            ?? StatusMessage(
                environmentId == nil
                    ? "Baseline \(baseline.label) loaded: choose an environment to see the changes (B)"
                    : "Baseline \(baseline.label) loaded: the changes open once the journal question is answered")
        logStatus(previous: nil)
    }

    /// Opens the changes `--baseline` waited to show, once: when an environment is open and no
    /// question is asked.
    mutating func openWaitingBaseline() {
        guard showBaselineWhenEnvironmentChosen, baseline != nil, environmentId != nil, dialog == nil else { return }
        showBaselineWhenEnvironmentChosen = false
        requestScreen(.diff)
    }

    /// The diff again after the model changed, keeping how it is viewed (kind, order, filter,
    /// risk, the selected change, and the opened change while it still exists).
    mutating func refreshDiff() {
        guard let baseline, let env = environment else { return }
        if diff == nil || diff?.generation != modelGeneration {
            // Paired as `dvsec diff BASE TARGET` pairs them: id, name, type, the last one left.
            let base = SnapshotDiff.baseEnvironment(pairedWith: env.id, base: baseline.snapshot, target: snapshot)
            let result = base.map { SnapshotDiff.compare(base: $0, target: env) }
            var state = DiffState(result: result, generation: modelGeneration)
            state.kind = diff?.kind
            state.byReach = diff?.byReach ?? false
            state.entries.filter = diff?.entries.filter ?? ""
            state.show(risk: diff?.risk)
            let selected = diff?.entries.selectedId
            let opened = diff?.openedEntry
            let previous = diff
            diff = state
            refreshDiffRows()
            let height = visibleRows(on: .diff)
            if let selected, let row = diff?.entries.rows.firstIndex(of: selected) { diff?.entries.moveTo(row, height: height) }
            if let opened, let view = diff, view.entry(opened) != nil {
                diff?.openedEntry = opened
                diff?.showOpened(view.impacts(reachedBy: opened), filter: previous?.usersFilter ?? "")
            } else if screen == .diffEntry {
                screens.removeLast()
            }
        } else {
            refreshDiffRows()
        }
    }

    /// Entries shown: the result's order (escalations first), or the changes that reach the most
    /// users first (ties in the result's order), narrowed by kind and name.
    mutating func refreshDiffRows() {
        guard var view = diff else { return }
        let needle = view.entries.filter.lowercased()
        var shown = (view.result?.entries ?? [])
            .filter { view.kind == nil || $0.kind == view.kind }
            .filter { needle.isEmpty || ($0.name + " " + $0.kind.label).lowercased().contains(needle) }
        if view.byReach {
            shown = shown.enumerated()
                .sorted {
                    ($0.element.usersMoved ?? 0, $0.element.usersReached ?? 0, -$0.offset)
                        > ($1.element.usersMoved ?? 0, $1.element.usersReached ?? 0, -$1.offset)
                }
                .map(\.element)
        }
        let ids = shown.map(\.id)
        view.entries.replaceRows(ids, height: visibleRows(on: .diff))
        diff = view
    }

    /// Tab on the diff: the next kind of object (then all kinds again).
    mutating func cycleDiffKind(forward: Bool) {
        guard let result = diff?.result else { return }
        let kinds: [DiffObjectKind?] = [nil] + DiffObjectKind.allCases.filter { k in result.entries.contains { $0.kind == k } }
        let current = diff?.kind
        diff?.kind = kinds.cycling(from: current, forward: forward)
        refreshDiffRows()
    }

    /// `s` on the diff: the changes that reach the most users first, or the result's order again,
    /// from the top of the list.
    mutating func toggleDiffReachSort() {
        guard diff?.result != nil else { return }
        diff?.byReach.toggle()
        refreshDiffRows()
        // From the top: the changes that reach the most users are what `s` is pressed for.
        let height = visibleRows(on: .diff)
        diff?.entries.moveTo(0, height: height)
        status = StatusMessage(
            diff?.byReach == true ? "The changes that move the most users' access first (s: escalations first)" : "Escalations first")
    }

    /// `r` on the diff: only escalation lines, then reductions, then neutral ones, then all again
    /// (the domain's ``DiffFilter``, as `dvsec diff --risk`); the summary still counts everything.
    mutating func cycleDiffRisk() {
        guard var view = diff, view.full != nil else { return }
        view.show(risk: [nil, RiskClass.escalation, .reduction, .neutral].cycling(from: view.risk, forward: true))
        diff = view
        refreshDiffRows()
        status = StatusMessage(view.risk.map { "Only \($0.label) lines (r: next class)" } ?? "Every change, whatever its risk")
    }

    /// Enter on the diff: the entry's lines and the users it moves.
    mutating func openDiffEntry() {
        guard let id = diff?.entries.selectedId else { return }
        diff?.openedEntry = id
        let reached = diff?.impacts(reachedBy: id) ?? []
        diff?.showOpened(reached)
        diff?.linesFocused = false
        diff?.otherPanelScroll = 0
        push(.diffEntry)
    }

    /// Two users side by side, as the domain compares them.
    mutating func openUserComparison(_ left: String, with right: String) {
        guard let env = environment, let result = UserAccessComparison(environment: env, left: left, right: right) else { return }
        show(.users(result))
    }

    /// Two roles side by side, as the domain compares them.
    mutating func openRoleComparison(_ left: String, with right: String) {
        guard let env = environment, let result = RoleComparison(environment: env, left: left, right: right) else { return }
        show(.roles(result))
    }

    private mutating func show(_ result: Comparison) {
        if comparison.map({ !Self.sameSides($0, result) }) ?? true { comparisonTop = 0 }
        comparison = result
        if screen != .comparison { push(.comparison) }
    }

    private static func sameSides(_ a: Comparison, _ b: Comparison) -> Bool {
        switch (a, b) {
        case (.users(let x), .users(let y)): x.left.userId == y.left.userId && x.right.userId == y.right.userId
        case (.roles(let x), .roles(let y)): x.left.roleId == y.left.roleId && x.right.roleId == y.right.roleId
        default: false
        }
    }

    /// After an edit on the comparison screen: the same two users or roles, compared again (back
    /// to the previous screen when one of them is gone).
    mutating func refreshComparison() {
        switch comparison {
        case .users(let c)?:
            if environment?.users[c.left.userId] != nil, environment?.users[c.right.userId] != nil {
                openUserComparison(c.left.userId, with: c.right.userId)
            } else {
                closeComparison()
            }
        case .roles(let c)?:
            if environment?.roles[c.left.roleId] != nil, environment?.roles[c.right.roleId] != nil {
                openRoleComparison(c.left.roleId, with: c.right.roleId)
            } else {
                closeComparison()
            }
        case nil: break
        }
    }

    private mutating func closeComparison() {
        if screen == .comparison { screens.removeLast() }
        comparison = nil
    }

    /// `F`, `:findings`: the go-live checks of the environment; in a large organisation run in
    /// the background (about 0.4 s on 100,000 users, found by a scale review), the screen saying
    /// "Checking…" while keys are answered.
    mutating func openFindings() {
        guard let env = environment else {
            status = .warning("Choose an environment first")
            return
        }
        let key = FindingsKey(environmentId: env.id, generation: modelGeneration)
        if findings == nil || findings?.generation != modelGeneration {
            if env.users.count >= backgroundImpactUsers {
                findings = FindingsState(checking: key)
                requestedEffects.append(.checkFindings(key))
                push(.findings)
                refreshFindingRows()
                return
            }
            // In the CLI's order (severity, rule, place): `dvsec check` and F list them alike.
            // With the access index who-can keeps for this state of the model (built here if it
            // is not, and kept for who-can): on 100,000 users the index is about half of the
            // half second F took to open (found by a scale review).
            let all = GoLiveChecks.run(env, index: whoCan.index.index(of: env, generation: modelGeneration))
            showFindings(all, generation: modelGeneration)
            return
        }
        // Still being checked: the screen says so until they come.
        if findings?.checking != nil {
            push(.findings)
            return
        }
        markFindingsAgainstBaseline()
        push(.findings)
        refreshFindingRows()
    }

    /// Findings checked in the background: shown when they are still those of the model on
    /// display (an edit meanwhile asked for them again); the index they used is kept for who-can.
    mutating func findingsChecked(_ key: FindingsKey, _ all: [Finding], index: CachedIndex) {
        guard let env = environment, key.environmentId == env.id, key.generation == modelGeneration else { return }
        keepAccessIndex(index, of: env)
        guard findings?.checking == key else { return }
        let shown = screen == .findings
        showFindings(all, generation: key.generation, open: shown)
    }

    /// A fresh list of findings, on its first row (with a baseline, the first new finding); the
    /// screen pushed unless `open` is false (it came from the background after the user left).
    private mutating func showFindings(_ all: [Finding], generation: Int, open: Bool = true) {
        findings = FindingsState(findings: all, generation: generation)
        markFindingsAgainstBaseline()
        if open { push(.findings) }
        refreshFindingRows()
        // A new list opens on its first row: with a baseline, the first new finding. (Keeping
        // the selection put the cursor on the CLI's first finding, wherever the new ones had
        // moved it; found by a console review.)
        let height = visibleRows(on: .findings)
        findings?.list.moveTo(0, height: height)
    }

    /// With a baseline, the findings it did not have are marked new (as `dvsec diff` lists them).
    private mutating func markFindingsAgainstBaseline() {
        guard baseline != nil, environment != nil else { return }
        refreshDiff()
        findings?.newAgainstBaseline = Set((diff?.full?.newFindings ?? []).map(FindingsState.key))
        findings?.resolvedAgainstBaseline = diff?.full?.resolvedFindings ?? []
    }

    /// The findings narrowed by the filter: with a baseline, the new ones first (what a release
    /// reviewer looks for), then the others, then those resolved since the baseline; the filter
    /// also matches the words "new" and "resolved" those rows are marked with.
    mutating func refreshFindingRows() {
        guard var view = findings else { return }
        let needle = view.list.filter.lowercased()
        func matches(_ f: Finding, _ tag: String) -> Bool {
            needle.isEmpty
                || (tag + f.ruleId + " " + f.title + " " + f.message + " " + f.place.description).lowercased().contains(needle)
        }
        let isNew = view.findings.map { view.newAgainstBaseline.contains(FindingsState.key($0)) }
        let shown = view.findings.indices.filter { matches(view.findings[$0], isNew[$0] ? "new: " : "") }
        let rows =
            shown.filter { isNew[$0] }.map(String.init) + shown.filter { !isNew[$0] }.map(String.init)
            + view.resolvedAgainstBaseline.indices.filter { matches(view.resolvedAgainstBaseline[$0], "resolved: ") }.map { "r\($0)" }
        view.list.replaceRows(rows, height: visibleRows(on: .findings))
        findings = view
    }

    /// The effect of the unsaved changes on effective access, from the domain's live impact: at
    /// once in a small organisation, in the background (``Effect/computePendingImpact(_:)``) in a
    /// large one, so the console keeps answering keys.
    mutating func refreshPendingImpact() {
        refreshCombinedImpact()
        refreshSelectedChangeImpact()
    }

    /// The impact of every unsaved change together.
    private mutating func refreshCombinedImpact() {
        guard !history.unsaved.isEmpty else {
            pendingImpact = nil
            pendingImpactKey = nil
            pendingImpactComputing = nil
            return
        }
        guard screen == .pendingChanges else { return }
        // The same model and the same unsaved edits: the impact computed last time still holds.
        let key = PendingImpactKey(generation: modelGeneration, unsaved: history.unsaved.map(\.id))
        // (Also when it could not be computed: the same edits would fail the same way.)
        if pendingImpactKey == key { return }
        if pendingImpactComputing == key { return }
        if usersInEditedEnvironments >= backgroundImpactUsers {
            // What is on screen would describe other edits: the list says it is computing instead.
            pendingImpact = nil
            pendingImpactKey = nil
            pendingImpactComputing = key
            requestedEffects.append(.computePendingImpact(key))
            return
        }
        pendingImpactComputing = nil
        pendingImpactKey = key
        pendingImpact = Self.pendingImpact(of: history.unsaved, on: snapshot)
    }

    /// The impact of the change under the pending list's cursor on its own, from the domain's
    /// live impact of that change on the snapshot just before it. In a large organisation it is
    /// computed in the background after the combined impact (one computation runs at a time: a
    /// newer request stops the one running).
    mutating func refreshSelectedChangeImpact() {
        guard screen == .pendingChanges, history.unsaved.count > 1, let index = PendingChangesScreen.selectedIndex(self) else {
            if history.unsaved.count < 2 { selectedChangeImpact = nil }
            return
        }
        let key = PendingImpactKey(generation: modelGeneration, unsaved: history.unsaved.map(\.id), change: history.unsaved[index].id)
        if selectedChangeImpact?.key == key { return }
        if usersInEditedEnvironments >= backgroundImpactUsers {
            guard pendingImpactComputing == nil else {
                selectedChangeImpact = SelectedChangeImpact(key: key, status: .waiting)
                return
            }
            selectedChangeImpact = SelectedChangeImpact(key: key, status: .computing)
            requestedEffects.append(.computePendingImpact(key))
            return
        }
        selectedChangeImpact = SelectedChangeImpact(
            key: key, status: .done(Self.pendingImpact(ofChangeAt: index, of: history.unsaved, on: snapshot)))
    }

    /// The users of the environments the unsaved edits are in: those whose impact is computed.
    var usersInEditedEnvironments: Int {
        Set(history.unsaved.compactMap(\.change.environmentId)).reduce(0) { $0 + (snapshot.environments[$1]?.users.count ?? 0) }
    }

    /// The impact of `unsaved` (the last edits made to reach `snapshot`): takes them back on a
    /// copy, then asks the domain what making them again does. `nil` when one does not apply.
    /// Pure, so the effect runner calls it off the main loop.
    public static func pendingImpact(
        of unsaved: [EditHistory.Entry], on snapshot: Snapshot, cancellation: DiffCancellation? = nil
    ) -> SnapshotDiffResult? {
        var saved = snapshot
        for entry in unsaved.reversed() {
            guard (try? saved.apply(entry.inverse)) != nil else { return nil }
        }
        let result = try? SnapshotDiff.liveImpact(
            of: unsaved.map(\.change), on: saved, options: DiffOptions(runChecks: false, matchByName: false, cancellation: cancellation))
        // A cancelled comparison stopped part way: its result is not the impact.
        return cancellation?.isCancelled == true ? nil : result
    }

    /// The impact of the unsaved change at `index` on its own: takes back the edits from the
    /// last down to it on a copy, then asks the domain what making it again does. `nil` when one
    /// does not apply. Pure, so the effect runner calls it off the main loop.
    public static func pendingImpact(
        ofChangeAt index: Int, of unsaved: [EditHistory.Entry], on snapshot: Snapshot, cancellation: DiffCancellation? = nil
    ) -> SnapshotDiffResult? {
        guard unsaved.indices.contains(index) else { return nil }
        var before = snapshot
        for entry in unsaved[index...].reversed() {
            guard (try? before.apply(entry.inverse)) != nil else { return nil }
        }
        let result = try? SnapshotDiff.liveImpact(
            of: [unsaved[index].change], on: before,
            options: DiffOptions(runChecks: false, matchByName: false, cancellation: cancellation))
        return cancellation?.isCancelled == true ? nil : result
    }

    /// A background impact arrived: kept when it is for the edits still waiting for one (a
    /// result for edits since changed or undone is dropped; their own is on its way or not needed).
    /// Once the combined impact is in, the selected change's own is asked for.
    mutating func pendingImpactComputed(_ key: PendingImpactKey, _ result: SnapshotDiffResult?) {
        if key.change != nil {
            guard let selected = selectedChangeImpact, selected.key == key, selected.status == .computing else { return }
            selectedChangeImpact?.status = .done(result)
            return
        }
        guard pendingImpactComputing == key else { return }
        pendingImpactComputing = nil
        pendingImpactKey = key
        pendingImpact = result
        if let selected = selectedChangeImpact, selected.status == .waiting {
            selectedChangeImpact?.status = .computing
            requestedEffects.append(.computePendingImpact(selected.key))
        }
    }

    /// After an edit: the review screens on display follow the model.
    mutating func refreshReviews() {
        switch screen {
        case .diff, .diffEntry:
            refreshDiff()
        case .findings:
            openFindings()
        case .pendingChanges:
            refreshPendingImpact()
        case .comparison:
            refreshComparison()
        case .roleHolders:
            refreshRoleHolders()
        default:
            break
        }
    }
}

extension AppState {
    /// Enter on a change's screen: the effective access of the user at the top of its users
    /// panel (after `/`, the first match), as Enter on a who-can row or a finding opens it; Esc
    /// comes back to the change where it was (found by a console review: Enter did nothing).
    mutating func openDiffEntryUser() {
        guard let user = diffEntryTopUser() else {
            status = StatusMessage("No user to open: this change moves nobody's access")
            return
        }
        guard environment?.users[user.userId] != nil else {
            status = .warning("\(user.name) is not in \(environment?.name ?? "the environment") any more: nothing to open")
            return
        }
        diff?.scrollOnReturn = detailScroll
        detailScroll = 0
        openEffectiveAccess(.user(user.userId))
    }
}
