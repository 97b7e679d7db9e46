import Foundation
import SecurityModel

extension SolutionExporter {
    /// The `Entities/<Schema>/Entity.xml` files an export writes so that the folder carries the
    /// column security (`IsSecured`) and the ownership the role and profile files cannot, and the
    /// columns whose security it still does not carry.
    ///
    /// A profile permission already carries "secured" (an import secures a permitted column), but
    /// nothing else carries "not secured", nor "secured" for a column no profile permits yet. So
    /// for each table with a column column security can apply to whose state the other files and
    /// the folder's own `Entity.xml` do not say, a minimal `Entity.xml` is written (the entity's
    /// schema name, `OwnershipTypeMask`, and every such column of the table with its `IsSecured`).
    /// It is written only into a folder that is not a packable solution (no `Other/Solution.xml`:
    /// a new `Entities/` folder there would add the table to the solution), or over a minimal file
    /// written before. A full `Entity.xml` (pac solution unpack's) is never rewritten. What is then
    /// left uncarried is returned, each as `table.column (secured|not secured): why`, leaving out
    /// the columns not secured that the folder never said were (the import leaves a column as it
    /// is, so every other column of every table would be listed).
    static func entityFiles(
        _ env: Environment, to folder: String, profiles written: [FieldSecurityProfile], previous: [FieldSecurityProfile]
    ) -> (files: [(path: String, table: Table)], notCarried: [String]) {
        let entitiesDir = SolutionReader.entry(in: folder, named: "Entities") ?? folder + "/Entities"
        let otherDir = SolutionReader.entry(in: folder, named: "Other") ?? folder + "/Other"
        let isSolution = SolutionReader.entry(in: otherDir, named: "Solution.xml") != nil
        let permitted = Set(written.flatMap(\.permissions.keys))
        let permittedBefore = Set(previous.flatMap(\.permissions.keys))
        // The environment's profiles this export leaves out (`--profiles` picks some): one of them
        // may permit a column none of the file's profiles does (found by an ALM review: "no
        // profile permits it" for a column another profile, not selected, did).
        let writtenIds = Set(written.map(\.id))
        let unexported = env.sortedProfiles.filter { !writtenIds.contains($0.id) && !$0.isSystemAdministratorProfile }
        func noProfile(_ ref: ColumnReference) -> String {
            let others = unexported.filter { $0.permissions[ref] != nil }.map { "'\(printableName(DataverseName.shown($0.name)))'" }
            guard !others.isEmpty else { return "no profile permits it" }
            let names = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
            return "no exported profile permits it (\(names) \(others.count == 1 ? "does, and is" : "do, and are") not exported)"
        }
        var files: [(path: String, table: Table)] = []
        var notCarried: [String] = []
        for table in env.tables.values.sorted(by: { $0.logicalName < $1.logicalName }) {
            let columns = table.columns.values.filter { table.canSecure(column: $0.logicalName) }
                .sorted { $0.logicalName < $1.logicalName }
            guard !columns.isEmpty else { continue }
            let existingPath = SolutionReader.entry(in: entitiesDir, named: table.schemaName).flatMap {
                SolutionReader.entry(in: $0, named: "Entity.xml")
            }
            let existing = existingPath.flatMap { path in
                (try? SolutionReader.bytes(path)).flatMap { try? XMLTree.parse($0, file: path, skipping: SolutionReader.skippedElements) }
            }
            let listed = existing.flatMap { tree in try? SolutionElements.table(tree, file: existingPath ?? "") }?.table.columns ?? [:]
            let uncarried = columns.filter { column in
                if let said = listed[column.logicalName] { return said.isSecured != column.isSecured }
                return !column.isSecured || !permitted.contains(ColumnReference(table: table.logicalName, column: column.logicalName))
            }
            let ours = existing.map(isWrittenByExport) ?? false
            if ours || (existing == nil && !isSolution && !uncarried.isEmpty) {
                let path = existingPath ?? entitiesDir + "/" + table.schemaName + "/Entity.xml"
                // The import takes the logical name from the schema name's lower case: a table
                // whose names differ otherwise (`activitypointer`, schema `Activity`) would come
                // back as another table.
                if table.schemaName.lowercased() == table.logicalName && DataverseName.problem(table.schemaName, "") == nil
                    && columns.allSatisfy({ DataverseName.problem($0.logicalName, "") == nil })
                {
                    files.append(
                        (
                            path,
                            Table(
                                logicalName: table.logicalName, schemaName: table.schemaName, ownership: table.ownership, columns: columns)
                        ))
                    continue
                }
            }
            for column in uncarried {
                let ref = ColumnReference(table: table.logicalName, column: column.logicalName)
                let why: String
                if let said = listed[column.logicalName] {
                    why =
                        "\(existingPath ?? "Entity.xml") says \(said.isSecured ? "secured" : "not secured"), and dvsec does not rewrite a full Entity.xml"
                } else if column.isSecured {
                    why =
                        existing == nil
                        ? "\(noProfile(ref)), and the solution has no Entity.xml for \(table.schemaName)"
                        : "\(noProfile(ref)), and \(existingPath ?? "Entity.xml") does not list it"
                } else if permittedBefore.contains(ref) {
                    why = "a profile permitted it before, and the solution has no Entity.xml listing it"
                } else {
                    continue
                }
                notCarried.append("\(ref.description) (\(column.isSecured ? "secured" : "not secured")): \(why)")
            }
        }
        return (files, notCarried)
    }

    /// Whether an `Entity.xml` is one an export wrote (only the elements ``entityXML(_:style:)``
    /// writes), which the next export may rewrite; a full one is the solution's own.
    static func isWrittenByExport(_ root: XMLTree) -> Bool {
        guard root.name == "Entity", root.children.map(\.name) == ["EntityInfo"],
            let info = root.child("EntityInfo"), info.children.map(\.name) == ["entity"], let entity = info.child("entity")
        else { return false }
        guard Set(entity.children.map(\.name)).isSubset(of: ["attributes", "OwnershipTypeMask"]) else { return false }
        return (entity.child("attributes")?.children ?? []).allSatisfy { a in
            a.name == "attribute" && Set(a.children.map(\.name)).isSubset(of: ["LogicalName", "IsSecured"])
        }
    }

    /// A minimal `Entities/<Schema>/Entity.xml`: the entity's schema name, each column's
    /// `LogicalName` and `IsSecured`, and `OwnershipTypeMask`, as pac solution unpack writes
    /// them (and as ``SolutionReader`` reads them).
    static func entityXML(_ table: Table, style: SolutionFileStyle = .windows) -> Data {
        var doc = XMLDocumentText()
        doc.open(0, "Entity", [("xmlns:xsi", xsiNamespace)])
        doc.open(1, "EntityInfo")
        doc.open(2, "entity", [("Name", table.schemaName)])
        doc.open(3, "attributes")
        for column in table.columns.values.sorted(by: { $0.logicalName < $1.logicalName }) {
            doc.open(4, "attribute")
            doc.element(5, "LogicalName", column.logicalName)
            doc.element(5, "IsSecured", column.isSecured ? "1" : "0")
            doc.end(4, "attribute")
        }
        doc.end(3, "attributes")
        doc.element(3, "OwnershipTypeMask", table.ownership == .organization ? "OrgOwned" : "UserOwned")
        doc.end(2, "entity")
        doc.end(1, "EntityInfo")
        doc.end(0, "Entity")
        return doc.data(style)
    }
}
