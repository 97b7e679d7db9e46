import Foundation
import Testing

@testable import SecurityModel

/// A save onto a read-only file system says so (found by a review: it blamed the file's
/// permissions, 0644 and writable by its owner). Needs a read-only mount: run where the tests may
/// mount a tmpfs (as root); elsewhere the test is not run, and says why.
@Suite("Save: a read-only file system is named as such")
struct ReadOnlyFileSystemSaveTests {
    /// A tmpfs mounted read-only holding `name`, or nil where mounting is not allowed.
    static func readOnlyMount(holding name: String, data: Data) -> String? {
        guard geteuid() == 0 else { return nil }
        let dir = NSTemporaryDirectory() + "dvsec-rofs-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func run(_ args: [String]) -> Bool {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/mount")
            p.arguments = args
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return false }
            p.waitUntilExit()
            return p.terminationStatus == 0
        }
        guard run(["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir]) else { return nil }
        _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: data)
        guard run(["-o", "remount,ro", dir]) else { return nil }
        return dir
    }

    static func unmount(_ dir: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = [dir]
        try? p.run()
        p.waitUntilExit()
    }

    @Test func aSaveOntoAReadOnlyFileSystemSaysSo() throws {
        let data = SnapshotWriter.data(for: DemoOrganisation.snapshot)
        guard let dir = Self.readOnlyMount(holding: "org.json", data: data) else {
            withKnownIssue("cannot mount a read-only tmpfs here (not root, or no mount permission)") {
                Issue.record("skipped")
            }
            return
        }
        defer { Self.unmount(dir) }
        let path = dir + "/org.json"
        #expect(SnapshotFile.isOnReadOnlyFileSystem(path))
        #expect(!SnapshotFile.isOnReadOnlyFileSystem(NSTemporaryDirectory()))
        var (snapshot, file) = try SnapshotFile.load(path: path)
        snapshot.tenant = "Changed"
        do {
            try file.save(snapshot)
            Issue.record("saved onto a read-only file system")
        } catch {
            #expect("\(error)".contains("read-only file system"), "\(error)")
            #expect(!"\(error)".contains("permissions"), "\(error)")
        }
        #expect(FileManager.default.contents(atPath: path) == data)
    }
}
