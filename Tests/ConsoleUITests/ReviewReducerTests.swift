import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

@Suite("Reducer: baseline diff, findings, live impact")
struct ReviewReducerTests {
    let e = Fixture.prod

    /// A browser on a snapshot where Salesperson gained Delete at Business Unit, against the fixture as baseline.
    func store() -> TestStore {
        var state = Fixture.browserState()
        _ = try? state.snapshot.apply(
            .setPrivilege(
                environment: e, role: Fixture.salesperson, table: "account", operation: .delete,
                level: .businessUnit))
        _ = try? state.snapshot.apply(.setUserDisabled(environment: e, user: Fixture.megan, disabled: true))
        state.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        return TestStore(state)
    }

    /// `B` on the store: the domain's comparison of the fixture with the edited snapshot, every entry listed.
    func openDiff(_ store: inout TestStore) -> DiffResult {
        let result = SnapshotDiff.compare(base: Fixture.production, target: store.state.environment!)
        store.send(.screenRequested(.diff)) {
            $0.screens = [.browser, .diff]
            var diff = DiffState(result: result, generation: 0)
            diff.entries.rows = result.entries.map(\.id)
            $0.diff = diff
        }
        return result
    }

    @Test func theDiffComesFromTheDomainEscalationsFirst() {
        var store = store()
        let result = openDiff(&store)
        #expect(result.entries.first?.risk == .escalation)
        #expect(result.entries.map(\.kind) == [.role, .user])
        store.send(.paneCycled(forward: true)) {
            $0.diff?.kind = .role
            $0.diff?.entries.rows = [result.entries[0].id]
        }
        store.send(.paneCycled(forward: true)) {
            $0.diff?.kind = .user
            $0.diff?.entries.rows = [result.entries[1].id]
        }
        store.send(.paneCycled(forward: true)) {
            $0.diff?.kind = nil
            $0.diff?.entries.rows = result.entries.map(\.id)
            $0.diff?.entries.cursor = 1
        }
        store.send(.selectionOpened) {
            $0.diff?.openedEntry = result.entries[1].id
            $0.diff?.showOpened(result.impacts.filter { $0.causeEntries.contains(result.entries[1].id) })
            $0.screens = [.browser, .diff, .diffEntry]
        }
        store.send(.backRequested) { $0.screens = [.browser, .diff] }
        store.send(.filterStarted) { $0.input = InputLine(purpose: .filter) }
        store.send(.textTyped("m")) {
            $0.input?.text = "m"
            $0.diff?.entries.filter = "m"
            $0.diff?.entries.rows = [result.entries[1].id]
            $0.diff?.entries.cursor = 0
        }
    }

    /// After Tab on a change's screen the status said "J/K scroll the change's lines" while the
    /// key-hint bar still said "scroll users": the bar follows the focused panel and names Tab.
    @Test func theKeyHintsFollowThePanelTabFocuses() {
        var store = store()
        _ = openDiff(&store)
        store.prepare(.selectionOpened)
        let before = screen(store.state, Size(width: 200, height: 40)).lines.joined(separator: "\n")
        #expect(before.contains("scroll users") && before.contains("the lines"), "\(before)")
        store.prepare(.paneCycled(forward: true))
        let after = screen(store.state, Size(width: 200, height: 40)).lines.joined(separator: "\n")
        #expect(after.contains("scroll lines") && after.contains("the users") && !after.contains("scroll users"), "\(after)")
    }

    /// B on a change's screen goes back to the list: the change's screen is closed, not left
    /// below the list with its change forgotten.
    @Test func bOnAChangeGoesBackToTheList() {
        var store = store()
        _ = openDiff(&store)
        store.prepare(.selectionOpened)
        #expect(store.state.screens == [.browser, .diff, .diffEntry])
        store.prepare(.screenRequested(.diff))
        #expect(store.state.screens == [.browser, .diff])
        store.prepare(.backRequested)
        #expect(store.state.screens == [.browser])
    }

    /// Tab on a change gives the scrolling keys to its lines and back, each panel keeping its
    /// place (J, K, PgDn only ever scrolled the users, and a long change's lines were cut).
    @Test func tabMovesScrollingBetweenTheUsersAndTheLines() {
        var store = store()
        store.prepare(.terminalResized(Size(width: 60, height: 16)))
        _ = openDiff(&store)
        store.prepare(.selectionOpened)
        store.prepare(.detailScrolled(2))
        let usersTop = store.state.detailScroll
        store.prepare(.paneCycled(forward: true))
        #expect(store.state.diff?.linesFocused == true && store.state.detailScroll == 0 && store.state.diff?.otherPanelScroll == usersTop)
        store.prepare(.paneCycled(forward: true))
        #expect(store.state.diff?.linesFocused == false && store.state.detailScroll == usersTop)
    }

