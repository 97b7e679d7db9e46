import Foundation

/// On which line of a snapshot file each environment and each of its records is named (the line
/// of its `id`, or `logicalName` for tables and columns): for output that points into the file
/// (SARIF results, which code-scanning tools show with that line).
///
/// A record is named as ``FindingPlace/key`` names it: `role:<id>`, `user:<id>`, `team:<id>`,
/// `profile:<id>`, `businessUnit:<id>`, `entraGroup:<id>`, `table:<logical name>`,
/// `column:<table>.<column>`, and `environment` for the environment itself.
public struct SnapshotLocations: Sendable {
    /// Line (1-based) by environment id, then by record key.
    private var lines: [String: [String: Int]] = [:]

    public init() {}

    /// The records of a snapshot document. A document that is not a readable snapshot gives what
    /// was found before the problem (load it first to report problems).
    public init(data: Data) {
        data.withUnsafeBytes { raw in
            var reader = JSONReader(document: raw.bindMemory(to: UInt8.self))
            let index = LineIndex(reader.bytes)
            func line(_ offset: Int) -> Int { index.line(at: offset) }
            do throws(SnapshotProblem) {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    guard case "environments" = key else {
                        try reader.skipValue()
                        continue
                    }
                    try reader.beginArray()
                    while try reader.nextElement() {
                        var found: [String: Int] = [:]
                        let id = try Self.readEnvironment(&reader, into: &found, line: line)
                        if let id { lines[id, default: [:]].merge(found) { first, _ in first } }
                    }
                }
            } catch {
                // What was found so far stays.
            }
        }
    }

    /// The line of a record of an environment, `nil` when the file has no such record.
    public func line(environmentId: String, key: String) -> Int? {
        lines[environmentId]?[key]
    }

    /// The line of a finding's place: its record, or for a team's role the team's record.
    public func line(of place: FindingPlace) -> Int? {
        let record = place.key.split(separator: "/").first.map(String.init) ?? place.key
        return line(environmentId: place.environmentId, key: record) ?? line(environmentId: place.environmentId, key: "environment")
    }

    /// One environment's records; returns its id.
    private static func readEnvironment(
        _ r: inout JSONReader, into found: inout [String: Int], line: (Int) -> Int
    ) throws(SnapshotProblem) -> String? {
        var id: String?
        try r.beginObject()
        while let key = try r.nextKey() {
            switch key {
            case "id":
                found["environment"] = line(r.position)
                id = try r.readString()
            case "businessUnits": try records(&r, "businessUnit", into: &found, line: line)
            case "users": try records(&r, "user", into: &found, line: line)
            case "teams": try records(&r, "team", into: &found, line: line)
            case "roles": try records(&r, "role", into: &found, line: line)
            case "fieldSecurityProfiles": try records(&r, "profile", into: &found, line: line)
            case "entraGroups": try records(&r, "entraGroup", into: &found, line: line)
            case "tables": try records(&r, "table", name: "logicalName", columns: true, into: &found, line: line)
            default: try r.skipValue()
            }
        }
        return id
    }

    /// The elements of an array of records, each under `kind:<its name key>`; a table's columns
    /// under `column:<table>.<column>`.
    private static func records(
        _ r: inout JSONReader, _ kind: String, name: StaticString = "id", columns: Bool = false,
        into found: inout [String: Int], line: (Int) -> Int
    ) throws(SnapshotProblem) {
        try r.beginArray()
        while try r.nextElement() {
            var at = 0
            var recordName: String?
            var columnLines: [(String, Int)] = []
            try r.beginObject()
            while let key = try r.nextKey() {
                if name ~= key {
                    at = line(r.position)
                    recordName = try r.readString()
                } else if columns, case "columns" = key {
                    var inner: [String: Int] = [:]
                    try records(&r, "column", name: "logicalName", into: &inner, line: line)
                    columnLines = inner.map { (String($0.key.dropFirst("column:".count)), $0.value) }
                } else {
                    try r.skipValue()
                }
            }
            guard let recordName else { continue }
            found["\(kind):\(recordName)"] = found["\(kind):\(recordName)"] ?? at
            for (column, columnLine) in columnLines {
                let key = "column:\(recordName).\(column)"
                found[key] = found[key] ?? columnLine
            }
        }
    }
}

/// Where each line of a document starts, to turn a byte offset into a 1-based line number.
struct LineIndex {
    private var starts = [0]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
    }

    /// The line of the byte at `offset`: the number of line starts at or before it.
    func line(at offset: Int) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
