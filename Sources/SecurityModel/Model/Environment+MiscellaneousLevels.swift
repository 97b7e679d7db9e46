extension Environment {
    /// Reads every miscellaneous privilege held at a level it does not have
    /// (``MiscellaneousPrivilegeNames/allowedLevels(for:)``) at the level it counts as
    /// (``MiscellaneousPrivilegeNames/readLevel(_:for:)``), with a note.
    ///
    /// Found by an ALM review: `prvExportToExcel` at Basic was imported as User, and the console's
    /// role editor then showed User beside "Allowed here: None, Organization", while `validate`
    /// and `check` said nothing. A snapshot is not refused for it, unlike a level an
    /// organization-owned table does not have: which levels a miscellaneous privilege has is an
    /// inference (DATAVERSE.md §1.5; the `canbebasic…` flags are not in a snapshot), and a file
    /// written before the rule must still open. `validate` lists each note, and every command
    /// that loads the file says so on standard error.
    mutating func readMiscellaneousLevelsAsAllowed() {
        for (id, role) in roles where !role.miscPrivileges.isEmpty {
            var read = role.miscPrivileges
            var changed = false
            for (name, level) in role.miscPrivileges.sorted(by: { $0.key < $1.key }) {
                let allowed = MiscellaneousPrivilegeNames.readLevel(level, for: name)
                guard allowed != level else { continue }
                read[name] = allowed
                changed = true
                let labels = MiscellaneousPrivilegeNames.allowedLevels(for: name).map(\.label)
                let levels = labels.dropLast().joined(separator: ", ") + " and " + (labels.last ?? "")
                readDifferently.notes.append(
                    ReadDifferently.Note(
                        roleId: id, roleName: role.name,
                        message:
                            "miscellaneous privilege \(name) at \(level.label), a level it does not have (only \(levels)) [I]: read as \(allowed.label)"
                    ))
            }
            if changed { roles[id]?.miscPrivileges = read }
        }
    }
}
