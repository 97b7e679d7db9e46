import Foundation
import Testing

@testable import SecurityModel

/// Access mode Read keeps only the Read privilege, an inferred rule (DATAVERSE.md §2 rule 4
/// [I]); a team role's miscellaneous privileges reaching its members is inferred too
/// (EffectiveAccessRules rule 13). Where the comparison and the diff apply them they say so with
/// [I], as `effective` does (found by a docs review: the compare, the diff's access lines and
/// "read-only access mode lifted" applied them unlabelled).
@Suite("Access mode Read and team-held miscellaneous privileges are labelled [I]")
struct ReadAccessModeLabelTests {
    typealias O = TestOrganisation

    /// Ana and Ben hold the same role, Local Read and Write on account and prvBulkEdit (which
    /// writes) at Organization; Ben is in access mode Read.
    static func organisation() -> TestOrganisation {
        var org = TestOrganisation()
        var rw = O.role("rw", ["account": [.read: .businessUnit, .write: .businessUnit]])
        rw.miscPrivileges["prvBulkEdit"] = .organization
        org.add(rw)
        org.add(O.user("ana", roles: ["rw"]))
        var ben = O.user("ben", roles: ["rw"])
        ben.accessMode = .read
        org.add(ben)
        return org
    }

    @Test func theComparisonSaysAccessModeReadSetsASideAndItsHeaderSaysSo() throws {
        let env = Self.organisation().environment
        let c = try #require(UserAccessComparison(environment: env, left: "ana", right: "ben"))
        #expect(c.tables.map { "\($0.operation.snapshotName) \($0.left.snapshotName) \($0.right.snapshotName)" } == ["write local none"])
        let write = try #require(c.tables.first)
        #expect(write.rightReadAccessMode && !write.leftReadAccessMode)
        #expect(write.label(left: false) == "None (access mode Read [I])")
        #expect(write.label(left: true) == "Business Unit (direct role \"Rw\")")
        // The header no longer says only "what the grants give" above a row the mode decided.
        #expect(
            c.levelsNote
                == "Levels are what each user's grants give, dormancy aside; access mode Read (Ben) keeps only the Read privilege [I]:"
                + " other operations are None whatever the roles grant")
        let text = ReportTextRenderer().render(c)
        #expect(text.contains("access mode Read (Ben) keeps only the Read privilege [I]"), "\(text)")
        #expect(text.contains("  < account Write: Ana Business Unit (direct role \"Rw\")  |  Ben None (access mode Read [I])\n"), "\(text)")
        let markdown = ReportMarkdownRenderer().render(c)
        #expect(markdown.contains("| account | Write | Business Unit (direct role \"Rw\") | None (access mode Read [I]) |"), "\(markdown)")
        #expect(markdown.contains("keeps only the Read privilege \\[I\\]"), "\(markdown)")
        #expect(
            ReportCSVRenderer().render(c).contains(
                "access,account,write,local -> none,\"direct role \"\"Rw\"\" | access mode Read [I]\"\r\n"))
        // Two users in Read-Write: the header as before, no rule named.
        var both = env
        both.users["ben"]?.accessMode = .readWrite
        both.users["ben"]?.roleIds = []
        let plain = try #require(UserAccessComparison(environment: both, left: "ana", right: "ben"))
        #expect(plain.levelsNote == "Levels are what each user's grants give, dormancy aside")
        #expect(plain.tables.allSatisfy { !$0.leftReadAccessMode && !$0.rightReadAccessMode })
        #expect(!ReportTextRenderer().render(plain).contains("[I]"))
    }

    @Test func theDiffLabelsLinesTheModeMovesAndTheModeLifted() throws {
        let base = Self.organisation().environment
        var target = base
        target.users["ben"]?.accessMode = .readWrite
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        // The user's line: the reason and a note both say the rule is inferred.
        let entry = try #require(r.entry(.user, "ben"))
        let mode = try #require(entry.lines.first { $0.field == .accessMode })
        #expect(mode.reasons == [.readOnlyLifted])
        #expect(RiskReason.readOnlyLifted.label == "read-only access mode lifted [I]")
        #expect(mode.note == "access mode Read: only the Read privilege applies [I]")
        // The access lines: the base side was None by the rule.
        let impact = try #require(r.impacts.first { $0.userId == "ben" })
        let write = try #require(impact.tableChanges.first { $0.operation == .write })
        #expect(write.oldReadAccessMode && !write.newReadAccessMode)
        #expect(write.note == "access mode Read in the base: only the Read privilege applies [I]")
        let bulkEdit = try #require(impact.miscChanges.first { $0.name == "prvBulkEdit" })
        #expect(bulkEdit.oldReadAccessMode && bulkEdit.ruleMark(old: true) == " (access mode Read [I])")
        let text = DiffTextRenderer(style: .plain).render(r)
        #expect(text.contains("~ access mode: Read -> Read-Write   ! read-only access mode lifted [I]"), "\(text)")
        #expect(text.contains("(access mode Read: only the Read privilege applies [I])"), "\(text)")
        #expect(text.contains("+ account Write: None (access mode Read [I]) -> Business Unit  via role \"Rw\"   ! level raised"), "\(text)")
        #expect(text.contains("+ misc prvBulkEdit: None (access mode Read [I]) -> Organization  via role \"Rw\""), "\(text)")
        let markdown = DiffMarkdownRenderer().render(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: []))
        #expect(markdown.contains("| None (access mode Read \\[I\\]) | Business Unit |"), "\(markdown)")
        let json = try #require(
            String(data: DiffJSON.data(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: [])), encoding: .utf8))
        #expect(json.contains("\"note\": \"access mode Read in the base: only the Read privilege applies [I]\""), "\(json)")
        #expect(json.contains("\"note\": \"access mode Read in the base: a privilege that writes is not effective [I]\""), "\(json)")
        // Read, which the mode leaves, carries no mark; nor does the other way round's Read line.
        #expect(impact.tableChanges.allSatisfy { $0.operation != .read })
        // The way back: the target side is None by the rule.
        let back = SnapshotDiff.compare(base: target, target: base, options: DiffOptions(runChecks: false))
        let backText = DiffTextRenderer(style: .plain).render(back)
        #expect(backText.contains("- account Write: Business Unit -> None (access mode Read [I])  via role \"Rw\""), "\(backText)")
        #expect(
            backText.contains("~ access mode: Read-Write -> Read   (access mode Read: only the Read privilege applies [I])"), "\(backText)")
    }

    @Test func theDiffMarksATeamHeldMiscellaneousPrivilege() throws {
        var org = TestOrganisation()
        var role = O.role("merge")
        role.miscPrivileges["prvMailMerge"] = .organization
        org.add(role)
        org.add(O.user("ana"))
        org.add(Team(id: "t", name: "Mailers", businessUnitId: O.salesEU, roleIds: ["merge"]))
        let base = org.environment
        var target = base
        target.teams["t"]?.memberIds.insert("ana")
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let impact = try #require(r.impacts.first { $0.userId == "ana" })
        let merge = try #require(impact.miscChanges.first { $0.name == "prvMailMerge" })
        #expect(merge.newVia == "team \"Mailers\" -> role \"Merge\" [I]")
        let text = DiffTextRenderer(style: .plain).render(r)
        #expect(text.contains("+ misc prvMailMerge: None -> Organization  via team \"Mailers\" -> role \"Merge\" [I]"), "\(text)")
        // A directly held one is stated, not inferred.
        var direct = base
        direct.users["ana"]?.roleIds.insert("merge")
        let d = SnapshotDiff.compare(base: base, target: direct, options: DiffOptions(runChecks: false))
        let directMerge = try #require(d.impacts.first { $0.userId == "ana" }?.miscChanges.first)
        #expect(directMerge.newVia == "role \"Merge\"")
    }
}

