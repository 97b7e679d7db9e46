import Foundation
import Testing

@testable import SecurityModel

/// A diff's target takes the base's records it has byte for byte instead of parsing them again.
/// Whatever it reuses, the target must load to exactly what loading it alone gives, with the same
/// problems in the same places.
@Suite("Reusing the base's records while reading a diff's target")
struct RecordReuseTests {
    /// Enough users, teams and roles for each array to be read on both cores (where records are reused).
    static let base = SnapshotGenerator.generate(users: 20_000, teams: 2_000, roles: 200, tables: 12, seed: 5)

    /// The base with a few users, a team and a role changed, one user removed and one added.
    static var edited: Snapshot {
        var snapshot = base
        let env = snapshot.sortedEnvironments[0]
        let userIds = env.users.keys.sorted()
        let roleIds = env.roles.keys.sorted()
        snapshot.environments[env.id]?.users[userIds[10]]?.name = "Renamed User"
        snapshot.environments[env.id]?.users[userIds[15_000]]?.roleIds.insert(roleIds[0])
        snapshot.environments[env.id]?.users[userIds[300]] = nil
        for (id, team) in env.teams where team.memberIds.contains(userIds[300]) {
            snapshot.environments[env.id]?.teams[id]?.memberIds.remove(userIds[300])
        }
        for (id, group) in env.entraGroups where group.members[userIds[300]] != nil {
            snapshot.environments[env.id]?.entraGroups[id]?.members[userIds[300]] = nil
        }
        snapshot.environments[env.id]?.users["00000000-0000-4000-8000-00000000abcd"] = User(
            id: "00000000-0000-4000-8000-00000000abcd", name: "New User",
            businessUnitId: env.businessUnits.values.first { $0.parentId == nil }?.id ?? "",
            roleIds: [roleIds[1]])
        let teamId = env.teams.keys.sorted()[7]
        snapshot.environments[env.id]?.teams[teamId]?.name = "Renamed Team"
        snapshot.environments[env.id]?.roles[roleIds[3]]?.description = "changed"
        return snapshot
    }

    @Test func theTargetLoadsExactlyAsItDoesAlone() throws {
        let target = Self.edited
        let (b, t) = try SnapshotReader.readPair(
            SnapshotWriter.data(for: Self.base), source: "base", SnapshotWriter.data(for: target), source: "target")
        #expect(b == Self.base)
        #expect(t == target)
        #expect(t != Self.base)
    }

    @Test func everyUnchangedRecordIsFoundAndNoChangedOne() throws {
        let found = try reusable(SnapshotWriter.data(for: Self.base), SnapshotWriter.data(for: Self.edited))
        let before = Self.base.sortedEnvironments[0]
        let after = Self.edited.sortedEnvironments[0]
        // The writer is deterministic: a record has the same bytes exactly when it has the same value.
        let sameUsers = after.users.filter { before.users[$0.key] == $0.value }.count
        let sameTeams = after.teams.filter { before.teams[$0.key] == $0.value }.count
        let sameRoles = after.roles.filter { before.roles[$0.key] == $0.value }.count
        #expect(sameUsers == before.users.count - 3)  // two changed, one removed (and one added)
        #expect(sameRoles == before.roles.count - 1)
        #expect(found.users == sameUsers)
        #expect(found.teams == sameTeams)
        #expect(found.roles == sameRoles)
    }

    @Test func theBaseRecordsItsUsersTeamsRolesAndGroups() throws {
        let parsed = try SnapshotReader.parse(SnapshotWriter.data(for: Self.base), source: nil, reusing: nil, recording: true)
        let records = try #require(parsed.records)
        let env = Self.base.sortedEnvironments[0]
        #expect(records.users.count == env.users.count)
        #expect(records.teams.count == env.teams.count)
        #expect(records.roles.count == env.roles.count)
        #expect(records.count >= env.users.count + env.teams.count + env.roles.count)
    }

    @Test func aRecordIsFoundOnlyByItsExactBytesAndKind() throws {
        let user = #"{"businessUnit": "b", "id": "u1", "name": "Ann"}"#
        let team = #"{"businessUnit": "b", "id": "t1", "name": "Ann"}"#
        var env = RawEnvironment()
        env.users = ["u1": User(id: "u1", name: "Ann", businessUnitId: "b")]
        env.userOrder = ["u1"]
        env.teams = [Team(id: "t1", name: "Ann", businessUnitId: "b")]
        let text = "[" + user + "," + team + "]"
        env.userSpans = [1..<(1 + user.utf8.count)]
        env.teamSpans = [(2 + user.utf8.count)..<(2 + user.utf8.count + team.utf8.count)]
        let records = RecordReuse(data: Data(("\u{FEFF}" + text).utf8), offset: 3, environments: [env])

        func find(_ kind: RecordReuse.Kind, _ s: String) -> Int? {
            let bytes = Array(("  " + s + " ").utf8)
            return bytes.withUnsafeBufferPointer { records.index(of: kind, $0, 2..<(2 + s.utf8.count)) }
        }
        #expect(find(.user, user) == 0)
        #expect(find(.team, team) == 0)
        // Same bytes, other kind; one byte changed; same length, other content; a prefix.
        #expect(find(.team, user) == nil)
        #expect(find(.user, user.replacingOccurrences(of: "Ann", with: "Anna")) == nil)
        #expect(find(.user, user.replacingOccurrences(of: "Ann", with: "Bob")) == nil)
        #expect(find(.user, String(user.dropLast())) == nil)
    }

