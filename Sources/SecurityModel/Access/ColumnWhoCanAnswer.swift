/// A rule a column who-can answer relies on, stated with the answer.
public enum ColumnWhoCanRule: Hashable, Sendable {
    /// The column is not secured: column security does not restrict it, so whoever has the table
    /// operation has the column (DATAVERSE.md §1.6).
    case notSecured(table: String, operation: TableOperation)
    /// Column security never grants record access: each user still needs the table operation.
    case needsTablePrivilege(table: String, operation: TableOperation)
    /// System Administrator holds every secured column.
    case systemAdministratorHasEverySecuredColumn
    /// Several profiles combine as a union: any profile, direct or through a team, that allows it [I].
    case profilesCombineAsUnion
    /// Users with access mode Read get no Create or Update, whatever their profiles say [I].
    case readAccessModeExcluded
    /// Read unmasked shows a masked value only to who may read the column: without Read on
    /// it there is nothing to unmask [I].
    case unmaskedNeedsRead

    /// Whether Dataverse documentation states this rule outright (`false` = inferred, marked [I]).
    public var isInferred: Bool {
        switch self {
        case .profilesCombineAsUnion, .readAccessModeExcluded, .unmaskedNeedsRead: true
        case .notSecured, .needsTablePrivilege, .systemAdministratorHasEverySecuredColumn: false
        }
    }

    /// The rule in words, with `[I]` when it is inferred.
    public var label: String {
        let text: String =
            switch self {
            case .notSecured(let table, let operation):
                "not secured: column security does not restrict it; everyone who can \(operation.label) \(table) has it"
            case .needsTablePrivilege(let table, let operation):
                "column security never grants record access: each user also needs \(operation.label) on \(table)"
            case .systemAdministratorHasEverySecuredColumn: "System Administrator holds every secured column"
            case .profilesCombineAsUnion: "profiles combine as a union: any profile, held directly or through a team, that allows it"
            case .readAccessModeExcluded: "users with access mode Read get no Create or Update on columns"
            case .unmaskedNeedsRead: "Read unmasked needs Read on the column: without it there is nothing to unmask"
            }
        return isInferred ? text + " [I]" : text
    }
}

/// The answer to "who can `kind` `table.column`", shaped like ``WhoCanAnswer``: users allowed at run
/// time, dormant users apart, and the rules the answer relies on.
public struct ColumnWhoCanAnswer: Hashable, Sendable {
    public var column: ColumnReference
    public var kind: ColumnPermissionKind
    public var isSecured: Bool
    /// The table operation the column permission goes with: Read for read and read unmasked,
    /// Create for create, Write for update. For an unsecured column it alone decides.
    public var tableOperation: TableOperation
    /// Users allowed at run time, by name. Empty for an unsecured column (see ``rules``).
    public var users: [ColumnWhoCanEntry]
    /// Users whose profiles (or System Administrator) allow it but who are dormant, by name.
    public var dormantUsers: [ColumnWhoCanEntry]
    /// Users whose profiles (or System Administrator) allow Create or Update but whose access
    /// mode Read keeps it from working [I], by name.
    public var readAccessModeUsers: [ColumnWhoCanEntry] = []
    /// The rules the answer relies on, [I] ones included; the first says what decides.
    public var rules: [ColumnWhoCanRule]
    public var notEvaluated: [NotEvaluated]

    /// Active users allowed on the column who lack the table operation it goes with
    /// (``ColumnWhoCanEntry/tableLevel`` None): listed, but not counted among those who can.
    public var usersWithoutTableOperation: Int { users.count { $0.answer.withoutTableOperation } }

    /// Active users allowed Read unmasked who may not read the column (and have the table
    /// operation, so they are not counted twice): listed, not counted among those who can [I].
    public var usersWithoutColumnRead: Int {
        users.count { $0.tableLevel != AccessLevel.none && $0.columnReadAllowed == false }
    }

    /// Active users who can use it: the column permission, the table operation, and for Read
    /// unmasked Read on the column.
    public var usersCounted: Int { users.count - usersWithoutTableOperation - usersWithoutColumnRead }

    /// Why such a user still cannot use the column: "no Read on contact: no record to read it on".
    public var withoutTableOperationWords: String { kind.withoutTableOperationWords(table: column.table) }

    /// The entry of a user, active or dormant.
    public func entry(for userId: String) -> ColumnWhoCanEntry? {
        users.first { $0.userId == userId } ?? dormantUsers.first { $0.userId == userId }
            ?? readAccessModeUsers.first { $0.userId == userId }
    }
}

extension ColumnPermissionKind {
    /// Why a user allowed this permission on a column of `table` without the table operation it
    /// goes with cannot use it: "no Read on contact: no record to read it on".
    /// Why Read unmasked without Read on the column cannot be used [I].
    public static let withoutColumnReadWords = "no Read on the column: nothing to unmask [I]"

