import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Every screen at 80×24 and at 200×50, compared with the text in `__Snapshots__`.
@Suite("Screens")
struct ScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 200, height: 50)]

    /// A state driven by actions at a size.
    func state(_ size: Size, picker: Bool = false, _ actions: [Action]) -> AppState {
        var state = picker ? Fixture.pickerState(size: size) : Fixture.browserState(size: size)
        for action in actions { reduce(&state, action) }
        return state
    }

    func check(_ name: String, picker: Bool = false, _ actions: [Action], sourceLocation: SourceLocation = #_sourceLocation) {
        for size in Self.sizes {
            let s = state(size, picker: picker, actions)
            assertScreen(screen(s), named: "\(name)-\(size.width)x\(size.height)", sourceLocation: sourceLocation)
        }
    }

    @Test func environmentPicker() { check("environment-picker", picker: true, []) }
    @Test func browserUsers() { check("browser-users", [.cursorMoved(.down)]) }
    @Test func browserTeams() { check("browser-teams", [.paneChosen(.teams), .cursorMoved(.down), .cursorMoved(.down)]) }
    @Test func browserRoles() { check("browser-roles", [.paneChosen(.roles), .cursorMoved(.down)]) }
    @Test func browserBusinessUnits() { check("browser-business-units", [.paneChosen(.businessUnits), .cursorMoved(.down)]) }
    @Test func browserProfiles() { check("browser-profiles", [.paneChosen(.profiles)]) }
    @Test func browserTables() { check("browser-tables", [.paneChosen(.tables), .cursorMoved(.down), .cursorMoved(.down)]) }
    @Test func browserFiltered() { check("browser-filtered", [.filterStarted, .textTyped("a"), .textTyped("l")]) }
    @Test func roleEditor() { check("role-editor", [.commandEntered("role Salesperson"), .cursorMoved(.right), .levelRaised]) }
    /// At the 60×16 minimum every operation column fits, with short headers (Share was cut off).
    @Test func roleEditorAtTheMinimumSize() {
        let s = state(Size(width: 60, height: 16), [.commandEntered("role Salesperson"), .cursorMoved(.right)])
        assertScreen(screen(s), named: "role-editor-60x16")
        #expect(screen(s).lines.contains { $0.contains("Crt  Read Wrt  Del  App  ApTo Asgn Shr") })
    }
    @Test func roleEditorColumnScope() { check("role-editor-column", [.commandEntered("role Salesperson"), .cursorMoved(.up)]) }
    @Test func roleEditorMiscellaneous() {
        check("role-editor-misc", [.commandEntered("role Salesperson"), .paneCycled(forward: true)])
        // Its own help: the matrix's (rows, column headers, custom tables) is not true of this list.
        let text = screen(state(Size(width: 200, height: 50), [.commandEntered("role Salesperson"), .paneCycled(forward: true)]))
            .lines.joined(separator: "\n")
        #expect(text.contains("/ filters by any part of the name."))
        #expect(!text.contains("On the table name"))
        #expect(!text.contains("does not exist on the table"))
    }
    /// A selected header lost its label to its brackets ("[Dele…") where a column is 6 wide.
    @Test func aSelectedColumnHeaderKeepsItsWholeLabel() {
        let toDelete: [Action] = [.commandEntered("role Salesperson"), .cursorMoved(.up), .cursorMoved(.right), .cursorMoved(.right)]
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let s = state(size, toDelete)
            let buffer = screen(s)
            let header = buffer.lines[4]
            #expect(header.contains(" Delete ") && !header.contains("…") && !header.contains("["), "\(size): \(header)")
            // Marked by the selection style: reverse without colour.
            let x = header.distance(from: header.startIndex, to: header.range(of: "Delete")!.lowerBound)
            #expect(buffer.cell(atX: x, y: 4)?.style.attributes.contains(.reverse) == true, "\(size)")
        }
        // Where the brackets fit beside the label, they stay.
        #expect(screen(state(Size(width: 200, height: 50), toDelete)).lines[4].contains("[Delete]"))
    }
    @Test func roleEditorSystemAdministrator() { check("role-editor-sysadmin", [.commandEntered("role System")]) }
    @Test func effectiveAccess() { check("effective-access", [.commandEntered("user alex"), .selectionOpened]) }
    @Test func effectiveAccessDormant() { check("effective-access-dormant", [.commandEntered("user pradeep"), .cursorMoved(.right)]) }
    @Test func effectiveAccessColumns() { check("effective-access-columns", [.commandEntered("user alex"), .paneCycled(forward: true)]) }
    @Test func effectiveAccessMiscellaneous() {
        check("effective-access-misc", [.commandEntered("user alex"), .paneCycled(forward: true), .paneCycled(forward: true)])
    }
    /// A demo user (Lynne Robbins) with a privilege held only through a team, on the prvMailMerge row.
    @Test func effectiveAccessMiscellaneousOfADemoUser() {
        for size in Self.sizes {
            var s = MiscPrivilegeReducerTests.demoState(size: size)
            for action: Action in [
                .commandEntered("user Lynne"), .paneCycled(forward: true), .paneCycled(forward: true), .cursorMoved(.down),
                .cursorMoved(.down), .selectionOpened,
            ] { reduce(&s, action) }
            assertScreen(screen(s), named: "effective-access-misc-demo-\(size.width)x\(size.height)")
        }
    }
    @Test func effectiveAccessTeam() {
        check("effective-access-team", [.paneChosen(.teams), .cursorMoved(.down), .cursorMoved(.down), .selectionOpened])
    }
    @Test func whoCan() { check("who-can", [.commandEntered("who-can account delete")]) }
    @Test func pendingChanges() {
        check(
            "pending-changes",
            [
                .commandEntered("role Salesperson"), .levelRaised, .cursorMoved(.down), .levelChosen(.organization),
                .screenRequested(.pendingChanges),
            ])
    }
    @Test func profileEditor() { check("profile-editor", [.paneChosen(.profiles), .selectionOpened]) }
    /// At 60×16 the permission columns kept 44 cells for single glyphs and cut every name to 12
    /// ("activitypoi…"): the names now get the room, and a name still too long is written out
    /// whole in the footer, so it is clear which column Space changes.
    @Test func profileEditorAtTheMinimumSize() throws {
        var s = Fixture.browserState(size: Size(width: 60, height: 16))
        s.snapshot.environments[Fixture.prod]?.tables["activitypointer"] = Table(
            logicalName: "activitypointer", schemaName: "ActivityPointer", displayName: "Activity",
            columns: [
                Column(logicalName: "description", displayName: "Description", isSecured: true),
                Column(logicalName: "contoso_internal_review_notes", displayName: "Notes", isSecured: true),
            ])
        for action: Action in [.paneChosen(.profiles), .selectionOpened] { reduce(&s, action) }
        assertScreen(screen(s), named: "profile-editor-60x16")
        let lines = screen(s).lines
        #expect(lines.contains { $0.contains("│ activitypointer.description ") })
        let footer = try #require(lines.last { $0.hasPrefix("└") })
        #expect(footer.contains("activitypointer.contoso_internal_review_notes "), "\(footer)")
        // A name the column shows whole leaves the footer to its legend.
        reduce(&s, .cursorMoved(.down))
        #expect(screen(s).lines.contains { $0.hasPrefix("└─ Space toggles") })
    }
    @Test func environmentSettings() { check("environment-settings", [.screenRequested(.environmentSettings), .cursorMoved(.down)]) }
    @Test func help() { check("help", [.helpRequested]) }
    @Test func helpSearch() { check("help-search", [.helpRequested, .textTyped("s"), .textTyped("a"), .textTyped("v")]) }
    @Test func picker() { check("picker", [.cursorMoved(.down), .cursorMoved(.down), .roleAssignmentRequested]) }
    @Test func commandLine() { check("command-line", [.commandLineOpened, .textTyped("w"), .textTyped("h"), .completionRequested]) }
    @Test func quitDialog() {
        check("quit-dialog", [.cursorMoved(.down), .cursorMoved(.down), .userDisabledToggled, .quitRequested(force: false)])
    }
    @Test func recoveryDialog() {
        var s = Fixture.pickerState()
        s.dialog = .recoverJournal(
            JournalRecovery(
                path: "/tmp/.x.dvsec-journal", changes: [], editCount: 3,
                started: "2026-01-02T03:04:05Z", fileChangedSince: true))
        assertScreen(screen(s), named: "recovery-dialog-80x24")
    }

    @Test func newRoleNamePrompt() {
        check("new-role-prompt", [.paneChosen(.roles), .creationRequested] + "Auditor".map { .textTyped($0) })
    }
    @Test func renameTeamPrompt() {
        check("rename-team-prompt", [.paneChosen(.teams), .cursorMoved(.down), .cursorMoved(.down), .renameRequested])
    }
    @Test func deleteRoleQuestion() {
        check("delete-role-question", [.paneChosen(.roles), .cursorMoved(.down), .deletionRequested])
    }
    @Test func deletionRefusedByTheDomain() {
        check("delete-refused", [.paneChosen(.businessUnits), .deletionRequested])
    }

    @Test func errorMessageOnTheStatusLine() {
        check("status-error", [.commandEntered("role System"), .levelChosen(.user)])
    }

    @Test func diffAgainstABaseline() {
        // 60×16 too: the smallest terminal, where the summary's last counts take their short wording.
        for size in Self.sizes + [Size(width: 60, height: 16)] {
            var s = Fixture.browserState(size: size)
            _ = try? s.snapshot.apply(
                .setPrivilege(
                    environment: Fixture.prod, role: Fixture.salesperson, table: "account",
                    operation: .delete, level: .businessUnit))
            _ = try? s.snapshot.apply(.assignUserRole(environment: Fixture.prod, user: Fixture.diego, role: Fixture.sysadmin))
            s.baseline = Baseline(label: "fabrikam-base.json", snapshot: Fixture.snapshot)
            reduce(&s, .screenRequested(.diff))
            assertScreen(screen(s), named: "diff-\(size.width)x\(size.height)")
            reduce(&s, .selectionOpened)
            assertScreen(screen(s), named: "diff-entry-\(size.width)x\(size.height)")
        }
    }

    @Test func userComparison() {
        for size in Self.sizes {
            var s = Fixture.browserState(size: size)
            s.comparison = UserAccessComparison(environment: Fixture.production, left: Fixture.megan, right: Fixture.diego).map(
                Comparison.users)
            s.screens.append(.comparison)
            assertScreen(screen(s), named: "user-comparison-\(size.width)x\(size.height)")
            #expect(screen(s).lines.contains { $0.contains("Megan Bowen  vs  Diego Siciliani") })
            s.comparison = RoleComparison(environment: Fixture.production, left: Fixture.salesperson, right: Fixture.seller).map(
                Comparison.roles)
            assertScreen(screen(s), named: "role-comparison-\(size.width)x\(size.height)")
        }
    }

    @Test func findings() { check("findings", [.screenRequested(.findings)]) }

    /// One convention for list titles: "(N)" for the whole list, "(shown of N)" when narrowed.
    /// The misc-privilege list said "(2)" for 2 of 54 shown, and the diff's risk filter counted
    /// out of the narrowed result ("(0 of 0)") where its kind filter counted out of every change.
    @Test func listTitlesCountWhatIsShownOutOfTheWholeList() throws {
        var misc = state(Size(width: 80, height: 24), [.commandEntered("role Salesperson"), .paneCycled(forward: true)])
        let whole = try #require(misc.roleEditor?.miscellaneous.rows.count)
        #expect(screen(misc).lines.contains { $0.contains("Miscellaneous privileges (\(whole))") })
        for action: Action in [.filterStarted] + "bulk".map({ .textTyped($0) }) { reduce(&misc, action) }
        let shown = try #require(misc.roleEditor?.miscellaneous.rows.count)
        #expect(shown < whole)
        #expect(screen(misc).lines.contains { $0.contains("Miscellaneous privileges (\(shown) of \(whole))") })

        var diff = Fixture.browserState()
        _ = try? diff.snapshot.apply(
            .setPrivilege(environment: Fixture.prod, role: Fixture.salesperson, table: "account", operation: .delete, level: .businessUnit))
        _ = try? diff.snapshot.apply(.assignUserRole(environment: Fixture.prod, user: Fixture.diego, role: Fixture.sysadmin))
        diff.baseline = Baseline(label: "fabrikam-base.json", snapshot: Fixture.snapshot)
        reduce(&diff, .screenRequested(.diff))
        #expect(screen(diff).lines.contains { $0.contains("Changed objects (2) ") })
        // Both are escalations; then no reduction: out of the 2, not out of the 0 left.
        reduce(&diff, .diffRiskCycled)
        #expect(screen(diff).lines.contains { $0.contains("Changed objects (2 of 2) ") })
        reduce(&diff, .diffRiskCycled)
        #expect(diff.diff?.entries.rows.isEmpty == true)
        #expect(screen(diff).lines.contains { $0.contains("Changed objects (0 of 2) ") })
    }

    /// An environment with no teams said "No team matches", as if a filter hid them.
    @Test func anEmptyListSaysThereAreNoneUnlessAFilterIsOn() {
        var s = AppState(
            snapshot: Fixture.snapshot, document: Document(source: .file("/tmp/fabrikam.json"), isReadOnly: false),
            environmentId: Fixture.sandbox, size: Size(width: 80, height: 24))
        reduce(&s, .paneChosen(.teams))
        #expect(screen(s).lines.contains { $0.contains("No teams in this environment") })
        #expect(!screen(s).lines.contains { $0.contains("No team matches") })
        reduce(&s, .paneChosen(.users))
        for action: Action in [.filterStarted, .textTyped("z"), .textTyped("q")] { reduce(&s, action) }
        #expect(screen(s).lines.contains { $0.contains("No user matches") })
    }

    @Test func tooSmallTerminalSaysWhatItNeeds() {
        let s = Fixture.browserState(size: Size(width: 40, height: 10))
        assertScreen(screen(s), named: "too-small-40x10")
        #expect(screen(s).lines.contains { $0.contains("dvsec needs at least 60×16;") })
        #expect(screen(s).lines.contains { $0.contains("this terminal is 40×10.") })
    }

    @Test func asciiGlyphsWhenTheLocaleIsNotUTF8() {
        let s = state(Size(width: 80, height: 24), [.commandEntered("role Salesperson")])
        assertScreen(screen(s, glyphs: .ascii), named: "role-editor-ascii-80x24")
        #expect(screen(s, glyphs: .ascii).lines.joined().unicodeScalars.allSatisfy { $0.isASCII })
        let help = state(Size(width: 80, height: 24), [.helpRequested])
        #expect(screen(help, glyphs: .ascii).lines.joined().unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func namesWithEscapeSequencesAreShownEscaped() {
        let s = state(Size(width: 80, height: 24), [])
        let text = screen(s).lines.joined(separator: "\n")
        #expect(text.contains("Mallory \\e[31mRed"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func everySizeFromTinyToHugeRendersWithoutLeavingTheGrid() {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("user alex"))
        for width in stride(from: 1, through: 260, by: 37) {
            for height in stride(from: 1, through: 80, by: 13) {
                let size = Size(width: width, height: height)
                reduce(&state, .terminalResized(size))
                let buffer = screen(state)
                #expect(buffer.size == size)
            }
        }
    }

    @Test func monochromeUsesOnlyAttributes() {
        let s = state(Size(width: 80, height: 24), [.commandEntered("role Salesperson")])
        let buffer = screen(s)
        #expect(buffer.cells.allSatisfy { $0.style.foreground == .default && $0.style.background == .default })
        let colored = render(s, size: s.size, theme: .builtInDefault, glyphs: .unicode, colorEnabled: true)
        #expect(colored.cells.contains { $0.style.background != .default })
    }
}
