import Foundation

extension SolutionExporter {
    /// What one element of a file being replaced holds that dvsec does not model: attributes
    /// and child elements other than those the export writes. A rewritten file keeps them (an
    /// ALM review: a role lost `roletemplateid`, `<IsInheritable>` and a privilege's
    /// `recordfilter`, and a profile `ismanaged` and `<IsCustomizable>`, without a word).
    struct KeptContent {
        /// Attributes in file order, values decoded.
        var attributes: [(String, String)] = []
        /// Child elements as written, each with the written element it followed in the file
        /// (`""`: it came first).
        var children: [(after: String, element: XMLSource.Element)] = []

        /// The kept children of `original` unknown to the export (not among `known`), and its
        /// attributes not among `knownAttributes`, case-insensitively. A child follows the
        /// nearest element before it in the file that is written again (`written`), so one the
        /// model no longer has does not take the kept one with it.
        init(
            of original: XMLSource.Element?, knownAttributes: [String], known: [String] = [], written: [String] = []
        ) {
            guard let original else { return }
            func among(_ name: String, _ names: [String]) -> String? {
                names.first { $0.caseInsensitiveCompare(name) == .orderedSame }
            }
            attributes = original.attributes.filter { among($0.name, knownAttributes) == nil }.map { ($0.name, $0.value) }
            var last = ""
            for child in original.children {
                if among(child.name, known) != nil {
                    if let name = among(child.name, written) { last = name }
                } else {
                    children.append((last, child))
                }
            }
        }

        /// Writes the kept children that followed `name` (`""` for those that came first).
        func write(after name: String, depth: Int, into doc: inout XMLDocumentText) {
            for child in children where child.after == name {
                doc.kept(child.element.splice(indentedBy: String(repeating: "  ", count: depth)))
            }
        }

        /// Writes every kept child, in file order (the unknown children of a list element such
        /// as `RolePrivileges`, which go after the list's own).
        func writeAll(depth: Int, into doc: inout XMLDocumentText) {
            for child in children { doc.kept(child.element.splice(indentedBy: String(repeating: "  ", count: depth))) }
        }
    }

    /// The root element of the file a rewrite replaces, as written; `nil` for no file or one
    /// that cannot be read.
    static func writtenElements(at path: String?) -> XMLSource.Element? {
        guard let path, let data = try? SolutionReader.bytes(path) else { return nil }
        return XMLSource.root(of: data)
    }
}
