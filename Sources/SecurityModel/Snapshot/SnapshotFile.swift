import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a snapshot file looked like when it was loaded or last saved, to detect that someone
/// else changed it since.
public struct FileFingerprint: Hashable, Sendable {
    public var size: Int
    /// FNV-1a 64 of the content: changes that keep size and time are still seen.
    public var contentHash: UInt64

    public init(data: Data) {
        size = data.count
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            for b in raw { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        contentHash = h
    }
}

/// Why a snapshot could not be saved. The previous file is always left as it was.
public enum SnapshotSaveError: Error, Sendable, CustomStringConvertible {
    /// The file changed on disk since it was loaded; save with `force` to overwrite.
    case changedOnDisk(path: String)
    /// A system call failed; `step` says which, the message comes from the system.
    case io(path: String, step: String, message: String)

    public var description: String {
        switch self {
        case .changedOnDisk(let p):
            "\(p): the file changed on disk since it was loaded; not overwritten (save elsewhere, or force to overwrite)"
        case .io(let p, let step, let m):
            "\(p): could not save (\(step): \(m)); the previous file is unchanged"
        }
    }
}

/// A snapshot file on disk: loading, and saving atomically.
///
/// Saving writes a temporary file in the same folder (mode 0600), flushes it, keeps the previous
/// version as `<name>.bak`, then renames the new file into place, so a crash or a full disk at
/// any step leaves the previous file intact.
public struct SnapshotFile: Sendable {
    public let path: String
    /// The content's fingerprint when it was loaded or last saved; `nil` for a new file.
    public private(set) var fingerprint: FileFingerprint?

    public init(path: String, fingerprint: FileFingerprint? = nil) {
        self.path = path
        self.fingerprint = fingerprint
    }

    /// Reads and validates a snapshot file.
    public static func load(path: String) throws(SnapshotLoadError) -> (Snapshot, SnapshotFile) {
        let data = try readBytes(path: path)
        let snapshot = try SnapshotReader.read(data, source: path)
        return (snapshot, SnapshotFile(path: path, fingerprint: FileFingerprint(data: data)))
    }

    /// Reads a file's bytes with errors that say what is wrong with the path.
    public static func readBytes(path: String) throws(SnapshotLoadError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SnapshotLoadError(source: path, problems: [.init(path: "", message: "no such file")])
        }
        if isDirectory.boolValue {
            throw SnapshotLoadError(source: path, problems: [.init(path: "", message: "is a directory, not a snapshot file")])
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SnapshotLoadError(source: path, problems: [.init(path: "", message: "cannot read: \(error.localizedDescription)")])
        }
    }

    /// The fingerprint of what is on disk now, `nil` when there is no file.
    public func currentFingerprint() -> FileFingerprint? {
        guard let d = FileManager.default.contents(atPath: path) else { return nil }
        return FileFingerprint(data: d)
    }

    /// Whether the file on disk differs from what was loaded or last saved.
    public var changedOnDisk: Bool {
        let now = currentFingerprint()
        return now != fingerprint
    }

    /// Saves atomically; refuses when the file changed on disk since it was loaded, unless `force`.
    public mutating func save(_ snapshot: Snapshot, force: Bool = false) throws(SnapshotSaveError) {
        try save(data: SnapshotWriter.data(for: snapshot), force: force)
    }

    /// Saves bytes atomically (see ``save(_:force:)``). `failAfterBytes` simulates a full disk (tests).
    mutating func save(data: Data, force: Bool, failAfterBytes: Int? = nil) throws(SnapshotSaveError) {
        if !force && changedOnDisk { throw .changedOnDisk(path: path) }
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/." + url.lastPathComponent + ".dvsec-tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: path, step: "create \(tmp)", message: String(cString: strerror(errno))) }
        var failure: SnapshotSaveError?
        data.withUnsafeBytes { raw in
            var offset = 0
            let limit = failAfterBytes ?? Int.max
            while offset < raw.count {
                if offset >= limit {
                    failure = .io(path: path, step: "write", message: String(cString: strerror(ENOSPC)))
                    return
                }
                let chunk = min(raw.count - offset, 1 << 20, max(limit - offset, 1))
                let n = write(fd, raw.baseAddress! + offset, chunk)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .io(path: path, step: "write", message: String(cString: strerror(errno)))
                    return
                }
                offset += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = .io(path: path, step: "flush", message: String(cString: strerror(errno))) }
        if close(fd) != 0 && failure == nil { failure = .io(path: path, step: "close", message: String(cString: strerror(errno))) }
        if let failure {
            unlink(tmp)
            throw failure
        }
        fchmodPath(tmp)
        // Keep the previous version: hard-link it as <name>.bak (replacing an older backup).
        if FileManager.default.fileExists(atPath: path) {
            let bak = path + ".bak"
            let bakTmp = bak + ".dvsec-tmp-\(getpid())"
            unlink(bakTmp)
            if link(path, bakTmp) == 0 {
                if rename(bakTmp, bak) != 0 { unlink(bakTmp) }
            } else if let old = FileManager.default.contents(atPath: path) {
                _ = FileManager.default.createFile(atPath: bak, contents: old, attributes: [.posixPermissions: 0o600])
            }
        }
        if rename(tmp, path) != 0 {
            let message = String(cString: strerror(errno))
            unlink(tmp)
            throw .io(path: path, step: "rename into place", message: message)
        }
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
        fingerprint = FileFingerprint(data: data)
    }

    private func fchmodPath(_ p: String) { chmod(p, 0o600) }
}
