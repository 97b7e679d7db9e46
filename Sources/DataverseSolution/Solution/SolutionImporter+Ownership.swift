import SecurityModel

extension SolutionImporter {
    /// Applies the organization-owned table rule to the roles the snapshot already holds.
    ///
    /// A table's ownership may arrive after its roles: roles imported first take
    /// `contoso_WorkOrder` as user-owned (known only from privilege names), then a folder holding
    /// its `Entity.xml` says `OrgOwned`. The roles already in the snapshot then hold levels the
    /// table does not allow, and the import failed on a path inside the snapshot. They are read
    /// as an import of both at once reads them: any level above None counts as Global
    /// (DATAVERSE.md §2, [I]), and Assign or Share, which such a table does not have, are kept
    /// unmapped under their privilege name, each with the warning the one-shot import gives,
    /// naming the `Entity.xml` that made the table organization-owned.
    ///
    /// - Parameter skipping: the ids of the roles this import describes: their privileges are
    ///   read from the files, against the new ownership.
    static func applyOrganizationOwnership(
        _ tables: [SolutionTable], skipping: Set<String>, env: inout Environment, touched: inout TouchedIds,
        warnings: inout [ImportWarning]
    ) {
        var sources: [String: SolutionTable] = [:]
        for st in tables where st.ownershipIsKnown && st.table.ownership == .organization {
            sources[st.table.logicalName] = st
        }
        guard !sources.isEmpty else { return }
        for id in env.roles.keys.sorted() where !skipping.contains(id) {
            guard var role = env.roles[id] else { continue }
            var changed = false
            for logicalName in role.privileges.keys.sorted() {
                guard let st = sources[logicalName], let table = env.tables[logicalName], var row = role.privileges[logicalName]
                else { continue }
                for op in TableOperation.allCases where row[op] != .none {
                    let held = row[op]
                    let name = PrivilegeNameMap.privilegeName(for: op, on: table)
                    guard let level = table.ownership.readLevel(held, for: op) else {
                        row[op] = .none
                        role.unmappedPrivileges[name] = held
                        warnings.append(
                            ImportWarning(
                                file: st.file, line: st.line > 0 ? st.line : nil,
                                message:
                                    "'\(DataverseName.shown(name))' in role '\(DataverseName.shown(role.name))': organization-owned table '\(DataverseName.shown(logicalName))' has no \(op.privilegeVerb) privilege; kept unmapped"
                            ))
                        changed = true
                        continue
                    }
                    guard level != held else { continue }
                    row[op] = level
                    warnings.append(
                        ImportWarning(
                            file: st.file, line: st.line > 0 ? st.line : nil,
                            message:
                                "'\(DataverseName.shown(name))' in role '\(DataverseName.shown(role.name))': level \(held.solutionName ?? "") on organization-owned table '\(DataverseName.shown(logicalName))' counts as Global [I]; imported as Global"
                        ))
                    changed = true
                }
                role.privileges[logicalName] = row.isEmpty ? nil : row
            }
            if changed {
                env.roles[id] = role
                touched.roles.insert(id)
            }
        }
    }
}
