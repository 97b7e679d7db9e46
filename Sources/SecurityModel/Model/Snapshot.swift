/// A snapshot of one tenant's security model: its environments, each with its own business
/// units, users, teams, roles, tables and profiles. This is what dvsec loads, edits and saves.
public struct Snapshot: Hashable, Sendable {
    /// The `format` name every snapshot file carries.
    public static let formatName = "dvsec-snapshot"
    /// The version this build writes. Older known versions are migrated on load.
    /// The newest format version this dvsec reads. Version 2 added `roleBusinessUnits` (the
    /// unit of the role copy a user or team holds); a snapshot that uses none is still written
    /// as version 1 (``formatVersion``), which every dvsec reads.
    public static let currentVersion = 2

    /// The version a snapshot is written with: the oldest that holds everything in it.
    public var formatVersion: Int {
        let namesCopies = environments.values.contains { env in
            env.users.values.contains { !$0.roleBusinessUnitIds.isEmpty } || env.teams.values.contains { !$0.roleBusinessUnitIds.isEmpty }
        }
        return namesCopies ? 2 : 1
    }

    /// The tenant (organisation) name.
    public var tenant: String
    /// Environments by id.
    public var environments: [String: Environment]

    public init(tenant: String, environments: [Environment] = []) {
        self.tenant = tenant
        self.environments = Dictionary(environments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Environments in display order: production first, then by name.
    public var sortedEnvironments: [Environment] {
        environments.values.sorted { a, b in
            let pa = a.type == .production ? 0 : 1
            let pb = b.type == .production ? 0 : 1
            return (pa, a.name, a.id) < (pb, b.name, b.id)
        }
    }

    /// Finds an environment by id, exact name, or case-insensitive name prefix / type
    /// (`prod`, `Contoso Sandbox`); `nil` when none matches or when several match equally well
    /// (see ``environments(matching:)``).
    public func environment(matching key: String) -> Environment? {
        let found = environments(matching: key)
        return found.count == 1 ? found[0] : nil
    }

    /// The environments `key` names, from the best kind of match that finds any: the id, the
    /// whole name (case-insensitive), the type (`production`), then a prefix of a name or a
    /// type. More than one is ambiguous: a caller names them rather than picking one.
    public func environments(matching key: String) -> [Environment] {
        if let e = environments[key] { return [e] }
        let lower = key.trimmingCharacters(in: .whitespaces).lowercased()
        // Every name starts with the empty string: an empty key names nothing.
        guard !lower.isEmpty else { return [] }
        let sorted = sortedEnvironments
        for matches in [
            { (e: Environment) in e.name.lowercased() == lower }, { (e: Environment) in e.type.rawValue == lower },
            { (e: Environment) in e.name.lowercased().hasPrefix(lower) || e.type.rawValue.hasPrefix(lower) },
        ] {
            let found = sorted.filter(matches)
            if !found.isEmpty { return found }
        }
        return []
    }
}

extension Snapshot {
    /// What the file said that dvsec reads differently (see ``Environment/readDifferently``), one
    /// line each, naming the environment and the role, in display order (environments, then
    /// roles by name). Names are ``printable(_:keepingLineBreaks:)``.
    public var readDifferently: [String] {
        sortedEnvironments.flatMap { env in
            // By role, then text: they are found walking dictionaries, whose order changes from
            // one run to the next.
            env.readDifferently.notes.sorted { ($0.roleName, $0.roleId, $0.message) < ($1.roleName, $1.roleId, $1.message) }.map { note in
                "environment “\(printable(env.name))”, \(note.kind) “\(printable(note.roleName))” (\(printable(note.roleId))): \(printable(note.message))"
            }
        }
    }
}
