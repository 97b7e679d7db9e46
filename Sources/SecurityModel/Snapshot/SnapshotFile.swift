import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
    private let systemRead = Darwin.read
#endif

/// What a snapshot file looked like when it was loaded or last saved, to detect that someone
/// else changed it since.
public struct FileFingerprint: Hashable, Sendable {
    public var size: Int
    /// FNV-1a over 64-bit words: changes that keep size and time are still seen.
    public var contentHash: UInt64

    public init(data: Data) {
        var h = FingerprintHasher()
        data.withUnsafeBytes { h.update($0) }
        self = h.finalize()
    }

    public init(bytes: [UInt8]) {
        var h = FingerprintHasher()
        bytes.withUnsafeBytes { h.update($0) }
        self = h.finalize()
    }

    init(size: Int, contentHash: UInt64) {
        self.size = size
        self.contentHash = contentHash
    }

    /// The fingerprint of a file, read in 1 MB chunks (no copy of the whole file); `nil` if
    /// unreadable or not a regular file (opened without blocking, so a FIFO with no writer does
    /// not hang the caller: a save on one froze the console).
    public static func ofFile(atPath path: String) -> FileFingerprint? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var h = FingerprintHasher()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            buffer.withUnsafeBytes { h.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return h.finalize()
    }
}

/// Carries a fingerprint back from the thread that computed it (written once, read after `wait`).
private final class FingerprintBox: @unchecked Sendable {
    var value: FileFingerprint?
}

/// Computes a ``FileFingerprint`` over bytes given in chunks of any size.
struct FingerprintHasher {
    private var h: UInt64 = 0xcbf2_9ce4_8422_2325
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private(set) var size = 0

