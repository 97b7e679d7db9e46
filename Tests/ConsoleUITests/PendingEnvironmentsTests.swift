import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// Found by a review: with edits in production and in a sandbox, the pending list named no
/// environment, its impact added both up, and `u` in the sandbox undid a production edit without
/// saying where.
@Suite struct PendingEnvironmentsTests {
    @Test func editsInSeveralEnvironmentsNameTheirEnvironment() throws {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        _ = state.applyEdit(.assignUserRole(environment: Fixture.prod, user: Fixture.megan, role: Fixture.salesperson))
        reduce(&state, .commandEntered("env sandbox"))
        _ = state.applyEdit(.setUserDisabled(environment: Fixture.sandbox, user: Fixture.adele, disabled: true))
        reduce(&state, .commandEntered("pending"))
        let lines = screen(state).lines
        #expect(lines.contains { $0.contains("Pending changes (2 unsaved in 2 environments)") })
        #expect(lines.contains { $0.contains("PROD Fabrikam Production") && $0.contains("Megan") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Fabrikam Sandbox") && $0.contains("Adele Vance: disabled") })
        // The impact, one block per environment.
        #expect(lines.contains { $0.contains("PROD Fabrikam Production") && !$0.contains("Megan") })
        reduce(&state, .undoRequested)
        #expect(state.status?.text == "Undone: Adele Vance: disabled")
        reduce(&state, .undoRequested)
        #expect(state.status?.text.hasSuffix("(in Fabrikam Production, PROD)") == true, "\(state.status?.text ?? "")")
    }

    /// Every pending edit in production while the sandbox is open: the rows name production (the
    /// list looked like the sandbox's, under a sandbox title).
    @Test func editsOnlyInAnotherEnvironmentNameIt() throws {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        _ = state.applyEdit(.assignUserRole(environment: Fixture.prod, user: Fixture.megan, role: Fixture.salesperson))
        reduce(&state, .commandEntered("env sandbox"))
        reduce(&state, .commandEntered("pending"))
        let lines = screen(state).lines
        #expect(lines.contains { $0.contains("Pending changes (1 unsaved)") })
        #expect(lines.contains { $0.contains("PROD Fabrikam Production") && $0.contains("Megan") }, "\(lines.joined(separator: "\n"))")
    }
}

/// Found by a review: with `--baseline` on a snapshot of several environments, choosing one
/// opened the browser, while the README says the console opens on the changes once an
/// environment is chosen.
@Suite struct BaselineOnEnvironmentChoiceTests {
    @Test func choosingAnEnvironmentOpensTheChangesOnce() {
        var state = Fixture.pickerState()
        var baseline = Fixture.snapshot
        _ = try? baseline.apply(.removeUserRole(environment: Fixture.prod, user: Fixture.alex, role: Fixture.salesperson))
        state.baseline = Baseline(label: "old.json", snapshot: baseline)
        state.showBaselineWhenEnvironmentChosen = true
        let prod = state.environments.rows.firstIndex(of: Fixture.prod) ?? 0
        for _ in 0..<prod { reduce(&state, .cursorMoved(.down)) }
        reduce(&state, .selectionOpened)
        #expect(state.screen == .diff && state.diff != nil)
        // Only the first time: choosing again opens the browser as usual.
        reduce(&state, .screenRequested(.environmentPicker))
        let sandbox = state.environments.rows.firstIndex(of: Fixture.sandbox) ?? 0
        reduce(&state, .cursorMoved(.top))
        for _ in 0..<sandbox { reduce(&state, .cursorMoved(.down)) }
        reduce(&state, .selectionOpened)
        #expect(state.screen == .browser)
    }
}

/// Found by a review: the environment list cut "United States" to "United St…" beside a hundred
/// empty columns.
@Suite struct EnvironmentListWidthTests {
    @Test func theRegionIsShownWholeWhenThereIsRoom() {
        let state = AppState(snapshot: DemoOrganisation.snapshot, document: Document(source: .demo), size: Size(width: 140, height: 30))
        let text = screen(state).lines.joined(separator: "\n")
        #expect(text.contains("United States") && !text.contains("United St…"), "\(text)")
    }
}

