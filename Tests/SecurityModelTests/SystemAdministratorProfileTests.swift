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

    /// Found by a review: the row Dataverse adds to the System Administrator profile when a
    /// column is secured read as "secured column exposed", an escalation, so securing a column (a
    /// reduction) failed the gate with exit 3.
    @Test func aSystemAdministratorProfileRowIsNoEscalation() throws {
        let base = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        var target = base
        let revenue = ColumnReference(table: "account", column: "revenue")
        target.tables["account"]?.columns["revenue"]?.isSecured = true
        let sa = try #require(base.fieldSecurityProfiles.values.first { $0.isSystemAdministratorProfile })
        target.fieldSecurityProfiles[sa.id]?.permissions[revenue] = .all
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let entry = try #require(r.entries.first { $0.objectId == sa.id })
        #expect(entry.risk == .neutral && entry.lines.allSatisfy { $0.risk == .neutral })
        #expect(!r.hasEscalation)
    }

    /// Found by a review: a column unsecured on one side was never compared for Read unmasked, so a
    /// member of a profile with Read but not Read unmasked, who gains unmasked reading, was missing.
    @Test func readUnmaskedIsComparedWhenAColumnIsSecuredOnOneSideOnly() throws {
        let base = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        let iban = ColumnReference(table: "contoso_payment", column: "contoso_iban")
        #expect(base.tables["contoso_payment"]?.columns["contoso_iban"]?.isSecured == true)
        var target = base
        target.tables["contoso_payment"]?.columns["contoso_iban"]?.isSecured = false
        for id in target.fieldSecurityProfiles.keys { target.fieldSecurityProfiles[id]?.permissions[iban] = nil }
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let zrinka = try #require(base.users.values.first { $0.name == "Zrinka Makovac" })
        let lines = try #require(r.impact(ofUser: zrinka.id)).columnChanges
        #expect(lines.contains { $0.column == iban && $0.kind == .readUnmasked && !$0.old && $0.new && $0.risk == .escalation })
    }
}
