import Foundation
import SecurityModel
import ZIPFoundation

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
        let rolesDir = entry(in: root, named: "Roles")
        let otherDir = entry(in: root, named: "Other")
        let entitiesDir = entry(in: root, named: "Entities")
        let manifestFile = otherDir.flatMap { entry(in: $0, named: "Solution.xml") }
        let profilesFile = otherDir.flatMap { entry(in: $0, named: "FieldSecurityProfiles.xml") }
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
                throw DataverseFileError(file: file, line: tree.line, message: "expected a <Role> root element, found <\(tree.name)>")
            }
            content.roles.append(try SolutionElements.role(tree, file: file, warnings: &content.warnings))
        }
        if let profilesFile {
            let tree = try XMLTree.parse(try bytes(profilesFile), file: profilesFile)
            guard tree.name == "FieldSecurityProfiles" else {
                throw DataverseFileError(
                    file: profilesFile, line: tree.line,
                    message: "expected a <FieldSecurityProfiles> root element, found <\(tree.name)>")
            }
            content.profiles = try SolutionElements.profiles(tree, file: profilesFile, warnings: &content.warnings)
        }
        if let entitiesDir {
            for sub in subfolders(of: entitiesDir) {
                guard let file = entry(in: sub, named: "Entity.xml") else { continue }
                let tree = try XMLTree.parse(try bytes(file), file: file, skipping: skippedElements)
                guard tree.name == "Entity" else {
                    throw DataverseFileError(
                        file: file, line: tree.line, message: "expected an <Entity> root element, found <\(tree.name)>")
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

    // MARK: Zip

    /// Reads a packed solution: `customizations.xml` (roles, field security profiles and
    /// entities under `ImportExportXml`) and `solution.xml`.
    public static func read(zip path: String) throws(DataverseFileError) -> SolutionContent {
        try read(zip: path, maximumEntrySize: maximumEntrySize)
    }

    /// What is wrong with a zip, in words (ZIPFoundation's error names read as code).
    static func zipProblem(_ error: any Error) -> String {
        switch error as? Archive.ArchiveError {
        case .missingEndOfCentralDirectoryRecord?: "its end record is missing: the file is cut short, or is not a zip"
        case .invalidCentralDirectoryOffset?, .invalidCentralDirectorySize?, .invalidCentralDirectoryEntryCount?:
            "its table of contents is damaged"
        case .unreadableArchive?: "the file cannot be read"
        case let other?: "\(other)"
        case nil: "\(error)"
        }
    }

    /// ``read(zip:)`` with another limit on what one entry may expand to (for tests).
    static func read(zip path: String, maximumEntrySize limit: Int) throws(DataverseFileError) -> SolutionContent {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw DataverseFileError(file: path, message: "not a readable zip archive (\(zipProblem(error)))")
        }
        try checkEntryNames(archive, zip: path)
        guard let customizations = try zipEntry(archive, named: "customizations.xml", zip: path) else {
            throw DataverseFileError(file: path, message: "the zip has no customizations.xml: not a Dataverse solution")
        }
        var content = SolutionContent(source: path)
        if let manifestEntry = try zipEntry(archive, named: "solution.xml", zip: path) {
            let name = path + "!/" + manifestEntry.path
            let tree = try XMLTree.parse(
                try extract(archive, manifestEntry, zip: path, limit: limit), file: name, skipping: skippedElements)
            content.manifest = try SolutionElements.manifest(tree, file: name)
        }
        let name = path + "!/" + customizations.path
        let tree = try XMLTree.parse(try extract(archive, customizations, zip: path, limit: limit), file: name, skipping: skippedElements)
        guard tree.name == "ImportExportXml" else {
            throw DataverseFileError(
                file: name, line: tree.line, message: "expected an <ImportExportXml> root element, found <\(tree.name)>")
        }
        // Every block is read (a second <Roles> was skipped without a word), an element in one
        // that is not what it holds is warned of (`<Rol>`), and so is a misspelled block.
        SolutionElements.warnNearMisses(
            tree, of: ["Roles", "FieldSecurityProfiles", "Entities"], in: "ImportExportXml", file: name, warnings: &content.warnings)
        for roles in tree.children(named: "Roles") {
            SolutionElements.warnUnknownChildren(roles, known: ["Role"], in: "Roles", file: name, warnings: &content.warnings)
            for role in roles.children(named: "Role") {
                content.roles.append(try SolutionElements.role(role, file: name, warnings: &content.warnings))
            }
        }
        for profiles in tree.children(named: "FieldSecurityProfiles") {
            content.profiles += try SolutionElements.profiles(profiles, file: name, warnings: &content.warnings)
        }
        for entities in tree.children(named: "Entities") {
            SolutionElements.warnUnknownChildren(entities, known: ["Entity"], in: "Entities", file: name, warnings: &content.warnings)
            for entity in entities.children(named: "Entity") {
                content.tables.append(try SolutionElements.table(entity, file: name))
            }
        }
        try checkDuplicates(&content)
        return content
    }

    /// The entry at the archive's root with this name (case-insensitively); a nested one only
    /// when there is no root entry. Two candidates at that level are refused: which one
    /// Dataverse (or another tool) would read is not knowable, and reading the first while
    /// Python's zipfile reads the last let one zip import differently in two tools.
    private static func zipEntry(_ archive: Archive, named name: String, zip: String) throws(DataverseFileError) -> Entry? {
        var root: [Entry] = []
        var nested: [Entry] = []
        // Entries of every type: a symbolic link named customizations.xml read as "the zip has no
        // customizations.xml"; it is refused below, saying what it is.
        for e in archive {
            let last = e.path.split(separator: "/").last.map(String.init) ?? e.path
            guard last.caseInsensitiveCompare(name) == .orderedSame else { continue }
            if e.path.dropLast(e.path.hasSuffix("/") ? 1 : 0).contains("/") { nested.append(e) } else { root.append(e) }
        }
        let candidates = root.isEmpty ? nested : root
        if candidates.count > 1 {
            let names = candidates.map { "'\($0.path)'" }.joined(separator: ", ")
            throw DataverseFileError(
                file: zip + "!/" + candidates[1].path,
                message:
                    "the zip has \(candidates.count) entries named \(name) (\(names)): which one is the solution's is not knowable; refused (a damaged or hostile zip)"
            )
        }
        if let entry = candidates.first, entry.type != .file {
            throw DataverseFileError(
                file: zip + "!/" + entry.path,
                message:
                    "is a \(entry.type == .symlink ? "symbolic link" : "folder") entry, not a file: a solution zip holds none; refused (a damaged or hostile zip)"
            )
        }
        return candidates.first
    }

    /// Refuses an entry whose name climbs out of the archive (`..` components) or is absolute
    /// (`/x`, `\x`, `C:x`): no tool that writes solutions makes one, and an unzip that
    /// honours it writes outside its folder, so the zip is damaged or hostile.
    private static func checkEntryNames(_ archive: Archive, zip: String) throws(DataverseFileError) {
        for e in archive {
            let path = e.path
            let components = path.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }
            let absolute =
                path.hasPrefix("/") || path.hasPrefix("\\")
                || (path.count >= 2 && path.first?.isLetter == true && path.dropFirst().first == ":")
            if absolute || components.contains("..") {
                throw DataverseFileError(
                    file: zip + "!/" + path,
                    message:
                        "entry name \(absolute ? "is an absolute path" : "has a '..' component"): a solution zip never holds one; refused (a damaged or hostile zip)"
                )
            }
        }
    }

    /// The most one zip entry may expand to: 512 MiB. A 1.5 MB zip whose entry expanded without
    /// limit took 6 GB of memory, and one that expanded to 1.3 GB took 1 GB before it was refused;
    /// the largest real `customizations.xml` files are a few hundred megabytes, and the forms,
    /// views and ribbons that make them large are what dvsec skips.
    static let maximumEntrySize = 1 << 29

    /// Above ``maximumRatioFreeSize`` (16 MiB), an entry may expand at most this many times its
    /// compressed size: XML exports compress about 10 to 1, a zip bomb thousands to 1.
    static let maximumCompressionRatio = 200
    static let maximumRatioFreeSize = 1 << 24

    private struct EntryTooLarge: Error {}

    /// An entry's bytes. The size the zip's table of contents gives is checked first, so an entry
    /// that says it is too large is refused before a byte is extracted; one whose table of
    /// contents lies is stopped as soon as it passes the limit. The bytes must match the CRC-32
    /// the zip records for the entry.
    private static func extract(_ archive: Archive, _ entry: Entry, zip: String, limit: Int) throws(DataverseFileError) -> Data {
        let name = zip + "!/" + entry.path
        func tooLarge(_ detail: String) -> DataverseFileError {
            DataverseFileError(
                file: name,
                message:
                    "expands to more than \(limit) bytes\(limit >= 1 << 20 ? " (\(limit >> 20) MiB, the most dvsec reads of one entry)" : "")\(detail): refused (a damaged or hostile zip)"
            )
        }
        if entry.uncompressedSize > UInt64(limit) {
            throw tooLarge(": the zip's table of contents gives \(entry.uncompressedSize) bytes, so nothing was extracted")
        }
        // A ratio no real export has (found by a robustness review: a 509 KB zip of spaces
        // expanded to 511 MiB, under the limit, and took 1.6 GB of memory).
        func overCompressed(_ size: UInt64) -> Bool {
            size > UInt64(maximumRatioFreeSize) && size / max(UInt64(entry.compressedSize), 1) > UInt64(maximumCompressionRatio)
        }
        func ratioRefusal(_ size: UInt64, _ detail: String) -> DataverseFileError {
            DataverseFileError(
                file: name,
                message:
                    "expands \(size / max(UInt64(entry.compressedSize), 1)) times its compressed \(entry.compressedSize) bytes\(detail) "
                    + "(real solution files compress about 10 to 1; dvsec reads up to \(maximumCompressionRatio) to 1 above \(maximumRatioFreeSize >> 20) MiB): "
                    + "refused (a damaged or hostile zip)")
        }
        if overCompressed(UInt64(entry.uncompressedSize)) {
            throw ratioRefusal(
                UInt64(entry.uncompressedSize), " (its table of contents gives \(entry.uncompressedSize) bytes), so nothing was extracted")
        }
        var data = Data(capacity: Int(min(UInt64(entry.uncompressedSize), UInt64(limit))))
        var overRatio = false
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limit else { throw EntryTooLarge() }
                if overCompressed(UInt64(data.count + chunk.count)) {
                    overRatio = true
                    throw EntryTooLarge()
                }
                data.append(chunk)
            }
        } catch is EntryTooLarge {
            if overRatio { throw ratioRefusal(UInt64(data.count), "; extracting stopped there") }
            throw tooLarge(
                ", though the zip's table of contents gives \(entry.uncompressedSize) bytes; extracting stopped at the limit")
        } catch {
            throw DataverseFileError(file: name, message: "cannot extract from the zip (\(error))")
        }
        // ZIPFoundation computes the checksum of what it extracts but compares it only when it
        // writes files (`unzipItem`), not for a consumer: a zip with a flipped byte (`prvReadAccount`
        // read as `prvWeadAccount`), or whose checksums were overwritten, imported without a word
        // (found by an ALM review; `unzip -t` and Python's zipfile refuse both).
        guard checksum == entry.checksum else {
            throw DataverseFileError(
                file: name,
                message:
                    "CRC-32 mismatch: the archive is damaged (the entry's bytes give \(hex(checksum)), the zip records \(hex(entry.checksum))); refused (a damaged or hostile zip)"
            )
        }
        return data
    }

    /// A CRC-32 as `unzip -t` shows it: eight lower-case hex digits.
    private static func hex(_ value: CRC32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    // MARK: Checks

    /// Duplicate role, profile and table ids are errors: which copy should win is not knowable.
    private static func checkDuplicates(_ content: inout SolutionContent) throws(DataverseFileError) {
        var roles: [String: SolutionRole] = [:]
        for r in content.roles {
            if let first = roles[r.id] {
                throw DataverseFileError(
                    file: r.file, line: r.line,
                    message: "duplicate role id {\(r.id)}: '\(r.name)' here and '\(first.name)' in \(first.file)")
            }
            roles[r.id] = r
        }
        var profiles: [String: SolutionProfile] = [:]
        for p in content.profiles {
            if let first = profiles[p.profile.id] {
                throw DataverseFileError(
                    file: p.file, line: p.line,
                    message:
                        "duplicate field security profile id {\(p.profile.id)}: '\(p.profile.name)' here and '\(first.profile.name)' on line \(first.line)"
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
