import Testing

@testable import SecurityModel

/// AP2's "every record of it is readable": a Deep Read reaches every record when the engine
/// scopes it to the root business unit. The expectation is built from the engine's own answer
/// (``Environment/effectiveAccess(of:table:operation:teams:)``, whose Local and Deep grants point
/// where ``Environment/scopeBusinessUnitId(of:team:user:)`` says), so the check agrees with
/// `dvsec effective` whatever that rule becomes; the classic cases are also stated outright.
@Suite struct ChecksReadEveryRecordTests {
    typealias F = DiffFixtures
    static let table = "new_integrationsetting"
    static let role = "r-deep"

    /// The fixture with a custom configuration table and a role reading it at Deep, made at
    /// `roleUnit`; held by a new user of `userUnit`, directly or through a new owner team of
    /// `teamUnit`.
    func environment(modernized: Bool, roleUnit: String, userUnit: String, teamUnit: String?) -> Environment {
        var env = F.environment()
        env.settings.modernizedBusinessUnits = modernized
        env.tables[Self.table] = Table(logicalName: Self.table, isCustom: true)
        env.roles[Self.role] = SecurityRole(
            id: Self.role, name: "Deep Reader", businessUnitId: roleUnit,
            privileges: [Self.table: PrivilegeRow([.read: .parentChildBusinessUnits])])
        env.users["u-deep"] = User(
            id: "u-deep", name: "Deep Holder", domainName: "deep@fabrikam.com", businessUnitId: userUnit,
            roleIds: teamUnit == nil ? [Self.role] : [])
        env.entraGroups[F.securityGroup]?.members["u-deep"] = EntraGroupMember()
        if let teamUnit {
            env.teams["team-deep"] = Team(
                id: "team-deep", name: "Deep Team", businessUnitId: teamUnit, memberIds: ["u-deep"], roleIds: [Self.role])
        }
        return env
    }

    func ap2(_ env: Environment) -> Finding? {
        GoLiveChecks.run(env).first { $0.ruleId == "AP2" && $0.place.path == "table/\(Self.table)" }
    }

    /// Whether the engine says the holder's Deep Read of the table reaches every record: a Deep
    /// grant of the role scoped to the root business unit.
    func engineReadsEveryRecord(_ env: Environment) -> Bool {
        guard let user = env.users["u-deep"] else { return false }
        let answer = env.effectiveAccess(of: user, table: Self.table, operation: .read)
        return answer.grants.contains {
            $0.path.roleId == Self.role && $0.level == .parentChildBusinessUnits && $0.scopeBusinessUnitId == F.root
        }
    }

    /// Every placement of role, holder and team, classic and modernized: AP2 is an error exactly
    /// when the engine scopes the Deep grant to the root (and then names the role).
    @Test func ap2AgreesWithTheEngineScopeInEveryPlacement() throws {
        let units = [F.root, F.sales]
        for modernized in [false, true] {
            for roleUnit in units {
                for userUnit in units {
                    for teamUnit in [nil] + units.map(Optional.some) {
                        let env = environment(modernized: modernized, roleUnit: roleUnit, userUnit: userUnit, teamUnit: teamUnit)
                        let context = "modernized \(modernized), role \(roleUnit), user \(userUnit), team \(teamUnit ?? "-")"
                        let user = try #require(env.users["u-deep"])
                        // The engine's rule itself, for the holding the user has.
                        let scope = env.scopeBusinessUnitId(
                            of: try #require(env.roles[Self.role]), team: env.teams["team-deep"], user: user)
                        #expect(engineReadsEveryRecord(env) == (scope == F.root), "\(context)")
                        let finding = try #require(ap2(env), "\(context)")
                        #expect(finding.severity == (engineReadsEveryRecord(env) ? .error : .warning), "\(context)")
                        #expect(finding.message.contains("Deep Reader") == engineReadsEveryRecord(env), "\(context)")
                    }
                }
            }
        }
    }

    /// Found by a domain review (c2.json, c2b.json): modernized business units, AP2 compared the
    /// holder's business unit with the root, while effective access scopes the grant by the
    /// role's. Stated as agreement, not as a fixed answer: the modernized rule may change.
    @Test func modernizedBusinessUnitsFollowTheEngineNotTheHoldersUnit() throws {
        // The role at the root, held by a user of a unit below (c2): the user's unit is not the root.
        let c2 = environment(modernized: true, roleUnit: F.root, userUnit: F.sales, teamUnit: nil)
        #expect(try #require(ap2(c2)).severity == (engineReadsEveryRecord(c2) ? .error : .warning))
        // The role in a unit below, held by a user at the root (c2b): the user's unit is the root.
        let c2b = environment(modernized: true, roleUnit: F.sales, userUnit: F.root, teamUnit: nil)
        #expect(try #require(ap2(c2b)).severity == (engineReadsEveryRecord(c2b) ? .error : .warning))
        // With the engine's modernized rule (the holder's own unit's copy when the role has one
        // there, else the role's unit [I]), neither reads every record: c2 holds the Sales copy,
        // and the root has no copy of a Sales role (c2b reads Sales and below).
        #expect(!engineReadsEveryRecord(c2) && !engineReadsEveryRecord(c2b))
        #expect(engineReadsEveryRecord(environment(modernized: true, roleUnit: F.root, userUnit: F.root, teamUnit: nil)))
    }

    /// Classic business units: a direct role's Deep points at the user's unit, a team role's at
    /// the team's (DATAVERSE.md §2 rules 2-3), wherever the role was made.
    @Test func classicBusinessUnitsScopeByTheHolderOrTheTeam() throws {
        func severity(role: String, user: String, team: String?) throws -> FindingSeverity {
            try #require(ap2(environment(modernized: false, roleUnit: role, userUnit: user, teamUnit: team))).severity
        }
        #expect(try severity(role: F.root, user: F.root, team: nil) == .error)
        #expect(try severity(role: F.root, user: F.sales, team: nil) == .warning)
        #expect(try severity(role: F.sales, user: F.root, team: nil) == .error)
        #expect(try severity(role: F.root, user: F.sales, team: F.root) == .error)
        #expect(try severity(role: F.root, user: F.root, team: F.sales) == .warning)
        // A holder who can't act at run time reads nothing.
        var env = environment(modernized: false, roleUnit: F.root, userUnit: F.root, teamUnit: F.root)
        env.users["u-deep"]?.isDisabled = true
        #expect(try #require(ap2(env)).severity == .warning)
    }
}
