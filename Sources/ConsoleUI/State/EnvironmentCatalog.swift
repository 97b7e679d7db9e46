import SecurityModel

/// The sorted lists of one environment, computed once and kept in the state.
///
/// Sorting 100,000 users takes longer than a frame, so it happens when an environment is opened
/// (and, for the small kinds, after an edit that creates, renames or deletes one), never while
/// drawing. Each list has lower-cased search keys in the same order for the live filter.
public struct EnvironmentCatalog: Hashable, Sendable {
    /// Ids in display order plus their search keys.
    public struct Entries: Hashable, Sendable {
        public var ids: [String]
        /// Lower-cased text the filter matches, parallel to ``ids``.
        public var keys: [String]
        /// Where each id is in ``ids``: ``key(of:)`` at once, for the who-can filter's 98,000 rows
        /// (it lower-cased each row's text again at every key, found by a scale review).
        private var positions: [String: Int]

        public init(ids: [String] = [], keys: [String] = []) {
            self.ids = ids
            self.keys = keys
            positions = Dictionary(ids.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        }

        /// Ids whose key contains `filter` (case-insensitive), best matches first
        /// (``FilterRank``); all ids, in order, for an empty filter.
        public func matching(_ filter: String) -> [String] {
            guard !filter.isEmpty else { return ids }
            return FilterRank.ranked(ids.indices, filter: filter) { keys[$0] }.map { ids[$0] }
        }

        /// The search key of `id`, nil when it is not listed.
        public func key(of id: String) -> String? { positions[id].map { keys[$0] } }
    }

    /// One business unit in the tree, in depth-first order.
    public struct TreeNode: Hashable, Sendable {
        public var id: String
        public var depth: Int
        /// For each ancestor level, whether a vertical guide continues (the ancestor has later siblings).
        public var guides: [Bool]
        public var isLastChild: Bool
        public var hasChildren: Bool
        public var parentId: String?
    }

    public var environmentId: String
    public var users: Entries
    public var teams: Entries
    public var roles: Entries
    public var profiles: Entries
    public var tables: Entries
    /// Every business unit, depth first, children by name.
    public var businessUnitTree: [TreeNode]
    /// Business-unit search keys (name and path), by id.
    public var businessUnitKeys: [String: String]

    public init(environment env: Environment) {
        environmentId = env.id
        users = Entries()
        teams = Entries()
        roles = Entries()
        profiles = Entries()
        tables = Entries()
        businessUnitTree = []
        businessUnitKeys = [:]
        rebuildUsers(env)
        rebuildSmallKinds(env)
    }

    /// Re-sorts users (expensive for large environments: only on open).
    public mutating func rebuildUsers(_ env: Environment) {
        let sorted = env.users.values.sortedByName(\.name, id: \.id)
        users = Entries(ids: sorted.map(\.id), keys: sorted.map { ($0.name + " " + $0.domainName).lowercased() })
    }

    /// Re-sorts teams, roles, profiles, tables and the business-unit tree.
    public mutating func rebuildSmallKinds(_ env: Environment) {
        let t = env.sortedTeams
        teams = Entries(ids: t.map(\.id), keys: t.map { ($0.name + " " + $0.type.label).lowercased() })
        let r = env.sortedRoles
        roles = Entries(ids: r.map(\.id), keys: r.map { $0.name.lowercased() })
        let p = env.sortedProfiles
        profiles = Entries(ids: p.map(\.id), keys: p.map { $0.name.lowercased() })
        let tb = env.sortedTables
        tables = Entries(
            ids: tb.map(\.logicalName),
            keys: tb.map { ($0.logicalName + " " + $0.displayName + " " + $0.schemaName).lowercased() })
        var tree: [TreeNode] = []
        var children: [String: [BusinessUnit]] = [:]
        var roots: [BusinessUnit] = []
        for bu in env.businessUnits.values {
            if let p = bu.parentId, env.businessUnits[p] != nil {
                children[p, default: []].append(bu)
            } else {
                roots.append(bu)
            }
        }
        var seen: Set<String> = []
        func visit(_ bu: BusinessUnit, depth: Int, guides: [Bool], last: Bool) {
            guard seen.insert(bu.id).inserted else { return }
            let kids = (children[bu.id] ?? []).sortedByName(\.name, id: \.id)
            tree.append(
                TreeNode(
                    id: bu.id, depth: depth, guides: guides, isLastChild: last, hasChildren: !kids.isEmpty,
                    parentId: bu.parentId))
            for (i, kid) in kids.enumerated() {
                visit(kid, depth: depth + 1, guides: depth == 0 ? [] : guides + [!last], last: i == kids.count - 1)
            }
        }
        let sortedRoots = roots.sortedByName(\.name, id: \.id)
        for (i, root) in sortedRoots.enumerated() { visit(root, depth: 0, guides: [], last: i == sortedRoots.count - 1) }
        businessUnitTree = tree
        businessUnitKeys = Dictionary(
            uniqueKeysWithValues: env.businessUnits.values.map {
                ($0.id, env.businessUnitPath($0.id).lowercased())
            })
    }

    /// The entries of a pane (business units come from the tree).
    public func entries(for pane: Pane) -> Entries {
        switch pane {
        case .users: users
        case .teams: teams
        case .roles: roles
        case .profiles: profiles
        case .tables: tables
        case .businessUnits:
            Entries(ids: businessUnitTree.map(\.id), keys: businessUnitTree.map { businessUnitKeys[$0.id] ?? "" })
        }
    }

    /// The business units to show: the tree without collapsed subtrees, or every match of a filter.
    public func visibleBusinessUnits(collapsed: Set<String>, filter: String) -> [String] {
        if !filter.isEmpty {
            return FilterRank.ranked(ids: businessUnitTree.map(\.id), filter: filter) { businessUnitKeys[$0] ?? "" }
        }
        var out: [String] = []
        var hiddenBelowDepth: Int?
        for node in businessUnitTree {
            if let d = hiddenBelowDepth {
                if node.depth > d { continue }
                hiddenBelowDepth = nil
            }
            out.append(node.id)
            if collapsed.contains(node.id) { hiddenBelowDepth = node.depth }
        }
        return out
    }

    /// The tree node of a business unit.
    public func node(_ id: String) -> TreeNode? { businessUnitTree.first { $0.id == id } }
}
