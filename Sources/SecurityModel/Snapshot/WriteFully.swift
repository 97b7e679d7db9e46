#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Writes every byte of `bytes` to `fd`, again after an interrupted or short write; the `errno`
/// of the write that failed, or nil. One loop for the journal's records and a solution export's
/// files (the export's `Data.write` said "NSCocoaErrorDomain error 512" where the system says
/// "File too large").
public func writeFully(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
        let n = systemWrite(fd, base + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += n
    }
    return nil
}
