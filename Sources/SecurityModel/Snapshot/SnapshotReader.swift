import Foundation

/// Reads snapshot JSON into a ``Snapshot``, validating everything and reporting every problem
/// with its JSON path.
public enum SnapshotReader {
    /// Parses and validates snapshot bytes. Throws ``SnapshotLoadError`` listing every problem.
    public static func read(_ data: Data, source: String? = nil) throws(SnapshotLoadError) -> Snapshot {
        try read(data, source: source, reusing: nil, recording: false).snapshot
    }

    /// ``read(_:source:)`` that can take records from a file read before (`reusing`, see
    /// ``RecordReuse``) and can record this file's records for the next one (`recording`).
    public static func read(
        _ data: Data, source: String?, reusing: RecordReuse?, recording: Bool
    ) throws(SnapshotLoadError) -> (snapshot: Snapshot, records: RecordReuse?) {
        let parsed = try parse(data, source: source, reusing: reusing, recording: recording)
        return (try parsed.validated(), parsed.records)
    }

    /// Reads a diff's base, then its target, which takes from the base every user, team, role
    /// and Entra group record the two files have byte for byte instead of parsing it again (see
    /// ``RecordReuse``). The base is validated while the target is read. A problem in the base is
    /// reported first, as two loads in a row would.
    public static func readPair(
        _ base: Data, source baseSource: String?, _ target: Data, source targetSource: String?
    ) throws(SnapshotLoadError) -> (base: Snapshot, target: Snapshot) {
        let parsedBase = try parse(base, source: baseSource, reusing: nil, recording: true)
        let checkedBase = ValidationBox()
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            checkedBase.value = Result { () throws(SnapshotLoadError) in try parsedBase.validated() }
        }
        let checkedTarget = Result { () throws(SnapshotLoadError) in
            try parse(target, source: targetSource, reusing: parsedBase.records, recording: false).validated()
        }
        group.wait()
        guard let checkedBase = checkedBase.value else {
            throw SnapshotLoadError(source: baseSource, problems: [SnapshotProblem(path: "", message: "unreadable")])
        }
        return (try checkedBase.get(), try checkedTarget.get())
    }

    /// The document parsed, its syntax and per-record problems found; the checks across records
    /// are left to ``ParsedSnapshot/validated()``.
    static func parse(
        _ data: Data, source: String?, reusing: RecordReuse?, recording: Bool
    ) throws(SnapshotLoadError) -> ParsedSnapshot {
        if data.isEmpty {
            throw SnapshotLoadError(source: source, problems: [SnapshotProblem(path: "", message: "the file is empty (0 bytes)")])
        }
        if let encoding = Self.wideEncoding(of: data) {
            // Found by a robustness review: "expected a JSON value" at line 1, column 1.
            throw SnapshotLoadError(
                source: source,
                problems: [
                    SnapshotProblem(
                        path: "",
                        message:
                            "the file is \(encoding) encoded; dvsec reads UTF-8 (convert it: iconv -f \(encoding) -t UTF-8 FILE > FILE.json)",
                        line: 1, column: 1)
                ])
        }
        var result: Result<RawSnapshot, SnapshotProblem> = .failure(SnapshotProblem(path: "", message: "unreadable"))
        var problems: [SnapshotProblem] = []
        var offset = 0
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var reader = JSONReader(document: bytes)
            offset = bytes.count - reader.bytes.count
            do throws(SnapshotProblem) {
                var snapshot = RawSnapshot()
                try snapshot.read(&reader, problems: &problems, reuse: reusing)
                try reader.expectEnd()
                result = .success(snapshot)
            } catch {
                result = .failure(error)
            }
        }
        let raw: RawSnapshot
        switch result {
        case .failure(let p): throw SnapshotLoadError(source: source, problems: [p] + problems)
        case .success(let r): raw = r
        }
        // Only records whose parse gave no problem are reused: a file with any problem records none.
        let records = recording && problems.isEmpty ? RecordReuse(data: data, offset: offset, environments: raw.environments) : nil
        return ParsedSnapshot(raw: raw, problems: problems, source: source, records: records, data: data)
    }
}

extension SnapshotReader {
    /// `UTF-16` or `UTF-32` when the document starts with that encoding's byte-order mark, or with
    /// the zero bytes an ASCII character takes in it (JSON starts with one: `{`, a space).
    static func wideEncoding(of data: Data) -> String? {
        let head = Array(data.prefix(4))
        if head.starts(with: [0xFF, 0xFE, 0, 0]) || head.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32" }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        guard head.count == 4 else { return nil }
        if (head[0] != 0 && head[1] == 0 && head[2] == 0 && head[3] == 0) || (head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] != 0)
        {
            return "UTF-32"
        }
        if (head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0) || (head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0)
        {
            return "UTF-16"
        }
        return nil
    }
}

/// A snapshot parsed but not yet checked across records.
struct ParsedSnapshot: @unchecked Sendable {
    // Read-only once made; validated on another thread by `readPair`.
    let raw: RawSnapshot
    let problems: [SnapshotProblem]
    let source: String?
    let records: RecordReuse?
    /// The document, to give each problem the line of its record.
    let data: Data

    func validated() throws(SnapshotLoadError) -> Snapshot {
        let all = problems + SnapshotValidator.validate(raw)
        if !all.isEmpty { throw SnapshotLoadError(source: source, problems: SnapshotProblem.locating(all, in: data)) }
        return raw.snapshot
    }
}

