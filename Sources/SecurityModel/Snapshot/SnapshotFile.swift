import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

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
        // (Read once for this check and the one below: the file may be 64 MB.)
        let produced = target.hasher.finalize()
        let onDisk = failure == nil && (!force || produced == fingerprint) ? currentFingerprint() : nil
        if failure == nil && !force && onDisk != fingerprint { failure = .changedOnDisk(path: path) }
        if let failure {
            unlink(tmp)
            throw failure
        }
        // The file already holds it (edits that cancel out: disabled, then enabled again): left
        // as it is, and so is its backup, which keeps the version before the last real change (a
        // data-safety review found "Saved 2 changes" of a file written the same, and the only
        // copy of the previous version replaced by it).
        savedNothing = false
        if let known = fingerprint, produced == known, onDisk == known {
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
        beforeReplace(produced)
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
        fingerprint = produced
        mode = Self.permissions(of: real)
    }
}
