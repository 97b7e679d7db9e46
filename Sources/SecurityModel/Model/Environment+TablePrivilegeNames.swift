/// Privilege names that stand for table privileges (DATAVERSE.md §1.5: `prv` + verb + the table's
/// schema name, compared case-insensitively).
///
/// `prvReadWebResource` is the Read privilege of the Web Resource table, not a privilege of its
/// own: a role that lists it among its miscellaneous privileges while the snapshot has the
/// `webresource` table grants Read on that table. Kept in both places, the role editor showed
/// Read: None in the table grid next to `prvReadWebResource: Organization`, effective access and
/// who-can left the grant out, and an exported role listed the privilege twice.
/// Table parts of built-in privilege names that are not the table's schema name (DATAVERSE.md
/// §1.5): `prvReadNote` is Read on `annotation`, `prvReadOrder` is Read on `salesorder`.
public enum IrregularPrivilegeNames {
    /// Table part → logical name.
    public static let tableParts: [String: String] = [
        "Note": "annotation",
        "Activity": "activitypointer",
        "User": "systemuser",
        "Order": "salesorder",
        "NewsArticle": "businessunitnewsarticle",
        "Query": "savedquery",
        "UserQueryVisualizations": "userqueryvisualization",
    ]
}

extension Environment {
    /// The table privileges of this environment's tables by lower-cased privilege name: `prv` +
    /// verb + schema name, and the built-in irregular names of the tables here (`prvReadNote`
    /// when `annotation` is in the environment; found by a domain review: a snapshot's
    /// `prvReadNote` stayed a miscellaneous privilege, and who-can said no one reads notes).
    func tablePrivilegeNames() -> [String: (table: String, operation: TableOperation)] {
        var names: [String: (table: String, operation: TableOperation)] = [:]
        names.reserveCapacity(tables.count * TableOperation.allCases.count)
        for (part, logicalName) in IrregularPrivilegeNames.tableParts where tables[logicalName] != nil {
            for op in TableOperation.allCases {
                names["prv" + op.privilegeVerb.lowercased() + part.lowercased()] = (logicalName, op)
            }
        }
        // A table's own schema name comes first (a custom table whose schema name is `Note`).
        for table in tables.values {
            let part = table.schemaName.lowercased()
            for op in TableOperation.allCases {
                names["prv" + op.privilegeVerb.lowercased() + part] = (table.logicalName, op)
            }
        }
        // Miscellaneous privileges that read like table ones (prvAssignTerritory) stay what they are.
        for name in MiscellaneousPrivilegeNames.lowercased { names[name] = nil }
        return names
    }

    /// The table and operation a privilege name stands for here, if any (`prvReadWebResource` →
    /// `webresource` Read when that table is in the environment, `prvReadNote` → `annotation`).
    public func tablePrivilege(named name: String) -> (table: String, operation: TableOperation)? {
        tablePrivilegeNames()[name.lowercased()]
    }

    /// Moves every miscellaneous privilege that names a table privilege of this environment into
    /// the role's table privileges (the higher of the two levels). On an organization-owned table
    /// any level above None counts as Organization [I]; Assign or Share there, which the table
    /// does not have, stays where it was.
    mutating func foldTablePrivilegesOutOfMiscellaneous() {
        guard !tables.isEmpty, roles.values.contains(where: { !$0.miscPrivileges.isEmpty }) else { return }
        let names = tablePrivilegeNames()
        for (id, role) in roles where !role.miscPrivileges.isEmpty {
            var folded = role
            for (name, level) in role.miscPrivileges {
                guard let (tableName, op) = names[name.lowercased()], let table = tables[tableName],
                    let read = table.ownership.readLevel(level, for: op)
                else { continue }
                var row = folded.privileges[tableName] ?? .empty
                // Noted when the level read is not the one the file gives there (an organization-
                // owned table, or another level for the same privilege in the table's row); a
                // mere move to where the privilege belongs means the same.
                if read != level || (row[op] != .none && row[op] != read) {
                    let organizationOwned = read != level ? " (organization-owned table: any level counts as Organization [I])" : ""
                    let also = row[op] != .none && row[op] != read ? ", the higher of it and the table row's \(row[op].label)" : ""
                    readDifferently.notes.append(
                        ReadDifferently.Note(
                            roleId: id, roleName: role.name,
                            message:
                                "miscellaneous privilege \(name) (\(level.label)) is the \(op.label) privilege of table \(tableName): read as "
                                + "\(tableName) \(op.label): \(max(row[op], read).label)\(also)\(organizationOwned)"))
                }
                row[op] = max(row[op], read)
                folded.privileges[tableName] = row.isEmpty ? nil : row
                folded.miscPrivileges[name] = nil
            }
            if folded != role { roles[id] = folded }
        }
    }
}
