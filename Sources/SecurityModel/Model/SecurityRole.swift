/// A security role (`role`).
///
/// Dataverse copies a role into every business unit and stores its privileges once, on the
/// root copy; dvsec keeps one ``SecurityRole`` per root role. Roles travel in solutions, so their
/// ids are stable across environments.
public struct SecurityRole: Hashable, Sendable, Identifiable {
    /// `roletemplateid` of System Administrator, the same in every environment.
    public static let systemAdministratorTemplateId = "627090ff-40a3-4053-8790-584edc5be201"
    /// `roletemplateid` of System Customizer.
    public static let systemCustomizerTemplateId = "119f245c-3cc8-4b62-b31c-d1a046ced15d"

    public var id: String
    public var name: String
    /// `businessunitid`: the unit the role was made in (its copies are in that unit and every unit
    /// below it). With modernized business units, Local/Deep grants of a holder outside that
    /// subtree refer to it (``Environment/assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)``).
    public var businessUnitId: String
    /// `roletemplateid`, present on built-in roles.
    public var templateId: String?
    /// `isinherited`, Member's privilege inheritance: `true` = "Direct User (Basic) access level and
    /// Team privileges" (the default), `false` = "Team privileges only".
    public var inheritsMemberPrivileges: Bool
    /// Whether ``inheritsMemberPrivileges`` is known. `false` for a role read from a solution file
    /// without `isinherited` (exports after platform 9.2.24042 omit it): the value is then the
    /// default, `true`, and a solution export omits the attribute again so the file round-trips.
    public var inheritsMemberPrivilegesKnown: Bool
    public var description: String?
    /// `summaryofcoretablepermissions`, as Dataverse generates it.
    public var summaryOfCoreTablePermissions: String?
    /// Whether this is a built-in role with a fixed identity, such as Basic User (matched by name or template).
    public var isManaged: Bool
    public var isCustomizable: Bool?
    public var isAutoAssigned: Bool?
    public var appliesTo: String?
    /// Table privileges by table logical name; absent tables have no privileges.
    public var privileges: [String: PrivilegeRow]
    /// Miscellaneous privileges (`prvExportToExcel`, `prvBulkDelete` ...) by name.
    public var miscPrivileges: [String: AccessLevel]
    /// Privileges whose name could not be mapped to a table and operation on import. Kept so they
    /// round-trip, never dropped silently.
    public var unmappedPrivileges: [String: AccessLevel]

    public init(
        id: String, name: String, businessUnitId: String, templateId: String? = nil,
        inheritsMemberPrivileges: Bool = true, description: String? = nil,
        summaryOfCoreTablePermissions: String? = nil, isManaged: Bool = false, isCustomizable: Bool? = nil,
        isAutoAssigned: Bool? = nil, appliesTo: String? = nil, privileges: [String: PrivilegeRow] = [:],
        miscPrivileges: [String: AccessLevel] = [:], unmappedPrivileges: [String: AccessLevel] = [:],
        inheritsMemberPrivilegesKnown: Bool = true
    ) {
        self.id = id
        self.name = name
        self.businessUnitId = businessUnitId
        self.templateId = templateId
        self.inheritsMemberPrivileges = inheritsMemberPrivileges
        self.inheritsMemberPrivilegesKnown = inheritsMemberPrivilegesKnown
        self.description = description
        self.summaryOfCoreTablePermissions = summaryOfCoreTablePermissions
        self.isManaged = isManaged
        self.isCustomizable = isCustomizable
        self.isAutoAssigned = isAutoAssigned
        self.appliesTo = appliesTo
        self.privileges = privileges
        self.miscPrivileges = miscPrivileges
        self.unmappedPrivileges = unmappedPrivileges
    }

    /// The template GUID in one spelling (lower case, no braces), whatever the file wrote:
    /// `{627090FF-40A3-4053-8790-584EDC5BE201}` is System Administrator's.
    public var normalizedTemplateId: String? {
        guard let raw = templateId else { return nil }
        if raw == Self.systemAdministratorTemplateId || raw == Self.systemCustomizerTemplateId { return raw }
        var t = raw.lowercased()
        if t.hasPrefix("{") && t.hasSuffix("}") && t.count == 38 { t = String(t.dropFirst().dropLast()) }
        return t
    }

    /// The built-in role this is, recognised by template id (or, for Basic User, by name).
    public var builtIn: BuiltInRole? {
        if let t = normalizedTemplateId {
            if t == Self.systemAdministratorTemplateId { return .systemAdministrator }
            if t == Self.systemCustomizerTemplateId { return .systemCustomizer }
        }
        if name == "Basic User" { return .basicUser }
        return nil
    }

    /// System Administrator: every privilege at Global, sees all data and all secured columns.
    public var isSystemAdministrator: Bool { builtIn == .systemAdministrator }

    /// The level this role grants for an operation on a table. System Administrator grants
    /// Organization on everything.
    public func level(_ operation: TableOperation, on table: String) -> AccessLevel {
        if isSystemAdministrator { return .organization }
        return privileges[table]?[operation] ?? .none
    }
}

/// The built-in roles dvsec recognises.
public enum BuiltInRole: String, Sendable, Hashable {
    case systemAdministrator = "System Administrator"
    case systemCustomizer = "System Customizer"
    case basicUser = "Basic User"
}
