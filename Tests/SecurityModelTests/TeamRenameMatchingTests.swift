import Testing

@testable import SecurityModel

/// A team renamed in another environment (new id and new name) is the only unmatched team of its
/// type in its business unit on each side, with the same roles or the same members: a rename,
/// not a removal and an addition that escalates (found by a domain review: a sandbox whose owner
/// team "Sales" was renamed "Sales Europe" made `dvsec diff` exit 3 for a rename).
@Suite("Diff: a team renamed across environments")
struct TeamRenameMatchingTests {
    typealias F = DiffFixtures

    static let how = "only unmatched team of its type in its business unit"

    /// The fixture's other environment (``DiffMatchingTests/sandbox()``: new ids for business
    /// units, teams and users) with "Sales Team" (Sales; role Service Rep; member Bob) renamed.
    static func sandbox(_ edit: (inout Team) -> Void = { _ in }) -> Environment {
        var env = DiffMatchingTests().sandbox()
        env.teams["sb-" + F.salesTeam]?.name = "Sales Crew"
        if var team = env.teams["sb-" + F.salesTeam] {
            edit(&team)
            env.teams[team.id] = team
        }
        return env
    }

    static func compare(_ base: Environment, _ target: Environment) -> DiffResult {
        SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
    }

    @Test func aTeamRenamedAcrossEnvironmentsIsARenameBothWays() throws {
        let target = Self.sandbox()
        let r = Self.compare(F.environment(), target)
        let team = try #require(r.entry(.team, "sb-" + F.salesTeam))
        #expect(team.action == .renamed && team.renamedFrom == "Sales Team" && team.baseObjectId == F.salesTeam)
        #expect(!r.entries.contains { $0.action == .added || $0.action == .removed })
        #expect(r.impacts.isEmpty && !r.hasEscalation)
        #expect(EntityMatcher.match(base: F.environment(), target: target).matchedBy["team:sb-\(F.salesTeam)"] == Self.how)
        // The way back matches the same pair.
        let back = Self.compare(target, F.environment())
        let backTeam = try #require(back.entry(.team, F.salesTeam))
        #expect(backTeam.action == .renamed && backTeam.renamedFrom == "Sales Crew" && backTeam.baseObjectId == "sb-" + F.salesTeam)
        #expect(back.impacts.isEmpty && !back.hasEscalation)
    }

    /// Renamed with a member added: the same roles are the evidence; the member is a line of the
    /// renamed team, judged on its own (an escalation for Hana alone).
    @Test func aTeamRenamedWithAMemberAddedKeepsItsEditAsALine() throws {
        let r = Self.compare(F.environment(), Self.sandbox { $0.memberIds.insert("sb-" + F.hana) })
        let team = try #require(r.entry(.team, "sb-" + F.salesTeam))
        #expect(team.action == .modified && team.renamedFrom == "Sales Team")
        #expect(team.lines.map(\.field) == [.name, .member] && team.risk == .escalation)
        // Bob, a member on both sides, keeps his access: only Hana's can change.
        #expect(r.impacts.allSatisfy { $0.userId == "sb-" + F.hana }, "\(r.impacts.map(\.name))")
    }

    /// Renamed with its role changed: the same members are the evidence.
    @Test func theSameMembersAreEvidenceEnoughWhenTheRolesChanged() throws {
        let r = Self.compare(F.environment(), Self.sandbox { $0.roleIds = [F.basicUser] })
        let team = try #require(r.entry(.team, "sb-" + F.salesTeam))
        #expect(team.action == .modified && team.lines.map(\.field) == [.name, .role, .role])
    }

    /// Another team in its place (other roles and other members), another type, or two
    /// candidates on one side: no rename.
    @Test(arguments: ["other roles and members", "access team", "two candidates"])
    func anUnrelatedTeamIsNotARename(_ variant: String) {
        var target = Self.sandbox { team in
            switch variant {
            case "other roles and members":
                team.roleIds = [F.basicUser]
                team.memberIds = ["sb-" + F.hana]
            case "access team":
                team.type = .access
                team.roleIds = []
            default: break
            }
        }
        if variant == "two candidates" {
            target.teams["sb-other"] = Team(
                id: "sb-other", name: "Other", businessUnitId: "sb-" + F.sales, memberIds: ["sb-" + F.bob], roleIds: [F.serviceRep])
        }
        let r = Self.compare(F.environment(), target)
        #expect(r.entry(.team, F.salesTeam)?.action == .removed, "\(r.entries.map(\.id))")
        #expect(r.entry(.team, "sb-" + F.salesTeam)?.action == .added)
        #expect(EntityMatcher.match(base: F.environment(), target: target).teams[F.salesTeam] == nil)
    }

    /// A default team never pairs by this rule (it follows its business unit).
    @Test func aDefaultTeamIsNotPairedAsTheOnlyUnmatchedTeam() {
        var base = F.environment()
        base.teams[F.salesTeam] = nil
        var target = DiffMatchingTests().sandbox()
        target.teams["sb-" + F.salesTeam] = nil
        // The Sales default team's business unit is gone on the target side.
        target.teams["sb-team-default-sales"]?.isDefault = false
        let m = EntityMatcher.match(base: base, target: target)
        #expect(m.teams["team-default-sales"] == nil)
    }
}
