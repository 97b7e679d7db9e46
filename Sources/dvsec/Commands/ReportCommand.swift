import ArgumentParser
import Foundation
import SecurityModel

/// `dvsec report FILE --user U | --role R`: for access reviews and data-subject requests.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report everything one user can do (--user), or who holds a role and what it grants (--role).",
        discussion: "Exit codes: 0 ok; 2 error.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, csv
    }

    @Argument(help: "The snapshot file.") var file: String
    @Option(name: .shortAndLong, help: "User id, domain name or name.") var user: String?
    @Option(name: .shortAndLong, help: "Role id or name.") var role: String?
    @Option(name: .shortAndLong, help: "Environment (id, name or type); default: production, else the first.") var environment: String?
    @Option(help: "Output format: text, markdown or csv.") var format: Format = .text
    @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set or stdout is not a terminal).") var noColor = false

    func run() throws {
        // Exit code 2 like every input error (ArgumentParser's validation errors exit 64).
        if (user == nil) == (role == nil) { throw fail("give exactly one of --user and --role") }
        let (snapshot, _) = try loadSnapshot(file)
        let env = try pickEnvironment(snapshot, environment)
        if let user {
            let u = try pickUser(env, user)
            guard let report = UserAccessReport(environment: env, userId: u.id) else { throw fail("no user '\(user)' in \(env.name)") }
            switch format {
            case .text: writeOut(ReportTextRenderer(style: terminalStyle(noColor: noColor)).render(report))
            case .markdown: writeOut(ReportMarkdownRenderer().render(report))
            case .csv: writeOut(ReportCSVRenderer().render(report))
            }
        } else if let role {
            let r = try pickRole(env, role)
            guard let report = RoleReport(environment: env, roleId: r.id) else { throw fail("no role '\(role)' in \(env.name)") }
            switch format {
            case .text: writeOut(ReportTextRenderer(style: terminalStyle(noColor: noColor)).render(report))
            case .markdown: writeOut(ReportMarkdownRenderer().render(report))
            case .csv: writeOut(ReportCSVRenderer().render(report))
            }
        }
    }
}
