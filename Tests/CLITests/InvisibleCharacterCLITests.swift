import Foundation
import SecurityModel
import Testing

/// Found by a hostile-input review: roles named `Audi<U+E0100>tor`, `Audi<U+1D173>tor`,
/// `Audi<U+1BCA0>tor` and `Audi<U+180B>tor` read `Auditor` in every output (the characters went
/// out raw, JSON included). Each output shows them escaped now.
@Suite("CLI: characters that draw as nothing are escaped")
struct InvisibleCharacterCLITests {
    static let invisible: [UInt32] = [0xE0100, 0x1D173, 0x1BCA0, 0x180B]

    @Test func everyOutputEscapesThem() throws {
        let (base, target) = try BinaryRunner.demoPair { env in
            let alex = try #require(env.users.values.first { $0.name == "Alex Wilber" })
            let root = try #require(env.businessUnits.values.first { $0.parentId == nil })
            for value in Self.invisible {
                let id = "00000000-0000-0000-0000-0000000\(String(value, radix: 16))"
                env.roles[id] = SecurityRole(
                    id: id, name: "Audi" + String(Unicode.Scalar(value)!) + "tor", businessUnitId: root.id,
                    privileges: ["account": PrivilegeRow([.read: .organization, .delete: .organization])])
            }
            env.users[alex.id]?.roleIds.insert("00000000-0000-0000-0000-0000000e0100")
        }
        let runs: [[String]] = [
            ["show", target, "roles", "-e", "prod"], ["show", target, "roles", "-e", "prod", "--format", "json"],
            ["effective", target, "--user", "Alex Wilber", "--table", "account", "--explain", "-e", "prod"],
            ["effective", target, "--user", "Alex Wilber", "--table", "account", "--explain", "-e", "prod", "--format", "json"],
            ["report", target, "--user", "Alex Wilber", "-e", "prod", "--format", "markdown"],
            ["report", target, "--user", "Alex Wilber", "-e", "prod", "--format", "csv"],
            ["diff", base, target], ["diff", base, target, "--format", "markdown"], ["diff", base, target, "--format", "json"],
        ]
        for args in runs {
            let r = try BinaryRunner.run(args)
            #expect([0, 1, 3].contains(r.status), "\(args): \(r.stderr)")
            #expect(!r.stdout.unicodeScalars.contains { Self.invisible.contains($0.value) }, "\(args)")
            let shown =
                args.contains("markdown") ? "Audi⟨U+E0100⟩tor" : args.contains("json") ? #"Audi\udb40\udd00tor"# : #"Audi\u{E0100}tor"#
            #expect(r.stdout.contains(shown), "\(args): \(r.stdout.prefix(2000))")
        }
    }
}
