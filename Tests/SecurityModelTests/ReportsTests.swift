import Testing

@testable import SecurityModel

@Suite struct ReportsTests {
    typealias F = DiffFixtures

    @Test func userReportListsRolesPathsMatrixColumnsAndWhatIsNotEvaluated() throws {
        let r = try #require(UserAccessReport(environment: F.environment(), userId: F.bob))
        #expect(r.roles.map { "\($0.roleName) — \($0.path)" } == ["Basic User — direct", "Service Rep — team Sales Team (Owner)"])
        #expect(r.roles.last?.inheritsMemberPrivileges == true)
        #expect(r.teams.map(\.membership) == ["explicit", "default team of the business unit"])
        #expect(r.matrix.map(\.table) == ["contact", "webresource"])
        #expect(r.matrix.first?.grantedLevels[.write] == .user)
        #expect(r.columns.map(\.column) == [F.ssn] && r.columns.first?.allowed[.read] == false)
        #expect(r.dormancy.isEmpty)
        #expect(r.notEvaluated.contains(NotEvaluated.recordSharing.label))
    }

    @Test func userReportShowsDormancyAndColumnAccess() throws {
        var env = F.environment()
        env.users[F.hana]?.isDisabled = true
        let r = try #require(UserAccessReport(environment: env, userId: F.hana))
        #expect(r.dormancy == [.disabled])
        #expect(r.columns.first?.allowed[.read] == true && r.columns.first?.via == ["profile HR"])
        let text = ReportTextRenderer().render(r)
        #expect(text.contains("DORMANT: user is disabled [I]"))
        #expect(text.contains("contact.contoso_ssn: Read via profile HR"))
        #expect(UserAccessReport(environment: env, userId: "nobody") == nil)
    }

    /// System Administrator holds every miscellaneous privilege, known or named by a role, at
    /// Organization (the engine's rule 13), and the report says so.
    @Test func aSystemAdministratorsReportListsEveryMiscellaneousPrivilege() throws {
        let env = try #require(DemoOrganisation.snapshot.environment(matching: "prod"))
        let admin = try #require(env.sortedUsers.first { u in u.roleIds.contains { env.roles[$0]?.isSystemAdministrator == true } })
        let r = try #require(UserAccessReport(environment: env, userId: admin.id))
        let named = Set(env.roles.values.flatMap { $0.miscPrivileges.filter { $0.value > .none }.keys.map { $0.lowercased() } })
        #expect(!named.isEmpty)
        #expect(Set(r.miscPrivileges.map { $0.name.lowercased() }) == named.union(MiscellaneousPrivilegeNames.lowercased))
        #expect(r.miscPrivileges.allSatisfy { $0.level == .organization && $0.roles.contains("System Administrator") })
    }

    @Test func userReportFormats() throws {
        let r = try #require(UserAccessReport(environment: F.environment(), userId: F.adele))
        let text = ReportTextRenderer().render(r)
        #expect(text.hasPrefix("Access report: Adele Vance <adele@fabrikam.com>\n"))
        #expect(text.contains("\n  account      User    BU    User   -       User    -          -       -\n"))
        let md = ReportMarkdownRenderer().render(r)
        #expect(md.contains("| account | User | Business Unit | User | - | User | - | - | - |"))
        let csv = ReportCSVRenderer().render(r)
        let rows = csv.split(separator: "\r\n").map(String.init)
        #expect(rows.first == "section,item,detail,value,via")
        #expect(rows.contains(#"access,account,read,local,"direct role ""Salesperson"": records in BU Sales""#))
        #expect(rows.contains("role,Salesperson,\(F.salesperson),,direct"))
    }