    public func withoutTableOperationWords(table: String) -> String {
        switch self {
        case .read, .readUnmasked: "no \(tableOperation.label) on \(table): no record to read it on"
        case .create: "no Create on \(table): cannot create the record"
        case .update: "no \(tableOperation.label) on \(table): no record to update it on"
        }
    }

    /// The table operation a column permission goes with: reading a column needs Read on the
    /// table, updating it Write, creating it Create.
    public var tableOperation: TableOperation {
        switch self {
        case .read, .readUnmasked: .read
        case .create: .create
        case .update: .write
        }
    }

    /// The permission a word names: `read`, `create`, `update`, `readUnmasked`, `read-unmasked`,
    /// `unmasked`, any case.
    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: " ", with: "")
        if key == "unmasked" {
            self = .readUnmasked
            return
        }
        guard let kind = ColumnPermissionKind.allCases.first(where: { $0.rawValue.lowercased() == key }) else { return nil }
        self = kind
    }
}

extension AccessIndex {
    /// Who can `kind` a column, split into active and dormant users as ``whoCan(table:operation:minimumLevel:)``
    /// does; nil when the table or column does not exist. An unsecured column lists nobody and says
    /// which table operation decides instead.
    public func columnWhoCan(_ ref: ColumnReference, kind: ColumnPermissionKind) -> ColumnWhoCanAnswer? {
        guard let column = environment.tables[ref.table]?.columns[ref.column] else { return nil }
        let operation = kind.tableOperation
        guard column.isSecured else {
            return ColumnWhoCanAnswer(
                column: ref, kind: kind, isSecured: false, tableOperation: operation, users: [], dormantUsers: [],
                rules: [.notSecured(table: ref.table, operation: operation)], notEvaluated: NotEvaluated.forColumns)
        }
        var active: [ColumnWhoCanEntry] = []
        var dormant: [ColumnWhoCanEntry] = []
        var readMode: [ColumnWhoCanEntry] = []
        let table = tableIndex[ref.table]
        // Read unmasked: who may read the column at all (the grants, as for the entry itself).
        let readers: Set<String>? =
            kind == .readUnmasked ? Set(whoCan(column: ref, kind: .read).filter { $0.answer.grantedAllowed }.map(\.userId)) : nil
        for var entry in whoCan(column: ref, kind: kind) {
            // Column security never grants record access: say who has no record to use it on.
            if let table, let slot = userSlots[entry.userId] {
                entry.tableLevel = grantedRow(denseUser(Int(slot)), table: table)[operation]
            }
            if let readers { entry.columnReadAllowed = readers.contains(entry.userId) }
            if entry.answer.allowed {
                active.append(entry)
            } else if entry.answer.blockedByReadAccessMode {
                readMode.append(entry)
            } else if !entry.answer.dormancy.isEmpty {
                dormant.append(entry)
            }
        }
        var rules: [ColumnWhoCanRule] = [
            .needsTablePrivilege(table: ref.table, operation: operation),
            .systemAdministratorHasEverySecuredColumn, .profilesCombineAsUnion,
        ]
        if kind == .create || kind == .update { rules.append(.readAccessModeExcluded) }
        if kind == .readUnmasked { rules.append(.unmaskedNeedsRead) }
        return ColumnWhoCanAnswer(
            column: ref, kind: kind, isSecured: true, tableOperation: operation, users: active,
            dormantUsers: dormant, readAccessModeUsers: readMode, rules: rules, notEvaluated: NotEvaluated.forColumns)
    }
}

extension Environment {
    /// The routes by which a user holds a column permission, in words, System Administrator first,
    /// names quoted as ``describe(_:)`` quotes them: `System Administrator: direct role "System
    /// Administrator"`, `profile "Finance Profile" (direct member)`, `team "Finance (Entra)"
    /// (Entra security group, BU "Shared Services") → profile "Finance Profile"`.
    public func describeColumnPaths(_ answer: ColumnAccessAnswer) -> [String] {
        var out: [String] = []
        if let admin = answer.systemAdministrator { out.append("System Administrator: " + describe(admin)) }
        for grant in answer.grants {
            let profile = "profile \(quotedName(fieldSecurityProfiles[grant.profileId]?.name ?? grant.profileId))"
            switch grant.via {
            case .direct: out.append(profile + " (direct member)")
            case .team(let teamId):
                guard let t = teams[teamId] else {
                    out.append("team \(quotedName(teamId)) → \(profile)")
                    continue
                }
                let bu = businessUnits[t.businessUnitId]?.name ?? t.businessUnitId
                // A team of a disabled unit: said as every path through it says it (a domain
                // review found the profile's route without its [I]).
                let note = disabledTeamUnitWords(teamId).map { " [\($0)]" } ?? ""
                out.append(
                    "team \(quotedName(t.name)) (\(t.isDefault ? "default team" : t.type.label), BU \(quotedName(bu))) → \(profile)\(note)")
            }
        }
        return out
    }
}
