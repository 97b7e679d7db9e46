import Testing

@testable import SecurityModel

/// Who has access at run time (EffectiveAccessRules rules 6, 9 and 10): for each rule a snapshot
/// that triggers it and one that does not, with the engine, the index's contexts and its dense
/// users giving the same dormancy.
@Suite("Runtime access rules")
struct RuntimeAccessRuleTests {
    typealias F = DiffFixtures

    /// The user's dormancy, checked to be the same however it is asked for.
    static func dormancy(_ env: Environment, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Dormancy] {
        guard let user = env.users[id] else { return [] }
        let index = AccessIndex(environment: env)
        let reference = env.dormancy(of: user)
        #expect(env.accessContext(of: user).dormancy == reference, sourceLocation: sourceLocation)
        #expect(index.accessContext(of: user).dormancy == reference, sourceLocation: sourceLocation)
        if let slot = index.userSlots[id].map(Int.init) {
            #expect(index.accessContext(userAt: slot).dormancy == reference, sourceLocation: sourceLocation)
            #expect(index.denseUser(slot).dormancy == reference, sourceLocation: sourceLocation)
        }
        return reference
    }

    static func read(_ env: Environment, _ id: String, _ table: String = "account") -> AccessAnswer {
        env.effectiveAccess(of: env.users[id]!, table: table, operation: .read)
    }

    static func diff(_ base: Environment, _ target: Environment) -> DiffResult {
        SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
    }

    // MARK: Licences

    /// "Non-interactive users do not need a license" (Microsoft Learn, create-users): exempt
    /// as application users are; an interactive user without one stays dormant.
    @Test func nonInteractiveUsersNeedNoLicence() {
        var env = F.environment()
        env.users[F.adele]?.isLicensed = false
        #expect(Self.dormancy(env, F.adele) == [.unlicensed])
        #expect(Self.read(env, F.adele).level == .none)
        #expect(Dormancy.noLicenceNeeded(by: env.users[F.adele]!) == nil)
        #expect(env.users[F.adele]?.needsLicence == true)

        env.users[F.adele]?.accessMode = .nonInteractive
        #expect(env.users[F.adele]?.needsLicence == false)
        #expect(Self.dormancy(env, F.adele).isEmpty)
        #expect(Self.read(env, F.adele).level == .businessUnit)
        #expect(
            Dormancy.noLicenceNeeded(by: env.users[F.adele]!) == "unlicensed, but a non-interactive user needs no licence: not dormant")
        let index = AccessIndex(environment: env)
        #expect(index.whoCan(table: "account", operation: .read).users.map(\.userId).contains(F.adele))
        var matrix: [PrivilegeRow] = []
        index.forEachEffectiveMatrix { user, m in if user.id == F.adele { matrix = m } }
        #expect(matrix[index.tableIndex["account"]!][.read] == .businessUnit)
        // The application user's note keeps its [I]; a licensed user has none.
        env.users[F.adele]?.isApplicationUser = true
        #expect(Dormancy.noLicenceNeeded(by: env.users[F.adele]!)?.hasSuffix("[I]") == true)
        env.users[F.adele]?.isLicensed = true
        #expect(Dormancy.noLicenceNeeded(by: env.users[F.adele]!) == nil)
    }

    /// GL6a counted an unlicensed non-interactive profile member as unable to sign in.
    @Test func aNonInteractiveUnlicensedReaderCountsForGL6a() {
        var env = F.environment()
        env.users[F.hana]?.isLicensed = false
        #expect(GoLiveChecks.run(env).filter { $0.ruleId == "GL6a" }.map(\.place.path) == ["table/contact/column/contoso_ssn"])
        env.users[F.hana]?.accessMode = .nonInteractive
        #expect(GoLiveChecks.run(env).filter { $0.ruleId == "GL6a" }.isEmpty)
    }

    /// An unlicensed non-interactive user switched to Read-Write needs a licence again: dormant,
    /// a reduction; the way back an escalation. A licence given to a user who needs none moves
    /// nothing.
    @Test func anAccessModeThatNeedsALicenceIsJudgedWithTheUsersLicence() throws {
        var integration = F.environment()
        integration.users[F.adele]?.isLicensed = false
        integration.users[F.adele]?.accessMode = .nonInteractive
        var interactive = integration
        interactive.users[F.adele]?.accessMode = .readWrite

        let lost = Self.diff(integration, interactive)
        let line = try #require(lost.entry(.user, F.adele)?.lines.first { $0.field == .accessMode })
        #expect(line.risk == .reduction)
        let impact = try #require(lost.impact(ofUser: F.adele))
        #expect(impact.oldDormancy.isEmpty && impact.newDormancy == [.unlicensed])
        #expect(impact.risk == .reduction && !lost.hasEscalation)
        #expect(impact.tableChanges.contains { $0.table == "account" && $0.operation == .read && $0.new == .none && !$0.isDormant })

        let gained = Self.diff(interactive, integration)
        let back = try #require(gained.entry(.user, F.adele)?.lines.first { $0.field == .accessMode })
        #expect(back.risk == .escalation && back.reasons == [.licenceNoLongerNeeded])
        #expect(gained.impact(ofUser: F.adele)?.risk == .escalation && gained.hasEscalation)

        // Licensed and Read-Write <-> Non-interactive: nothing moves at run time.
        var licensed = F.environment()
        licensed.users[F.adele]?.accessMode = .nonInteractive
        let neutral = Self.diff(F.environment(), licensed)
        #expect(neutral.entry(.user, F.adele)?.lines.first { $0.field == .accessMode }?.risk == .neutral)
        #expect(neutral.impact(ofUser: F.adele) == nil)

        // A licence for a non-interactive user: neutral both ways.
        let licence = Self.diff(integration, licensed)
        #expect(licence.entry(.user, F.adele)?.lines.first { $0.field == .licensed }?.risk == .neutral)
        #expect(licence.impacts.isEmpty && !licence.hasEscalation)
        var readWrite = F.environment()
        readWrite.users[F.adele]?.isLicensed = false
        #expect(
            Self.diff(readWrite, F.environment()).entry(.user, F.adele)?.lines.first { $0.field == .licensed }?.risk == .escalation)
    }
}
