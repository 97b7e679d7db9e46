import Testing

@testable import SecurityModel

/// AP1 and AP2 share credential-named columns: every such column not secured is reported once,
/// by AP2 when it looks at the column (custom table, custom column), else by AP1.
@Suite struct ChecksCredentialColumnTests {
    typealias F = DiffFixtures

    func findings(_ env: Environment, _ rules: Set<String> = ["AP1", "AP2"]) -> [Finding] {
        GoLiveChecks.run(env).filter { rules.contains($0.ruleId) }
    }

    /// Found by a review: `contact.password` and `contact.apitoken` (standard columns of a
    /// standard table) were reported by neither rule, while `governmentid` got AP1.
    @Test func credentialColumnsOfAStandardTableAreAP1() throws {
        var env = F.environment()
        env.tables["contact"]?.columns["password"] = Column(logicalName: "password")
        env.tables["contact"]?.columns["apitoken"] = Column(logicalName: "apitoken")
        let found = findings(env)
        #expect(found.map(\.ruleId) == ["AP1", "AP1"])
        #expect(found.map(\.place.path) == ["table/contact/column/apitoken", "table/contact/column/password"])
        #expect(found.map(\.severity) == [.warning, .warning])
        let password = try #require(found.last)
        #expect(
            password.message
                == "contact.password looks like a credential ('password') but is not secured: everyone who can read contact can read it.")
        // Secured, it is no longer AP1's; AP2 leaves standard columns of standard tables alone.
        env.tables["contact"]?.columns["password"]?.isSecured = true
        env.tables["contact"]?.columns["apitoken"]?.isSecured = true
        #expect(findings(env).isEmpty)
    }

    /// Microsoft's own credential column of its own table: not AP2's (not the organisation's to
    /// move to Key Vault), but, not secured, AP1's like any other sensitive-named column.
    @Test func platformCredentialColumnIsAP1NotAP2() {
        var env = F.environment()
        env.tables["emailserverprofile"] = Table(
            logicalName: "emailserverprofile", columns: [Column(logicalName: "incomingpassword", displayName: "Incoming Password")])
        #expect(findings(env, ["AP2"]).isEmpty)
        #expect(findings(env, ["AP1"]).map(\.place.path) == ["table/emailserverprofile/column/incomingpassword"])
    }

    /// Exactly one finding per credential-named column, whichever rule: custom columns and
    /// columns of custom tables stay AP2's (an error when not secured), never AP1's too.
    @Test func everyUnsecuredCredentialColumnHasExactlyOneFinding() {
        var env = F.environment()
        env.tables["contoso_vault"] = Table(
            logicalName: "contoso_vault", isCustom: true,
            columns: [Column(logicalName: "contoso_clientsecret"), Column(logicalName: "token")])
        env.tables["account"]?.columns["contoso_apikey"] = Column(logicalName: "contoso_apikey")
        env.tables["account"]?.columns["refreshtoken"] = Column(logicalName: "refreshtoken")
        env.tables["contact"]?.columns["contoso_salary"] = Column(logicalName: "contoso_salary")
        let columns = [
            ("account", "contoso_apikey"), ("account", "refreshtoken"), ("contoso_vault", "contoso_clientsecret"),
            ("contoso_vault", "token"), ("contact", "contoso_salary"),
        ]
        let found = findings(env).filter { $0.place.path.contains("/column/") }
        for (table, column) in columns {
            let path = "table/\(table)/column/\(column)"
            #expect(found.filter { $0.place.path == path }.count == 1, "\(path)")
        }
        func rule(_ path: String) -> String? { found.first { $0.place.path == path }?.ruleId }
        #expect(rule("table/account/column/contoso_apikey") == "AP2")
        #expect(rule("table/account/column/refreshtoken") == "AP1")
        #expect(rule("table/contoso_vault/column/contoso_clientsecret") == "AP2")
        #expect(rule("table/contoso_vault/column/token") == "AP2")
        #expect(rule("table/contact/column/contoso_salary") == "AP1")
        #expect(found.filter { $0.ruleId == "AP2" }.allSatisfy { $0.severity == .error })
        // Names that are not credentials stay out of both: a secretary, a token-less discard.
        env.tables["contact"]?.columns["companysecretary"] = Column(logicalName: "companysecretary")
        env.tables["contact"]?.columns["discardreason"] = Column(logicalName: "discardreason")
        #expect(!findings(env).contains { $0.place.path.hasSuffix("companysecretary") || $0.place.path.hasSuffix("discardreason") })
    }

    @Test func sensitiveKeywordSaysWhichRuleOwnsACredential() {
        let standard = Table(logicalName: "contact")
        let custom = Table(logicalName: "contoso_vault", isCustom: true)
        func keyword(_ column: Column, _ table: Table) -> String? {
            SensitiveNames.sensitiveKeyword(column, in: table).map { "\($0.word)\($0.isCredential ? " (credential)" : "")" }
        }
        #expect(keyword(Column(logicalName: "password"), standard) == "password (credential)")
        #expect(keyword(Column(logicalName: "password"), custom) == nil)  // AP2's
        #expect(keyword(Column(logicalName: "contoso_password"), standard) == nil)  // AP2's
        #expect(keyword(Column(logicalName: "governmentid", displayName: "Social Security Number"), standard) == "socialsecurity")
        #expect(keyword(Column(logicalName: "apitoken"), standard) == "apitoken (credential)")  // one glued word
        #expect(keyword(Column(logicalName: "emailaddress1"), standard) == nil)
    }
}
