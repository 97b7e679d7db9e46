import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// A change's Users count and drill-down on the diff screen: the users whose lines that change
/// moves, and for each only those lines, as the domain attributes them (found by a console review:
/// a user's own entry listed the lines another change raised, and counted the user).
@Suite("Screens: what each change of the diff moves")
struct DiffAttributionScreenTests {
    let e = Fixture.prod

    /// Alex holds Salesperson directly and through Sales EU; the release removes the direct role
    /// and raises Salesperson's Delete on account to Organization.
    func store(size: Size = Size(width: 160, height: 40)) -> TestStore {
        var base = Fixture.snapshot
        base.environments[e]?.teams[Fixture.salesTeam]?.roleIds.insert(Fixture.salesperson)
        var state = Fixture.browserState(size: size)
        state.snapshot = base
        for change in [
            Change.setPrivilege(environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .organization),
            .removeUserRole(environment: e, user: Fixture.alex, role: Fixture.salesperson),
            // Mallory has no Read on fab_payment: the IBAN column gained moves nothing at run time.
            .addProfileUser(environment: e, profile: Fixture.financeProfile, user: Fixture.mallory),
        ] {
            _ = try? state.snapshot.apply(change)
        }
        state.baseline = Baseline(label: "base.json", snapshot: base)
        var store = TestStore(state)
        store.prepare(.screenRequested(.diff))
        return store
    }

    func select(_ id: String, in store: inout TestStore) throws {
        let row = try #require(store.state.diff?.entries.rows.firstIndex(of: id))
        store.modify { $0.diff?.entries.cursor = row }
    }

    func text(_ store: TestStore) -> String { screen(store.state).lines.joined(separator: "\n") }

    /// The user's own entry moves none of Alex's lines: Users says 0+ (reached alongside the
    /// role's change), and the drill-down lists him with his lines counted as the other change's.
    @Test func aUsersOwnEntryDoesNotClaimTheLinesOfTheRolesChange() throws {
        var store = store()
        let alexEntry = "user:" + Fixture.alex
        let entry = try #require(store.state.diff?.entry(alexEntry))
        #expect(entry.usersReached == 1 && entry.usersMoved == 0)
        try select(alexEntry, in: &store)
        let list = text(store)
        let row = try #require(list.split(separator: "\n").first { $0.contains("~ user") && $0.contains("Alex Wilber") })
        #expect(row.contains(" 0+"), "\(row)")
        #expect(list.contains("This change itself moves no user's access"), "\(list)")
        store.prepare(.selectionOpened)
        let opened = text(store)
        #expect(opened.contains("Alex Wilber") && opened.contains("1 line, all through their other changes"), "\(opened)")
        #expect(!opened.contains("account Delete"), "\(opened)")
        // The role's change lists the line as its own.
        store.prepare(.backRequested)
        try select("role:" + Fixture.salesperson, in: &store)
        store.prepare(.selectionOpened)
        #expect(text(store).contains("▲ account Delete: User → Organization (via team \"Sales EU\" → role"))
    }

    /// Under `r` the count is of the lines of that class, and the panel says so with the count
    /// over every class: the profile change reaching Mallory through a column she cannot use (a
    /// neutral line) is 1 unfiltered and 0 among escalations, which no longer reads as a
    /// contradiction.
    @Test func underARiskClassTheCountSaysWhatItCounts() throws {
        var store = store()
        let profile = "fieldSecurityProfile:" + Fixture.financeProfile
        #expect(store.state.diff?.entry(profile)?.usersReached == 1)
        store.prepare(.diffRiskCycled)
        #expect(store.state.diff?.risk == .escalation)
        #expect(store.state.diff?.entry(profile)?.usersReached == 0)
        try select(profile, in: &store)
        let shown = text(store)
        #expect(shown.contains("This change moves no user's escalation lines. Users counts"), "\(shown)")
        #expect(shown.contains("escalation lines only (r); over every class: 1"), "\(shown)")
        for _ in 0..<3 { store.prepare(.diffRiskCycled) }
        #expect(store.state.diff?.risk == nil)
        try select(profile, in: &store)
        #expect(text(store).contains("Enter: the 1 user it reaches and what it moves"), "\(text(store))")
    }

    /// A role assigned to a user who already holds it through a team is still an escalation (what
    /// it grants), and the panel says it raises none of their access now, as `dvsec diff` does.
    @Test func anEscalationThatRaisesNothingNowSaysSo() throws {
        var base = Fixture.snapshot
        base.environments[e]?.teams[Fixture.salesTeam]?.roleIds.insert(Fixture.salesperson)
        _ = try base.apply(.removeUserRole(environment: e, user: Fixture.alex, role: Fixture.salesperson))
        var state = Fixture.browserState(size: Size(width: 160, height: 40))
        state.snapshot = base
        _ = try state.snapshot.apply(.assignUserRole(environment: e, user: Fixture.alex, role: Fixture.salesperson))
        state.baseline = Baseline(label: "base.json", snapshot: base)
        var store = TestStore(state)
        store.prepare(.screenRequested(.diff))
        let alex = "user:" + Fixture.alex
        #expect(store.state.diff?.entry(alex)?.risk == .escalation)
        #expect(store.state.diff?.entry(alex)?.usersRaised == 0)
        try select(alex, in: &store)
        // Reaching nobody, it says so already.
        #expect(text(store).contains("This change moves no user's effective access"), "\(text(store))")
        #expect(!text(store).contains("It raises"))
        // Alex disabled on both sides and Salesperson's Delete raised too: the change reaches him
        // (a dormant line) and raises nothing now.
        for side in [0, 1] {
            var s = side == 0 ? base : state.snapshot
            _ = try s.apply(.setUserDisabled(environment: e, user: Fixture.alex, disabled: true))
            if side == 1 {
                _ = try s.apply(
                    .setPrivilege(environment: e, role: Fixture.salesperson, table: "account", operation: .delete, level: .organization))
            }
            if side == 0 { state.baseline = Baseline(label: "base.json", snapshot: s) } else { state.snapshot = s }
        }
        store = TestStore(state)
        store.prepare(.screenRequested(.diff))
        let entry = try #require(store.state.diff?.entry(alex))
        #expect(entry.risk == .escalation && (entry.usersReached ?? 0) > 0 && entry.usersRaised == 0, "\(entry)")
        try select(alex, in: &store)
        // (Wrapped in the panel: "It raises none of / their access now".)
        #expect(text(store).contains("It raises none of"), "\(text(store))")
    }
}
