import Testing

@testable import SecurityModel

/// The three ways of asking (one cell, one user's matrix, every user through the index) agree.
@Suite("Engine consistency")
struct EngineConsistencyTests {
    @Test func matrixIndexAndPerCellAnswersAgreeOnTheDemoOrganisation() {
        for env in DemoOrganisation.snapshot.sortedEnvironments {
            let index = AccessIndex(environment: env)
            var matrices: [String: [PrivilegeRow]] = [:]
            index.forEachEffectiveMatrix { user, matrix in matrices[user.id] = matrix }
            #expect(matrices.count == env.users.count)
            for user in env.users.values {
                let rows = env.effectiveRows(of: user)
                #expect(rows.map(\.table) == index.tableNames)
                for (i, row) in rows.enumerated() {
                    #expect(matrices[user.id]?[i] == row.levels, "\(user.name) \(row.table)")
                    for op in TableOperation.allCases {
                        let a = env.effectiveAccess(of: user, table: row.table, operation: op)
                        #expect(a.level == row.levels[op], "\(user.name) \(row.table) \(op)")
                        #expect(a.grantedLevel == row.grantedLevels[op], "\(user.name) \(row.table) \(op)")
                    }
                }
            }
        }
    }

    @Test func whoCanAgreesWithPerUserAnswers() {
        let env = DemoOrganisation.snapshot.sortedEnvironments[0]
        let index = AccessIndex(environment: env)
        for table in ["account", "contoso_payment", "product"] {
            for level in [AccessLevel.user, .businessUnit, .organization] {
                let answer = index.whoCan(table: table, operation: .read, minimumLevel: level)
                let expected = Set(
                    env.users.values.filter {
                        let a = env.effectiveAccess(of: $0, table: table, operation: .read)
                        return a.level >= level
                    }.map(\.id))
                #expect(Set(answer.users.map(\.userId)) == expected, "\(table) \(level)")
                for entry in answer.users { #expect(entry.grants.allSatisfy { $0.level >= level }) }
            }
        }
    }

    /// Past 2,000 candidates the engine runs on every core, in parts merged back: the answer
    /// must be the per-user one, each user once, in the documented order.
    @Test func whoCanOnManyCandidatesAgreesWithPerUserAnswers() throws {
        let env = try #require(SnapshotGenerator.generate(users: 3_000, teams: 40, roles: 12, tables: 20, seed: 7).sortedEnvironments.first)
        let index = AccessIndex(environment: env)
        for op in [TableOperation.read, .write] {
            let answer = index.whoCan(table: "account", operation: op, minimumLevel: .user)
            #expect(answer.users.count + answer.dormantUsers.count + answer.readAccessModeUsers.count > 2_000)
            let expected = Set(
                env.users.values.filter {
                    let a = env.effectiveAccess(of: $0, table: "account", operation: op)
                    return a.level >= .user
                }.map(\.id))
            let ids = answer.users.map(\.userId)
            #expect(Set(ids) == expected && ids.count == expected.count, "\(op)")
            let levels = answer.users.map(\.level)
            #expect(zip(levels, levels.dropFirst()).allSatisfy { $0 >= $1 })
        }
    }

    @Test func theDemoOrganisationIsValidAndHasTheAdvertisedShape() throws {
        let snapshot = DemoOrganisation.snapshot
        let data = SnapshotWriter.data(for: snapshot)
        let back = try SnapshotReader.read(data)
        #expect(back == snapshot)
        #expect(snapshot.environments.count == 3)
        #expect(Set(snapshot.environments.values.map(\.type)) == [.production, .sandbox, .developer])
        let prod = snapshot.sortedEnvironments[0]
        #expect(prod.type == .production)
        #expect((35...45).contains(prod.users.count))
        #expect(prod.users.values.contains { $0.isDisabled })
        #expect(prod.users.values.contains { $0.isApplicationUser })
        #expect(Set(prod.teams.values.map(\.type)) == Set(TeamType.allCases))
        #expect(prod.roles.count >= 12)
        #expect(prod.roles.values.contains { $0.builtIn == .systemAdministrator })
        #expect(prod.roles.values.contains { $0.builtIn == .systemCustomizer })
        #expect(prod.roles.values.contains { $0.builtIn == .basicUser })
        #expect(
            prod.roles.values.contains {
                $0.privileges.values.contains { $0.storage.max() == AccessLevel.parentChildBusinessUnits.rawValue }
            })
        #expect((28...35).contains(prod.tables.count))
        #expect(prod.tables.values.contains { $0.ownership == .organization && $0.isCustom })
        #expect(prod.fieldSecurityProfiles.count >= 3)
        let depth = prod.businessUnits.keys.map { prod.depth(ofBusinessUnit: $0) }.max()
        #expect(depth == 2)  // three levels
    }
}
