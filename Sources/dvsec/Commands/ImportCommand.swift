import ArgumentParser
import ConsoleUI
import DataverseSolution
import Foundation
import SecurityModel

/// `dvsec import solution|webapi SOURCE --into SNAPSHOT`: real Dataverse files into a snapshot.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a Dataverse solution (folder or zip) or Web API payloads into a snapshot.",
        discussion: """
            The files update what they describe and keep everything else. A snapshot \
            path that does not exist gets a new snapshot. Nothing is written on any \
            error (exit code 2).
            """,
        subcommands: [ImportSolutionCommand.self, ImportWebAPICommand.self])
}

/// Options every import takes.
struct ImportOptions: ParsableArguments {
    @Option(name: .long, help: "The snapshot file to import into (created when it does not exist).") var into: String
    @Option(
        name: .shortAndLong,
        help: "Environment (id, name, name prefix or type); a new name adds an environment. Required when the snapshot has several.")
    var environment: String?
    @Flag(help: "Show what would change without writing the snapshot.") var dryRun = false
    @Flag(help: "Also print the full plan of the change (SnapshotDiff): every changed line and its effect on users.") var diff = false
    @Option(help: "Output format of the summary.") var format: OutputFormat = .text

    func validate() throws {
        // The snapshot is read and then replaced in place: a pipe or standard input can't be.
        if into == "-" || into.hasPrefix("/dev/") {
            throw ValidationError("--into names the snapshot file to update (or create), not standard input: give a file path")
        }
        if diff && format == .json {
            throw ValidationError("--diff prints the plan as text: leave out --format json, or run dvsec diff --format json")
        }
        // Said before the import runs (a review found the whole import done, then "the previous
        // file is unchanged" about a file that never was).
        let folder = URL(fileURLWithPath: into).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError(
                "--into \(readable(into)): the folder \(readable(folder)) does not exist (dvsec does not create folders)")
        }
    }

    /// Runs the import, prints the summary, and saves unless this is a dry run.
    func run(newName: String, merge: (inout Environment) throws(DataverseFileError) -> ImportReport) throws {
        // A console editing the snapshot holds its journal's lock: an import written under it
        // would be overwritten by the console's next save, or make that save stop at "changed on
        // disk" (found by an editing review). Held until the import is saved, so that a console
        // opened meanwhile opens read-only.
        let journal = ChangeJournal(path: ChangeJournal.path(forSnapshotAt: into))
        let lock = dryRun ? nil : journal.lockForSession()
        if !dryRun && lock == nil {
            throw fail(
                "\(readable(into)) is open in a dvsec console session, which holds \(readable(journal.path)).lock: "
                    + "save or quit there first, or import into another file (--dry-run shows what would change)")
        }
        try withExtendedLifetime(lock) { try runLocked(newName: newName, merge: merge) }
    }

    private func runLocked(newName: String, merge: (inout Environment) throws(DataverseFileError) -> ImportReport) throws {
        var result: ImportResult
        do {
            result = try ImportTarget.run(snapshotPath: into, environment: environment, newName: newName, merge: merge)
        } catch {
            throw fail(error.description)
        }
        // Standard error too: a script reading the summary (or JSON) would not see it there.
        if let warning = result.newEnvironmentWarning { writeError("dvsec: warning: " + readable(warning.description) + "\n") }
        // What the file said that is saved as read (a table privilege listed as miscellaneous...).
        warnReadDifferently(result.snapshot, into)
        // The snapshot as it was, for --diff (read before saving; nil for a new snapshot).
        let before = diff ? (try? SnapshotFile.load(path: into))?.0 : nil
        // Saving an unchanged snapshot would rotate `.bak` onto a copy of the file: the real
        // previous version would be lost for nothing.
        let unchanged = result.leavesFileUnchanged
        if !dryRun && !unchanged {
            try StandardDescriptors.refuseWritingWithClosedOutput("the import")
            do {
                try result.file.save(result.snapshot)
            } catch {
                throw fail(error.description)
            }
        }
        switch format {
        case .text:
            var lines = result.report.textLines()
            if dryRun {
                lines.append("Dry run: \(readable(into)) was not written.")
            } else if unchanged {
                lines.append("No change; \(readable(into)) left as it was.")
            } else {
                lines.append("Saved \(readable(into)).")
            }
            print(lines.joined(separator: "\n"))
            if diff { print(plan(before: before, after: result.snapshot)) }
        case .json:
            printJSON(reportJSON(result.report, unchanged: unchanged))
        }
    }

    private func plan(before: Snapshot?, after: Snapshot) -> String {
        let base = before ?? Snapshot(tenant: after.tenant, environments: [])
        return "\n" + DiffTextRenderer().render(SnapshotDiff.compare(base: base, target: after, options: DiffOptions(matchByName: false)))
    }

    private func reportJSON(_ r: ImportReport, unchanged: Bool) -> [String: Any] {
        var counts: [String: [String: Int]] = [:]
        for kind in ImportReport.EntityKind.allCases {
            let c = Dictionary(uniqueKeysWithValues: ImportReport.Outcome.allCases.map { ($0.rawValue, r.count(kind, $0)) })
            if c.values.contains(where: { $0 > 0 }) { counts[kind.rawValue] = c }
        }
        return [
            "source": r.source, "sourceKind": r.sourceKind, "snapshot": into, "environment": r.environmentName,
            "createdSnapshot": r.createdSnapshot, "createdEnvironment": r.createdEnvironment, "dryRun": dryRun,
            "written": !dryRun && !unchanged,
            "counts": counts,
            "entries": r.entries.map { e -> [String: Any] in
                var o: [String: Any] = ["kind": e.kind.rawValue, "id": e.id, "name": e.name, "outcome": e.outcome.rawValue]
                if !e.details.isEmpty { o["details"] = e.details }
                if let risk = e.risk { o["risk"] = risk.rawValue }
                return o
            },
            "warnings": r.warnings.map { w -> [String: Any] in
                var o: [String: Any] = ["file": w.file, "message": w.message]
                if let line = w.line { o["line"] = line }
                return o
            },
        ]
    }
}