    /// `J` on a change's users stops at their last line, so `K` moves them back at once.
    @Test func theUsersOfAChangeScrollNoFurtherThanTheirLastLine() {
        var store = store()
        store.prepare(.terminalResized(Size(width: 60, height: 16)))
        _ = openDiff(&store)
        store.prepare(.selectionOpened)
        #expect(store.state.screen == .diffEntry)
        let top = screen(store.state).lines
        for _ in 0..<40 { store.prepare(.detailScrolled(3)) }
        let end = store.state.detailScroll
        #expect(end > 0)
        let atEnd = screen(store.state).lines
        #expect(atEnd != top)
        #expect(atEnd.suffix(6).joined().contains("more line") == false)
        store.send(.detailScrolled(-1)) { $0.detailScroll = end - 1 }
        #expect(screen(store.state).lines != atEnd)
        // With no list on this screen, the cursor keys scroll the users too.
        store.send(.cursorMoved(.top)) { $0.detailScroll = 0 }
        store.send(.cursorMoved(.bottom)) { $0.detailScroll = end }
        store.send(.cursorMoved(.up)) { $0.detailScroll = end - 1 }
        store.send(.cursorMoved(.down)) { $0.detailScroll = end }
        store.send(.cursorMoved(.down))
    }

    /// A change's users: first those whose lines it moves, last those it reaches only alongside
    /// another change that decides their lines (here System Administrator, granted too).
    @Test func aChangesUsersWhoseLinesItMovesComeFirst() throws {
        let admin = try #require(Fixture.production.sortedUsers.first { $0.roleIds.contains(Fixture.salesperson) && !$0.isDisabled })
        var target = Fixture.production
        target.roles[Fixture.salesperson]?.privileges["account", default: .empty][.delete] = .organization
        target.users[admin.id]?.roleIds.insert(try #require(target.roles.values.first { $0.isSystemAdministrator }?.id))
        let result = SnapshotDiff.compare(base: Fixture.production, target: target)
        let role = try #require(result.entries.first { $0.kind == .role && $0.objectId == Fixture.salesperson })
        let view = DiffState(result: result, generation: 0)
        let reached = view.impacts(reachedBy: role.id)
        #expect(Set(reached.map(\.userId)) == Set(result.impacts.filter { $0.causeEntries.contains(role.id) }.map(\.userId)))
        #expect(reached.count >= 2)
        #expect(reached.last?.userId == admin.id)
        #expect(reached.first?.userId != admin.id)
    }

    /// `s` lists the changes that reach the most users first (ties in the result's order), from
    /// the top, and back; the counts are the domain's.
    @Test func sListsTheChangesThatReachTheMostUsersFirst() throws {
        var store = store()
        // Seller (held through Sales EU) reads every lead, and Sales EU gains two members: Seller's
        // change then reaches four users, more than Salesperson's, which is listed before it.
        for change in [
            Change.setPrivilege(environment: e, role: Fixture.seller, table: "lead", operation: .read, level: .organization),
            .addTeamMember(environment: e, team: Fixture.salesTeam, user: Fixture.megan),
            .addTeamMember(environment: e, team: Fixture.salesTeam, user: Fixture.mallory),
        ] {
            store.modify { _ = try? $0.snapshot.apply(change) }
        }
        let result = openDiff(&store)
        #expect(KeyMap.action(for: .char("s"), in: store.state) == .diffReachSortToggled)
        store.send(.diffReachSortToggled) {
            $0.diff?.byReach = true
            let position = Dictionary(uniqueKeysWithValues: result.entries.enumerated().map { ($0.element.id, $0.offset) })
            $0.diff?.entries.rows = result.entries.map(\.id).sorted { a, b in
                let ea = result.entries[position[a]!]
                let eb = result.entries[position[b]!]
                let ra = (ea.usersMoved ?? 0, ea.usersReached ?? 0)
                let rb = (eb.usersMoved ?? 0, eb.usersReached ?? 0)
                return ra != rb ? ra > rb : position[a]! < position[b]!
            }
            // From the top of the list: the change that moves the most users' access.
            $0.diff?.entries.cursor = 0
            $0.status = StatusMessage("The changes that move the most users' access first (s: escalations first)")
        }
        let rows = try #require(store.state.diff?.entries.rows)
        let reach = rows.compactMap { id in result.entries.first { $0.id == id }?.usersMoved }
        #expect(reach.count == result.entries.count && reach == reach.sorted(by: >))
        #expect(rows != result.entries.map(\.id), "the order changed")
        #expect(rows.first == "role:" + Fixture.seller)
        #expect(reach.first == result.entries.compactMap(\.usersReached).max())
        store.send(.diffReachSortToggled) {
            $0.diff?.byReach = false
            $0.diff?.entries.rows = result.entries.map(\.id)
            $0.diff?.entries.cursor = 0
            $0.status = StatusMessage("Escalations first")
        }
    }

    /// `r` narrows the diff to one risk class with the domain's filter (as `dvsec diff --risk`),
    /// the drill-down follows it, and the summary keeps counting everything.
    @Test func rShowsOneRiskClassAtATime() {
        var store = store()
        let result = openDiff(&store)
        #expect(KeyMap.action(for: .char("r"), in: store.state) == .diffRiskCycled)
        // r cycles escalation, reduction, neutral, then every class again.
        for risk in [RiskClass.escalation, .reduction, .neutral, nil] {
            let shown = risk.map { DiffFilter(risks: [$0]).apply(to: result) } ?? result
            store.send(.diffRiskCycled) {
                $0.diff?.risk = risk
                $0.diff?.result = shown
                $0.diff?.entries.rows = shown.entries.map(\.id)
                $0.status = StatusMessage(risk.map { "Only \($0.label) lines (r: next class)" } ?? "Every change, whatever its risk")
            }
            #expect(shown.summary == result.summary)
            switch risk {
            case .escalation: #expect(shown.entries.map(\.kind) == [.role])
            case .reduction:
                #expect(shown.entries.map(\.kind) == [.user])
                // The drill-down opens the filtered entry.
                store.send(.selectionOpened) {
                    $0.diff?.openedEntry = shown.entries[0].id
                    $0.diff?.showOpened(shown.impacts.filter { $0.causeEntries.contains(shown.entries[0].id) })
                    $0.screens = [.browser, .diff, .diffEntry]
                    $0.status = nil
                }
                store.send(.backRequested) { $0.screens = [.browser, .diff] }
            default: break
            }
        }
    }

    @Test func withoutABaselineTheDiffSaysHowToGetOne() {
        var store = TestStore(Fixture.browserState())
        store.send(.commandEntered("diff")) { $0.status = .warning("No baseline to compare with: start dvsec with --baseline FILE") }
    }

    @Test func findingsComeFromTheGoLiveChecks() {
        var store = TestStore(Fixture.browserState())
        // In the CLI's order: severity, rule, place.
        let findings = GoLiveChecks.run(Fixture.production).sorted {
            ($0.severity, $0.ruleId, $0.place) < ($1.severity, $1.ruleId, $1.place)
        }
        store.send(.screenRequested(.findings)) {
            $0.screens = [.browser, .findings]
            $0.findings = FindingsState(findings: findings, generation: 0)
        }
        #expect(!findings.isEmpty)
        store.send(.cursorMoved(.down)) { $0.findings?.list.cursor = 1 }
    }

    /// Found by a review: a change's users showed 6 lines each, then "… 2 more" that nothing
    /// could open (here Assign and Share), while the README says the first 40 are in full.
    @Test func aChangesUsersAreShownInFull() throws {
        var edited = Fixture.browserState(size: Size(width: 200, height: 60))
        for op in TableOperation.allCases {
            _ = try? edited.snapshot.apply(
                .setPrivilege(environment: e, role: Fixture.salesperson, table: "account", operation: op, level: .organization))
        }
        edited.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        var store = TestStore(edited)
        store.prepare(.screenRequested(.diff))
        store.prepare(.selectionOpened)
        #expect(store.state.screen == .diffEntry)
        let text = screen(store.state).lines.joined(separator: "\n")
        #expect(text.contains("account Share") && text.contains("account Assign"), "\(text)")
        #expect(!text.contains("more\n") && !text.contains(" more "))
    }

    /// Found by a review: Enter on a team, table or business unit finding showed it in the browser,
    /// and Esc then said "q quits" instead of coming back to the findings as it does from a role.
    @Test func escComesBackToTheFindingsFromTheBrowser() throws {
        var store = TestStore(Fixture.browserState())
        store.prepare(.screenRequested(.findings))
        let rows = try #require(store.state.findings?.findings)
        let inBrowser = try #require(
            rows.firstIndex {
                switch $0.place.target {
                case .team, .table, .businessUnit: true
                default: false
                }
            })
        store.prepare(.cursorMoved(.top))
        for _ in 0..<inBrowser { store.prepare(.cursorMoved(.down)) }
        store.prepare(.selectionOpened)
        #expect(store.state.screens == [.browser, .findings, .browser])
        store.prepare(.backRequested)
        #expect(store.state.screens == [.browser, .findings])
    }

