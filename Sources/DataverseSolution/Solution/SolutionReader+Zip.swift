import Foundation
import SecurityModel
import ZIPFoundation

extension SolutionReader {
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
                file: name, line: tree.line,
                message: "expected an <ImportExportXml> root element, found <\(DataverseName.shown(tree.name))>")
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
}
