import Foundation

/// Where the theme catalog reads files from; a protocol so tests can point it anywhere.
public protocol ThemeFileSystem: Sendable {
    /// The bytes of the file at `path`, or nil when there is no readable regular file there.
    func contents(atPath path: String) -> Data?
    /// The names of the entries in a directory, or an empty list when it cannot be read.
    func fileNames(inDirectory path: String) -> [String]
}

/// The real file system, through `FileManager`.
public struct LocalThemeFileSystem: ThemeFileSystem {
    public init() {}

    public func contents(atPath path: String) -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        return FileManager.default.contents(atPath: path)
    }

    public func fileNames(inDirectory path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }
}
