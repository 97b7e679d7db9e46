import SecurityModel

/// Built-in roles and profiles in solution files.
///
/// System Administrator has every privilege at Organization and its field security profile
/// holds every secured column, by themselves; neither can be edited (DATAVERSE.md §1.4, §1.6).
/// `export solution` therefore never writes them. A file of either (another tool's export, a
/// hand-written one) changes nothing of them: imported, a file with one privilege made the role
/// hold that one privilege and the profile one column, so the snapshot contradicted itself (the
/// console and `show` still showed every column) and `dvsec diff` reported an escalation for a
/// change that granted no one anything (found by an ALM review).
extension SolutionImporter {
    /// The environment's built-in System Administrator role that a role file stands for: the
    /// role of the file's id when it is System Administrator, or, for a file of that exact name
    /// whose id the environment does not know, the environment's System Administrator (role ids
    /// of built-in roles differ from one environment to the next, see
    /// ``builtInByName(_:in:warnings:)``).
    static func systemAdministrator(for sr: SolutionRole, in env: Environment) -> SecurityRole? {
        if let role = env.roles[sr.id] { return role.isSystemAdministrator ? role : nil }
        guard sr.name == BuiltInRole.systemAdministrator.rawValue else { return nil }
        return env.roles.values.filter(\.isSystemAdministrator).min { $0.id < $1.id }
    }

    /// The warning for a role file of the built-in System Administrator, which is not imported.
    static func skippedSystemAdministrator(_ sr: SolutionRole, _ admin: SecurityRole) -> ImportWarning {
        let otherId =
            admin.id == sr.id
            ? "" : " (id \(admin.id) here, \(sr.id) in the file: built-in roles have another id in each environment [I])"
        let unread =
            sr.privileges.isEmpty
            ? "" : "; the file's \(counted(sr.privileges.count, "privilege")) \(sr.privileges.count == 1 ? "is" : "are") not read"
        return ImportWarning(
            file: sr.file, line: sr.line,
            message:
                "role '\(DataverseName.shown(sr.name))' is the built-in System Administrator\(otherId) (\(SolutionExporter.systemAdministratorRoleReason)): "
                + "not imported, as no solution file can change it; left as it is\(unread)")
    }

    /// The privileges read of a role file taken as a new built-in System Administrator (an
    /// environment without one): none, as it holds every privilege by itself; a warning says so
    /// when the file lists some.
    static func unreadSystemAdministratorPrivileges(_ sr: SolutionRole, warnings: inout [ImportWarning]) -> [SolutionPrivilege] {
        guard !sr.privileges.isEmpty else { return [] }
        warnings.append(
            ImportWarning(
                file: sr.file, line: sr.line,
                message:
                    "role '\(DataverseName.shown(sr.name))' is the built-in System Administrator (\(SolutionExporter.systemAdministratorRoleReason)): "
                    + "the file's \(counted(sr.privileges.count, "privilege")) \(sr.privileges.count == 1 ? "is" : "are") not read"))
        return []
    }

    /// Whether a file's built-in System Administrator profile is new to the environment, and
    /// then imported without its permissions (it holds every secured column by itself). One the
    /// environment has is left as it is, with a warning at the file and line.
    static func builtInProfileIsNew(_ sp: inout SolutionProfile, in env: Environment, warnings: inout [ImportWarning]) -> Bool {
        let count = sp.profile.permissions.count
        let unread = count == 0 ? "" : "; the file's \(counted(count, "permission")) \(count == 1 ? "is" : "are") not read"
        let what =
            "field security profile '\(DataverseName.shown(sp.profile.name))' is the built-in System Administrator profile (\(SolutionExporter.systemAdministratorProfileReason))"
        guard env.fieldSecurityProfiles[sp.profile.id] == nil else {
            warnings.append(
                ImportWarning(
                    file: sp.file, line: sp.line,
                    message: "\(what): not imported, as no solution file can change it; left as it is\(unread)"))
            return false
        }
        if count > 0 {
            warnings.append(ImportWarning(file: sp.file, line: sp.line, message: what + ": " + unread.dropFirst(2)))
        }
        sp.profile.permissions = [:]
        sp.permissionLines = [:]
        sp.permissionOrder = []
        return true
    }

    /// A number and a noun, plural when it is not 1.
    private static func counted(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// System Administrator and System Customizer are recognised by template id, the same in
    /// every environment, while their role ids differ from one environment to the next
    /// (DATAVERSE.md §1.4), and a role file carries no template id. A file of that exact name whose
    /// id the environment does not know is the environment's built-in role of that name (or, in an
    /// environment without one, a new role with the built-in's template): imported as a role of
    /// its own, it was a second "System Administrator" that was not one [I].
    static func builtInByName(
        _ sr: SolutionRole, in env: Environment, warnings: inout [ImportWarning]
    ) -> (id: String, templateId: String)? {
        guard env.roles[sr.id] == nil else { return nil }
        let template: String
        switch sr.name {
        case BuiltInRole.systemAdministrator.rawValue: template = SecurityRole.systemAdministratorTemplateId
        case BuiltInRole.systemCustomizer.rawValue: template = SecurityRole.systemCustomizerTemplateId
        default: return nil
        }
        if let existing = env.roles.values.first(where: { $0.normalizedTemplateId == template }) {
            warnings.append(
                ImportWarning(
                    file: sr.file,
                    message:
                        "role '\(sr.name)' (id \(sr.id) in the file) is taken as this environment's built-in \(sr.name) (id \(existing.id)): built-in roles have another id in each environment [I]"
                ))
            return (existing.id, template)
        }
        warnings.append(
            ImportWarning(
                file: sr.file,
                message: "role '\(sr.name)' is taken as the built-in \(sr.name) by its name: a role file carries no template id [I]"))
        return (sr.id, template)
    }

}
