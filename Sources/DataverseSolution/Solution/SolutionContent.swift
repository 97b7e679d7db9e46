import SecurityModel

/// `Other/Solution.xml` (or `solution.xml` in a zip): the solution's identity and its root
/// components.
public struct SolutionManifest: Sendable, Hashable {
    /// A root component: `type` 20 is a security role, 70 a field security profile, 1 a table.
    public struct RootComponent: Sendable, Hashable {
        /// The component type (20 role, 70 field security profile, 1 table ...).
        public var type: Int
        /// The component id, normalized (lower case, no braces); `nil` for components named by schema name.
        public var id: String?
        /// The schema name, for components listed by name (tables).
        public var schemaName: String?
    }

    /// `UniqueName`, e.g. `ContosoSecurity`.
    public var uniqueName: String
    /// The first `LocalizedName`.
    public var displayName: String?
    /// `Version`, e.g. `1.4.0.0`.
    public var version: String?
    /// `Managed`: whether the solution was exported as managed.
    public var isManaged: Bool?
    /// `RootComponents`, in file order.
    public var rootComponents: [RootComponent]

    /// The name to show: the display name, else the unique name.
    public var name: String { displayName.map(RecordName.trimmed).flatMap { $0.isEmpty ? nil : $0 } ?? uniqueName }
}

/// One `RolePrivilege` as written in the file.
public struct SolutionPrivilege: Sendable, Hashable {
    /// The name exactly as written (`prvAppendtoCategory`).
    public var name: String
    /// The `level` attribute (never `none`: absent privileges are not written).
    public var level: AccessLevel
    /// The line the parser reported for the element.
    public var line: Int
}

/// A security role as read from `Roles/<name>.xml` or `customizations.xml`, before its privilege
/// names are mapped to tables.
public struct SolutionRole: Sendable, Hashable {
    /// The role id, normalized (lower case, no braces).
    public var id: String
    /// The `name` attribute.
    public var name: String
    /// `isinherited`; `nil` when the attribute is absent (newer exports), which means unknown
    /// (Dataverse's default is 1).
    public var isInherited: Bool?
    /// `IsCustomizable`; `nil` when absent.
    public var isCustomizable: Bool?
    /// `IsAutoAssigned` (newer exports); `nil` when absent.
    public var isAutoAssigned: Bool?
    /// `AppliesTo`, `Description`, `SummaryOfCoreTablePermissions`: present in some exports.
    public var appliesTo: String?
    public var description: String?
    public var summaryOfCoreTablePermissions: String?
    /// `RolePrivileges`, in file order, names as written.
    public var privileges: [SolutionPrivilege]
    /// The file the role came from, and the line of its `Role` element.
    public var file: String
    public var line: Int
}

/// A field security profile as read, with where it came from.
public struct SolutionProfile: Sendable, Hashable {
    /// The profile's id, name, description and permissions; members are never in solutions.
    public var profile: FieldSecurityProfile
    /// The file and the line of the `FieldSecurityProfile` element.
    public var file: String
    public var line: Int
    /// The line of each `FieldPermission` element.
    public var permissionLines: [ColumnReference: Int] = [:]
    /// The permissions' columns in file order (an export rewriting the file keeps it).
    public var permissionOrder: [ColumnReference] = []
}

/// A table as read from `Entities/<Schema>/Entity.xml` (or `customizations.xml`): its names,
/// ownership and the columns the file lists. A solution may list only some columns.
public struct SolutionTable: Sendable, Hashable {
    public var table: Table
    /// Whether the file states the ownership (`OwnershipTypeMask`); when not, an import keeps
    /// what the snapshot knows.
    public var ownershipIsKnown: Bool
    /// The file and the line of the `Entity` element.
    public var file: String
    public var line: Int
}

/// A problem dvsec worked around while reading or importing: the import goes on, and the
/// summary lists it.
public struct ImportWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file the warning is about; empty when it is about no one file.
    public var file: String
    /// The line, when known.
    public var line: Int?
    public var message: String

    /// A warning about `file` (at `line`, when known).
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return file.isEmpty ? message : "\(file): \(message)"
    }
}

/// Everything dvsec reads from one solution, folder or zip.
public struct SolutionContent: Sendable, Hashable {
    /// The folder or zip it was read from.
    public var source: String
    /// `Solution.xml`, when the solution has one.
    public var manifest: SolutionManifest?
    /// Roles, profiles and tables in file order.
    public var roles: [SolutionRole] = []
    public var profiles: [SolutionProfile] = []
    public var tables: [SolutionTable] = []
    /// Problems worked around while reading (a privilege listed twice, a manifest entry without a file).
    public var warnings: [ImportWarning] = []

    /// Empty content read from `source`.
    public init(source: String, manifest: SolutionManifest? = nil) {
        self.source = source
        self.manifest = manifest
    }

    /// The solution's name: from the manifest, else the folder or zip name.
    public var name: String {
        if let m = manifest { return m.name }
        var last = source.split(separator: "/").last.map(String.init) ?? source
        if last.lowercased().hasSuffix(".zip") { last.removeLast(4) }
        return last.isEmpty ? "Solution" : last
    }
}
