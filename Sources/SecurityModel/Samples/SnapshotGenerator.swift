/// SplitMix64: a small, fast, seedable generator, so the same seed gives the same snapshot.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates large, realistic, deterministic organisations for tests and benchmarks
/// (`dvsec generate`). The same parameters and seed always give the same bytes.
public enum SnapshotGenerator {
    // swiftlint:disable:next function_body_length
    public static func generate(
        users userCount: Int, teams teamCount: Int, roles roleCount: Int, tables tableCount: Int,
        seed: UInt64 = 1
    ) -> Snapshot {
        var rng = SeededGenerator(seed: seed)
        func gid(_ kind: String, _ n: Int) -> String { DeterministicID.guid("gen\(seed):\(kind):\(n)") }
        func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }

        // Business units: root → regions → departments.
        let root = BusinessUnit(id: gid("bu", 0), name: "Generated Org")
        var bus = [root]
        let regions = max(2, min(12, userCount / 10_000 + 2))
        let departmentsPerRegion = max(2, min(10, userCount / 5_000 + 2))
        var leafBUs: [String] = []
        for r in 0..<regions {
            let region = BusinessUnit(id: gid("bu", 1 + r), name: "Region \(r + 1)", parentId: root.id)
            bus.append(region)
            for d in 0..<departmentsPerRegion {
                let dept = BusinessUnit(id: gid("bu", 1000 + r * 100 + d), name: "Region \(r + 1) Department \(d + 1)", parentId: region.id)
                bus.append(dept)
                leafBUs.append(dept.id)
            }
        }

        // Tables: standard names first, then custom ones; some organization-owned.
        let standard = [
            "account", "contact", "lead", "opportunity", "incident", "activitypointer", "annotation", "email",
            "task", "phonecall", "appointment", "quote", "salesorder", "invoice", "product", "pricelevel",
            "transactioncurrency", "webresource", "workflow", "systemuser", "team", "queue", "campaign",
            "knowledgearticle", "competitor",
        ]
        let orgOwnedStandard: Set<String> = ["product", "pricelevel", "transactioncurrency", "webresource", "competitor"]
        let sensitive = ["iban", "salary", "ssn", "cardnumber", "apitoken", "password", "birthdate", "notes"]
        var tables: [Table] = []
        for t in 0..<tableCount {
            let custom = t >= standard.count
            let name = custom ? String(format3("gen_table", t)) : standard[t]
            let org = custom ? chance(0.12) : orgOwnedStandard.contains(name)
            var columns = [Column(logicalName: "\(name)id", displayName: "Id"), Column(logicalName: "name", displayName: "Name")]
            for c in 0..<(3 + Int(rng.next() % 6)) {
                let cname = custom ? "gen_\(pick(sensitive))\(c)" : "field\(c)"
                columns.append(Column(logicalName: cname, displayName: cname, isSecured: chance(0.08)))
            }
            tables.append(
                Table(
                    logicalName: name, schemaName: custom ? name : name.capitalized, displayName: name,
                    ownership: org ? .organization : .userOrTeam, isCustom: custom, columns: columns))
        }

        // Roles: the built-ins, then job roles with a realistic spread of levels.
        var roles = [
            SecurityRole(
                id: SecurityRole.systemAdministratorTemplateId.replacingPrefix("gen"), name: "System Administrator",
                businessUnitId: root.id, templateId: SecurityRole.systemAdministratorTemplateId),
            SecurityRole(
                id: gid("role", 1), name: "System Customizer", businessUnitId: root.id,
                templateId: SecurityRole.systemCustomizerTemplateId, miscPrivileges: ["prvReadWebResource": .organization]),
            SecurityRole(
                id: gid("role", 2), name: "Basic User", businessUnitId: root.id, miscPrivileges: ["prvReadWebResource": .organization]),
        ]
        let levelWeights: [AccessLevel] = [.user, .user, .user, .businessUnit, .businessUnit, .parentChildBusinessUnits, .organization]
        for r in 3..<max(3, roleCount) {
            var privileges: [String: PrivilegeRow] = [:]
            for _ in 0..<(10 + Int(rng.next() % 50)) {
                let table = tables[Int(rng.next() % UInt64(tables.count))]
                var row = PrivilegeRow.empty
                for op in TableOperation.allCases where chance(op == .read ? 0.95 : 0.5) {
                    let level = pick(levelWeights)
                    if table.ownership == .organization {
                        if op.existsOnOrganizationOwnedTables { row[op] = .organization }
                    } else {
                        row[op] = level
                    }
                }
                if !row.isEmpty { privileges[table.logicalName] = row }
            }
            roles.append(
                SecurityRole(
                    id: gid("role", r), name: "Role \(r)", businessUnitId: root.id,
                    inheritsMemberPrivileges: chance(0.85), privileges: privileges,
                    miscPrivileges: chance(0.9) ? ["prvReadWebResource": .organization] : [:]))
        }
        let jobRoles = Array(roles.dropFirst(3))
        // Personas: bundles of job roles that users share, as real organisations do.
        let personas: [[String]] = (0..<max(1, min(200, roleCount / 5))).map { _ in
            (0..<(1 + Int(rng.next() % 3))).map { _ in pick(jobRoles.isEmpty ? roles : jobRoles).id }
        }

