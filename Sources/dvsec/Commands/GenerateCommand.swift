import ArgumentParser
import Foundation
import SecurityModel

/// `dvsec generate`: a large, realistic, deterministic snapshot for tests and benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate a large deterministic organisation (same seed, same bytes).")

    @Option(help: "Number of users.") var users = 1_000
    @Option(help: "Number of teams (including one default team per business unit).") var teams = 100
    @Option(help: "Number of security roles (including System Administrator, System Customizer, Basic User).") var roles = 50
    @Option(help: "Number of tables.") var tables = 60
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "Where to write it; '-' or absent for standard output.") var out: String?
    @Flag(help: "Overwrite an existing file.") var force = false

    /// Upper bounds, well above the largest Dataverse organisations, so that a mistyped count is
    /// a usage error rather than an allocation that aborts (found by a hostile-input review:
    /// `--users 9223372036854775807` crashed with exit 134).
    static let maximum = (users: 2_000_000, teams: 200_000, roles: 20_000, tables: 10_000)

    func validate() throws {
        guard users >= 0, teams >= 0, tables >= 1, roles >= 3 else {
            throw ValidationError("need --tables >= 1, --roles >= 3, and non-negative counts")
        }
        let m = Self.maximum
        guard users <= m.users, teams <= m.teams, roles <= m.roles, tables <= m.tables else {
            throw ValidationError(
                "at most --users \(m.users), --teams \(m.teams), --roles \(m.roles), --tables \(m.tables) (larger than any organisation dvsec is meant for)"
            )
        }
    }

    func run() throws {
        let snapshot = SnapshotGenerator.generate(users: users, teams: teams, roles: roles, tables: tables, seed: seed)
        try writeSnapshot(snapshot, to: out, force: force)
    }
}