    /// A Business Unit level held through a team of another unit covers that unit's records, not
    /// the user's (DATAVERSE.md §2 rule 2): every format says which unit.
    @Test func userReportSaysWhichBusinessUnitALocalOrDeepLevelCovers() throws {
        var org = TestOrganisation()
        org.add(TestOrganisation.role("reader", ["account": [.read: .businessUnit, .write: .parentChildBusinessUnits]]))
        org.add(TestOrganisation.user("ann", bu: TestOrganisation.salesEU))
        org.add(Team(id: "t-eu", name: "Europe Desk", businessUnitId: TestOrganisation.europe, memberIds: ["ann"], roleIds: ["reader"]))
        let r = try #require(UserAccessReport(environment: org.environment, userId: "ann"))
        let read = try #require(r.reasons.first { $0.table == "account" && $0.operation == .read })
        // Her own records are in Sales EU, which Local on Europe does not reach: the inherited
        // Basic grant is named too.
        #expect(
            read.level == .businessUnit
                && read.grants == [
                    "team \"Europe Desk\" (Owner, BU \"Europe\") → role \"Reader\": records in BU Europe",
                    "User: inherited from team \"Europe Desk\" (Owner, BU \"Europe\") → role \"Reader\" (member privilege inheritance) [Basic]: own records and those of the user's teams",
                ])
        let text = ReportTextRenderer().render(r)
        #expect(
            text.contains(
                "  account Write P:C BU: team \"Europe Desk\" (Owner, BU \"Europe\") → role \"Reader\": records in BU Europe and below\n"))
        #expect(
            ReportMarkdownRenderer().render(r).contains(
                "| account | Read | Business Unit | team \"Europe Desk\" (Owner, BU \"Europe\") → role \"Reader\": records in BU Europe; User: inherited"
            ))
        #expect(
            ReportCSVRenderer().render(r).contains(
                "access,account,read,local,\"team \"\"Europe Desk\"\" (Owner, BU \"\"Europe\"\") → role \"\"Reader\"\": records in BU Europe; User: inherited"
            ))
    }

    /// Found by a review: Write at Local held directly (the user's unit, Sales EU) beside Write at
    /// Deep through a team of Europe reached both, but the report named only the Deep grant, so an
    /// access review read a smaller reach than the real one. A lower grant the others cover (Local
    /// on a unit below the Deep scope) is still left out.
    @Test func userReportNamesLowerGrantsThatReachOtherRecords() throws {
        var org = TestOrganisation()
        org.environment.businessUnits["bu-america"] = BusinessUnit(id: "bu-america", name: "America", parentId: TestOrganisation.root)
        org.add(TestOrganisation.role("local", ["account": [.write: .businessUnit, .read: .businessUnit]]))
        org.add(TestOrganisation.role("deepwrite", ["account": [.write: .parentChildBusinessUnits]]))
        org.add(TestOrganisation.role("deepread", ["account": [.read: .parentChildBusinessUnits]]))
        org.add(TestOrganisation.user("una", bu: TestOrganisation.salesEU, roles: ["local"]))
        org.add(Team(id: "t-na", name: "America Desk", businessUnitId: "bu-america", memberIds: ["una"], roleIds: ["deepwrite"]))
        org.add(Team(id: "t-eu", name: "Europe Desk", businessUnitId: TestOrganisation.europe, memberIds: ["una"], roleIds: ["deepread"]))
        let r = try #require(UserAccessReport(environment: org.environment, userId: "una"))
        let write = try #require(r.reasons.first { $0.table == "account" && $0.operation == .write })
        #expect(write.level == .parentChildBusinessUnits)
        #expect(
            write.grants == [
                "team \"America Desk\" (Owner, BU \"America\") → role \"Deepwrite\": records in BU America and below",
                "Business Unit: direct role \"Local\": records in BU Sales EU",
            ])
        #expect(ReportTextRenderer().render(r).contains("Business Unit: direct role \"Local\": records in BU Sales EU"))
        // Read: Deep on Europe covers Sales EU, below it.
        let read = try #require(r.reasons.first { $0.table == "account" && $0.operation == .read })
        #expect(read.grants == ["team \"Europe Desk\" (Owner, BU \"Europe\") → role \"Deepread\": records in BU Europe and below"])
    }

    /// A role read from a solution file without `isinherited` has the default, and says so.
    @Test func roleReportSaysWhenInheritanceIsNotInTheFile() throws {
        var env = F.environment()
        env.roles[F.serviceRep]?.inheritsMemberPrivilegesKnown = false
        let r = try #require(RoleReport(environment: env, roleId: F.serviceRep))
        #expect(ReportTextRenderer().render(r).contains("members inherit Basic grants (not in the file: the default)"))
        #expect(ReportCSVRenderer().render(r).contains("inheritsMemberPrivileges,true,not in the file: the default"))
        let known = try #require(RoleReport(environment: F.environment(), roleId: F.serviceRep))
        #expect(!ReportTextRenderer().render(known).contains("not in the file"))
    }

    /// Every role naming a miscellaneous privilege is listed; one granting less than the user's
    /// level says its own.
    @Test func userReportNamesTheLevelOfARoleGrantingLessOfAMiscellaneousPrivilege() throws {
        var org = TestOrganisation()
        var direct = TestOrganisation.role("direct")
        direct.miscPrivileges["prvExportToExcel"] = .organization
        var teamOnly = TestOrganisation.role("teamonly")
        teamOnly.miscPrivileges["prvExportToExcel"] = .user
        org.add(direct)
        org.add(teamOnly)
        org.add(TestOrganisation.user("ann", roles: ["direct"]))
        org.add(Team(id: "t", name: "T", businessUnitId: TestOrganisation.root, memberIds: ["ann"], roleIds: ["teamonly"]))
        let r = try #require(UserAccessReport(environment: org.environment, userId: "ann"))
        let line = try #require(r.miscPrivileges.first { $0.name == "prvExportToExcel" })
        // A role held through a team is named with it, marked inferred (rule 13 [I]).
        let teamOnlyName = "Teamonly through team T [I]"
        #expect(line.level == .organization && line.roles == ["Direct", teamOnlyName] && line.lowerLevels == [teamOnlyName: .user])
        #expect(ReportTextRenderer().render(r).contains("  prvExportToExcel: Organization (Direct, Teamonly through team T [I] (User))\n"))
        // CSV words levels as the snapshot does, in both columns.
        #expect(ReportCSVRenderer().render(r).contains("misc,prvExportToExcel,,global,Direct; Teamonly through team T [I] (basic)\r\n"))
    }

    @Test func roleReportListsHoldersDirectAndThroughTeams() throws {
        let r = try #require(RoleReport(environment: F.environment(), roleId: F.serviceRep))
        #expect(r.holders.map { "\($0.name): \($0.path)" } == ["Hana HR: direct", "Bob Kelly: team Sales Team (Owner)"])
        #expect(r.teams.map(\.memberCount) == [1])
        #expect(r.privileges.map(\.table) == ["contact", "webresource"])
        let admin = try #require(RoleReport(environment: F.environment(), roleId: F.sysAdmin))
        #expect(admin.privileges.count == 4)
        #expect(admin.privileges.first { $0.table == "webresource" }?.row[.share] == AccessLevel.none)
        #expect(admin.privileges.first { $0.table == "account" }?.row[.share] == .organization)
        let csv = ReportCSVRenderer().render(r)
        #expect(csv.contains("holder,Bob Kelly,bob@fabrikam.com,active,team Sales Team (Owner)\r\n"))
        #expect(csv.contains("privilege,contact,write,basic,\r\n"))
        #expect(ReportMarkdownRenderer().render(r).contains("| Hana HR | hana&#64;fabrikam.com | direct | active |"))
    }

    @Test func csvQuotesAndDefusesFormulas() {
        let csv = ReportCSVRenderer()
        #expect(csv.field("a,b") == "\"a,b\"")
        #expect(csv.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(csv.field("=HYPERLINK(1)") == "'=HYPERLINK(1)")
        #expect(csv.field("plain") == "plain")
    }
}

