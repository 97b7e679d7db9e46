import Foundation
import PropertyBased
import Testing

@testable import SecurityModel

/// Properties over generated organisations (SnapshotGenerator with a random seed).
@Suite("Properties over generated organisations")
struct PropertyTests {
    static func organisation(_ seed: UInt64) -> Snapshot {
        SnapshotGenerator.generate(users: 60, teams: 25, roles: 12, tables: 30, seed: seed)
    }

    @Test func applyingAChangeThenItsInverseGivesBackTheOriginal() async {
        await propertyCheck(count: propertyCount(60), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            let original = Self.organisation(UInt64(seed))
            var snapshot = original
            var rng = SeededGenerator(seed: UInt64(pick))
            var inverses: [Change] = []
            for _ in 0..<8 {
                let env = snapshot.sortedEnvironments[0]
                let change = RandomEdits.change(in: env, using: &rng)
                if let inverse = try? snapshot.apply(change) { inverses.append(inverse) }
            }
            for inverse in inverses.reversed() {
                #expect(throws: Never.self) { try snapshot.apply(inverse) }
            }
            #expect(snapshot == original)
        }
    }

    @Test func addingARoleNeverLowersAnyEffectiveLevel() async {
        await propertyCheck(count: propertyCount(40), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            var snapshot = Self.organisation(UInt64(seed))
            let env = snapshot.sortedEnvironments[0]
            let users = env.users.keys.sorted()
            let roles = env.roles.keys.sorted()
            let user = users[pick % users.count]
            guard
                let role = roles.first(where: { !(env.users[user]?.roleIds.contains($0) ?? true) && (pick / 7) % 2 == 0 })
                    ?? roles.last(where: { !(env.users[user]?.roleIds.contains($0) ?? true) })
            else { return }
            let before = env.effectiveRows(of: env.users[user]!)
            #expect(throws: Never.self) { try snapshot.apply(.assignUserRole(environment: env.id, user: user, role: role)) }
            let afterEnv = snapshot.sortedEnvironments[0]
            let after = afterEnv.effectiveRows(of: afterEnv.users[user]!)
            for (b, a) in zip(before, after) {
                for op in TableOperation.allCases {
                    #expect(a.grantedLevels[op] >= b.grantedLevels[op], "\(b.table) \(op)")
                    #expect(a.levels[op] >= b.levels[op] || !afterEnv.dormancy(of: afterEnv.users[user]!).isEmpty)
                }
            }
        }
    }

    @Test func removingEveryRoleAndTeamLeavesNoAccess() async {
        await propertyCheck(count: propertyCount(40), input: Gen.int(in: 0...10_000), Gen.int(in: 0...1_000_000)) { seed, pick in
            var snapshot = Self.organisation(UInt64(seed))
            let env = snapshot.sortedEnvironments[0]
            let userId = env.users.keys.sorted()[pick % env.users.count]
            let user = env.users[userId]!
            var changes: [Change] = user.roleIds.sorted().map { .removeUserRole(environment: env.id, user: userId, role: $0) }
            for team in env.teams(of: user) {
                if team.isDefault || (team.type.isGroupTeam && team.entraGroupId.flatMap { env.entraGroups[$0] } != nil) {
                    // Membership comes from the business unit or the Entra group: take the roles off the team instead.
                    changes += team.roleIds.sorted().map { .removeTeamRole(environment: env.id, team: team.id, role: $0) }
                } else {
                    changes.append(.removeTeamMember(environment: env.id, team: team.id, user: userId))
                }
            }
            #expect(throws: Never.self) { try snapshot.apply(all: changes) }
            let after = snapshot.sortedEnvironments[0]
            let rows = after.effectiveRows(of: after.users[userId]!)
            #expect(rows.allSatisfy { $0.grantedLevels.isEmpty && $0.levels.isEmpty })
            for ref in after.tables.values.flatMap({ t in
                t.securedColumns.map { ColumnReference(table: t.logicalName, column: $0.logicalName) }
            }) {
                // Column access comes from profiles, not roles: only profile membership may remain.
                let a = after.columnAccess(of: after.users[userId]!, column: ref, kind: .read)
                #expect(a.systemAdministrator == nil)
            }
        }
    }

    @Test func saveThenLoadGivesAnEqualModelAndIdenticalBytes() async {
        await propertyCheck(count: propertyCount(25), input: Gen.int(in: 0...10_000)) { seed in
            let snapshot = Self.organisation(UInt64(seed))
            let bytes = SnapshotWriter.data(for: snapshot)
            let loaded = try? SnapshotReader.read(bytes)
            #expect(loaded == snapshot)
            if let loaded { #expect(SnapshotWriter.data(for: loaded) == bytes) }
        }
    }

    @Test func theGeneratorIsDeterministic() {
        let a = SnapshotWriter.data(for: SnapshotGenerator.generate(users: 500, teams: 40, roles: 20, tables: 40, seed: 7))
        let b = SnapshotWriter.data(for: SnapshotGenerator.generate(users: 500, teams: 40, roles: 20, tables: 40, seed: 7))
        let c = SnapshotWriter.data(for: SnapshotGenerator.generate(users: 500, teams: 40, roles: 20, tables: 40, seed: 8))
        #expect(a == b)
        #expect(a != c)
        #expect(throws: Never.self) { try SnapshotReader.read(a) }
    }
}
