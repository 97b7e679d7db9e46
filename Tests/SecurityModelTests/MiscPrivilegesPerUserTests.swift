import Testing

@testable import SecurityModel

/// `Environment.miscPrivileges(of:)` (one user, no index) gives the index's answer (rule 13).
@Suite("Miscellaneous privileges of one user")
struct MiscPrivilegesPerUserTests {
    static let demo = DemoOrganisation.snapshot

    func user(_ name: String, in env: Environment) throws -> User {
        try #require(env.users.values.first { $0.name == name })
    }

    @Test func everyDemoUserGetsTheIndexAnswer() {
        for env in Self.demo.sortedEnvironments {
            let index = AccessIndex(environment: env)
            for user in env.users.values {
                #expect(env.miscPrivileges(of: user) == index.miscPrivileges(of: user), "\(env.id) \(user.name)")
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func everyGeneratedUserGetsTheIndexAnswer(seed: UInt64) {
        var snapshot = SnapshotGenerator.generate(users: 150, teams: 20, roles: 10, tables: 8, seed: seed)
        // Misc privileges at assorted levels, so the highest level and team grants decide.
        let levels: [AccessLevel] = [.user, .businessUnit, .parentChildBusinessUnits, .organization]
        for env in snapshot.environments.values {
            var env = env
            for (i, id) in env.roles.keys.sorted().enumerated() {
                env.roles[id]?.miscPrivileges["prvBulkDelete"] = levels[i % levels.count]
                if i % 3 == 0 { env.roles[id]?.miscPrivileges["prvExportToExcel"] = levels[(i + 1) % levels.count] }
            }
            snapshot.environments[env.id] = env
        }
        for env in snapshot.environments.values {
            let index = AccessIndex(environment: env)
            var viaTeam = 0
            for user in env.users.values {
                let mine = env.miscPrivileges(of: user)
                #expect(mine == index.miscPrivileges(of: user), "\(user.id)")
                viaTeam += mine.values.filter { $0.teamId != nil }.count
            }
            #expect(viaTeam > 0, "the generated organisation should have team-held grants to compare")
        }
    }

    @Test func aRoleHeldOnlyThroughATeamGrantsItsPrivilegesToTheMember() throws {
        let env = try #require(Self.demo.environment(matching: "prod"))
        // Lynne Robbins holds Basic User herself and Salesperson through Key Accounts EU.
        let misc = env.miscPrivileges(of: try user("Lynne Robbins", in: env))
        let mailMerge = try #require(misc["prvmailmerge"])
        #expect(mailMerge.name == "prvMailMerge" && mailMerge.level == .organization)
        #expect(mailMerge.roleName == "Salesperson" && mailMerge.teamName == "Key Accounts EU" && !mailMerge.isSystemAdministrator)
        #expect(mailMerge.via == "team Key Accounts EU -> role Salesperson")
        // Held directly as well: the direct role comes first in holding order.
        #expect(misc["prvexporttoexcel"]?.roleName == "Basic User" && misc["prvexporttoexcel"]?.teamId == nil)
    }

    /// Every privilege at Global (DATAVERSE.md §1.4): each known one, named by a role or not,
    /// and any other a role names.
    @Test func systemAdministratorHoldsEveryPrivilegeAtOrganization() throws {
        var env = try #require(Self.demo.environment(matching: "prod"))
        let basic = try #require(env.roles.values.first { $0.name == "Basic User" })
        env.roles[basic.id]?.miscPrivileges["prvCustomThing"] = .user
        let misc = env.miscPrivileges(of: try user("Adele Vance", in: env))
        let named = Set(env.roles.values.flatMap { $0.miscPrivileges.filter { $0.value > .none }.keys.map { $0.lowercased() } })
        #expect(Set(misc.keys) == named.union(MiscellaneousPrivilegeNames.lowercased))
        #expect(misc["prvcustomthing"]?.name == "prvCustomThing" && misc["prvmerge"]?.name == "prvMerge")
        #expect(!named.contains("prvmerge"))
        #expect(misc.values.allSatisfy { $0.isSystemAdministrator && $0.level == .organization && $0.roleName == "System Administrator" })
    }

    @Test func aUserWithoutRolesHoldsNone() throws {
        let env = try #require(Self.demo.environment(matching: "prod"))
        var nobody = try user("Lynne Robbins", in: env)
        nobody.roleIds = []
        #expect(env.miscPrivileges(of: nobody, holdings: []).isEmpty)
    }
}

/// Access mode Read is read-only [I]: a miscellaneous privilege that writes is granted but not
/// effective; the diff reads lifting the mode as that privilege rising.
@Suite struct ReadAccessModeMiscPrivilegeTests {
    @Test func aPrivilegeThatWritesDoesNotWorkInAccessModeRead() {
        var user = User(id: "u", name: "U", domainName: "u@x", businessUnitId: "bu", accessMode: .read)
        #expect(user.readAccessModeBlocks(miscPrivilege: "prvBulkDelete"))
        #expect(user.readAccessModeBlocks(miscPrivilege: "PRVMERGE"))
        #expect(!user.readAccessModeBlocks(miscPrivilege: "prvExportToExcel"))
        #expect(!user.readAccessModeBlocks(miscPrivilege: "prvAddressBook"))
        #expect(!user.readAccessModeBlocks(miscPrivilege: "prvPrint"))
        // Found by a domain review: let through by the first-verb reading.
        for name in [
            "prvChangeSqlEncryptionKey", "prvQOIOverrideDelete", "prvActOnBehalfOfAnotherUser", "prvGoOffline", "prvSyncToOutlook",
            "prvMailMerge", "prvWebMailMerge", "prvDocumentGeneration",
        ] {
            #expect(user.readAccessModeBlocks(miscPrivilege: name), "\(name)")
        }
        for name in ["prvSearchAvailability", "prvUseOfficeApps", "prvUseTabletApp", "prvOneDrive"] {
            #expect(!user.readAccessModeBlocks(miscPrivilege: name), "\(name)")
        }
        user.accessMode = .readWrite
        #expect(!user.readAccessModeBlocks(miscPrivilege: "prvBulkDelete"))
    }

    @Test func liftingAccessModeReadRaisesThePrivilegesThatWrite() throws {
        var base = DiffFixtures.environment()
        base.roles[DiffFixtures.serviceRep]?.miscPrivileges = ["prvBulkDelete": .organization, "prvExportToExcel": .organization]
        base.users[DiffFixtures.hana]?.accessMode = .read
        var target = base
        target.users[DiffFixtures.hana]?.accessMode = .readWrite
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        let misc = try #require(r.impact(ofUser: DiffFixtures.hana)?.miscChanges)
        #expect(misc.map(\.name) == ["prvBulkDelete"])
        #expect(misc.first?.old == AccessLevel.none && misc.first?.new == .organization && misc.first?.risk == .escalation)
        // Given the role while in access mode Read: it works on neither side, so no line, as for
        // Delete on a table; the user is not dormant (a domain review found it shown as a dormant
        // None -> Organization). Lifting Read later is the line, as above.
        var read = DiffFixtures.environment()
        read.roles[DiffFixtures.serviceRep]?.miscPrivileges = ["prvBulkDelete": .organization]
        read.users[DiffFixtures.adele]?.accessMode = .read
        var given = read
        given.users[DiffFixtures.adele]?.roleIds.insert(DiffFixtures.serviceRep)
        let g = SnapshotDiff.compare(base: read, target: given, options: DiffOptions(runChecks: false))
        #expect(g.impact(ofUser: DiffFixtures.adele)?.miscChanges.contains { $0.name == "prvBulkDelete" } != true)
    }
}
