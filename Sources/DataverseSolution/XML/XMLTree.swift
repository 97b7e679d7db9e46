import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One element of a parsed XML file, with the line the parser reported for it.
///
/// Solution files are small enough to hold as a tree; `customizations.xml` can be large, so the
/// parser drops the subtrees of elements dvsec never reads (forms, views, ribbons ...).
struct XMLTree: Sendable {
    var name: String
    var attributes: [String: String]
    var children: [XMLTree]
    /// The element's own text, untrimmed (character data directly inside it).
    var text: String
    /// The line the start tag ends on (1-based), as the parser reports it.
    var line: Int

    /// The first child with this name (exact, then case-insensitive).
    func child(_ name: String) -> XMLTree? {
        children.first { $0.name == name } ?? children.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Every child with this name, case-insensitively, in document order.
    func children(named name: String) -> [XMLTree] {
        children.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The trimmed text of the first child with this name; `nil` when there is no such child.
    func childText(_ name: String) -> String? {
        child(name).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// An attribute by name (exact, then case-insensitive).
    func attribute(_ name: String) -> String? {
        if let v = attributes[name] { return v }
        return attributes.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Parses a whole XML document with Foundation's `XMLParser`.
    ///
    /// A UTF-8 byte-order mark and CRLF line endings are accepted (the parser handles both). A
    /// file in an encoding other than UTF-8 and UTF-16, or with a document type declaration, is
    /// refused before parsing (``XMLProlog``).
    /// `skipping` names elements whose subtrees are not kept. Any parser error, an empty file or
    /// a file without a root element throws, with the parser's line.
    static func parse(_ data: Data, file: String, skipping: Set<String> = []) throws(DataverseFileError) -> XMLTree {
        if data.isEmpty || data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw DataverseFileError(file: file, message: "the file is empty")
        }
        try XMLProlog.check(data, file: file)
        return try parseAfterPrologCheck(data, file: file, skipping: skipping)
    }

    /// ``parse(_:file:skipping:)`` once ``XMLProlog`` has passed the file (tests call it alone
    /// to see the parser's own notice of a document type declaration).
    static func parseAfterPrologCheck(_ data: Data, file: String, skipping: Set<String> = []) throws(DataverseFileError) -> XMLTree {
        // From a stream: the parser is then fed in chunks. Given the data at once, it hands
        // libxml2 the whole document as one chunk, which refuses more than 10,000,000 bytes
        // ("XML parser error 1"); real customizations.xml files are larger.
        let parser = XMLParser(stream: InputStream(data: data))
        let builder = TreeBuilder(skipping: skipping)
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        // XMLParser can return true after reporting an error (a mismatched end tag), so the
        // builder's first error decides.
        if let line = builder.documentTypeDeclarationLine {
            throw DataverseFileError(file: file, line: line, message: XMLProlog.documentTypeMessage)
        }
        if builder.tooDeep {
            throw DataverseFileError(
                file: file, line: builder.firstErrorLine,
                message: "malformed XML: elements nested more than \(TreeBuilder.maximumDepth) deep (solution files nest about 10)")
        }
        if let failure = builder.firstError ?? (ok ? nil : parser.parserError.map { ($0 as NSError).code }) {
            // The parser's internal limit is a value too long for it: said as that value's limit,
            // at its line (it was "the parser stopped at an internal limit" alone).
            if failure == XMLParserMessages.internalLimit, let long = XMLLongValue.longest(in: data) {
                throw DataverseFileError(file: file, line: long.line, message: long.refusal)
            }
            let line = builder.firstErrorLine ?? parser.lineNumber
            throw DataverseFileError(
                file: file, line: line > 0 ? line : nil,
                message: "malformed XML: \(XMLParserMessages.message(for: failure))")
        }
        guard let root = builder.root else {
            throw DataverseFileError(file: file, message: "malformed XML: no root element")
        }
        return root
    }
}

/// Builds an ``XMLTree`` from `XMLParser` events. Used synchronously by one parse call.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let skipping: Set<String>
    var stack: [XMLTree] = []
    var root: XMLTree?
    var skipDepth = 0
    var firstError: Int?
    var firstErrorLine: Int?
    /// Deeper nesting is refused: a tree thousands of elements deep overflows the stack when it
    /// is released (a crash, where a hostile file must get an error).
    static let maximumDepth = 256
    var tooDeep = false

    init(skipping: Set<String>) {
        self.skipping = skipping
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        if stack.count + skipDepth >= Self.maximumDepth {
            if !tooDeep {
                tooDeep = true
                firstErrorLine = parser.lineNumber
                parser.abortParsing()
            }
            return
        }
        if skipDepth > 0 || skipping.contains(elementName) {
            skipDepth += 1
            return
        }
        stack.append(XMLTree(name: elementName, attributes: attributeDict, children: [], text: "", line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        guard let done = stack.popLast() else { return }
        if stack.isEmpty {
            root = done
        } else {
            stack[stack.count - 1].children.append(done)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipDepth == 0, !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA cdataBlock: Data) {
        guard skipDepth == 0, !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: cdataBlock, as: UTF8.self)
    }

    /// The line of a declaration the parser reported from a document type declaration, which
    /// ``XMLProlog`` refuses before parsing: a second line, should its reading ever miss one.
    var documentTypeDeclarationLine: Int?

    private func foundDeclaration(_ parser: XMLParser) {
        guard documentTypeDeclarationLine == nil else { return }
        documentTypeDeclarationLine = max(parser.lineNumber, 1)
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, foundAttributeDeclarationWithName attributeName: String, forElement elementName: String, type: String?,
        defaultValue: String?
    ) { foundDeclaration(parser) }

    func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) { foundDeclaration(parser) }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) { foundDeclaration(parser) }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        foundDeclaration(parser)
    }

    func parser(_ parser: XMLParser, foundNotationDeclarationWithName name: String, publicID: String?, systemID: String?) {
        foundDeclaration(parser)
    }

    func parser(
        _ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
        notationName: String?
    ) { foundDeclaration(parser) }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard firstError == nil else { return }
        firstError = (parseError as NSError).code
        firstErrorLine = parser.lineNumber
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
        self.parser(parser, parseErrorOccurred: validationError)
    }
}
