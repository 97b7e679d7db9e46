import PropertyBased
import Testing

@testable import SecurityModel

/// `dvsec report --user A --compare B`: two users side by side, from the engine's answers.
@Suite struct UserAccessComparisonTests {
    typealias F = DiffFixtures

    @Test func twoSalespeopleOfOneBusinessUnitHoldTheSameAccess() throws {
        let c = try #require(UserAccessComparison(environment: F.environment(), left: F.adele, right: F.dan))
        #expect(c.isIdentical && c.hasSameAccess && !c.scopesDiffer)
        #expect(ReportTextRenderer().render(c).contains("Same roles, same teams, same access."))
        #expect(UserAccessComparison(environment: F.environment(), left: F.adele, right: "nobody") == nil)
    }

    @Test func rolesTeamsAndLevelsOneHasAndTheOtherLacks() throws {
        let c = try #require(UserAccessComparison(environment: F.environment(), left: F.adele, right: F.bob))
        #expect(c.rolesOnlyLeft.map { "\($0.roleName) — \($0.path)" } == ["Salesperson — direct"])
        #expect(c.rolesOnlyRight.map { "\($0.roleName) — \($0.path)" } == ["Basic User — direct", "Service Rep — team Sales Team (Owner)"])
        #expect(c.teamsOnlyLeft == ["Sales (Owner, default team)"])
        #expect(c.teamsOnlyRight == ["Sales Team (Owner)", "Service (Owner, default team)"])
        #expect(c.scopesDiffer)
        // account: Adele's Salesperson grants, Bob nothing; contact Read: BU against User through
        // the team; contact Write is User on both sides, webresource Read Organization on both.
        #expect(
            c.tables.map { "\($0.table) \($0.operation.snapshotName) \($0.left.snapshotName) \($0.right.snapshotName)" } == [
                "account create basic none", "account read local none", "account write basic none", "account append basic none",
                "contact read local basic",
            ])
        #expect(c.tables.first?.leftVia == "direct role \"Salesperson\"" && c.tables.first?.rightVia == nil)
        // Service Rep inherits: its Basic acting as Bob (his records and his teams') decides over
        // the team's own Basic (the team's records only), which it includes.
        #expect(
            c.tables.last?.rightVia?.hasPrefix("inherited from team \"Sales Team\" (Owner, BU \"Sales\") → role \"Service Rep\"") == true,
            "\(c.tables.last?.rightVia ?? "")")
        // Operations of a table that read the same are one line.
        #expect(
            c.groupedTables.map { "\($0.table) \($0.operations.map(\.snapshotName).joined(separator: ","))" } == [
                "account create,write,append", "account read", "contact read",
            ])
        let text = ReportTextRenderer().render(c)
        #expect(text.contains("  < Salesperson — direct\n"))
        #expect(text.contains("  > Service Rep — team Sales Team (Owner)\n"))
        #expect(text.contains("  < account Create, Write, Append: Adele Vance User (direct role \"Salesperson\")  |  Bob Kelly None\n"))
        #expect(
            ReportMarkdownRenderer().render(c).contains("| account | Create, Write, Append | User (direct role \"Salesperson\") | None |"))
        #expect(ReportCSVRenderer().render(c).contains("access,account,create,basic -> none,\"direct role \"\"Salesperson\"\" | \"\r\n"))
        // Each side's business unit on a row of its own, not in the via column (found by an
        // output review).
        let rows = ReportCSVRenderer().render(c).components(separatedBy: "\r\n").filter { $0.hasPrefix("left,") || $0.hasPrefix("right,") }
        #expect(rows.count == 4 && rows.allSatisfy { $0.hasSuffix(",") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix("left,") && $0.contains(",businessUnit,") }, "\(rows)")
        // The report and the console word the sections alike; only the report names each side
        // (the console's title does).
        let named = c.sections(naming: true)
        let bare = c.sections(naming: false)
        #expect(named.map(\.title) == ["Roles", "Teams", "Table access (5 operations)"] && bare.map(\.title) == named.map(\.title))
        #expect(
            named[2].lines.first
                == ComparisonLine(
                    left: true, text: "account Create, Write, Append: Adele Vance User (direct role \"Salesperson\")  |  Bob Kelly None"))
        #expect(
            bare[2].lines.first
                == ComparisonLine(left: true, text: "account Create, Write, Append: User (direct role \"Salesperson\")  |  None"))
        #expect(named[1].lines.map(\.marker) == ["<", ">", ">"])
    }

    /// Names come from files nobody here controls: an escape sequence in a role or user name is
    /// shown, never sent to the terminal, in every format.
    /// Alex holds Salesperson directly and through Key Accounts EU, Allan directly only: the
    /// team's way of holding it is a difference (taking away Alex's direct role would leave him
    /// Salesperson), where "Roles: same" was said.
    /// A role naming a miscellaneous privilege at less than the user's level keeps its level in
    /// the comparison too ("Salesperson (User)").
    @Test func aLowerGrantingRoleKeepsItsLevelInTheComparison() throws {
        var env = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        let sales = try #require(env.roles.values.first { $0.name == "Salesperson" })
        let basic = try #require(env.roles.values.first { $0.name == "Basic User" })
        env.roles[sales.id]?.miscPrivileges["prvExportToExcel"] = .user
        env.roles[basic.id]?.miscPrivileges["prvExportToExcel"] = .businessUnit
        let alex = try #require(env.users.values.first { $0.domainName == "alex@contoso.com" })
        let adele = try #require(env.users.values.first { $0.domainName == "adele@contoso.com" })
        let c = try #require(UserAccessComparison(environment: env, left: alex.id, right: adele.id))
        let line = try #require(c.misc.first { $0.name == "prvExportToExcel" })
        #expect(line.leftRoles == ["Basic User", "Salesperson (User)"])
    }

    /// The same miscellaneous privilege, granted to both, differs when access mode Read blocks it
    /// for one of them (it writes) [I]: the comparison listed nothing.
    @Test func aPrivilegeAccessModeReadBlocksForOneUserIsADifference() throws {
        var env = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        let basic = try #require(env.roles.values.first { $0.name == "Basic User" })
        env.roles[basic.id]?.miscPrivileges["prvBulkEdit"] = .organization
        let alex = try #require(env.users.values.first { $0.domainName == "alex@contoso.com" })
        let allan = try #require(env.users.values.first { $0.domainName == "allan@contoso.com" })
        env.users[allan.id]?.accessMode = .read
        let c = try #require(UserAccessComparison(environment: env, left: alex.id, right: allan.id))
        let line = try #require(c.misc.first { $0.name == "prvBulkEdit" })
        #expect(line.left == .organization && line.right == .organization && !line.leftBlocked && line.rightBlocked)
        #expect(line.leftEffective == .organization && line.rightEffective == .none)
        // A privilege that only reads is not blocked, and stays the same on both sides.
        #expect(!c.misc.contains { $0.name == "prvExportToExcel" })
        let text = ReportTextRenderer().render(c)
        #expect(
            text.contains(
                "prvBulkEdit: Alex Wilber Organization (Basic User)  |  Allan Deyoung Organization (not effective: access mode Read [I])"),
            "\(text)")
        #expect(ReportCSVRenderer().render(c).contains("misc,prvBulkEdit,not effective for Allan Deyoung: access mode Read [I],"))
        #expect(
            ReportMarkdownRenderer().render(c).contains(
                "| prvBulkEdit | Organization | Organization (not effective: access mode Read [I]) |"))
    }

    @Test func theSameRoleHeldAnotherWayIsADifference() throws {
        let env = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        let alex = try #require(env.users.values.first { $0.name == "Alex Wilber" })
        let allan = try #require(env.users.values.first { $0.name == "Allan Deyoung" })
        let c = try #require(UserAccessComparison(environment: env, left: alex.id, right: allan.id))
        #expect(c.rolesOnlyLeft.map { "\($0.roleName) — \($0.path)" } == ["Salesperson — team Key Accounts EU (Owner)"])
        #expect(c.rolesOnlyRight.isEmpty)
        #expect(!c.isIdentical)
    }

    @Test func hostileNamesAreShownEscaped() throws {
        var env = F.environment()
        env.roles[F.salesperson]?.name = "Sales\u{1B}[2Jperson"
        env.users[F.adele]?.name = "Adele\u{07}"
        let c = try #require(UserAccessComparison(environment: env, left: F.adele, right: F.bob))
        let r = try #require(RoleComparison(environment: env, left: F.salesperson, right: F.serviceRep))
        for text in [
            ReportTextRenderer().render(c), ReportMarkdownRenderer().render(c), ReportTextRenderer().render(r),
            ReportMarkdownRenderer().render(r),
        ] {
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }
        #expect(ReportTextRenderer().render(c).contains("Sales\\e[2Jperson"))
    }

    @Test func securedColumnsAndDormancy() throws {
        var env = F.environment()
        env.users[F.hana]?.isDisabled = true
        let c = try #require(UserAccessComparison(environment: env, left: F.hana, right: F.bob))
        #expect(
            c.columns.map { "\($0.column.description) \($0.kind.rawValue) \($0.left) \($0.via)" } == [
                "contact.contoso_ssn read true [\"profile HR\"]"
            ])
        #expect(c.groupedColumns.map { "\($0.column.description) \($0.kinds.map(\.rawValue))" } == ["contact.contoso_ssn [\"read\"]"])
        let admin = try #require(UserAccessComparison(environment: env, left: F.carol, right: F.bob))
        // System Administrator has every permission on the secured column: one line, four kinds.
        #expect(admin.groupedColumns.map(\.kinds.count) == [ColumnPermissionKind.allCases.count])
        // Granted levels are compared: Hana's grants still count while she is disabled.
        #expect(c.left.dormancy == [.disabled] && c.right.dormancy.isEmpty)
        #expect(c.tables.isEmpty)
        #expect(ReportTextRenderer().render(c).contains("DORMANT: user is disabled [I]"))
    }

    /// Read backwards, a comparison swaps its sides; every difference is a cell where the two
    /// users' granted matrices differ, and every such cell is a difference.
    @Test func mirrorsAndAgreesWithTheEngine() async {
        await propertyCheck(count: propertyCount(25), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000)) { seed, pick in
            let snapshot = SnapshotGenerator.generate(users: 30, teams: 8, roles: 6, tables: 10, seed: UInt64(seed))
            guard let env = snapshot.sortedEnvironments.first else { return }
            let users = env.sortedUsers
            let a = users[pick % users.count]
            let b = users[(pick / 7 + 1 + pick % users.count) % users.count]
            guard a.id != b.id, let ab = UserAccessComparison(environment: env, left: a.id, right: b.id),
                let ba = UserAccessComparison(environment: env, left: b.id, right: a.id)
            else { return }
            #expect(
                ab.tables.map { [$0.table, $0.operation.snapshotName, $0.left.snapshotName, $0.right.snapshotName] }
                    == ba.tables.map { [$0.table, $0.operation.snapshotName, $0.right.snapshotName, $0.left.snapshotName] })
            #expect(ab.rolesOnlyLeft == ba.rolesOnlyRight && ab.teamsOnlyLeft == ba.teamsOnlyRight)
            #expect(
                ab.columns.map { [$0.column.description, $0.kind.rawValue, "\($0.left)"] }
                    == ba.columns.map { [$0.column.description, $0.kind.rawValue, "\(!$0.left)"] })
            let rowsA = Dictionary(uniqueKeysWithValues: env.effectiveRows(of: a).map { ($0.table, $0.grantedLevels) })
            let rowsB = Dictionary(uniqueKeysWithValues: env.effectiveRows(of: b).map { ($0.table, $0.grantedLevels) })
            var expected: [String] = []
            for table in rowsA.keys.sorted() {
                for op in TableOperation.allCases where rowsA[table]?[op] != rowsB[table]?[op] { expected.append("\(table) \(op)") }
            }
            #expect(ab.tables.map { "\($0.table) \($0.operation)" } == expected)
        }
    }

    /// Roles side by side: Salesperson against Service Rep, and System Administrator read as
    /// Organization on every table and every miscellaneous privilege the roles name.
    @Test func twoRolesSideBySide() throws {
        let env = F.environment()
        let c = try #require(RoleComparison(environment: env, left: F.salesperson, right: F.serviceRep))
        #expect(
            c.privileges.map { "\($0.table) \($0.operation.snapshotName) \($0.left.snapshotName) \($0.right.snapshotName)" } == [
                "account create basic none", "account read local none", "account write basic none", "account append basic none",
                "contact read local basic",
            ])
        #expect(c.groupedPrivileges.map { "\($0.table) \($0.operations.count)" } == ["account 3", "account 1", "contact 1"])
        #expect(!c.grantsTheSame && !c.inheritanceDiffers)
        #expect(c.left.holders == 2 && c.right.holders == 2)
        let text = ReportTextRenderer().render(c)
        #expect(text.hasPrefix("Roles compared: Salesperson  vs  Service Rep\n"))
        #expect(text.contains("  < account Create, Write, Append: User  |  None\n"))
        let same = try #require(RoleComparison(environment: env, left: F.basicUser, right: F.customizer))
        #expect(same.grantsTheSame && ReportTextRenderer().render(same).contains("The two roles grant the same privileges."))
        let admin = try #require(RoleComparison(environment: env, left: F.sysAdmin, right: F.basicUser))
        #expect(admin.privileges.allSatisfy { $0.left == .organization })
        #expect(Set(admin.privileges.map(\.table)) == Set(env.tables.keys))
    }
}
