import Testing

@testable import SecurityModel

@Suite("Column who-can answer")
struct ColumnWhoCanAnswerTests {
    let credit = ColumnReference(table: "account", column: "creditlimit")

    func org() -> TestOrganisation {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("sa", template: SecurityRole.systemAdministratorTemplateId))
        org.add(TestOrganisation.user("adele", roles: ["sa"]))
        for u in ["zrinka", "ben", "nobody"] { org.add(TestOrganisation.user(u)) }
        var reader = TestOrganisation.user("megan")
        reader.accessMode = .read
        org.add(reader)
        org.add(Team(id: "finance", name: "Finance", businessUnitId: TestOrganisation.root, memberIds: ["ben", "megan"]))
        org.add(
            FieldSecurityProfile(
                id: "p-credit", name: "Credit",
                permissions: [
                    credit: ColumnPermission(canRead: true, canUpdate: true)
                ], userIds: ["zrinka"], teamIds: ["finance"]))
        return org
    }

    @Test func aSecuredColumnSplitsActiveAndDormantUsersWithTheirPaths() {
        var o = org()
        o.environment.users["zrinka"]?.isDisabled = true
        let env = o.environment
        let answer = AccessIndex(environment: env).columnWhoCan(credit, kind: .read)
        #expect(answer?.isSecured == true)
        #expect(answer?.users.map(\.userId) == ["adele", "ben", "megan"])
        #expect(answer?.dormantUsers.map(\.userId) == ["zrinka"])
        #expect(answer?.dormantUsers.first?.answer.dormancy == [.disabled])
        #expect(answer?.tableOperation == .read)
        #expect(
            answer?.rules == [
                .needsTablePrivilege(table: "account", operation: .read), .systemAdministratorHasEverySecuredColumn,
                .profilesCombineAsUnion,
            ])
        let adele = answer.flatMap { $0.entry(for: "adele") }.map { env.describeColumnPaths($0.answer) }
        #expect(adele == [#"System Administrator: direct role "Sa""#])
        let ben = answer.flatMap { $0.entry(for: "ben") }.map { env.describeColumnPaths($0.answer) }
        #expect(ben == [#"team "Finance" (Owner, BU "Root") → profile "Credit""#])
        let zrinka = answer.flatMap { $0.entry(for: "zrinka") }.map { env.describeColumnPaths($0.answer) }
        #expect(zrinka == [#"profile "Credit" (direct member)"#])
    }

    /// A profile held through a team of a disabled business unit rests on rule 10 [I]: its route
    /// says so in who-can (text and JSON) and on the diff's column lines, as the table paths do
    /// (a domain review found the note missing there).
    @Test func aProfileThroughATeamOfADisabledUnitSaysTheInferredRule() throws {
        var o = org()
        o.environment.teams["finance"]?.businessUnitId = TestOrganisation.salesEU
        o.environment.businessUnits[TestOrganisation.salesEU]?.isDisabled = true
        let env = o.environment
        let words = "team's BU \"Sales EU\" is disabled: members who sign in keep what it holds [I]"
        let answer = AccessIndex(environment: env).columnWhoCan(credit, kind: .read)
        let ben = try #require(answer?.entry(for: "ben"))
        #expect(env.describeColumnPaths(ben.answer) == ["team \"Finance\" (Owner, BU \"Sales EU\") → profile \"Credit\" [\(words)]"])
        let profiles = env.jsonObject(ben.answer)["profiles"] as? [[String: Any]]
        #expect((profiles?.first?["via"] as? [String: Any])?["note"] as? String == words)
        // Zrinka's direct membership says nothing.
        let zrinka = try #require(answer?.entry(for: "zrinka"))
        #expect(env.describeColumnPaths(zrinka.answer) == [#"profile "Credit" (direct member)"#])
        // The diff: Ben joins the team; his column line names the route with the rule.
        var base = env
        base.teams["finance"]?.memberIds.remove("ben")
        let diff = SnapshotDiff.compare(base: base, target: env)
        let line = try #require(diff.impacts.first { $0.userId == "ben" }?.columnChanges.first { $0.column == credit })
        #expect(line.newVia.contains("profile \"Credit\" (team \"Finance\") [\(words)]"), "\(line.newVia)")
    }

    /// Read unmasked shows a masked value only to who may read the column: a profile giving Read
    /// unmasked but not Read lists its member apart, not counted among those who can [I] (found
    /// by a review: "Unmask Only" counted among who can read unmasked).
    @Test func readUnmaskedWithoutReadOnTheColumnIsListedNotCounted() {
        var o = org()
        o.add(TestOrganisation.role("reader", ["account": [.read: .businessUnit]]))
        o.environment.users["nobody"]?.roleIds = ["reader"]
        o.environment.users["zrinka"]?.roleIds = ["reader"]
        o.environment.fieldSecurityProfiles["p-credit"]?.permissions[credit]?.canReadUnmasked = .oneRecord
        o.add(
            FieldSecurityProfile(
                id: "p-unmask", name: "Unmask only", permissions: [credit: ColumnPermission(canReadUnmasked: .allRecords)],
                userIds: ["nobody"]))
        let answer = AccessIndex(environment: o.environment).columnWhoCan(credit, kind: .readUnmasked)
        #expect(answer?.entry(for: "nobody")?.columnReadAllowed == false)
        #expect(answer?.entry(for: "zrinka")?.columnReadAllowed == true)
        #expect(answer?.entry(for: "adele")?.columnReadAllowed == true)
        #expect(answer?.usersWithoutColumnRead == 1)
        // Adele (System Administrator) and Zrinka (Credit, with Read on accounts) can; Ben and
        // Megan have no Read on the table; Nobody has no Read on the column.
        #expect(answer?.usersCounted == 2)
        #expect(answer?.rules.contains(.unmaskedNeedsRead) == true)
        #expect(AccessIndex(environment: o.environment).columnWhoCan(credit, kind: .read)?.users.first?.columnReadAllowed == nil)
    }

    /// Column security never grants record access: each entry carries the user's level of the
    /// table operation, so a profile member without Read on the table is told apart.
    @Test func eachEntrySaysWhetherTheUserHasTheTableOperation() {
        var o = org()
        o.add(TestOrganisation.role("reader", ["account": [.read: .businessUnit]]))
        o.environment.users["ben"]?.roleIds = ["reader"]
        let answer = AccessIndex(environment: o.environment).columnWhoCan(credit, kind: .read)
        #expect(answer?.entry(for: "ben")?.tableLevel == .businessUnit)
        #expect(answer?.entry(for: "megan")?.tableLevel == AccessLevel.none)
        #expect(answer?.entry(for: "adele")?.tableLevel == .organization)
        // Zrinka and Megan hold the profile but no role reading accounts: listed, not counted.
        #expect(answer?.usersWithoutTableOperation == 2)
        #expect(answer?.withoutTableOperationWords == "no Read on account: no record to read it on")
        let create = AccessIndex(environment: o.environment).columnWhoCan(credit, kind: .create)
        #expect(create?.withoutTableOperationWords == "no Create on account: cannot create the record")
    }

    @Test func updateLeavesOutReadAccessModeUsersAndSaysSoAsAnInferredRule() {
        let answer = AccessIndex(environment: org().environment).columnWhoCan(credit, kind: .update)
        #expect(answer?.users.map(\.userId) == ["adele", "ben", "zrinka"])
        #expect(answer?.tableOperation == .write)
        #expect(answer?.rules.contains(.readAccessModeExcluded) == true)
        #expect(ColumnWhoCanRule.readAccessModeExcluded.label.hasSuffix(" [I]"))
        #expect(ColumnWhoCanRule.profilesCombineAsUnion.isInferred)
        #expect(!ColumnWhoCanRule.systemAdministratorHasEverySecuredColumn.label.contains("[I]"))
        let create = AccessIndex(environment: org().environment).columnWhoCan(credit, kind: .create)
        #expect(create?.users.map(\.userId) == ["adele"])
        // Megan's profile allows Update, but her access mode Read keeps it from working [I]: listed
        // apart, with the reason on her answer (she vanished from the answer altogether).
        #expect(answer?.readAccessModeUsers.map(\.userId) == ["megan"] && answer?.dormantUsers.isEmpty == true)
        #expect(answer?.entry(for: "megan")?.answer.blockedByReadAccessMode == true)
        #expect(answer?.entry(for: "megan")?.answer.grantedAllowed == false)
        // Reading is not blocked, and nobody without a profile is listed as blocked.
        let read = AccessIndex(environment: org().environment).columnWhoCan(credit, kind: .read)
        #expect(read?.readAccessModeUsers.isEmpty == true && read?.users.map(\.userId).contains("megan") == true)
        #expect(create?.readAccessModeUsers.isEmpty == true)
    }

    /// What a team gives its members on a column: its own profiles and System Administrator, not
    /// what its members hold otherwise; an access team's roles give nothing.
    @Test func aTeamsColumnAccessIsItsProfilesAndItsSystemAdministratorRole() {
        var o = org()
        o.add(Team(id: "admins", name: "Admins", businessUnitId: TestOrganisation.root, memberIds: ["zrinka"], roleIds: ["sa"]))
        let env = o.environment
        let finance = env.columnAccess(ofTeam: env.teams["finance"]!, column: credit, kind: .update)
        #expect(finance.allowed && finance.grants.map(\.profileId) == ["p-credit"] && finance.systemAdministrator == nil)
        #expect(!env.columnAccess(ofTeam: env.teams["finance"]!, column: credit, kind: .create).allowed)
        let admins = env.columnAccess(ofTeam: env.teams["admins"]!, column: credit, kind: .create)
        #expect(admins.allowed && admins.systemAdministrator == .team(teamId: "admins", roleId: "sa") && admins.grants.isEmpty)
        #expect(env.columnAccess(ofTeam: env.teams["finance"]!, column: .init(table: "account", column: "revenue"), kind: .update).allowed)
    }

    @Test func anUnsecuredColumnListsNobodyAndSaysTheTablePrivilegeDecides() {
        let answer = AccessIndex(environment: org().environment).columnWhoCan(.init(table: "account", column: "revenue"), kind: .update)
        #expect(answer?.isSecured == false)
        #expect(answer?.users.isEmpty == true && answer?.dormantUsers.isEmpty == true)
        #expect(answer?.rules == [.notSecured(table: "account", operation: .write)])
        #expect(answer?.rules.first?.label == "not secured: column security does not restrict it; everyone who can Write account has it")
    }

    @Test func anUnknownColumnOrTableHasNoAnswer() {
        let index = AccessIndex(environment: org().environment)
        #expect(index.columnWhoCan(.init(table: "account", column: "nothing"), kind: .read) == nil)
        #expect(index.columnWhoCan(.init(table: "nothing", column: "creditlimit"), kind: .read) == nil)
    }

    @Test func theAnswerAgreesWithTheColumnWhoCanListOfTheDemo() throws {
        let env = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        let index = AccessIndex(environment: env)
        for table in env.sortedTables {
            for column in table.securedColumns {
                let ref = ColumnReference(table: table.logicalName, column: column.logicalName)
                for kind in ColumnPermissionKind.allCases {
                    let list = index.whoCan(column: ref, kind: kind)
                    let answer = try #require(index.columnWhoCan(ref, kind: kind))
                    #expect(answer.users.map(\.userId) == list.filter { $0.answer.dormancy.isEmpty }.map(\.userId))
                    #expect(answer.dormantUsers.map(\.userId) == list.filter { !$0.answer.dormancy.isEmpty }.map(\.userId))
                }
            }
        }
        // Sales Credit Profile reaches Key Accounts EU's members through the team.
        let credit = try #require(index.columnWhoCan(.init(table: "account", column: "creditlimit"), kind: .read))
        let alex = try #require(env.users.values.first { $0.name == "Alex Wilber" })
        let paths = try #require(credit.entry(for: alex.id)).answer
        #expect(env.describeColumnPaths(paths).contains(#"team "Key Accounts EU" (Owner, BU "Sales EU") → profile "Sales Credit Profile""#))
    }

    @Test func permissionNamesParseInEveryUsualSpelling() {
        #expect(ColumnPermissionKind(name: "Read") == .read)
        #expect(ColumnPermissionKind(name: "update") == .update)
        #expect(ColumnPermissionKind(name: "read-unmasked") == .readUnmasked)
        #expect(ColumnPermissionKind(name: "readUnmasked") == .readUnmasked)
        #expect(ColumnPermissionKind(name: "unmasked") == .readUnmasked)
        #expect(ColumnPermissionKind(name: "write") == nil)
    }
}
