import Foundation

/// On which line and column of a snapshot file each environment and each of its records is named
/// (where its `id` is, or `logicalName` for tables and columns): for output that points into the
/// file (SARIF results, which code-scanning tools show at that place). The column tells records
/// apart in a minified snapshot, where every record is on line 1.
///
/// A record is named as ``FindingPlace/key`` names it: `role:<id>`, `user:<id>`, `team:<id>`,
/// `profile:<id>`, `businessUnit:<id>`, `entraGroup:<id>`, `table:<logical name>`,
/// `column:<table>.<column>`, and `environment` for the environment itself.
public struct SnapshotLocations: Sendable {
    /// Where a record is named: a 1-based line, and a 1-based column counted in UTF-16 code units
    /// (SARIF's default `columnKind`).
    public struct Position: Hashable, Sendable {
        public var line: Int
        public var column: Int
    }

    /// Position by environment id, then by record key.
    private var positions: [String: [String: Position]] = [:]

    public init() {}

    /// The records of a snapshot document. A document that is not a readable snapshot gives what
    /// was found before the problem (load it first to report problems).
    public init(data: Data) {
        data.withUnsafeBytes { raw in
            var reader = JSONReader(document: raw.bindMemory(to: UInt8.self))
            let locator = Locator(reader.bytes)
            func line(_ offset: Int) -> Position { locator.position(at: offset) }
            do throws(SnapshotProblem) {
                try reader.beginObject()
                while let key = try reader.nextKey() {
                    guard case "environments" = key else {
                        try reader.skipValue()
                        continue
                    }
                    try reader.beginArray()
                    while try reader.nextElement() {
                        var found: [String: Position] = [:]
                        let id = try Self.readEnvironment(&reader, into: &found, line: line)
                        if let id { positions[id, default: [:]].merge(found) { first, _ in first } }
                    }
                }
            } catch {
                // What was found so far stays.
            }
        }
    }

    /// The line of a record of an environment, `nil` when the file has no such record.
    public func line(environmentId: String, key: String) -> Int? {
        positions[environmentId]?[key]?.line
    }

    /// Where a record of an environment is named, `nil` when the file has no such record.
    public func position(environmentId: String, key: String) -> Position? {
        positions[environmentId]?[key]
    }

    /// The line of a finding's place: its record, or for a team's role the team's record.
    public func line(of place: FindingPlace) -> Int? {
        position(of: place)?.line
    }

    /// Where a finding's place is named: its record, or for a team's role the team's record, or
    /// else its environment.
    public func position(of place: FindingPlace) -> Position? {
        let record = place.key.split(separator: "/").first.map(String.init) ?? place.key
        return position(environmentId: place.environmentId, key: record) ?? position(environmentId: place.environmentId, key: "environment")
    }

    /// One environment's records; returns its id.
    private static func readEnvironment(
        _ r: inout JSONReader, into found: inout [String: Position], line: (Int) -> Position
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
        into found: inout [String: Position], line: (Int) -> Position
    ) throws(SnapshotProblem) {
        try r.beginArray()
        while try r.nextElement() {
            var at = Position(line: 0, column: 0)
            var recordName: String?
            var columnLines: [(String, Position)] = []
            try r.beginObject()
            while let key = try r.nextKey() {
                if name ~= key {
                    at = line(r.position)
                    recordName = try r.readString()
                } else if columns, case "columns" = key {
                    var inner: [String: Position] = [:]
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

/// Turns byte offsets into line and column. Offsets asked in file order (as a reader meets them)
/// count the characters between one and the next only: a minified file, one line of 60 MB, is
/// walked once, not once per record.
private final class Locator {
    let bytes: UnsafeBufferPointer<UInt8>
    let index: LineIndex
    var last: (offset: Int, position: SnapshotLocations.Position)?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = LineIndex(bytes)
    }

    func position(at offset: Int) -> SnapshotLocations.Position {
        let line = index.line(at: offset)
        let from: Int
        var column: Int
        if let last, last.position.line == line, last.offset <= offset {
            (from, column) = (last.offset, last.position.column)
        } else {
            (from, column) = (index.start(ofLine: line), 1)
        }
        // UTF-16 code units: one per character, two for one beyond the BMP (a 4-byte sequence).
        for i in from..<min(offset, bytes.count) {
            let b = bytes[i]
            if b & 0xC0 != 0x80 { column += 1 }
            if b >= 0xF0 { column += 1 }
        }
        let position = SnapshotLocations.Position(line: line, column: column)
        last = (offset, position)
        return position
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

    /// The offset at which 1-based line `line` starts.
    func start(ofLine line: Int) -> Int { starts[max(0, min(line - 1, starts.count - 1))] }
}
