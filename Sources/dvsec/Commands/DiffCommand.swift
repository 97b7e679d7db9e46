import ArgumentParser
import Foundation
import SecurityModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dvsec diff BASE [TARGET]`: the go-live review, like `terraform plan` with the effect on people.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare a snapshot (or environment) with a baseline: changes, access impact per user, risk, new findings.",
        discussion: """
            Examples:
              dvsec diff BASE TARGET
                  every environment, matched by id, name, then type
              dvsec diff BASE TARGET --environment E
                  one environment (E in both; --base-environment overrides the base side)
              dvsec diff FILE --base-environment prod --environment sandbox
                  two environments of one file
              dvsec diff BASE TARGET --risk escalation
                  only what rises (also --user U, --table T; each repeatable)
              dvsec diff BASE TARGET --format markdown --impact summary --limit 50
                  a change review that fits a pull-request comment

            Exit codes:
              0  identical
              1  differences without escalation
              3  differences with at least one escalation
              2  error
            --risk, --user, --table and --limit narrow what is shown, never the exit code.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown
    }

    @Argument(help: "The base snapshot: the last production snapshot, or the file holding both environments.") var base: String
    @Argument(help: "The target snapshot: what is about to ship. Omit to compare two environments of BASE.") var target: String?
    @Option(
        name: .shortAndLong,
        help: "Target environment (id, name, name prefix or type); also the base one unless --base-environment is given.")
    var environment: String?
    @Option(name: .customLong("base-environment"), help: "Base environment (id, name, name prefix or type).") var baseEnvironment: String?
    @Option(help: "Output format: text, json or markdown.") var format: Format = .text
    @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set or stdout is not a terminal).") var noColor = false
    @Flag(name: .customLong("no-checks"), help: "Skip the go-live checks (no new findings are reported).") var noChecks = false
    @Option(help: ArgumentHelp("Change a check threshold (repeatable; see dvsec check --help).", valueName: "name=value"))
    var threshold: [String] = []
    @Option(
        help:
            "Per-user access impact in text and Markdown: full (every operation and path; the default), summary (one line per user), none. JSON always has it all."
    )
    var impact: ImpactDetail?
    @Option(
        name: .customLong("risk"),
        help: "Show only lines of this risk class: escalation, reduction or neutral (repeatable). The exit code counts everything.")
    var risks: [RiskClass] = []
    @Option(
        name: .customLong("user"),
        help: "Show only this user's changes and access impact: id, domain name, full name or a unique part of one (repeatable).")
    var users: [String] = []
    @Option(
        name: .customLong("table"),
        help: "Show only lines about this table (logical name): privileges, columns, column permissions, impact (repeatable).")
    var tables: [String] = []
    @Option(
        help:
            "Show at most N changed objects and N users' impact, escalations and the biggest rises first (a review that fits a pull-request comment: Markdown stays under 60,000 bytes, details cut last). The summary and exit code count everything."
    )
    var limit: Int?
    @Option(
        help: "Accepted findings (the file dvsec check --suppressions reads): a new finding one of them matches is counted, not listed.")
    var suppressions: String?

    func validate() throws {
        if noChecks && !threshold.isEmpty {
            throw ValidationError("--threshold changes a check, and --no-checks runs none: give one or the other")
        }
        // Refused whatever its value: `--impact full` with JSON was taken and ignored (a CLI review).
        if format == .json && impact != nil {
            throw ValidationError("--impact is for text and Markdown: JSON always has the whole impact")
        }
        if let limit, limit < 1 { throw ValidationError("--limit needs a number of at least 1") }
        if noChecks && suppressions != nil {
            throw ValidationError("--suppressions silences findings, and --no-checks looks for none: give one or the other")
        }
    }

    func run() throws {
        let accepted = try suppressions.map(readSuppressions) ?? []
        let options = DiffOptions(runChecks: !noChecks, checkOptions: try checkOptions(threshold), suppressions: accepted)
        var timer = PhaseTimer()
        let result: SnapshotDiffResult
        let filter: DiffFilter
        if let target {
            let (b, t) = try loadSnapshots(base, target)
            timer.mark("load")
            if let warning = SnapshotDiff.organisationWarning(base: b, target: t) { writeError("dvsec: warning: \(warning)\n") }
            if environment == nil && baseEnvironment == nil {
                filter = try diffFilter(in: b.sortedEnvironments + t.sortedEnvironments)
                result = SnapshotDiff.compare(base: b, target: t, options: options)
            } else {
                // --base-environment alone would leave the target side to a default: say which.
                if baseEnvironment != nil && environment == nil {
                    throw fail("--base-environment needs --environment too: which environment of \(target) to compare it with")
                }
                let be = try pickEnvironment(b, baseEnvironment ?? environment, file: base)
                let te = try pickEnvironment(t, environment, file: target)
                filter = try diffFilter(in: [be, te])
                result = SnapshotDiffResult(
                    comparisons: [SnapshotDiff.compare(base: be, target: te, options: options)],
                    unmatchedEnvironments: [])
            }
        } else {
            guard let be = baseEnvironment, let te = environment else {
                throw fail("give a TARGET snapshot, or --base-environment and --environment to compare two environments of \(base)")
            }
            let s = try loadSnapshot(base)
            let b = try pickEnvironment(s, be, file: base)
            let t = try pickEnvironment(s, te, file: base)
            if b.id == t.id { throw fail("--base-environment and --environment both name '\(b.name)'") }
            filter = try diffFilter(in: [b, t])
            result = SnapshotDiffResult(
                comparisons: [SnapshotDiff.compare(base: b, target: t, options: options)],
                unmatchedEnvironments: [])
        }
        timer.mark("compare")
        KeptUntilExit.keep(result)
        let shown = filter.apply(to: result)
        defer { timer.mark("output") }
        switch format {
        case .text: DiffTextRenderer(style: terminalStyle(noColor: noColor), impactDetail: impact ?? .full).write(shown, to: writeOut)
        case .json:
            DiffJSON.write(shown) { chunk in
                writeOut(UnsafeBufferPointer(start: chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), count: chunk.count))
            }
        case .markdown:
            // With --limit, a review to post: kept under what a pull-request comment takes.
            let budget = limit == nil ? nil : DiffMarkdownRenderer.pullRequestCommentBudget
            writeOut(DiffMarkdownRenderer(impactDetail: impact ?? .full, byteBudget: budget).render(shown))
        }
        if result.hasEscalation { throw ExitStatus.escalation }
        if !result.isIdentical { throw ExitStatus.findings }
    }

    /// The `--risk`, `--user` and `--table` filter, each user and table checked against the
    /// compared environments (a typo is an error, not an empty diff). A user is matched by id,
    /// domain name or full name, else by a unique part of one (as `effective --user`), and the
    /// filter is given the ids found as well, so that a user named by domain name also finds
    /// their own entry. A name that finds nothing says which are near.
    func diffFilter(in environments: [Environment]) throws -> DiffFilter {
        var ids = Set<String>()
        for key in users {
            try requireName(key, "--user needs a user: an id, domain name or name")
            let lower = key.lowercased()
            var found = false
            for env in environments {
                // A full name two people of one environment share names neither: refused as
                // `effective --user` refuses it (a CLI review found both taken without a word).
                var named: [User] = []
                for (id, user) in env.users {
                    if id.lowercased() == lower || user.domainName.lowercased() == lower {
                        ids.insert(id)
                        found = true
                    } else if user.name.lowercased() == lower {
                        named.append(user)
                    }
                }
                if named.count > 1 { throw ambiguousUser(key, named, in: env) }
                if let only = named.first {
                    ids.insert(only.id)
                    found = true
                }
            }
            if !found {
                // A unique part of a name or domain name, as `effective --user` takes it.
                for env in environments {
                    switch env.user(named: key) {
                    case .found(let u):
                        ids.insert(u.id)
                        found = true
                    case .ambiguous(let all): throw ambiguousUser(key, all, in: env)
                    case .notFound: break
                    }
                }
            }
            if !found {
                let near = NameSuggestion.closest(
                    to: key, among: environments.flatMap { $0.users.values.map(Environment.suggestionNames) })
                throw fail(
                    "--user '\(key)': no user has that id, domain name or name in the compared environments" + NameSuggestion.hint(near))
            }
        }
        for table in tables
        where !environments.contains(where: { env in env.tables.keys.contains { $0.lowercased() == table.lowercased() } }) {
            let near = NameSuggestion.closest(
                to: table,
                among: environments.flatMap { $0.tables.values.map { ($0.logicalName, [$0.logicalName, $0.schemaName, $0.displayName]) } })
            throw fail("--table '\(table)': no table has that logical name in the compared environments" + NameSuggestion.hint(near))
        }
        return DiffFilter(risks: Set(risks), users: users, userIds: ids, tables: tables, limit: limit)
    }

    /// `--user KEY` fits several people of one environment: the error names five of them.
    func ambiguousUser(_ key: String, _ users: [User], in env: Environment) -> Error {
        let all = users.sorted { ($0.name, $0.domainName, $0.id) < ($1.name, $1.domainName, $1.id) }
        let named = all.prefix(5).map { "\($0.name) <\($0.domainName)>" }.joined(separator: ", ")
        return fail(
            "--user '\(key)' matches \(all.count) users in \(env.name) (\(named)\(all.count > 5 ? ", …" : "")): use the id or domain name")
    }
}

extension ImpactDetail: ExpressibleByArgument {}
extension RiskClass: ExpressibleByArgument {}

/// Loads a diff's base and target (see ``SnapshotFile/loadPair(base:target:)``).
func loadSnapshots(_ a: String, _ b: String) throws -> (Snapshot, Snapshot) {
    do {
        try StandardDescriptors.refuseReadingClosedInput(a)
        try StandardDescriptors.refuseReadingClosedInput(b)
        let (base, target) = try SnapshotFile.loadPair(base: a, target: b)
        KeptUntilExit.keep([base, target])
        warnReadDifferently(base, a)
        warnReadDifferently(target, b)
        return (base, target)
    } catch {
        throw fail(error.description)
    }
}

/// Colour only when stdout is a terminal, `NO_COLOR` is unset or empty, `TERM` is not `dumb`, and
/// `--no-color` was not given.
func terminalStyle(noColor: Bool) -> ANSIStyle {
    let env = ProcessInfo.processInfo.environment
    let noColorSet = !(env["NO_COLOR"] ?? "").isEmpty
    let enabled = !noColor && !noColorSet && isatty(STDOUT_FILENO) == 1 && env["TERM"] != "dumb"
    return ANSIStyle(enabled: enabled)
}
