import Testing

@testable import SecurityModel

/// The fast entry points (a context built once per user, the index's numbered relations, the
/// deciding grant found without listing every grant) answer exactly what
/// `effectiveAccess(of:table:operation:teams:)` answers, on every cell.
@Suite("Access contexts and the index's dense answers")
struct AccessContextTests {
    /// The demo organisation, and generated ones edited at random (settings included), plus
    /// assignments and memberships that name roles, users and business units that don't exist.
    static func environments() -> [Environment] {
        var out = DemoOrganisation.snapshot.sortedEnvironments
        for seed in UInt64(1)...6 {
            var snapshot = SnapshotGenerator.generate(users: 120, teams: 24, roles: 10, tables: 14, seed: seed)
            var rng = SeededGenerator(seed: seed &* 31)
            for _ in 0..<8 {
                guard let env = snapshot.sortedEnvironments.first else { break }
                _ = try? snapshot.apply(RandomEdits.change(in: env, using: &rng))
            }
            guard var env = snapshot.sortedEnvironments.first else { continue }
            switch seed % 3 {
            case 0: env.settings.adminMode = env.type.allowsAdminMode
            case 1:
                env.settings.modernizedBusinessUnits = true
                // Roles made below the root: holders outside a role's subtree hold its own unit's
                // copy, those inside it their own unit's (Environment.assignedCopyBusinessUnitId).
                let units = env.businessUnits.keys.sorted().filter { env.businessUnits[$0]?.parentId != nil }
                for (i, id) in env.roles.keys.sorted().enumerated() where i % 2 == 0 && !units.isEmpty {
                    env.roles[id]?.businessUnitId = units[(i / 2) % units.count]
                }
            default: env.settings.securityGroupId = nil
            }
            if let (id, user) = env.users.first {
                var u = user
                u.roleIds.insert("missing-role")
                env.users[id] = u
            }
            if let tid = env.teams.values.first(where: { !$0.isDefault && $0.type == .owner })?.id {
                env.teams[tid]?.memberIds.insert("ghost-user")
                env.teams[tid]?.roleIds.insert("missing-role")
            }
            env.users["stray"] = User(
                id: "stray", name: "Stray", businessUnitId: "missing-bu",
                roleIds: Set(env.roles.keys.sorted().prefix(2)))
            // Who has access at run time: licences, access modes and disabled business units
            // (an enabled unit under a disabled one included), which the console does not edit.
            out.append(DiffPropertyTests.runtimeFlagsEdited(env, seed: seed &* 53))
            out.append(env)
        }
        return out
    }

    /// The per-operation counts the go-live checks use (AP5) equal what every user's whole
    /// runtime matrix says, for every operation and minimum level, on every test environment.
    @Test func runtimeCountsAgreeWithEveryUsersMatrix() {
        for env in Self.environments() {
            let index = AccessIndex(environment: env)
            let include: (Int) -> Bool = { $0 % 3 != 1 }
            for op in TableOperation.allCases {
                for minimum in AccessLevel.allCases where minimum > .none {
                    var expected = [Int](repeating: 0, count: index.tableNames.count)
                    var users = 0
                    index.forEachEffectiveMatrixBySlot { slot, matrix in
                        guard include(slot) else { return }
                        users += 1
                        for t in matrix.indices where matrix[t][op] >= minimum { expected[t] += 1 }
                    }
                    let counted = index.runtimeCounts(of: op, atLeast: minimum, users: include)
                    #expect(counted.users == users && counted.perTable == expected, "\(env.name) \(op) \(minimum)")
                }
            }
        }
    }

