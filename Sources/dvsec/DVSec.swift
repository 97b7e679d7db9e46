import ArgumentParser
import Foundation
import SecurityModel

/// `dvsec`: the console is the default command; every view a script could want has a twin here.
@main
struct DVSec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dvsec",
        abstract: "A terminal console and CLI for the Dataverse (Dynamics 365) security model.",
        discussion: """
            Run without a subcommand to open the console on the built-in demo \
            organisation, or `dvsec FILE` to open a snapshot.

            Exit codes:
              0  ok
              1  findings or differences (check, diff, report --compare)
              2  usage or input error
              3  differences with at least one escalation (diff)
              128+N  ended by signal N: 141 the output's reader stopped early;
                     the console 143 (SIGTERM) or 129 (terminal closed), its
                     unsaved edits kept in the journal for the next open
            """,
        version: DVSecVersion.current,
        subcommands: [
            OpenCommand.self, DemoCommand.self, GenerateCommand.self, ValidateCommand.self, ShowCommand.self,
            EffectiveCommand.self, WhoCanCommand.self,
            DiffCommand.self, CheckCommand.self, ReportCommand.self,
            ImportCommand.self, ExportCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )

    /// Runs the command; usage errors exit with 2 as documented, not ArgumentParser's 64.
    static func main() {
        // A file-size limit (`ulimit -f`) must fail a write, not kill the process: SIGXFSZ's
        // default killed the console mid-save, left the terminal raw and a temporary copy of the
        // model beside the file, where the write's EFBIG gives "could not save (File too large);
        // the previous file is unchanged" (a data-safety review).
        signal(SIGXFSZ, SIG_IGN)
        StandardDescriptors.occupyClosedOnes()
        SnapshotFile.waitingForWriter = { path in
            writeError("dvsec: waiting for a program to write to \(readable(path)) (a named pipe); Ctrl-C stops\n")
        }
        if let message = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
            writeError("dvsec: error: " + readable(message) + "\n")
            Foundation.exit(ExitStatus.inputError.rawValue)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            finishPrintedOutput()
        } catch {
            finishPrintedOutput()
            if exitCode(for: error) == .validationFailure {
                writeError(fullMessage(for: error) + "\n")
                Foundation.exit(ExitStatus.inputError.rawValue)
            }
            exit(withError: error)
        }
    }
}

enum DVSecVersion {
    static let current = "0.1.0"
}

extension DVSec {
    /// A mistyped command (`dvsec validat org.json`) was read as `dvsec open validat org.json`,
    /// whose usage error blamed the snapshot argument and offered `--theme` for `--table` (found
    /// by a CLI review). A first word that is no command and no file is named as such, with the
    /// commands near it, when a command is what it looks like: near a command's name, or
    /// followed by more words than `open` takes.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), first != "help" else { return nil }
        let commands = configuration.subcommands.map { $0.configuration.commandName ?? "" }
        guard !commands.contains(first), !FileManager.default.fileExists(atPath: first) else { return nil }
        let near = NameSuggestion.closest(to: first, among: commands.map { ($0, [$0]) })
        let secondWord = arguments.dropFirst().first { !$0.hasPrefix("-") } != nil
        guard !near.isEmpty || (secondWord && !arguments.dropFirst().contains { $0.hasPrefix("-") }) else { return nil }
        let said = "'\(first)' is neither a command nor a file"
        if !near.isEmpty { return said + NameSuggestion.hint(near) }
        return said + "; the commands are \(commands.joined(separator: ", ")), and dvsec FILE opens a snapshot in the console"
    }
}
