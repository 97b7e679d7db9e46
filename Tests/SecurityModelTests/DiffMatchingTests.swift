import Testing

@testable import SecurityModel

/// Matching objects across snapshots and environments; renames are renames, not delete + add.
@Suite struct DiffMatchingTests {
    typealias F = DiffFixtures

    /// The fixture as another environment would hold it: other ids for business units, teams,
    /// users, Entra groups and built-in roles; the same ids for custom roles and profiles.
    func sandbox() -> Environment {
        let prod = F.environment()
        func bu(_ id: String) -> String { "sb-" + id }
        func user(_ id: String) -> String { "sb-" + id }
        func role(_ id: String) -> String { [F.sysAdmin, F.customizer].contains(id) ? "sb-" + id : id }
        var env = prod
        env.id = "env-sandbox"
        env.settings.name = "Fabrikam Sandbox"
        env.settings.type = .sandbox
        env.settings.securityGroupId = "sb-" + F.securityGroup
        env.businessUnits = Dictionary(
            uniqueKeysWithValues: prod.businessUnits.values.map { b in
                var b = b
                b.id = bu(b.id)
                b.parentId = b.parentId.map(bu)
                if b.parentId == nil { b.name = "fabrikam-sandbox" }  // root BUs are named after the environment
                return (b.id, b)
            })
        env.users = Dictionary(
            uniqueKeysWithValues: prod.users.values.map { u in
                var u = u
                u.id = user(u.id)
                u.businessUnitId = bu(u.businessUnitId)
                u.roleIds = Set(u.roleIds.map(role))
                return (u.id, u)
            })
        env.teams = Dictionary(
            uniqueKeysWithValues: prod.teams.values.map { t in
                var t = t
                t.id = "sb-" + t.id
                t.businessUnitId = bu(t.businessUnitId)
                t.memberIds = Set(t.memberIds.map(user))
                t.roleIds = Set(t.roleIds.map(role))
                if t.isDefault && t.businessUnitId == bu(F.root) { t.name = "fabrikam-sandbox" }
                return (t.id, t)
            })
        env.roles = Dictionary(
            uniqueKeysWithValues: prod.roles.values.map { r in
                var r = r
                r.id = role(r.id)
                r.businessUnitId = bu(r.businessUnitId)
                return (r.id, r)
            })
        env.fieldSecurityProfiles = prod.fieldSecurityProfiles.mapValues { p in
            var p = p
            p.userIds = Set(p.userIds.map(user))
            return p
        }
        env.entraGroups = Dictionary(
            uniqueKeysWithValues: prod.entraGroups.values.map { g in
                var g = g
                g.id = "sb-" + g.id
                g.members = Dictionary(uniqueKeysWithValues: g.members.map { (user($0.key), $0.value) })
                return (g.id, g)
            })
        return env
    }

    /// The console's `--baseline` pairs an environment as `dvsec diff BASE TARGET` does: a
    /// sandbox renamed "Contoso" with a new id pairs with the baseline's sandbox (by type), not
    /// with whichever name "Contoso" starts.
    @Test func theConsolesBaselinePairsEnvironmentsAsTheCLIDoes() throws {
        let demo = DemoOrganisation.snapshot
        var sandbox = try #require(demo.environments.values.first { $0.type == .sandbox })
        let oldId = sandbox.id
        sandbox.id = "new-sandbox"
        sandbox.settings.name = "Contoso"
        let target = Snapshot(tenant: demo.tenant, environments: [sandbox])
        #expect(SnapshotDiff.baseEnvironment(pairedWith: "new-sandbox", base: demo, target: target)?.id == oldId)
        #expect(SnapshotDiff.baseEnvironment(pairedWith: "elsewhere", base: demo, target: target) == nil)
        let prod = try #require(demo.sortedEnvironments.first)
        #expect(SnapshotDiff.baseEnvironment(pairedWith: prod.id, base: demo, target: demo)?.id == prod.id)
    }

