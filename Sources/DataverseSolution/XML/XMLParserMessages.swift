/// Readable messages for the error codes `XMLParser` reports (libxml2's `xmlParserErrors`),
/// whose own descriptions on Linux are only "error N".
enum XMLParserMessages {
    /// The code of libxml2's internal limit (`XML_ERR_INTERNAL_ERROR`), which it reports for an
    /// attribute value or text over 10,000,000 bytes.
    static let internalLimit = 1

    static func message(for code: Int) -> String {
        switch code {
        case 1: "the parser stopped at an internal limit (a single text or name too long?)"
        case 2: "out of memory"
        case 4: "document is empty or not XML"
        case 5: "the document ends too early (an element is not closed)"
        case 9: "invalid character (a control character, or bytes that are not UTF-8)"
        case 26, 27: "undeclared entity (escape '&' as '&amp;')"
        case 31: "unsupported encoding"
        case 32: "unsupported encoding"
        case 38: "'<' is not allowed in an attribute value"
        case 29: "the file refers to an external entity, which dvsec does not load (it could read other files): refused"
        case 39: "an attribute value is not quoted"
        case 40: "an attribute value is not closed"
        case 41: "an attribute has no value"
        case 42: "an attribute is given twice"
        case 45: "a comment is not closed"
        case 56, 57: "the XML declaration is malformed"
        case 64: "a name starting with 'xml' is reserved"
        case 65: "a space is required here (between attributes, or in the XML declaration)"
        case 96: "the XML declaration has no version"
        case 97, 108: "unsupported XML version (solution files are XML 1.0)"
        case 101: "the encoding declaration is malformed"
        case 68: "a name was expected (a stray '<' or '&'?)"
        case 73: "'>' was expected"
        case 76: "an end tag does not match its start tag"
        case 77: "an end tag is missing"
        case 85: "the elements are not well balanced"
        case 86: "extra content after the end of the document"
        case 81: "the declared encoding does not match the file's bytes (save the file in the encoding its XML declaration names)"
        case 89: "entity references loop or expand too far: refused"
        default: "XML parser error \(code)"
        }
    }
}
