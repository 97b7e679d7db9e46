import ArgumentParser
import Foundation
import SecurityModel

/// `dvsec check FILE`: the go-live rules of DATAVERSE.md §4.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the go-live checks (anti-patterns AP1-AP5, go-live rules GL1-GL9) on a snapshot.",
        discussion: """
            Without --environment every environment is checked.

            A suppression file is a JSON array of accepted findings:
              [{"rule": "AP4a", "place": "Contoso Production/role/System Administrator",
                "reason": "..."}]
            The place may be the path alone (role/Sales Manager) and may use * as a \
            wildcard.

            Thresholds (--threshold NAME=VALUE, repeatable; defaults in brackets):
            \(CheckOptions.thresholdHelp)

            --format sarif writes SARIF 2.1.0 for code-scanning tools (GitHub code \
            scanning, Azure DevOps): each finding on the line of its record in FILE. \
            Suppressed findings are left out (GitHub would show them as open alerts) \
            unless --include-suppressed is given.

            Exit codes:
              0  no unsuppressed finding at warning or above (--fail-on: at that severity)
              1  findings
              2  error
            --fail-on error fails only on errors (warnings are still listed); \
            --fail-on info fails on any finding.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, sarif
    }

    @Argument(help: "The snapshot file.") var file: String
    @Option(name: .shortAndLong, help: "Only this environment (id, name, name prefix or type).") var environment: String?
    @Option(help: "A JSON file of accepted findings: [{rule, place, reason}].") var suppressions: String?
    @Option(help: "Output format: text, json, markdown or sarif.") var format: Format = .text
    @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set or stdout is not a terminal).") var noColor = false
    @Flag(help: "SARIF: also write suppressed findings, marked as accepted with their reason (for viewers that honour SARIF suppressions).")
    var includeSuppressed = false
    @Option(
        help: ArgumentHelp(
            "SARIF: the path to name the snapshot by, relative to the repository root (default: FILE as given; use it when FILE is a pipe).",
            valueName: "path"))
    var sarifPath: String?
    @Option(help: ArgumentHelp("Change a check threshold (repeatable), e.g. max-system-administrators=10.", valueName: "name=value"))
    var threshold: [String] = []
    @Option(
        name: .customLong("fail-on"),
        help: "The least serious finding that makes the exit code 1: error, warning (the default) or info.")
    var failOn: FindingSeverity = .warning

    func validate() throws {
        if format != .sarif && (includeSuppressed || sarifPath != nil) {
            throw ValidationError("--include-suppressed and --sarif-path go with --format sarif")
        }
    }

    func run() throws {
        let options = try checkOptions(threshold)
        // SARIF points into the file: its bytes are kept to find each record's line.
        let (snapshot, bytes): (Snapshot, Data?) =
            format == .sarif ? try loadSnapshotAndBytes(file) : (try loadSnapshot(file), nil)
        let envs = try environment.map { [try pickEnvironment(snapshot, $0, file: file)] } ?? snapshot.sortedEnvironments
        let accepted = try suppressions.map(readSuppressions) ?? []
        let findings = envs.flatMap { GoLiveChecks.run($0, options: options) }
        let notChecked = snapshot.sortedEnvironments.filter { e in !envs.contains { $0.id == e.id } }
        var outcome = SuppressionOutcome(findings: findings, suppressions: accepted, notChecked: notChecked)
        if !outcome.unused.isEmpty && !notChecked.isEmpty {
            // A suppression that names no environment may be about one this run did not check:
            // it is stale only if it matches nothing there either.
            outcome = SuppressionOutcome(
                findings: findings, suppressions: accepted, notChecked: notChecked,
                elsewhere: notChecked.flatMap { GoLiveChecks.run($0, options: options) })
        }
        switch format {
        case .text: writeOut(FindingTextRenderer(style: terminalStyle(noColor: noColor)).render(outcome, environments: envs))
        case .json: writeOut(FindingJSON.data(outcome, environments: envs, failOn: failOn))
        case .markdown: writeOut(FindingMarkdownRenderer().render(outcome, environments: envs))
        case .sarif:
            if let warning = FindingSARIF.gitHubLimitWarning(
                results: FindingSARIF.resultCount(outcome, includeSuppressed: includeSuppressed))
            {
                writeError("dvsec: warning: \(warning)\n")
            }
            // A pipe's path (/dev/stdin, /dev/fd/63) is no file in the repository: code scanning
            // would point every result at nothing.
            if sarifPath == nil && !isRegularFile(file) {
                writeError(
                    readable(
                        "dvsec: warning: \(file) is not a regular file: the SARIF locations point at it; give --sarif-path with the snapshot's path in the repository"
                    ) + "\n")
            }
            writeOut(
                FindingSARIF.data(
                    outcome, uri: FindingSARIF.artifactURI(forPath: sarifPath ?? file), locations: SnapshotLocations(data: bytes ?? Data()),
                    toolVersion: DVSecVersion.current, includeSuppressed: includeSuppressed))
        }
        if outcome.fails(at: failOn) { throw ExitStatus.findings }
    }
}

extension FindingSeverity: ExpressibleByArgument {}

extension CheckOptions {
    /// Each threshold for `--help`: its name and default, then what it means, wrapped for 80 columns.
    static var thresholdHelp: String {
        let defaults = CheckOptions()
        return thresholds.map { t in
            (["  \(t.name) [\(t.value(in: defaults))]"] + wrapped("\(t.rule): \(t.meaning)", width: 72).map { "      " + $0 })
                .joined(separator: "\n")
        }
        .joined(separator: "\n")
    }

    /// `text` in lines of at most `width` characters, broken at spaces.
    private static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// The check options after the `--threshold` assignments; a bad one is a usage error (exit 2).
func checkOptions(_ assignments: [String]) throws -> CheckOptions {
    var options = CheckOptions()
    for a in assignments {
        do {
            try options.setThreshold(a)
        } catch {
            throw fail("--threshold \(error.description)")
        }
    }
    return options
}

/// Whether `path` is a regular file (not a pipe, a device or a process substitution).
private func isRegularFile(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
}

/// The accepted findings of a suppression file; an unreadable or malformed file is an input error
/// naming the file and the place.
func readSuppressions(_ path: String) throws -> [Suppression] {
    // What is wrong with the path, said (a folder was "permission denied?", found by a CLI
    // review); a pipe (`--suppressions <(…)`) is read as a snapshot is, a device refused.
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw fail("\(path): no such suppression file")
    }
    if isDirectory.boolValue { throw fail("\(path): is a directory, not a suppression file") }
    if access(path, R_OK) != 0 && errno == EACCES {
        throw fail("\(path): cannot read the suppression file: permission denied (the file's permissions do not allow reading it)")
    }
    let data: Data
    do {
        data = try SnapshotFile.readBytes(path: path)
    } catch {
        let why = error.problems.first?.message ?? "cannot be read"
        throw fail("\(path): " + why.replacingOccurrences(of: "not a snapshot file", with: "not a suppression file"))
    }
    let suppressions: [Suppression]
    do {
        suppressions = try SuppressionFile.parse(data, source: path)
    } catch {
        throw fail(error.description)
    }
    // Accepted, but said: one entry that silences everything turns the gate off (a review found
    // it passed silently).
    for (i, s) in suppressions.enumerated() where s.rule == "*" && s.place.trimmingCharacters(in: .whitespaces) == "*" {
        writeError(
            "dvsec: warning: \(readable(path)): [\(i)] suppresses every rule everywhere (\(readable(s.reason))): no finding can fail the gate\n"
        )
    }
    return suppressions
}