    /// Found by a review: Enter on AP5 "Share granted broadly" (Sales Manager, in the demo)
    /// opened the role editor on account Read; it lands on the Share cell of the first table the
    /// finding names, which the domain's place carries.
    @Test func aFindingOnARolesShareOpensTheEditorOnShare() throws {
        var store = TestStore(MiscPrivilegeReducerTests.demoState(size: Size(width: 120, height: 40)))
        store.prepare(.screenRequested(.findings))
        let rows = try #require(store.state.findings?.findings)
        let index = try #require(rows.firstIndex { $0.ruleId == "AP5" && $0.place.path.hasPrefix("role/") })
        let finding = rows[index]
        #expect(finding.place.operation == .share)
        let table = try #require(finding.place.table)
        #expect(finding.message.contains(table))
        store.prepare(.cursorMoved(.top))
        for _ in 0..<index { store.prepare(.cursorMoved(.down)) }
        store.prepare(.selectionOpened)
        #expect(store.state.screen == .roleEditor)
        #expect(store.state.roleEditor?.operation == .share)
        #expect(store.state.roleEditor?.tables.selectedId == table)
    }

    /// A finding's fix and a change's lines can be longer than their panel at 80×24: J scrolls
    /// them to their last line, and the panel says so while lines are hidden.
    @Test func findingsAndChangeLinesScrollWithJ() {
        var store = TestStore(Fixture.browserState(size: Size(width: 60, height: 16)))
        store.prepare(.screenRequested(.findings))
        #expect(screen(store.state).lines.contains { $0.contains("more lines (J scrolls)") })
        for _ in 0..<20 { store.prepare(.detailScrolled(3)) }
        #expect(store.state.detailScroll > 0)
        #expect(!screen(store.state).lines.contains { $0.contains("more line") })
        // Salesperson changes every operation on account: more lines than the panel shows.
        var edited = Fixture.browserState(size: Size(width: 60, height: 16))
        for op in TableOperation.allCases {
            _ = try? edited.snapshot.apply(
                .setPrivilege(environment: e, role: Fixture.salesperson, table: "account", operation: op, level: .organization))
        }
        edited.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        var diff = TestStore(edited)
        diff.prepare(.screenRequested(.diff))
        #expect(screen(diff.state).lines.contains { $0.contains("more lines (J scrolls)") })
        let top = screen(diff.state).lines
        diff.prepare(.detailScrolled(3))
        #expect(diff.state.detailScroll > 0)
        #expect(screen(diff.state).lines != top)
    }

