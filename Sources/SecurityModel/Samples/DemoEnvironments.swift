extension DemoOrganisation {
    static func production() -> Environment {
        var env = base(envKey: "prod", name: "Contoso Production", type: .production, people: people)
        env.settings.region = "Europe"
        env.settings.auditingEnabled = true
        // Deliberate mistake (GL1): production without a security group.
        env.settings.securityGroupId = nil
        return env
    }

    /// A copy of production (same ids, as Dataverse's environment copy keeps them) with changes
    /// being tested: the diff between the two environments is a realistic go-live review.
    static func sandbox() -> Environment {
        var env = base(envKey: "prod", name: "Contoso Sandbox", type: .sandbox, people: people)
        env.id = id("environment", "Contoso Sandbox", env: "sandbox")
        env.settings.region = "Europe"
        env.settings.modernizedBusinessUnits = true
        env.settings.adminMode = false
        // A security group that leaves out two users (they become dormant).
        let group = EntraGroup(
            id: id("group", "Contoso Sandbox Testers", env: "sandbox"), name: "Contoso Sandbox Testers",
            members: Dictionary(
                env.users.values.filter { $0.name != "Lynne Robbins" && $0.name != "Priya Raman" && !$0.isApplicationUser }
                    .map { ($0.id, EntraGroupMember()) }, uniquingKeysWith: { a, _ in a }))
        env.entraGroups[group.id] = group
        env.settings.securityGroupId = group.id
        // Changes under test: Salespeople read the whole organisation, Sales Managers may delete org-wide.
        let salesperson = DemoRoles.id("Salesperson")
        env.roles[salesperson]?.privileges["account"] = DemoRoles.row("bgbbbbbb")
        env.roles[salesperson]?.privileges["contact"] = DemoRoles.row("bgbbbbbb")
        env.roles[DemoRoles.id("Sales Manager")]?.privileges["opportunity"] = DemoRoles.row("dddgddgg")
        if let lynne = env.users.values.first(where: { $0.name == "Lynne Robbins" }) {
            env.users[lynne.id]?.roleIds.insert(DemoRoles.id("Salesperson"))
        }
        // With modernized business units, Diego (Sales EU) is given Europe's copy of Salesperson:
        // its Local levels reach the Europe unit's own records instead of Sales EU's (roleBusinessUnits).
        if let diego = env.users.values.first(where: { $0.name == "Diego Siciliani" }),
            let europe = env.businessUnits.values.first(where: { $0.name == "Europe" })
        {
            env.users[diego.id]?.roleBusinessUnitIds = [DemoRoles.id("Salesperson"): europe.id]
        }
        return env
    }

    static func developer() -> Environment {
        let devPeople = [
            Person(name: "Megan Bowen", bu: "Contoso", title: "Solution Architect", roles: ["System Administrator"]),
            Person(name: "Lee Gu", bu: "Contoso", title: "Developer", roles: ["System Administrator"]),
            Person(name: "Alex Wilber", bu: "Contoso", title: "Tester", roles: ["Salesperson", "Basic User"]),
        ]
        var env = base(envKey: "dev", name: "Contoso Dev", type: .developer, people: devPeople, units: [("Contoso", nil)])
        env.settings.region = "United States"
        return env
    }

    // swiftlint:disable:next function_body_length
    static func base(
        envKey: String, name: String, type: EnvironmentType, people: [Person],
        units: [(String, String?)] = businessUnits
    ) -> Environment {
        let buId = { (n: String) in id("bu", n, env: envKey) }
        let bus = units.map { BusinessUnit(id: buId($0.0), name: $0.0, parentId: $0.1.map(buId)) }
        let root = buId("Contoso")
        let tables = DemoTables.all()
        let roles = DemoRoles.all(rootBU: root, tables: tables)
        let roleByName = Dictionary(roles.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
        let users = people.map { p in
            User(
                id: userId(p.name, env: envKey), name: p.name, domainName: p.application ? "" : domain(p.name),
                businessUnitId: buId(p.bu), isDisabled: p.disabled, accessMode: p.accessMode, isLicensed: p.licensed,
                isApplicationUser: p.application, managerId: p.manager.map { userId($0, env: envKey) }, title: p.title,
                roleIds: Set(p.roles.compactMap { roleByName[$0] }))
        }
        let uid = { (n: String) in userId(n, env: envKey) }
        let has = { (n: String) in people.contains { $0.name == n } }
        var teams = units.map { u in
            Team(id: id("team", u.0 + " default", env: envKey), name: u.0, businessUnitId: buId(u.0), isDefault: true)
        }
        var groups: [EntraGroup] = []
        var profiles: [FieldSecurityProfile] = [
            FieldSecurityProfile(
                id: FieldSecurityProfile.systemAdministratorProfileId, name: "System Administrator",
                description: "Full access to all secured columns.",
                permissions: Dictionary(
                    tables.flatMap { t in
                        t.securedColumns.map { (ColumnReference(table: t.logicalName, column: $0.logicalName), ColumnPermission.all) }
                    },
                    uniquingKeysWith: { a, _ in a }))
        ]
        if units.count > 1 {
            teams.append(
                Team(
                    id: id("team", "Field Dispatch", env: envKey), name: "Field Dispatch", businessUnitId: buId("Service EU"),
                    type: .owner, memberIds: Set(["Joni Sherman", "Lidia Holloway", "Raul Razo"].filter(has).map(uid)),
                    roleIds: [DemoRoles.id("Work Order Dispatcher")]))
            teams.append(
                Team(
                    id: id("team", "Key Accounts EU", env: envKey), name: "Key Accounts EU", businessUnitId: buId("Sales EU"),
                    type: .owner, memberIds: Set(["Alex Wilber", "Diego Siciliani", "Lynne Robbins"].filter(has).map(uid)),
                    roleIds: [DemoRoles.id("Salesperson")]))
            teams.append(
                Team(
                    id: id("team", "Fabrikam Deal Room", env: envKey), name: "Fabrikam Deal Room", businessUnitId: buId("Sales NA"),
                    type: .access, memberIds: Set(["Patti Fernandez", "Allan Deyoung"].filter(has).map(uid))))
            let finance = EntraGroup(
                id: id("group", "Finance", env: envKey), name: "SG-Dynamics-Finance",
                members: [
                    uid("Zrinka Makovac"): EntraGroupMember(isOwner: true), uid("Ben Walters"): EntraGroupMember(),
                    uid("Cameron White"): EntraGroupMember(),
                ])
            let marketing = EntraGroup(
                id: id("group", "Marketing", env: envKey), name: "Marketing (Microsoft 365)",
                members: [
                    uid("Christie Cline"): EntraGroupMember(isOwner: true), uid("Debra Berger"): EntraGroupMember(),
                    uid("Priya Raman"): EntraGroupMember(isGuest: true),
                ])
            groups += [finance, marketing]
            teams.append(
                Team(
                    id: id("team", "Finance Group", env: envKey), name: "Finance (Entra)", businessUnitId: buId("Shared Services"),
                    type: .entraSecurityGroup, entraGroupId: finance.id, membershipType: .members,
                    roleIds: [DemoRoles.id("Finance"), DemoRoles.id("Basic User")]))
            teams.append(
                Team(
                    id: id("team", "Marketing Group", env: envKey), name: "Marketing (Office group)", businessUnitId: buId("Sales NA"),
                    type: .entraOfficeGroup, entraGroupId: marketing.id, membershipType: .membersAndGuests,
                    roleIds: [DemoRoles.id("Marketing Professional")]))
            profiles.append(
                FieldSecurityProfile(
                    id: id("profile", "Finance", env: "all"), name: "Finance Profile", description: "Payment details for finance staff.",
                    permissions: [
                        ColumnReference(table: "contoso_payment", column: "contoso_iban"): ColumnPermission(
                            canRead: true, canCreate: true, canUpdate: true),
                        ColumnReference(table: "contoso_payment", column: "contoso_cardnumber"): ColumnPermission(
                            canRead: true, canReadUnmasked: .oneRecord),
                        ColumnReference(table: "account", column: "creditlimit"): ColumnPermission(canRead: true, canUpdate: true),
                    ],
                    userIds: [uid("Zrinka Makovac")], teamIds: [id("team", "Finance Group", env: envKey)]))
            profiles.append(
                FieldSecurityProfile(
                    id: id("profile", "Sales", env: "all"), name: "Sales Credit Profile", description: "Sales may read credit limits.",
                    permissions: [ColumnReference(table: "account", column: "creditlimit"): ColumnPermission(canRead: true)],
                    teamIds: [id("team", "Key Accounts EU", env: envKey)]))
            // Deliberate mistake (GL6): a profile nobody is a member of.
            profiles.append(
                FieldSecurityProfile(
                    id: id("profile", "HR", env: "all"), name: "HR Confidential", description: "Salaries and government ids.",
                    permissions: [
                        ColumnReference(table: "contoso_employee", column: "contoso_salary"): ColumnPermission(
                            canRead: true, canCreate: true, canUpdate: true),
                        ColumnReference(table: "contact", column: "governmentid"): ColumnPermission(canRead: true),
                    ]))
        }
        return Environment(
            id: id("environment", name, env: envKey),
            settings: EnvironmentSettings(name: name, type: type),
            businessUnits: bus, users: users, teams: teams, roles: roles, tables: tables,
            fieldSecurityProfiles: profiles, entraGroups: groups)
    }
}
