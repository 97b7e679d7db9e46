extension Environment {
    /// The change that creates a custom copy of a role: a new id and name, the same business
    /// unit, table and miscellaneous privileges and member privilege inheritance.
    ///
    /// System Administrator's privileges are implicit (Organization on everything), so its copy
    /// gets them written out: every operation of every table at the highest level the table
    /// allows. The copy is never a built-in role: it has no template id and is not managed, so
    /// it can be edited and deleted like any custom role. ``Snapshot/apply(_:)`` still validates
    /// the result (a new id, a name).
    public func copyOfRole(_ roleId: String, id: String, name: String) throws(ChangeError) -> Change {
        let source = try existingRole(roleId)
        // System Administrator's implicit privileges written out (another role's rows as they are).
        let privileges = source.isSystemAdministrator ? tablePrivileges(of: source) : source.privileges
        let copy = SecurityRole(
            id: id, name: name, businessUnitId: source.businessUnitId,
            inheritsMemberPrivileges: source.inheritsMemberPrivileges, description: source.description,
            privileges: privileges, miscPrivileges: source.miscPrivileges, unmappedPrivileges: source.unmappedPrivileges,
            inheritsMemberPrivilegesKnown: source.inheritsMemberPrivilegesKnown)
        return .createRole(environment: self.id, role: copy)
    }
}
