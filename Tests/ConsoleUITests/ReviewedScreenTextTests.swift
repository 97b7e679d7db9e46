import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Texts a tmux review of the console at 120×40 on the demo organisation found cut or wrong,
/// asserted as the user reads them.
@Suite("Texts found by a review")
struct ReviewedScreenTextTests {
    static let review = Size(width: 120, height: 40)

    func demo(_ size: Size = review, _ actions: [Action]) -> AppState {
        var state = MiscPrivilegeReducerTests.demoState(size: size)
        for action in actions { reduce(&state, action) }
        return state
    }

    func text(_ state: AppState) -> [String] { screen(state).lines }

    /// Who can (table mode): a dormant user's row ended "System Administrato…" and lost its
    /// "(dormant)" at 120 and 200 columns; it is said before the path now, as column mode does.
    @Test func aDormantUserIsSaidSoInWhoCanTableMode() {
        for size in [Self.review, Size(width: 200, height: 50)] {
            let rows = text(demo(size, [.commandEntered("who-can account delete global")]))
            let tobias = rows.first { $0.contains("Tobias Keller") }
            #expect(tobias?.contains("dormant") == true, "\(size): \(tobias ?? "no row")")
            #expect(tobias?.contains("● Organization") == true, "\(size): \(tobias ?? "no row")")
        }
    }

    /// The demo's effective access of `user`, the why of `operation` on `table` open.
    func why(_ user: String, _ table: String, _ operation: TableOperation, _ size: Size = review) -> AppState {
        var state = demo(size, [.commandEntered("user \(user)")])
        let row = state.effective?.tables.rows.firstIndex(of: table) ?? 0
        state.effective?.tables.cursor = row
        state.effective?.column = operation.rawValue - 1
        reduce(&state, .cursorMoved(.right))
        reduce(&state, .selectionOpened)
        return state
    }

    /// Access mode Read: the why of Write marked the Auditor's Organization grant "→" as the
    /// winner of an effective None. The domain says the grants do not apply; none is marked.
    @Test func aGrantThatDoesNotApplyIsNotTheWinner() {
        let joined = text(why("Jordan", "account", .write)).joined(separator: "\n")
        #expect(joined.contains("Grants, highest first (none applies)"))
        #expect(joined.contains("(not applied: access mode Read"))
        #expect(!joined.contains("→ ●"), "\(joined)")
        // Read applies: its grant is the winner as before.
        let read = text(why("Jordan", "account", .read)).joined(separator: "\n")
        #expect(read.contains("→ ● Organization"))
        #expect(!read.contains("not applied"))
    }

    /// The why of a `·` cell (Share on the organization-owned contoso_region) said "No role
    /// grants this privilege", as if a role could.
    @Test func theWhyOfAMissingPrivilegeSaysItDoesNotExist() {
        let panel = text(why("Jordan", "contoso_region", .share)).joined(separator: "\n")
        #expect(panel.contains("Share does not exist on"))
        #expect(!panel.contains("No role grants this privilege"))
    }

    /// The why of a `·` cell (Sanjay Shah, access mode Read, Share on the organization-owned
    /// competitor) added notes about Organization levels and access mode Read to the statement
    /// that Share does not exist there. It says only that now.
    @Test func theWhyOfAMissingPrivilegeSaysOnlyThat() {
        let state = why("Sanjay", "competitor", .share)
        #expect(state.effective?.why != nil)
        let panel = text(state).joined(separator: "\n")
        #expect(panel.contains("Why: Share on competitor"))
        #expect(panel.contains("Share does not exist on"))
        for needless in ["Organization-owned table:", "Access mode Read", "Effective ○", "Notes", "Grants"] {
            #expect(!panel.contains(needless), "\(needless)")
        }
        // Read on the same table keeps its notes.
        let read = text(why("Sanjay", "competitor", .read)).joined(separator: "\n")
        #expect(read.contains("Effective ○"))
        #expect(read.contains("Notes"))
    }

    /// The pending list cut a whole-row edit's sentence at any width, and the right panel only
    /// had the impact of all changes: the selected change is written out there in full first.
    @Test func theSelectedPendingChangeIsReadableInFull() {
        var state = demo(Self.review, [.commandEntered("role Sales Manager")])
        let annotation = state.roleEditor?.tables.rows.firstIndex(of: "annotation") ?? 0
        state.roleEditor?.tables.cursor = annotation
        state.roleEditor?.column = 0
        reduce(&state, .cursorMoved(.left))
        reduce(&state, .levelChosen(.businessUnit))
        reduce(&state, .screenRequested(.pendingChanges))
        let summary = state.history.unsaved.first?.summary ?? ""
        #expect(summary.count > 100, "\(summary)")
        let rows = text(state)
        let joined = rightPanel(rows)
        #expect(joined.contains(summary), "\(rows.joined(separator: "\n"))")
        #expect(rows.joined().contains("Change 1 of 1"))
        #expect(joined.contains("Impact on effective access"))
    }

