import Foundation
import SecurityModel
import Testing

/// Findings of a domain review of `dvsec check` and `dvsec effective`, each driven through the
/// real binary on the demo with one edit.
@Suite("CLI: check and effective review")
struct CheckReviewCLITests {
    /// The demo with `edit` applied to its production environment, written to a new file.
    func demo(_ edit: (inout Environment) throws -> Void) throws -> String {
        try BinaryRunner.demoFile(editingProduction: edit)
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

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try BinaryRunner.run(arguments)
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// A profile member with no Read on the table (c4b.json: no role at all): `effective` said
    /// "Read yes" where who-can said "[no Read on account: no record to read it on]" and did not
    /// count them. Text, JSON (`tableLevel`, a key added) and the report now say what who-can says.
    @Test func effectiveAndReportSayAColumnWithoutTheTableOperationIsNotUsable() throws {
        let file = try demo { env in
            let root = try #require(env.rootBusinessUnit?.id)
            env.users["u-norole"] = User(id: "u-norole", name: "Una Roleless", domainName: "una@contoso.com", businessUnitId: root)
            env.fieldSecurityProfiles["fsp-credit-readers"] = FieldSecurityProfile(
                id: "fsp-credit-readers", name: "Credit Readers",
                permissions: [ColumnReference(table: "account", column: "creditlimit"): ColumnPermission(canRead: true)],
                userIds: ["u-norole"])
        }
        let text = try BinaryRunner.run(["effective", file, "--user", "Una Roleless", "--explain"])
        let line = try #require(text.stdout.split(separator: "\n").first { $0.contains("account.creditlimit:") }, "\(text.stdout)")
        #expect(
            line.contains("account.creditlimit: Read not usable [no Read on account: no record to read it on], Create no"), "\(line)")
        #expect(line.contains("profile Credit Readers (direct): Read"), "\(line)")
        // Ben Walters: Read on accounts, Update through Finance Profile without Write.
        let ben = try BinaryRunner.run(["effective", file, "--user", "Ben Walters", "--explain"])
        #expect(
            ben.stdout.contains(
                "account.creditlimit: Read yes, Create no, Update not usable [no Write on account: no record to update it on]"),
            "\(ben.stdout)")
        // JSON: `allowed` keeps its meaning (the profiles allow it); `tableLevel` says the rest,
        // as who-can's entries do, and agrees with them for every user who-can lists.
        for (permission, operation) in [("read", "Read"), ("update", "Write")] {
            let whoCan = try json([
                "who-can", file, "--table", "account", "--column", "creditlimit", "--permission", permission, "--include-dormant",
                "--format", "json",
            ])
            let entries = try #require(whoCan["users"] as? [[String: Any]])
            #expect(!entries.isEmpty)
            for entry in entries {
                let id = try #require(entry["user"] as? String)
                let effective = try json(["effective", file, "--user", id, "--table", "account", "--format", "json"])
                let columns = try #require(effective["columns"] as? [[String: Any]])
                let mine = try #require(
                    columns.first { $0["column"] as? String == "creditlimit" && $0["permission"] as? String == permission })
                #expect(mine["tableLevel"] as? String == entry["tableLevel"] as? String, "\(operation) \(id)")
                #expect(mine["allowed"] as? Bool == entry["allowed"] as? Bool, "\(operation) \(id)")
            }
        }
        let una = try json(["effective", file, "--user", "Una Roleless", "--format", "json"])
        let read = try #require(
            (una["columns"] as? [[String: Any]])?.first {
                $0["column"] as? String == "creditlimit" && $0["permission"] as? String == "read"
            })
        #expect(read["tableLevel"] as? String == "none" && read["allowed"] as? Bool == true)
        // The access report, in each format.
        let report = try BinaryRunner.run(["report", file, "--user", "Una Roleless"])
        #expect(
            report.stdout.contains(
                "account.creditlimit: Read not usable [no Read on account: no record to read it on] via profile Credit Readers"),
            "\(report.stdout)")
        let markdown = try BinaryRunner.run(["report", file, "--user", "Una Roleless", "--format", "markdown"])
        #expect(markdown.stdout.contains("| account.creditlimit | not usable (no Read on account: no record to read it on) | - |"))
        let csv = try BinaryRunner.run(["report", file, "--user", "Una Roleless", "--format", "csv"])
        #expect(csv.stdout.contains("column,account.creditlimit,read,not usable (no Read on account: no record to read it on),"))
    }
}