    @Test func pendingChangesShowTheirImpactAndFollowEdits() {
        var store = TestStore(Fixture.browserState())
        let raise = Change.setPrivilege(
            environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .businessUnit)
        store.modify { $0.expectEdit(raise, summary: "Salesperson: Delete on account: User → Business Unit") }
        store.send(.screenRequested(.pendingChanges)) {
            $0.screens = [.browser, .pendingChanges]
            $0.status = nil
            $0.pendingImpact = try? SnapshotDiff.liveImpact(of: [raise], on: Fixture.snapshot)
            $0.pendingImpactKey = PendingImpactKey(generation: $0.modelGeneration, unsaved: $0.history.unsaved.map(\.id))
        }
        let impacts = store.state.pendingImpact?.comparisons.flatMap(\.impacts) ?? []
        // Alex holds Salesperson and is active; Pradeep holds it but is disabled (dormant).
        #expect(impacts.map(\.userId).contains(Fixture.alex))
        #expect(impacts.first { $0.userId == Fixture.alex }?.risk == .escalation)
        let entry = store.state.history.unsaved[0]
        store.send(
            .revertRequested, effects: [.appendJournalRecord(.revert(index: 0, change: entry.change, applied: entry.inverse))]
        ) {
            let before = $0.history
            let redo = try! $0.snapshot.apply(entry.inverse)
            $0.history.unsaved = []
            $0.history.done = [
                EditHistory.Entry(
                    id: before.nextId, change: .compound([entry.inverse]), inverse: .compound([redo]),
                    summary: "Revert: Salesperson: Delete on account: User → Business Unit",
                    revert: EditHistory.RevertLists(doneBefore: before.done, unsavedBefore: before.unsaved, doneAfter: [], unsavedAfter: [])
                )
            ]
            $0.history.nextId += 1
            $0.modelGeneration += 1
            $0.pendingList.rows = []
            $0.pendingImpact = nil
            $0.pendingImpactKey = nil
            $0.status = StatusMessage("Reverted: Salesperson: Delete on account: User → Business Unit (u puts it back)")
        }
    }

