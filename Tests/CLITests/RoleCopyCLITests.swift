import Foundation
import SecurityModel
import Testing

/// The real binary on snapshots that name the role copy a user holds (`roleBusinessUnits`).
@Suite("CLI: role copies held", .serialized)
struct RoleCopyCLITests {
    /// Production with modernized business units, and a user of a child unit holding a role made
    /// at the root that grants some Local or Deep level: the user and that role.
    static func holder(_ env: Environment) throws -> (User, SecurityRole) {
        let scoped = env.roles.values.filter { role in
            role.builtIn == nil
                && role.privileges.values.contains { row in
                    TableOperation.allCases.contains { row[$0] == .businessUnit || row[$0] == .parentChildBusinessUnits }
                }
        }
        let root = try #require(env.rootBusinessUnit?.id)
        for user in env.sortedUsers where user.businessUnitId != root && !user.isDisabled {
            if let role = scoped.sorted(by: { $0.name < $1.name }).first(where: {
                user.roleIds.contains($0.id) && $0.businessUnitId == root
            }) {
                return (user, role)
            }
        }
        Issue.record("the demo has no user of a child unit holding a scoped root role")
        throw CancellationError()
    }

    @Test func aCopyOfAnotherUnitIsAVersion2FileAScopeMoveAndADanglingOneIsRefused() throws {
        var picked: (User, SecurityRole)?
        let target = try BinaryRunner.demoFile { env in
            env.settings.modernizedBusinessUnits = true
            let (user, role) = try Self.holder(env)
            picked = (user, role)
            let root = try #require(env.rootBusinessUnit?.id)
            env.users[user.id]?.roleBusinessUnitIds = [role.id: root]
        }
        let (user, role) = try #require(picked)
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.contains("\"version\": 2") && text.contains("\"roleBusinessUnits\""))
        #expect(try BinaryRunner.run(["validate", target]).status == 0)
        // The same file without the copy named is the base.
        var plain = try SnapshotReader.read(Data(text.utf8))
        let prod = try #require(plain.sortedEnvironments.first { $0.settings.type == .production })
        plain.environments[prod.id]?.users[user.id]?.roleBusinessUnitIds = [:]
        let before = BinaryRunner.write(plain, to: BinaryRunner.temporaryDirectory() + "/before.json")
        let r = try BinaryRunner.run(["diff", before, target, "--environment", "production", "--no-color"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stdout.contains("+ role copy \"\(role.name)\": \"Contoso\"   ! scope reaches more business units"), "\(r.stdout)")
        #expect(r.stdout.contains("held from"), "the user's impact names the cause")
        // A copy of a role the user does not hold: refused with its place.
        let dangling = text.replacingOccurrences(of: "\"\(role.id)\": \"", with: "\"r-nobody-holds\": \"")
        let path = BinaryRunner.temporaryDirectory() + "/dangling.json"
        try dangling.write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try BinaryRunner.run(["validate", path])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains("roleBusinessUnits.r-nobody-holds") && refused.stderr.contains("not among the user's roles"),
            "\(refused.stderr)")
    }
}
