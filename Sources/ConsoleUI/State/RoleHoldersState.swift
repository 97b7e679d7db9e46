import SecurityModel

/// Who holds one role (`H` on a role): its users directly, then its teams' members, as the
/// domain's ``RoleReport`` lists them for `dvsec report --role`.
public struct RoleHoldersState: Hashable, Sendable {
    public var roleId: String
    /// The domain's answer: holders (each user once per way they hold it) and teams.
    public let report: RoleReport
    /// ``AppState/modelGeneration`` the report was made at.
    public var generation: Int
    /// Rows: indices into the report's holders, as strings, narrowed by the filter.
    public var list: ListState
    /// How many users hold it directly, and how many distinct users in all: counted once per
    /// report, since the header shows them on every frame (a set of 97,000 ids was rebuilt per
    /// frame for Basic User at 100,000 users; found by a scale review).
    public let directCount: Int
    public let userCount: Int
    /// Each holder's name, domain name and way of holding it, lower-cased, parallel to the
    /// report's holders: made at the first filter and kept for the next keys (they were made
    /// again for every holder on every key typed: 163–217 ms per key; found by a scale review).
    private(set) var filterKeys: [String]?

    public init(report: RoleReport, generation: Int) {
        self.roleId = report.roleId
        self.report = report
        self.generation = generation
        self.list = ListState(rows: report.holders.indices.map(String.init))
        self.directCount = report.holders.count { $0.path == RoleReport.directPath }
        self.userCount = Set(report.holders.map(\.userId)).count
    }

    /// The holder of a row.
    public func holder(_ row: String) -> RoleReport.HolderLine? {
        Int(row).flatMap { report.holders.indices.contains($0) ? report.holders[$0] : nil }
    }

    /// The rows whose name, domain name or way of holding it contains `filter` (any case).
    mutating func rows(filter: String) -> [String] {
        let needle = FilterRank.Needle(filter)
        guard !needle.isEmpty else { return report.holders.indices.map(String.init) }
        let keys = filterKeys ?? report.holders.map { ($0.name + " " + $0.domainName + " " + $0.path).lowercased() }
        filterKeys = keys
        return keys.indices.filter { FilterRank.contains(keys[$0], needle) }.map(String.init)
    }
}
