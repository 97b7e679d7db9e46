import Foundation
import SecurityModel

/// What to export and how to lay the files out.
public struct SolutionExportOptions: Sendable, Hashable {
    /// Role names or ids to export; `nil` exports every role (unless `profiles` is given).
    public var roles: [String]?
    /// Profile names or ids to export; `nil` exports every profile (unless `roles` is given).
    public var profiles: [String]?
    /// Whether files start with a UTF-8 byte-order mark; `nil` keeps what each replaced file has
    /// (a new file has one, as ``SolutionFileStyle/windows``).
    public var byteOrderMark: Bool?
    /// The line ending of written files; `nil` keeps each replaced file's (CR LF for a new file).
    /// Each of the two is kept or forced on its own: `--no-bom` alone keeps a file's LF endings.
    public var lineEnding: String?
    /// Both at once: the whole layout forced, or `nil` when either is kept from the replaced file.
    public var style: SolutionFileStyle? {
        get { byteOrderMark.flatMap { bom in lineEnding.map { SolutionFileStyle(byteOrderMark: bom, lineEnding: $0) } } }
        set {
            byteOrderMark = newValue?.byteOrderMark
            lineEnding = newValue?.lineEnding
        }
    }
    /// Remove what the folder holds of roles and profiles the environment does not have (role
    /// files in `Roles/`, profiles in `FieldSecurityProfiles.xml`): deleted since the folder was
    /// written, they would come back with the next import.
    public var prune: Bool

    /// Everything (the default), or only the roles and profiles named.
    public init(roles: [String]? = nil, profiles: [String]? = nil, style: SolutionFileStyle? = nil, prune: Bool = false) {
        self.roles = roles
        self.profiles = profiles
        self.byteOrderMark = style?.byteOrderMark
        self.lineEnding = style?.lineEnding
        self.prune = prune
    }

    /// Only the layout properties given are forced; the others are kept from each replaced file.
    public init(roles: [String]? = nil, profiles: [String]? = nil, byteOrderMark: Bool?, lineEnding: String?, prune: Bool = false) {
        self.roles = roles
        self.profiles = profiles
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
        self.prune = prune
    }
}

/// Writes roles and field security profiles as the files of an unpacked solution, in the layout
/// and order Dataverse writes them, so an edited role can go back into a solution.
public enum SolutionExporter {
    static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// The `RolePrivilege` entries of a role: table privileges under their Dataverse names, then
    /// miscellaneous and unmapped ones as imported, sorted case-insensitively by name.
    public static func rolePrivileges(_ role: SecurityRole, tables: [String: Table]) -> [(name: String, level: AccessLevel)] {
        var out: [(name: String, level: AccessLevel)] = []
        for (logical, row) in role.privileges {
            let table =
                tables[logical] ?? BuiltInPrivileges.standardTables.first { $0.logicalName == logical }
                ?? Table(logicalName: logical)
            for (op, level) in row.grantedOperations {
                out.append((PrivilegeNameMap.privilegeName(for: op, on: table), level))
            }
        }
        // A second name for a table privilege, kept unmapped on import (`prvReadUser` beside
        // `prvReadSystemUser`, both Read on systemuser), or one name in two spellings
        // (`prvExportToExcel`, `prvexporttoexcel`), would be written twice under one name with two
        // levels: one entry per name (case-insensitively), the higher level.
        var byName: [String: Int] = [:]
        for (i, p) in out.enumerated() { byName[p.name.lowercased()] = i }
        for (name, level) in role.miscPrivileges.sorted(by: { $0.key < $1.key }) + role.unmappedPrivileges.sorted(by: { $0.key < $1.key })
        where level != .none {
            if let i = byName[name.lowercased()] {
                out[i].level = max(out[i].level, level)
            } else {
                byName[name.lowercased()] = out.count
                out.append((name, level))
            }
        }
        return out.sorted { a, b in
            let la = a.name.lowercased()
            let lb = b.name.lowercased()
            return la != lb ? la < lb : a.name < b.name
        }
    }

