/// What a user's impact adds up to, for one-line summaries.
struct ImpactCounts {
    var raised = 0, lowered = 0, scopeMoves = 0, scopesNarrowed = 0, dormant = 0
    var columnsGained = 0, columnsLost = 0, miscRaised = 0, miscLowered = 0
    /// Read unmasked allowed on both sides, for more or fewer records.
    var unmaskedWidened = 0, unmaskedNarrowed = 0
    /// Column permissions gained or lost where the user has no table operation to use them on
    /// (no record to read the column on), and those of a dormant user: nothing moves at run time,
    /// yet they are the user's lines (a user with only these read "no change in levels").
    var unusableGained = 0, unusableLost = 0, columnsDormant = 0
    /// Tables with a changed operation, in the order of the lines (by table).
    var tables: [String] = []

    init(_ i: UserImpact) {
        var last: String?
        for c in i.tableChanges {
            if c.table != last {
                tables.append(c.table)
                last = c.table
            }
            if c.isDormant {
                dormant += 1
            } else if c.isScopeChange {
                // Moved or widened (records of another unit in reach), or narrowed.
                if c.risk == .reduction { scopesNarrowed += 1 } else { scopeMoves += 1 }
            } else if c.new > c.old {
                raised += 1
            } else {
                lowered += 1
            }
        }
        for c in i.columnChanges {
            let wider = c.oldUnmasked.flatMap { o in c.newUnmasked.map { $0.rawValue > o.rawValue } } ?? c.new
            if c.isDormant {
                columnsDormant += 1
                continue
            }
            if c.withoutTableOperation != nil {
                if wider { unusableGained += 1 } else { unusableLost += 1 }
                continue
            }
            if let o = c.oldUnmasked, let n = c.newUnmasked {
                if n.rawValue > o.rawValue { unmaskedWidened += 1 } else { unmaskedNarrowed += 1 }
            } else if c.new {
                columnsGained += 1
            } else {
                columnsLost += 1
            }
        }
        for m in i.miscChanges where !m.isDormant {
            if m.new > m.old { miscRaised += 1 } else { miscLowered += 1 }
        }
    }

    /// `3 operations up, 1 down on account, contact; 2 column permissions gained; 1 misc privilege
    /// up`: zero counts left out, and `tables` (when given) named after the operations they are of.
    func description(tables: String? = nil) -> String {
        var operations: [String] = []
        if raised > 0 { operations.append(counted(raised, "operation") + " up") }
        if lowered > 0 { operations.append(raised > 0 ? "\(lowered) down" : counted(lowered, "operation") + " down") }
        if scopeMoves > 0 { operations.append(counted(scopeMoves, "scope") + " moved or widened") }
        if scopesNarrowed > 0 { operations.append(counted(scopesNarrowed, "scope") + " narrowed") }
        if dormant > 0 { operations.append("\(dormant) dormant") }
        var parts: [String] = []
        if !operations.isEmpty { parts.append(operations.joined(separator: ", ") + (tables.map { " on " + $0 } ?? "")) }
        var columns: [String] = []
        if columnsGained > 0 { columns.append(counted(columnsGained, "column permission") + " gained") }
        if columnsLost > 0 {
            columns.append(columnsGained > 0 ? "\(columnsLost) lost" : counted(columnsLost, "column permission") + " lost")
        }
        if unmaskedWidened > 0 { columns.append("Read unmasked widened on \(counted(unmaskedWidened, "column"))") }
        if unmaskedNarrowed > 0 { columns.append("Read unmasked narrowed on \(counted(unmaskedNarrowed, "column"))") }
        if !columns.isEmpty { parts.append(columns.joined(separator: ", ")) }
        var unusable: [String] = []
        if unusableGained > 0 { unusable.append(counted(unusableGained, "column permission") + " gained") }
        if unusableLost > 0 {
            unusable.append(unusableGained > 0 ? "\(unusableLost) lost" : counted(unusableLost, "column permission") + " lost")
        }
        if !unusable.isEmpty {
            let them = unusableGained + unusableLost == 1 ? "it" : "them"
            parts.append(unusable.joined(separator: ", ") + " without the table operation (no record to use \(them) on)")
        }
        if columnsDormant > 0 { parts.append(counted(columnsDormant, "column permission") + " dormant") }
        var misc: [String] = []
        if miscRaised > 0 { misc.append(counted(miscRaised, "misc privilege") + " up") }
        if miscLowered > 0 { misc.append(miscRaised > 0 ? "\(miscLowered) down" : counted(miscLowered, "misc privilege") + " down") }
        if !misc.isEmpty { parts.append(misc.joined(separator: ", ")) }
        return parts.isEmpty ? "no change in levels" : parts.joined(separator: "; ")
    }
}