/// The base's validation, carried back from the thread that did it (written once, read after `wait`).
private final class ValidationBox: @unchecked Sendable {
    var value: Result<Snapshot, SnapshotLoadError>?
}

/// Every problem found in a snapshot file; the description is one line naming the first place.
public struct SnapshotLoadError: Error, Sendable, CustomStringConvertible {
    /// The file (or other source) the snapshot came from.
    public var source: String?
    public var problems: [SnapshotProblem]

    public init(source: String?, problems: [SnapshotProblem]) {
        self.source = source
        self.problems = problems
    }

    public var description: String {
        let first = problems.first?.description ?? "invalid snapshot"
        let more = problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count == 2 ? "" : "s"))" : ""
        return (source.map { "\($0): " } ?? "") + first + more
    }
}

/// The document as read, in file order, before validation builds the keyed model.
struct RawSnapshot {
    var format: String?
    var version: Int?
    var tenant = ""
    var environments: [RawEnvironment] = []

    var snapshot: Snapshot {
        var envs = environments.map(\.environment)
        if version == 1 {
            for i in envs.indices { Self.noteCopiesInVersion1(&envs[i]) }
        }
        return Snapshot(tenant: tenant, environments: envs)
    }

    /// A file that says version 1 but names role copies (`roleBusinessUnits`, added in version 2)
    /// is read as written; one note per environment says so, on the first user or team (by name)
    /// naming a copy, since a save writes version 2 and an older dvsec refuses the key.
    static func noteCopiesInVersion1(_ env: inout Environment) {
        let users = env.users.values.filter { !$0.roleBusinessUnitIds.isEmpty }.sortedByName(\.name, id: \.id)
        let teams = env.teams.values.filter { !$0.roleBusinessUnitIds.isEmpty }.sortedByName(\.name, id: \.id)
        let first: (kind: String, id: String, name: String)? =
            users.first.map { ("user", $0.id, $0.name) } ?? teams.first.map { ("team", $0.id, $0.name) }
        guard let first else { return }
        let others = users.count + teams.count - 1
        let also = others == 0 ? "" : " (and \(counted(others, "other user or team", plural: "other users and teams")))"
        env.readDifferently.notes.append(
            .init(
                roleId: first.id, roleName: first.name,
                message:
                    "names the copy of a role it holds (roleBusinessUnits, added in version 2)\(also) in a file that says "
                    + "version 1: read as written; a save writes version 2",
                kind: first.kind))
    }

    mutating func read(_ r: inout JSONReader, problems: inout [SnapshotProblem], reuse: RecordReuse? = nil) throws(SnapshotProblem) {
        // Read format and version first so an unknown version is refused before anything else.
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "format":
                format = try r.readString()
                if format != Snapshot.formatName {
                    throw SnapshotProblem(
                        path: "format", message: "not a dvsec snapshot (format is '\(format ?? "")', expected '\(Snapshot.formatName)')")
                }
            case "version":
                let v = try r.readInt()
                version = v
                if v > Snapshot.currentVersion {
                    throw SnapshotProblem(
                        path: "version",
                        message:
                            "unsupported snapshot version \(v): this dvsec reads versions 1...\(Snapshot.currentVersion); upgrade dvsec to open it"
                    )
                }
                if v < 1 {
                    throw SnapshotProblem(
                        path: "version", message: "invalid snapshot version \(v): versions start at 1 (no dvsec writes \(v))")
                }
            case "tenant": tenant = try r.readString()
            case "environments":
                try r.beginArray()
                while try r.nextElement() {
                    var env = RawEnvironment()
                    try env.read(&r, problems: &problems, reuse: reuse)
                    environments.append(env)
                }
            default:
                problems.append(SnapshotProblem(path: r.pathString, message: "unknown key '\(key.string)'"))
                try r.skipValue()
            }
        }
        if format == nil { problems.append(SnapshotProblem(path: "format", message: "missing: expected \"\(Snapshot.formatName)\"")) }
        if version == nil { problems.append(SnapshotProblem(path: "version", message: "missing snapshot version")) }
        // A file with nothing to check passes no gate: an empty or cut-short export is an error.
        if format != nil && version != nil && environments.isEmpty {
            problems.append(
                SnapshotProblem(path: "environments", message: "the snapshot has no environment: is the export empty or cut short?"))
        }
    }
}

func unknownKey(_ r: inout JSONReader, _ key: JSONKey, _ problems: inout [SnapshotProblem]) throws(SnapshotProblem) {
    problems.append(SnapshotProblem(path: r.pathString, message: "unknown key '\(key.string)'"))
    try r.skipValue()
}

/// An enumerated value whose string is unknown is a problem recorded with its place, and reading
/// goes on with `fallback`: every such value of a file is listed at once, not only the first.
func readEnum<T>(
    _ r: inout JSONReader, _ what: String, _ problems: inout [SnapshotProblem], fallback: T, _ parse: (String) -> T?
) throws(SnapshotProblem) -> T {
    let s = try r.readString()
    guard let v = parse(s) else {
        // "unknown access level 'galactic' (none, basic, …)": the value, then the choices.
        let (name, choices) =
            what.range(of: " (").map { (String(what[..<$0.lowerBound]), " " + String(what[$0.lowerBound...].dropFirst())) } ?? (what, "")
        problems.append(SnapshotProblem(path: r.pathString, message: "unknown \(name) '\(s)'\(choices)"))
        return fallback
    }
    return v
}
