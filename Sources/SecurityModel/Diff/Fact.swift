/// The value of one fact about an object. References compare by id and show a name.
enum FactValue: Hashable, Sendable {
    case text(String)
    case flag(Bool)
    case level(AccessLevel)
    /// An ordered value such as `canreadunmasked` (0, 1, 3).
    case rank(Int, String)
    case reference(id: String, display: String)
    /// A relation that exists (a role assigned, a member): shown as its subject.
    case present(String)

    var display: String {
        switch self {
        case .text(let s): s
        case .flag(let b): b ? "yes" : "no"
        case .level(let l): l.label
        case .rank(_, let s): s
        case .reference(_, let d): d
        case .present(let s): s
        }
    }

    /// Equality that ignores display names (a renamed role does not change an assignment).
    func sameValue(as other: FactValue) -> Bool {
        switch (self, other) {
        case (.reference(let a, _), .reference(let b, _)): a == b
        case (.present, .present): true
        case (.rank(let a, _), .rank(let b, _)): a == b
        default: self == other
        }
    }
}

/// One attribute or relation of an object, the unit of comparison: an object is its facts, and two
/// versions differ by the facts that differ. Comparing facts keeps the diff symmetric (A→B is B→A
/// read backwards) for every kind at once.
struct Fact: Sendable {
    var field: DiffField
    /// Unique within the object for this field (a table and operation, a member id ...).
    var key: String
    var subject: String
    var subjectId: String?
    var value: FactValue
    var table: String?
    var operation: TableOperation?
    var column: ColumnReference?
    var permission: ColumnPermissionKind?
    var note: String?

    init(
        _ field: DiffField, _ value: FactValue, key: String = "", subject: String = "", subjectId: String? = nil,
        table: String? = nil, operation: TableOperation? = nil, column: ColumnReference? = nil,
        permission: ColumnPermissionKind? = nil, note: String? = nil
    ) {
        self.field = field
        self.key = key
        self.subject = subject
        self.subjectId = subjectId
        self.value = value
        self.table = table
        self.operation = operation
        self.column = column
        self.permission = permission
        self.note = note
    }

    var fullKey: String { field.rawValue + "|" + key }

    /// A relation fact: a role assigned, a member added.
    static func relation(_ field: DiffField, id: String, name: String, note: String? = nil) -> Fact {
        Fact(field, .present(name), key: id, subject: name, subjectId: id, note: note)
    }
}

/// Turns two fact lists (either side may be absent) into diff lines.
enum FactDiff {
    /// `classify` decides the risk of one changed fact from its old and new values.
    static func lines(
        base: [Fact]?, target: [Fact]?, classify: (Fact, FactValue?, FactValue?) -> (RiskClass, [RiskReason])
    ) -> [DiffLine] {
        let b = Dictionary((base ?? []).map { ($0.fullKey, $0) }, uniquingKeysWith: { a, _ in a })
        let t = Dictionary((target ?? []).map { ($0.fullKey, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [DiffLine] = []
        for key in Set(b.keys).union(t.keys) {
            let old = b[key]
            let new = t[key]
            if let o = old, let n = new, o.value.sameValue(as: n.value) { continue }
            guard let fact = new ?? old else { continue }
            let (risk, reasons) = classify(fact, old?.value, new?.value)
            // Both sides' notes when they differ: Read -> Delegated Admin lifts one inferred rule
            // and brings another.
            let notes = [old?.note, new?.note].compactMap { $0 }
            let note = notes.count == 2 && notes[0] != notes[1] ? notes.joined(separator: "; ") : notes.last
            out.append(
                DiffLine(
                    field: fact.field, subject: fact.subject, subjectId: fact.subjectId, old: old?.value.display,
                    new: new?.value.display, risk: risk, reasons: reasons, note: note, table: fact.table,
                    operation: fact.operation, column: fact.column, permission: fact.permission))
        }
        return out
    }
}