        // Users
        var users: [User] = []
        users.reserveCapacity(userCount)
        for u in 0..<userCount {
            var roleIds = Set(pick(personas))
            roleIds.insert(roles[2].id)
            if u < 5 || chance(0.0005) { roleIds = [roles[0].id] }
            let app = chance(0.005)
            users.append(
                User(
                    id: gid("user", u), name: "User \(u)", domainName: app ? "" : "user\(u)@generated.example",
                    businessUnitId: u < 5 ? root.id : pick(leafBUs), isDisabled: chance(0.02),
                    accessMode: app ? .nonInteractive : (chance(0.01) ? .read : .readWrite), isLicensed: app || !chance(0.01),
                    isApplicationUser: app, managerId: u > 10 && chance(0.7) ? gid("user", Int(rng.next() % UInt64(u))) : nil,
                    roleIds: chance(0.03) ? [] : roleIds))
        }

        // Teams: a default team per business unit, then owner, access and group teams.
        var teams: [Team] = bus.enumerated().map { i, bu in
            Team(id: gid("defaultteam", i), name: bu.name, businessUnitId: bu.id, isDefault: true)
        }
        var groups: [EntraGroup] = []
        let environmentGroup = EntraGroup(id: gid("group", 0), name: "SG-Dataverse-Generated", members: [:])
        for t in 0..<max(0, teamCount - teams.count) {
            let kind = rng.next() % 10
            let type: TeamType = kind < 7 ? .owner : (kind == 7 ? .access : (kind == 8 ? .entraSecurityGroup : .entraOfficeGroup))
            var members: Set<String> = []
            for _ in 0..<(3 + Int(rng.next() % 25)) where userCount > 0 { members.insert(gid("user", Int(rng.next() % UInt64(userCount)))) }
            var team = Team(id: gid("team", t), name: "Team \(t)", businessUnitId: pick(bus).id, type: type)
            if type.holdsRoles && !jobRoles.isEmpty {
                team.roleIds = Set((0..<(1 + Int(rng.next() % 2))).map { _ in pick(jobRoles).id })
            }
            if type.isGroupTeam {
                let group = EntraGroup(
                    id: gid("group", t + 1), name: "SG-Team-\(t)",
                    members: Dictionary(
                        members.sorted().map { ($0, EntraGroupMember(isGuest: chance(0.1), isOwner: chance(0.1))) },
                        uniquingKeysWith: { a, _ in a }))
                groups.append(group)
                team.entraGroupId = group.id
                team.membershipType = pick(GroupMembershipType.allCases)
            } else {
                team.memberIds = members
            }
            teams.append(team)
        }
        var envGroup = environmentGroup
        for user in users where !user.isApplicationUser && !chance(0.01) { envGroup.members[user.id] = EntraGroupMember() }
        groups.append(envGroup)

        // Field security profiles over the secured columns.
        let secured = tables.flatMap { t in t.securedColumns.map { ColumnReference(table: t.logicalName, column: $0.logicalName) } }
        var profiles = [
            FieldSecurityProfile(
                id: FieldSecurityProfile.systemAdministratorProfileId, name: "System Administrator",
                permissions: Dictionary(secured.map { ($0, ColumnPermission.all) }, uniquingKeysWith: { a, _ in a }))
        ]
        for p in 0..<max(1, tableCount / 10) where !secured.isEmpty {
            var permissions: [ColumnReference: ColumnPermission] = [:]
            for _ in 0..<(1 + Int(rng.next() % 6)) {
                permissions[pick(secured)] = ColumnPermission(
                    canRead: true, canCreate: chance(0.5), canUpdate: chance(0.5),
                    canReadUnmasked: chance(0.2) ? .allRecords : .notAllowed)
            }
            var profile = FieldSecurityProfile(id: gid("profile", p), name: "Profile \(p)", permissions: permissions)
            for _ in 0..<(Int(rng.next() % 40)) where userCount > 0 {
                profile.userIds.insert(gid("user", Int(rng.next() % UInt64(userCount))))
            }
            for _ in 0..<(Int(rng.next() % 4)) where teams.count > bus.count {
                profile.teamIds.insert(pick(Array(teams.dropFirst(bus.count))).id)
            }
            profiles.append(profile)
        }

        let env = Environment(
            id: gid("environment", 0),
            settings: EnvironmentSettings(
                name: "Generated Production", type: .production, region: "Europe",
                securityGroupId: envGroup.id, auditingEnabled: true),
            businessUnits: bus, users: users, teams: teams, roles: roles, tables: tables,
            fieldSecurityProfiles: profiles, entraGroups: groups)
        return Snapshot(tenant: "Generated (seed \(seed))", environments: [env])
    }

    private static func format3(_ prefix: String, _ n: Int) -> String {
        let s = String(n)
        return prefix + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

extension String {
    /// A variant of a GUID that is distinct from the template id (role ids differ from template ids).
    fileprivate func replacingPrefix(_ tag: String) -> String { DeterministicID.guid(tag + ":" + self) }
}