    mutating func update(_ raw: UnsafeRawBufferPointer) {
        size += raw.count
        var i = 0
        while pendingCount > 0 && pendingCount < 8 && i < raw.count {
            pending |= UInt64(raw[i]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            i += 1
        }
        if pendingCount == 8 {
            mix(pending)
            pending = 0
            pendingCount = 0
        }
        while i + 8 <= raw.count {
            mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        while i < raw.count {
            pending |= UInt64(raw[i]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            i += 1
        }
    }

    private mutating func mix(_ word: UInt64) {
        h = (h ^ word) &* 0x100_0000_01b3
        h ^= h >> 29
    }

    func finalize() -> FileFingerprint {
        var out = h
        for k in 0..<pendingCount { out = (out ^ ((pending >> (8 * UInt64(k))) & 0xFF)) &* 0x100_0000_01b3 }
        return FileFingerprint(size: size, contentHash: out)
    }
}

/// Why a snapshot could not be saved. The previous file is always left as it was.
public enum SnapshotSaveError: Error, Sendable, CustomStringConvertible {
    /// The file changed on disk since it was loaded; save with `force` to overwrite.
    case changedOnDisk(path: String)
    /// A system call failed; `step` says which, the message comes from the system.
    case io(path: String, step: String, message: String)
    /// The path is a folder, a named pipe, a device: nothing that can be replaced by a file.
    /// `kind` says what it is ("is a folder").
    case notARegularFile(path: String, kind: String)

    public var description: String {
        switch self {
        case .changedOnDisk(let p):
            "\(p): the file changed on disk since it was loaded; not overwritten (save elsewhere, or reload it)"
        case .io(let p, let step, let m):
            // A new file has no previous version to speak of (found by a robustness review).
            "\(p): could not save (\(step): \(m)); "
                + (FileManager.default.fileExists(atPath: p) ? "the previous file is unchanged" : "nothing was written")
        case .notARegularFile(let p, let kind) where kind == "is a folder":
            // Said so (a review got "could not write the backup" for `:w /tmp`).
            "\(p): could not save (check: is a folder: give a file name (such as \(p)/snapshot.json)); the previous file is unchanged"
        case .notARegularFile(let p, let kind):
            "\(p): could not save (check: \(kind), not a regular file); the previous file is unchanged"
        }
    }
}

/// A snapshot file on disk: loading, and saving atomically.
///
/// Saving writes a temporary file in the same folder (the file's own mode, 0600 for a new one), flushes it, keeps the previous
/// version as `<name>.bak`, then renames the new file into place, so a crash or a full disk at
/// any step leaves the previous file intact.
public struct SnapshotFile: Sendable {
    public let path: String
    /// The content's fingerprint when it was loaded or last saved; `nil` for a new file.
    public private(set) var fingerprint: FileFingerprint?
    /// The file's permission bits when it was loaded or last saved: a file deleted meanwhile is
    /// recreated with them (found by a robustness review: a 0640 snapshot came back 0600).
    public private(set) var mode: mode_t?
    /// The last ``save(_:force:)`` found the file already holding what it would write (edits that
    /// cancel out) and left it, and its backup, as they were.
    public private(set) var savedNothing = false

    public init(path: String, fingerprint: FileFingerprint? = nil, mode: mode_t? = nil) {
        self.path = path
        self.fingerprint = fingerprint
        self.mode = mode
    }

    /// The permission bits of the file at `path` (links followed), `nil` when there is none.
    public static func permissions(of path: String) -> mode_t? {
        var info = stat()
        return stat(resolvedPath(path), &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    /// Reads and validates a snapshot file.
    public static func load(path: String) throws(SnapshotLoadError) -> (Snapshot, SnapshotFile) {
        let (snapshot, file, _) = try load(path: path, reusing: nil, recording: false)
        return (snapshot, file)
    }

    /// Reads and validates a snapshot file for a command that never saves it: no fingerprint.
    public static func read(path: String) throws(SnapshotLoadError) -> Snapshot {
        try SnapshotReader.read(readBytes(path: path), source: sourceName(path))
    }

    /// How errors name a path: `-` is "standard input".
    public static func sourceName(_ path: String) -> String { path == "-" ? "standard input" : path }

    /// ``load(path:)`` that takes the records a file read before has byte for byte (`reusing`)
    /// instead of parsing them again, and can record this file's records for the next one (see
    /// ``RecordReuse``). The console reads a snapshot and its `--baseline` this way.
    public static func load(
        path: String, reusing: RecordReuse?, recording: Bool
    ) throws(SnapshotLoadError) -> (Snapshot, SnapshotFile, RecordReuse?) {
        let data = try readBytes(path: path)
        // The fingerprint is computed on the second core while the first one parses.
        let box = FingerprintBox()
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) { box.value = FileFingerprint(data: data) }
        let result = Result { () throws(SnapshotLoadError) in
            try SnapshotReader.read(data, source: path, reusing: reusing, recording: recording)
        }
        group.wait()
        let (snapshot, records) = try result.get()
        return (snapshot, SnapshotFile(path: path, fingerprint: box.value, mode: permissions(of: path)), records)
    }

    /// Reads and validates a diff's base and target (see ``SnapshotReader/readPair(_:source:_:source:)``).
    /// No fingerprint: a comparison does not save.
    public static func loadPair(base: String, target: String) throws(SnapshotLoadError) -> (base: Snapshot, target: Snapshot) {
        if base == "-" && target == "-" {
            throw SnapshotLoadError(
                source: sourceName(target),
                problems: [.init(path: "", message: "standard input can be given only once (the base or the target)")])
        }
        let baseData = try readBytes(path: base)
        let targetData: Data
        do {
            targetData = try readBytes(path: target)
        } catch {
            _ = try SnapshotReader.read(baseData, source: sourceName(base))  // The base's problems come first.
            throw error
        }
        return try SnapshotReader.readPair(baseData, source: sourceName(base), targetData, source: sourceName(target))
    }

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

    /// The fingerprint of what is on disk now, `nil` when there is no file.
    public func currentFingerprint() -> FileFingerprint? {
        FileFingerprint.ofFile(atPath: path)
    }

    /// Whether the file on disk differs from what was loaded or last saved.
    public var changedOnDisk: Bool {
        let now = currentFingerprint()
        return now != fingerprint
    }

    /// Saves atomically; refuses when the file changed on disk since it was loaded, unless `force`.
    /// The snapshot is streamed to the temporary file in 1 MB chunks.
    public mutating func save(_ snapshot: Snapshot, force: Bool = false) throws(SnapshotSaveError) {
        try save(force: force, failAfterBytes: nil) { sink in SnapshotWriter.stream(snapshot, to: sink) }
    }

    /// ``save(_:force:)``, telling `beforeReplace` the new content's fingerprint once it is safely
    /// written and just before it replaces the file (the console's journal records it, so a crash
    /// right after the replace is not mistaken for unsaved edits).
    public mutating func save(
        _ snapshot: Snapshot, force: Bool = false, beforeReplace: (FileFingerprint) -> Void
    ) throws(SnapshotSaveError) {
        try save(force: force, failAfterBytes: nil, beforeReplace: beforeReplace) { sink in SnapshotWriter.stream(snapshot, to: sink) }
    }

    /// Saves bytes atomically (see ``save(_:force:)``). `failAfterBytes` simulates a full disk and
    /// `whileWriting` another program saving during the write (tests).
    mutating func save(data: Data, force: Bool, failAfterBytes: Int? = nil, whileWriting: (() -> Void)? = nil) throws(SnapshotSaveError) {
        try save(force: force, failAfterBytes: failAfterBytes) { sink in
            data.withUnsafeBytes { sink($0) }
            whileWriting?()
        }
    }

    /// Where the chunks go while saving: the temporary file, and the fingerprint.
    private final class SaveTarget {
        let fd: Int32
        let limit: Int
        var written = 0
        var hasher = FingerprintHasher()
        var failure: (step: String, errno: Int32)?

        init(fd: Int32, limit: Int) {
            self.fd = fd
            self.limit = limit
        }

        func write(_ raw: UnsafeRawBufferPointer) {
            guard failure == nil, let base = raw.baseAddress else { return }
            hasher.update(raw)
            var offset = 0
            while offset < raw.count {
                if written >= limit {
                    failure = ("write", ENOSPC)
                    return
                }
                let chunk = min(raw.count - offset, 1 << 20, max(limit - written, 1))
                let n = systemWrite(fd, base + offset, chunk)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = ("write", errno)
                    return
                }
                offset += n
                written += n
            }
        }
    }

    private mutating func save(
        force: Bool, failAfterBytes: Int?, beforeReplace: (FileFingerprint) -> Void = { _ in },
        produce: (@escaping (UnsafeRawBufferPointer) -> Void) -> Void
    ) throws(SnapshotSaveError) {
        // Through a symbolic link, the file it points to is saved (and its folder holds the
        // temporary file and the backup); the link stays a link.
        let real = Self.resolvedPath(path)
        // Read-only by its permissions, or by its mode bits (no write bit for anyone): root may
        // write anything, and a file made read-only on purpose must stay as it is (as vim does).
        var info = stat()
        // A folder, or anything else that is not a regular file, is refused before it is
        // opened: a FIFO blocked the save (reading it for the changed-on-disk check and the
        // backup), then became the `.bak`.
        if let kind = Self.notARegularFile(real) { throw .notARegularFile(path: path, kind: kind) }
        if !force && changedOnDisk { throw .changedOnDisk(path: path) }
        let writeBits = mode_t(S_IWUSR | S_IWGRP | S_IWOTH)
        if access(real, F_OK) == 0 && (access(real, W_OK) != 0 || (stat(real, &info) == 0 && info.st_mode & writeBits == 0)) {
            // A read-only file system is said as such: its files' permissions allow writing, and
            // blaming them sent a reviewer to chmod.
            if Self.isOnReadOnlyFileSystem(real) {
                throw .io(
                    path: path, step: "check",
                    message: "the file is on a read-only file system: not replaced (save it elsewhere: :w PATH in the console)")
            }
            throw .io(path: path, step: "check", message: "the file is read-only (its permissions do not allow writing): not replaced")
        }
        let url = URL(fileURLWithPath: real)
        let dir = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .io(path: path, step: "check", message: "the folder \(dir) does not exist (dvsec does not create folders)")
        }
        // A name nobody can guess, created only if it does not exist and never through a link.
        let tmp =
            dir + "/"
            + Self.sideFileName(
                for: url.lastPathComponent, prefix: ".", suffix: ".dvsec-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: path, step: "create \(tmp)", message: String(cString: strerror(errno))) }
        let target = SaveTarget(fd: fd, limit: failAfterBytes ?? Int.max)
        produce { target.write($0) }
        var failure: SnapshotSaveError? = target.failure.map {
            .io(path: path, step: $0.step, message: String(cString: strerror($0.errno)))
        }
        if failure == nil && fsync(fd) != 0 { failure = .io(path: path, step: "flush", message: String(cString: strerror(errno))) }
        if close(fd) != 0 && failure == nil { failure = .io(path: path, step: "close", message: String(cString: strerror(errno))) }
        // Someone may have saved the file while this was written: checked again just before it
        // is replaced.
        if failure == nil && !force && changedOnDisk { failure = .changedOnDisk(path: path) }
        if let failure {
            unlink(tmp)
            throw failure
        }
        // The file already holds it (edits that cancel out: disabled, then enabled again): left
        // as it is, and so is its backup, which keeps the version before the last real change (a
        // data-safety review found "Saved 2 changes" of a file written the same, and the only
        // copy of the previous version replaced by it).
        savedNothing = false
        if let known = fingerprint, target.hasher.finalize() == known, currentFingerprint() == known {
            unlink(tmp)
            savedNothing = true
            return
        }
        // A file that exists keeps its permissions (and, where allowed, its owner), as vim
        // keeps them: a review found a shared 0644 snapshot made 0600 by a save. A new file is
        // 0600: a security model is not for everyone to read.
        var existing = stat()
        if stat(real, &existing) == 0 {
            chmod(tmp, existing.st_mode & 0o7777)
            if existing.st_uid != geteuid() || existing.st_gid != getegid() { _ = chown(tmp, existing.st_uid, existing.st_gid) }
        } else {
            chmod(tmp, mode ?? 0o600)
        }
        // Keep the previous version: hard-link it as <name>.bak (replacing an older backup), or
        // copy it where links are not supported. Without a backup, nothing is replaced.
        if FileManager.default.fileExists(atPath: real) {
            let bak = Self.backupPath(of: real)
            let bakTmp = bak + ".dvsec-tmp-\(getpid())"
            unlink(bakTmp)
            var kept = false
            if link(real, bakTmp) == 0 {
                kept = rename(bakTmp, bak) == 0
                if !kept { unlink(bakTmp) }
            }
            if !kept, let old = FileManager.default.contents(atPath: real) {
                kept = FileManager.default.createFile(atPath: bak, contents: old, attributes: [.posixPermissions: 0o600])
            }
            if !kept {
                unlink(tmp)
                throw .io(path: path, step: "keep the previous version as \(bak)", message: "could not write the backup")
            }
        }
        beforeReplace(target.hasher.finalize())
        if rename(tmp, real) != 0 {
            let message = String(cString: strerror(errno))
            unlink(tmp)
            throw .io(path: path, step: "rename into place", message: message)
        }
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
        fingerprint = target.hasher.finalize()
        mode = Self.permissions(of: real)
    }

    /// The most bytes in one file name (NAME_MAX on Linux and macOS file systems).
    static let maximumNameLength = 255

    /// The name of a file kept beside the file named `name` (its temporary file, backup, journal,
    /// lock): `prefix + name + suffix` while that fits ``maximumNameLength`` with `room` bytes to
    /// spare (for what is added to it later), else `.dvsec-<hash of the name>` + `suffix`, short
    /// and the same every time, so that it is found again. A valid name of 229 to 255 bytes could
    /// be opened and edited but never saved nor journaled: every name beside it was too long.
    public static func sideFileName(for name: String, prefix: String, suffix: String, room: Int = 0) -> String {
        let usual = prefix + name + suffix
        if usual.utf8.count + room <= maximumNameLength { return usual }
        let hash = FileFingerprint(data: Data(name.utf8)).contentHash
        return ".dvsec-" + String(hash, radix: 16) + suffix
    }

    /// The backup a save keeps of the file at `real` (its folder and name): `NAME.bak`, or a short
    /// name when that does not fit (``sideFileName(for:prefix:suffix:room:)``).
    public static func backupPath(of real: String) -> String {
        let url = URL(fileURLWithPath: real)
        return url.deletingLastPathComponent().path + "/"
            + sideFileName(for: url.lastPathComponent, prefix: "", suffix: ".bak", room: backupTemporaryRoom)
    }

    /// What a save adds to the backup's name while it makes it (`.dvsec-tmp-PID`).
    private static let backupTemporaryRoom = 22

    /// Whether the file system holding `path` is mounted read-only (`statvfs`'s `ST_RDONLY`).
    static func isOnReadOnlyFileSystem(_ path: String) -> Bool {
        var info = statvfs()
        return statvfs(path, &info) == 0 && info.f_flag & UInt(ST_RDONLY) != 0
    }

    /// The path with symbolic links followed (as far as they exist): the file a save must
    /// replace, and the one name of a file opened through links (its journal and lock go by it).
    public static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else {
            // A new file: resolve its folder.
            let url = URL(fileURLWithPath: path)
            guard let folder = realpath(url.deletingLastPathComponent().path, nil) else { return path }
            defer { free(folder) }
            return String(cString: folder) + "/" + url.lastPathComponent
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

}
