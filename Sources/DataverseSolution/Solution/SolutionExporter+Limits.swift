import Foundation
import SecurityModel

/// What an export refuses before writing anything: a role or profile whose file Dataverse, or
/// dvsec's own import, would reject, so that whatever an export writes imports again.
extension SolutionExporter {
    /// Refuses a role whose file Dataverse (and dvsec's own import) would reject: an id that is
    /// not a GUID (solution files identify roles by GUID), or a control character in its name or
    /// description (XML 1.0 cannot hold them).
    static func checkWritable(_ role: SecurityRole) throws(DataverseFileError) {
        if UUID(uuidString: SolutionElements.normalizedId(role.id)) == nil {
            throw DataverseFileError(
                file: "",
                message:
                    "role \(printableName(role.name)) has the id '\(printableName(role.id))', not a GUID: a solution file cannot carry it")
        }
        for (what, text) in [("name", role.name), ("description", role.description ?? "")] where containsControlCharacters(text) {
            throw DataverseFileError(
                file: "",
                message: "role \(printableName(role.name))'s \(what) has a control character, which XML cannot hold: edit it first")
        }
        try checkLength(role.name, of: "role", named: role.name, "name", limit: SolutionElements.maximumNameLength)
        for (what, text) in [
            ("Description", role.description), ("AppliesTo", role.appliesTo),
            ("SummaryOfCoreTablePermissions", role.summaryOfCoreTablePermissions),
        ] {
            try checkLength(text, of: "role", named: role.name, what, limit: SolutionElements.maximumTextLength)
        }
    }

    /// Refuses a profile whose name, description, or a permission's table or column name is
    /// longer than the import reads.
    static func checkImportLimits(_ profile: FieldSecurityProfile) throws(DataverseFileError) {
        try checkLength(profile.name, of: "profile", named: profile.name, "name", limit: SolutionElements.maximumNameLength)
        try checkLength(
            profile.description, of: "profile", named: profile.name, "description", limit: SolutionElements.maximumTextLength)
        for ref in profile.permissions.keys.sorted() {
            for (what, name) in [("table name", ref.table), ("column name", ref.column)] where name.utf8.count > DataverseName.maximumLength
            {
                try checkLength(name, of: "profile", named: profile.name, startOf(name, what), limit: DataverseName.maximumLength)
            }
        }
    }

    /// Refuses a role with a privilege name (a miscellaneous or unmapped one, or a table's
    /// privilege through its schema name) longer than the import reads: a 5 MB name an import
    /// once stored was written back whole.
    static func checkPrivilegeNames(_ role: SecurityRole, tables: [String: Table]) throws(DataverseFileError) {
        for (name, _) in rolePrivileges(role, tables: tables) where name.utf8.count > DataverseName.maximumLength {
            try checkLength(name, of: "role", named: role.name, startOf(name, "privilege name"), limit: DataverseName.maximumLength)
        }
    }

    /// `what ('start…')`, naming a value by how it starts.
    private static func startOf(_ text: String, _ what: String) -> String {
        "\(what) ('\(printableName(String(text.prefix(40))))…')"
    }

    /// Refuses a name or text longer than the import reads (``SolutionElements/checkLength``'s
    /// limits), before anything is written: the file would not import back.
    static func checkLength(
        _ text: String?, of kind: String, named name: String, _ what: String, limit: Int
    ) throws(DataverseFileError) {
        guard let text, text.utf8.count > limit else { return }
        let count = text.count
        guard count > limit else { return }
        let shown = name.count > 40 ? String(name.prefix(40)) + "…" : name
        throw DataverseFileError(
            file: "",
            message:
                "\(kind) '\(printableName(shown))' has a \(what) of \(count) characters, over the \(limit) an import reads: its file would not import back; shorten it first"
        )
    }
}