extension ReadAccessModeLabelTests {
    /// An active user in access mode Read whose role gains a writing miscellaneous privilege: it
    /// works on neither side, as Delete gained on a table, so no line; the user is not dormant
    /// (a domain review found "None (access mode Read [I]) -> Organization (access mode Read
    /// [I]) (dormant)", with `dormant` true in JSON for a user who signs in). Export to Excel,
    /// which Read keeps, is a line; so is the writing one for a disabled user, dormant.
    @Test func aWritingMiscPrivilegeGainedInReadModeMovesNothing() throws {
        let base = Self.organisation().environment
        let ben = try #require(base.users["ben"])
        #expect(ben.accessMode == .read && !ben.isDisabled)
        var target = base
        for role in ben.roleIds {
            target.roles[role]?.miscPrivileges["prvBulkDelete"] = .organization
            target.roles[role]?.miscPrivileges["prvExportToExcel"] = .organization
        }
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let misc = r.impacts.first { $0.userId == "ben" }?.miscChanges ?? []
        #expect(!misc.contains { $0.name == "prvBulkDelete" }, "\(misc)")
        let export = try #require(misc.first { $0.name == "prvExportToExcel" })
        #expect(!export.isDormant && export.new == .organization && export.risk == .escalation)
        // Disabled on both sides: the grants are the line, dormant, and Read still narrows them.
        var disabledBase = base
        disabledBase.users["ben"]?.isDisabled = true
        var disabledTarget = target
        disabledTarget.users["ben"]?.isDisabled = true
        let d = SnapshotDiff.compare(base: disabledBase, target: disabledTarget, options: DiffOptions(runChecks: false))
        let dormant = d.impacts.first { $0.userId == "ben" }?.miscChanges ?? []
        #expect(!dormant.contains { $0.name == "prvBulkDelete" }, "\(dormant)")
        #expect(dormant.first { $0.name == "prvExportToExcel" }.map { $0.isDormant && $0.risk == .neutral } == true, "\(dormant)")
    }

    /// On an organization-owned table any level a role grants counts as Organization [I]: the
    /// comparison's rows show Organization there, and its header now says why (it applied the
    /// rule without a word).
    @Test func theComparisonSaysAnOrganizationOwnedTableCountsAnyLevelAsOrganization() throws {
        var org = TestOrganisation()
        org.add(O.role("reader", ["product": [.read: .user]]))
        org.add(O.user("ana", roles: ["reader"]))
        org.add(O.user("ben", roles: []))
        let c = try #require(UserAccessComparison(environment: org.environment, left: "ana", right: "ben"))
        let row = try #require(c.tables.first { $0.table == "product" })
        #expect(row.left == .organization && row.organizationOwned)
        #expect(
            c.levelsNote
                == "Levels are what each user's grants give, dormancy aside; on organization-owned tables (product) any level counts as Organization [I]"
        )
    }
}