    @Test func contextsAndDenseAnswersAgreeWithTheEngineOnEveryCell() throws {
        for env in Self.environments() {
            let index = AccessIndex(environment: env)
            let tables = env.tables.keys.sorted() + ["no_such_table"]
            for user in env.users.values {
                let reference = env.accessContext(of: user)
                let context = index.accessContext(of: user)
                let slot = try #require(index.userSlots[user.id].map(Int.init))
                let numbered = index.accessContext(userAt: slot)
                let dense = index.denseUser(slot)
                for c in [context, numbered] {
                    #expect(c.teams.map(\.id) == reference.teams.map(\.id), "\(user.name)")
                    #expect(c.holdings == reference.holdings, "\(user.name)")
                    #expect(c.dormancy == reference.dormancy, "\(user.name)")
                    #expect(c.systemAdministrator == reference.systemAdministrator, "\(user.name)")
                    #expect(c.rootBusinessUnitId == reference.rootBusinessUnitId, "\(user.name)")
                }
                #expect(dense.dormancy == reference.dormancy, "\(user.name)")
                for table in tables {
                    let row = index.effectiveRow(of: context, table: table)
                    for op in TableOperation.allCases {
                        let answer = env.effectiveAccess(of: user, table: table, operation: op)
                        let cell = "\(user.name) \(table) \(op)"
                        #expect(env.effectiveAccess(of: context, table: table, operation: op) == answer, "\(cell)")
                        #expect(index.winningGrant(of: context, table: table, operation: op) == answer.winningGrant, "\(cell)")
                        #expect(index.winningGrant(of: reference, table: table, operation: op) == answer.winningGrant, "\(cell)")
                        guard let t = index.tableIndex[table] else {
                            #expect(row == nil)
                            continue
                        }
                        #expect(row?.levels[op] == answer.level && row?.grantedLevels[op] == answer.grantedLevel, "\(cell)")
                        #expect(index.grantedRow(dense, table: t)[op] == answer.grantedLevel, "\(cell)")
                        let decided = index.decidingGrant(dense, table: t, operation: op)
                        #expect(Self.grant(decided, index, dense, table: table, operation: op) == answer.winningGrant, "\(cell)")
                    }
                }
                for table in env.tables.values {
                    for column in table.columns.keys.sorted() {
                        let ref = ColumnReference(table: table.logicalName, column: column)
                        for kind in ColumnPermissionKind.allCases {
                            #expect(
                                env.columnAccess(of: context, column: ref, kind: kind)
                                    == env.columnAccess(of: user, column: ref, kind: kind))
                        }
                    }
                }
            }
        }
    }

    @Test func everyUsersMatrixFromTheIndexMatchesTheEngine() {
        for env in Self.environments() {
            let index = AccessIndex(environment: env)
            var seen = 0
            index.forEachEffectiveMatrix { user, matrix in
                seen += 1
                #expect(matrix == env.effectiveRows(of: user).map(\.levels), "\(user.name)")
            }
            #expect(seen == env.users.count)
            for user in env.users.values {
                #expect(index.teams(of: user).map(\.id) == (index.teamsByUser[user.id] ?? []), "\(user.name)")
            }
        }
    }

    /// The ``Grant`` a dense deciding grant stands for.
    static func grant(
        _ g: DenseDecidingGrant?, _ index: AccessIndex, _ user: DenseUser, table: String,
        operation: TableOperation
    ) -> Grant? {
        guard let g else { return nil }
        let roleId = index.roleIds[Int(g.role)]
        let teamId = g.team >= 0 ? index.teamIds[Int(g.team)] : ""
        let path: GrantPath =
            switch g.route {
            case .direct: .direct(roleId: roleId)
            case .team: .team(teamId: teamId, roleId: roleId)
            case .inherited: .inherited(teamId: teamId, roleId: roleId)
            }
        let scope = index.businessUnitIds[Int(index.scopeBusinessUnitSlot(of: g, user))]
        return Grant(
            table: table, operation: operation, level: g.level, scopeBusinessUnitId: scope,
            actsAs: g.route == .team ? .team(teamId) : .user, path: path, isSystemAdministrator: g.isSystemAdministrator)
    }
}
