import Foundation
import Testing

@testable import SecurityModel

/// A Local or Deep level decided by a grant scoped to another unit than the user's own names that
/// unit on the line (found by a domain review: `User -> Business Unit via team "Sales"` read as
/// the user's own unit, while a team's Local grant reaches the team's, DATAVERSE.md §2 rule 2).
@Suite("Diff: the unit a Local or Deep level reaches, when it is not the user's")
struct DiffScopeWordsTests {
    func raisedContactWrite() throws -> DiffResult {
        try DiffFixtures.diff([
            .setPrivilege(
                environment: DiffFixtures.env, role: DiffFixtures.serviceRep, table: "contact", operation: .write, level: .businessUnit)
        ])
    }

    @Test func aTeamGrantNamesTheTeamsUnitAndADirectOneNothing() throws {
        let r = try raisedContactWrite()
        // Bob is in Service and holds Service Rep through Sales Team, of Sales; Hana holds it
        // directly, in her own unit.
        let bob = try #require(r.impacts.first { $0.userId == DiffFixtures.bob }?.tableChanges.first { $0.operation == .write })
        #expect(bob.newPath?.scopeIsAnotherUnit == true)
        #expect(bob.shownScope(old: false) == ["Fabrikam / Sales"])
        // Basic on the old side: no unit to name.
        #expect(bob.shownScope(old: true).isEmpty)
        let hana = try #require(r.impacts.first { $0.userId == DiffFixtures.hana }?.tableChanges.first { $0.operation == .write })
        #expect(hana.newPath?.scopeIsAnotherUnit == false)
        #expect(hana.shownScope(old: false).isEmpty)
        let text = DiffTextRenderer(style: .plain).render(r)
        #expect(
            text.contains("+ contact Write: User -> Business Unit in Fabrikam / Sales  via team \"Sales Team\" -> role \"Service Rep\""),
            "\(text)")
        #expect(text.contains("+ contact Write: User -> Business Unit  via role \"Service Rep\""), "\(text)")
        let markdown = DiffMarkdownRenderer().render(SnapshotDiffResult(comparisons: [r], unmatchedEnvironments: []))
        #expect(markdown.contains("| User | Business Unit in Fabrikam / Sales |"), "\(markdown)")
    }
}

/// A grant inherited through a role whose member privilege inheritance the file does not say
/// rests on the default (DATAVERSE.md §3.1, §1.4): every path that names it says so (found by a
/// domain review: `effective`, `who-can` and the diff used the default as a fact).
@Suite("The default member privilege inheritance is said where it is assumed")
struct AssumedInheritanceWordsTests {
    @Test func anInheritedGrantThroughARoleOfUnknownInheritanceSaysItIsAssumed() throws {
        var env = DiffFixtures.environment()
        env.roles[DiffFixtures.serviceRep]?.inheritsMemberPrivilegesKnown = false
        let bob = try #require(env.users[DiffFixtures.bob])
        let answer = env.effectiveAccess(of: bob, table: "contact", operation: .read)
        let inherited = try #require(answer.grants.first { if case .inherited = $0.path { true } else { false } })
        #expect(
            env.describe(inherited.path).contains("[member privilege inheritance not in the file: the default (on) assumed]"),
            "\(env.describe(inherited.path))")
        // The team's own grant and a role the file is sure of say nothing of it.
        let team = try #require(answer.grants.first { if case .team = $0.path { true } else { false } })
        #expect(!env.describe(team.path).contains("not in the file"))
        var known = env
        known.roles[DiffFixtures.serviceRep]?.inheritsMemberPrivilegesKnown = true
        #expect(!known.describe(inherited.path).contains("not in the file"))
        // The diff's path for a line the inherited grant decides says it too.
        var target = env
        target.users[DiffFixtures.bob]?.roleIds = []
        target.roles[DiffFixtures.serviceRep]?.privileges["account"] = PrivilegeRow([.read: .user])
        let r = SnapshotDiff.compare(base: env, target: target, options: DiffOptions(runChecks: false))
        let line = try #require(r.impacts.first { $0.userId == DiffFixtures.bob }?.tableChanges.first { $0.table == "account" })
        #expect(line.newPath?.kind == .inherited)
        #expect(
            line.newPath?.description.contains("(inherited Basic) [member privilege inheritance not in the file: the default (on) assumed]")
                == true, "\(String(describing: line.newPath))")
    }
}

/// Support User and Delegated Admin have no known rule and are read as Read-Write [I]: the diff's
/// access-mode line says so, as `effective` does (found by a domain review); a move from Read
/// says both the rule it lifts and the one it brings.
@Suite("Diff: access modes read as Read-Write are labelled [I]")
struct AccessModeReadAsReadWriteDiffTests {
    func modeLine(from old: AccessMode, to new: AccessMode) throws -> DiffLine {
        var base = DiffFixtures.environment()
        base.users[DiffFixtures.hana]?.accessMode = old
        var target = base
        target.users[DiffFixtures.hana]?.accessMode = new
        let r = SnapshotDiff.compare(base: base, target: target, options: DiffOptions(runChecks: false))
        return try #require(r.entry(.user, DiffFixtures.hana)?.lines.first { $0.field == .accessMode })
    }

    @Test func supportUserAndDelegatedAdminSayTheyAreReadAsReadWrite() throws {
        #expect(
            try modeLine(from: .readWrite, to: .supportUser).note
                == "access mode Support User: no rule for it is known, read as Read-Write [I]")
        #expect(
            try modeLine(from: .read, to: .delegatedAdmin).note
                == "access mode Read: only the Read privilege applies [I]; access mode Delegated Admin: no rule for it is known, read as Read-Write [I]"
        )
        #expect(try modeLine(from: .readWrite, to: .nonInteractive).note == nil)
    }
}
