import Foundation
import SecurityModel

extension SolutionExporter {
    /// Writes `Roles/<Role Name>.xml` and `Other/FieldSecurityProfiles.xml` for an environment
    /// into an unpacked solution folder (created if needed) and returns the files written.
    ///
    /// A role file elsewhere in `Roles/` with the same role id (the role was renamed) is removed,
    /// so the folder holds one file per role. Other files are left alone; `Solution.xml` is not
    /// touched.
    @discardableResult
    public static func export(
        _ env: Environment, to folder: String, options: SolutionExportOptions = .init()
    )
        throws(DataverseFileError) -> [String]
    {
        try exportReport(env, to: folder, options: options).files.map(\.path)
    }

    /// What an export did to each file: made it, changed it, or found it already as it would be
    /// (then left as it is, its time stamp too); and the files it removed (a renamed role's old
    /// file, those `--prune` removes).
    public struct ExportReport: Sendable {
        public enum FileChange: String, Sendable {
            case created = "wrote"
            case updated = "updated"
            case unchanged = "unchanged"
        }
        public var files: [(path: String, change: FileChange)] = []
        public var removed: [String] = []
        /// What the export leaves out and why: the built-in System Administrator role and field
        /// security profile (`System Administrator (built in: every privilege, not editable)`).
        public var skipped: [String] = []
        /// Columns whose security (secured or not) the written files do not carry, each as
        /// `table.column (secured|not secured): why`: an import of the folder leaves them as the
        /// snapshot it goes into has them.
        public var notCarried: [String] = []
    }

