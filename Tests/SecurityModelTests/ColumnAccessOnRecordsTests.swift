import Testing

@testable import SecurityModel

/// Column security never grants record access (DATAVERSE.md §1.6): a column permission without
/// the table operation it goes with has no record to be used on. Found by a domain review:
/// `dvsec effective` said "Read yes" where who-can said "no Read on account: no record to read
/// it on" and did not count the user.
@Suite("Column access on records")
struct ColumnAccessOnRecordsTests {
    let credit = ColumnReference(table: "account", column: "creditlimit")

    /// Zrinka holds a profile allowing Read and Update on the credit limit and no role; Ben the
    /// same profile and Read on accounts; Adele System Administrator.
    func org() -> TestOrganisation {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("sa", template: SecurityRole.systemAdministratorTemplateId))
        org.add(TestOrganisation.role("reader", ["account": [.read: .businessUnit]]))
        org.add(TestOrganisation.user("adele", roles: ["sa"]))
        org.add(TestOrganisation.user("ben", roles: ["reader"]))
        org.add(TestOrganisation.user("zrinka"))
        org.add(
            FieldSecurityProfile(
                id: "p-credit", name: "Credit", permissions: [credit: ColumnPermission(canRead: true, canUpdate: true)],
                userIds: ["ben", "zrinka"]))
        return org
    }

    func answer(_ env: Environment, _ user: String, _ kind: ColumnPermissionKind) throws -> ColumnAccessAnswer {
        env.columnAccessOnRecords(of: try #require(env.users[user]), column: credit, kind: kind)
    }

    @Test func aProfileWithoutTheTableOperationHasNoRecordToUseItOn() throws {
        let env = org().environment
        let zrinka = try answer(env, "zrinka", .read)
        #expect(zrinka.grantedAllowed && zrinka.allowed)  // the profile allows it, as before
        #expect(zrinka.tableLevel == AccessLevel.none)
        #expect(zrinka.withoutTableOperation)
        #expect(zrinka.withoutTableOperationWords == "no Read on account: no record to read it on")
        // Update goes with Write, which neither has.
        let update = try answer(env, "ben", .update)
        #expect(update.withoutTableOperation)
        #expect(update.withoutTableOperationWords == "no Write on account: no record to update it on")
    }

    @Test func withTheTableOperationOrWithoutThePermissionNothingIsSaid() throws {
        let env = org().environment
        let ben = try answer(env, "ben", .read)
        #expect(ben.tableLevel == .businessUnit && !ben.withoutTableOperation && ben.withoutTableOperationWords == nil)
        let admin = try answer(env, "adele", .update)
        #expect(admin.tableLevel == .organization && !admin.withoutTableOperation)
        // Create is not allowed at all: "no", not "no record".
        let create = try answer(env, "zrinka", .create)
        #expect(!create.grantedAllowed && !create.withoutTableOperation)
        // An unsecured column is not column security's: the table operation alone decides.
        var o = org()
        o.environment.tables["account"]?.columns["creditlimit"]?.isSecured = false
        #expect(try !answer(o.environment, "zrinka", .read).withoutTableOperation)
        // The plain engine answer does not work the level out, and says nothing.
        let plain = env.columnAccess(of: try #require(env.users["zrinka"]), column: credit, kind: .read)
        #expect(plain.tableLevel == nil && !plain.withoutTableOperation)
    }

    /// The JSON of a column answer carries the level (key added), `none` for no record.
    @Test func theJSONCarriesTheTableLevel() throws {
        let env = org().environment
        #expect(env.jsonObject(try answer(env, "zrinka", .read))["tableLevel"] as? String == "none")
        #expect(env.jsonObject(try answer(env, "ben", .read))["tableLevel"] as? String == "local")
        let plain = env.columnAccess(of: try #require(env.users["zrinka"]), column: credit, kind: .read)
        #expect(env.jsonObject(plain)["tableLevel"] == nil)
    }

    /// Effective access and who-can say the same on the demo, for every secured column, every
    /// permission and every user who-can lists: one rule, asked from both sides.
    @Test func effectiveAccessAgreesWithWhoCanOnTheDemo() throws {
        for env in DemoOrganisation.snapshot.environments.values {
            let index = AccessIndex(environment: env)
            for table in env.sortedTables {
                for column in table.securedColumns {
                    let ref = ColumnReference(table: table.logicalName, column: column.logicalName)
                    for kind in ColumnPermissionKind.allCases {
                        let whoCan = try #require(index.columnWhoCan(ref, kind: kind))
                        for entry in whoCan.users + whoCan.dormantUsers {
                            let user = try #require(env.users[entry.userId])
                            let mine = env.columnAccessOnRecords(of: user, column: ref, kind: kind)
                            #expect(mine.tableLevel == entry.tableLevel, "\(user.name) \(ref) \(kind)")
                            #expect(mine.withoutTableOperation == entry.answer.withoutTableOperation, "\(user.name) \(ref) \(kind)")
                        }
                        #expect(
                            whoCan.usersWithoutTableOperation
                                == whoCan.users.count {
                                    env.columnAccessOnRecords(of: env.users[$0.userId]!, column: ref, kind: kind).withoutTableOperation
                                })
                    }
                }
            }
        }
    }

    /// The access report says it too, in each format.
    @Test func theReportSaysNotUsable() throws {
        let env = org().environment
        let report = try #require(UserAccessReport(environment: env, userId: "zrinka"))
        let line = try #require(report.columns.first { $0.column == credit })
        #expect(line.allowed[.read] == true && line.withoutTableOperation == [.read, .update])
        let text = ReportTextRenderer().render(report)
        #expect(
            text.contains(
                "account.creditlimit: Read not usable [no Read on account: no record to read it on], Update not usable [no Write on account: no record to update it on] via profile Credit"
            ), "\(text)")
        let markdown = ReportMarkdownRenderer().render(report)
        #expect(markdown.contains("| not usable (no Read on account: no record to read it on) |"), "\(markdown)")
        let csv = ReportCSVRenderer().render(report)
        #expect(
            csv.contains("column,account.creditlimit,read,not usable (no Read on account: no record to read it on),profile Credit"),
            "\(csv)")
        // Ben reads accounts: his Read is plain; his Update still has no record.
        let ben = try #require(UserAccessReport(environment: env, userId: "ben"))
        #expect(
            ReportTextRenderer().render(ben).contains(
                "account.creditlimit: Read, Update not usable [no Write on account: no record to update it on] via profile Credit"))
    }
}