    @Test func aReusedUserWhoseRoleIsGoneIsStillReportedAtItsPlace() throws {
        var target = Self.base
        let env = target.sortedEnvironments[0]
        let holder = try #require(env.users.keys.sorted().first { !(env.users[$0]?.roleIds.isEmpty ?? true) })
        let role = try #require(env.users[holder]?.roleIds.sorted().first)
        // The role goes, every user who holds it keeps the very same record bytes.
        target.environments[env.id]?.roles[role] = nil
        for (id, team) in env.teams where team.roleIds.contains(role) { target.environments[env.id]?.teams[id]?.roleIds.remove(role) }
        let targetData = SnapshotWriter.data(for: target)
        let alone = try #require(loadError { _ = try SnapshotReader.read(targetData, source: "target") })
        let paired = try #require(
            loadError { _ = try SnapshotReader.readPair(SnapshotWriter.data(for: Self.base), source: "base", targetData, source: "target") }
        )
        #expect(paired.source == "target")
        #expect(paired.problems == alone.problems)
        #expect(paired.problems.contains { $0.message == "unknown role '\(role)'" })
    }

    @Test func aBaseWithAProblemInARecordRecordsNothing() throws {
        var text = String(decoding: SnapshotWriter.data(for: Self.base), as: UTF8.self)
        let place = try #require(text.range(of: "\"domainName\": "))
        text.insert(contentsOf: "\"colour\": \"red\", ", at: place.lowerBound)
        let parsed = try SnapshotReader.parse(Data(text.utf8), source: nil, reusing: nil, recording: true)
        #expect(parsed.problems.contains { $0.message == "unknown key 'colour'" })
        #expect(parsed.records == nil)
    }

    @Test func aBrokenBaseIsReportedFirst() throws {
        var broken = Self.base
        let env = broken.sortedEnvironments[0]
        let user = env.users.keys.sorted()[5]
        broken.environments[env.id]?.users[user]?.businessUnitId = "nowhere"
        let error = try #require(
            loadError {
                _ = try SnapshotReader.readPair(SnapshotWriter.data(for: broken), source: "base", Data("{".utf8), source: "target")
            })
        #expect(error.source == "base")
        #expect(error.problems.map(\.message) == ["unknown business unit 'nowhere'"])
    }

    @Test func aBaseWithAByteOrderMarkIsReusedFromTheRightPlace() throws {
        let target = Self.edited
        let (b, t) = try SnapshotReader.readPair(
            Data([0xEF, 0xBB, 0xBF]) + SnapshotWriter.data(for: Self.base), source: "base",
            SnapshotWriter.data(for: target), source: "target")
        #expect(b == Self.base)
        #expect(t == target)
        let found = try reusable(Data([0xEF, 0xBB, 0xBF]) + SnapshotWriter.data(for: Self.base), SnapshotWriter.data(for: target))
        #expect(found.users == Self.base.sortedEnvironments[0].users.count - 3)
    }

    /// How many of the target's users, teams and roles the base's records have.
    private func reusable(_ base: Data, _ target: Data) throws -> (users: Int, teams: Int, roles: Int) {
        let records = try #require(try SnapshotReader.parse(base, source: nil, reusing: nil, recording: true).records)
        let raw = try SnapshotReader.parse(target, source: nil, reusing: nil, recording: false).raw.environments[0]
        return target.withUnsafeBytes { data in
            let bytes = data.bindMemory(to: UInt8.self)
            func count(_ kind: RecordReuse.Kind, _ spans: [Range<Int>]) -> Int {
                spans.filter { records.index(of: kind, bytes, $0) != nil }.count
            }
            return (count(.user, raw.userSpans), count(.team, raw.teamSpans), count(.role, raw.roleSpans))
        }
    }

    private func loadError(_ body: () throws -> Void) -> SnapshotLoadError? {
        do {
            try body()
            return nil
        } catch let error as SnapshotLoadError {
            return error
        } catch {
            return nil
        }
    }
}