    /// `Roles/<name>.xml` for one role.
    public static func roleXML(_ role: SecurityRole, tables: [String: Table], style: SolutionFileStyle = .windows) -> Data {
        roleXML(role, tables: tables, style: style, replacing: nil)
    }

    /// ``roleXML(_:tables:style:)`` keeping what the role's file being replaced (`original`)
    /// holds that dvsec does not model: attributes of `Role` and of each `RolePrivilege` still
    /// written, and unknown elements, each after the element it followed there.
    static func roleXML(
        _ role: SecurityRole, tables: [String: Table], style: SolutionFileStyle, replacing original: XMLSource.Element?
    ) -> Data {
        var doc = XMLDocumentText()
        var written = ["IsCustomizable"]
        if role.isAutoAssigned != nil { written.append("IsAutoAssigned") }
        if role.appliesTo != nil { written.append("AppliesTo") }
        if role.description != nil { written.append("Description") }
        if role.summaryOfCoreTablePermissions != nil { written.append("SummaryOfCoreTablePermissions") }
        written.append("RolePrivileges")
        let kept = KeptContent(
            of: original, knownAttributes: ["id", "name", "isinherited", "xmlns:xsi"], known: SolutionElements.roleChildren,
            written: written)
        var attributes = [("id", "{\(SolutionElements.normalizedId(role.id))}"), ("name", role.name)]
        // Absent means "unknown, default 1": write it when the file had it, or when it is 0.
        if role.inheritsMemberPrivilegesKnown || !role.inheritsMemberPrivileges {
            attributes.append(("isinherited", role.inheritsMemberPrivileges ? "1" : "0"))
        }
        attributes += kept.attributes
        attributes.append(("xmlns:xsi", xsiNamespace))
        doc.open(0, "Role", attributes)
        kept.write(after: "", depth: 1, into: &doc)
        doc.element(1, "IsCustomizable", (role.isCustomizable ?? true) ? "1" : "0")
        kept.write(after: "IsCustomizable", depth: 1, into: &doc)
        for (name, value) in [
            ("IsAutoAssigned", role.isAutoAssigned.map { $0 ? "1" : "0" }), ("AppliesTo", role.appliesTo),
            ("Description", role.description), ("SummaryOfCoreTablePermissions", role.summaryOfCoreTablePermissions),
        ] {
            guard let value else { continue }
            doc.element(1, name, value)
            kept.write(after: name, depth: 1, into: &doc)
        }
        // Each privilege still written keeps its other attributes (`recordfilter`); a list's
        // unknown elements go after its privileges.
        let lists = original?.children(named: "RolePrivileges") ?? []
        var keptByPrivilege: [String: [(String, String)]] = [:]
        for p in lists.flatMap({ $0.children(named: "RolePrivilege") }) {
            guard let name = p.attribute("name")?.trimmingCharacters(in: .whitespaces).lowercased(), keptByPrivilege[name] == nil
            else { continue }
            keptByPrivilege[name] = KeptContent(of: p, knownAttributes: ["name", "level"]).attributes
        }
        let listKept = lists.map { KeptContent(of: $0, knownAttributes: [], known: ["RolePrivilege"]) }
        let privileges = rolePrivileges(role, tables: tables)
        let listAttributes = listKept.flatMap(\.attributes)
        if privileges.isEmpty && listKept.allSatisfy(\.children.isEmpty) {
            doc.open(1, "RolePrivileges", listAttributes, close: true)
        } else {
            doc.open(1, "RolePrivileges", listAttributes)
            for p in privileges {
                doc.open(
                    2, "RolePrivilege",
                    [("name", p.name), ("level", p.level.solutionName ?? "")] + (keptByPrivilege[p.name.lowercased()] ?? []),
                    close: true)
            }
            for list in listKept { list.writeAll(depth: 2, into: &doc) }
            doc.end(1, "RolePrivileges")
        }
        kept.write(after: "RolePrivileges", depth: 1, into: &doc)
        doc.end(0, "Role")
        return doc.data(style)
    }

