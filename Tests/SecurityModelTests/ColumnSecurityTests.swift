import Testing

@testable import SecurityModel

@Suite("Column security")
struct ColumnSecurityTests {
    func org() -> TestOrganisation {
        var org = TestOrganisation()
        for u in ["zrinka", "ben", "alex", "nobody"] { org.add(TestOrganisation.user(u)) }
        org.add(Team(id: "finance", name: "Finance", businessUnitId: TestOrganisation.root, memberIds: ["ben"]))
        org.add(
            FieldSecurityProfile(
                id: "p-read", name: "Read credit",
                permissions: [
                    ColumnReference(table: "account", column: "creditlimit"): ColumnPermission(canRead: true)
                ], userIds: ["zrinka"]))
        org.add(
            FieldSecurityProfile(
                id: "p-update", name: "Update credit",
                permissions: [
                    ColumnReference(table: "account", column: "creditlimit"): ColumnPermission(
                        canUpdate: true, canReadUnmasked: .allRecords)
                ], userIds: ["zrinka"], teamIds: ["finance"]))
        return org
    }

    let credit = ColumnReference(table: "account", column: "creditlimit")

    @Test func profilesCombineAsAUnionOverDirectAndTeamMembership() {
        let o = org()
        let env = o.environment
        let zrinka = env.users["zrinka"]!
        #expect(env.columnAccess(of: zrinka, column: credit, kind: .read).allowed)
        #expect(env.columnAccess(of: zrinka, column: credit, kind: .update).allowed)
        #expect(!env.columnAccess(of: zrinka, column: credit, kind: .create).allowed)
        let ben = env.users["ben"]!
        let benUpdate = env.columnAccess(of: ben, column: credit, kind: .update)
        #expect(benUpdate.allowed)
        #expect(benUpdate.grants == [.init(profileId: "p-update", via: .team("finance"))])
        #expect(!env.columnAccess(of: ben, column: credit, kind: .read).allowed)
        #expect(env.columnAccess(of: ben, column: credit, kind: .readUnmasked).allowed)
        #expect(benUpdate.unionIsInferred)
    }

    @Test func aSecuredColumnWithoutAProfileIsClosedAndAnUnsecuredOneIsOpen() {
        let env = org().environment
        let nobody = env.users["nobody"]!
        #expect(!env.columnAccess(of: nobody, column: credit, kind: .read).allowed)
        let revenue = env.columnAccess(of: nobody, column: .init(table: "account", column: "revenue"), kind: .update)
        #expect(!revenue.isSecured && revenue.allowed)
    }

    @Test func whoCanReadASecuredColumnListsProfileMembersAndAdministrators() {
        var o = org()
        o.add(TestOrganisation.role("sa", template: SecurityRole.systemAdministratorTemplateId))
        o.add(TestOrganisation.user("adele", roles: ["sa"]))
        let index = AccessIndex(environment: o.environment)
        #expect(Set(index.whoCan(column: credit, kind: .read).map(\.userId)) == ["zrinka", "adele"])
        #expect(Set(index.whoCan(column: credit, kind: .update).map(\.userId)) == ["zrinka", "ben", "adele"])
    }

    @Test func dormantProfileMembersAreNotAllowedAtRuntime() {
        var o = org()
        o.environment.users["zrinka"]?.isDisabled = true
        let a = o.environment.columnAccess(of: o.environment.users["zrinka"]!, column: credit, kind: .read)
        #expect(a.grantedAllowed && !a.allowed && a.dormancy == [.disabled])
    }
    /// A profile granted Read unmasked on account.accountid (a key, never secured): saved,
    /// validated, and diffed as "secured column exposed". Dataverse keeps field permissions only
    /// for secured columns.
    @Test func aPermissionOnAColumnThatIsNotSecuredIsRefused() throws {
        var o = org()
        o.environment.tables["account"]?.columns["accountid"] = Column(logicalName: "accountid")
        var s = Snapshot(tenant: "T", environments: [o.environment])
        let e = TestOrganisation.env
        for (column, words) in [("revenue", "secure it first"), ("accountid", "cannot be secured [I]")] {
            let ref = ColumnReference(table: "account", column: column)
            let error = try #require(throws: ChangeError.self) {
                try s.apply(
                    .setColumnPermission(
                        environment: e, profile: "p-read", column: ref, permission: ColumnPermission(canReadUnmasked: .oneRecord)))
            }
            #expect(error.message.contains("account.\(column) is not a secured column") && error.message.contains(words))
            let copy = FieldSecurityProfile(id: "p-new", name: "New", permissions: [ref: ColumnPermission(canRead: true)])
            #expect(throws: ChangeError.self) { try s.apply(.createProfile(environment: e, profile: copy)) }
        }
        #expect(s.environments[e]?.fieldSecurityProfiles["p-read"]?.permissions.count == 1)
    }

    /// Unsecuring a column takes its permissions out of the profiles (they would grant on a
    /// column that is not secured); undo secures it again and gives them back.
    @Test func unsecuringAColumnTakesItsPermissionsAndUndoGivesThemBack() throws {
        var s = Snapshot(tenant: "T", environments: [org().environment])
        let before = s
        let inverse = try s.apply(.setColumnSecured(environment: TestOrganisation.env, column: credit, secured: false))
        let env = try #require(s.environments[TestOrganisation.env])
        #expect(env.fieldSecurityProfiles.values.allSatisfy { $0.permissions[credit] == nil })
        try s.apply(inverse)
        #expect(s == before)
    }
}
