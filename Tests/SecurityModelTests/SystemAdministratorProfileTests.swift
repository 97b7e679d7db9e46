import Testing

@testable import SecurityModel

/// The built-in System Administrator field security profile holds every secured column with
/// every permission (DATAVERSE.md §1.6), also a column secured after the snapshot was taken,
/// whatever rows the file lists for it. Found by a review: a column secured in the console was
/// missing from it, so its members could not read it, while the console said the profile holds
/// every secured column.
@Suite struct SystemAdministratorProfileTests {
    @Test func aColumnSecuredLaterIsHeldByTheSystemAdministratorProfile() throws {
        var snapshot = DemoOrganisation.snapshot
        let prod = try #require(snapshot.environment(matching: "prod"))
        let revenue = ColumnReference(table: "account", column: "revenue")
        #expect(prod.tables["account"]?.columns["revenue"]?.isSecured == false)
        let alex = try #require(prod.users.values.first { $0.name == "Alex Wilber" })
        let sa = FieldSecurityProfile.systemAdministratorProfileId
        let saProfile = try #require(prod.fieldSecurityProfiles.values.first { $0.isSystemAdministratorProfile })
        #expect(saProfile.permissions[revenue] == nil)
        _ = try snapshot.apply(.setColumnSecured(environment: prod.id, column: revenue, secured: true))
        _ = try snapshot.apply(.addProfileUser(environment: prod.id, profile: saProfile.id, user: alex.id))
        let env = try #require(snapshot.environment(matching: "prod"))
        #expect(env.fieldSecurityProfiles[saProfile.id]?.permissions[revenue] == nil, "the file's rows are left as they are")
        for kind in ColumnPermissionKind.allCases {
            let answer = env.columnAccess(of: try #require(env.users[alex.id]), column: revenue, kind: kind)
            #expect(answer.allowed && answer.grants.contains { $0.profileId.lowercased() == sa }, "\(kind)")
        }
        #expect(env.columnAccess(of: try #require(env.users[alex.id]), column: revenue, kind: .readUnmasked).unmaskedScope == .allRecords)
        // Lists, details and `show` count what the engine allows (a review saw 6 there, 7 in the editor).
        let listed = env.columnPermissions(of: try #require(env.fieldSecurityProfiles[saProfile.id]))
        #expect(listed[revenue] == .all && listed.count == env.securedColumnReferences.count)
        let readers = AccessIndex(environment: env).whoCan(column: revenue, kind: .read)
        #expect(readers.contains { $0.userId == alex.id })
    }
}