    @Test func twoEnvironmentsWithOtherIdsButTheSameModelDifferOnlyInNames() {
        let r = SnapshotDiff.compare(base: F.environment(), target: sandbox(), options: DiffOptions(runChecks: false))
        // The settings, and the root business unit (with its default team) named after the environment.
        #expect(
            r.entries.map { "\($0.kind.rawValue):\($0.action.rawValue)" } == [
                "environment:modified", "businessUnit:renamed", "team:renamed",
            ])
        #expect(Set(r.entries[0].lines.map(\.field)) == [.name, .environmentType])
        #expect(r.entries[1].baseObjectId == F.root && r.entries[1].renamedFrom == "Fabrikam")
        #expect(r.impacts.isEmpty && !r.hasEscalation)
    }

    @Test func matchesUsersByDomainNameAndReportsTheBaseId() {
        var target = sandbox()
        target.users["sb-" + F.adele]?.isDisabled = true
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        let e = r.entry(.user, "sb-" + F.adele)
        #expect(e?.action == .modified && e?.baseObjectId == F.adele)
        #expect(e?.lines.map(\.field) == [.disabled])
    }

    @Test func renamedRoleIsARenameNotADeleteAndAdd() throws {
        let r = try F.diff([.renameRole(environment: F.env, role: F.serviceRep, name: "Service Agent")])
        #expect(r.entries.count == 1)
        let e = try #require(r.entries.first)
        #expect(e.action == .renamed && e.name == "Service Agent" && e.renamedFrom == "Service Rep")
        #expect(e.lines.map { "\($0.field.rawValue):\($0.old ?? ""):\($0.new ?? "")" } == ["name:Service Rep:Service Agent"])
    }

    @Test func renamedAndEditedTeamIsOneModifiedEntry() throws {
        let r = try F.diff([
            .renameTeam(environment: F.env, team: F.salesTeam, name: "Sales Crew"),
            .addTeamMember(environment: F.env, team: F.salesTeam, user: F.hana),
        ])
        let e = try #require(r.entry(.team, F.salesTeam))
        #expect(e.action == .modified && e.renamedFrom == "Sales Team")
        #expect(e.lines.map(\.field) == [.name, .member])
    }

    @Test func businessUnitRenamedWithTheSameIdIsARename() {
        var target = F.environment()
        target.businessUnits[F.sales]?.name = "Sales & Marketing"
        target.teams["team-default-sales"]?.name = "Sales & Marketing"
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        #expect(r.entry(.businessUnit, F.sales)?.action == .renamed)
        #expect(r.entry(.team, "team-default-sales")?.action == .renamed)
        #expect(r.entries.count == 2 && r.impacts.isEmpty)
    }

    @Test func businessUnitRenamedAcrossEnvironmentsIsTheOnlyUnmatchedChild() throws {
        var target = sandbox()
        target.businessUnits["sb-" + F.sales]?.name = "Sales & Marketing"
        target.teams["sb-team-default-sales"]?.name = "Sales & Marketing"
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        let bu = try #require(r.entry(.businessUnit, "sb-" + F.sales))
        #expect(bu.action == .renamed && bu.renamedFrom == "Sales" && bu.baseObjectId == F.sales)
        #expect(r.entry(.team, "sb-team-default-sales")?.action == .renamed)
        #expect(!r.entries.contains { $0.action == .added || $0.action == .removed })
        let m = EntityMatcher.match(base: F.environment(), target: target)
        #expect(m.matchedBy["businessUnit:sb-\(F.sales)"] == "only unmatched child of its parent")
    }

    /// Sales moved under Service in the other environment, and a new Nordics took its place under
    /// the root's other child: Sales is found by its name, not paired with Nordics as "the only
    /// unmatched child" of Sales's old parent.
    @Test func aMovedBusinessUnitIsFoundByNameBeforeAnOnlyChild() throws {
        var target = sandbox()
        target.businessUnits["sb-" + F.sales]?.parentId = "sb-" + F.service
        target.businessUnits["sb-nordics"] = BusinessUnit(id: "sb-nordics", name: "Nordics", parentId: "sb-" + F.root)
        let m = EntityMatcher.match(base: F.environment(), target: target)
        #expect(m.businessUnits[F.sales] == "sb-" + F.sales)
        #expect(m.matchedBy["businessUnit:sb-\(F.sales)"] == "name")
        let r = SnapshotDiff.compare(base: F.environment(), target: target, options: DiffOptions(runChecks: false))
        #expect(r.entry(.businessUnit, "sb-nordics")?.action == .added)
        #expect(r.entry(.businessUnit, "sb-" + F.sales)?.lines.contains { $0.field == .parentBusinessUnit } == true)
    }

    @Test func groupTeamRenamedAcrossEnvironmentsMatchesThroughItsEntraGroup() {
        var base = F.environment()
        base.entraGroups["grp-field"] = EntraGroup(id: "grp-field", name: "Field techs", members: [F.bob: EntraGroupMember()])
        base.teams["team-field"] = Team(
            id: "team-field", name: "Field", businessUnitId: F.service, type: .entraSecurityGroup,
            entraGroupId: "grp-field", roleIds: [F.serviceRep])
        var target = base
        target.teams["team-field"] = nil
        target.teams["team-field-2"] = Team(
            id: "team-field-2", name: "Field Service", businessUnitId: F.service,
            type: .entraSecurityGroup, entraGroupId: "grp-field", roleIds: [F.serviceRep])
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        #expect(r.entries.count == 1)
        #expect(r.entries.first?.action == .renamed && r.entries.first?.renamedFrom == "Field")
        #expect(r.entries.first?.baseObjectId == "team-field")
        #expect(r.impacts.isEmpty)
    }

    @Test func builtInRolesMatchByTemplateAcrossEnvironments() {
        let m = EntityMatcher.match(base: F.environment(), target: sandbox())
        #expect(m.roles == [F.sysAdmin: "sb-" + F.sysAdmin, F.customizer: "sb-" + F.customizer])
        #expect(m.businessUnits[F.root] == "sb-" + F.root)
        #expect(m.matchedBy["businessUnit:sb-\(F.sales)"] == "path")
        #expect(m.users.count == 5)
    }

    @Test func snapshotsMatchEnvironmentsByIdThenNameThenType() {
        let dev = Environment(id: "env-dev", settings: EnvironmentSettings(name: "Dev", type: .developer))
        let trial = Environment(id: "env-trial", settings: EnvironmentSettings(name: "Trial", type: .trial))
        var devRenamedId = dev
        devRenamedId.id = "env-dev-2"
        let base = Snapshot(tenant: "Fabrikam", environments: [F.environment(), dev])
        let target = Snapshot(tenant: "Fabrikam", environments: [F.environment(), devRenamedId, trial])
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        #expect(r.comparisons.map { "\($0.base.id)->\($0.target.id)" }.sorted() == ["env-dev->env-dev-2", "env-prod->env-prod"])
        #expect(r.unmatchedEnvironments.map { "\($0.action.rawValue):\($0.objectId)" } == ["added:env-trial"])
        #expect(r.comparisons.allSatisfy { $0.isIdentical })
        #expect(!r.isIdentical && !r.hasEscalation)
    }

    @Test func aProductionSnapshotComparesWithASandboxSnapshot() {
        let r = SnapshotDiff.compare(
            base: F.snapshot(), target: Snapshot(tenant: "Fabrikam", environments: [sandbox()]),
            options: DiffOptions(runChecks: false))
        #expect(r.comparisons.count == 1 && r.unmatchedEnvironments.isEmpty)
    }
}
