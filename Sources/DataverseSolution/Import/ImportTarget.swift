import Foundation
import SecurityModel

/// The result of an import: the merged snapshot (not yet saved), the file to save it to, and
/// what changed.
public struct ImportResult: Sendable {
    /// The snapshot with the import merged in.
    public var snapshot: Snapshot
    /// The target file; its fingerprint is the one loaded, so saving refuses if it changed since.
    public var file: SnapshotFile
    /// What changed, for the summary.
    public var report: ImportReport
    /// Whether the merged snapshot is the one on disk (the same when written): saving it would
    /// only rotate `.bak` and lose the real previous version, so callers write nothing.
    public var leavesFileUnchanged = false
    /// The warning that `--environment` named no environment and a new one is added (also the
    /// report's first warning), for a command to repeat on standard error: a typo in CI
    /// otherwise passes as a new sandbox.
    public var newEnvironmentWarning: ImportWarning?
}

/// Opens (or starts) the snapshot an import goes into, picks the environment, merges, and
/// validates the result, so nothing invalid is ever saved.
public enum ImportTarget {
    /// Merges into the snapshot at `snapshotPath` (a new snapshot when there is no file).
    ///
    /// - Parameters:
    ///   - environment: an environment id, name or name prefix. When it matches none, a new
    ///     environment with that name is added. When `nil`, the snapshot's only environment is
    ///     used (it is an error to leave it out when there are several).
    ///   - newName: the name for a new snapshot's tenant and environment (the solution's name).
    ///   - merge: merges the files into the chosen environment and reports what changed.
    public static func run(
        snapshotPath: String, environment: String?, newName: String,
        merge: (inout Environment) throws(DataverseFileError) -> ImportReport
    ) throws(DataverseFileError) -> ImportResult {
        var snapshot: Snapshot
        var file: SnapshotFile
        var original: Snapshot?
        let exists = FileManager.default.fileExists(atPath: snapshotPath)
        if exists {
            do {
                (snapshot, file) = try SnapshotFile.load(path: snapshotPath)
                original = snapshot
            } catch {
                throw DataverseFileError(file: snapshotPath, message: problemText(error))
            }
        } else {
            snapshot = Snapshot(tenant: newName)
            file = SnapshotFile(path: snapshotPath)
        }
        var env: Environment
        var created = false
        if let key = environment {
            let matches = snapshot.environments(matching: key)
            if matches.count > 1 {
                // Never a new environment for a name that names several.
                let names = matches.map { "'\($0.name)'" }.joined(separator: ", ")
                throw DataverseFileError(
                    file: snapshotPath,
                    message: "'\(key)' matches \(matches.count) environments (\(names)): give more of the name, or the id")
            }
            if let found = matches.first {
                env = found
            } else {
                env = newEnvironment(named: key)
                created = true
            }
        } else if snapshot.environments.count == 1, let only = snapshot.sortedEnvironments.first {
            env = only
        } else if snapshot.environments.isEmpty {
            env = newEnvironment(named: newName)
            created = true
        } else {
            let names = snapshot.sortedEnvironments.map { "'\($0.name)'" }.joined(separator: ", ")
            throw DataverseFileError(
                file: snapshotPath,
                message: "the snapshot has \(snapshot.environments.count) environments (\(names)): choose one with --environment")
        }
        var report = try merge(&env)
        report.environmentName = env.name
        report.createdSnapshot = !exists
        report.createdEnvironment = exists && created
        var newEnvironmentWarning: ImportWarning?
        if exists && created, let key = environment, !snapshot.environments.isEmpty {
            // A typo in CI would otherwise pass as a new, empty-of-users sandbox.
            let names = snapshot.sortedEnvironments.map(\.name).sorted {
                (NameSuggestion.editDistance($0, key), $0) < (NameSuggestion.editDistance($1, key), $1)
            }
            let hint: String
            if let near = names.first, NameSuggestion.isNear(near, to: key) {
                hint = " (did you mean '\(near)'?)"
            } else {
                hint =
                    " (the snapshot has " + names.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 5 ? ", …" : "") + ")"
            }
            let warning = ImportWarning(
                file: snapshotPath, message: "no environment matches '\(key)': a new sandbox environment '\(key)' is added\(hint)")
            report.warnings.insert(warning, at: 0)
            newEnvironmentWarning = warning
        }
        snapshot.environments[env.id] = env
        let data = try validate(snapshot, source: snapshotPath)
        var result = ImportResult(snapshot: snapshot, file: file, report: report)
        result.newEnvironmentWarning = newEnvironmentWarning
        // Compared as written (sorted, sparse): what would be saved is what is there.
        if let original {
            result.leavesFileUnchanged = original == snapshot || SnapshotWriter.data(for: original) == data
        }
        return result
    }

    /// A new sandbox environment with a root business unit, both named `name`, with ids derived
    /// from the name so repeated imports agree.
    public static func newEnvironment(named given: String) -> Environment {
        let name = RecordName.trimmed(given)
        return Environment(
            id: DeterministicID.guid("environment:" + name),
            settings: EnvironmentSettings(name: name, type: .sandbox),
            businessUnits: [BusinessUnit(id: DeterministicID.guid("businessunit:" + name), name: name)])
    }

    /// Checks the snapshot the way loading it would (duplicate ids, dangling references, levels
    /// a table does not allow), so an import never saves a file dvsec then refuses to open.
    /// Returns the snapshot as it would be written.
    @discardableResult
    public static func validate(_ snapshot: Snapshot, source: String) throws(DataverseFileError) -> Data {
        let data = SnapshotWriter.data(for: snapshot)
        do {
            _ = try SnapshotReader.read(data, source: nil)
            return data
        } catch {
            throw DataverseFileError(
                file: source, message: "the import would leave the snapshot invalid: " + problemText(error, in: snapshot))
        }
    }

    /// The first problem; for a snapshot about to be written (`snapshot`), its JSON path
    /// (`environments[2].roles[2]`, positions in a file not yet written) told as the environment
    /// and the record it names.
    private static func problemText(_ error: SnapshotLoadError, in snapshot: Snapshot? = nil) -> String {
        guard let problem = error.problems.first else { return "invalid snapshot" }
        let more = error.problems.count > 1 ? " (and \(error.problems.count - 1) more)" : ""
        return snapshot.flatMap { place(of: problem.path, in: $0) }.map { "\($0): \(problem.message)" + more } ?? problem.description + more
    }

    /// "environment 'Contoso Production', role 'Field Service Dispatcher'" for a path into the
    /// written snapshot (entities sorted by id, as ``SnapshotWriter`` writes them).
    static func place(of path: String, in snapshot: Snapshot) -> String? {
        func index(_ key: String) -> Int? {
            guard let r = path.range(of: key + "[") else { return nil }
            return Int(path[r.upperBound...].prefix { $0.isNumber })
        }
        guard let e = index("environments") else { return nil }
        let envs = snapshot.environments.values.sorted { $0.id < $1.id }
        guard envs.indices.contains(e) else { return nil }
        let env = envs[e]
        var out = "environment '\(env.name)'"
        func named<T>(_ key: String, _ kind: String, _ all: [T], _ name: (T) -> String) {
            if let i = index(key), all.indices.contains(i) { out += ", \(kind) '\(name(all[i]))'" }
        }
        named("roles", "role", env.roles.values.sorted { $0.id < $1.id }, \.name)
        named("users", "user", env.users.values.sorted { $0.id < $1.id }, \.name)
        named("teams", "team", env.teams.values.sorted { $0.id < $1.id }, \.name)
        named("tables", "table", env.tables.values.sorted { $0.logicalName < $1.logicalName }, \.logicalName)
        named("fieldSecurityProfiles", "profile", env.fieldSecurityProfiles.values.sorted { $0.id < $1.id }, \.name)
        named("businessUnits", "business unit", env.businessUnits.values.sorted { $0.id < $1.id }, \.name)
        return out + " (" + path + ")"
    }
}
