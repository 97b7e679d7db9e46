import Foundation

/// A solution file's elements with the text they were written as, for an export that rewrites
/// the file: what dvsec does not model (an attribute such as `roletemplateid`, an element such as
/// `<IsInheritable>`, a whole profile this export does not write) is carried over from here
/// rather than dropped (an ALM review: a rewritten role lost `recordfilter` without a word).
///
/// `XMLParser` gives neither the order of attributes nor where an element starts and ends, so
/// the decoded text is scanned here. The file has passed ``XMLTree/parse(_:file:skipping:)``
/// first (well-formed, no document type declaration), so markup is only tags, comments, CDATA
/// sections and processing instructions, and a plain scan reads it right.
struct XMLSource {
    /// One element as written.
    struct Element {
        var name: String
        /// Attributes in file order, values decoded as a parser reads them.
        var attributes: [(name: String, value: String)]
        var children: [Element]
        /// From `<` to the end of the end tag (or `/>`), as written.
        var text: String
        /// The white space before `<` on its line, when nothing else precedes it there; `nil`
        /// when the element shares its line with other markup.
        var indentation: String?

        /// An attribute's value by name, case-insensitively.
        func attribute(_ name: String) -> String? {
            attributes.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        /// Every child with this name, case-insensitively, in file order.
        func children(named name: String) -> [Element] {
            children.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        }

        /// The text between the start and end tag of an element that holds text only
        /// (`<EntityName>account</EntityName>`), trimmed, references replaced.
        var innerText: String {
            guard let open = text.firstIndex(of: ">"), let close = text.range(of: "</", options: .backwards)?.lowerBound,
                open < close
            else { return "" }
            return Scanner.decoded(String(text[text.index(after: open)..<close])).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// The element's text with LF line ends, starting with its own indentation (or
        /// `fallback` when it shared its line), ready to go into ``XMLDocumentText``.
        func splice(indentedBy fallback: String) -> String {
            (indentation ?? fallback) + text.replacingOccurrences(of: "\r\n", with: "\n")
        }
    }

    /// The root element of a file's bytes (UTF-8 or UTF-16, as the import reads them); `nil`
    /// when the bytes cannot be decoded or hold no element.
    static func root(of data: Data) -> Element? {
        guard let text = SolutionFileStyle.text(of: data) else { return nil }
        var scanner = Scanner(Array(text.unicodeScalars))
        return scanner.root()
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func starts(_ text: String, at k: Int) -> Bool {
            var k = k
            for u in text.unicodeScalars {
                guard k < s.count, s[k] == u else { return false }
                k += 1
            }
            return true
        }

        /// The index just past the next `text` at or after `k` (the end when there is none).
        func past(_ text: String, from k: Int) -> Int {
            var k = k
            while k < s.count {
                if starts(text, at: k) { return k + text.unicodeScalars.count }
                k += 1
            }
            return s.count
        }

        static func isSpace(_ u: Unicode.Scalar) -> Bool { u == " " || u == "\t" || u == "\n" || u == "\r" }

        func string(_ range: Range<Int>) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: s[range])
            return String(out)
        }

        func indentation(before k: Int) -> String? {
            var j = k
            while j > 0 && (s[j - 1] == " " || s[j - 1] == "\t") { j -= 1 }
            return j == 0 || s[j - 1] == "\n" || s[j - 1] == "\r" ? string(j..<k) : nil
        }

        mutating func root() -> Element? {
            var stack: [(element: Element, start: Int)] = []
            while i < s.count {
                guard s[i] == "<" else {
                    i += 1
                    continue
                }
                if starts("<!--", at: i) {
                    i = past("-->", from: i + 4)
                } else if starts("<![CDATA[", at: i) {
                    i = past("]]>", from: i + 9)
                } else if starts("<?", at: i) {
                    i = past("?>", from: i + 2)
                } else if starts("<!", at: i) {
                    i = past(">", from: i + 2)
                } else if starts("</", at: i) {
                    i = past(">", from: i + 2)
                    guard var done = stack.popLast() else { return nil }
                    done.element.text = string(done.start..<i)
                    if stack.isEmpty { return done.element }
                    stack[stack.count - 1].element.children.append(done.element)
                } else {
                    let start = i
                    guard var element = startTag() else { return nil }
                    element.indentation = indentation(before: start)
                    if starts("/>", at: i) {
                        i += 2
                        element.text = string(start..<i)
                        if stack.isEmpty { return element }
                        stack[stack.count - 1].element.children.append(element)
                    } else {
                        i += 1
                        stack.append((element, start))
                    }
                }
            }
            return nil
        }

        /// Reads `<name a="1" ...` and stops at `>` or `/>`.
        mutating func startTag() -> Element? {
            i += 1
            let nameStart = i
            while i < s.count && !Self.isSpace(s[i]) && s[i] != "/" && s[i] != ">" { i += 1 }
            var element = Element(name: string(nameStart..<i), attributes: [], children: [], text: "", indentation: nil)
            while i < s.count {
                while i < s.count && Self.isSpace(s[i]) { i += 1 }
                guard i < s.count else { return nil }
                if s[i] == ">" || starts("/>", at: i) { return element }
                let attributeStart = i
                while i < s.count && s[i] != "=" && !Self.isSpace(s[i]) { i += 1 }
                let name = string(attributeStart..<i)
                while i < s.count && s[i] != "\"" && s[i] != "'" { i += 1 }
                guard i < s.count else { return nil }
                let quote = s[i]
                let valueStart = i + 1
                i = valueStart
                while i < s.count && s[i] != quote { i += 1 }
                element.attributes.append((name, Self.decoded(string(valueStart..<min(i, s.count)))))
                i += 1
            }
            return nil
        }

        /// An attribute value as a parser reads it: references replaced, and a literal tab or
        /// line break read as a space (XML's attribute-value normalization).
        static func decoded(_ raw: String) -> String {
            var out = ""
            // Literal white space first: a character reference (`&#xA;`) stays what it says.
            let literal = raw.replacingOccurrences(of: "\r\n", with: " ").map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }
            var rest = Substring(String(literal))
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                guard let semi = rest[amp...].firstIndex(of: ";") else { break }
                let entity = rest[rest.index(after: amp)..<semi]
                switch entity {
                case "amp": out += "&"
                case "lt": out += "<"
                case "gt": out += ">"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    let number =
                        entity.hasPrefix("#x")
                        ? UInt32(entity.dropFirst(2), radix: 16)
                        : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                    if let scalar = number.flatMap(Unicode.Scalar.init) {
                        out.unicodeScalars.append(scalar)
                    } else {
                        out += rest[amp...semi]
                    }
                }
                rest = rest[rest.index(after: semi)...]
            }
            out += rest
            return out
        }
    }
}
