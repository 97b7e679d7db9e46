import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// Who can, on an organization-owned table (the fixture's `fab_region`): it has no Assign or
/// Share and no level but Organization (DATAVERSE.md §1.5), so the console neither offers nor
/// answers those. Found by a console review: `:who-can contoso_region assign` said "0 users can;
/// Nobody reaches this level" where the CLI refuses the question.
@Suite("Who can: organization-owned tables")
struct OrganizationOwnedWhoCanTests {
    private let refusal =
        "fab_region is organization-owned: it has no Assign privilege (its records have no owner to assign or share)"

    /// The CLI's answer, from the same domain rule.
    @Test func theDomainSaysWhyAssignAndShareAreNoQuestion() throws {
        let region = try #require(Fixture.production.tables["fab_region"])
        #expect(region.missingPrivilegeReason(.assign) == refusal)
        #expect(region.missingPrivilegeReason(.share)?.contains("no Share privilege") == true)
        #expect(region.missingPrivilegeReason(.delete) == nil)
        #expect(Fixture.production.tables["account"]?.missingPrivilegeReason(.assign) == nil)
        #expect(region.ownership.grantableLevels(for: .read) == [.organization])
        #expect(region.ownership.grantableLevels(for: .share).isEmpty)
    }

    /// `:who-can fab_region assign` is refused as the CLI refuses it, and changes nothing.
    @Test func theCommandRefusesAssignAndShare() {
        for op in ["assign", "share"] {
            var state = Fixture.browserState()
            let before = state.whoCan
            reduce(&state, .commandEntered("who-can fab_region \(op)"))
            #expect(state.screen == .browser)
            #expect(state.whoCan == before)
            #expect(state.status?.kind == .error)
            #expect(state.status?.text == refusal.replacingOccurrences(of: "Assign", with: op == "assign" ? "Assign" : "Share"))
        }
    }

    /// `o` and `O` step through the six operations the table has.
    @Test func operationCyclingSkipsAssignAndShare() {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("who-can fab_region read"))
        var seen: [TableOperation] = []
        for _ in 0..<6 {
            reduce(&state, .whoCanOperationCycled(forward: true))
            seen.append(state.whoCan.operation)
        }
        // Each of the six once, then back to Read.
        #expect(Set(seen) == Set(TableOperation.allCases.filter(\.existsOnOrganizationOwnedTables)))
        #expect(seen.count == 6 && seen.last == .read)
        #expect(!seen.contains(.assign) && !seen.contains(.share))
        reduce(&state, .whoCanOperationCycled(forward: false))
        #expect(state.whoCan.operation.existsOnOrganizationOwnedTables)
        // A user- or team-owned table still has all eight.
        reduce(&state, .commandEntered("who-can account assign"))
        #expect(state.whoCan.operation == .assign)
        #expect(state.whoCan.answer != nil)
    }

    /// Moving to the organization-owned table while Share is asked about asks about Read, and
    /// says so; the level shown is Organization, its only one, whatever was chosen before.
    @Test func switchingToTheTableAsksAboutReadAndSaysSo() {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("who-can account share basic"))
        #expect(state.whoCan.operation == .share)
        reduce(&state, .commandEntered("who-can fab_region"))
        #expect(state.whoCan.operation == .read)
        #expect(state.status?.kind == .warning)
        #expect(
            state.status?.text
                == "fab_region is organization-owned: it has no Share privilege (its records have no owner to assign or share): asking who can Read instead"
        )
        #expect(state.whoCan.answer?.minimumLevel == .organization)
        #expect(state.whoCan.results.rows.contains(Fixture.alex))
        let lines = screen(state).lines
        let level = lines.first { $0.contains("Minimum level") } ?? ""
        #expect(level.contains("Organization") && !level.contains("or higher"), "\(lines.joined(separator: "\n"))")
        #expect(level.contains("its only level (organization-owned table)"))
        #expect(!level.contains("m: next"))
        // m keeps it and says why; the level chosen before comes back on a user-owned table.
        reduce(&state, .whoCanLevelCycled(forward: true))
        #expect(state.whoCan.answer?.minimumLevel == .organization)
        #expect(state.status?.text == "fab_region is organization-owned: its only level is Organization")
        reduce(&state, .commandEntered("who-can account"))
        #expect(state.whoCan.answer?.minimumLevel == .user)
    }

    /// From a user's Assign cell of the table (`w` on the effective-access screen), the same.
    @Test func fromAnEffectiveAccessCellAsksAboutRead() {
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("user Alex"))
        #expect(state.screen == .effectiveAccess)
        state.effective?.column = TableOperation.assign.rawValue
        if let index = state.effective?.tables.rows.firstIndex(of: "fab_region") {
            state.effective?.tables.moveTo(index, height: 10)
        }
        reduce(&state, .screenRequested(.whoCan))
        #expect(state.screen == .whoCan)
        #expect(state.whoCan.table == "fab_region")
        #expect(state.whoCan.operation == .read)
        #expect(state.status?.text.hasSuffix("asking who can Read instead") == true)
    }

    /// Tab offers only what the table has.
    @Test func completionOffersOnlyWhatTheTableHas() {
        let state = Fixture.browserState()
        let regionOps = CommandCatalog.completions(for: "who-can fab_region ", in: state)
        #expect(!regionOps.contains("who-can fab_region assign") && !regionOps.contains("who-can fab_region share"))
        #expect(regionOps.contains("who-can fab_region delete"))
        #expect(CommandCatalog.completions(for: "who-can account ", in: state).contains("who-can account assign"))
        #expect(CommandCatalog.completions(for: "who-can fab_region read ", in: state) == ["who-can fab_region read global"])
        #expect(CommandCatalog.completions(for: "who-can account read ", in: state).count == 4)
    }
}