/// OWASP lists a leading tab or carriage return as a formula trigger too: neutralised like `=`
/// (a lone carriage return is shown as `\r`, which starts no formula).
@Suite struct CSVInjectionTests {
    @Test func aLeadingTabOrCarriageReturnIsNeutralised() {
        let r = ReportCSVRenderer()
        #expect(r.field("\t=cmd") == "'\t=cmd")
        #expect(r.field("=1+1") == "'=1+1")
        #expect(r.field("\r\n=cmd").hasPrefix("\"'\r\n"))
        // A lone one is no line break: shown as `\r`, which starts nothing.
        #expect(r.field("\r=cmd") == "\\r=cmd")
        #expect(r.field("\n=1+1").hasPrefix("\"'\n"))
        #expect(r.field("Sales") == "Sales")
    }

    /// CR LF inside a name is quoted like a lone CR or LF (it is one Character in Swift, and got
    /// through unquoted, splitting the row).
    @Test func aCarriageReturnLineFeedInsideIsQuoted() {
        let r = ReportCSVRenderer()
        #expect(r.field("Alex\r\nWilber") == "\"Alex\r\nWilber\"")
    }

    /// Found by a hostile-input review: a lone carriage return was kept inside a quoted field,
    /// so `cat report.csv` went back to the start of the line and hid the row's beginning
    /// (`role,"Sys Admin everywhere^MSalesperson",…` showed as `Salesperson",…`). Only LF and
    /// CR LF stay; a lone CR is written `\r`, as other escapes are.
    @Test func aLoneCarriageReturnIsShownEscaped() {
        let r = ReportCSVRenderer()
        #expect(r.field("Sys Admin everywhere\rSalesperson") == "Sys Admin everywhere\\rSalesperson")
        #expect(r.field("a\r\rb, c") == "\"a\\r\\rb, c\"")
        #expect(r.field("a\r\r\nb") == "\"a\\r\r\nb\"")
        #expect(r.field("a\rb\nc") == "\"a\\rb\nc\"")
        #expect(r.field("ends\r") == "ends\\r")
        let csv = r.csv([["role", "Sys Admin everywhere\rSalesperson", "id", "", "direct"]])
        let scalars = Array(csv.unicodeScalars)
        #expect(
            scalars.indices.allSatisfy { scalars[$0] != "\r" || ($0 + 1 < scalars.count && scalars[$0 + 1] == "\n") },
            "\(csv.debugDescription)")
    }
}
