import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// Reading a snapshot file's bytes: a regular file whole, a pipe, FIFO or standard input up to a
/// limit, with errors that say what is wrong with the path.
extension SnapshotFile {
    /// The most read from a pipe, a FIFO or standard input: 512 MiB, as for one entry of a
    /// solution zip. Such a stream may never end (`dvsec validate - < /dev/zero` took 5 GB in 6
    /// seconds); a regular file is read whole, its size being known.
    public static let maximumStreamSize = 1 << 29

    /// Told, with the path, when a named pipe (FIFO) has had no program writing to it for
    /// ``writerWaitMilliseconds``: reading it waits for one, which looked like a hang (found by a
    /// robustness review). The command line prints it on stderr; nil says nothing.
    public static var waitingForWriter: (@Sendable (String) -> Void)? {
        get { writerNotice.withLock { $0 } }
        set { writerNotice.withLock { $0 = newValue } }
    }
    private static let writerNotice = Mutex<(@Sendable (String) -> Void)?>(nil)

    /// How long a named pipe may stay silent before ``waitingForWriter`` is told.
    static let writerWaitMilliseconds: Int32 = 1000

    /// The names standard input goes by: read whatever it is (a terminal, /dev/null, a pipe).
    static let standardInputNames: Set<String> = ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]

    /// Reads a file's bytes with errors that say what is wrong with the path.
    public static func readBytes(path given: String) throws(SnapshotLoadError) -> Data {
        try readBytes(path: given, streamLimit: maximumStreamSize)
    }

    /// ``readBytes(path:)`` reading at most `streamLimit` bytes from a pipe (tests).
    static func readBytes(path given: String, streamLimit: Int) throws(SnapshotLoadError) -> Data {
        // `-` is standard input, as for other command-line tools.
        let path = given == "-" ? "/dev/stdin" : given
        let source = sourceName(given)
        func failure(_ message: String) -> SnapshotLoadError {
            SnapshotLoadError(source: source, problems: [.init(path: "", message: message)])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw failure("no such file") }
        if isDirectory.boolValue { throw failure("is a directory, not a snapshot file") }
        // A pipe or standard input (`dvsec diff <(git show HEAD:org.json) org.json`, /dev/stdin)
        // is read to its end, up to the limit: Data(contentsOf:) fails on them with a misleading
        // permission error. A device is not read (/dev/zero never ends), except one that is empty
        // at once, as /dev/null is.
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
            let type = status.st_mode & S_IFMT
            if (type == S_IFCHR || type == S_IFBLK) && !standardInputNames.contains(given) {
                let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
                guard fd >= 0 else { throw failure("cannot open for reading: \(String(cString: strerror(errno)))") }
                defer { close(fd) }
                var byte: UInt8 = 0
                if systemRead(fd, &byte, 1) == 0 { throw failure("is empty: nothing was read") }
                throw failure("\(notARegularFile(path) ?? "is not a regular file"), not a snapshot file")
            }
            let data = try readStream(path, limit: streamLimit, failure: failure)
            if data.isEmpty { throw failure("is empty: nothing was read") }
            return data
        }
        if access(path, R_OK) != 0 {
            let why =
                errno == EACCES ? "permission denied (the file's permissions do not allow reading it)" : String(cString: strerror(errno))
            throw SnapshotLoadError(source: source, problems: [.init(path: "", message: "cannot read: \(why)")])
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SnapshotLoadError(source: source, problems: [.init(path: "", message: "cannot read: \(error.localizedDescription)")])
        }
    }

    /// What `path` is, in words, when it is something other than a regular file ("is a named
    /// pipe (FIFO)", "is a pipe" for `<(cat a.json)`, "is a character device"); nil for a regular
    /// file (through links too) and for a path that does not exist. `-` is standard input. Such
    /// a snapshot can be read but not saved in place: a save reads it again (to see whether it
    /// changed) and renames over it, which blocks on a FIFO and cannot work on a pipe.
    public static func notARegularFile(_ given: String) -> String? {
        let path = given == "-" ? "/dev/stdin" : given
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a folder"
        case S_IFIFO:
            // An unnamed pipe has no name in any folder: /dev/fd/63 leads to "pipe:[1234]".
            var named = stat()
            let throughLink = lstat(path, &named) == 0 && named.st_mode & S_IFMT == S_IFLNK
            if throughLink, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: realpathOfLink(path)),
                target.hasPrefix("pipe:")
            {
                return "is a pipe"
            }
            return "is a named pipe (FIFO)"
        case S_IFCHR: return "is a character device"
        case S_IFBLK: return "is a block device"
        case S_IFSOCK: return "is a socket"
        default: return "is not a regular file"
        }
    }

    /// `/dev/fd/N` is itself a link to `/proc/self/fd/N`, the link whose target names the pipe:
    /// the last link of the chain.
    private static func realpathOfLink(_ path: String) -> String {
        var current = path
        for _ in 0..<8 {
            guard let next = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { break }
            var info = stat()
            let resolved = next.hasPrefix("/") ? next : (current as NSString).deletingLastPathComponent + "/" + next
            guard lstat(resolved, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { break }
            current = resolved
        }
        return current
    }

    /// A pipe's bytes to its end, refused past `limit` (with the limit in the message).
    private static func readStream(
        _ path: String, limit: Int, failure: (String) -> SnapshotLoadError
    ) throws(SnapshotLoadError) -> Data {
        var status = stat()
        let fifo = stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO
        // A FIFO is opened without waiting for a writer (a blocking open waits in silence), then
        // waited on, saying so once the wait is noticeable; reads block again after that.
        let fd = open(path, O_RDONLY | O_CLOEXEC | (fifo ? O_NONBLOCK : 0))
        guard fd >= 0 else { throw failure("cannot open for reading: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        if fifo {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            var told = false
            while true {
                let n = poll(&ready, 1, told ? -1 : writerWaitMilliseconds)
                if n > 0 { break }
                if n < 0 && errno != EINTR { break }
                if n == 0 && !told {
                    told = true
                    waitingForWriter?(path)
                }
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw failure("cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { return data }
            if data.count + n > limit {
                let size = limit >= 1 << 20 && limit % (1 << 20) == 0 ? "\(limit) bytes (\(limit >> 20) MiB, " : "\(limit) bytes ("
                throw failure("gives more than \(size)the most dvsec reads from a pipe or a device): refused (write it to a file first)")
            }
            data.append(contentsOf: buffer[0..<n])
        }
    }
}