    /// A column edited at once (`+` on a header) read "Basic User: 28 privileges changed" and
    /// nowhere said which levels moved where: each part is written out under the summary.
    @Test func aPendingColumnEditIsWrittenOutPartByPart() throws {
        var state = demo(Self.review, [.commandEntered("role Basic User")])
        state.roleEditor?.onHeader = true
        state.roleEditor?.column = TableOperation.read.rawValue
        reduce(&state, .levelRaised)
        reduce(&state, .screenRequested(.pendingChanges))
        let entry = try #require(state.history.unsaved.first)
        guard case .compound(let parts) = entry.change else {
            Issue.record("not one edit of several: \(entry.change)")
            return
        }
        #expect(parts.count > 1)
        let joined = rightPanel(text(state))
        #expect(joined.contains(entry.summary))
        #expect(joined.components(separatedBy: "• Read on ").count - 1 == parts.count, "\(joined)")
        // An organization-owned table cannot take User: `+` leaves it as a digit does.
        #expect(!joined.contains("• Read on contoso_integrationsetting: "), "\(joined)")
    }

    /// The right-hand panel's lines read back as one text, wrapped lines joined by spaces.
    func rightPanel(_ rows: [String]) -> String {
        rows.compactMap { row -> String? in
            guard row.hasSuffix("│"), let bar = row.dropLast().lastIndex(of: "│") else { return nil }
            return row[row.index(after: bar)...].dropLast().trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
    }

    /// The demo's production with two escalations against the demo itself as the baseline.
    func demoDiff(_ size: Size) -> AppState {
        var state = demo(size, [])
        guard let env = state.environment,
            let salesperson = env.roles.values.first(where: { $0.name == "Salesperson" }),
            let administrator = env.roles.values.first(where: { $0.name == "System Administrator" }),
            let alex = env.users.values.first(where: { $0.name == "Alex Wilber" })
        else {
            Issue.record("the demo changed")
            return state
        }
        _ = try? state.snapshot.apply(
            .setPrivilege(environment: env.id, role: salesperson.id, table: "account", operation: .delete, level: .organization))
        _ = try? state.snapshot.apply(.assignUserRole(environment: env.id, user: alex.id, role: administrator.id))
        state.baseline = Baseline(label: "contoso-baseline.json", snapshot: DemoOrganisation.snapshot)
        reduce(&state, .screenRequested(.diff))
        return state
    }

    /// The diff's header cut "0 new findings, 3 resolved (F)" at 120 columns, behind the users
    /// affected: the findings come first now, whole at 120 and at 100 columns.
    @Test func theDiffHeaderKeepsTheFindingsAt100And120Columns() {
        for width in [100, 120] {
            let header = text(demoDiff(Size(width: width, height: 40)))[1...2].joined(separator: "\n")
            #expect(header.contains("resolved (F)"), "\(width): \(header)")
        }
        let wide = text(demoDiff(Size(width: 200, height: 50)))[1]
        #expect(wide.contains("escalated") && !wide.contains("…"), "\(wide)")
    }

    /// Texts cut at 120 columns: the tab bar ("6 Tables …"), the why panel's title ("→ marks
    /// the winn…"), the miscellaneous privilege's "Granted by (the highest level of the ro…" and
    /// the change's hint ("Enter: the 2 users this change reaches,…").
    @Test func textsCutAt120ColumnsFit() {
        let tabs = text(demo(Self.review, []))[1]
        #expect(tabs.contains("6 Tables (32)") && !tabs.contains("…"), "\(tabs)")
        let why = text(why("Jordan", "account", .read)).joined(separator: "\n")
        #expect(why.contains("Grants, highest first (→ wins)"), "\(why)")
        let misc = text(
            demo(
                Self.review,
                [
                    .commandEntered("user Lynne"), .paneCycled(forward: true), .paneCycled(forward: true), .cursorMoved(.down),
                    .cursorMoved(.down), .selectionOpened,
                ]))
        #expect(misc.contains { $0.contains("Granted by (highest-level role)") }, "\(misc.joined(separator: "\n"))")
        let change = rightPanel(text(demoDiff(Self.review)))
        #expect(change.contains("alongside other changes that decide their lines (+ in Users)"), "\(change)")
    }
}
