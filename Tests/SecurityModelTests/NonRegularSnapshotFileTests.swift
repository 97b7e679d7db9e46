import Foundation
import Testing

@testable import SecurityModel

#if canImport(Glibc)
    import Glibc
#endif

/// Snapshots read from something that is not a regular file: a named pipe, a pipe
/// (`<(cat a.json)`), a device. Found by a robustness review.
@Suite("Snapshots that are not regular files")
struct NonRegularSnapshotFileTests {
    func tempDir() -> String {
        let d = NSTemporaryDirectory() + "dvsec-nonregular-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// Found by a robustness review: Ctrl-S on a snapshot opened from a FIFO blocked the console
    /// (opening the FIFO to fingerprint it, then to copy it as `.bak`) until someone wrote to it,
    /// then moved the FIFO to `.bak`. Saving over anything that is not a regular file is refused
    /// at once, saying what it is, and the FIFO stays where it was.
    @Test func savingOverANamedPipeIsRefusedAtOnce() throws {
        let dir = tempDir()
        let fifo = dir + "/pipe.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let outcome = SaveOutcomeBox()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var file = SnapshotFile(path: fifo, fingerprint: FileFingerprint(data: Data("{}".utf8)))
            do {
                try file.save(DemoOrganisation.snapshot)
                outcome.set("saved")
            } catch {
                outcome.set(String(describing: error))
            }
            done.signal()
        }
        if done.wait(timeout: .now() + 5) == .timedOut {
            Issue.record("saving over a FIFO blocked")
            // Unblocks the save: it reads (for the fingerprint, then the backup) until a writer closes.
            for _ in 0..<4 where done.wait(timeout: .now() + 1) == .timedOut {
                let fd = open(fifo, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
            }
        }
        #expect(
            outcome.get() == "\(fifo): could not save (check: is a named pipe (FIFO), not a regular file); the previous file is unchanged")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(!FileManager.default.fileExists(atPath: fifo + ".bak"))
    }

    /// What a snapshot path is when it is not a regular file, in words; nil for a regular file
    /// (or through a link to one) and for a path that does not exist.
    @Test func whatIsNotARegularFileIsNamed() throws {
        let dir = tempDir()
        let fifo = dir + "/pipe.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(SnapshotFile.notARegularFile(fifo) == "is a named pipe (FIFO)")
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        #expect(SnapshotFile.notARegularFile("/dev/fd/\(fds[0])") == "is a pipe")
        #expect(SnapshotFile.notARegularFile("/dev/null") == "is a character device")
        #expect(SnapshotFile.notARegularFile(dir) == "is a folder")
        let regular = dir + "/org.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: regular))
        #expect(symlink(regular, dir + "/link.json") == 0)
        #expect(SnapshotFile.notARegularFile(regular) == nil)
        #expect(SnapshotFile.notARegularFile(dir + "/link.json") == nil)
        #expect(SnapshotFile.notARegularFile(dir + "/missing.json") == nil)
    }
}

/// A result handed back from the thread that saved.
private final class SaveOutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?
    func set(_ v: String) { lock.withLock { value = v } }
    func get() -> String? { lock.withLock { value } }
}

/// Reading from a pipe is capped (a stream may never end); a regular file is not.
@Suite("Snapshots read from a pipe: the size limit")
struct SnapshotStreamLimitTests {
    @Test func aPipeGivingMoreThanTheLimitIsRefusedNamingItAndTheLimit() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let reader = fds[0]
        let writer = fds[1]
        defer { close(reader) }
        Thread.detachNewThread {
            let chunk = [UInt8](repeating: 0x20, count: 4096)
            _ = chunk.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
            close(writer)
        }
        let path = "/dev/fd/\(reader)"
        do {
            _ = try SnapshotFile.readBytes(path: path, streamLimit: 1024)
            Issue.record("read past the limit")
        } catch {
            #expect(
                error.description
                    == "\(path): gives more than 1024 bytes (the most dvsec reads from a pipe or a device): refused (write it to a file first)"
            )
        }
    }
}

extension NonRegularSnapshotFileTests {
    /// Found by a robustness review: `dvsec validate FIFO` with nothing writing to the FIFO waited
    /// in silence, like a hang. After a second with no writer, the reader is told (the command line
    /// prints "waiting for a program to write to …"); a writer already there is read at once.
    @Test func aNamedPipeWithNoWriterSaysItIsWaiting() throws {
        let dir = tempDir()
        let bytes = SnapshotWriter.data(for: DemoOrganisation.snapshot)
        let told = SaveOutcomeBox()
        SnapshotFile.waitingForWriter = { path in
            if path.hasPrefix(dir) { told.set(path) }
        }
        defer { SnapshotFile.waitingForWriter = nil }
        func feed(_ fifo: String, after delay: Double) {
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: delay)
                let fd = open(fifo, O_WRONLY)
                guard fd >= 0 else { return }
                _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
            }
        }
        let late = dir + "/late.json"
        #expect(mkfifo(late, 0o600) == 0)
        feed(late, after: 1.6)
        #expect(try SnapshotFile.readBytes(path: late) == bytes)
        #expect(told.get() == late)

        let prompt = dir + "/prompt.json"
        #expect(mkfifo(prompt, 0o600) == 0)
        told.set("")
        feed(prompt, after: 0)
        #expect(try SnapshotFile.readBytes(path: prompt) == bytes)
        #expect(told.get() == "")
    }
}
