import SecurityModel

/// Who holds one role (`H` on a role): its users directly, then its teams' members, as the
/// domain's ``RoleReport`` lists them for `dvsec report --role`.
public struct RoleHoldersState: Hashable, Sendable {
    public var roleId: String
    /// The domain's answer: holders (each user once per way they hold it) and teams.
    public var report: RoleReport
    /// ``AppState/modelGeneration`` the report was made at.
    public var generation: Int
    /// Rows: indices into the report's holders, as strings, narrowed by the filter.
    public var list: ListState

    public init(report: RoleReport, generation: Int) {
        self.roleId = report.roleId
        self.report = report
        self.generation = generation
        self.list = ListState(rows: report.holders.indices.map(String.init))
    }

    /// The holder of a row.
    public func holder(_ row: String) -> RoleReport.HolderLine? {
        Int(row).flatMap { report.holders.indices.contains($0) ? report.holders[$0] : nil }
    }

    /// How many users hold it directly, and how many distinct users in all.
    public var directCount: Int { report.holders.count { $0.path == RoleReport.directPath } }
    public var userCount: Int { Set(report.holders.map(\.userId)).count }

    /// The rows whose name, domain name or way of holding it contains `filter` (any case).
    func rows(filter: String) -> [String] {
        let needle = filter.lowercased()
        return report.holders.indices.filter { i in
            let h = report.holders[i]
            return needle.isEmpty || (h.name + " " + h.domainName + " " + h.path).lowercased().contains(needle)
        }.map(String.init)
    }
}
