import ArgumentParser
import DataverseSolution
import Foundation
import SecurityModel

/// `dvsec export solution SNAPSHOT --out DIR`: roles and profiles as solution files.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export roles and field security profiles as the files of an unpacked Dataverse solution.",
        subcommands: [ExportSolutionCommand.self])
}

/// Line endings of exported files.
enum LineEndings: String, ExpressibleByArgument, CaseIterable {
    case crlf, lf
}

/// `dvsec export solution SNAPSHOT --environment E --out DIR [--roles R1,R2]`.
struct ExportSolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution",
        abstract: "Write Roles/<Role Name>.xml and Other/FieldSecurityProfiles.xml in the layout Dataverse writes.",
        discussion: """
            Files go into an unpacked solution folder (created if needed); Solution.xml \
            and other files are left alone, and a role's old file is removed when the \
            role was renamed. With --roles and/or --profiles only those are written \
            (--roles alone writes no profile file). A file being replaced keeps its BOM \
            and line endings; new files get a UTF-8 BOM and CRLF, as SolutionPackager \
            writes them, unless --line-endings or --no-bom say otherwise.
            """)

    @Argument(help: "The snapshot file.") var file: String
    @Option(name: .shortAndLong, help: "Environment (id, name, name prefix or type); default: production, else the first.") var environment:
        String?
    @Option(name: .long, help: "The unpacked solution folder to write into.") var out: String
    @Option(help: "Only these roles (names or ids, comma-separated).") var roles: String?
    @Option(help: "Only these field security profiles (names or ids, comma-separated).") var profiles: String?
    @Option(help: "Line endings of written files (default: keep the replaced file's, else crlf).") var lineEndings: LineEndings?
    @Flag(help: "Write files without a UTF-8 byte-order mark.") var noBom = false

    func run() throws {
        let snapshot = try loadSnapshot(file)
        let env = try pickEnvironment(snapshot, environment)
        func list(_ s: String?) -> [String]? {
            s.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }
        var style: SolutionFileStyle?
        if lineEndings != nil || noBom {
            style = SolutionFileStyle(byteOrderMark: !noBom, lineEnding: lineEndings == .lf ? "\n" : "\r\n")
        }
        let options = SolutionExportOptions(roles: list(roles), profiles: list(profiles), style: style)
        do {
            let written = try SolutionExporter.export(env, to: out, options: options)
            for path in written { print("wrote \(printable(path))") }
            print(
                "Exported \(written.count) file\(written.count == 1 ? "" : "s") from environment '\(printable(env.name))' to \(printable(out))."
            )
        } catch {
            throw fail(error.description)
        }
    }
}
