import ArgumentParser
import Foundation
import SecurityModel

/// `dvsec report FILE --user U | --role R`: for access reviews and data-subject requests.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Report everything one user can do (--user), who holds a role and what it grants (--role), or two users side by side (--user A --compare B).",
        discussion: """
            Examples:
              dvsec report FILE --user alex@contoso.com
                  everything Alex can do, and how
              dvsec report FILE --user alex@contoso.com --compare allan
                  what Alex holds that Allan does not, and the reverse
              dvsec report FILE --role "Sales Manager" --compare Salesperson
                  what one role grants that the other does not

            Exit codes:
              0  ok (with --compare: nothing differs: for users their roles and how they hold
                 them, teams, business unit and access; for roles their privileges and
                 member privilege inheritance)
              1  with --compare: something differs
              2  error
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, csv
    }

    @Argument(help: "The snapshot file.") var file: String
    @Option(name: .shortAndLong, help: "User id, domain name or name.") var user: String?
    @Option(name: .shortAndLong, help: "Role id or name.") var role: String?
    @Option(help: "A second user (with --user) or role (with --role) to compare with: id or name.") var compare: String?
    @Option(name: .shortAndLong, help: "Environment (id, name, name prefix or type); default: production, else the first.") var environment:
        String?
    @Option(help: "Output format: text, markdown or csv.") var format: Format = .text
    @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set or stdout is not a terminal).") var noColor = false
    @Flag(
        help:
            "With --format csv: start with a UTF-8 byte-order mark, so that Excel opening the file reads names and arrows (→) as UTF-8."
    ) var bom = false

    func validate() throws {
        if bom && format != .csv { throw ValidationError("--bom goes with --format csv") }
    }

    func run() throws {
        // Exit code 2 like every input error (ArgumentParser's validation errors exit 64).
        if compare != nil && user == nil && role == nil {
            throw fail("--compare needs --user or --role: dvsec report FILE --user A --compare B")
        }
        if (user == nil) == (role == nil) { throw fail("give exactly one of --user and --role") }
        let snapshot = try loadSnapshot(file)
        let env = try pickEnvironment(snapshot, environment, file: file)
        if let user, let compare {
            let a = try pickUser(env, user, file: file)
            let b = try pickUser(env, compare, file: file)
            if a.id == b.id { throw fail("--user and --compare both name \(a.name)") }
            guard let comparison = UserAccessComparison(environment: env, left: a.id, right: b.id) else {
                throw fail("no user '\(user)' or '\(compare)' in \(env.name)")
            }
            emit({ $0.render(comparison) }, { $0.render(comparison) }, { $0.render(comparison) })
            // Same levels are not the same access when the business units differ (Local and
            // Deep reach other records) or the roles and teams do (another way of holding them).
            if !comparison.isIdentical || comparison.scopesDiffer { throw ExitStatus.findings }
        } else if let user {
            let u = try pickUser(env, user, file: file)
            guard let report = UserAccessReport(environment: env, userId: u.id) else { throw fail("no user '\(user)' in \(env.name)") }
            emit({ $0.render(report) }, { $0.render(report) }, { $0.render(report) })
        } else if let role, let compare {
            let a = try pickRole(env, role, file: file)
            let b = try pickRole(env, compare, file: file)
            if a.id == b.id { throw fail("--role and --compare both name \(a.name)") }
            guard let comparison = RoleComparison(environment: env, left: a.id, right: b.id) else {
                throw fail("no role '\(role)' or '\(compare)' in \(env.name)")
            }
            emit({ $0.render(comparison) }, { $0.render(comparison) }, { $0.render(comparison) })
            if !comparison.grantsTheSame || comparison.inheritanceDiffers { throw ExitStatus.findings }
        } else if let role {
            let r = try pickRole(env, role, file: file)
            guard let report = RoleReport(environment: env, roleId: r.id) else { throw fail("no role '\(role)' in \(env.name)") }
            emit({ $0.render(report) }, { $0.render(report) }, { $0.render(report) })
        }
    }

    /// Writes a report or comparison in the chosen format.
    private func emit(
        _ text: (ReportTextRenderer) -> String, _ markdown: (ReportMarkdownRenderer) -> String, _ csv: (ReportCSVRenderer) -> String
    ) {
        switch format {
        case .text: writeOut(text(ReportTextRenderer(style: terminalStyle(noColor: noColor))))
        case .markdown: writeOut(markdown(ReportMarkdownRenderer()))
        // Excel reads a CSV file without a byte-order mark in the system's code page.
        case .csv: writeOut((bom ? "\u{FEFF}" : "") + csv(ReportCSVRenderer()))
        }
    }
}
