import Foundation

/// What a solution file must be before its XML is parsed: UTF-8 or UTF-16, the encodings
/// Dataverse writes, and without a document type declaration (`<!DOCTYPE ...>`), which solution
/// files never have.
///
/// A document type declaration changes what a file means without showing it in its elements: a
/// default attribute value (`<!ATTLIST RolePrivilege level CDATA "Global">`) gave a privilege
/// written without a level the level Global, and an entity expands to text or to elements
/// (`&p;` became a `RolePrivilege`). Foundation's `XMLParser` on Linux does not tell its delegate
/// of the declaration itself, nor of an internal entity declared in it (it reports attribute,
/// element and notation declarations, which ``XMLTree`` refuses too, as a second line), so the
/// prolog is read here before parsing. It is read decoded (markup is ASCII in both encodings);
/// comments and processing instructions end where XML ends them (`-->`, `?>`), and the reading
/// stops at the root element, since a declaration can stand nowhere else. Any other encoding is
/// refused: the parser would read bytes this reading could not (UCS-4, EBCDIC, UTF-7).
enum XMLProlog {
    /// The encodings a solution file may be in.
    enum Encoding: Equatable {
        case utf8
        case utf16(bigEndian: Bool, byteOrderMark: Bool)

        var name: String {
            switch self {
            case .utf8: "UTF-8"
            case .utf16(let big, _): big ? "UTF-16 (big-endian)" : "UTF-16"
            }
        }
    }

