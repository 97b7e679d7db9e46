import Foundation
import SecurityModel
import Testing

/// Who has access at run time, through the binary: licences, disabled business units and access
/// mode Administrative (EffectiveAccessRules rules 6, 9 and 10).
extension AccessReviewCLITests {
    /// An unlicensed non-interactive user needs no licence: active in `effective` and `who-can`,
    /// said why, without [I] (Microsoft states it).
    @Test func anUnlicensedNonInteractiveUserIsActive() throws {
        let file = try demo { env in
            let omar = try user(env, "Omar Haddad")
            #expect(!omar.isLicensed)
            env.users[omar.id]?.accessMode = .nonInteractive
        }
        let r = try BinaryRunner.run(["effective", file, "--user", "Omar Haddad"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("note: unlicensed, but a non-interactive user needs no licence: not dormant\n"), "\(r.stdout)")
        #expect(!r.stdout.contains("DORMANT"), "\(r.stdout)")
        let who = try BinaryRunner.run(["who-can", file, "--table", "systemuser", "--include-dormant"])
        let line = try #require(who.stdout.split(separator: "\n").first { $0.contains("Omar Haddad") })
        #expect(!line.contains("dormant"), "\(line)")
        let report = try BinaryRunner.run(["report", file, "--user", "Omar Haddad"])
        #expect(report.stdout.contains("a non-interactive user needs no licence"), "\(report.stdout)")
    }

    /// The demo and a copy with `edit` applied to its production environment; returns the paths.
    func demoPair(_ edit: (inout Environment) throws -> Void) throws -> (String, String) {
        try BinaryRunner.demoPair(editingProduction: edit)
    }

    /// A disabled business unit: its users (and those below it) are dormant, named with the
    /// unit, in `effective` (text and JSON) and `who-can --include-dormant`; `diff` reads
    /// disabling it as their loss (exit 1), enabling it as an escalation (exit 3).
    @Test func aDisabledBusinessUnitsUsersAreDormantAndTheDiffSaysSo() throws {
        let (enabled, disabled) = try demoPair { env in
            let unit = try #require(env.businessUnits.values.first { $0.name == "Sales EU" })
            env.businessUnits[unit.id]?.isDisabled = true
        }
        let r = try BinaryRunner.run(["effective", disabled, "--user", "Isaiah Langer"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "DORMANT: business unit Sales EU is disabled (its users and those of the units below it can't sign in) — levels below"),
            "\(r.stdout)")
        let json = try BinaryRunner.run(["effective", disabled, "--user", "Isaiah Langer", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["dormancy"] as? [String] == ["businessUnitDisabled"])
        let who = try BinaryRunner.run(["who-can", disabled, "--table", "account", "--include-dormant"])
        let line = try #require(who.stdout.split(separator: "\n").first { $0.contains("Isaiah Langer") })
        #expect(line.hasSuffix("[dormant: business unit Sales EU disabled]"), "\(line)")

        let off = try BinaryRunner.run(["diff", enabled, disabled, "-e", "production", "--no-checks"])
        #expect(off.status == 1, "\(off.stdout)\(off.stderr)")
        #expect(off.stdout.contains("because: business unit \"Sales EU\" disabled"), "\(off.stdout)")
        #expect(off.stdout.contains("runtime: active -> business unit Sales EU disabled"), "\(off.stdout)")
        let on = try BinaryRunner.run(["diff", disabled, enabled, "-e", "production", "--no-checks"])
        #expect(on.status == 3, "\(on.stdout)\(on.stderr)")
        #expect(on.stdout.contains("business unit enabled: its users can sign in"), "\(on.stdout)")
    }

    /// Access mode Administrative reaches no customer data: dormant in `effective` (said once,
    /// its grants shown as what the roles would give), among the dormant in `who-can`, its
    /// miscellaneous privileges left working; `diff` reads leaving the mode as an escalation
    /// (exit 3), entering it as a reduction (exit 1).
    @Test func accessModeAdministrativeHasNoCustomerData() throws {
        let (readWrite, administrative) = try demoPair { env in
            let nestor = try user(env, "Nestor Wilke")
            env.users[nestor.id]?.accessMode = .administrative
            env.users[nestor.id]?.isLicensed = false
        }
        let r = try BinaryRunner.run(["effective", administrative, "--user", "Nestor Wilke", "--explain"])
        #expect(r.status == 0, "\(r.stderr)")
        let dormant = "DORMANT: access mode Administrative: no access to customer data — levels below are what the grants would give"
        #expect(r.stdout.components(separatedBy: dormant).count == 2, "\(r.stdout)")
        #expect(!r.stdout.contains("read as Read-Write") && !r.stdout.contains("user has no licence"), "\(r.stdout)")
        #expect(r.stdout.contains("note: unlicensed, but access mode Administrative needs no licence"), "\(r.stdout)")
        #expect(r.stdout.contains("account Read: Organization (dormant)"), "\(r.stdout)")
        #expect(r.stdout.contains("\nMiscellaneous privileges:\n"), "\(r.stdout)")
        let json = try BinaryRunner.run(["effective", administrative, "--user", "Nestor Wilke", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["dormancy"] as? [String] == ["administrativeAccessMode"])
        let who = try BinaryRunner.run(["who-can", administrative, "--table", "account", "--include-dormant"])
        let line = try #require(who.stdout.split(separator: "\n").first { $0.contains("Nestor Wilke") })
        #expect(line.hasSuffix("[dormant: access mode Administrative]"), "\(line)")
        let active = try BinaryRunner.run(["who-can", administrative, "--table", "account"])
        #expect(!active.stdout.contains("Nestor Wilke"), "\(active.stdout)")

        let into = try BinaryRunner.run(["diff", readWrite, administrative, "-e", "production", "--no-checks"])
        #expect(into.status == 1, "\(into.stdout)\(into.stderr)")
        #expect(into.stdout.contains("runtime: active -> access mode Administrative"), "\(into.stdout)")
        let out = try BinaryRunner.run(["diff", administrative, readWrite, "-e", "production", "--no-checks"])
        #expect(out.status == 3, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("access mode Administrative lifted: customer data reachable"), "\(out.stdout)")
    }
}
