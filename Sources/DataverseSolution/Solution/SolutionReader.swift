import Foundation
import SecurityModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a Dataverse solution: an unpacked folder (`pac solution unpack`, SolutionPackager) or
/// a packed zip. Only what the security model needs is read: roles, field security profiles,
/// table ownership and secured columns, and the manifest.
public enum SolutionReader {
    /// Elements of `customizations.xml` whose contents dvsec never reads; skipping them keeps
    /// memory low on large solutions.
    static let skippedElements: Set<String> = [
        "FormXml", "SavedQueries", "RibbonDiffXml", "Visualizations", "Workflows", "WebResources", "optionsets",
        "optionset", "EntityRelationships", "AppModules", "AppModuleSiteMaps", "SolutionPluginAssemblies",
        "SdkMessageProcessingSteps", "Dashboards", "Languages", "CustomControls", "CanvasApps", "EntityMaps",
        "connectionreferences", "EnvironmentVariableDefinitions", "SiteMaps", "Templates", "ClientData",
    ]

    /// Reads a folder or a `.zip`, whichever `path` is.
    public static func read(path: String) throws(DataverseFileError) -> SolutionContent {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataverseFileError(file: path, message: "no such file or folder")
        }
        if isDirectory.boolValue { return try read(folder: path) }
        var info = stat()
        if stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
            throw DataverseFileError(
                file: path, message: "\(kind(of: info.st_mode, at: path)), neither a solution folder nor a zip file: refused")
        }
        return try read(zip: path)
    }

    // MARK: Folder

    /// Reads an unpacked solution folder: `Roles/*.xml`, `Other/FieldSecurityProfiles.xml`,
    /// `Entities/*/Entity.xml` and `Other/Solution.xml`. Folder names match case-insensitively.
    public static func read(folder: String) throws(DataverseFileError) -> SolutionContent {
        let root = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        let rolesDir = try onlyEntry(in: root, named: "Roles")
        let otherDir = try onlyEntry(in: root, named: "Other")
        let entitiesDir = try onlyEntry(in: root, named: "Entities")
        let manifestFile = try otherDir.flatMap { (dir: String) throws(DataverseFileError) in try onlyEntry(in: dir, named: "Solution.xml")
        }
        let profilesFile = try otherDir.flatMap { (dir: String) throws(DataverseFileError) in
            try onlyEntry(in: dir, named: "FieldSecurityProfiles.xml")
        }
        if rolesDir == nil && entitiesDir == nil && manifestFile == nil && profilesFile == nil {
            throw DataverseFileError(
                file: folder,
                message: "not an unpacked solution folder: no Roles/, Entities/, Other/Solution.xml or Other/FieldSecurityProfiles.xml")
        }
        var content = SolutionContent(source: folder)
        if let manifestFile {
            let tree = try XMLTree.parse(try bytes(manifestFile), file: manifestFile, skipping: skippedElements)
            content.manifest = try SolutionElements.manifest(tree, file: manifestFile)
        }
        for file in xmlFiles(in: rolesDir) {
            let tree = try XMLTree.parse(try bytes(file), file: file)
            guard tree.name == "Role" else {
                throw DataverseFileError(
                    file: file, line: tree.line, message: "expected a <Role> root element, found <\(DataverseName.shown(tree.name))>")
            }
            content.roles.append(try SolutionElements.role(tree, file: file, warnings: &content.warnings))
        }
        if let profilesFile {
            let tree = try XMLTree.parse(try bytes(profilesFile), file: profilesFile)
            guard tree.name == "FieldSecurityProfiles" else {
                throw DataverseFileError(
                    file: profilesFile, line: tree.line,
                    message: "expected a <FieldSecurityProfiles> root element, found <\(DataverseName.shown(tree.name))>")
            }
            content.profiles = try SolutionElements.profiles(tree, file: profilesFile, warnings: &content.warnings)
        }
        if let entitiesDir {
            for sub in subfolders(of: entitiesDir) {
                guard let file = try onlyEntry(in: sub, named: "Entity.xml") else { continue }
                let tree = try XMLTree.parse(try bytes(file), file: file, skipping: skippedElements)
                guard tree.name == "Entity" else {
                    throw DataverseFileError(
                        file: file, line: tree.line, message: "expected an <Entity> root element, found <\(DataverseName.shown(tree.name))>"
                    )
                }
                content.tables.append(try SolutionElements.table(tree, file: file))
            }
        }
        try checkDuplicates(&content)
        return content
    }

    /// The path of a child whose name matches case-insensitively (exact match first).
    static func entry(in folder: String, named name: String) -> String? {
        let exact = folder + "/" + name
        if FileManager.default.fileExists(atPath: exact) { return exact }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().first { $0.caseInsensitiveCompare(name) == .orderedSame }.map { folder + "/" + $0 }
    }

    /// ``entry(in:named:)``, refusing a folder with two children of that name in different cases
    /// (`Roles/` beside `roles/`, on a case-sensitive disk): the import read one and ignored the
    /// other's roles without a word (an ALM review), and an export would write into one of
    /// them; which one holds the solution is not knowable, as for a zip with two such entries.
    static func onlyEntry(in folder: String, named name: String) throws(DataverseFileError) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let matching = names.filter { $0.caseInsensitiveCompare(name) == .orderedSame }.sorted()
        if matching.count > 1 {
            throw DataverseFileError(
                file: folder,
                message:
                    "the folder has \(matching.count) entries named \(name) (\(matching.joined(separator: ", "))): which one is the solution's is not knowable; refused (merge them into one)"
            )
        }
        return entry(in: folder, named: name)
    }

    private static func xmlFiles(in folder: String?) -> [String] {
        guard let folder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        // Only macOS's AppleDouble files (`._Name.xml`) are skipped: a role named ".NET
        // Integration" is exported as `.NET Integration.xml` and must come back.
        return names.filter { $0.lowercased().hasSuffix(".xml") && !$0.hasPrefix("._") }.sorted().map { folder + "/" + $0 }
    }

    private static func subfolders(of folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().map { folder + "/" + $0 }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// A whole file's bytes. Anything but a regular file is refused, saying what it is: a FIFO
    /// blocked the import (or read as "You don't have permission."), a link to `/dev/zero` never
    /// ends, and a folder named `x.xml` read as "NSCocoaErrorDomain error 256". A file that cannot
    /// be opened says why, as the system does (`Permission denied`).
    static func bytes(_ path: String) throws(DataverseFileError) -> Data {
        // Non-blocking, so a FIFO without a writer opens at once and fstat can refuse it.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw DataverseFileError(file: path, message: "cannot read: \(systemMessage(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DataverseFileError(file: path, message: "cannot read: \(systemMessage(errno))") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw DataverseFileError(file: path, message: "\(kind(of: info.st_mode, at: path)), not a regular file: refused")
        }
        var data = Data(capacity: max(0, Int(info.st_size)))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw DataverseFileError(file: path, message: "cannot read: \(systemMessage(errno))") }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }

    /// What a path that is no regular file is, in words, and where a symbolic link leads.
    static func kind(of mode: mode_t, at path: String) -> String {
        let what =
            switch mode & S_IFMT {
            case S_IFDIR: "is a folder"
            case S_IFIFO: "is a named pipe (FIFO)"
            case S_IFCHR: "is a character device"
            case S_IFBLK: "is a block device"
            case S_IFSOCK: "is a socket"
            default: "is not a file"
            }
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else { return what }
        return what + " (through a symbolic link to \(target))"
    }

    /// `read(2)` (the name alone means this type's `read`).
    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }

    /// The system's words for an error number (`Permission denied`).
    static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    // MARK: Checks

    /// Duplicate role, profile and table ids are errors: which copy should win is not knowable.
    static func checkDuplicates(_ content: inout SolutionContent) throws(DataverseFileError) {
        var roles: [String: SolutionRole] = [:]
        for r in content.roles {
            if let first = roles[r.id] {
                throw DataverseFileError(
                    file: r.file, line: r.line,
                    message:
                        "duplicate role id {\(r.id)}: '\(DataverseName.shown(r.name))' here and '\(DataverseName.shown(first.name))' in \(first.file)"
                )
            }
            roles[r.id] = r
        }
        var profiles: [String: SolutionProfile] = [:]
        for p in content.profiles {
            if let first = profiles[p.profile.id] {
                throw DataverseFileError(
                    file: p.file, line: p.line,
                    message:
                        "duplicate field security profile id {\(p.profile.id)}: '\(DataverseName.shown(p.profile.name))' here and '\(DataverseName.shown(first.profile.name))' on line \(first.line)"
                )
            }
            profiles[p.profile.id] = p
        }
        var tables: [String: SolutionTable] = [:]
        for t in content.tables {
            if let first = tables[t.table.logicalName] {
                throw DataverseFileError(
                    file: t.file, line: t.line, message: "table '\(t.table.logicalName)' is also defined in \(first.file)")
            }
            tables[t.table.logicalName] = t
        }
        if let manifest = content.manifest {
            for c in manifest.rootComponents where c.type == 20 {
                if let id = c.id, roles[id] == nil {
                    content.warnings.append(
                        ImportWarning(
                            file: content.source,
                            message: "the manifest lists role {\(id)} but the solution has no file for it"))
                }
            }
        }
    }
}
