extension Environment {
    /// The change that creates a custom copy of a role: a new id and name, the same business
    /// unit, table and miscellaneous privileges and member privilege inheritance.
    ///
    /// System Administrator's privileges are implicit (Organization on everything), so its copy
    /// gets them written out: every operation of every table at the highest level the table
    /// allows, and every miscellaneous privilege (each documented one, and any other a role names)
    /// at Organization. The copy is never a built-in role: it has no template id and is not managed, so
    /// it can be edited and deleted like any custom role. ``Snapshot/apply(_:)`` still validates
    /// the result (a new id, a name).
    public func copyOfRole(_ roleId: String, id: String, name: String) throws(ChangeError) -> Change {
        let source = try existingRole(roleId)
        // System Administrator's implicit privileges written out (another role's rows as they are).
        let privileges = source.isSystemAdministrator ? tablePrivileges(of: source) : source.privileges
        // And its implicit miscellaneous privileges: every documented one and any other a role
        // names, at Organization, as the engine gives them to System Administrator (rule 13); without them
        // the copy's holders would lose Read Web Resource, Export to Excel and the rest.
        var misc = source.miscPrivileges
        if source.isSystemAdministrator {
            for p in MiscPrivilegeRule.allNames(sortedRoles) where !misc.keys.contains(where: { $0.lowercased() == p.key }) {
                misc[p.name] = .organization
            }
        }
        let copy = SecurityRole(
            id: id, name: name, businessUnitId: source.businessUnitId,
            inheritsMemberPrivileges: source.inheritsMemberPrivileges, description: source.description,
            // An unmanaged custom role, as Copy Role makes it: customizable (the file left it out).
            isCustomizable: true, appliesTo: source.appliesTo, privileges: privileges, miscPrivileges: misc,
            unmappedPrivileges: source.unmappedPrivileges,
            inheritsMemberPrivilegesKnown: source.inheritsMemberPrivilegesKnown)
        return .createRole(environment: self.id, role: copy)
    }
}
