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
            role was renamed. Role files and profiles of roles and profiles the environment \
            does not have are kept, with a warning, unless --prune removes them. With \
            --roles and/or --profiles only those are written \
            (--roles alone writes no profile file). A file being replaced keeps its BOM \
            and line endings; new files get a UTF-8 BOM and CRLF, as SolutionPackager \
            writes them, unless --line-endings or --no-bom say otherwise. The built-in \
            System Administrator role and profile (every privilege, not editable) are \
            not written. With the profiles, column security the profile file cannot say \
            (a column not secured, or secured with no permission) goes into a minimal \
            Entities/<Schema>/Entity.xml, except in a real solution (one with \
            Other/Solution.xml) or over its own Entity.xml: the columns not carried \
            are then listed on standard error.
            """)

    @Argument(help: "The snapshot file.") var file: String
    @Option(name: .shortAndLong, help: "Environment (id, name, name prefix or type); default: production, else the first.") var environment:
        String?
    @Option(name: .long, help: "The unpacked solution folder to write into.") var out: String
    @Option(help: "Only these roles (names or ids, comma-separated).") var roles: String?
    @Option(help: "Only these field security profiles (names or ids, comma-separated).") var profiles: String?
    @Option(help: "Line endings of written files (default: keep the replaced file's, else crlf).") var lineEndings: LineEndings?
    @Flag(help: "Write files without a UTF-8 byte-order mark.") var noBom = false
    @Flag(
        help:
            "Remove the role files and profiles the folder holds that the environment does not have (deleted since; an import would bring them back)."
    )
    var prune = false

    func run() throws {
        try StandardDescriptors.refuseWritingWithClosedOutput("the files the export writes")
        let snapshot = try loadSnapshot(file)
        let env = try pickEnvironment(snapshot, environment, file: file)
        func list(_ s: String?) -> [String]? {
            s.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        }
        // Each option forces its own property only; the other is kept from each replaced file.
        let options = SolutionExportOptions(
            roles: list(roles), profiles: list(profiles), byteOrderMark: noBom ? false : nil,
            lineEnding: lineEndings.map { $0 == .lf ? "\n" : "\r\n" }, prune: prune)
        do {
            let leftovers = SolutionExporter.leftovers(of: env, in: out)
            let report = try SolutionExporter.exportReport(env, to: out, options: options)
            let written = report.files.map(\.path)
            // Each file as it went: made, changed, or already as it would be (left alone); then
            // the role files removed (a renamed role's old file, and what --prune removes).
            for (path, change) in report.files { print("\(change.rawValue) \(readable(path))") }
            for path in report.removed { print("removed \(readable(path))") }
            for what in report.skipped { print("skipped: \(readable(what))") }
            if !report.notCarried.isEmpty {
                // Column security an import of the folder would not restore: say which, rather
                // than let a secured (or unsecured) column change back without a word.
                let n = report.notCarried.count
                writeError(
                    readable(
                        "dvsec: warning: the exported files do not carry the security of \(n) column\(n == 1 ? "" : "s"); an import of \(out) leaves \(n == 1 ? "it" : "them") as the snapshot it goes into has \(n == 1 ? "it" : "them"):"
                    ) + "\n" + report.notCarried.map { "  not exported: " + readable($0) + "\n" }.joined())
            }
            // What is gone from the profiles file is what --prune removed; it prunes only the
            // files this export writes (--roles alone writes no profile file).
            let left = SolutionExporter.leftovers(of: env, in: out)
            for name in leftovers.profiles where !left.profiles.contains(name) {
                print("removed profile \(readable(name)) from FieldSecurityProfiles.xml")
            }
            if !left.roleFiles.isEmpty || !left.profiles.isEmpty {
                // Deleted since the folder was written, or another solution's: an import of the
                // folder brings them back.
                let what =
                    left.roleFiles.map { "Roles/" + ($0 as NSString).lastPathComponent }
                    + left.profiles.map { "profile " + $0 }
                let hint =
                    prune
                    ? "--prune removes only from the files it writes (export the \(left.roleFiles.isEmpty ? "profiles" : left.profiles.isEmpty ? "roles" : "roles and profiles") too)"
                    : "--prune removes them"
                writeError(
                    readable(
                        "dvsec: warning: \(out) holds \(what.count == 1 ? "a role or profile" : "\(what.count) roles or profiles") that environment '\(env.name)' does not have (\(what.prefix(5).joined(separator: ", "))\(what.count > 5 ? ", …" : "")): an import of the folder brings them back; \(hint)"
                    )
                        + "\n")
            }
            print(
                "Exported \(written.count) file\(written.count == 1 ? "" : "s") from environment '\(readable(env.name))' to \(readable(out))."
            )
        } catch {
            throw fail(error.description)
        }
    }
}