    /// `Other/FieldSecurityProfiles.xml` for some profiles, sorted by name. Members are never
    /// written: solutions do not carry them.
    public static func fieldSecurityProfilesXML(_ profiles: [FieldSecurityProfile], style: SolutionFileStyle = .windows) -> Data {
        fieldSecurityProfilesXML(profiles, style: style, keepingOrderOf: [])
    }

    /// ``fieldSecurityProfilesXML(_:style:)`` keeping the order of the file it replaces: its
    /// profiles, and each one's permissions, stay in the order they had there, and only what is
    /// new is sorted (profiles by name, then permissions by table and column) after them, so a
    /// rewritten file changes where something changed and nowhere else.
    ///
    /// What the file being replaced (`original`) holds that dvsec does not model is kept: a
    /// profile in `verbatim` (one this export does not write) is its text as written, byte for
    /// byte; a profile written again keeps its other attributes (`ismanaged`) and unknown
    /// elements (`<IsCustomizable>`), and so does each of its permissions still written.
    static func fieldSecurityProfilesXML(
        _ profiles: [FieldSecurityProfile], style: SolutionFileStyle, keepingOrderOf existing: [SolutionProfile],
        replacing original: XMLSource.Element? = nil, verbatim: Set<String> = []
    ) -> Data {
        var doc = XMLDocumentText()
        let rootKept = KeptContent(of: original, knownAttributes: ["xmlns:xsi"], known: ["FieldSecurityProfile"])
        doc.open(0, "FieldSecurityProfiles", [("xmlns:xsi", xsiNamespace)] + rootKept.attributes)
        var position: [String: Int] = [:]
        var permissionOrder: [String: [ColumnReference]] = [:]
        for (i, p) in existing.enumerated() {
            let id = SolutionElements.normalizedId(p.profile.id)
            position[id] = position[id] ?? i
            permissionOrder[id] = permissionOrder[id] ?? p.permissionOrder
        }
        var written: [String: XMLSource.Element] = [:]
        for e in original?.children(named: "FieldSecurityProfile") ?? [] {
            guard let id = (e.attribute("fieldsecurityprofileid") ?? e.attribute("id")).map(SolutionElements.normalizedId),
                written[id] == nil
            else { continue }
            written[id] = e
        }
        let sorted = profiles.sorted { a, b in
            switch (position[SolutionElements.normalizedId(a.id)], position[SolutionElements.normalizedId(b.id)]) {
            case (let x?, let y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return (a.name.lowercased(), a.id) < (b.name.lowercased(), b.id)
            }
        }
        for p in sorted {
            let id = SolutionElements.normalizedId(p.id)
            let old = written[id]
            if verbatim.contains(id), let old {
                doc.kept(old.splice(indentedBy: "  "))
                continue
            }
            let kept = KeptContent(
                of: old, knownAttributes: ["name", "fieldsecurityprofileid", "id", "description"], known: SolutionElements.profileChildren,
                written: ["FieldPermissions"])
            var attributes = [("name", p.name), ("fieldsecurityprofileid", "{\(id)}")]
            if let d = p.description { attributes.append(("description", d)) }
            doc.open(1, "FieldSecurityProfile", attributes + kept.attributes)
            kept.write(after: "", depth: 2, into: &doc)
            let lists = old?.children(named: "FieldPermissions") ?? []
            var oldPermissions: [String: XMLSource.Element] = [:]
            for e in lists.flatMap({ $0.children(named: "FieldPermission") }) {
                let key = ["EntityName", "AttributeName"].map { name in
                    e.children(named: name).first?.innerText.lowercased() ?? ""
                }.joined(separator: ".")
                oldPermissions[key] = oldPermissions[key] ?? e
            }
            let listKept = lists.map { KeptContent(of: $0, knownAttributes: [], known: ["FieldPermission"]) }
            let listAttributes = listKept.flatMap(\.attributes)
            if p.permissions.isEmpty && listKept.allSatisfy(\.children.isEmpty) {
                doc.open(2, "FieldPermissions", listAttributes, close: true)
            } else {
                doc.open(2, "FieldPermissions", listAttributes)
                let kept = (permissionOrder[id] ?? []).filter { p.permissions[$0] != nil }
                let added = p.permissions.keys.filter { !kept.contains($0) }.sorted()
                for ref in kept + added {
                    guard let perm = p.permissions[ref] else { continue }
                    let permissionKept = KeptContent(
                        of: oldPermissions["\(ref.table).\(ref.column)"], knownAttributes: [], known: SolutionElements.permissionChildren,
                        written: SolutionElements.permissionChildren)
                    doc.open(3, "FieldPermission", permissionKept.attributes)
                    permissionKept.write(after: "", depth: 4, into: &doc)
                    for (name, value) in [
                        ("EntityName", ref.table), ("AttributeName", ref.column), ("CanRead", perm.canRead ? "4" : "0"),
                        ("CanUpdate", perm.canUpdate ? "4" : "0"), ("CanCreate", perm.canCreate ? "4" : "0"),
                        ("CanReadUnmasked", String(perm.canReadUnmasked.rawValue)),
                    ] {
                        doc.element(4, name, value)
                        permissionKept.write(after: name, depth: 4, into: &doc)
                    }
                    doc.end(3, "FieldPermission")
                }
                for list in listKept { list.writeAll(depth: 3, into: &doc) }
                doc.end(2, "FieldPermissions")
            }
            kept.write(after: "FieldPermissions", depth: 2, into: &doc)
            doc.end(1, "FieldSecurityProfile")
        }
        rootKept.writeAll(depth: 1, into: &doc)
        doc.end(0, "FieldSecurityProfiles")
        return doc.data(style)
    }

    /// The file name for a role: its name with characters that Windows, macOS or Linux do not
    /// allow in file names (`<>:"/\|?*`), control characters (C0, DEL and C1: a review found
    /// `\u{9B}31m` kept, an escape sequence for a terminal listing the folder) and invisible
    /// format characters (bidi overrides, zero-width spaces) replaced by `_`. A name Windows
    /// keeps for a device (`CON`, `nul.txt`: ``windowsDeviceNames``) gets `_` after the device
    /// name (`CON_.xml`, `nul_.txt.xml`), and a dot or space at the end goes (Windows drops it, so
    /// `Sales.` would be `Sales`); a name taken twice that way gets the role's id, as a name in
    /// two cases does.
    public static func roleFileName(_ name: String, id: String? = nil) -> String {
        var out = String(
            name.unicodeScalars.map { s -> Character in
                let category = s.properties.generalCategory
                if category == .control || category == .format || "<>:\"/\\|?*".unicodeScalars.contains(s) { return "_" }
                return Character(s)
            })
        // Windows opens the device for its name with any extension (`NUL.tar.gz` is NUL) and
        // with spaces before the dot: a file named so cannot be checked out on Windows.
        let stem = out.prefix { $0 != "." }
        let device = String(stem.reversed().drop { $0 == " " }.reversed())
        if windowsDeviceNames.contains(device.uppercased()) { out = device + "_" + out.dropFirst(device.count) }
        // A file name is at most 255 bytes (a role name of 100 Japanese characters is 300):
        // the name is cut at a character, leaving room for the id and ".xml".
        let room = 255 - ".xml".utf8.count - (id.map { 1 + $0.utf8.count } ?? 0)
        while out.utf8.count > room { out.removeLast() }
        while out.hasSuffix(".") || out.hasSuffix(" ") { out.removeLast() }
        if out.isEmpty { out = "_" }
        // Import skips `._Name.xml` (macOS metadata): a role named "._Hidden" must not look like one.
        if out.hasPrefix("._") { out = "_" + out.dropFirst() }
        if let id { out += " " + id }
        return out + ".xml"
    }

    /// The names Windows keeps for devices, in upper case, whatever follows a dot: `CON`, `PRN`,
    /// `AUX`, `NUL`, `COM0`-`COM9` and `LPT0`-`LPT9` (with the superscript digits ¹ ² ³ too),
    /// `CONIN$` and `CONOUT$`.
    static let windowsDeviceNames: Set<String> = {
        let digits = (0...9).map(String.init) + ["¹", "²", "³"]
        return Set(["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"] + digits.flatMap { ["COM" + $0, "LPT" + $0] })
    }()
}
