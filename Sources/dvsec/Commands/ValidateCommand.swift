import ArgumentParser
import Foundation
import SecurityModel

/// `dvsec validate FILE`: reads a snapshot and reports every problem with its JSON path.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check that a snapshot file is valid; list every problem with its place.")

    @Argument(help: "The snapshot file.") var file: String
    @Option(help: "Output format.") var format: OutputFormat = .text

    func run() throws {
        let data: Data
        do {
            try StandardDescriptors.refuseReadingClosedInput(file)
            data = try SnapshotFile.readBytes(path: file)
        } catch {
            // A script reading --format json gets the same document for a file it cannot read, and
            // only that document (as for an invalid one): the file is named in "file".
            guard format == .json else { throw fail(error.description) }
            printJSON(["file": file, "valid": false, "problems": error.problems.map { ["path": $0.path, "message": $0.message] }])
            throw ExitStatus.inputError
        }
        do {
            let snapshot = try SnapshotReader.read(data, source: SnapshotFile.sourceName(file))
            KeptUntilExit.keep(snapshot)
            let envs = snapshot.sortedEnvironments
            switch format {
            case .json:
                printJSON([
                    "file": file, "valid": true, "problems": [Any](), "readDifferently": snapshot.readDifferently,
                    "environments": envs.map {
                        [
                            "id": $0.id, "name": $0.name, "users": $0.users.count, "teams": $0.teams.count,
                            "roles": $0.roles.count, "tables": $0.tables.count, "businessUnits": $0.businessUnits.count,
                            "profiles": $0.fieldSecurityProfiles.count,
                        ]
                    },
                ])
            case .text:
                let tenant = snapshot.tenant.isEmpty ? "" : " of \(readable(snapshot.tenant))"
                print("\(readable(file)): valid snapshot\(tenant), \(counted(envs.count, "environment"))")
                for e in envs {
                    print(
                        "  \(readable(e.name)) (\(e.type.label)): "
                            + [
                                counted(e.businessUnits.count, "business unit"), counted(e.users.count, "user"),
                                counted(e.teams.count, "team"),
                                counted(e.roles.count, "role"), counted(e.tables.count, "table"),
                                counted(e.fieldSecurityProfiles.count, "profile"),
                            ].joined(separator: ", ")
                    )
                }
                let notes = snapshot.readDifferently
                if !notes.isEmpty {
                    print(
                        "\(counted(notes.count, "value")) read differently from the file (a save writes \(notes.count == 1 ? "it" : "them") as read):"
                    )
                    for note in notes { print("  \(note)") }
                }
            }
        } catch {
            switch format {
            case .json:
                printJSON([
                    "file": file, "valid": false,
                    "problems": error.problems.map { p -> [String: Any] in
                        var d: [String: Any] = ["path": p.path, "message": p.message]
                        // A syntax error has a line and column; a problem across records, the
                        // line where its record starts.
                        if let l = p.line { d["line"] = l }
                        if let c = p.column { d["column"] = c }
                        return d
                    },
                ])
            case .text:
                for p in error.problems {
                    writeError(readable("\(file): \(p.description)") + "\n")
                }
                writeError("\(error.problems.count) problem\(error.problems.count == 1 ? "" : "s") found\n")
            }
            throw ExitStatus.inputError
        }
    }
}
