import Foundation
import SecurityModel

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
        guard JSONNesting.depth(of: jsonLine, limit: JSONNesting.limit) <= JSONNesting.limit,
            let object = try? JSONSerialization.jsonObject(with: jsonLine) as? [String: Any], object["dvsecJournal"] != nil
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