    /// ``export(_:to:options:)``, saying what happened to each file.
    public static func exportReport(
        _ env: Environment, to folder: String, options: SolutionExportOptions = .init()
    )
        throws(DataverseFileError) -> ExportReport
    {
        let (roles, profiles, skipped) = try select(env, options)
        // Everything is worked out and checked before the first file is written: a role that
        // cannot be written, or a profile file that cannot be read, leaves the folder as it was.
        for role in roles {
            try checkWritable(role)
            try checkPrivilegeNames(role, tables: env.tables)
        }
        for profile in profiles ?? [] { try checkImportLimits(profile) }
        var files: [(path: String, data: Data, kind: FileKind)] = []
        var removals: [String] = []
        var notCarried: [String] = []
        if !roles.isEmpty {
            // Into the folder an import reads: one with `Roles/` beside `roles/` is refused.
            let rolesDir = try SolutionReader.onlyEntry(in: folder, named: "Roles") ?? folder + "/Roles"
            let existingRoles = existingRoles(in: rolesDir)
            let existing = existingRoles.mapValues { $0.map(\.path) }
            // Who each file in Roles/ belongs to now (by role id), by lowercased name.
            var owner: [String: String] = [:]
            for (id, paths) in existing { for path in paths { owner[path.lowercased()] = id } }
            // Every path first: a name taken by another role of this export, or by the file of a
            // role of the environment that this export does not write, gets the role's id added,
            // so no role's file is overwritten by another's.
            let exported = Set(roles.map(\.id))
            var used: Set<String> = []
            // A role keeps its file, whatever the file's name, as long as the role keeps its name:
            // file names do not matter to Dataverse, and a role written under another name was a
            // delete and an add in git though nothing changed (an ALM review). A renamed role's
            // file is renamed with it.
            var keptPath: [String: String] = [:]
            for role in roles {
                guard let file = existingRoles[role.id]?.first(where: { $0.name == role.name }) else { continue }
                keptPath[role.id] = file.path
                used.insert((file.path as NSString).lastPathComponent.lowercased())
            }
            // A plain name whose file is already a role's own stays that role's: another role of
            // the same name takes the name with its id, whichever sorts first (found by an
            // editing review: a copy named like an existing role took `Salesperson.xml`, and
            // git showed the original role changed).
            for role in roles where keptPath[role.id] == nil && owner[(rolesDir + "/" + roleFileName(role.name)).lowercased()] == role.id {
                used.insert(roleFileName(role.name).lowercased())
            }
            var paths: [String] = []
            for role in roles {
                if let path = keptPath[role.id] {
                    paths.append(path)
                    continue
                }
                var name = roleFileName(role.name)
                if owner[(rolesDir + "/" + name).lowercased()] == role.id {
                    paths.append(rolesDir + "/" + name)
                    continue
                }
                let candidate = rolesDir + "/" + name
                let holder = owner[candidate.lowercased()]
                // A file there that is no role's file dvsec can read (unreadable, or not a role)
                // is not taken over either.
                // Nor a file of a role this environment does not have (another solution's): it
                // was overwritten and that role vanished from the folder.
                let othersFile =
                    holder.map { $0 != role.id && !exported.contains($0) }
                    ?? FileManager.default.fileExists(atPath: candidate)
                if used.contains(name.lowercased()) || othersFile { name = roleFileName(role.name, id: role.id) }
                used.insert(name.lowercased())
                paths.append(rolesDir + "/" + name)
            }
            for (role, path) in zip(roles, paths) {
                // What the role's file holds that dvsec does not model is kept, from the file
                // being replaced (under its old name when the role was renamed).
                let original = writtenElements(at: keptPath[role.id] ?? existing[role.id]?.sorted().first)
                let data = roleXML(role, tables: env.tables, style: style(for: path, options), replacing: original)
                try checkCharacters(data, of: "role \(printableName(role.name))", file: path)
                files.append((path, data, .role))
            }
            // Only once every new file is in place: a role's file under its old name (it was
            // renamed) goes, unless it is a file this export wrote. Compared as files (device and
            // inode), not names: on a case-insensitive disk `sales.xml` is `Sales.xml`, on a
            // case-sensitive one it is another file.
            for role in roles { removals += existing[role.id] ?? [] }
            if options.prune {
                let ids = Set(env.roles.keys.map(SolutionElements.normalizedId))
                for (id, paths) in existing where !ids.contains(id) { removals += paths }
            }
        }
        if let profiles {
            let otherDir = try SolutionReader.onlyEntry(in: folder, named: "Other") ?? folder + "/Other"
            let path =
                try SolutionReader.onlyEntry(in: otherDir, named: "FieldSecurityProfiles.xml") ?? otherDir + "/FieldSecurityProfiles.xml"
            for profile in profiles where UUID(uuidString: SolutionElements.normalizedId(profile.id)) == nil {
                throw DataverseFileError(
                    file: path,
                    message:
                        "profile \(printableName(profile.name)) has the id '\(printableName(profile.id))', not a GUID: a solution file cannot carry it"
                )
            }
            // The file holds every profile of the solution: those this export does not write
            // (--profiles picks some; others are not in the environment) stay in it.
            let existing = try existingProfiles(at: path)
            let kept = existing.map(\.profile).filter { old in
                !profiles.contains { $0.id == old.id } && (!options.prune || Self.environment(env, hasProfile: old.id))
            }
            // A profile this export does not write stays as the file has it, byte for byte; one it
            // writes keeps what dvsec does not model (an ALM review: both lost `ismanaged`).
            let data = fieldSecurityProfilesXML(
                profiles + kept, style: style(for: path, options), keepingOrderOf: existing, replacing: writtenElements(at: path),
                verbatim: Set(kept.map { SolutionElements.normalizedId($0.id) }))
            try checkCharacters(data, of: "the field security profiles", file: path)
            files.append((path, data, .profiles))
            // Column security goes with the profiles: what the profile file cannot say (a column
            // not secured, or secured with no permission yet) goes into Entity.xml.
            let entities = entityFiles(env, to: folder, profiles: profiles + kept, previous: existing.map(\.profile))
            for (path, table) in entities.files {
                files.append((path, entityXML(table, style: style(for: path, options)), .entity))
            }
            notCarried = entities.notCarried
        }
        var report = ExportReport()
        report.skipped = skipped
        report.notCarried = notCarried
        // Every changed file is first written beside its place under a temporary name; only when
        // all are written are they renamed into place, which needs no space (found by a
        // robustness review: a full disk left a folder mixing new and old role files, where exit
        // code 2 says nothing was written).
        var staged: [(temporary: String, path: String)] = []
        do throws(DataverseFileError) {
            for (i, (path, data, kind)) in files.enumerated() {
                let previous = try? SolutionReader.bytes(path)
                let same = previous.map { $0 == data || saysTheSame($0, as: data, kind: kind, path: path, options: options) } ?? false
                if !same {
                    let folder = (path as NSString).deletingLastPathComponent
                    try makeFolder(folder)
                    let temporary = folder + "/.dvsec-export-\(getpid())-\(i).tmp"
                    staged.append((temporary, path))
                    try write(data, to: temporary, for: path)
                }
                report.files.append((path, previous == nil ? .created : same ? .unchanged : .updated))
            }
        } catch {
            for s in staged { unlink(s.temporary) }
            throw DataverseFileError(file: error.file, line: error.line, message: error.message + " (no file was replaced)")
        }
        for (k, s) in staged.enumerated() where rename(s.temporary, s.path) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in staged[k...] { unlink(rest.temporary) }
            let done = staged[..<k].map { ($0.path as NSString).lastPathComponent }
            throw DataverseFileError(
                file: s.path,
                message: "cannot put the file in place: \(reason)"
                    + (done.isEmpty ? " (no file was replaced)" : " (already replaced: \(done.joined(separator: ", ")))"))
        }
        let written = files.map(\.path)
        let writtenFiles = Set(written.compactMap(Self.fileIdentity))
        for old in removals {
            guard let identity = Self.fileIdentity(old), !writtenFiles.contains(identity) else { continue }
            if (try? FileManager.default.removeItem(atPath: old)) != nil { report.removed.append(old) }
        }
        return report
    }

    /// Refuses a file that holds a character XML 1.0 cannot carry (a control character other than
    /// tab, line feed and carriage return, or U+FFFE/U+FFFF): in a name, a description, a
    /// privilege name or a table's schema name, wherever it came from; dvsec's own import (and
    /// Dataverse's) would refuse the file.
    static func checkCharacters(_ data: Data, of what: String, file: String) throws(DataverseFileError) {
        let text = SolutionFileStyle.text(of: data) ?? String(decoding: data, as: UTF8.self)
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1 }
            let v = scalar.value
            if cannotBeInXML(scalar) {
                throw DataverseFileError(
                    file: file, line: line,
                    message:
                        "\(what): the character U+\(String(format: "%04X", v)), which XML cannot hold, would be written (in a name, a description or a privilege name): edit it first"
                )
            }
        }
    }

    /// Characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return).
    static func containsControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 && cannotBeInXML($0) }
    }

    /// A character XML 1.0 cannot carry: a C0 control other than tab, line feed and carriage
    /// return, or the noncharacters U+FFFE and U+FFFF.
    static func cannotBeInXML(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }

    /// A name for an error message, its control characters shown as `\u{1B}`.
    static func printableName(_ text: String) -> String {
        String(
            text.unicodeScalars.map {
                $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0)
            }.joined())
    }

    /// Why the built-in System Administrator role is not exported: it holds every privilege and
    /// cannot be edited (DATAVERSE.md §1.4), so its file would be a role with no privileges that
    /// claims to be customizable.
    static let systemAdministratorRoleReason = "built in: every privilege, not editable"
    /// Why the built-in System Administrator profile is not exported: it holds every secured
    /// column by itself (DATAVERSE.md §1.6) and cannot be edited.
    static let systemAdministratorProfileReason = "built in: every secured column, not editable"

    /// The roles and profiles the options pick, and what is left out (the built-in System
    /// Administrator role and profile). `profiles` is `nil` when no profile file is written. A
    /// built-in one named in the options is refused, with the reason.
    static func select(
        _ env: Environment, _ options: SolutionExportOptions
    )
        throws(DataverseFileError) -> ([SecurityRole], [FieldSecurityProfile]?, [String])
    {
        func find<T>(_ keys: [String], _ all: [T], id: (T) -> String, name: (T) -> String, kind: String) throws(DataverseFileError) -> [T] {
            var out: [T] = []
            for key in keys {
                let k = key.trimmingCharacters(in: .whitespaces)
                let nk = SolutionElements.normalizedId(k)
                let named = all.filter { name($0).caseInsensitiveCompare(k) == .orderedSame }
                // Two records of one name: say which, rather than export one of them.
                if !all.contains(where: { id($0) == nk }) && named.count > 1 {
                    throw DataverseFileError(
                        file: "",
                        message: "\(named.count) \(kind)s are named '\(k)' in environment '\(env.name)': give an id ("
                            + named.map(id).joined(separator: ", ") + ")")
                }
                guard let hit = all.first(where: { id($0) == nk }) ?? named.first else {
                    let near = NameSuggestion.closest(to: k, among: all.map { (name($0), [name($0)]) })
                    throw DataverseFileError(
                        file: "", message: "no \(kind) '\(k)' in environment '\(env.name)'" + NameSuggestion.hint(near))
                }
                if !out.contains(where: { id($0) == id(hit) }) { out.append(hit) }
            }
            return out
        }
        let builtInRoles = env.sortedRoles.filter(\.isSystemAdministrator)
        let builtInProfiles = env.sortedProfiles.filter(\.isSystemAdministratorProfile)
        let allRoles = env.sortedRoles.filter { !$0.isSystemAdministrator }
        let allProfiles = env.sortedProfiles.filter { !$0.isSystemAdministratorProfile }
        switch (options.roles, options.profiles) {
        case (nil, nil):
            let skipped =
                builtInRoles.map { "\($0.name) (\(systemAdministratorRoleReason))" }
                + builtInProfiles.map { "field security profile \($0.name) (\(systemAdministratorProfileReason))" }
            return (allRoles, allProfiles.isEmpty ? nil : allProfiles, skipped)
        case (let roles, let profiles):
            let r = try find(roles ?? [], allRoles + builtInRoles, id: \.id, name: \.name, kind: "role")
            if let builtIn = r.first(where: \.isSystemAdministrator) {
                throw DataverseFileError(
                    file: "",
                    message:
                        "role '\(builtIn.name)' is the built-in System Administrator (\(systemAdministratorRoleReason)): it is not exported, as no solution file can change it"
                )
            }
            let p = try profiles.map { (keys: [String]) throws(DataverseFileError) in
                try find(keys, allProfiles + builtInProfiles, id: \.id, name: \.name, kind: "field security profile")
            }
            if let builtIn = p?.first(where: \.isSystemAdministratorProfile) {
                throw DataverseFileError(
                    file: "",
                    message:
                        "field security profile '\(builtIn.name)' is the built-in System Administrator profile (\(systemAdministratorProfileReason)): it is not exported, as no solution file can change it"
                )
            }
            return (r, p, [])
        }
    }

    /// The layout of a written file: what the options force, the rest kept from the file it
    /// replaces (a new file's as ``SolutionFileStyle/windows``).
    private static func style(for path: String, _ options: SolutionExportOptions) -> SolutionFileStyle {
        let kept = (try? SolutionReader.bytes(path)).flatMap(SolutionFileStyle.detect) ?? .windows
        return SolutionFileStyle(
            byteOrderMark: options.byteOrderMark ?? kept.byteOrderMark, lineEnding: options.lineEnding ?? kept.lineEnding,
            finalLineBreak: kept.finalLineBreak, encoding: kept.encoding)
    }

    /// What an unpacked solution folder holds of roles and profiles `env` does not have: role
    /// files in `Roles/` (paths) and profiles in `Other/FieldSecurityProfiles.xml` (names). An
    /// import of the folder brings them back; ``SolutionExportOptions/prune`` removes them.
    public static func leftovers(of env: Environment, in folder: String) -> (roleFiles: [String], profiles: [String]) {
        let rolesDir = SolutionReader.entry(in: folder, named: "Roles") ?? folder + "/Roles"
        let ids = Set(env.roles.keys.map(SolutionElements.normalizedId))
        let roleFiles = existingRoleFiles(in: rolesDir).filter { !ids.contains($0.key) }.flatMap(\.value).sorted()
        let otherDir = SolutionReader.entry(in: folder, named: "Other") ?? folder + "/Other"
        let path = SolutionReader.entry(in: otherDir, named: "FieldSecurityProfiles.xml") ?? otherDir + "/FieldSecurityProfiles.xml"
        let profiles = ((try? existingProfiles(at: path)) ?? []).map(\.profile).filter { !environment(env, hasProfile: $0.id) }.map(\.name)
            .sorted()
        return (roleFiles, profiles)
    }

    static func environment(_ env: Environment, hasProfile id: String) -> Bool {
        let wanted = SolutionElements.normalizedId(id)
        return env.fieldSecurityProfiles.keys.contains { SolutionElements.normalizedId($0) == wanted }
    }

    /// Role files by role id, read from their root element.
    private static func existingRoleFiles(in folder: String) -> [String: [String]] {
        existingRoles(in: folder).mapValues { $0.map(\.path) }
    }

    /// Role files by role id, each with the role name it holds (trimmed, as an import reads it).
    private static func existingRoles(in folder: String) -> [String: [(path: String, name: String)]] {
        var out: [String: [(path: String, name: String)]] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for n in names.sorted() where n.lowercased().hasSuffix(".xml") {
            let path = folder + "/" + n
            // Read as an import reads it: a FIFO in Roles/ blocked the export.
            guard let data = try? SolutionReader.bytes(path),
                let tree = try? XMLTree.parse(data, file: path, skipping: ["RolePrivileges"]),
                tree.name == "Role", let id = tree.attribute("id")
            else { continue }
            out[SolutionElements.normalizedId(id), default: []].append((path, RecordName.trimmed(tree.attribute("name") ?? "")))
        }
        return out
    }

    /// The profiles of an existing `FieldSecurityProfiles.xml` (none when there is no file); a file
    /// that cannot be read is an error rather than replaced.
    private static func existingProfiles(at path: String) throws(DataverseFileError) -> [SolutionProfile] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data: Data
        do {
            data = try SolutionReader.bytes(path)
        } catch {
            throw DataverseFileError(
                file: path, message: error.message + "; the profiles it holds cannot be kept, so it is not replaced")
        }
        let tree = try XMLTree.parse(data, file: path)
        var warnings: [ImportWarning] = []
        return try SolutionElements.profiles(tree, file: path, warnings: &warnings)
    }

    /// The device and inode of a file, which tell two names of one file apart from two files.
    private static func fileIdentity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }

    private static func makeFolder(_ path: String) throws(DataverseFileError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            // Foundation's message for "a file is in the way" is a bare error number: say which file.
            var prefix = path
            var isDirectory: ObjCBool = false
            while !prefix.isEmpty && prefix != "/" {
                if FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) {
                    if !isDirectory.boolValue {
                        throw DataverseFileError(file: path, message: "cannot create the folder: \(prefix) is a file, not a folder")
                    }
                    break
                }
                prefix = (prefix as NSString).deletingLastPathComponent
            }
            throw DataverseFileError(file: path, message: "cannot create the folder: \(Self.reason(error))")
        }
    }

    /// Writes the temporary file that will become `path` (errors name `path`), with the system's
    /// calls: Foundation's `Data.write` said "The operation could not be completed.
    /// (NSCocoaErrorDomain error 512.)" of a write a file-size limit stopped, where the system
    /// says "File too large" (a data-safety review).
    private static func write(_ data: Data, to temporary: String, for path: String) throws(DataverseFileError) {
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw DataverseFileError(file: path, message: "cannot write: \(String(cString: strerror(errno)))") }
        var failure = data.withUnsafeBytes { writeFully(fd, $0) } ?? 0
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw DataverseFileError(file: path, message: "cannot write: \(String(cString: strerror(failure)))") }
    }

    /// Foundation's error in the system's words: a write stopped by a file-size limit read
    /// "The operation could not be completed. (NSCocoaErrorDomain error 512.)" where the POSIX
    /// error under it says "File too large" (a data-safety review).
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }
}
