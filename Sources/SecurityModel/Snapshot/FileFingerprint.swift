import Foundation

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
final class FingerprintBox: @unchecked Sendable {
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
