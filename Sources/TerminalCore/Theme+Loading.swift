import Foundation

extension Theme {
    /// Reads a theme from JSON, starting from ``builtInDefault`` so a partial theme works.
    ///
    /// The format is `{"name": "...", "description": "...", "roles": {ROLE: {"fg": COLOUR,
    /// "bg": COLOUR, "attrs": [ATTR...], "mono": [ATTR...]}}}`. Every key is optional; a role
    /// entry changes only the fields it names. Colours are as in ``Color/init(name:)`` (or a
    /// palette index as a number); attributes are `bold`, `dim`, `reverse`, `underline`,
    /// `italic`. Unknown keys, roles, colours and attributes are errors, each reported with its
    /// key path (`roles.header.fg: unknown colour "cyna"`), all of them at once.
    ///
    /// - Parameters:
    ///   - data: The file's bytes (UTF-8 JSON).
    ///   - name: The theme's name when the file has no `name` key (usually the file name).
    ///   - source: How to refer to the theme in errors (a path); defaults to `name`.
    public static func load(from data: Data, name: String, source: String? = nil) throws(ThemeError) -> Theme {
        let origin = source ?? name
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            // Swift's decoding error is debug text ("DecodingError.dataCorrupted …"), not words
            // for an admin who opened the wrong file: say what the file is not, and what a theme is.
            throw ThemeError(
                source: origin,
                issues: [ThemeIssue(path: "", message: "not a theme: the file is not JSON (a theme is a JSON object with \"roles\")")])
        }
        var parser = ThemeParser()
        let theme = parser.theme(from: document, fallbackName: name)
        guard parser.issues.isEmpty, let theme else {
            throw ThemeError(source: origin, issues: parser.issues)
        }
        return theme
    }
}

/// Walks a theme document, collecting every issue instead of stopping at the first.
private struct ThemeParser {
    var issues: [ThemeIssue] = []

    static let topLevelKeys = ["name", "description", "roles"]
    static let roleKeys = ["fg", "bg", "attrs", "mono"]

    mutating func theme(from document: JSONValue, fallbackName: String) -> Theme? {
        guard case .object(let top) = document else {
            report("", "expected an object with \"roles\", found \(document.kindDescription)")
            return nil
        }
        var theme = Theme.builtInDefault
        theme.name = fallbackName
        for key in top.keys.sorted() {
            guard let value = top[key] else { continue }
            switch key {
            case "name":
                if case .string(let name) = value, !name.isEmpty {
                    theme.name = name
                } else {
                    report("name", "expected a non-empty string, found \(value.kindDescription)")
                }
            case "description":
                if case .string = value {
                } else {
                    report("description", "expected a string, found \(value.kindDescription)")
                }
            case "roles":
                applyRoles(value, to: &theme)
            default:
                reportUnknown(path: key, what: "key", name: key, candidates: Self.topLevelKeys)
            }
        }
        return theme
    }

    private mutating func applyRoles(_ value: JSONValue, to theme: inout Theme) {
        guard case .object(let roles) = value else {
            report("roles", "expected an object of roles, found \(value.kindDescription)")
            return
        }
        for key in roles.keys.sorted() {
            guard let entry = roles[key] else { continue }
            let path = "roles.\(key)"
            guard let role = ThemeRole(rawValue: key) else {
                reportUnknown(path: path, what: "role", name: key, candidates: ThemeRole.allCases.map(\.rawValue))
                continue
            }
            guard case .object(let fields) = entry else {
                report(path, "expected an object with fg, bg, attrs, mono; found \(entry.kindDescription)")
                continue
            }
            let base = theme.roles[role] ?? ThemeRoleStyle(color: .plain, mono: [])
            theme.setStyle(roleStyle(fields, base: base, path: path), for: role)
        }
    }

    private mutating func roleStyle(
        _ fields: [String: JSONValue], base: ThemeRoleStyle, path: String
    )
        -> ThemeRoleStyle
    {
        var result = base
        for key in fields.keys.sorted() {
            guard let value = fields[key] else { continue }
            let fieldPath = "\(path).\(key)"
            switch key {
            case "fg":
                if let color = color(value, path: fieldPath) { result.color.foreground = color }
            case "bg":
                if let color = color(value, path: fieldPath) { result.color.background = color }
            case "attrs":
                if let attributes = attributes(value, path: fieldPath) { result.color.attributes = attributes }
            case "mono":
                if let attributes = attributes(value, path: fieldPath) { result.mono = attributes }
            default:
                reportUnknown(path: fieldPath, what: "key", name: key, candidates: Self.roleKeys)
            }
        }
        return result
    }

    private mutating func color(_ value: JSONValue, path: String) -> Color? {
        switch value {
        case .string(let name):
            if let color = Color(name: name) { return color }
            let names = ["default", "gray", "grey"] + Color.ansiNames
            var message = "unknown colour \"\(name)\""
            if let suggestion = closestMatch(to: name, among: names) {
                message += " (did you mean \"\(suggestion)\"?)"
            } else {
                message += " (expected default, an ANSI name such as brightRed, 0-255, or #rrggbb)"
            }
            report(path, message)
        case .number(let number):
            if number >= 0, number <= 255, number.rounded() == number { return .indexed(UInt8(number)) }
            let shown = number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
            report(path, "colour index \(shown) is not a whole number from 0 to 255")
        default:
            report(path, "expected a colour name, found \(value.kindDescription)")
        }
        return nil
    }

    private mutating func attributes(_ value: JSONValue, path: String) -> TextAttributes? {
        guard case .array(let items) = value else {
            report(path, "expected a list of attribute names, found \(value.kindDescription)")
            return nil
        }
        var result: TextAttributes = []
        var valid = true
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard case .string(let name) = item else {
                report(itemPath, "expected an attribute name, found \(item.kindDescription)")
                valid = false
                continue
            }
            guard let attribute = TextAttributes(name: name) else {
                reportUnknown(
                    path: itemPath, what: "attribute", name: name, candidates: TextAttributes.named.map(\.name))
                valid = false
                continue
            }
            result.insert(attribute)
        }
        return valid ? result : nil
    }

    private mutating func report(_ path: String, _ message: String) {
        issues.append(ThemeIssue(path: path, message: message))
    }

    private mutating func reportUnknown(path: String, what: String, name: String, candidates: [String]) {
        var message = "unknown \(what) \"\(name)\""
        if let suggestion = closestMatch(to: name, among: candidates) {
            message += " (did you mean \"\(suggestion)\"?)"
        } else {
            message += " (expected one of: \(candidates.joined(separator: ", ")))"
        }
        report(path, message)
    }
}
