import Foundation
import SecurityModel
import Testing

/// Runs the built `dvsec` binary, as a user would, and captures its output and exit code.
enum BinaryRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `DVSEC_BINARY` if set, else the `dvsec` built next to this test bundle.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["DVSEC_BINARY"], !path.isEmpty { return path }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("dvsec").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("dvsec").path
    }

    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], executable: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // A child that stops before reading its input (an argument error) must not take the test
        // process down with SIGPIPE: the write then fails, and the child's answer is read below.
        signal(SIGPIPE, SIG_IGN)
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "dvsec-cli-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The demo snapshot written by the binary itself.
    static func demoFile(in dir: String) throws -> String {
        let path = dir + "/contoso.json"
        let r = try run(["demo", "--out", path])
        precondition(r.status == 0, "dvsec demo failed: \(r.stderr)")
        return path
    }

    /// The demo with `edit` applied to its production environment, written to a new file.
    static func demoFile(editingProduction edit: (inout Environment) throws -> Void) throws -> String {
        try write(editedDemo(edit), to: temporaryDirectory() + "/review.json")
    }

    /// The demo as the base, and a target with `edit` applied to its production environment;
    /// returns the paths.
    static func demoPair(editingProduction edit: (inout Environment) throws -> Void) throws -> (String, String) {
        let dir = temporaryDirectory()
        return (write(DemoOrganisation.snapshot, to: dir + "/base.json"), try write(editedDemo(edit), to: dir + "/target.json"))
    }

    static func editedDemo(_ edit: (inout Environment) throws -> Void) throws -> Snapshot {
        var snapshot = DemoOrganisation.snapshot
        let prod = try #require(snapshot.environment(matching: "prod"))
        var env = prod
        try edit(&env)
        snapshot.environments[prod.id] = env
        return snapshot
    }

    static func write(_ snapshot: Snapshot, to path: String) -> String {
        #expect(FileManager.default.createFile(atPath: path, contents: SnapshotWriter.data(for: snapshot)))
        return path
    }
}
