import Foundation
import SecurityModel

/// A JSON value as the Web API returns it.
enum JSONValue: Decodable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    /// Parses bytes (a UTF-8 BOM is allowed); a syntax error names the line.
    static func parse(_ data: Data, file: String) throws(DataverseFileError) -> JSONValue {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw DataverseFileError(file: file, message: "the file is empty")
        }
        // The decoder recurses per level: a hostile file nested thousands deep would crash it.
        if JSONNesting.depth(of: bytes, limit: JSONNesting.limit) > JSONNesting.limit {
            throw DataverseFileError(file: file, message: "malformed JSON: nested more than \(JSONNesting.limit) levels deep")
        }
        // The snapshot reader's checks first: a syntax error or a duplicate key with its line,
        // column and path.
        if let p = JSONDocumentCheck.firstProblem(in: Data(bytes)) {
            let place = [p.path.isEmpty ? nil : p.path, p.column.map { "column \($0)" }].compactMap { $0 }.joined(separator: ", ")
            throw DataverseFileError(file: file, line: p.line, message: "malformed JSON: \(place.isEmpty ? "" : place + ": ")\(p.message)")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw syntaxError(Data(bytes), file: file)
        }
    }

    /// Foundation's JSONSerialization says "around character N"; turn that into a line.
    private static func syntaxError(_ data: Data, file: String) -> DataverseFileError {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "invalid JSON"
            if let range = text.range(of: "character "),
                let offset = Int(text[range.upperBound...].prefix { $0.isNumber })
            {
                let line = data.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                return DataverseFileError(file: file, line: line, message: "malformed JSON: \(text)")
            }
            return DataverseFileError(file: file, message: "malformed JSON: \(text)")
        }
        return DataverseFileError(file: file, message: "malformed JSON")
    }
}

/// One row of a Web API collection (`value[i]`), with typed accessors whose errors name the
/// file, the row and the field.
struct WebAPIRow {
    let fields: [String: JSONValue]
    let file: String
    let index: Int

    private func fail(_ key: String, _ message: String) -> DataverseFileError {
        DataverseFileError(file: file, message: "value[\(index)].\(key): \(message)")
    }

    private func present(_ key: String) -> JSONValue? {
        guard let v = fields[key], v != .null else { return nil }
        return v
    }

    func string(_ key: String) throws(DataverseFileError) -> String {
        guard let v = present(key) else { throw fail(key, "missing (add it to $select)") }
        guard case .string(let s) = v else { throw fail(key, "expected a string") }
        return s
    }

    func optionalString(_ key: String) throws(DataverseFileError) -> String? {
        guard let v = present(key) else { return nil }
        guard case .string(let s) = v else { throw fail(key, "expected a string") }
        return s
    }

    /// A record's name (a business unit, team, role, profile): without the white space at its
    /// ends, which Dataverse trims and a snapshot refuses (``RecordName``); one of white space
    /// only is refused at its row and field.
    func name(_ key: String) throws(DataverseFileError) -> String {
        let s = RecordName.trimmed(try string(key))
        if s.isEmpty { throw fail(key, "empty or white space only: a name is required") }
        return s
    }

    /// A Dataverse identifier (a privilege, table or column name): letters, digits and
    /// underscores only, as solution files are checked (``DataverseName``); anything else is
    /// refused at its row and field.
    func dataverseName(_ key: String, _ what: String) throws(DataverseFileError) -> String {
        let s = try string(key)
        if let problem = DataverseName.problem(s, what) { throw fail(key, problem) }
        return s
    }

    /// A GUID, normalized (lower case, no braces).
    func id(_ key: String) throws(DataverseFileError) -> String {
        SolutionElements.normalizedId(try string(key))
    }

    func optionalId(_ key: String) throws(DataverseFileError) -> String? {
        try optionalString(key).map(SolutionElements.normalizedId)
    }

    func int(_ key: String) throws(DataverseFileError) -> Int {
        guard let v = try optionalInt(key) else { throw fail(key, "missing (add it to $select)") }
        return v
    }

    func optionalInt(_ key: String) throws(DataverseFileError) -> Int? {
        guard let v = present(key) else { return nil }
        switch v {
        case .number(let n) where n == n.rounded() && abs(n) < 1e15: return Int(n)
        case .bool(let b): return b ? 1 : 0
        default: throw fail(key, "expected a whole number")
        }
    }

    /// A Boolean; also accepts 0/1 and a managed property object (`{"Value": true, ...}`).
    func optionalBool(_ key: String) throws(DataverseFileError) -> Bool? {
        guard let v = present(key) else { return nil }
        switch v {
        case .bool(let b): return b
        case .number(let n) where n == 0 || n == 1: return n == 1
        case .object(let o):
            if case .bool(let b)? = o["Value"] { return b }
            throw fail(key, "expected a Boolean managed property with 'Value'")
        default: throw fail(key, "expected true or false")
        }
    }

    /// The rows of an expanded collection-valued navigation property, e.g. `systemuserroles_association`.
    func expanded(_ key: String) throws(DataverseFileError) -> [WebAPIRow]? {
        guard let v = present(key) else { return nil }
        guard case .array(let items) = v else { throw fail(key, "expected an array") }
        var rows: [WebAPIRow] = []
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else { throw fail("\(key)[\(i)]", "expected an object") }
            rows.append(WebAPIRow(fields: o, file: file, index: index))
        }
        return rows
    }

    func has(_ key: String) -> Bool { fields[key] != nil }
}
