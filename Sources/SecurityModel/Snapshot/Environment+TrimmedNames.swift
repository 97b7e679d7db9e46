extension Environment {
    /// Names read with white space at their ends (`"Salesperson "`), trimmed as Dataverse saves
    /// them, each with a note (``readDifferently``) so that loading says so and a save writes the
    /// name trimmed. A snapshot written before dvsec checked names still opens (it was refused,
    /// and with it every diff against a baseline kept in git); one name differing from another only
    /// by such white space then reads as that name, which is what Dataverse holds.
    /// - Parameter userIds: the users to look at (the reader lists those whose name starts or
    ///   ends with a space or a non-ASCII character); `nil` for every user.
    mutating func trimNamesReadWithWhiteSpace(users userIds: [String]? = nil) {
        /// The name trimmed, and the note, when it needs trimming (printable ASCII at both ends,
        /// the usual case, is not decoded).
        func trimmed(_ name: String, kind: String, id: String) -> String? {
            guard RecordName.mayNeedTrimming(name) else { return nil }
            let clean = RecordName.trimmed(name)
            guard clean != name, !clean.isEmpty else { return nil }
            readDifferently.notes.append(
                ReadDifferently.Note(
                    roleId: id, roleName: clean,
                    message: "name \(readableQuotedName(name)) has white space at its start or end: read as \(readableQuotedName(clean)), "
                        + "as Dataverse trims names; a save writes it trimmed",
                    kind: kind))
            return clean
        }
        if let name = trimmed(settings.name, kind: "environment", id: id) { settings.name = name }
        for (key, bu) in businessUnits {
            if let name = trimmed(bu.name, kind: "business unit", id: bu.id) { businessUnits[key]?.name = name }
        }
        for id in userIds ?? Array(users.keys) {
            guard let name = users[id]?.name, let clean = trimmed(name, kind: "user", id: id) else { continue }
            users[id]?.name = clean
        }
        for (key, team) in teams {
            if let name = trimmed(team.name, kind: "team", id: team.id) { teams[key]?.name = name }
        }
        for (key, role) in roles {
            guard let name = trimmed(role.name, kind: "role", id: role.id) else { continue }
            roles[key]?.name = name
            // Notes made before the trim (a miscellaneous privilege read as a table's) name the
            // role as it is now read (found by an output review: "Auditor" and "Auditor " in one run).
            for i in readDifferently.notes.indices
            where readDifferently.notes[i].roleId == role.id && readDifferently.notes[i].roleName == role.name {
                readDifferently.notes[i].roleName = name
            }
        }
        for (key, profile) in fieldSecurityProfiles {
            if let name = trimmed(profile.name, kind: "field security profile", id: profile.id) {
                fieldSecurityProfiles[key]?.name = name
            }
        }
        for (key, table) in tables {
            if let name = trimmed(table.displayName, kind: "table", id: table.logicalName) { tables[key]?.displayName = name }
            for (column, c) in table.columns {
                if let name = trimmed(c.displayName, kind: "column", id: "\(table.logicalName).\(column)") {
                    tables[key]?.columns[column]?.displayName = name
                }
            }
        }
        readDifferently.notes.sort { ($0.roleName, $0.roleId, $0.message) < ($1.roleName, $1.roleId, $1.message) }
    }
}
