import Foundation
import SecurityModel
import Testing

/// Findings of a domain review of `dvsec check` and `dvsec effective`, each driven through the
/// real binary on the demo with one edit.
@Suite("CLI: check and effective review")
struct CheckReviewCLITests {
    /// The demo with `edit` applied to its production environment, written to a new file.
    func demo(_ edit: (inout Environment) throws -> Void) throws -> String {
        var snapshot = DemoOrganisation.snapshot
        let prod = try #require(snapshot.environment(matching: "prod"))
        var env = prod
        try edit(&env)
        snapshot.environments[prod.id] = env
        let file = BinaryRunner.temporaryDirectory() + "/review.json"
        #expect(FileManager.default.createFile(atPath: file, contents: SnapshotWriter.data(for: snapshot)))
        return file
    }

    func findings(_ file: String) throws -> [[String: Any]] {
        let r = try BinaryRunner.run(["check", file, "-e", "prod", "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        return try #require(root["findings"] as? [[String: Any]])
    }

    /// `contact.password` and `contact.apitoken`, standard columns of a standard table, were
    /// reported by neither AP1 nor AP2: each is now one AP1 warning.
    @Test func credentialColumnsOfAStandardTableAreReportedOnce() throws {
        let file = try demo { env in
            env.tables["contact"]?.columns["password"] = Column(logicalName: "password")
            env.tables["contact"]?.columns["apitoken"] = Column(logicalName: "apitoken")
        }
        let text = try BinaryRunner.run(["check", file, "-e", "prod"])
        #expect(text.stdout.contains("warning AP1   Contoso Production/table/contact/column/password"), "\(text.stdout)")
        #expect(
            text.stdout.contains(
                "contact.password looks like a credential ('password') but is not secured: everyone who can read contact can read it."))
        let found = try findings(file)
        for column in ["password", "apitoken"] {
            let about = found.filter { $0["path"] as? String == "table/contact/column/\(column)" }
            #expect(about.map { $0["rule"] as? String } == ["AP1"], "\(column)")
            #expect(about.map { $0["severity"] as? String } == ["warning"], "\(column)")
        }
    }

    /// AP2 says a configuration table's records are all readable exactly when `dvsec effective`
    /// scopes the holder's Deep Read to the root business unit (a review found AP2 using the
    /// holder's unit with modernized business units). Asked of the binary both ways, classic and
    /// modernized, role at the root held from a unit below and the reverse.
    @Test func ap2AgreesWithEffectiveOnWhereDeepReadPoints() throws {
        for modernized in [false, true] {
            for (roleAtRoot, userAtRoot) in [(true, false), (false, true)] {
                var root = ""
                let file = try demo { env in
                    root = try #require(env.rootBusinessUnit?.id)
                    let below = try #require(env.businessUnits.values.first { $0.parentId == root }?.id)
                    env.settings.modernizedBusinessUnits = modernized
                    env.tables["new_integrationsetting"] = Table(logicalName: "new_integrationsetting", isCustom: true)
                    env.roles["r-deep"] = SecurityRole(
                        id: "r-deep", name: "Deep Reader", businessUnitId: roleAtRoot ? root : below,
                        privileges: ["new_integrationsetting": PrivilegeRow([.read: .parentChildBusinessUnits])])
                    let cameron = try #require(env.users.values.first { $0.name == "Cameron White" })
                    env.users[cameron.id]?.businessUnitId = userAtRoot ? root : below
                    env.users[cameron.id]?.roleIds.insert("r-deep")
                }
                let context = "modernized \(modernized), role at root \(roleAtRoot)"
                let effective = try BinaryRunner.run([
                    "effective", file, "--user", "Cameron White", "--table", "new_integrationsetting", "--format", "json",
                ])
                let object = try #require(try JSONSerialization.jsonObject(with: Data(effective.stdout.utf8)) as? [String: Any])
                let row = try #require((object["tables"] as? [[String: Any]])?.first)
                let read = try #require((row["operations"] as? [String: Any])?["read"] as? [String: Any])
                let grants = try #require(read["grants"] as? [[String: Any]])
                let everyRecord = grants.contains {
                    (($0["path"] as? [String: Any])?["role"] as? String) == "r-deep" && $0["level"] as? String == "deep"
                        && $0["scopeBusinessUnit"] as? String == root
                }
                let ap2 = try findings(file).first {
                    $0["rule"] as? String == "AP2" && $0["path"] as? String == "table/new_integrationsetting"
                }
                #expect(ap2?["severity"] as? String == (everyRecord ? "error" : "warning"), "\(context)")
                #expect((ap2?["message"] as? String)?.contains("Deep Reader") == everyRecord, "\(context)")
            }
        }
    }
}
