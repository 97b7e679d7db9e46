import ArgumentParser
import Foundation
import SecurityModel

/// `dvsec demo`: writes the built-in Contoso demo snapshot.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Write the built-in demo organisation (Contoso) as a snapshot.")

    @Option(name: .shortAndLong, help: "Where to write it; '-' or absent for standard output.")
    var out: String?

    @Flag(help: "Overwrite an existing file.") var force = false

    func run() throws {
        try writeSnapshot(DemoOrganisation.snapshot, to: out, force: force)
    }
}

/// Writes a snapshot to a file atomically, or to stdout.
func writeSnapshot(_ snapshot: Snapshot, to path: String?, force: Bool) throws {
    guard let path, path != "-" else {
        writeOut(SnapshotWriter.data(for: snapshot))
        return
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue {
        throw fail("\(path) is a directory: give a file name (\(path)/contoso.json, say)")
    }
    // Any entry at that name counts, a dangling symbolic link too (fileExists follows links: a
    // review found one replaced by a file without --force).
    var entry = stat()
    if lstat(path, &entry) == 0 && !force {
        throw fail("\(path) already exists (use --force to overwrite; the old file is kept as \(path).bak)")
    }
    var file = SnapshotFile(path: path, fingerprint: SnapshotFile(path: path).currentFingerprint())
    do {
        try file.save(snapshot, force: true)
    } catch {
        throw fail(error.description)
    }
    writeError("wrote \(path)\n")
}