/// Found by a review: with --baseline, neither the changes screen nor F said which findings are
/// new against the baseline, as `dvsec diff` does.
@Suite struct NewFindingsAgainstTheBaselineTests {
    @Test func theChangesSayHowManyAndFMarksThem() throws {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        state.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        // A role nobody holds is a finding the baseline does not have.
        reduce(&state, .paneChosen(.roles))
        reduce(&state, .commandEntered("new role Zeta"))
        reduce(&state, .screenRequested(.diff))
        let result = try #require(state.diff?.full)
        #expect(result.findingsEvaluated && !result.newFindings.isEmpty)
        #expect(screen(state).lines.contains { $0.contains("\(result.newFindings.count) new finding") })
        reduce(&state, .screenRequested(.findings))
        let marked = try #require(state.findings?.newAgainstBaseline)
        #expect(marked == Set(result.newFindings.map(FindingsState.key)))
        let lines = screen(state).lines
        #expect(lines.contains { $0.contains("new against the baseline") })
        #expect(lines.contains { $0.contains("new: ") && $0.contains("Zeta") }, "\(lines.joined(separator: "\n"))")
    }

    /// Found by a console review: with --baseline, `F` listed the new finding first but opened
    /// with the cursor on row 2: the row the CLI's order had first, wherever it was moved to.
    @Test func fOpensOnTheFirstRowTheNewFinding() throws {
        var state = Fixture.browserState()
        state.baseline = Baseline(label: "base.json", snapshot: Fixture.snapshot)
        reduce(&state, .paneChosen(.roles))
        reduce(&state, .commandEntered("new role Zeta"))
        reduce(&state, .screenRequested(.findings))
        let view = try #require(state.findings)
        #expect(view.list.cursor == 0)
        let selected = try #require(view.list.selectedId.flatMap(Int.init).map { view.findings[$0] })
        #expect(view.newAgainstBaseline.contains(FindingsState.key(selected)), "\(selected)")
        let rows = screen(state).lines
        let cursorRow = try #require(rows.first { $0.contains("→") })
        #expect(cursorRow.contains("new: "), "\(rows.joined(separator: "\n"))")
        // Back from the place it names, the cursor is where it was left.
        reduce(&state, .cursorMoved(.down))
        reduce(&state, .selectionOpened)
        reduce(&state, .backRequested)
        #expect(state.screen == .findings)
        #expect(state.findings?.list.cursor == 1)
    }

    /// Found by a console review: among thousands of findings the new ones were not first,
    /// `/new` found none, and the resolved ones the diff counts were nowhere. New ones come
    /// first, resolved ones last, and the filter matches both words.
    @Test func newFindingsComeFirstResolvedOnesLastAndTheFilterFindsThem() throws {
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        // The baseline has a role nobody holds (a finding); the snapshot deletes it and adds
        // another one nobody holds.
        var base = Fixture.snapshot
        base.environments[Fixture.prod]?.roles["role-old"] = SecurityRole(id: "role-old", name: "Omega", businessUnitId: Fixture.root)
        state.baseline = Baseline(label: "base.json", snapshot: base)
        reduce(&state, .paneChosen(.roles))
        reduce(&state, .commandEntered("new role Zeta"))
        reduce(&state, .screenRequested(.findings))
        let view = try #require(state.findings)
        let rows = view.list.rows
        let first = try #require(rows.first.flatMap(Int.init).map { view.findings[$0] })
        #expect(view.newAgainstBaseline.contains(FindingsState.key(first)), "a new finding first: \(first)")
        let last = try #require(rows.last.flatMap(view.resolved))
        #expect(last.message.contains("Omega"), "\(last)")
        #expect(screen(state).lines.contains { $0.contains("resolved: ") })
        reduce(&state, .filterStarted)
        for ch in "resolved" { reduce(&state, .textTyped(ch)) }
        #expect(state.findings?.list.rows.allSatisfy { $0.hasPrefix("r") } == true && state.findings?.list.rows.isEmpty == false)
        reduce(&state, .inputCancelled)
        reduce(&state, .filterStarted)
        for ch in "new:" { reduce(&state, .textTyped(ch)) }
        let newRows = state.findings?.list.rows ?? []
        #expect(
            !newRows.isEmpty
                && newRows.allSatisfy { Int($0).map { view.newAgainstBaseline.contains(FindingsState.key(view.findings[$0])) } ?? false })
    }
}
