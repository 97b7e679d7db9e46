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
}
