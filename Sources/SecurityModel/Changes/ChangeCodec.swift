import Foundation

/// Reads and writes ``Change`` values as JSON, one object per change.
///
/// The console journals every edit in this form (one change per line), so the format is meant to
/// stay readable and stable: an object with a `kind` naming the case (`setPrivilege`,
/// `assignUserRole`, ...), the case's fields under their Swift argument names, and the snapshot's
/// own names for values (`"level": "local"`, `"operation": "appendTo"`, `"accessMode": "read"`).
/// Entities carried by create changes (a role, a team ...) are written in full. Keys are sorted,
/// so the same change always gives the same bytes.
///
/// ```json
/// {"environment":"e1","kind":"setPrivilege","level":"local","operation":"delete","role":"r1","table":"account"}
/// ```
public enum ChangeCodec {
    /// The JSON of one change on one line (no trailing newline).
    public static func encode(_ change: Change) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, bools and nested objects cannot fail.
        return (try? encoder.encode(CodableChange(change))) ?? Data("{}".utf8)
    }

    /// Parses one change; the error names the field that is missing or wrong.
    public static func decode(_ data: Data) throws(ChangeDecodingError) -> Change {
        // A damaged journal line nested thousands deep would overflow the decoder's stack.
        if JSONNesting.depth(of: data, limit: JSONNesting.limit) > JSONNesting.limit {
            throw ChangeDecodingError(path: "", message: "nested more than \(JSONNesting.limit) levels deep")
        }
        do {
            return try JSONDecoder().decode(CodableChange.self, from: data).change
        } catch let error as ChangeDecodingError {
            throw error
        } catch let DecodingError.keyNotFound(key, context) {
            throw ChangeDecodingError(path: Self.path(context.codingPath + [key]), message: "missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ChangeDecodingError(path: Self.path(context.codingPath), message: context.debugDescription)
        } catch let DecodingError.valueNotFound(_, context) {
            throw ChangeDecodingError(path: Self.path(context.codingPath), message: "missing value")
        } catch let DecodingError.dataCorrupted(context) {
            throw ChangeDecodingError(path: Self.path(context.codingPath), message: context.debugDescription)
        } catch {
            throw ChangeDecodingError(path: "", message: "\(error)")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// Why a change could not be read from JSON.
public struct ChangeDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The dotted path of the offending field, e.g. `changes.[2].level`.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? "change: \(message)" : "change: \(path): \(message)" }
}

/// A ``Change`` that can be embedded in other `Codable` documents (the console's journal).
///
/// A wrapper rather than a conformance on ``Change`` itself, so the JSON shape stays a choice of
/// this file and cannot clash with another encoding of the model.
public struct CodableChange: Codable, Hashable, Sendable {
    public var change: Change

    public init(_ change: Change) { self.change = change }

    public init(from decoder: any Decoder) throws {
        change = try ChangeFields.decode(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try ChangeFields.encode(change, to: encoder)
    }
}

/// A JSON object key chosen at run time.
struct FieldKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Reading helpers that turn a bad enum name into an error naming the field.
extension KeyedDecodingContainer where Key == FieldKey {
    func string(_ key: String) throws -> String { try decode(String.self, forKey: FieldKey(key)) }
    func optionalString(_ key: String) throws -> String? { try decodeIfPresent(String.self, forKey: FieldKey(key)) }
    func bool(_ key: String) throws -> Bool { try decodeIfPresent(Bool.self, forKey: FieldKey(key)) ?? false }
    func optionalBool(_ key: String) throws -> Bool? { try decodeIfPresent(Bool.self, forKey: FieldKey(key)) }
    func strings(_ key: String) throws -> [String] { try decodeIfPresent([String].self, forKey: FieldKey(key)) ?? [] }

    func parsed<T>(_ key: String, _ what: String, _ parse: (String) -> T?) throws -> T {
        let raw = try string(key)
        guard let value = parse(raw) else {
            throw ChangeDecodingError(path: ChangeCodec.path(codingPath + [FieldKey(key)]), message: "unknown \(what) '\(raw)'")
        }
        return value
    }

    func level(_ key: String = "level") throws -> AccessLevel { try parsed(key, "access level", AccessLevel.init(name:)) }

    func levelMap(_ key: String) throws -> [String: AccessLevel] {
        let raw = try decodeIfPresent([String: String].self, forKey: FieldKey(key)) ?? [:]
        var out: [String: AccessLevel] = [:]
        for (name, value) in raw {
            guard let level = AccessLevel(name: value) else {
                throw ChangeDecodingError(
                    path: ChangeCodec.path(codingPath + [FieldKey(key), FieldKey(name)]),
                    message: "unknown access level '\(value)'")
            }
            out[name] = level
        }
        return out
    }
}

extension KeyedEncodingContainer where Key == FieldKey {
    mutating func put(_ key: String, _ value: String) throws { try encode(value, forKey: FieldKey(key)) }
    mutating func put(_ key: String, _ value: String?) throws { try encodeIfPresent(value, forKey: FieldKey(key)) }
    mutating func put(_ key: String, _ value: Bool) throws { try encode(value, forKey: FieldKey(key)) }
    mutating func put(_ key: String, _ value: [String]) throws { try encode(value, forKey: FieldKey(key)) }
    mutating func put(_ key: String, _ value: [String: String]) throws { try encode(value, forKey: FieldKey(key)) }
    mutating func put(_ key: String, _ level: AccessLevel) throws { try encode(level.snapshotName, forKey: FieldKey(key)) }
}

extension PrivilegeRow {
    /// The row as `{"read": "global", ...}`, leaving out operations at none.
    var codecFields: [String: String] {
        Dictionary(uniqueKeysWithValues: grantedOperations.map { ($0.0.snapshotName, $0.1.snapshotName) })
    }

    init(codecFields: [String: AccessLevel], path: String) throws(ChangeDecodingError) {
        self = .empty
        for (name, level) in codecFields {
            guard let op = TableOperation(name: name) else {
                throw ChangeDecodingError(path: path + "." + name, message: "unknown operation '\(name)'")
            }
            self[op] = level
        }
    }
}
