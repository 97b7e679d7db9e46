import Testing

@testable import SecurityModel

/// A column secured or not (and a profile's change) reaches a user only when a line of its
/// columns moves for them (found by an output review: a column unsecured in the same release as
/// a role's change was counted among the causes of every user whose access changed, also users
/// who cannot read the table).
@Suite("Diff: who a column change reaches")
struct ColumnCauseTests {
    @Test func aColumnUnsecuredReachesOnlyTheUsersWhoseColumnLinesMove() throws {
        let base = try #require(DemoOrganisation.snapshot.sortedEnvironments.first)
        var target = base
        let salesperson = try #require(base.roles.values.first { $0.name == "Salesperson" })
        target.roles[salesperson.id]?.privileges["account"]?[.delete] = .businessUnit
        target.tables["contoso_payment"]?.columns["contoso_cvv"]?.isSecured = false
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let table = try #require(r.entry(.table, "contoso_payment"))
        let cvv = ColumnReference(table: "contoso_payment", column: "contoso_cvv")
        let withColumnLines = r.impacts.filter { $0.columnChanges.contains { $0.column == cvv } }
        #expect(!withColumnLines.isEmpty)
        #expect(table.usersReached == withColumnLines.count, "\(table.usersReached ?? -1) vs \(withColumnLines.count)")
        // A salesperson without the column's lines has the role's change as their only cause.
        let others = r.impacts.filter { i in !i.columnChanges.contains { $0.column == cvv } }
        #expect(!others.isEmpty)
        for i in others {
            #expect(!i.causeEntries.contains(table.id), "\(i.name): \(i.causes)")
            #expect(i.causeEntries == ["role:\(salesperson.id)"], "\(i.name): \(i.causeEntries)")
        }
    }
}
