/// How serious a finding is. `warning` and above fail `dvsec check`.
public enum FindingSeverity: String, CaseIterable, Sendable, Hashable, Comparable {
    case error, warning, info

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    /// Errors sort first.
    public static func < (a: FindingSeverity, b: FindingSeverity) -> Bool { a.rank < b.rank }

    /// Whether a finding of this severity makes `dvsec check` exit 1.
    public var failsCheck: Bool { self != .info }
}

/// Where a finding is: the environment and the entity path inside it.
///
/// ``path`` is what people read and write in suppression files (`role/Sales Manager`,
/// `table/contoso_payment/column/contoso_iban`); ``key`` is made of ids, so the same place is
/// recognised in another environment or after a rename.
public struct FindingPlace: Hashable, Sendable, Comparable {
    public var environmentId: String
    public var environmentName: String
    /// Entity kind and name(s), `/`-separated: `role/Sales Manager`, `user/adele@contoso.com`,
    /// `team/Sales EU/role/Seller`, `environment`.
    public var path: String
    /// The same place by ids: `role:<id>`, `user:<id>`, `team:<id>/role:<id>`, `column:table.column`.
    public var key: String
    /// The privilege inside the place the finding is about, when it names one (AP5: Share on a
    /// role's first broadly shared table): where to look first. Not part of ``key`` or ``path``,
    /// so suppressions and baselines match as before.
    public var table: String? = nil
    public var operation: TableOperation? = nil

    public init(environment: Environment, path: String, key: String) {
        environmentId = environment.id
        environmentName = environment.name
        self.path = path
        self.key = key
    }

    /// `Contoso Production/role/Sales Manager`.
    public var description: String { environmentName + "/" + path }

    public static func < (a: FindingPlace, b: FindingPlace) -> Bool {
        (a.environmentName, a.path, a.key) < (b.environmentName, b.path, b.key)
    }
}

/// One go-live problem: which rule, how serious, where, what, and how to fix it.
public struct Finding: Hashable, Sendable {
    /// The rule id from DATAVERSE.md §4, with a letter when a row holds several rules (`AP4a`).
    public var ruleId: String
    public var title: String
    /// The rule's severity, or a finding-specific one (AP2, GL2 vary).
    public var severity: FindingSeverity
    /// The rule is inferred ([I] in DATAVERSE.md): consistent with the sources, not stated outright.
    public var isInferred: Bool
    public var place: FindingPlace
    /// What is wrong here, with names.
    public var message: String
    /// How to fix it.
    public var fix: String

    public init(rule: CheckRule, severity: FindingSeverity? = nil, place: FindingPlace, message: String, fix: String? = nil) {
        ruleId = rule.id
        title = rule.title
        self.severity = severity ?? rule.severity
        isInferred = rule.isInferred
        self.place = place
        self.message = message
        self.fix = fix ?? rule.fix
    }

    /// Identity across environments and runs: the rule and the place by ids.
    public var baselineKey: String { ruleId + "|" + place.key }

    /// Errors first, then rule id, then place.
    static func order(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
        return a.place < b.place
    }
}

/// What a finding is about, read from its place's ``FindingPlace/key``: where a console takes
/// the reader to fix it.
public enum FindingTarget: Hashable, Sendable {
    case role(String)
    case user(String)
    case team(String)
    case table(String)
    case column(ColumnReference)
    case profile(String)
    case businessUnit(String)
    /// The environment's settings (security group, admin mode) or its business-unit tree.
    case environment
}

extension FindingPlace {
    /// The record the finding is about; for `team:<id>/role:<id>` the team (its roles are edited
    /// there). Nil for a key this version does not know.
    public var target: FindingTarget? {
        let first = key.split(separator: "/", maxSplits: 1).first.map(String.init) ?? key
        guard let colon = first.firstIndex(of: ":") else {
            return key == "environment" || key == "businessUnitTree" ? .environment : nil
        }
        let kind = first[..<colon]
        let id = String(first[first.index(after: colon)...])
        switch kind {
        case "role": return .role(id)
        case "user": return .user(id)
        case "team": return .team(id)
        case "table": return .table(id)
        case "profile": return .profile(id)
        case "businessUnit": return .businessUnit(id)
        case "column":
            guard let dot = id.firstIndex(of: ".") else { return nil }
            return .column(ColumnReference(table: String(id[..<dot]), column: String(id[id.index(after: dot)...])))
        default: return nil
        }
    }
}
