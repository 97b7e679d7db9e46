import Foundation
import SecurityModel

/// Reads the elements of solution files (roles, profiles, entities, the manifest) from parsed
/// XML. The same elements appear in unpacked files and in a zip's `customizations.xml`.
enum SolutionElements {
    /// A GUID as dvsec stores it: trimmed, without braces, lower case.
    static func normalizedId(_ raw: String) -> String {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.hasPrefix("{") && s.hasSuffix("}") && s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        return s.lowercased()
    }

    /// Whether a normalized id has the shape of a GUID (8-4-4-4-12 hex digits).
    static func isGUID(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    static func flag(_ raw: String?, _ what: String, file: String, line: Int) throws(DataverseFileError) -> Bool? {
        guard let raw else { return nil }
        switch raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "1", "true": return true
        case "0", "false": return false
        default: throw DataverseFileError(file: file, line: line, message: "\(what) must be 0 or 1, not '\(DataverseName.shown(raw))'")
        }
    }

    static func requiredId(_ e: XMLTree, _ attribute: String, _ what: String, file: String) throws(DataverseFileError) -> String {
        guard let raw = e.attribute(attribute), !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
            let missing = e.attribute(attribute) == nil ? "no '\(attribute)' attribute" : "an empty '\(attribute)' attribute"
            throw DataverseFileError(file: file, line: e.line, message: "\(what) has \(missing)")
        }
        let id = normalizedId(raw)
        guard isGUID(id) else {
            throw DataverseFileError(file: file, line: e.line, message: "\(what) id '\(DataverseName.shown(raw))' is not a GUID")
        }
        return id
    }

    /// Warns of each child of `e` that is none of `known` (case-insensitively): a misspelled
    /// `<RolePriviliges>` was skipped without a word, and the role lost every privilege. The
    /// warning names the element and its line, and the known name it is closest to.
    static func warnUnknownChildren(
        _ e: XMLTree, known: [String], in place: String, file: String, warnings: inout [ImportWarning]
    ) {
        for child in e.children where !known.contains(where: { $0.caseInsensitiveCompare(child.name) == .orderedSame }) {
            let near = known.min { NameSuggestion.editDistance($0, child.name) < NameSuggestion.editDistance($1, child.name) }
            let hint = near.flatMap { NameSuggestion.isNear($0, to: child.name) ? "; did you mean \($0)?" : nil } ?? ""
            warnings.append(
                ImportWarning(
                    file: file, line: child.line, message: "unknown element \(DataverseName.shown(child.name)) in \(place): not read\(hint)"
                ))
        }
    }

    /// Warns of each attribute of `e` that is none of `known` (case-insensitively; namespace
    /// declarations are never content): `roletemplateid` on a role or `recordfilter` on a
    /// privilege was skipped without a word (an ALM review), and a misspelled `isinherted` read
    /// as a role whose inheritance is unknown. An export rewriting the file keeps such attributes.
    static func warnUnknownAttributes(
        _ e: XMLTree, known: [String], in place: String, file: String, warnings: inout [ImportWarning]
    ) {
        for name in e.attributes.keys.sorted()
        where !name.lowercased().hasPrefix("xmlns") && !known.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
            let near = known.min { NameSuggestion.editDistance($0, name) < NameSuggestion.editDistance($1, name) }
            let hint = near.flatMap { NameSuggestion.isNear($0, to: name) ? "; did you mean \($0)?" : nil } ?? ""
            warnings.append(
                ImportWarning(
                    file: file, line: e.line, message: "unknown attribute \(DataverseName.shown(name)) in \(place): not read\(hint)"))
        }
    }

    /// Warns of each child of `e` that is close to one of `containers` but not it (`Rols` in
    /// `ImportExportXml`), where most children are parts dvsec does not read: a misspelled
    /// `<Roles>` lost every role without a word.
    static func warnNearMisses(
        _ e: XMLTree, of containers: [String], in place: String, file: String, warnings: inout [ImportWarning]
    ) {
        for child in e.children where !containers.contains(where: { $0.caseInsensitiveCompare(child.name) == .orderedSame }) {
            guard let near = containers.first(where: { NameSuggestion.isNear($0, to: child.name) }) else { continue }
            warnings.append(
                ImportWarning(
                    file: file, line: child.line,
                    message: "unknown element \(DataverseName.shown(child.name)) in \(place): not read; did you mean \(near)?"))
        }
    }

    /// Warns of a second (third ...) child named like one of `single`, elements that hold one
    /// value: the first is read, as Dataverse writes one.
    static func warnRepeatedChildren(
        _ e: XMLTree, single: [String], in place: String, file: String, warnings: inout [ImportWarning]
    ) {
        for name in single {
            let all = e.children(named: name)
            for extra in all.dropFirst() {
                warnings.append(
                    ImportWarning(
                        file: file, line: extra.line,
                        message:
                            "\(place) has a second \(DataverseName.shown(extra.name)) (the first is on line \(all[0].line)): not read; the first is"
                    ))
            }
        }
    }

    /// The longest role or profile name read, in characters. Dataverse allows 100; dvsec is
    /// lenient (a name written by another tool may run longer) but a 9 MB name was imported
    /// whole, and every list, report and file name then carried it.
    static let maximumNameLength = DataverseIdentifier.maximumNameLength
    /// The longest description (and `AppliesTo`, `SummaryOfCoreTablePermissions`) read, in
    /// characters: Dataverse allows 2,000, and a 9 MB one is refused, but what `validate`
    /// accepts and `export solution` writes (which refuses more) must import back.
    static let maximumTextLength = 1_000_000

    /// Refuses a name or text longer than `limit` characters, at its line, showing its start.
    static func checkLength(
        _ text: String?, of owner: String, _ what: String, limit: Int, note: String, file: String, line: Int
    ) throws(DataverseFileError) {
        // The UTF-8 size bounds the character count from above: most texts need no count.
        guard let text, text.utf8.count > limit else { return }
        let count = text.count
        guard count > limit else { return }
        throw DataverseFileError(
            file: file, line: line,
            message: "\(owner) has a \(what) of \(count) characters ('\(text.prefix(40))…'): \(note); dvsec reads at most \(limit); refused"
        )
    }

    static let roleChildren = [
        "IsCustomizable", "IsAutoAssigned", "AppliesTo", "Description", "SummaryOfCoreTablePermissions", "RolePrivileges",
    ]
    static let profileChildren = ["FieldPermissions"]
    static let permissionChildren = ["EntityName", "AttributeName", "CanRead", "CanUpdate", "CanCreate", "CanReadUnmasked"]

    // MARK: Roles

    /// The level names of `RolePrivilege@level`.
    static func level(_ raw: String) -> AccessLevel? {
        switch raw.lowercased() {
        case "basic": .user
        case "local": .businessUnit
        case "deep": .parentChildBusinessUnits
        case "global": .organization
        default: nil
        }
    }

    /// A `Role` element.
    static func role(_ e: XMLTree, file: String, warnings: inout [ImportWarning]) throws(DataverseFileError) -> SolutionRole {
        let id = try requiredId(e, "id", "Role", file: file)
        guard let written = e.attribute("name"), !written.isEmpty else {
            let what = e.attribute("name") == nil ? "has no 'name' attribute" : "has an empty 'name' attribute"
            throw DataverseFileError(file: file, line: e.line, message: "Role '\(id)' \(what)")
        }
        if written.allSatisfy(\.isWhitespace) {
            throw DataverseFileError(file: file, line: e.line, message: "Role '\(id)' has a 'name' of white space only")
        }
        // White space around a name is not part of it: Dataverse trims names, and so does a
        // snapshot as it is read (RecordName).
        let name = RecordName.trimmed(written)
        try checkLength(
            name, of: "Role '\(id)'", "name", limit: maximumNameLength, note: "Dataverse allows 100", file: file, line: e.line)
        // A name up to the limit is read; warnings and errors show its start (DataverseName.shown).
        let shownName = DataverseName.shown(name)
        var role = SolutionRole(id: id, name: name, privileges: [], file: file, line: e.line)
        role.isInherited = try flag(e.attribute("isinherited"), "isinherited", file: file, line: e.line)
        role.isCustomizable = try flag(
            e.childText("IsCustomizable"), "IsCustomizable", file: file, line: e.child("IsCustomizable")?.line ?? e.line)
        role.isAutoAssigned = try flag(
            e.childText("IsAutoAssigned"), "IsAutoAssigned", file: file, line: e.child("IsAutoAssigned")?.line ?? e.line)
        role.appliesTo = e.child("AppliesTo")?.text
        role.description = e.child("Description")?.text
        role.summaryOfCoreTablePermissions = e.child("SummaryOfCoreTablePermissions")?.text
        for element in ["AppliesTo", "Description", "SummaryOfCoreTablePermissions"] {
            try checkLength(
                e.child(element)?.text, of: "role '\(shownName)'", element, limit: maximumTextLength,
                note: "far longer than a solution file holds", file: file, line: e.child(element)?.line ?? e.line)
        }
        warnUnknownAttributes(e, known: ["id", "name", "isinherited"], in: "role '\(shownName)'", file: file, warnings: &warnings)
        warnUnknownChildren(e, known: roleChildren, in: "role '\(shownName)'", file: file, warnings: &warnings)
        warnRepeatedChildren(
            e, single: roleChildren.filter { $0 != "RolePrivileges" }, in: "role '\(shownName)'", file: file, warnings: &warnings)
        // Every RolePrivileges block is read: a second one was skipped without a word.
        let lists = e.children(named: "RolePrivileges")
        for list in lists {
            warnUnknownChildren(
                list, known: ["RolePrivilege"], in: "the RolePrivileges of role '\(shownName)'", file: file, warnings: &warnings)
        }
        var seen: [String: Int] = [:]
        // Every malformed privilege of the role is reported at once (found by an editing review:
        // a file with four needed four runs).
        var problems: [DataverseFileError] = []
        for p in lists.flatMap({ $0.children(named: "RolePrivilege") }) {
            guard let pname = p.attribute("name")?.trimmingCharacters(in: .whitespaces), !pname.isEmpty else {
                let what = p.attribute("name") == nil ? "no 'name' attribute" : "an empty 'name' attribute"
                problems.append(DataverseFileError(file: file, line: p.line, message: "RolePrivilege has \(what)"))
                continue
            }
            warnUnknownAttributes(
                p, known: ["name", "level"], in: "privilege '\(DataverseName.shown(pname))' of role '\(shownName)'", file: file,
                warnings: &warnings)
            do {
                try DataverseName.check(pname, "privilege name", file: file, line: p.line)
            } catch {
                problems.append(error)
                continue
            }
            guard let raw = p.attribute("level") else {
                problems.append(
                    DataverseFileError(
                        file: file, line: p.line, message: "RolePrivilege '\(DataverseName.shown(pname))' has no 'level' attribute"))
                continue
            }
            guard let lvl = level(raw) else {
                problems.append(
                    DataverseFileError(
                        file: file, line: p.line,
                        message:
                            "unknown level '\(DataverseName.shown(raw))' for '\(DataverseName.shown(pname))' (expected Basic, Local, Deep or Global)"
                    ))
                continue
            }
            if let first = seen[pname.lowercased()] {
                warnings.append(
                    ImportWarning(
                        file: file, line: p.line,
                        message:
                            "privilege '\(DataverseName.shown(pname))' is listed twice in role '\(shownName)' (first on line \(role.privileges[first].line)); the higher level is kept"
                    ))
                if lvl > role.privileges[first].level { role.privileges[first].level = lvl }
                continue
            }
            seen[pname.lowercased()] = role.privileges.count
            role.privileges.append(SolutionPrivilege(name: pname, level: lvl, line: p.line))
        }
        if var first = problems.first {
            if problems.count > 1 {
                let more = problems.dropFirst()
                first.message +=
                    " (and \(more.count) more in role '\(shownName)': "
                    + more.prefix(5).map { "line \($0.line.map(String.init) ?? "?"): \($0.message)" }.joined(separator: "; ")
                    + (more.count > 5 ? "; …" : "") + ")"
            }
            throw first
        }
        return role
    }

    // MARK: Field security profiles

    /// The `FieldSecurityProfile` children of a `FieldSecurityProfiles` element.
    static func profiles(
        _ container: XMLTree, file: String, warnings: inout [ImportWarning]
    ) throws(DataverseFileError) -> [SolutionProfile] {
        var out: [SolutionProfile] = []
        warnUnknownChildren(container, known: ["FieldSecurityProfile"], in: container.name, file: file, warnings: &warnings)
        for e in container.children(named: "FieldSecurityProfile") {
            let idAttribute = e.attribute("fieldsecurityprofileid") != nil ? "fieldsecurityprofileid" : "id"
            let id = try requiredId(e, idAttribute, "FieldSecurityProfile", file: file)
            guard let written = e.attribute("name"), !written.isEmpty else {
                let what = e.attribute("name") == nil ? "has no 'name' attribute" : "has an empty 'name' attribute"
                throw DataverseFileError(file: file, line: e.line, message: "FieldSecurityProfile '\(id)' \(what)")
            }
            let name = RecordName.trimmed(written)
            if name.isEmpty {
                throw DataverseFileError(
                    file: file, line: e.line, message: "FieldSecurityProfile '\(id)' has a 'name' of white space only")
            }
            try checkLength(
                name, of: "FieldSecurityProfile '\(id)'", "name", limit: maximumNameLength, note: "Dataverse allows 100", file: file,
                line: e.line)
            let shownName = DataverseName.shown(name)
            try checkLength(
                e.attribute("description"), of: "profile '\(shownName)'", "description", limit: maximumTextLength,
                note: "far longer than a solution file holds", file: file, line: e.line)
            var profile = FieldSecurityProfile(id: id, name: name, description: e.attribute("description"))
            var lines: [ColumnReference: Int] = [:]
            var order: [ColumnReference] = []
            warnUnknownAttributes(
                e, known: ["name", "fieldsecurityprofileid", "id", "description"], in: "profile '\(shownName)'", file: file,
                warnings: &warnings)
            warnUnknownChildren(e, known: profileChildren, in: "profile '\(shownName)'", file: file, warnings: &warnings)
            // Every FieldPermissions block is read, as every RolePrivileges block of a role.
            let lists = e.children(named: "FieldPermissions")
            for list in lists {
                warnUnknownChildren(
                    list, known: ["FieldPermission"], in: "the FieldPermissions of profile '\(shownName)'", file: file, warnings: &warnings)
            }
            for fp in lists.flatMap({ $0.children(named: "FieldPermission") }) {
                warnUnknownChildren(
                    fp, known: permissionChildren, in: "a FieldPermission of profile '\(shownName)'", file: file, warnings: &warnings)
                warnRepeatedChildren(
                    fp, single: permissionChildren, in: "a FieldPermission of profile '\(shownName)'", file: file, warnings: &warnings)
                let (ref, permission) = try fieldPermission(fp, profile: name, file: file)
                if profile.permissions[ref] != nil {
                    warnings.append(
                        ImportWarning(
                            file: file, line: fp.line,
                            message: "profile '\(shownName)' lists \(DataverseName.shown(ref.description)) twice; the first is kept"))
                    continue
                }
                profile.permissions[ref] = permission
                lines[ref] = fp.line
                order.append(ref)
            }
            out.append(SolutionProfile(profile: profile, file: file, line: e.line, permissionLines: lines, permissionOrder: order))
        }
        return out
    }

    private static func fieldPermission(
        _ fp: XMLTree, profile: String, file: String
    ) throws(DataverseFileError) -> (ColumnReference, ColumnPermission) {
        guard let table = fp.childText("EntityName"), !table.isEmpty else {
            // Written as attributes (the Web API's field names), the values are there but not
            // where solution files put them: said so (a review got only "has no EntityName").
            let asAttribute = fp.attributes.keys.contains { $0.lowercased() == "entityname" }
            throw DataverseFileError(
                file: file, line: fp.line,
                message: "FieldPermission in profile '\(DataverseName.shown(profile))' has no EntityName"
                    + (asAttribute
                        ? " element (permissions are child elements: <EntityName>, <AttributeName>, <CanRead>..., not attributes)" : ""))
        }
        guard let column = fp.childText("AttributeName"), !column.isEmpty else {
            throw DataverseFileError(
                file: file, line: fp.line, message: "FieldPermission in profile '\(DataverseName.shown(profile))' has no AttributeName")
        }
        try DataverseName.check(table, "EntityName", file: file, line: fp.child("EntityName")?.line ?? fp.line)
        try DataverseName.check(column, "AttributeName", file: file, line: fp.child("AttributeName")?.line ?? fp.line)
        func allowed(_ element: String) throws(DataverseFileError) -> Bool {
            guard let raw = fp.childText(element) else { return false }
            switch raw {
            case "4": return true
            case "0": return false
            default:
                throw DataverseFileError(
                    file: file, line: fp.child(element)?.line ?? fp.line,
                    message:
                        "\(element) of \(DataverseName.shown(table + "." + column)) must be 0 (not allowed) or 4 (allowed), not '\(DataverseName.shown(raw))'"
                )
            }
        }
        var permission = ColumnPermission(
            canRead: try allowed("CanRead"), canCreate: try allowed("CanCreate"),
            canUpdate: try allowed("CanUpdate"))
        if let raw = fp.childText("CanReadUnmasked") {
            guard let v = Int(raw).flatMap(UnmaskedRead.init(rawValue:)) else {
                throw DataverseFileError(
                    file: file, line: fp.child("CanReadUnmasked")?.line ?? fp.line,
                    message:
                        "CanReadUnmasked of \(DataverseName.shown(table + "." + column)) must be 0, 1 or 3, not '\(DataverseName.shown(raw))'"
                )
            }
            permission.canReadUnmasked = v
        }
        return (ColumnReference(table: table.lowercased(), column: column.lowercased()), permission)
    }

    // MARK: Entities

    /// An `Entity` element (the root of `Entity.xml`, or a child of `Entities` in `customizations.xml`).
    static func table(_ e: XMLTree, file: String) throws(DataverseFileError) -> SolutionTable {
        let info = e.child("EntityInfo")?.child("entity")
        guard let schema = info?.attribute("Name") ?? e.childText("Name"), !schema.isEmpty else {
            throw DataverseFileError(file: file, line: e.line, message: "Entity has no name (EntityInfo/entity@Name)")
        }
        try DataverseName.check(schema, "Entity name", file: file, line: info?.line ?? e.line)
        let display = RecordName.trimmed(
            info?.child("LocalizedNames")?.child("LocalizedName")?.attribute("description")
                ?? e.child("Name")?.attribute("LocalizedName") ?? "")
        var table = Table(
            logicalName: schema.lowercased(), schemaName: schema, displayName: display,
            isCustom: schema.contains("_"))
        var known = false
        if let mask = info?.childText("OwnershipTypeMask") {
            let line = info?.child("OwnershipTypeMask")?.line ?? e.line
            switch mask.lowercased() {
            case "userowned", "teamowned", "businessowned", "businessparented": table.ownership = .userOrTeam
            case "orgowned", "organizationowned", "none": table.ownership = .organization
            default:
                throw DataverseFileError(
                    file: file, line: line,
                    message: "unknown OwnershipTypeMask '\(DataverseName.shown(mask))' (expected UserOwned or OrgOwned)")
            }
            known = true
        }
        for a in info?.child("attributes")?.children(named: "attribute") ?? [] {
            let logical = a.childText("LogicalName") ?? a.childText("Name") ?? a.attribute("PhysicalName")?.lowercased() ?? ""
            guard !logical.isEmpty else {
                throw DataverseFileError(
                    file: file, line: a.line, message: "attribute of \(DataverseName.shown(schema)) has no LogicalName")
            }
            try DataverseName.check(logical, "attribute name", file: file, line: a.line)
            let secured = try flag(a.childText("IsSecured"), "IsSecured", file: file, line: a.child("IsSecured")?.line ?? a.line) ?? false
            let columnDisplay = RecordName.trimmed(a.child("displaynames")?.child("displayname")?.attribute("description") ?? "")
            table.columns[logical.lowercased()] = Column(
                logicalName: logical.lowercased(),
                displayName: columnDisplay.isEmpty ? logical.lowercased() : columnDisplay,
                isSecured: secured)
        }
        return SolutionTable(table: table, ownershipIsKnown: known, file: file, line: e.line)
    }

    // MARK: Manifest

    /// The `ImportExportXml` root of `Solution.xml`.
    static func manifest(_ root: XMLTree, file: String) throws(DataverseFileError) -> SolutionManifest {
        guard let m = root.child("SolutionManifest") else {
            throw DataverseFileError(file: file, line: root.line, message: "no SolutionManifest element (is this a Solution.xml?)")
        }
        guard let unique = m.childText("UniqueName"), !unique.isEmpty else {
            throw DataverseFileError(file: file, line: m.line, message: "SolutionManifest has no UniqueName")
        }
        let components = (m.child("RootComponents")?.children(named: "RootComponent") ?? []).map { c in
            SolutionManifest.RootComponent(
                type: Int(c.attribute("type") ?? "") ?? 0,
                id: c.attribute("id").map(normalizedId), schemaName: c.attribute("schemaName"))
        }
        return SolutionManifest(
            uniqueName: unique, displayName: m.child("LocalizedNames")?.child("LocalizedName")?.attribute("description"),
            version: m.childText("Version"), isManaged: try managed(m, file: file), rootComponents: components)
    }

    /// `Managed`: 0 unmanaged, 1 managed, and 2 for a folder unpacked with both packages
    /// (`pac solution unpack --packagetype Both`), which is neither, so `nil`.
    private static func managed(_ manifest: XMLTree, file: String) throws(DataverseFileError) -> Bool? {
        let element = manifest.child("Managed")
        if element?.text.trimmingCharacters(in: .whitespacesAndNewlines) == "2" { return nil }
        return try flag(element?.text, "Managed (0, 1, or 2 for both)", file: file, line: element?.line ?? manifest.line)
    }
}