/// `dvsec import solution DIR|FILE.zip --into SNAPSHOT`.
struct ImportSolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution",
        abstract: "Import roles, field security profiles and table metadata from a solution folder or zip.",
        discussion: """
            A folder is an unpacked solution (pac solution unpack / SolutionPackager): \
            Roles/*.xml, Other/FieldSecurityProfiles.xml, Entities/*/Entity.xml, \
            Other/Solution.xml. A .zip is a packed solution (customizations.xml and \
            solution.xml). Users, teams, role assignments and profile members are not in \
            solutions and stay as they are.
            """)

    @Argument(help: "An unpacked solution folder or a solution .zip.") var source: String
    @OptionGroup var options: ImportOptions

    func run() throws {
        let content: SolutionContent
        do {
            content = try SolutionReader.read(path: source)
        } catch {
            throw fail(error.description)
        }
        try options.run(newName: content.name) { (env: inout Environment) throws(DataverseFileError) in
            SolutionImporter.merge(content, into: &env)
        }
    }
}

/// `dvsec import webapi DIR --into SNAPSHOT`.
struct ImportWebAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webapi",
        abstract: "Import the JSON responses of Dataverse Web API queries (business units, users, teams, roles, privileges, profiles).",
        discussion: """
            The folder holds one file per query, named businessunits.json, \
            systemusers.json, teams.json, teammembership.json, roles.json, \
            privileges.json, privilegeobjecttypecodes.json, roleprivileges.json, \
            systemuserroles.json, teamroles.json, fieldsecurityprofiles.json, \
            fieldpermissions.json, systemuserprofiles.json, teamprofiles.json and \
            entitydefinitions.json; any may be absent. Further pages go in NAME.2.json, \
            NAME.3.json ... The README lists the queries. dvsec needs no network.
            """)

    @Argument(help: "The folder of Web API payload files.") var folder: String
    @OptionGroup var options: ImportOptions

    func run() throws {
        let payloads: WebAPIPayloads
        do {
            payloads = try WebAPIPayloads.read(folder: folder)
        } catch {
            throw fail(error.description)
        }
        let name = (folder as NSString).lastPathComponent
        try options.run(newName: name.isEmpty ? "Dataverse" : name) { (env: inout Environment) throws(DataverseFileError) in
            WebAPIImporter.merge(payloads, into: &env)
        }
    }
}