    /// Refuses a file in an encoding other than UTF-8 and UTF-16, one whose XML declaration
    /// names another encoding than its bytes are in, and one with a document type declaration.
    static func check(_ data: Data, file: String) throws(DataverseFileError) {
        let encoding = try encoding(of: data, file: file)
        let (declared, doctypeLine) = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let units = Units(bytes: raw, encoding: encoding)
            return (declaredEncoding(units), documentTypeDeclarationLine(units))
        }
        if let declared { try check(declared: declared, against: encoding, data: data, file: file) }
        if let doctypeLine { throw DataverseFileError(file: file, line: doctypeLine, message: documentTypeMessage) }
    }

    /// The message for a file with a document type declaration, found here or by the parser.
    static let documentTypeMessage =
        "the file has a document type declaration (<!DOCTYPE>), which can change what it says unseen (default attribute values, entities): solution files have none; refused"

    // MARK: Encoding

    /// The encoding the bytes are in, by a byte-order mark or the first characters (as XML 1.0,
    /// appendix F, detects it); UCS-4 and EBCDIC are refused here.
    static func encoding(of data: Data, file: String) throws(DataverseFileError) -> Encoding {
        let head = Array(data.prefix(4)) + [UInt8](repeating: 0xAA, count: max(0, 4 - data.count))
        func refuse(_ name: String) -> DataverseFileError {
            DataverseFileError(
                file: file, message: "the file is in \(name), by its first bytes: " + supportedEncodings + " (save it as UTF-8)")
        }
        switch (head[0], head[1], head[2], head[3]) {
        case (0x00, 0x00, 0xFE, 0xFF), (0xFF, 0xFE, 0x00, 0x00), (0x00, 0x00, 0xFF, 0xFE), (0xFE, 0xFF, 0x00, 0x00),
            (0x00, 0x00, 0x00, 0x3C), (0x3C, 0x00, 0x00, 0x00), (0x00, 0x00, 0x3C, 0x00), (0x00, 0x3C, 0x00, 0x00):
            throw refuse("UCS-4 (UTF-32)")
        case (0x4C, 0x6F, 0xA7, 0x94):
            throw refuse("EBCDIC")
        case (0xFE, 0xFF, _, _): return .utf16(bigEndian: true, byteOrderMark: true)
        case (0xFF, 0xFE, _, _): return .utf16(bigEndian: false, byteOrderMark: true)
        case (0x00, 0x3C, 0x00, 0x3F): return .utf16(bigEndian: true, byteOrderMark: false)
        case (0x3C, 0x00, 0x3F, 0x00): return .utf16(bigEndian: false, byteOrderMark: false)
        default: return .utf8
        }
    }

    static let supportedEncodings = "solution files are UTF-8 or UTF-16, the encodings Dataverse writes; refused"

    /// Refuses a declared encoding that is neither UTF-8 nor UTF-16, or that the bytes are not
    /// in. A UTF-16 file with a byte-order mark declaring UTF-8 reads (every parser goes by the
    /// mark; Notepad saves "Unicode" so). ASCII (`us-ascii`, `ascii`) is a subset of UTF-8: it
    /// reads when every byte is below 0x80, and is refused at the line of the first that is not.
    private static func check(
        declared: String, against actual: Encoding, data: Data, file: String
    ) throws(DataverseFileError) {
        let name = declared.lowercased()
        let isUTF8 = ["utf-8", "utf8"].contains(name)
        let isUTF16 = ["utf-16", "utf16", "utf-16le", "utf-16be", "unicode"].contains(name)
        if ["us-ascii", "ascii"].contains(name) {
            try checkASCII(declared: declared, against: actual, data: data, file: file)
            return
        }
        guard isUTF8 || isUTF16 else {
            throw DataverseFileError(
                file: file, line: 1,
                message: "the file is in '\(declared)', as its XML declaration says: " + supportedEncodings
                    + " (save it as UTF-8 and declare encoding=\"utf-8\")")
        }
        switch actual {
        case .utf8 where isUTF16:
            throw DataverseFileError(
                file: file, line: 1,
                message:
                    "the XML declaration says encoding=\"\(declared)\", but the bytes are UTF-8 (a UTF-16 file starts with a byte-order mark): the declared encoding does not match the bytes; declare encoding=\"utf-8\", or save the file as UTF-16"
            )
        case .utf16(let big, let mark) where isUTF8 && !mark, .utf16(let big, let mark) where name == (big ? "utf-16le" : "utf-16be"):
            throw DataverseFileError(
                file: file, line: 1,
                message:
                    "the XML declaration says encoding=\"\(declared)\", but the bytes are \(Encoding.utf16(bigEndian: big, byteOrderMark: mark).name): the declared encoding does not match the bytes; declare encoding=\"utf-16\", or save the file as UTF-8"
            )
        default: return
        }
    }

    /// Refuses a file declaring ASCII whose bytes are not all ASCII (below 0x80), naming the
    /// first other byte and its line; a UTF-16 file is not ASCII either.
    private static func checkASCII(
        declared: String, against actual: Encoding, data: Data, file: String
    ) throws(DataverseFileError) {
        if case .utf16 = actual {
            throw DataverseFileError(
                file: file, line: 1,
                message:
                    "the XML declaration says encoding=\"\(declared)\", but the bytes are \(actual.name): the declared encoding does not match the bytes; declare encoding=\"utf-16\", or save the file as UTF-8"
            )
        }
        guard let index = data.firstIndex(where: { $0 >= 0x80 }) else { return }
        let line = 1 + data[data.startIndex..<index].lazy.filter { $0 == 0x0A }.count
        let byte = "0x" + String(data[index], radix: 16, uppercase: true)
        throw DataverseFileError(
            file: file, line: line,
            message:
                "the XML declaration says encoding=\"\(declared)\", but line \(line) has the byte \(byte), which is not ASCII: the declared encoding does not match the bytes; declare encoding=\"utf-8\" (ASCII is a subset of it), or save the file as ASCII"
        )
    }

    // MARK: Reading the prolog

    /// The document as characters, one per code unit: ASCII as itself, anything else as 0xFF
    /// (no markup character). A UTF-8 or UTF-16 byte-order mark is left out.
    struct Units {
        let bytes: UnsafeRawBufferPointer
        let encoding: Encoding
        let start: Int
        let count: Int

        init(bytes: UnsafeRawBufferPointer, encoding: Encoding) {
            self.bytes = bytes
            self.encoding = encoding
            switch encoding {
            case .utf8:
                start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                count = bytes.count - start
            case .utf16(_, let mark):
                start = mark ? 2 : 0
                count = (bytes.count - start) / 2
            }
        }

        subscript(i: Int) -> UInt8 {
            switch encoding {
            case .utf8:
                return bytes[start + i]
            case .utf16(let big, _):
                let first = bytes[start + 2 * i]
                let second = bytes[start + 2 * i + 1]
                let (high, low) = big ? (first, second) : (second, first)
                return high == 0 && low < 0x80 ? low : 0xFF
            }
        }

        func matches(_ text: String, at i: Int, ignoringCase: Bool = false) -> Bool {
            let t = Array(text.utf8)
            guard i >= 0 && i + t.count <= count else { return false }
            for (k, c) in t.enumerated() {
                let u = self[i + k]
                if u != c && !(ignoringCase && Self.lowercased(u) == Self.lowercased(c)) { return false }
            }
            return true
        }

        /// The index of the first `text` at or after `i`, or `nil`.
        func find(_ text: String, from i: Int) -> Int? {
            var j = i
            while j < count {
                if matches(text, at: j) { return j }
                j += 1
            }
            return nil
        }

        static func isSpace(_ u: UInt8) -> Bool { u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D }

        static func lowercased(_ u: UInt8) -> UInt8 { u >= 0x41 && u <= 0x5A ? u + 0x20 : u }
    }

    /// The `encoding` of the XML declaration (`<?xml version="1.0" encoding="utf-8"?>`), when
    /// the file starts with one that names it.
    static func declaredEncoding(_ u: Units) -> String? {
        guard u.matches("<?xml", at: 0), u.count > 5, Units.isSpace(u[5]), let end = u.find("?>", from: 5) else { return nil }
        var i = 5
        while i < end {
            guard u.matches("encoding", at: i) else {
                i += 1
                continue
            }
            i += 8
            while i < end && Units.isSpace(u[i]) { i += 1 }
            guard i < end, u[i] == UInt8(ascii: "=") else { return nil }
            i += 1
            while i < end && Units.isSpace(u[i]) { i += 1 }
            guard i < end, u[i] == UInt8(ascii: "\"") || u[i] == UInt8(ascii: "'") else { return nil }
            let quote = u[i]
            var value: [UInt8] = []
            i += 1
            while i < end && u[i] != quote && value.count < 64 {
                value.append(u[i])
                i += 1
            }
            return String(decoding: value, as: UTF8.self)
        }
        return nil
    }

    /// The line of a `<!DOCTYPE` in the prolog, or `nil` when the root element comes first (or
    /// the prolog is malformed, which the parser then reports).
    static func documentTypeDeclarationLine(_ u: Units) -> Int? {
        var i = 0
        var line = 1
        func lines(_ range: Range<Int>) -> Int { range.reduce(0) { $0 + (u[$1] == 0x0A ? 1 : 0) } }
        while i < u.count {
            let c = u[i]
            if Units.isSpace(c) {
                if c == 0x0A { line += 1 }
                i += 1
                continue
            }
            guard c == UInt8(ascii: "<"), i + 1 < u.count else { return nil }  // text before the root: malformed
            if u.matches("<!--", at: i) {
                guard let end = u.find("-->", from: i + 4) else { return nil }
                line += lines(i..<end)
                i = end + 3
            } else if u.matches("<?", at: i) {
                guard let end = u.find("?>", from: i + 2) else { return nil }
                line += lines(i..<end)
                i = end + 2
            } else if u.matches("<!DOCTYPE", at: i, ignoringCase: true) {
                return line
            } else {
                return nil  // the root element (or malformed markup the parser reports)
            }
        }
        return nil
    }
}
