import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The names a save keeps beside a snapshot file, and how its path is resolved.
extension SnapshotFile {
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
