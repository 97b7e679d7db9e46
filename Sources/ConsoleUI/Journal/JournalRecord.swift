import Foundation
import SecurityModel

/// One line of the crash journal: an edit, an undo, a redo or a revert.
///
/// Replaying the records in order through the same history operations rebuilds the pending
/// edits exactly, including undone ones that redo can bring back.
public enum JournalRecord: Hashable, Sendable {
    case edit(Change)
    case undo
    case redo
    /// The pending edit at this index was reverted.
    case revert(index: Int)

    /// The record as one JSON line (without the newline): `{"edit":{...}}`, `{"undo":true}`,
    /// `{"redo":true}` or `{"revert":3}`.
    public var jsonLine: Data {
        switch self {
        case .edit(let change):
            var line = Data(#"{"edit":"#.utf8)
            line.append(ChangeCodec.encode(change))
            line.append(Data("}".utf8))
            return line
        case .undo: return Data(#"{"undo":true}"#.utf8)
        case .redo: return Data(#"{"redo":true}"#.utf8)
        case .revert(let index): return Data(#"{"revert":\#(index)}"#.utf8)
        }
    }

    /// Parses one journal line; nil for a header or an unreadable line.
    public init?(jsonLine: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: jsonLine) as? [String: Any] else { return nil }
        if let edit = object["edit"], let data = try? JSONSerialization.data(withJSONObject: edit),
            let change = try? ChangeCodec.decode(data)
        {
            self = .edit(change)
        } else if object["undo"] != nil {
            self = .undo
        } else if object["redo"] != nil {
            self = .redo
        } else if let index = object["revert"] as? Int {
            self = .revert(index: index)
        } else {
            return nil
        }
    }
}

/// The first line of a journal: which file the edits belong to and how it looked.
public struct JournalHeader: Hashable, Sendable {
    /// The snapshot file, or nil for the demo organisation.
    public var file: String?
    /// Size and content hash of the file when the journal was started.
    public var fingerprint: FileFingerprint?
    /// ISO 8601 time the journal was started.
    public var started: String

    public init(file: String?, fingerprint: FileFingerprint?, started: String) {
        self.file = file
        self.fingerprint = fingerprint
        self.started = started
    }

    public var jsonLine: Data {
        var object: [String: Any] = ["dvsecJournal": 1, "started": started]
        if let file { object["file"] = file }
        if let fingerprint {
            object["size"] = fingerprint.size
            object["hash"] = String(fingerprint.contentHash, radix: 16)
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    public init?(jsonLine: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: jsonLine) as? [String: Any], object["dvsecJournal"] != nil
        else { return nil }
        file = object["file"] as? String
        started = object["started"] as? String ?? ""
        if let size = object["size"] as? Int, let hex = object["hash"] as? String, let hash = UInt64(hex, radix: 16) {
            var fp = FileFingerprint(data: Data())
            fp.size = size
            fp.contentHash = hash
            fingerprint = fp
        } else {
            fingerprint = nil
        }
    }
}