    /// The impact is kept when the list closes: coming back with the same edits shows it without
    /// computing it again; an edit in between computes it anew.
    @Test func thePendingImpactIsKeptForComingBack() {
        var store = TestStore(Fixture.browserState())
        let raise = Change.setPrivilege(
            environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .businessUnit)
        store.modify { $0.expectEdit(raise, summary: "Salesperson: Delete on account: User → Business Unit") }
        store.prepare(.screenRequested(.pendingChanges))
        let first = store.state.pendingImpactKey
        #expect(first != nil && store.state.pendingImpact != nil)
        store.prepare(.backRequested)
        #expect(store.state.screen == .browser && store.state.pendingImpactKey == first && store.state.pendingImpact != nil)
        store.prepare(.screenRequested(.pendingChanges))
        #expect(store.state.pendingImpactKey == first)
        // Another edit: a new key, and an impact with both changes.
        store.prepare(.backRequested)
        let assign = Change.assignUserRole(environment: e, user: Fixture.diego, role: Fixture.seller)
        store.modify { $0.expectEdit(assign, summary: "Diego Siciliani: assigned role Seller") }
        store.prepare(.screenRequested(.pendingChanges))
        #expect(store.state.pendingImpactKey != first)
        #expect(store.state.pendingImpact == (try? SnapshotDiff.liveImpact(of: [raise, assign], on: Fixture.snapshot)))
    }

    /// In a large organisation the impact is asked of the effect runner: the list says it is
    /// computing, asking again does not start a second computation, a result for edits that moved
    /// on is dropped, and the one for the current edits is shown.
    @Test func aLargeOrganisationsPendingImpactIsComputedInTheBackground() {
        var store = TestStore(Fixture.browserState())
        store.modify { $0.backgroundImpactUsers = 0 }
        let raise = Change.setPrivilege(
            environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .businessUnit)
        store.modify { $0.expectEdit(raise, summary: "Salesperson: Delete on account: User → Business Unit") }
        let key = PendingImpactKey(generation: store.state.modelGeneration, unsaved: store.state.history.unsaved.map(\.id))
        store.send(.screenRequested(.pendingChanges), effects: [.computePendingImpact(key)]) {
            $0.screens = [.browser, .pendingChanges]
            $0.status = nil
            $0.pendingImpactComputing = key
        }
        let users = Fixture.snapshot.environments[e]!.users.count
        #expect(screen(store.state).lines.contains { $0.contains("Computing the impact on the access of \(users) users…") })
        // Back and forth while it computes: no second request.
        store.prepare(.backRequested)
        store.send(.screenRequested(.pendingChanges)) {
            $0.screens = [.browser, .pendingChanges]
        }
        // What the runner computes off the loop is the domain's live impact of the edits.
        let result = AppState.pendingImpact(of: store.state.history.unsaved, on: store.state.snapshot)
        #expect(result != nil && result == (try? SnapshotDiff.liveImpact(of: [raise], on: Fixture.snapshot)))
        store.send(.pendingImpactComputed(PendingImpactKey(generation: key.generation - 1, unsaved: []), nil))
        store.send(.pendingImpactComputed(key, result)) {
            $0.pendingImpactComputing = nil
            $0.pendingImpactKey = key
            $0.pendingImpact = result
        }
        let lines = screen(store.state).lines
        #expect(!lines.contains { $0.contains("Computing") })
        #expect(lines.contains { $0.contains("1 user affected") || $0.contains("users affected") })
        // Undoing every edit: nothing is due any more, and a late result is dropped.
        store.modify { $0.pendingImpactComputing = key }
        store.prepare(.undoRequested)
        #expect(store.state.pendingImpactComputing == nil && store.state.pendingImpact == nil)
        store.send(.pendingImpactComputed(key, result))
    }
}
