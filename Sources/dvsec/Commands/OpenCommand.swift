import ArgumentParser

/// Opens the console (the default command).
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open the console on a snapshot (default: the demo organisation).")

    @Argument(help: "A snapshot file.") var file: String?

    func run() throws {
        print(DVSec.helpMessage())
    }
}
